// Call order is wire order, link.add's echo and the per-handle name cache, against the kernel in
// scratch namespaces (ip -j is the oracle for ifindexes and addresses).
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError } from '../../src/netlink/errors.js';
import type { RequestSpec } from '../../src/netlink/socket.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

/** Counts the requests a handle sends (by message type) from now on. */
function countRequests(nl: Netlink): number[] {
  const types: number[] = [];
  const orig = nl.sock.request.bind(nl.sock);
  nl.sock.request = ((spec: RequestSpec) => { types.push(spec.type); return orig(spec); }) as typeof nl.sock.request;
  return types;
}

const ifindexOf = (ns: string, dev: string) => ipJson<{ ifindex: number }[]>('-n', ns, 'link', 'show', 'dev', dev)[0]!.ifindex;

t.test('call order, echo and name cache', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'order');
  const far = scratchNs(t, 'orderfar');
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());

  t.test('link.add resolves with the ifindex and the veth peer\'s, from the echo, in one request', async (t) => {
    const types = countRequests(nl);
    const r = await nl.link.add({ kind: 'veth', name: 'e0', peer: { name: 'p0', netns: far } });
    t.same(types, [16], 'one RTM_NEWLINK, no RTM_GETLINK');
    t.equal(r.ifindex, ifindexOf(ns, 'e0'), 'ifindex as ip shows it');
    const peer = ipJson<{ ifindex: number; link_netnsid?: number }[]>('-n', ns, 'link', 'show', 'dev', 'e0')[0]!;
    t.equal(r.peer?.ifindex, ifindexOf(far, 'p0'), 'the peer\'s ifindex in its namespace');
    t.equal(r.peer?.nsid, peer.link_netnsid, 'the peer\'s netnsid');
    const same = await nl.link.add({ kind: 'veth', name: 'e1', peer: { name: 'p1' } });
    t.same({ ifindex: same.ifindex, peer: same.peer }, { ifindex: ifindexOf(ns, 'e1'), peer: { ifindex: ifindexOf(ns, 'p1') } }, 'peer in the same namespace: no nsid');
    const br = await nl.link.add({ kind: 'bridge', name: 'b0' });
    t.same(br, { ifindex: ifindexOf(ns, 'b0') }, 'not a veth: no peer');
    const there = await nl.link.add({ kind: 'bridge', name: 'b1', netns: far });
    t.same(there, {}, 'made in another namespace: the kernel echoes there, so no ifindex');
    t.equal(ifindexOf(far, 'b1') > 0, true, 'b1 exists in the other namespace');
    types.length = 0;
    await nl.addr.add({ dev: 'e1', address: '10.7.0.1/24' });
    await nl.addr.add({ dev: 'p1', address: '10.7.1.1/24' });
    await nl.link.set({ dev: 'e1', up: true });
    t.same(types, [20, 20, 16], 'names this handle made (link and peer) need no lookup');
  });

  t.test('a route issued after the address it depends on, in the same tick, succeeds', async (t) => {
    ip('-n', ns, 'link', 'add', 'a0', 'type', 'veth', 'peer', 'name', 'a1');
    ip('-n', ns, 'link', 'set', 'a0', 'up');
    // The address needs a lookup of a0 (ip made it); the route needs none. Sent in call order,
    // the address is in place when the kernel checks the gateway.
    const [addr, route] = await Promise.allSettled([
      nl.addr.add({ dev: 'a0', address: '10.9.0.1/24' }),
      nl.route.add({ dst: '10.10.0.0/16', via: '10.9.0.2' }),
    ]);
    t.equal(addr.status, 'fulfilled');
    t.equal(route.status, 'fulfilled', route.status === 'rejected' ? String(route.reason) : 'route added');
    t.equal(ipJson<{ gateway?: string }[]>('-n', ns, 'route', 'show', '10.10.0.0/16')[0]?.gateway, '10.9.0.2');
  });

  t.test('a route issued before the address it depends on fails, as sent in call order', async (t) => {
    ip('-n', ns, 'link', 'add', 'c0', 'type', 'veth', 'peer', 'name', 'c1');
    ip('-n', ns, 'link', 'set', 'c0', 'up');
    const [route, addr] = await Promise.allSettled([
      nl.route.add({ dst: '10.12.0.0/16', via: '10.11.0.2' }),
      nl.addr.add({ dev: 'c0', address: '10.11.0.1/24' }),
    ]);
    t.equal(route.status, 'rejected');
    t.equal(route.status === 'rejected' && (route.reason as NetlinkError).code, 'ENETUNREACH');
    t.equal(addr.status, 'fulfilled');
  });

  t.test('link.add then calls naming it, in one tick', async (t) => {
    const done = await Promise.allSettled([
      nl.link.add({ kind: 'veth', name: 'n0', peer: { name: 'n1' } }),
      nl.addr.add({ dev: 'n0', address: '10.13.0.1/24' }),
      nl.link.set({ dev: 'n0', up: true }),
      nl.route.add({ dst: '10.14.0.0/16', via: '10.13.0.2' }),
    ]);
    t.same(done.map((d) => d.status), ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'], done.map((d) => (d.status === 'rejected' ? String(d.reason) : 'ok')).join('; '));
  });

  t.test('an addr call that needs no lookup does not overtake one waiting for its lookup', async (t) => {
    // addr.add by a name ip made (a lookup first), then addr.del of the same address by ifindex
    // (addr.ts sends that at once when nothing waits): in call order the add is there to delete.
    ip('-n', ns, 'link', 'add', 'w0', 'type', 'veth', 'peer', 'name', 'w1');
    const w0 = ifindexOf(ns, 'w0');
    const r = await Promise.allSettled([
      nl.addr.add({ dev: 'w0', address: '10.21.0.1/24' }),
      nl.addr.del({ dev: w0, address: '10.21.0.1/24' }),
      nl.addr.add({ dev: w0, address: '10.21.0.2/24' }),
    ]);
    t.same(r.map((x) => x.status === 'fulfilled' ? 'ok' : String(x.reason)), ['ok', 'ok', 'ok']);
    t.same(ipJson<{ addr_info: { local: string }[] }[]>('-n', ns, 'addr', 'show', 'dev', 'w0')[0]!.addr_info.map((a) => a.local), ['10.21.0.2'], 'ip -j: added, deleted, the next one added');
  });

  t.test('a lookup does not wait for an add issued after it', async (t) => {
    const [addr, add] = await Promise.allSettled([
      nl.addr.add({ dev: 'q0', address: '10.19.0.1/24' }),
      nl.link.add({ kind: 'bridge', name: 'q0' }),
    ]);
    t.equal(addr.status, 'rejected', 'q0 did not exist when the address was asked for');
    t.match(addr.status === 'rejected' && addr.reason, { name: 'NetlinkError', code: 'ENODEV' }, 'not found: the kernel\'s ENODEV (one shape, issue 9 item 15)');
    t.equal(add.status, 'fulfilled');
  });

  t.test('the cache forgets what this handle deletes, renames or moves, and what failed with ENODEV', async (t) => {
    const first = await nl.link.add({ kind: 'veth', name: 'x0', peer: { name: 'x1' } });
    await nl.link.del('x0');
    const second = await nl.link.add({ kind: 'bridge', name: 'x0' });
    t.not(second.ifindex, first.ifindex, 'a new link under the old name');
    await nl.addr.add({ dev: 'x0', address: '10.15.0.1/24' });
    t.equal(ipJson<{ addr_info: unknown[] }[]>('-n', ns, 'addr', 'show', 'dev', 'x0')[0]!.addr_info.length > 0, true, 'the address went to the new x0');

    await nl.link.add({ kind: 'bridge', name: 'r0' });
    await nl.link.set({ dev: 'r0', name: 'r1' });
    await t.rejects(nl.addr.add({ dev: 'r0', address: '10.16.0.1/24' }), { name: 'NetlinkError', code: 'ENODEV' }, 'renamed: the old name is gone');
    await nl.addr.add({ dev: 'r1', address: '10.16.0.1/24' });

    await nl.link.add({ kind: 'veth', name: 'm0', peer: { name: 'm1' } });
    await nl.link.set({ dev: 'm0', netns: far });
    await t.rejects(nl.addr.add({ dev: 'm0', address: '10.17.0.1/24' }), { name: 'NetlinkError', code: 'ENODEV' }, 'moved away: not here any more');

    await nl.link.add({ kind: 'bridge', name: 'z0' });
    ip('-n', ns, 'link', 'del', 'z0'); // behind the handle's back
    await t.rejects(nl.addr.add({ dev: 'z0', address: '10.18.0.1/24' }), { code: 'ENODEV' }, 'the kernel refuses the stale index');
    ip('-n', ns, 'link', 'add', 'z0', 'type', 'bridge');
    await nl.addr.add({ dev: 'z0', address: '10.18.0.1/24' });
    t.equal(ipJson<{ addr_info: unknown[] }[]>('-n', ns, 'addr', 'show', 'dev', 'z0')[0]!.addr_info.length, 1, 'looked up again after ENODEV');
  });

  t.test('link.set by name needs no lookup and says which device is missing', async (t) => {
    const types = countRequests(nl);
    ip('-n', ns, 'link', 'add', 's0', 'type', 'bridge');
    await nl.link.set({ dev: 's0', up: true, mtu: 1400 });
    t.same(types, [16], 'one RTM_NEWLINK by IFLA_IFNAME');
    t.equal(ipJson<{ mtu: number }[]>('-n', ns, 'link', 'show', 'dev', 's0')[0]!.mtu, 1400);
    await t.rejects(nl.link.set({ dev: 'nosuch', up: true }), { name: 'NetlinkError', code: 'ENODEV', message: /Cannot find device "nosuch"/ });
  });
});
