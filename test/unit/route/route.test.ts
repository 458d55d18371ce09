// Golden pairs for routes: requests iproute2 6.1 sent and a dumped route kernel 6.18 sent (see
// test/fixtures/README.md). The kernel fills RTA_TABLE before RTA_GATEWAY/RTA_OIF, ip puts
// RTA_GATEWAY before RTA_OIF; our table emits in kernel-number order, so encodings are compared
// with attributes sorted (test/helpers/canonical.ts).
import t from 'tap';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { NLM_F_ACK, NLM_F_REQUEST } from '../../../src/netlink/constants.js';
import { Writer } from '../../../src/netlink/writer.js';
import { DecodeError } from '../../../src/netlink/errors.js';
import * as K from '../../../src/netlink/route/constants.js';
import { multipath, routeBody, routeGetMessage, routeMessage, routeTable, type RouteCommand, type RouteMessage, type RouteOptions } from '../../../src/netlink/route/route.js';
import { fixture } from '../../helpers/fixtures.js';
import { canonical } from '../../helpers/canonical.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) t.plan(0, 'big-endian host: fixtures are little-endian');

const devs: Record<string, number> = { veth0: 3, eth0: 2 };
const dev = (d: string | number) => (typeof d === 'number' ? d : devs[d]!);

function encodeRequest(cmd: RouteCommand, opts: RouteOptions): Buffer {
  const req = routeMessage(cmd, opts, dev);
  return encodeMessage({ type: req.type, flags: req.flags | NLM_F_REQUEST | NLM_F_ACK, seq: 0, pid: 0 }, routeBody, req.body);
}

const unicastMain = { tos: 0, table: K.RT_TABLE_MAIN, protocol: K.RTPROT_BOOT, type: K.RTN_UNICAST, flags: 0 };

const golden: [string, RouteOptions, RouteMessage][] = [
  ['route_add_default_via', { dst: 'default', via: '10.0.0.254' },
    { header: { family: 2, dst_len: 0, src_len: 0, scope: 0, ...unicastMain }, attrs: { gateway: '10.0.0.254' } }],
  ['route_add_multipath', { dst: '192.0.2.0/24', nexthops: [{ via: '10.0.0.2', weight: 1 }, { via: '10.0.0.3', weight: 2 }] },
    { header: { family: 2, dst_len: 24, src_len: 0, scope: 0, ...unicastMain }, attrs: {
      dst: '192.0.2.0',
      multipath: [
        { flags: 0, hops: 0, ifindex: 0, attrs: { gateway: '10.0.0.2' } },
        { flags: 0, hops: 1, ifindex: 0, attrs: { gateway: '10.0.0.3' } },
      ],
    } }],
];

for (const [name, opts, expected] of golden) {
  t.test(name, async (t) => {
    const bytes = fixture(name);
    const [m] = splitMessages(bytes);
    t.equal(m!.type, K.RTM_NEWROUTE);
    t.equal(m!.flags, 0x605);
    t.same(routeBody.read(m!.body, 'fixture'), expected, 'decode(bytes) equals the object');
    const again = encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: 0 }, routeBody, expected);
    t.same(again, bytes, 'encode(object) equals the bytes exactly (ip and the table agree on order here)');
    t.same(canonical(encodeRequest('add', opts), 12), canonical(bytes, 12), 'routeMessage makes the bytes ip made');
  });
}

t.test('reply_newroute: a dumped default route decodes', async (t) => {
  const bytes = fixture('reply_newroute');
  const [m] = splitMessages(bytes);
  const r = routeBody.read(m!.body, 'fixture') as RouteMessage;
  t.same(r, { header: { family: 2, dst_len: 0, src_len: 0, scope: 0, ...unicastMain }, attrs: { table: 254, gateway: '10.0.0.254', oif: 3 } });
  t.equal(routeTable(r), 254);
  const again = encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: m!.pid }, routeBody, r);
  t.same(canonical(again, 12), canonical(bytes, 12));
});

