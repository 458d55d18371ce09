// Socket edge cases against the real kernel, in a scratch namespace: NLM_F_DUMP_INTR surfaces as
// DumpInterruptedError carrying what was read (and the opt-in retry re-runs the dump), and a
// monitor socket whose receive buffer overruns reports ENOBUFS instead of silently losing events.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkSocket } from '../../src/netlink/socket.js';
import { DumpInterruptedError, NetlinkError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import { runIn } from '../../src/ns/executor.js';
import { ip, kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { injectDumpIntr } from '../helpers/dump-intr.js';

const skip = kernelSkipReason();


t.test('socket edge cases', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'edge');
  ip('-n', ns, 'link', 'add', 'e0', 'type', 'veth', 'peer', 'name', 'e1');

  t.test('NLM_F_DUMP_INTR is a typed error carrying what was read; retries are bounded', async (t) => {
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());
    const spec = { type: K.RTM_GETLINK, op: 'link.list', body: { header: { family: 0 }, attrs: {} } };
    const inj = injectDumpIntr(nl.sock, 1);
    const err = await nl.dumpAll(spec, { retries: 0 }).then(() => null, (e: unknown) => e);
    t.type(err, DumpInterruptedError);
    t.equal((err as DumpInterruptedError).messages.length, 3, 'the three links read are carried');
    t.equal((err as DumpInterruptedError).request?.op, 'link.list');
    t.equal(inj.seen(), 1);

    const inj2 = injectDumpIntr(nl.sock, 2);
    const ok = await nl.dumpAll(spec, { retries: 2 });
    t.equal(ok.length, 3, 'the third attempt is clean and returned');
    t.equal(inj2.seen(), 2, 'two interrupted attempts were retried');

    injectDumpIntr(nl.sock, 5);
    await t.rejects(nl.dumpAll(spec, { retries: 1 }), DumpInterruptedError, 'retries are bounded');

    // The streamed form throws at the end, after yielding everything.
    injectDumpIntr(nl.sock, 1);
    let n = 0;
    await t.rejects((async () => { for await (const m of nl.dump(spec)) { void m; n++; } })(), DumpInterruptedError);
    t.equal(n, 3, 'the stream yielded all it read before throwing');
    injectDumpIntr(nl.sock, 1);
    const e = await (async () => { for await (const m of nl.dump(spec)) void m; })().then(() => null, (x: unknown) => x);
    t.equal((e as DumpInterruptedError).count, 3, 'the streamed error counts what was yielded');
    t.same((e as DumpInterruptedError).messages, [], 'and does not pretend to hold them');
  });

  t.test('closing a socket settles every waiter, queued dumps included', async (t) => {
    const nl = await Netlink.open({ netns: ns });
    const spec = { type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: {} } };
    // The second and third dumps wait behind the first (one dump per socket at a time).
    const waiting = [nl.dumpAll(spec), nl.dumpAll(spec), nl.dumpAll(spec), nl.request(spec)];
    await nl.close();
    const settled = await Promise.race([
      Promise.allSettled(waiting),
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 2000)),
    ]);
    t.not(settled, 'hung', 'nothing is left waiting');
    if (settled !== 'hung') {
      t.ok(settled.every((s) => s.status === 'rejected' && (s.reason as { code?: string }).code === 'ERR_NETLINK_CLOSED'), 'all rejected as closed');
    }
    await t.rejects(nl.request(spec), { code: 'ERR_NETLINK_CLOSED' }, 'a closed socket refuses new work');
  });

  t.test('a monitor socket that overruns reports ENOBUFS', async (t) => {
    const fd = await runIn(ns, 'netlinkSocket', { groups: [K.RTNLGRP_LINK], rcvbuf: 4096 });
    const mon = new NetlinkSocket(fd, ns);
    t.teardown(() => mon.close());
    let overrun: Error | undefined;
    let events = 0;
    const stop = mon.listen((m) => { if (m instanceof Error) overrun ??= m; else events++; });
    t.teardown(stop);
    // Each change emits an RTM_NEWLINK of ~1.5 KB; 100 of them cannot sit in a 4 KiB buffer
    // while this thread is blocked in execFileSync and not reading.
    for (let i = 0; i < 50; i++) ip('-n', ns, 'link', 'set', 'e0', i % 2 ? 'up' : 'down');
    await new Promise((r) => setTimeout(r, 50));
    t.type(overrun, NetlinkError);
    t.equal((overrun as NetlinkError).code, 'ENOBUFS');
    t.ok(events > 0, `events that fit were still delivered (${events})`);
  });
});

// A request whose encoding fails midway is cut from the datagram it shared with others; the next
// request's reserved (padding) bytes must be zero again, or the kernel reads them as header
// fields ("Invalid values in header for get link request", found in review).
t.test('a failed encode leaves no bytes behind for the next request in the same sendto()', { skip }, async (t) => {
  const ns = scratchNs(t, 'stale');
  const fd = await runIn(ns, 'netlinkSocket', {});
  const nl = Netlink.adopt(fd, ns);
  t.teardown(() => nl.close());
  const bad = nl.request({ type: K.RTM_GETROUTE, body: { header: { family: 2, dst_len: 24, src_len: 24, tos: 7 }, attrs: { dst: 'not-an-ip' } } });
  const good = nl.request({ type: K.RTM_GETLINK, body: { header: { family: 0, index: 1 }, attrs: {} } });
  await t.rejects(bad, 'the bad one fails to encode');
  const r = await good;
  t.equal(r.messages.length, 1, 'the one after it is answered');
  t.equal((r.messages[0] as { body: { header: { index: number } } }).body.header.index, 1);
});
