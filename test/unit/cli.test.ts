// Unit tests of the nlctl CLI without a kernel: argv parsing, abbreviations, suggestions,
// batch line splitting, the ip-style JSON writer, the printers and error mapping.
import t from 'tap';
import { Args, matches, pick } from '../../src/cli/args.js';
import { parseGlobals, loadObject } from '../../src/cli/run.js';
import { suggest, editDistance } from '../../src/cli/suggest.js';
import { splitLine } from '../../src/cli/batch.js';
import { toJson } from '../../src/cli/print/json.js';
import { linkFlagNames, linkText, linkJson, linkBriefText } from '../../src/cli/print/link.js';
import { addrText, addrJson } from '../../src/cli/print/addr.js';
import { routeText, routeJson } from '../../src/cli/print/route.js';
import { neighText, neighJson } from '../../src/cli/print/neigh.js';
import { describeFailure, CliUsageError } from '../../src/cli/errors.js';
import { parseAddrModify } from '../../src/cli/addr.js';
import { parseRouteModify } from '../../src/cli/route.js';
import { parseLinkAdd, parseLinkSet } from '../../src/cli/link-modify.js';
import { parseNeighModify } from '../../src/cli/neigh.js';
import { NetlinkError, UsageError } from '../../src/netlink/errors.js';

t.test('ip word matching: prefixes, first keyword in ip order wins', async (t) => {
  t.ok(matches('l', 'link'));
  t.notOk(matches('', 'link'));
  t.notOk(matches('links', 'link'));
  t.equal(pick('s', ['set', 'show'] as const), 'set');
  t.equal(pick('sh', ['set', 'show'] as const), 'show');
  t.equal(pick('x', ['set', 'show'] as const), undefined);
});

t.test('global options, abbreviated as ip abbreviates them', async (t) => {
  const p = parseGlobals(['-n', 'blue', '-j', '-p', '-d', '-br', '-4', 'link', 'show']);
  t.equal(p.g.netns, 'blue');
  t.ok(p.g.json && p.g.pretty && p.g.details && p.g.brief);
  t.equal(p.g.family, 2);
  t.same(p.rest, ['link', 'show']);
  t.equal(parseGlobals(['-6', 'r']).g.family, 10);
  t.equal(parseGlobals(['-netns', 'x', 'a']).g.netns, 'x');
  t.equal(parseGlobals(['--json', 'a']).g.json, true);
  t.equal(parseGlobals(['-b', 'f']).batch, 'f');
  t.equal(parseGlobals(['-force', '-batch', '-']).g.force, true);
  t.equal(parseGlobals(['-f', 'inet6', 'a']).g.family, 10, '-f is -family, as in ip');
  t.equal(parseGlobals(['-V']).version, true);
  t.throws(() => parseGlobals(['-x']), { message: 'Option "-x" is unknown, try "nlctl -help".' });
  t.throws(() => parseGlobals(['-n']), CliUsageError);
});

t.test('objects resolve like ip; unknown ones get a suggestion and exit 1', async (t) => {
  for (const w of ['a', 'addr', 'address', 'r', 'ro', 'n', 'neigh', 'neighbour', 'l', 'link', 'mon', 'netns']) {
    const m = await loadObject(w);
    t.type(m.run, 'function', w);
  }
  await t.rejects(loadObject('lnik'), { message: 'Object "lnik" is unknown, did you mean "link"?', exitCode: 1 });
  await t.rejects(loadObject('zzzzzz'), { message: 'Object "zzzzzz" is unknown, try "nlctl help".' });
  await t.rejects(loadObject('xfrm'), { message: /not supported by nlctl/ });
  t.equal(suggest('adress', ['address', 'route']), 'address');
  t.equal(suggest('qqq', ['link']), undefined);
  t.equal(editDistance('lnik', 'link'), 1, 'a swap is one edit');
});

t.test('batch lines split as ip makeargs', async (t) => {
  t.same(splitLine('  address add 10.0.0.1/24 dev v0  '), ['address', 'add', '10.0.0.1/24', 'dev', 'v0']);
  t.same(splitLine('# comment'), []);
  t.same(splitLine('link set v0 alias "my link" # tail'), ['link', 'set', 'v0', 'alias', 'my link']);
  t.same(splitLine("a b\\ c 'd e'"), ['a', 'b c', 'd e']);
  t.same(splitLine(''), []);
});