t.test('defaults as ip picks them', async (t) => {
  const direct = routeMessage('add', { dst: '10.1.0.0/16', dev: 'veth0' }, dev).body;
  t.same(direct.header, { family: 2, dst_len: 16, src_len: 0, scope: K.RT_SCOPE_LINK, ...unicastMain }, 'no gateway: link scope');
  t.same(direct.attrs, { dst: '10.1.0.0', oif: 3 });
  const v6 = routeMessage('add', { dst: '2001:db8:1::/48', dev: 'veth0' }, dev).body;
  t.equal(v6.header.scope, 0, 'IPv6 is always universe');
  t.equal(v6.header.family, K.AF_INET6);
  const def6 = routeMessage('add', { dst: 'default', via: 'fe80::1', dev: 'eth0' }, dev).body;
  t.same([def6.header.family, def6.header.dst_len, def6.attrs], [K.AF_INET6, 0, { gateway: 'fe80::1', oif: 2 }], "'default' takes the gateway's family");
  const local = routeMessage('add', { dst: '10.5.5.5', type: 'local', dev: 'veth0' }, dev).body.header;
  t.same([local.table, local.scope, local.type, local.dst_len], [K.RT_TABLE_LOCAL, K.RT_SCOPE_HOST, K.RTN_LOCAL, 32], 'local: table local, host scope, /32');
  const bh = routeMessage('add', { dst: '10.6.0.0/16', type: 'blackhole' }, dev).body.header;
  t.same([bh.type, bh.scope, bh.table], [K.RTN_BLACKHOLE, 0, K.RT_TABLE_MAIN]);
  const del = routeMessage('del', { dst: '10.1.0.0/16' }, dev);
  t.equal(del.type, K.RTM_DELROUTE);
  t.same(del.body.header, { family: 2, dst_len: 16, src_len: 0, tos: 0, table: K.RT_TABLE_MAIN, protocol: 0, scope: K.RT_SCOPE_NOWHERE, type: 0, flags: 0 }, 'a delete matches any protocol, scope, type');
  const big = routeMessage('add', { dst: '10.7.0.0/16', dev: 'veth0', table: 1000 }, dev).body;
  t.same([big.header.table, big.attrs.table], [K.RT_TABLE_UNSPEC, 1000], 'tables above 255 go in RTA_TABLE');
  const realms = routeMessage('add', { dst: '10.8.0.0/16', dev: 'veth0', realms: (3 << 16) | 4 }, dev).body;
  t.equal(realms.attrs.flow, 0x30004, 'realms 3/4 travel as RTA_FLOW, FROM << 16 | TO (ip route add ... realms 3/4)');
  t.same(routeMessage('add', { dst: '10.7.0.0/16', dev: 'veth0', table: 100 }, dev).body.attrs.table, undefined);
  const full = routeMessage('replace', { dst: '10.8.0.0/16', via: '10.0.0.1', dev: 'veth0', src: '10.0.0.5', metric: 7, protocol: 'static', onlink: true, scope: 'global', metrics: { mtu: 1400 } }, dev);
  t.equal(full.flags, 0x500);
  t.same(full.body.header, { family: 2, dst_len: 16, src_len: 0, tos: 0, table: 254, protocol: K.RTPROT_STATIC, scope: 0, type: 1, flags: K.RTNH_F_ONLINK });
  t.same(full.body.attrs, { dst: '10.8.0.0', gateway: '10.0.0.1', oif: 3, prefsrc: '10.0.0.5', priority: 7, metrics: { mtu: 1400 } });
  t.equal(routeMessage('append', { dst: '10.8.0.0/16', dev: 'veth0' }, dev).flags, 0xc00, 'CREATE|APPEND');
  const v4via6 = routeMessage('add', { dst: '10.9.0.0/16', via: 'fe80::1', dev: 'veth0' }, dev).body.attrs;
  t.same(v4via6.via, { family: K.AF_INET6, addr: 'fe80::1' }, 'an IPv6 gateway of an IPv4 route is RTA_VIA');
  const mp = routeMessage('add', { dst: '10.10.0.0/16', nexthops: [{ via: '10.0.0.2', dev: 'veth0', weight: 3, onlink: true }, { dev: 'eth0' }] }, dev).body;
  t.same(mp.attrs.multipath, [
    { flags: K.RTNH_F_ONLINK, hops: 2, ifindex: 3, attrs: { gateway: '10.0.0.2' } },
    { flags: 0, hops: 0, ifindex: 2, attrs: {} },
  ]);
  t.equal(mp.header.scope, 0, 'multipath is not a direct route');
});

