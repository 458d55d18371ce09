// A send the kernel refuses (issue 9 item 2): sendto() failing with EMSGSIZE used to throw from
// the flush callback, uncaught, and end the process. Now a refusal rejects exactly the requests
// it concerns and the socket goes on working.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { SyscallError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import { runIn } from '../../src/ns/executor.js';
import { ip, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

t.test('refused sends', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'send');
  ip('-n', ns, 'link', 'add', 's0', 'type', 'veth', 'peer', 'name', 's1');

  t.test('200 pipelined requests on a socket with a small sndbuf all succeed', async (t) => {
    // The kernel floors SO_SNDBUF at ~4.5 KiB; 200 link.set requests do not fit one datagram.
    const nl = Netlink.adopt(await runIn(ns, 'netlinkSocket', { sndbuf: 1024 }), ns);
    t.teardown(() => nl.close());
    const sets = Array.from({ length: 200 }, (_, i) => nl.link.set({ dev: 's0', mtu: 1300 + (i % 50) }));
    const r = await Promise.allSettled(sets);
    t.same(r.filter((x) => x.status === 'rejected').map((x) => String((x as PromiseRejectedResult).reason)), [], 'none rejected');
    t.equal((await nl.link.get('s0')).attrs.mtu, 1300 + 199 % 50, 'the last one won');
  });

  t.test('a request bigger than the send buffer fails alone; its neighbours and the socket live on', async (t) => {
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());
    const before = nl.request({ type: K.RTM_GETLINK, body: { header: { family: 0, index: 1 }, attrs: {} } });
    const huge = nl.request({ type: K.RTM_GETLINK, body: Buffer.alloc(2 << 20) });
    const after = nl.request({ type: K.RTM_GETLINK, body: { header: { family: 0, index: 1 }, attrs: {} } });
    const err = await huge.then(() => null, (e: unknown) => e);
    t.type(err, SyscallError);
    t.equal((err as SyscallError).code, 'EMSGSIZE');
    t.match((err as Error).message, /RTM_GETLINK .*\[netns .*\] \(2097168 bytes\)/, 'the message names the request, its namespace and its size');
    t.equal((await before).messages.length, 1, 'the request queued before it is answered');
    t.equal((await after).messages.length, 1, 'the request queued after it is answered');
    t.equal((await nl.link.get('lo')).header.index, 1, 'the socket still works');
  });
});
