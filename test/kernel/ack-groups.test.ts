// Edges of one ack per datagram (socket.ts elideAcks/settleCovered) against the real kernel in a
// scratch namespace: a request with its own ack (answered before the carrier's) must not
// overtake the covered requests called before it; a carrier whose reply fails to decode still answers for the covered ones;
// a carrier or covered request given up on (abort) after it was sent leaves the others their
// outcomes.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { DecodeError, type NetlinkError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import type { Codec } from '../../src/netlink/codecs.js';
import { ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { execFileSync } from 'node:child_process';
import { NLM_F_DUMP } from '../../src/netlink/constants.js';

const skip = kernelSkipReason();

const addrs = (ns: string) => ipJson<{ addr_info: { local: string }[] }[]>('-n', ns, '-j', 'addr', 'show', 'dev', 'lo')[0]!.addr_info.map((a) => a.local).filter((a) => a.startsWith('10.')).sort();
const addBody = (a: string) => ({ header: { family: K.AF_INET, prefixlen: 32, index: 1 }, attrs: { local: a, address: a } });
const add = (nl: Netlink, a: string, extra: Record<string, unknown> = {}) => nl.request({ type: K.RTM_NEWADDR, flags: 0x400 | 0x200, body: addBody(a), op: `add ${a}`, ...extra });

t.test('ack groups', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'ackg');
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());

  t.test('a request with its own ack settles after the covered request before it', async (t) => {
    const order: string[] = [];
    const all = [
      add(nl, '10.9.1.1').then(() => order.push('a')),
      add(nl, '10.9.1.2', { ownAck: true }).then(() => order.push('own')),
      add(nl, '10.9.1.3').then(() => order.push('c')),
    ];
    await Promise.all(all);
    t.same(order, ['a', 'own', 'c']);
  });

  t.test('a carrier whose reply fails to decode still answers for the covered requests', async (t) => {
    const broken: Codec<unknown> = { name: 'broken', write: () => { throw new Error('unused'); }, read: () => { throw new DecodeError('broken', 'refused'); } } as unknown as Codec<unknown>;
    const r = await Promise.allSettled([
      add(nl, '10.9.2.1', { timeout: 2000 }),
      nl.request({ type: K.RTM_GETLINK, body: { header: { family: 0, index: 1 }, attrs: {} }, replyCodec: broken, timeout: 2000 }),
    ]);
    t.equal(r[0].status, 'fulfilled', `the covered add: ${r[0].status === 'rejected' ? (r[0].reason as Error).message : 'ok'}`);
    t.ok(r[1].status === 'rejected' && r[1].reason instanceof DecodeError, 'the carrier fails with its decode error');
    t.ok(addrs(ns).includes('10.9.2.1'), 'ip -j agrees');
  });

  t.test('request() with NLM_F_DUMP (the raw escape hatch) next to other requests: answered whole, and nothing hangs', async (t) => {
    // 40 links: more than one 32 KiB part, so the dump is still running when the carrier's ack comes.
    execFileSync('ip', ['-n', ns, '-batch', '-'], { input: Array.from({ length: 20 }, (_, i) => `link add v${i} type veth peer name w${i}`).join('\n') });
    const count = ipJson<unknown[]>('-n', ns, '-j', 'link', 'show').length;
    const dump = { type: K.RTM_GETLINK, flags: NLM_F_DUMP, body: { header: { family: 0 }, attrs: {} }, timeout: 2000 };
    const covered = await Promise.allSettled([nl.request(dump), add(nl, '10.9.5.1', { timeout: 2000 })]);
    t.same(covered.map((x) => x.status === 'fulfilled' ? 'ok' : String(x.reason)), ['ok', 'ok']);
    t.equal(covered[0].status === 'fulfilled' && covered[0].value.messages.length, count, 'covered: every link ip -j shows, not the first part');
    const carrier = await Promise.allSettled([add(nl, '10.9.5.2', { timeout: 2000 }), nl.request(dump)]);
    t.same(carrier.map((x) => x.status === 'fulfilled' ? 'ok' : String(x.reason)), ['ok', 'ok'], 'as the carrier: its NLMSG_DONE (no ack comes) settles the add before it');
    t.equal(carrier[1].status === 'fulfilled' && carrier[1].value.messages.length, count);
  });

  /** Runs `then` right after the next datagram is handed to sendto(), before its answers are read. */
  const afterNextSend = (then: () => void, on = nl) => {
    const sock = on.sock as unknown as { send: (...a: unknown[]) => void };
    const send = sock.send;
    sock.send = function (this: unknown, ...a: unknown[]) { sock.send = send; send.apply(this, a); then(); };
  };

  t.test('a carrier given up on after it was sent: its ack still settles the covered requests', async (t) => {
    const ac = new AbortController();
    afterNextSend(() => ac.abort());
    // Both covered requests succeed: only the carrier's ack can settle them.
    const r = await Promise.allSettled([add(nl, '10.9.3.1', { timeout: 2000 }), add(nl, '10.9.3.2', { timeout: 2000 }), add(nl, '10.9.3.3', { signal: ac.signal })]);
    t.same(r.map((x) => x.status === 'fulfilled' ? 'ok' : (x.reason as NetlinkError).code), ['ok', 'ok', 'ABORT_ERR']);
    t.same(addrs(ns).filter((a) => a.startsWith('10.9.3.')), ['10.9.3.1', '10.9.3.2', '10.9.3.3'], 'ip -j: the abandoned carrier was applied');
  });

  t.test('a covered request given up on after it was sent: the others keep their outcomes', async (t) => {
    const ac = new AbortController();
    afterNextSend(() => ac.abort());
    const r = await Promise.allSettled([add(nl, '10.9.4.1', { signal: ac.signal }), add(nl, '10.9.4.2', { timeout: 2000 }), add(nl, '10.9.4.2', { timeout: 2000 })]);
    t.same(r.map((x) => x.status === 'fulfilled' ? 'ok' : (x.reason as NetlinkError).code), ['ABORT_ERR', 'ok', 'EEXIST']);
    t.same(addrs(ns).filter((a) => a.startsWith('10.9.4.')), ['10.9.4.1', '10.9.4.2']);
  });

  t.test('close() after the datagram left and before its answers were read rejects the whole group', async (t) => {
    const other = await Netlink.open({ netns: ns });
    afterNextSend(() => void other.close(), other);
    const r = await Promise.allSettled([add(other, '10.9.6.1', { timeout: 2000 }), add(other, '10.9.6.2', { timeout: 2000 }), add(other, '10.9.6.3', { timeout: 2000 })]);
    t.same(r.map((x) => x.status === 'fulfilled' ? 'ok' : (x.reason as { code?: string }).code), ['ERR_NETLINK_CLOSED', 'ERR_NETLINK_CLOSED', 'ERR_NETLINK_CLOSED'], 'none hangs, none claims success');
  });
});