t.test('route get as ip route get builds it', async (t) => {
  const g = routeGetMessage({ to: '10.0.0.9', from: '10.0.0.1', iif: 'veth0', mark: 5 }, dev);
  t.equal(g.type, K.RTM_GETROUTE);
  t.same(g.body.header, { family: 2, dst_len: 32, src_len: 32, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags: K.RTM_F_LOOKUP_TABLE });
  t.same(g.body.attrs, { dst: '10.0.0.9', src: '10.0.0.1', iif: 3, mark: 5 });
  const g6 = routeGetMessage({ to: '2001:db8::9', fibmatch: true, ipproto: 6, dport: 443 }, dev).body;
  t.same([g6.header.family, g6.header.dst_len, g6.header.flags], [K.AF_INET6, 128, K.RTM_F_FIB_MATCH], 'IPv6 takes no RTM_F_LOOKUP_TABLE');
  t.same(g6.attrs, { dst: '2001:db8::9', ip_proto: 6, dport: 443 });
});

t.test('multipath codec round trips and rejects bad lengths', async (t) => {
  const hops = [
    { flags: 4, hops: 0, ifindex: 3, attrs: { gateway: '2001:db8::1' } },
    { flags: 0, hops: 9, ifindex: 2, attrs: { via: { family: 2, addr: '10.0.0.1' }, flow: 7 } },
  ];
  const w = new Writer(8);
  multipath.write(w, hops, 'mp');
  const b = Buffer.from(w.view());
  t.equal(b.readUInt16LE(0), 8 + 20, 'rtnh_len covers the hop and its attributes');
  t.same(multipath.read(b, 'mp'), hops);
  const bad = Buffer.from(b);
  bad.writeUInt16LE(200, 0);
  t.throws(() => multipath.read(bad, 'multipath'), DecodeError);
  bad.writeUInt16LE(4, 0);
  t.throws(() => multipath.read(bad, 'multipath'), /multipath\[0\]: rtnexthop length 4/);
});

t.test('validation errors before anything is sent', async (t) => {
  const bad: [RouteOptions, RegExp][] = [
    [{ dst: '10.0.0.300/24' }, /300 is not a byte/],
    [{ dst: '10.0.0.0/33' }, /out of range for IPv4/],
    [{ dst: '2001:db8::/129' }, /out of range for IPv6/],
    [{ dst: 'nowhere' }, /expected an IPv4/],
    [{ dst: '10.0.0.0/8', table: 'nosuch' }, /invalid table "nosuch"/],
    [{ dst: '10.0.0.0/8', type: 'teleport' }, /invalid route type "teleport"/],
    [{ dst: '10.0.0.0/8', protocol: 'carrier-pigeon' }, /invalid protocol/],
    [{ dst: '10.0.0.0/8', scope: 300 }, /invalid scope 300/],
    [{ dst: '10.0.0.0/8', metric: -1 }, /invalid metric -1/],
    [{ dst: '10.0.0.0/8', via: '10.0.0.1/24' }, /without a prefix length/],
    [{ dst: '10.0.0.0/8', src: '2001:db8::1' }, /an IPv6 address where IPv4 is expected/],
    [{ dst: '10.0.0.0/8', nexthops: [] }, /nexthops is empty/],
    [{ dst: '10.0.0.0/8', nexthops: [{ via: '10.0.0.1', weight: 257 }] }, /weight 257/],
    [{ dst: '10.0.0.0/8', nexthops: [{ weight: 2 }] }, /needs via or dev/],
    [{ dst: '10.0.0.0/8', metrics: { bogus: 1 } as never }, /unknown route metric "bogus"/],
  ];
  for (const [opts, re] of bad) t.throws(() => routeMessage('add', opts, dev), { name: 'UsageError', message: re }, JSON.stringify(opts));
  t.throws(() => routeGetMessage({ to: 'x' }, dev), { name: 'UsageError' });
});
