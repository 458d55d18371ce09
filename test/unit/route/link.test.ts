// Golden pairs for the link family: the bytes iproute2 6.1 sent for `ip link ...` (test/fixtures,
// captured with strace on kernel 6.18) decode to the expected objects, re-encode to the same
// bytes where ip orders attributes as our kernel-number-ordered tables do, and linkXxxMessage()
// builds the same message from the same options (modulo nlmsg_seq/pid).
import t from 'tap';
import { fixture, fixtureBody } from '../../helpers/fixtures.js';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { NLM_F_ACK, NLM_F_REQUEST, NLM_F_DUMP } from '../../../src/netlink/constants.js';
import { Writer } from '../../../src/netlink/writer.js';
import { linkBody, type LinkMessage } from '../../../src/netlink/route/link-attrs.js';
import {
  linkAddMessage, linkDelMessage, linkGetMessage, linkListMessage, linkSetMessage, type LinkRequest,
} from '../../../src/netlink/route/link.js';
import * as K from '../../../src/netlink/route/constants.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) t.plan(0, 'big-endian host: fixtures are little-endian');

const ZERO = { family: 0, type: 0, index: 0, flags: 0, change: 0 };

function decode(b: Buffer): LinkMessage {
  return linkBody.read(b, 'link') as LinkMessage;
}
function encodeBody(m: LinkMessage): Buffer {
  const w = new Writer(128);
  linkBody.write(w, m, 'link');
  return Buffer.from(w.view());
}
/** The whole message our request would be, with the fixture's seq so only content can differ. */
function asSent(req: LinkRequest, name: string, dump = false): Buffer {
  const fx = fixture(name);
  const flags = req.flags | NLM_F_REQUEST | (dump ? NLM_F_DUMP : NLM_F_ACK);
  return encodeMessage({ type: req.type, flags, seq: fx.readUInt32LE(8), pid: 0 }, linkBody, req.body);
}
/** The fixture decoded with our table and re-encoded: ip's message in our attribute order. */
function canonical(name: string): Buffer {
  const fx = fixture(name);
  const [m] = splitMessages(fx);
  return encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: m!.pid }, linkBody, decode(m!.body));
}

t.test('link_add_veth_peer: ip link add veth0 type veth peer name eth0', async (t) => {
  const body = fixtureBody('link_add_veth_peer');
  const want: LinkMessage = {
    header: ZERO,
    attrs: { ifname: 'veth0', linkinfo: { kind: 'veth', data: { peer: { header: ZERO, attrs: { ifname: 'eth0' } } } } },
  };
  t.same(decode(body), want);
  t.same(encodeBody(want), body);
  const req = linkAddMessage({ kind: 'veth', name: 'veth0', peer: { name: 'eth0' } });
  t.equal(req.op, 'link.add veth0');
  t.same(asSent(req, 'link_add_veth_peer'), fixture('link_add_veth_peer'));
  // A bare string peer is ip's `peer NAME`.
  t.same(linkAddMessage({ kind: 'veth', name: 'veth0', peer: 'eth0' }).body, req.body);
});

t.test('link_add_veth_peer_netns: peer created in another namespace (IFLA_NET_NS_FD in VETH_INFO_PEER)', async (t) => {
  const body = fixtureBody('link_add_veth_peer_netns');
  const want: LinkMessage = {
    header: ZERO,
    attrs: { ifname: 'h1', linkinfo: { kind: 'veth', data: { peer: { header: ZERO, attrs: { ifname: 'eth0', net_ns_fd: 4 } } } } },
  };
  t.same(decode(body), want);
  // ip puts IFLA_NET_NS_FD (28) before IFLA_IFNAME (3) inside the peer; our table emits in
  // kernel-number order, so bytes are compared after re-encoding ip's message in our order.
  t.not(encodeBody(want).equals(body), true, 'ip orders the peer attributes differently');
  t.equal(encodeBody(want).length, body.length);
  const req = linkAddMessage({ kind: 'veth', name: 'h1', peer: { name: 'eth0', netns: { fd: 4 } } });
  t.same(req.body, want);
  t.same(asSent(req, 'link_add_veth_peer_netns'), canonical('link_add_veth_peer_netns'));
});

