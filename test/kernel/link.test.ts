// nl.link against the kernel in scratch namespaces: links ip made decode to what `ip -j -d link
// show` prints, field by field; links we make are shown by ip as requested; set/del/get/list
// agree with ip; a veth whose peer lives in another namespace reports the right netnsid,
// namespace name and peer from both ends; bad input and kernel refusals leave nothing behind.
import t, { type Test } from 'tap';
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { Netlink } from '../../src/client.js';
import { NetlinkError, SyscallError, UsageError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import type { LinkMessage } from '../../src/netlink/route/link.js';
import { MACVLAN_MODES } from '../../src/netlink/route/kinds/macvlan.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

type IpLink = Record<string, any>;

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

/** ip's print_link_flags() order; M-DOWN and NO-CARRIER are derived by ip, not kernel bits. */
const FLAG_NAMES: [number, string][] = [
  [0x8, 'LOOPBACK'], [0x2, 'BROADCAST'], [0x10, 'POINTOPOINT'], [0x1000, 'MULTICAST'], [0x80, 'NOARP'], [0x200, 'ALLMULTI'],
  [0x100, 'PROMISC'], [0x20, 'NOTRAILERS'], [0x4, 'DEBUG'], [0x8000, 'DYNAMIC'], [0x800, 'SLAVE'], [0x400, 'MASTER'],
  [0x1, 'UP'], [0x10000, 'LOWER_UP'], [0x20000, 'DORMANT'], [0x40000, 'ECHO'],
];
const OPERSTATES = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'];
const LINK_TYPES: Record<number, string> = { 1: 'ether', 772: 'loopback', 65534: 'none' };
const ADDR_GEN = ['eui64', 'none', 'stable_privacy', 'random'];
const BRPORT_STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'];
const bool = (n: number | undefined) => n === undefined ? undefined : n !== 0;
const hex = (n: number | undefined) => n === undefined ? undefined : `0x${n.toString(16)}`;

/** Scalars ip prints under the same key as ours. */
const SAME_KEYS = ['ifname', 'mtu', 'qdisc', 'txqlen', 'address', 'broadcast', 'promiscuity', 'allmulti', 'min_mtu', 'max_mtu',
  'num_tx_queues', 'num_rx_queues', 'gso_max_size', 'gso_max_segs', 'tso_max_size', 'tso_max_segs', 'gro_max_size', 'ifalias',
  'link_netnsid'] as const;

/** ip prints a bridge id as priority '.' MAC with unpadded hex bytes ('8000.0:0:0:0:0:0'). */
function bridgeId(id: { priority: number; address: string }): string {
  return `${id.priority.toString(16).padStart(4, '0')}.${id.address.split(':').map((x) => parseInt(x, 16).toString(16)).join(':')}`;
}

/** Kind data in ip's -j -d shape, for the keys ip prints (timers and ids are skipped: they tick). */
function kindData(kind: string | undefined, d: Record<string, any>, names: Map<number, string>): IpLink | undefined {
  if (kind === 'bridge') {
    const o: IpLink = {};
    for (const k of ['forward_delay', 'hello_time', 'max_age', 'ageing_time', 'stp_state', 'priority', 'vlan_filtering', 'root_port',
      'root_path_cost', 'topology_change', 'topology_change_detected', 'group_addr', 'mcast_snooping', 'mcast_router',
      'mcast_query_use_ifaddr', 'mcast_querier', 'mcast_hash_elasticity', 'mcast_hash_max', 'mcast_last_member_cnt',
      'mcast_startup_query_cnt', 'mcast_last_member_intvl', 'mcast_membership_intvl', 'mcast_querier_intvl', 'mcast_query_intvl',
      'mcast_query_response_intvl', 'mcast_startup_query_intvl', 'mcast_stats_enabled', 'mcast_igmp_version', 'mcast_mld_version',
      'nf_call_iptables', 'nf_call_ip6tables', 'nf_call_arptables']) o[k] = typeof d[k] === 'bigint' ? Number(d[k]) : d[k];
    o.bridge_id = bridgeId(d.bridge_id);
    o.root_id = bridgeId(d.root_id);
    o.group_fwd_mask = String(d.group_fwd_mask);
    return o;
  }
  if (kind === 'vxlan') {
    const o: IpLink = { id: d.id, port: d.port, learning: bool(d.learning), ttl: d.ttl, ageing: d.ageing, udp_csum: bool(d.udp_csum),
      port_range: d.port_range, udp_zero_csum6_tx: bool(d.udp_zero_csum6_tx), udp_zero_csum6_rx: bool(d.udp_zero_csum6_rx),
      df: ['unset', 'set', 'inherit'][d.df] };
    if (d.group !== undefined) o[/^2(2[4-9]|3\d)\./.test(d.group) ? 'group' : 'remote'] = d.group;
    if (d.local !== undefined) o.local = d.local;
    if (d.link !== undefined) o.link = names.get(d.link);
    return o;
  }
  if (kind === 'macvlan' || kind === 'macvtap') {
    return { mode: Object.entries(MACVLAN_MODES).find(([, v]) => v === d.mode)?.[0], bcqueuelen: d.bc_queue_len, usedbcqueuelen: d.bc_queue_len_used };
  }
  if (kind === 'tun') {
    const o: IpLink = { type: d.type === 1 ? 'tun' : 'tap', pi: bool(d.pi), vnet_hdr: bool(d.vnet_hdr), multi_queue: bool(d.multi_queue), persist: bool(d.persist) };
    if (d.multi_queue) Object.assign(o, { numqueues: d.num_queues, numdisabled: d.num_disabled_queues });
    return o;
  }
  return undefined;
}

/** Our decoded link in the shape of `ip -j -d link show`, for the fields compared. */
function asIp(l: LinkMessage, names: Map<number, string>): IpLink {
  const a = l.attrs;
  const o: IpLink = { ifindex: l.header.index, flags: FLAG_NAMES.filter(([b]) => l.header.flags & b).map(([, n]) => n) };
  for (const k of SAME_KEYS) if (a[k] !== undefined) o[k] = a[k];
  o.operstate = OPERSTATES[a.operstate!];
  o.linkmode = a.linkmode === 1 ? 'DORMANT' : 'DEFAULT';
  o.group = a.group === 0 ? 'default' : a.group;
  o.link_type = LINK_TYPES[l.header.type] ?? l.header.type;
  if (a.master !== undefined) o.master = names.get(a.master);
  if (a.link !== undefined) {
    if (a.link_netnsid !== undefined || !names.has(a.link)) o.link_index = a.link;
    else if (a.link !== l.header.index) o.link = names.get(a.link);
  }
  const gen = a.af_spec?.inet6?.addr_gen_mode;
  if (gen !== undefined) o.inet6_addr_gen_mode = ADDR_GEN[gen];
  const li = a.linkinfo;
  if (li) {
    const info: IpLink = { info_kind: li.kind };
    const d = kindData(li.kind, li.data as Record<string, any> ?? {}, names);
    if (d) info.info_data = d;
    if (li.slave_kind) info.info_slave_kind = li.slave_kind;
    const s = li.slave_data as Record<string, any> | undefined;
    if (li.slave_kind === 'bridge' && s) {
      info.info_slave_data = { state: BRPORT_STATES[s.state], priority: s.priority, cost: s.cost, hairpin: bool(s.mode), guard: bool(s.guard),
        root_block: bool(s.protect), fastleave: bool(s.fast_leave), learning: bool(s.learning), flood: bool(s.unicast_flood), id: hex(s.id),
        no: hex(s.no), designated_port: s.designated_port, designated_cost: s.designated_cost, proxy_arp: bool(s.proxyarp),
        proxy_arp_wifi: bool(s.proxyarp_wifi), multicast_router: s.multicast_router, mcast_flood: bool(s.mcast_flood),
        bcast_flood: bool(s.bcast_flood), mcast_to_unicast: bool(s.mcast_to_ucast), neigh_suppress: bool(s.neigh_suppress),
        group_fwd_mask: String(s.group_fwd_mask), bridge_id: bridgeId(s.bridge_id), root_id: bridgeId(s.root_id),
        topology_change_ack: s.topology_change_ack, config_pending: s.config_pending, vlan_tunnel: bool(s.vlan_tunnel), isolated: bool(s.isolated), locked: bool(s.locked) };
    }
    o.linkinfo = info;
  }
  return o;
}

/** Compares every field we map with what ip printed; ip's fields we do not map must be in `ignored`. */
function sameAsIp(t: Test, ours: LinkMessage, theirs: IpLink, names: Map<number, string>, label: string): void {
  const o = asIp(ours, names);
  const ignored = new Set(['M-DOWN', 'NO-CARRIER']);
  const want: IpLink = { ...theirs, flags: (theirs.flags as string[]).filter((f) => !ignored.has(f)) };
  delete want.stats64; delete want.xdp; delete want.parentbus; delete want.parentdev;
  for (const k of Object.keys(want)) {
    if (k === 'linkinfo') continue;
    t.same(o[k], want[k], `${label}: ${k}`);
  }
  for (const k of Object.keys(o)) if (k !== 'linkinfo' && !(k in want)) t.fail(`${label}: we have ${k}=${JSON.stringify(o[k])}, ip shows none`);
  if (want.linkinfo) {
    const wi = { ...want.linkinfo };
    const oi = o.linkinfo ?? {};
    t.equal(oi.info_kind, wi.info_kind, `${label}: info_kind`);
    t.equal(oi.info_slave_kind, wi.info_slave_kind, `${label}: info_slave_kind`);
    for (const part of ['info_data', 'info_slave_data'] as const) {
      if (!wi[part] || !oi[part]) continue;
      for (const [k, v] of Object.entries(wi[part] as IpLink)) {
        // Timers tick between the two reads.
        if (/timer$/.test(k) || k === 'group_fwd_mask_str' || k === 'no_linklocal_learn' || k === 'mcast_vlan_snooping') continue;
        if (k === 'bridge_id' || k === 'root_id') { t.equal(oi[part][k], v, `${label}: ${part}.${k}`); continue; }
        t.same(oi[part][k], v, `${label}: ${part}.${k}`);
      }
    }
  } else {
    t.notOk(o.linkinfo, `${label}: no linkinfo, as ip`);
  }
}

async function compareAll(t: Test, nl: Netlink, ns: string): Promise<LinkMessage[]> {
  const ours = await nl.link.list();
  const theirs = ipJson<IpLink[]>('-n', ns, '-d', 'link', 'show');
  const names = new Map(ours.map((l) => [l.header.index, l.attrs.ifname!]));
  t.same(ours.map((l) => l.header.index), theirs.map((l) => l.ifindex), 'same links, same order');
  for (const l of ours) {
    const ipl = theirs.find((x) => x.ifindex === l.header.index);
    if (ipl) sameAsIp(t, l, ipl, names, l.attrs.ifname!);
  }
  return ours;
}

function ipShow(ns: string, dev: string): IpLink | undefined {
  try { return ipJson<IpLink[]>('-n', ns, '-d', 'link', 'show', 'dev', dev)[0]; } catch { return undefined; }
}

async function open(t: Test, ns: string): Promise<Netlink> {
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  return nl;
}

t.test('links ip made decode to what ip -j -d shows', async (t) => {
  const ns = scratchNs(t, 'lk-ip');
  const cmds = [
    'link add xv type veth peer name p0', 'link add br0 type bridge stp_state 1 forward_delay 400 ageing_time 1000',
    'link set p0 master br0', 'link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1 remote 10.0.0.2 dev xv ttl 5 nolearning',
    'link add vx1 type vxlan id 43 group 239.1.1.1 dev xv', 'link add mv0 link xv type macvlan mode bridge',
    'link add mvt link xv type macvtap mode vepa', 'link add ifb0 type ifb', 'tuntap add tap0 mode tap', 'tuntap add tun0 mode tun multi_queue',
    'link set xv alias hello', 'link set xv up', 'link set p0 up', 'link set br0 up',
  ];
  for (const c of cmds) ip('-n', ns, ...c.split(' '));
  const nl = await open(t, ns);
  const ours = await compareAll(t, nl, ns);
  const kinds = new Set(ours.map((l) => l.attrs.linkinfo?.kind).filter(Boolean));
  t.same([...kinds].sort(), ['bridge', 'ifb', 'macvlan', 'macvtap', 'tun', 'veth', 'vxlan'], 'every kind this kernel has');
  t.same(ours.flatMap((l) => l.attrs.unknown ?? []).map((u) => u.type), [], 'no attribute left undecoded');
  t.same(structuredClone(ours), ours, 'results are plain data');
});

t.test('what we create, ip shows as requested', async (t) => {
  const ns = scratchNs(t, 'lk-add');
  const nl = await open(t, ns);
  await nl.link.add({ kind: 'veth', name: 've0', address: '02:00:00:00:00:01', mtu: 9000, txqlen: 500,
    peer: { name: 've1', address: '02:00:00:00:00:02', mtu: 9000 } });
  await nl.link.add({ kind: 'bridge', name: 'br0', stp_state: 1, forward_delay: 400, ageing_time: 1000, hello_time: 300, up: true });
  await nl.link.add({ kind: 'vxlan', name: 'vx0', id: 42, dstport: 4789, local: '10.0.0.1', remote: '10.0.0.2', dev: 've0', ttl: 5, learning: false });
  await nl.link.add({ kind: 'macvlan', name: 'mv0', link: 've0', mode: 'private' });
  await nl.link.add({ kind: 'macvtap', name: 'mt0', link: 've0', mode: 'bridge' });
  await nl.link.add({ kind: 'ifb', name: 'ifb0' });

  const ve0 = ipShow(ns, 've0')!;
  t.match(ve0, { address: '02:00:00:00:00:01', mtu: 9000, txqlen: 500, link: 've1', linkinfo: { info_kind: 'veth' } });
  t.match(ipShow(ns, 've1'), { address: '02:00:00:00:00:02', mtu: 9000, link: 've0' });
  t.ok((ipShow(ns, 'br0')!.flags as string[]).includes('UP'), 'br0 added up');
  t.match(ipShow(ns, 'br0'), {
    linkinfo: { info_kind: 'bridge', info_data: { stp_state: 1, forward_delay: 400, ageing_time: 1000, hello_time: 300 } } });
  t.match(ipShow(ns, 'vx0'), { linkinfo: { info_kind: 'vxlan', info_data: { id: 42, port: 4789, local: '10.0.0.1', remote: '10.0.0.2', link: 've0', ttl: 5, learning: false } } });
  t.match(ipShow(ns, 'mv0'), { link: 've0', linkinfo: { info_kind: 'macvlan', info_data: { mode: 'private' } } });
  t.match(ipShow(ns, 'mt0'), { link: 've0', linkinfo: { info_kind: 'macvtap', info_data: { mode: 'bridge' } } });
  t.match(ipShow(ns, 'ifb0'), { linkinfo: { info_kind: 'ifb' } });
  await compareAll(t, nl, ns);
});

t.test('set: up/down, mtu, name, address, master/nomaster, alias, txqueuelen, kind options', async (t) => {
  const ns = scratchNs(t, 'lk-set');
  const nl = await open(t, ns);
  ip('-n', ns, 'link', 'add', 'a0', 'type', 'veth', 'peer', 'name', 'a1');
  ip('-n', ns, 'link', 'add', 'br0', 'type', 'bridge');
  await nl.link.set({ dev: 'a0', up: true, mtu: 1400, address: '02:00:00:00:00:aa', alias: 'uplink', txqueuelen: 42 });
  t.match(ipShow(ns, 'a0'), { mtu: 1400, address: '02:00:00:00:00:aa', ifalias: 'uplink', txqlen: 42 });
  t.ok((ipShow(ns, 'a0')!.flags as string[]).includes('UP'), 'up');
  await nl.link.set({ dev: 'a0', up: false });
  t.notOk((ipShow(ns, 'a0')!.flags as string[]).includes('UP'), 'down');
  const index = (await nl.link.get('a0')).header.index;
  await nl.link.set({ dev: index, name: 'b0' });
  t.equal(ipShow(ns, 'b0')?.ifindex, index, 'renamed, same ifindex');
  t.equal(ipShow(ns, 'a0'), undefined, 'old name gone');
  await nl.link.set({ dev: 'b0', master: 'br0' });
  t.equal(ipShow(ns, 'b0')?.master, 'br0');
  t.equal((await nl.link.get('b0')).attrs.linkinfo?.slave_kind, 'bridge');
  await nl.link.set({ dev: 'b0', nomaster: true });
  t.equal(ipShow(ns, 'b0')?.master, undefined, 'nomaster');
  await nl.link.set({ dev: 'br0', kind: 'bridge', stp_state: 1, ageing_time: 2000 });
  t.match(ipShow(ns, 'br0'), { linkinfo: { info_data: { stp_state: 1, ageing_time: 2000 } } });
  await compareAll(t, nl, ns);
});

t.test('get, list with kernel filters, del by name and by index', async (t) => {
  const ns = scratchNs(t, 'lk-list');
  const nl = await open(t, ns);
  ip('-n', ns, 'link', 'add', 'br0', 'type', 'bridge');
  for (const n of ['x', 'y', 'z']) {
    ip('-n', ns, 'link', 'add', `${n}0`, 'type', 'veth', 'peer', 'name', `${n}1`);
    if (n !== 'z') ip('-n', ns, 'link', 'set', `${n}0`, 'master', 'br0');
  }
  const byName = await nl.link.get('x0');
  const byIndex = await nl.link.get(byName.header.index);
  t.equal(byIndex.attrs.ifname, 'x0');
  t.equal(byName.header.index, ipShow(ns, 'x0')!.ifindex);
  const ports = await nl.link.list({ master: 'br0' });
  t.same(ports.map((l) => l.attrs.ifname), ipJson<IpLink[]>('-n', ns, 'link', 'show', 'master', 'br0').map((l) => l.ifname), 'master filter = ip link show master br0');
  t.same(ports.map((l) => l.attrs.ifname).sort(), ['x0', 'y0']);
  const veths = await nl.link.list({ kind: 'veth' });
  t.same(veths.map((l) => l.attrs.ifname), ipJson<IpLink[]>('-n', ns, 'link', 'show', 'type', 'veth').map((l) => l.ifname), 'kind filter = ip link show type veth');
  t.equal(veths.length, 6);
  t.same((await nl.link.list({ kind: 'bridge' })).map((l) => l.attrs.ifname), ['br0']);
  t.same(await nl.link.list({ kind: 'vlan' }), [], 'a kind the kernel lacks: filtered here');
  await nl.link.del('x0');
  t.equal(ipShow(ns, 'x0'), undefined, 'deleted by name');
  t.equal(ipShow(ns, 'x1'), undefined, 'its peer went with it');
  await nl.link.del(ipShow(ns, 'y0')!.ifindex);
  t.equal(ipShow(ns, 'y0'), undefined, 'deleted by index');
  await t.rejects(nl.link.del('x0'), { name: 'NetlinkError', code: 'ENODEV', message: /^link\.del x0/ });
  await t.rejects(nl.link.get('nosuch'), { name: 'NetlinkError', code: 'ENODEV' });
});

t.test('veth with its peer in another namespace: netnsid, namespace name and peer from both ends', async (t) => {
  const a = scratchNs(t, 'lk-a');
  const b = scratchNs(t, 'lk-b');
  const na = await open(t, a);
  const nb = await open(t, b);
  await na.link.add({ kind: 'veth', name: 'h1', peer: { name: 'eth0', netns: b } });
  t.equal(ipShow(a, 'eth0'), undefined, 'the peer is not in a');
  const ipH1 = ipShow(a, 'h1')!;
  const ipEth0 = ipShow(b, 'eth0')!;
  t.ok(ipEth0, 'the peer was created directly in b');
  const h1 = await na.link.get('h1');
  const eth0 = await nb.link.get('eth0');
  t.equal(h1.attrs.link_netnsid, ipH1.link_netnsid, 'h1 link_netnsid as ip shows');
  t.equal(h1.attrs.link, ipEth0.ifindex, 'IFLA_LINK is the peer ifindex in b');
  t.equal(eth0.attrs.link_netnsid, ipEth0.link_netnsid);
  t.equal(h1.attrs.link_netnsid, await na.nsid.get(b), 'the nsid a has for b');
  t.equal(await na.link.linkNetns('h1'), b, 'link-netns name from a');
  t.equal(await nb.link.linkNetns(eth0), a, 'link-netns name from b');
  t.same(await na.link.peer('h1'), { ifindex: ipEth0.ifindex, ifname: 'eth0', nsid: ipH1.link_netnsid, netns: b });
  t.same(await nb.link.peer('eth0'), { ifindex: ipH1.ifindex, ifname: 'h1', nsid: ipEth0.link_netnsid, netns: a });
  ip('-n', a, 'link', 'add', 'l0', 'type', 'veth', 'peer', 'name', 'l1');
  t.same(await na.link.peer('l0'), { ifindex: ipShow(a, 'l1')!.ifindex, ifname: 'l1' }, 'a local peer');
  t.equal(await na.link.peer('lo'), undefined, 'no IFLA_LINK, no peer');
  sameAsIp(t, h1, ipH1, new Map([[h1.header.index, 'h1']]), 'h1');
});

t.test('namespaces by name, path, fd and pid: peer netns, netns on add, moving with set', async (t) => {
  const a = scratchNs(t, 'lk-m');
  const b = scratchNs(t, 'lk-n');
  const na = await open(t, a);
  await na.link.add({ kind: 'veth', name: 'p1', peer: { name: 'q1', netns: { path: `/run/netns/${b}` } } });
  t.ok(ipShow(b, 'q1'), 'peer netns by path');
  const fd = openSync(`/run/netns/${b}`, 'r');
  t.teardown(() => closeSync(fd));
  await na.link.add({ kind: 'veth', name: 'p2', peer: { name: 'q2', netns: { fd } } });
  t.ok(ipShow(b, 'q2'), 'peer netns by fd');
  await na.link.add({ kind: 'bridge', name: 'brx', netns: b });
  t.ok(ipShow(b, 'brx'), 'a link created directly in another namespace');
  t.equal(ipShow(a, 'brx'), undefined);
  ip('-n', a, 'link', 'add', 'm1', 'type', 'veth', 'peer', 'name', 'm2');
  await na.link.set({ dev: 'm1', netns: b });
  t.ok(ipShow(b, 'm1'), 'moved by name');
  await na.link.set({ dev: 'm2', netns: { fd } });
  t.ok(ipShow(b, 'm2'), 'moved by fd');
  // A process living in b: `ip netns exec` execs sleep in place, so the pid is the sleeper's.
  const sleeper = spawn('ip', ['netns', 'exec', b, 'sleep', '30'], { stdio: 'ignore' });
  t.teardown(() => { sleeper.kill(); });
  await new Promise((r) => setTimeout(r, 300));
  ip('-n', a, 'link', 'add', 'k1', 'type', 'veth', 'peer', 'name', 'k2');
  await na.link.set({ dev: 'k1', netns: { pid: sleeper.pid! } });
  t.ok(ipShow(b, 'k1'), 'moved by pid (IFLA_NET_NS_PID)');
  t.equal(ipShow(a, 'k1'), undefined);
});

t.test('errors are clear and leave nothing behind', async (t) => {
  const a = scratchNs(t, 'lk-e');
  const b = scratchNs(t, 'lk-f');
  const na = await open(t, a);
  const before = ipJson<IpLink[]>('-n', a, 'link', 'show').map((l) => l.ifname);
  ip('-n', b, 'link', 'add', 'eth0', 'type', 'bridge');
  const e = await na.link.add({ kind: 'veth', name: 'h2', peer: { name: 'eth0', netns: b } }).catch((x: unknown) => x);
  t.type(e, NetlinkError);
  t.match(e, { code: 'EEXIST', request: { op: 'link.add h2', type: 'RTM_NEWLINK' } });
  t.same(ipJson<IpLink[]>('-n', a, 'link', 'show').map((l) => l.ifname), before, 'no half-made veth');
  await t.rejects(na.link.add({ kind: 'veth', name: 'h3', peer: { name: 'x', netns: 'nlt-does-not-exist' } }), SyscallError, 'missing namespace');
  await t.rejects(na.link.add({ kind: 'macvlan', name: 'mv', link: 'nosuch' }), { name: 'NetlinkError', code: 'ENODEV', message: /Cannot find device "nosuch"/ });
  await t.rejects(na.link.add({ kind: 'veth', name: 'way-too-long-name' }), UsageError);
  await t.rejects(na.link.add({ kind: 'vxlan', name: 'v', id: 1, remote: '10.0.0.300' }), UsageError);
  await t.rejects(na.link.add({ kind: 'macvlan', name: 'mv' }), { name: 'NetlinkError', code: 'EINVAL' }, 'macvlan needs a parent');
  ip('-n', a, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
  await t.rejects(na.link.set({ dev: 'v0', mtu: 70000 }), { name: 'NetlinkError', code: 'EINVAL', extack: { message: /mtu greater than device maximum/ } });
  t.equal(ipShow(a, 'v0')?.mtu, 1500, 'mtu unchanged');
  await t.rejects(na.link.add({ kind: 'tun', name: 'tun9' }), { name: 'NetlinkError', errno: 95, extack: { message: /tun\/tap creation via rtnetlink is not supported/ } },
    'tun/tap need the TUNSETIFF ioctl');
  await t.rejects(na.link.add({ kind: 'bridge', name: 'br9', vlan_filtering: 1 }), { name: 'NetlinkError' }, 'vlan_filtering: EOPNOTSUPP on this build');
  t.equal(ipShow(a, 'br9'), undefined, 'no half-made bridge');
  t.same(ipJson<IpLink[]>('-n', a, 'link', 'show').map((l) => l.ifname), [...before, 'v1', 'v0']);
});

t.test('kinds this kernel may lack: created and shown by ip, or skipped with the kernel reason', async (t) => {
  const ns = scratchNs(t, 'lk-k');
  const nl = await open(t, ns);
  ip('-n', ns, 'link', 'add', 'up0', 'type', 'veth', 'peer', 'name', 'up1');
  const cases: [Parameters<Netlink['link']['add']>[0], IpLink][] = [
    [{ kind: 'vlan', name: 'vl', link: 'up0', id: 100 }, { info_kind: 'vlan', info_data: { id: 100 } }],
    [{ kind: 'ipvlan', name: 'ipv', link: 'up0', mode: 'l3' }, { info_kind: 'ipvlan', info_data: { mode: 'l3' } }],
    [{ kind: 'bond', name: 'bo', mode: 'active-backup', miimon: 100 }, { info_kind: 'bond', info_data: { mode: 'active-backup', miimon: 100 } }],
    [{ kind: 'vrf', name: 'vr', table: 10 }, { info_kind: 'vrf', info_data: { table: 10 } }],
    [{ kind: 'gre', name: 'gr', remote: '192.0.2.1', local: '192.0.2.2', ttl: 64 }, { info_kind: 'gre', info_data: { remote: '192.0.2.1', local: '192.0.2.2', ttl: 64 } }],
    [{ kind: 'geneve', name: 'gn', id: 5, remote: '192.0.2.1' }, { info_kind: 'geneve', info_data: { id: 5, remote: '192.0.2.1' } }],
    [{ kind: 'dummy', name: 'du' }, { info_kind: 'dummy' }],
  ];
  for (const [opts, want] of cases) {
    const e = await nl.link.add(opts).then(() => undefined, (x: unknown) => x);
    if (e instanceof NetlinkError && /Unknown device type/.test(e.extack?.message ?? '')) {
      t.equal(ipShow(ns, opts.name!), undefined, `${opts.kind}: nothing left`);
      await t.test(opts.kind, { skip: `this kernel lacks ${opts.kind} ("${e.extack!.message}")` }, async () => {});
      continue;
    }
    t.equal(e, undefined, `${opts.kind} created`);
    t.match(ipShow(ns, opts.name!)?.linkinfo, want, `${opts.kind} as ip shows it`);
    t.equal((await nl.link.get(opts.name!)).attrs.linkinfo?.kind, opts.kind);
  }
});
