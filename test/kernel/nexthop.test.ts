// nl.nexthop against the kernel in a scratch namespace: objects and groups we add show in
// `ip -j nexthop show` as asked, ones ip made decode to what ip shows, routes use them by
// `nhid`, and flush leaves nothing (groups first).
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError, UsageError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

t.test('add, replace, get, list, del, flush against ip -j nexthop', { skip }, async (t) => {
  const ns = scratchNs(t, 'nh');
  for (const l of ['link add v0 type veth peer name v1', 'link set lo up', 'link set v0 up', 'link set v1 up', 'addr add 10.0.0.1/24 dev v0', 'addr add 2001:db8:1::1/64 dev v0 nodad']) ip('-n', ns, ...l.split(' '));
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());

  await nl.nexthop.add({ id: 1, via: '10.0.0.2', dev: 'v0' });
  await nl.nexthop.add({ id: 2, via: '2001:db8:1::2', dev: 'v0', onlink: true, protocol: 'static' });
  await nl.nexthop.add({ id: 3, dev: 'v0' });
  await nl.nexthop.add({ id: 4, blackhole: true });
  await nl.nexthop.add({ id: 10, group: [{ id: 1 }, { id: 3, weight: 2 }] });
  await nl.nexthop.add({ id: 11, group: [{ id: 1 }, { id: 3 }], groupType: 'resilient', resilient: { buckets: 8, idleTimer: 10, unbalancedTimer: 20 } });
  await nl.nexthop.add({ id: 20, via: '10.0.0.5', fdb: true });
  await nl.nexthop.replace({ id: 3, via: '10.0.0.3', dev: 'v0' });

  const theirs = ipJson<any[]>('-n', ns, 'nexthop', 'show');
  t.same(theirs, [
    { id: 1, gateway: '10.0.0.2', dev: 'v0', scope: 'link', flags: [] },
    { id: 2, gateway: '2001:db8:1::2', dev: 'v0', scope: 'link', protocol: 'static', flags: ['onlink'] },
    { id: 3, gateway: '10.0.0.3', dev: 'v0', scope: 'link', flags: [] },
    { id: 4, blackhole: null, flags: [] },
    { id: 10, group: [{ id: 1 }, { id: 3, weight: 2 }], flags: [] },
    { id: 11, group: [{ id: 1 }, { id: 3 }], type: 'resilient', resilient_args: { buckets: 8, idle_timer: 10, unbalanced_timer: 20, unbalanced_time: 0 }, flags: [] },
    { id: 20, gateway: '10.0.0.5', scope: 'link', flags: [], fdb: null },
  ], 'ip sees what we asked for');

  const ours = await nl.nexthop.list();
  t.same(ours.map((n) => n.attrs.id), [1, 2, 3, 4, 10, 11, 20], 'the same objects, in the same order');
  t.same((await nl.nexthop.get(2)).header, { family: K.AF_INET6, scope: K.RT_SCOPE_LINK, protocol: K.RTPROT_STATIC, flags: K.RTNH_F_ONLINK });
  const g = await nl.nexthop.get(11);
  t.same([g.attrs.group_type, g.attrs.res_group?.buckets, g.attrs.res_group?.idle_timer], [K.NEXTHOP_GRP_TYPE_RES, 8, 1000]);
  t.same((await nl.nexthop.list({ groups: true })).map((n) => n.attrs.id), [10, 11], 'groups filter (kernel side)');
  t.same((await nl.nexthop.list({ dev: 'v0' })).map((n) => n.attrs.id), [1, 2, 3], 'dev filter');
  // Kernel 6.18 accepts NHA_FDB in a dump request yet lists every nexthop; ip shows the same.
  t.same((await nl.nexthop.list({ fdb: true })).map((n) => n.attrs.id), ipJson<any[]>('-n', ns, 'nexthop', 'show', 'fdb').map((n) => n.id), 'fdb filter: as ip');
  t.same((await nl.nexthop.list({ protocol: 'static' })).map((n) => n.attrs.id), [2], 'protocol filter');

  await nl.route.add({ dst: '10.5.0.0/24', nhid: 10 });
  const r = ipJson<any[]>('-n', ns, 'route', 'show', '10.5.0.0/24');
  t.same(r[0].nhid, 10, 'a route through the group, as ip shows it');
  t.equal(r[0].nexthops.length, 2, 'the kernel expands the group into next hops');
  const route = (await nl.route.list()).find((x) => x.attrs.dst === '10.5.0.0')!;
  t.equal(route.attrs.nh_id, 10, 'our decoder sees RTA_NH_ID');

  const dup = await nl.nexthop.add({ id: 1, via: '10.0.0.2', dev: 'v0' }).catch((e: unknown) => e);
  t.ok(dup instanceof NetlinkError && dup.code === 'EEXIST', 'a taken id: EEXIST');
  const missing = await nl.nexthop.get(99).catch((e: unknown) => e);
  t.ok(missing instanceof NetlinkError && missing.code === 'ENOENT', 'get of a missing id: ENOENT');
  await t.rejects(nl.nexthop.add({ id: 5, via: '10.0.0.9', dev: 'nosuch' }), /Cannot find device "nosuch"/);
  await t.rejects(nl.nexthop.del({ id: 0 }), UsageError);

  await nl.nexthop.del({ id: 4 });
  t.notOk(ipJson<any[]>('-n', ns, 'nexthop', 'show').some((n) => n.id === 4), 'deleted');
  t.equal(await nl.nexthop.flush(), 6, 'flush: two groups, then the four left');
  t.same(ipJson<any[]>('-n', ns, 'nexthop', 'show'), [], 'nothing left');
  t.same(ipJson<any[]>('-n', ns, 'route', 'show', '10.5.0.0/24'), [], 'the route through the group went with it');
});

t.test('nexthops ip made decode to what ip shows', { skip }, async (t) => {
  const ns = scratchNs(t, 'nhi');
  for (const l of ['link add v0 type veth peer name v1', 'link set lo up', 'link set v0 up', 'link set v1 up', 'nexthop add id 7 via 10.0.0.2 dev v0 onlink proto 99', 'nexthop add id 8 group 7,5 type resilient buckets 16']) ip('-n', ns, ...l.split(' '));
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const [a, b] = await nl.nexthop.list();
  const v0 = await nl.ifindex('v0');
  t.same(a, { header: { family: 2, scope: K.RT_SCOPE_LINK, protocol: 99, flags: K.RTNH_F_ONLINK }, attrs: { id: 7, oif: v0, gateway: '10.0.0.2' } });
  t.same([b!.attrs.id, b!.attrs.group, b!.attrs.group_type, b!.attrs.res_group?.buckets], [8, [{ id: 7, weight: 4 }], K.NEXTHOP_GRP_TYPE_RES, 16]);
});