t.test('link_set_up: ip link set veth0 up', async (t) => {
  const body = fixtureBody('link_set_up');
  const want: LinkMessage = { header: { family: 0, type: 0, index: 3, flags: K.IFF_UP, change: K.IFF_UP }, attrs: {} };
  t.same(decode(body), want);
  t.same(encodeBody(want), body);
  t.same(asSent(linkSetMessage({ dev: 3, up: true }), 'link_set_up'), fixture('link_set_up'));
  t.same(linkSetMessage({ dev: 3, up: false }).body.header, { family: 0, type: 0, index: 3, flags: 0, change: K.IFF_UP });
});

t.test('link_set_netns_fd: ip link set veth0 netns NAME (an open fd)', async (t) => {
  const body = fixtureBody('link_set_netns_fd');
  const want: LinkMessage = { header: { ...ZERO, index: 3 }, attrs: { net_ns_fd: 4 } };
  t.same(decode(body), want);
  t.same(encodeBody(want), body);
  t.same(asSent(linkSetMessage({ dev: 3, netns: { fd: 4 } }), 'link_set_netns_fd'), fixture('link_set_netns_fd'));
  t.same(linkSetMessage({ dev: 3, netns: { pid: 42 } }).body.attrs, { net_ns_pid: 42 }, 'a pid goes as IFLA_NET_NS_PID');
});

t.test('link_dump_request: ip link show', async (t) => {
  const body = fixtureBody('link_dump_request');
  const want: LinkMessage = { header: { ...ZERO, family: K.AF_PACKET }, attrs: { ext_mask: K.RTEXT_FILTER_VF } };
  t.same(decode(body), want);
  t.same(encodeBody(want), body);
  const req = linkListMessage();
  t.same(asSent(req, 'link_dump_request', true), fixture('link_dump_request'));
  t.same(linkListMessage({ master: 4, kind: 'veth' }).body.attrs, { ext_mask: 1, master: 4, linkinfo: { kind: 'veth' } });
});

t.test('link_add_bridge: bridge with stp_state, forward_delay, vlan_filtering', async (t) => {
  for (const [name, extra] of [['link_add_bridge', { vlan_filtering: 1 }], ['link_add_bridge_no_vlan_filtering', {}]] as const) {
    const body = fixtureBody(name);
    const want: LinkMessage = { header: ZERO, attrs: { ifname: 'br0', linkinfo: { kind: 'bridge', data: { stp_state: 1, forward_delay: 400, ...extra } } } };
    t.same(decode(body), want, name);
    // ip sends IFLA_BR_STP_STATE (5) before IFLA_BR_FORWARD_DELAY (1): decode only; bytes after reordering.
    const req = linkAddMessage({ kind: 'bridge', name: 'br0', stp_state: 1, forward_delay: 400, ...extra });
    t.same(req.body, want, `${name}: options`);
    t.same(asSent(req, name), canonical(name), `${name}: bytes`);
  }
  t.same(linkAddMessage({ kind: 'bridge', name: 'br0', stp_state: true, vlan_filtering: false }).body.attrs.linkinfo!.data, { stp_state: 1, vlan_filtering: 0 });
});

