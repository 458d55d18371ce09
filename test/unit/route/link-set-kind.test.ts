// `ip link set DEV type KIND ...` changes only what it names (issue 13 item 1): the set's `dev`
// is the link being changed, never vxlan's own `dev` (its underlay: sending IFLA_VXLAN_LINK of the
// vxlan itself made the kernel answer EBUSY), and a vxlan change needs no VNI; carrier on|off is
// IFLA_CARRIER.
import t from 'tap';
import { linkAddMessage, linkSetMessage } from '../../../src/netlink/route/link.js';
import { linkBody } from '../../../src/netlink/route/link-attrs.js';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { bridgePortAttrs } from '../../../src/netlink/route/kinds/bridge.js';
import { canonical } from '../../helpers/canonical.js';

t.test('vxlan change: only the named attributes', async (t) => {
  const m = linkSetMessage({ dev: 5, kind: 'vxlan', ttl: 64 });
  t.same(m.body.attrs.linkinfo, { kind: 'vxlan', data: { ttl: 64 } }, 'ttl alone, no id, no link');
  t.equal(m.body.header.index, 5);
  const same = linkSetMessage({ dev: 5, kind: 'vxlan', id: 42, ttl: 32 });
  t.same(same.body.attrs.linkinfo, { kind: 'vxlan', data: { id: 42, ttl: 32 } }, 'id when given (the kernel refuses a different one)');
  t.throws(() => linkAddMessage({ kind: 'vxlan', name: 'vx0', dstport: 4789 } as never), /vxlan needs an id/, 'a create still needs the VNI');
});

t.test('carrier on|off', async (t) => {
  t.same(linkSetMessage({ dev: 3, carrier: false }).body.attrs, { carrier: 0 });
  t.same(linkSetMessage({ dev: 3, carrier: true }).body.attrs, { carrier: 1 });
});

// The bytes `ip link set dev v0 state dormant mode dormant addrgenmode none gso_max_size 1000
// gso_max_segs 10 protodown off dynamic on trailers off` sent (strace -e write=all, iproute2 6.1,
// kernel 6.18; v0 is ifindex 3): ifi_flags = ifi_change = IFF_DYNAMIC | IFF_NOTRAILERS, then
// IFLA_OPERSTATE 5, IFLA_LINKMODE 1, IFLA_AF_SPEC { AF_INET6 { IFLA_INET6_ADDR_GEN_MODE 1 } },
// IFLA_GSO_MAX_SIZE 1000, IFLA_GSO_MAX_SEGS 10, IFLA_PROTO_DOWN 0 (ip's order; ours is by number).
const IP_SET_WORDS = Buffer.from([
  '58000000 10000500 247f0f6b 00000000', '00000000 03000000 20800000 20800000',
  '05001000 05000000 05001100 01000000', '10001a00 0c000a00 05000800 01000000',
  '08002900 e8030000 08002800 0a000000', '05002700 00000000',
].join('').replace(/ /g, ''), 'hex');

t.test('link set words of iplink_parse(): state, mode, addrgenmode, gso limits, protodown, dynamic, trailers', async (t) => {
  const m = linkSetMessage({ dev: 3, state: 'dormant', mode: 'dormant', addrgenmode: 'none', gso_max_size: 1000, gso_max_segs: 10, protodown: false, dynamic: true, trailers: false });
  const ours = encodeMessage({ type: m.type, flags: IP_SET_WORDS.readUInt16LE(6), seq: 0, pid: 0 }, linkBody, m.body);
  t.same(canonical(ours, 16), canonical(IP_SET_WORDS, 16), 'the bytes ip made, up to attribute order');
  t.throws(() => linkSetMessage({ dev: 3, state: 'sideways' }), /invalid link.set 3 state "sideways"/);
});

// `ip link set dev v1 type bridge_slave learning off cost 7` (strace -e write=all, iproute2 6.1,
// kernel 6.18; v1 is ifindex 2): IFLA_LINKINFO { IFLA_INFO_KIND "bridge_slave" (no NUL),
// IFLA_INFO_SLAVE_DATA { IFLA_BRPORT_LEARNING 0, IFLA_BRPORT_COST 7 } }; ip names no slave kind.
const IP_BRIDGE_SLAVE = Buffer.from([
  '48000000 10000500 827f0f6b 00000000', '00000000 02000000 00000000 00000000',
  '28001200 10000100 62726964 67655f73', '6c617665 14000500 05000800 00000000', '08000300 07000000',
].join('').replace(/ /g, ''), 'hex');

t.test('bridge_slave change: IFLA_INFO_KIND bridge_slave and the port attributes as slave data', async (t) => {
  const m = linkSetMessage({ dev: 2, kind: 'bridge_slave', learning: false, cost: 7 });
  const info = m.body.attrs.linkinfo!;
  t.equal(info.kind, 'bridge_slave');
  const ipInfo = linkBody.read(splitMessages(IP_BRIDGE_SLAVE)[0]!.body, 'fixture').attrs.linkinfo!;
  t.equal(ipInfo.kind, 'bridge_slave');
  // ip writes LEARNING before COST; our table writes by number: compare the decoded port attributes.
  t.same(bridgePortAttrs.decode(info.slave_data as Buffer), bridgePortAttrs.decode(ipInfo.slave_data as Buffer));
  t.same(bridgePortAttrs.decode(info.slave_data as Buffer), { learning: 0, cost: 7 });
  t.throws(() => linkSetMessage({ dev: 2, kind: 'bridge_slave', speed: 5 } as never), /unknown option "speed"/);
});

t.test('vxlan create words of ip 6.1: external means learning off; checksum, GBP, flow label', async (t) => {
  const ext = linkAddMessage({ kind: 'vxlan', name: 'vx0', external: true, dstport: 4790 } as never).body.attrs.linkinfo!.data as Record<string, unknown>;
  t.same([ext.collect_metadata, ext.learning], [1, 0], 'ip sends IFLA_VXLAN_LEARNING 0 with external');
  const more = linkAddMessage({ kind: 'vxlan', name: 'vx1', id: 5, gbp: true, rsc: true, udp6zerocsumtx: false, remcsumrx: true, flowlabel: 5 } as never).body.attrs.linkinfo!.data as Record<string, unknown>;
  t.same([more.gbp, more.rsc, more.udp_zero_csum6_tx, more.remcsum_rx, more.label], [true, 1, 0, 1, 5]);
  const br = linkAddMessage({ kind: 'bridge', name: 'br0', fdb_flush: true, mcast_last_member_count: 3, no_linklocal_learn: 1 } as never).body.attrs.linkinfo!.data as Record<string, unknown>;
  t.same([br.fdb_flush, br.mcast_last_member_cnt, br.multi_boolopt], [true, 3, { optval: 1, optmask: 1 }], "bridge: ip's words for counts and bool options");
});
