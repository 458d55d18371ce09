// Requests that leave in one datagram ask for one ack, the last one's (socket.ts elideAcks):
// the kernel answers every failure anyway, so each request still gets its own outcome. Checked
// against the real kernel in a scratch namespace: the bytes handed to sendto() (their
// NLM_F_ACK bits), each promise's outcome, the kernel's echo of a failed request's flags, and
// the end state as `ip -j` shows it.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError } from '../../src/netlink/errors.js';
import { NLM_F_ACK } from '../../src/netlink/constants.js';
import { NLMSG_HDRLEN } from '../../src/netlink/align.js';
import * as K from '../../src/netlink/route/constants.js';
import { ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

/** Records the ack bits of every message of every datagram the socket sends. */
function recordAcks(nl: Netlink): boolean[][] {
  const seen: boolean[][] = [];
  const sock = nl.sock as unknown as { send: (data: Buffer, ...rest: unknown[]) => void };
  const send = sock.send.bind(sock);
  sock.send = (data: Buffer, ...rest: unknown[]) => {
    const acks: boolean[] = [];
    for (let off = 0; off + NLMSG_HDRLEN <= data.length; off += (data.readUInt32LE(off) + 3) & ~3) acks.push((data.readUInt16LE(off + 6) & NLM_F_ACK) !== 0);
    seen.push(acks);
    send(data, ...rest);
  };
  return seen;
}

const outcome = (r: PromiseSettledResult<unknown>) => r.status === 'fulfilled' ? 'ok' : (r.reason as NetlinkError).code;
const addrs = (ns: string) => ipJson<{ addr_info: { local: string }[] }[]>('-n', ns, '-j', 'addr', 'show', 'dev', 'lo')[0]!.addr_info.map((a) => a.local).filter((a) => a.startsWith('10.')).sort();

t.test('one ack per datagram', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'acks');
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  await nl.link.set({ dev: 'lo', up: true });
  const seen = recordAcks(nl);

  t.test('a failure in the middle fails that request only', async (t) => {
    seen.length = 0;
    const r = await Promise.allSettled(['10.0.0.1', '10.0.0.2', '10.0.0.1', '10.0.0.3', '10.0.0.4'].map((a) => nl.addr.add({ dev: 1, address: `${a}/32` })));
    t.same(r.map(outcome), ['ok', 'ok', 'EEXIST', 'ok', 'ok']);
    t.same(seen, [[false, false, false, false, true]], 'one datagram; only its last message asks for an ack');
    t.equal((((r[2] as PromiseRejectedResult).reason as NetlinkError).request!.flags & NLM_F_ACK), 0, 'the error names the flags that were sent');
    t.same(addrs(ns), ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'], 'ip -j agrees');
  });

  t.test('the last request fails: the ones before it succeeded', async (t) => {
    seen.length = 0;
    const r = await Promise.allSettled(['10.0.0.5', '10.0.0.6', '10.0.0.5'].map((a) => nl.addr.add({ dev: 1, address: `${a}/32` })));
    t.same(r.map(outcome), ['ok', 'ok', 'EEXIST']);
    t.same(seen, [[false, false, true]]);
    t.same(addrs(ns), ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
  });

  t.test('promises settle in call order', async (t) => {
    const order: number[] = [];
    await Promise.allSettled(['10.0.1.1', '10.0.1.2', '10.0.1.1', '10.0.1.3'].map((a, i) => nl.addr.add({ dev: 1, address: `${a}/32` }).finally(() => order.push(i))));
    t.same(order, [0, 1, 2, 3]);
  });

  t.test('ownAck keeps a request its own ack; a dump in the datagram keeps its NLMSG_DONE', async (t) => {
    seen.length = 0;
    const body = (a: number) => ({ header: { family: K.AF_INET, prefixlen: 32, index: 1 }, attrs: { local: `10.0.2.${a}`, address: `10.0.2.${a}` } });
    const [a, d, b, c] = await Promise.all([
      nl.request({ type: K.RTM_NEWADDR, flags: 0x400 | 0x200, body: body(1), ownAck: true }),
      nl.dumpAll({ type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: {} } }),
      nl.request({ type: K.RTM_NEWADDR, flags: 0x400 | 0x200, body: body(2) }),
      nl.request({ type: K.RTM_NEWADDR, flags: 0x400 | 0x200, body: body(3) }),
    ]);
    t.same([a, b, c].map((x) => (x as { messages: unknown[] }).messages), [[], [], []]);
    t.equal((d as unknown[]).length, 1, 'the dump answered (lo)');
    t.same(seen.flat(), [true, false, false, true], 'own ack kept, the dump untouched (it never asks), the middle request covered');
  });

  t.test('600 pipelined adds and deletes, several datagrams', async (t) => {
    seen.length = 0;
    const all: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) {
      const address = `10.1.${i >> 8}.${i & 255}/32`;
      all.push(nl.addr.add({ dev: 1, address }), nl.addr.del({ dev: 1, address }));
    }
    const r = await Promise.allSettled(all);
    t.equal(r.filter((x) => x.status === 'fulfilled').length, 600);
    t.ok(seen.length >= 3, `${seen.length} datagrams (the in-flight window is 256)`);
    t.ok(seen.every((d) => d.slice(0, -1).every((a) => !a) && d[d.length - 1]), 'each asks for one ack, its last');
    t.same(addrs(ns).filter((a) => a.startsWith('10.1.')), [], 'every add was deleted');
  });
});