t.test('link_add_vxlan: vxlan id 42 dstport 4789 local remote dev ttl nolearning', async (t) => {
  const body = fixtureBody('link_add_vxlan');
  const want: LinkMessage = {
    header: ZERO,
    attrs: { ifname: 'vx0', linkinfo: { kind: 'vxlan', data: { link: 3, ttl: 5, id: 42, local: '10.0.0.1', group: '10.0.0.2', learning: 0, port: 4789 } } },
  };
  t.same(decode(body), want);
  // ip orders LINK, TTL, ID, LOCAL, GROUP, LEARNING, PORT; we emit kernel-number order.
  const req = linkAddMessage({ kind: 'vxlan', name: 'vx0', id: 42, dstport: 4789, local: '10.0.0.1', remote: '10.0.0.2', dev: 3, ttl: 5, learning: false });
  t.same(req.body, want);
  t.same(asSent(req, 'link_add_vxlan'), canonical('link_add_vxlan'));
  const v6 = linkAddMessage({ kind: 'vxlan', name: 'vx1', id: 1, group: 'ff05::1', local: '2001:db8::1', dev: 3 }).body.attrs.linkinfo!.data;
  t.same(v6, { id: 1, group6: 'ff05::1', local6: '2001:db8::1', link: 3 });
});

t.test('link_add_macvlan: macvlan mode bridge on link veth0', async (t) => {
  const body = fixtureBody('link_add_macvlan');
  const want: LinkMessage = { header: ZERO, attrs: { link: 3, ifname: 'mv0', linkinfo: { kind: 'macvlan', data: { mode: K.MACVLAN_MODE_BRIDGE } } } };
  t.same(decode(body), want);
  // ip sends IFLA_LINK (5) before IFLA_IFNAME (3).
  const req = linkAddMessage({ kind: 'macvlan', name: 'mv0', link: 3, mode: 'bridge' });
  t.same(req.body, want);
  t.same(asSent(req, 'link_add_macvlan'), canonical('link_add_macvlan'));
  t.same(linkAddMessage({ kind: 'macvtap', name: 'mt0', link: 3, mode: 'vepa' }).body.attrs.linkinfo, { kind: 'macvtap', data: { mode: K.MACVLAN_MODE_VEPA } });
});

