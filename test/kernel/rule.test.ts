// nl.rule against the kernel in scratch namespaces: rules we add show in `ip -j rule show` as
// asked; rules ip added decode to what ip shows; del and flush remove what ip's would.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError, UsageError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import { ruleTable, type RuleMessage } from '../../src/netlink/route/rule.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

const byPrio = (rules: RuleMessage[], p: number) => rules.find((r) => (r.attrs.priority ?? 0) === p);

t.test('add, list, del against ip -j rule show', { skip }, async (t) => {
  const ns = scratchNs(t, 'rule');
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());

  await nl.rule.add({ from: '10.1.0.0/16', to: '10.2.0.0/24', iif: 'v0', fwmark: 0x10, fwmask: 0xff, table: 100, priority: 1000 });
  await nl.rule.add({ family: 'inet6', not: true, from: '2001:db8::/64', oif: 'v1', table: 70000, priority: 2000, uidrange: [1000, 2000], ipproto: 6, sport: 80, dport: [1000, 2000], protocol: 'static' });
  await nl.rule.add({ priority: 3000, tos: 0x10, table: 'main', suppressPrefixlength: 0 });
  await nl.rule.add({ priority: 4000, goto: 5000 });
  await nl.rule.add({ priority: 4500, fwmark: 7, action: 'prohibit' });
  await nl.rule.add({ priority: 4600, action: 'nop' });
  await nl.rule.add({ priority: 4700, realms: (5 << 16) | 6, table: 7 });

  const v4 = ipJson<any[]>('-n', ns, 'rule', 'show');
  t.same(v4.find((r) => r.priority === 1000), { priority: 1000, src: '10.1.0.0', srclen: 16, dst: '10.2.0.0', dstlen: 24, fwmark: '0x10', fwmask: '0xff', iif: 'v0', iif_detached: null, table: '100' });
  t.same(v4.find((r) => r.priority === 3000), { priority: 3000, src: 'all', tos: '0x10', table: 'main', suppress_prefixlen: 0 });
  t.same(v4.find((r) => r.priority === 4000), { priority: 4000, src: 'all', goto: 5000, unresolved: null });
  t.same(v4.find((r) => r.priority === 4500), { priority: 4500, src: 'all', fwmark: '0x7', action: 'prohibit' });
  t.same(v4.find((r) => r.priority === 4600), { priority: 4600, src: 'all', nop: null });
  t.same(v4.find((r) => r.priority === 4700), { priority: 4700, src: 'all', table: '7', flow_from: '5', flow_to: '6' });
  const v6 = ipJson<any[]>('-n', ns, '-6', 'rule', 'show');
  t.same(v6.find((r) => r.priority === 2000), {
    priority: 2000, not: null, src: '2001:db8::', srclen: 64, oif: 'v1', oif_detached: null, uid_start: 1000, uid_end: 2000,
    ipproto: 'tcp', sport: 80, dport_start: 1000, dport_end: 2000, table: '70000', protocol: 'static',
  });

  const ours = await nl.rule.list();
  t.same(ours.map((r) => r.attrs.priority ?? 0), v4.map((r) => r.priority), 'the same IPv4 rules in the same order as ip lists');
  t.equal(ruleTable(byPrio(ours, 1000)!), 100);
  t.ok(byPrio(ours, 1000)!.header.flags & K.FIB_RULE_IIF_DETACHED, 'iif of a device that does not exist is detached');
  t.same((await nl.rule.list({ family: 'all' })).length, v4.length + v6.length, "family 'all' lists both");
  t.same((await nl.rule.list({ table: 'main' })).map((r) => r.attrs.priority), [3000, 32766]);

  await nl.rule.del({ priority: 1000 });
  t.notOk(ipJson<any[]>('-n', ns, 'rule', 'show').some((r) => r.priority === 1000), 'deleted');
  const e = await nl.rule.del({ priority: 1000 }).catch((x: unknown) => x);
  t.ok(e instanceof NetlinkError && e.code === 'ENOENT', 'deleting it again: ENOENT');
  const dup = await nl.rule.add({ priority: 3000, tos: 0x10, table: 'main', suppressPrefixlength: 0 }).catch((x: unknown) => x);
  t.ok(dup instanceof NetlinkError && dup.code === 'EEXIST', 'the same rule twice: EEXIST');
  await t.rejects(nl.rule.add({ family: 'inet', from: '2001:db8::/64' }), UsageError, 'a prefix of the other family is refused before sending');
});

t.test('rules ip made decode to what ip shows; flush keeps only the local rule', { skip }, async (t) => {
  const ns = scratchNs(t, 'rulf');
  ip('-n', ns, 'rule', 'add', 'from', '192.0.2.0/24', 'lookup', '10', 'pref', '100');
  ip('-n', ns, 'rule', 'add', 'not', 'to', '198.51.100.7', 'fwmark', '0x5', 'table', '300', 'pref', '200', 'proto', 'bgp');
  ip('-n', ns, '-6', 'rule', 'add', 'from', 'all', 'ipproto', 'udp', 'dport', '53', 'prohibit', 'pref', '300');
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const r100 = byPrio(await nl.rule.list(), 100)!;
  t.same([r100.header.src_len, r100.attrs.src, ruleTable(r100), r100.header.action], [24, '192.0.2.0', 10, K.FR_ACT_TO_TBL]);
  const r200 = byPrio(await nl.rule.list(), 200)!;
  t.same([r200.header.flags & K.FIB_RULE_INVERT, r200.header.dst_len, r200.attrs.dst, r200.attrs.fwmark, ruleTable(r200), r200.attrs.protocol],
    [K.FIB_RULE_INVERT, 32, '198.51.100.7', 5, 300, K.RTPROT_BGP]);
  const r300 = byPrio(await nl.rule.list({ family: 'inet6' }), 300)!;
  t.same([r300.header.family, r300.attrs.ip_proto, r300.attrs.dport_range, r300.header.action], [K.AF_INET6, 17, { start: 53, end: 53 }, K.FR_ACT_PROHIBIT]);

  t.equal(await nl.rule.flush(), 4, 'flush deleted 100, 200, main and default');
  t.same(ipJson<any[]>('-n', ns, 'rule', 'show'), [{ priority: 0, src: 'all', table: 'local' }], 'as after ip rule flush: only the local rule');
  t.equal(ipJson<any[]>('-n', ns, '-6', 'rule', 'show').length, 3, 'IPv6 rules untouched');
});