t.test('JSON writer: compact and iproute2 pretty layout', async (t) => {
  const v = [{ ifindex: 1, flags: ['LOOPBACK'], addr_info: [], x: undefined }];
  t.equal(toJson(v), '[{"ifindex":1,"flags":["LOOPBACK"],"addr_info":[]}]');
  t.equal(toJson(v, true), '[ {\n        "ifindex": 1,\n        "flags": [ "LOOPBACK" ],\n        "addr_info": [ ]\n    } ]');
  t.equal(toJson([], true), '[ ]');
  t.equal(toJson({ big: 18446744073709551615n }), '{"big":18446744073709551615}');
});

const names = (i: number) => ({ 1: 'lo', 2: 'v1', 3: 'v0', 8: 'br0' } as Record<number, string>)[i] ?? `if${i}`;
const veth = {
  header: { family: 0, type: 1, index: 3, flags: 0x11043, change: 0 },
  attrs: { ifname: 'v0', mtu: 1500, qdisc: 'noqueue', master: 8, operstate: 6, linkmode: 0, group: 0, txqlen: 1000, link: 2, address: 'f6:63:3c:1f:d3:dc', broadcast: 'ff:ff:ff:ff:ff:ff' },
} as any;

t.test('link printer matches ip link show', async (t) => {
  t.same(linkFlagNames(0x11043), ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP']);
  t.same(linkFlagNames(0x1003), ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP']);
  t.same(linkFlagNames(0x1002, true), ['BROADCAST', 'MULTICAST', 'M-DOWN']);
  t.equal(linkText(veth, { name: names, doLink: true, showQueue: true }),
    '3: v0@v1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000\n' +
    '    link/ether f6:63:3c:1f:d3:dc brd ff:ff:ff:ff:ff:ff');
  const peerNs = { ...veth, attrs: { ...veth.attrs, master: undefined, link_netnsid: 0 } };
  t.match(linkText(peerNs, { name: names, nsNames: new Map([[0, 'blue']]) }), /^3: v0@if2: .* link-netns blue$/s);
  t.match(linkText(peerNs, { name: names }), / link-netnsid 0$/);
  t.same(Object.keys(linkJson(veth, { name: names, doLink: true, showQueue: true })),
    ['ifindex', 'link', 'ifname', 'flags', 'mtu', 'qdisc', 'master', 'operstate', 'linkmode', 'group', 'txqlen', 'link_type', 'address', 'broadcast', 'link_netnsid']);
  t.equal(linkJson(peerNs, { name: names }).link_index, 2);
  t.equal(linkBriefText(veth, { name: names }), 'v0@v1            UP             f6:63:3c:1f:d3:dc <BROADCAST,MULTICAST,UP,LOWER_UP> ');
});

t.test('address, route and neighbour printers', async (t) => {
  const a = { header: { family: 2, prefixlen: 24, flags: 0x80, scope: 0, index: 3 }, attrs: { address: '10.0.0.1', local: '10.0.0.1', broadcast: '10.0.0.255', label: 'v0', cacheinfo: { prefered: 0xffffffff, valid: 0xffffffff, cstamp: 0, tstamp: 0 } } } as any;
  t.equal(addrText(a), '    inet 10.0.0.1/24 brd 10.0.0.255 scope global v0\n       valid_lft forever preferred_lft forever');
  t.same(addrJson(a), { family: 'inet', local: '10.0.0.1', prefixlen: 24, broadcast: '10.0.0.255', scope: 'global', label: 'v0', valid_life_time: 4294967295, preferred_life_time: 4294967295 });
  const v6 = { header: { family: 10, prefixlen: 64, flags: 0xc0, scope: 253, index: 3 }, attrs: { address: 'fe80::1', cacheinfo: { prefered: 0xffffffff, valid: 0xffffffff, cstamp: 0, tstamp: 0 } } } as any;
  t.equal(addrText(v6), '    inet6 fe80::1/64 scope link tentative \n       valid_lft forever preferred_lft forever');
  const r = { header: { family: 2, dst_len: 24, src_len: 0, tos: 0, table: 254, protocol: 2, scope: 253, type: 1, flags: 0 }, attrs: { table: 254, dst: '10.0.0.0', oif: 3, prefsrc: '10.0.0.1' } } as any;
  t.equal(routeText(r, { name: names }), '10.0.0.0/24 dev v0 proto kernel scope link src 10.0.0.1 ');
  t.same(routeJson(r, { name: names }), { dst: '10.0.0.0/24', dev: 'v0', protocol: 'kernel', scope: 'link', prefsrc: '10.0.0.1', flags: [] });
  const def = { header: { family: 2, dst_len: 0, src_len: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0 }, attrs: { gateway: '10.0.0.7', oif: 3, priority: 5 } } as any;
  t.equal(routeText(def, { name: names }), 'default via 10.0.0.7 dev v0 metric 5 ');
  // -d: a listing (main only) leaves the table out; route get and monitor print it, as ip does.
  t.equal(routeText(def, { name: names, details: true, tableFiltered: true }), 'unicast default via 10.0.0.7 dev v0 proto boot scope global metric 5 ');
  t.equal(routeText(def, { name: names, details: true }), 'unicast default via 10.0.0.7 dev v0 table main proto boot scope global metric 5 ');
  const n = { header: { family: 2, ifindex: 3, state: 0x80, flags: 0x80, type: 0 }, attrs: { dst: '10.0.0.2', lladdr: '02:00:00:00:00:01' } } as any;
  t.equal(neighText(n, { name: names }), '10.0.0.2 dev v0 lladdr 02:00:00:00:00:01 router PERMANENT ');
  t.same(neighJson(n, { name: names, hideDev: true }), { dst: '10.0.0.2', lladdr: '02:00:00:00:00:01', router: null, state: ['PERMANENT'] });
});

t.test('command words to service options', async (t) => {
  t.same(parseAddrModify(new Args(['10.0.0.1/24', 'brd', '+', 'dev', 'v0', 'label', 'v0:1', 'valid_lft', '30', 'preferred_lft', '20', 'nodad'])),
    { address: '10.0.0.1/24', broadcast: '+', dev: 'v0', label: 'v0:1', validLft: 30, preferredLft: 20 }, 'nodad on IPv4: ip 6.1 warns and leaves it out');
  t.same(parseAddrModify(new Args(['2001:db8::1/64', 'dev', 'v0', 'nodad'])), { address: '2001:db8::1/64', dev: 'v0', nodad: true }, 'nodad on IPv6');
  // An unset lifetime is forever, so a finite valid_lft alone is shorter than the preferred one (ip's check, exit 1).
  t.throws(() => parseAddrModify(new Args(['10.0.0.1/24', 'dev', 'v0', 'valid_lft', '30', 'preferred_lft', 'forever'])), { message: 'preferred_lft is greater than valid_lft', exitCode: 1 });
  t.throws(() => parseAddrModify(new Args(['10.0.0.1/24'])), { message: 'Not enough information: "dev" argument is required.', exitCode: 1 });
  t.throws(() => parseAddrModify(new Args(['10.0.0.1/24', '10.0.0.2/24', 'dev', 'x'])), { message: 'Error: either "local" is duplicate, or "10.0.0.2/24" is a garbage.' });
  t.same(parseRouteModify(new Args(['default', 'via', '10.0.0.1', 'dev', 'v0', 'metric', '7', 'table', '100', 'proto', 'static'])),
    { dst: 'default', via: '10.0.0.1', dev: 'v0', metric: 7, table: '100', protocol: 'static' });
  t.same(parseRouteModify(new Args(['blackhole', '10.9.0.0/16'])), { type: 'blackhole', dst: '10.9.0.0/16' });
  // A gateway of the other family needs ip's explicit `via inet6`; bare, ip refuses it.
  t.same(parseRouteModify(new Args(['10.9.0.0/16', 'via', 'inet6', '2001:db8::2'])), { dst: '10.9.0.0/16', via: '2001:db8::2' });
  t.throws(() => parseRouteModify(new Args(['10.9.0.0/16', 'via', '2001:db8::2'])), { message: 'Error: inet address is expected rather than "2001:db8::2".', exitCode: 1 });
  t.throws(() => parseRouteModify(new Args(['2001:db8:9::/48', 'via', '10.1.1.2']), 10), { message: 'Error: inet6 address is expected rather than "10.1.1.2".' });
  t.throws(() => parseRouteModify(new Args(['10.9.0.0/16']), 10), { message: 'Error: inet6 prefix is expected rather than "10.9.0.0/16".' });
  t.same(parseRouteModify(new Args(['10.1.0.0/16', 'nexthop', 'via', '10.0.0.2', 'weight', '2', 'nexthop', 'via', '10.0.0.3'])),
    { dst: '10.1.0.0/16', nexthops: [{ via: '10.0.0.2', weight: 2 }, { via: '10.0.0.3' }] });
  t.same(parseRouteModify(new Args(['10.1.0.0/16', 'dev', 'v0', 'mtu', 'lock', '1400'])), { dst: '10.1.0.0/16', dev: 'v0', metrics: { mtu: 1400, lock: 4 } });
  t.same(parseRouteModify(new Args(['10.1.0.0/16', 'hoplimit', 'lock', '9'])), { dst: '10.1.0.0/16', metrics: { hoplimit: 9, lock: 1 << 10 } });
  t.same(parseLinkAdd(new Args(['v0', 'mtu', '1400', 'type', 'veth', 'peer', 'name', 'v1', 'netns', 'blue'])),
    { name: 'v0', mtu: 1400, kind: 'veth', peer: { name: 'v1', netns: 'blue' } });
  t.same(parseLinkAdd(new Args(['vx0', 'type', 'vxlan', 'id', '42', 'dstport', '4789', 'nolearning', 'srcport', '1000', '2000'])),
    { name: 'vx0', kind: 'vxlan', id: 42, dstport: 4789, learning: false, srcport: [1000, 2000] });
  t.same(parseLinkAdd(new Args(['link', 'eth0', 'name', 'm0', 'type', 'macvlan', 'mode', 'bridge'])), { link: 'eth0', name: 'm0', kind: 'macvlan', mode: 'bridge' });
  t.throws(() => parseLinkAdd(new Args(['x0'])), { message: 'Not enough information: "type" argument is required', exitCode: 1 });
  t.same(parseLinkSet(new Args(['dev', 'v0', 'up', 'netns', '42', 'nomaster', 'promisc', 'on'])), { dev: 'v0', up: true, netns: { pid: 42 }, nomaster: true, promisc: true });
  t.same(parseNeighModify(new Args(['10.0.0.2', 'lladdr', '02:00:00:00:00:01', 'dev', 'v0', 'nud', 'reachable', 'router'])),
    { dst: '10.0.0.2', lladdr: '02:00:00:00:00:01', dev: 'v0', state: 'reachable', router: true });
  t.throws(() => parseNeighModify(new Args(['10.0.0.2'])), { message: 'Device and destination are required arguments.' });
});

t.test('failures map to ip text and exit codes', async (t) => {
  const req = { op: 'addr.add', type: 'RTM_NEWADDR', flags: 0, seq: 1 };
  t.same(describeFailure(new NetlinkError(17, req, { message: 'ipv4: Address already assigned' })), { text: 'Error: ipv4: Address already assigned.', exitCode: 2 });
  t.same(describeFailure(new NetlinkError(17, req)), { text: 'RTNETLINK answers: File exists', exitCode: 2 });
  t.same(describeFailure(new UsageError('Cannot find device "x" in netns blue')), { text: 'Cannot find device "x"', exitCode: 1 });
  t.same(describeFailure(new UsageError('invalid scope "x"')), { text: 'Error: invalid scope "x"', exitCode: 255 });
  t.same(describeFailure(new CliUsageError('Command line is not complete. Try option "help"')), { text: 'Command line is not complete. Try option "help"', exitCode: 255 });
  const internal = describeFailure(new TypeError('boom'));
  t.equal(internal.exitCode, 1);
  t.notMatch(internal.text, /at .*\.js/, 'no stack trace unless NLCTL_DEBUG');
});