t.test('reply_newlink_veth_netnsid: ip -d link show h1 (peer in another namespace)', async (t) => {
  const fx = fixture('reply_newlink_veth_netnsid');
  const [m] = splitMessages(fx);
  const l = decode(m!.body);
  t.same(l.header, { family: 0, type: K.ARPHRD_ETHER, index: 4, flags: 0x1002, change: 0 });
  t.equal(l.attrs.ifname, 'h1');
  t.equal(l.attrs.link, 2, 'IFLA_LINK: the peer ifindex in the other namespace');
  t.equal(l.attrs.link_netnsid, 7, 'IFLA_LINK_NETNSID');
  t.equal(l.attrs.mtu, 1500);
  t.equal(l.attrs.txqlen, 1000);
  t.equal(l.attrs.broadcast, 'ff:ff:ff:ff:ff:ff');
  t.match(l.attrs.address, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  t.equal(l.attrs.linkinfo?.kind, 'veth');
  t.equal(l.attrs.min_mtu, 68);
  t.equal(l.attrs.max_mtu, 65535);
  t.equal(l.attrs.qdisc, 'noop');
  t.equal(typeof l.attrs.stats64?.rx_bytes, 'number');
  t.equal(l.attrs.af_spec?.inet6?.addr_gen_mode, 0, 'IFLA_AF_SPEC decoded: eui64');
  t.equal(l.attrs.af_spec?.inet?.conf?.length, 33, 'IPV4_DEVCONF_MAX values');
  t.same(l.attrs.unknown ?? [], [], 'every attribute 6.18 sent has a row');
  // Decoded results are plain data: they survive structured clone (the worker boundary).
  t.same(structuredClone(l).attrs.ifname, 'h1');
  // Decode -> encode -> decode is stable (the reply orders attributes as the kernel fills them).
  t.same(decode(encodeBody(l)), l);
});

t.test('del and get: by ifindex in the header, by name as IFLA_IFNAME', async (t) => {
  t.same(linkDelMessage(3).body, { header: { ...ZERO, index: 3 }, attrs: {} });
  t.same(linkDelMessage('veth0').body, { header: ZERO, attrs: { ifname: 'veth0' } });
  t.equal(linkDelMessage('veth0').type, K.RTM_DELLINK);
  t.equal(linkDelMessage('veth0').op, 'link.del veth0');
  t.same(linkGetMessage('veth0').body.attrs, { ifname: 'veth0', ext_mask: K.RTEXT_FILTER_VF });
  t.same(linkGetMessage(7).body.header.index, 7);
});

t.test('set: mtu, name, address, master/nomaster, alias, txqueuelen, flags', async (t) => {
  const m = linkSetMessage({ dev: 3, mtu: 1400, name: 'new0', address: '02:00:00:00:00:01', master: 5, alias: 'hi', txqueuelen: 10, promisc: true, arp: false });
  t.same(m.body.attrs, { address: '02:00:00:00:00:01', ifname: 'new0', mtu: 1400, master: 5, txqlen: 10, ifalias: 'hi' });
  t.same(m.body.header, { family: 0, type: 0, index: 3, flags: K.IFF_PROMISC | K.IFF_NOARP, change: K.IFF_PROMISC | K.IFF_NOARP });
  t.same(linkSetMessage({ dev: 3, nomaster: true }).body.attrs, { master: 0 });
  t.same(linkSetMessage({ dev: 3, master: null }).body.attrs, { master: 0 });
  t.same(linkSetMessage({ dev: 3, kind: 'bridge', stp_state: 0 }).body.attrs, { linkinfo: { kind: 'bridge', data: { stp_state: 0 } } });
});

t.test('add: common options and kinds this kernel lacks (encode only)', async (t) => {
  const a = linkAddMessage({ kind: 'veth', name: 'a', address: '02:00:00:00:00:0a', mtu: 9000, up: true, netns: { fd: 9 }, index: 40,
    peer: { name: 'b', address: '02:00:00:00:00:0b', mtu: 9000, netns: { pid: 1 } } });
  t.same(a.body, {
    header: { family: 0, type: 0, index: 40, flags: K.IFF_UP, change: K.IFF_UP },
    attrs: { address: '02:00:00:00:00:0a', ifname: 'a', mtu: 9000, net_ns_fd: 9,
      linkinfo: { kind: 'veth', data: { peer: { header: ZERO, attrs: { address: '02:00:00:00:00:0b', ifname: 'b', mtu: 9000, net_ns_pid: 1 } } } } },
  });
  t.equal(a.flags, 0x600, 'NLM_F_CREATE|NLM_F_EXCL');
  const kinds: [Parameters<typeof linkAddMessage>[0], unknown][] = [
    [{ kind: 'vlan', name: 'v', link: 3, id: 100, protocol: '802.1ad' }, { id: 100, protocol: 0x88a8 }],
    [{ kind: 'ipvlan', name: 'i', link: 3, mode: 'l3s', flag: 'private' }, { mode: 2, flags: 1 }],
    [{ kind: 'bond', name: 'b', mode: '802.3ad', miimon: 100, lacp_rate: 'fast' }, { miimon: 100, mode: 4, ad_lacp_rate: 1 }],
    [{ kind: 'vrf', name: 'r', table: 10 }, { table: 10 }],
    [{ kind: 'gre', name: 'g', remote: '192.0.2.1', local: '192.0.2.2', ttl: 64, key: 7 }, { iflags: 0x2000, ikey: 7, oflags: 0x2000, okey: 7, local: '192.0.2.2', remote: '192.0.2.1', ttl: 64 }],
    [{ kind: 'geneve', name: 'gn', id: 5, remote: '2001:db8::2', dstport: 6081 }, { id: 5, remote6: '2001:db8::2', port: 6081 }],
  ];
  for (const [opts, data] of kinds) {
    const req = linkAddMessage(opts);
    t.same(req.body.attrs.linkinfo, { kind: opts.kind, data }, opts.kind);
    // Round trip through bytes: the kind table decodes what it encoded.
    t.same(decode(encodeBody(req.body)), req.body, `${opts.kind} round trip`);
  }
  // A kind without a table: raw IFLA_INFO_DATA bytes pass through.
  const raw = linkAddMessage({ kind: 'foo', name: 'f', data: Buffer.from([4, 0, 1, 0]) });
  t.same(decode(encodeBody(raw.body)).attrs.linkinfo, { kind: 'foo', data: Buffer.from([4, 0, 1, 0]) });
  t.same(linkAddMessage({ kind: 'ifb', name: 'ifb0' }).body.attrs.linkinfo, { kind: 'ifb' });
});

t.test('bad input is a UsageError before anything is built', async (t) => {
  const bad: [string, () => unknown, RegExp][] = [
    ['no kind', () => linkAddMessage({ name: 'x' } as never), /kind is required/],
    ['long name', () => linkAddMessage({ kind: 'veth', name: 'a'.repeat(16) }), /longer than 15 bytes/],
    ['slash in name', () => linkAddMessage({ kind: 'veth', name: 'a/b' }), /must not be/],
    ['bad peer name', () => linkAddMessage({ kind: 'veth', name: 'a', peer: { name: '' } }), /peer name/],
    ['bad mac', () => linkAddMessage({ kind: 'veth', name: 'a', address: 'zz' }), /not a link-layer address/],
    ['mtu', () => linkAddMessage({ kind: 'veth', name: 'a', mtu: -1 }), /invalid link.add a mtu/],
    ['unknown option', () => linkAddMessage({ kind: 'veth', name: 'a', mtuu: 1 } as never), /unknown option "mtuu"/],
    ['peer unknown option', () => linkAddMessage({ kind: 'veth', name: 'a', peer: { nmae: 'b' } as never }), /unknown option "nmae"/],
    ['vxlan without id', () => linkAddMessage({ kind: 'vxlan', name: 'v' } as never), /needs an id/],
    ['vxlan id range', () => linkAddMessage({ kind: 'vxlan', name: 'v', id: 1 << 24 }), /vxlan id/],
    ['vxlan bad remote', () => linkAddMessage({ kind: 'vxlan', name: 'v', id: 1, remote: '10.0.0.300' }), /not an IP address/],
    ['vxlan remote and group', () => linkAddMessage({ kind: 'vxlan', name: 'v', id: 1, remote: '10.0.0.1', group: '239.1.1.1' }), /not both/],
    ['macvlan mode', () => linkAddMessage({ kind: 'macvlan', name: 'm', link: 3, mode: 'hub' as never }), /expected one of private, vepa/],
    ['bridge stp', () => linkAddMessage({ kind: 'bridge', name: 'b', stp_state: 'yes' as never }), /bridge stp_state/],
    ['dev by name without a handle', () => linkSetMessage({ dev: 'veth0', up: true }), /needs a handle/],
    ['netns by name without a handle', () => linkSetMessage({ dev: 3, netns: 'blue' }), /pass \{ fd \}/],
    ['nothing to set', () => linkSetMessage({ dev: 3 }), /nothing to change/],
    ['alias on add (the kernel ignores it)', () => linkAddMessage({ kind: 'ifb', name: 'i', alias: 'x' }), /alias can only be set/],
    ['nomaster on add', () => linkAddMessage({ kind: 'veth', name: 'a', master: null }), /nomaster is for link.set/],
    ['master and nomaster', () => linkSetMessage({ dev: 3, master: 4, nomaster: true }), /not both/],
    ['del bad name', () => linkDelMessage(''), /non-empty/],
    ['del bad index', () => linkDelMessage(-1), /invalid/],
    ['list unknown filter', () => linkListMessage({ typ: 'veth' } as never), /unknown option "typ"/],
  ];
  for (const [name, fn, re] of bad) t.throws(fn, { name: 'UsageError', message: re }, name);
});
