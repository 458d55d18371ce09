// nftables over NETLINK_NETFILTER against the kernel in scratch namespaces, cross-checked with
// `nft` both ways: what nlctl makes, nft lists identically (text byte for byte, and -j); what
// nft makes, nlctl decodes identically. Plus transactions and bad input.
import t from 'tap';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nft } from '../../src/nft/nft.js';
import { NetlinkError, UsageError } from '../../src/netlink/errors.js';
import { formatRuleset, rulesetJson } from '../../src/nft/text.js';
import { masquerade, publish, unmasquerade, unpublish, natClear } from '../../src/nft/nat.js';
import { commandSpecs, type NftCommand } from '../../src/nft/commands.js';
import * as N from '../../src/netfilter/constants.js';
import { batchBody, BATCH_GENMSG } from '../../src/netfilter/messages.js';
import type { RuleExpr } from '../../src/nft/types.js';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { hasNft, nftIn, nftJson } from '../helpers/nft.js';

const skip = kernelSkipReason() ?? (hasNft() ? undefined : 'nft (Debian package nftables) is not installed; it is the oracle for these tests');

const ipSaddr = { payload: { protocol: 'ip', field: 'saddr' } } as const;
const RULESET: NftCommand[] = [
  { add: { table: { family: 'ip', name: 'nlctl' } } },
  { add: { chain: { family: 'ip', table: 'nlctl', name: 'postrouting', type: 'nat', hook: 'postrouting', prio: 100, policy: 'accept' } } },
  { add: { chain: { family: 'ip', table: 'nlctl', name: 'prerouting', type: 'nat', hook: 'prerouting', prio: -100 } } },
  { add: { chain: { family: 'ip', table: 'nlctl', name: 'output', type: 'nat', hook: 'output', prio: -100 } } },
  { add: { chain: { family: 'ip', table: 'nlctl', name: 'helper' } } },
  { add: { rule: { family: 'ip', table: 'nlctl', chain: 'postrouting', expr: [
    { match: { op: '==', left: ipSaddr, right: { prefix: { addr: '10.0.0.0', len: 24 } } } },
    { match: { op: '!=', left: { meta: { key: 'oifname' } }, right: 'veth0' } }, { counter: null }, { masquerade: null }] } } },
  { add: { rule: { family: 'ip', table: 'nlctl', chain: 'postrouting', expr: [
    { match: { op: '==', left: { payload: { protocol: 'ip', field: 'daddr' } }, right: '192.168.1.1' } },
    { match: { op: '==', left: { meta: { key: 'iifname' } }, right: 'eth0' } }, { snat: { addr: '1.2.3.4' } }] } } },
  { add: { rule: { family: 'ip', table: 'nlctl', chain: 'prerouting', expr: [
    { match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: 8080 } }, { dnat: { addr: '10.0.0.2', port: 80 } }] } } },
  { add: { rule: { family: 'ip', table: 'nlctl', chain: 'prerouting', expr: [
    { match: { op: '==', left: { payload: { protocol: 'udp', field: 'dport' } }, right: 53 } }, { dnat: { addr: '10.0.0.3' } }] } } },
  { add: { rule: { family: 'ip', table: 'nlctl', chain: 'prerouting', expr: [{ jump: { target: 'helper' } }] } } },
  { add: { rule: { family: 'ip', table: 'nlctl', chain: 'helper', expr: [
    { match: { op: 'in', left: { ct: { key: 'state' } }, right: ['established', 'related'] } }, { accept: null }] } } },
  { add: { rule: { family: 'ip', table: 'nlctl', chain: 'helper', expr: [
    { match: { op: '!=', left: { payload: { protocol: 'tcp', field: 'sport' } }, right: 22 } }, { drop: null }] } } },
  { add: { rule: { family: 'ip', table: 'nlctl', chain: 'helper', expr: [{ match: { op: 'in', left: { ct: { key: 'state' } }, right: 'new' } }, { return: null }] } } },
  { add: { table: { family: 'inet', name: 'f' } } },
  { add: { chain: { family: 'inet', table: 'f', name: 'input', type: 'filter', hook: 'input', prio: 0, policy: 'drop' } } },
  { add: { rule: { family: 'inet', table: 'f', chain: 'input', expr: [
    { match: { op: '==', left: { payload: { protocol: 'ip6', field: 'saddr' } }, right: { prefix: { addr: '2001:db8::', len: 32 } } } }, { counter: null }, { accept: null }] } } },
  { add: { rule: { family: 'inet', table: 'f', chain: 'input', expr: [
    { match: { op: '==', left: ipSaddr, right: { prefix: { addr: '10.1.16.0', len: 20 } } } },
    { match: { op: '!=', left: { payload: { protocol: 'ip', field: 'daddr' } }, right: '10.1.2.3' } }, { accept: null }] } } },
  { add: { rule: { family: 'inet', table: 'f', chain: 'input', expr: [{ match: { op: '==', left: { meta: { key: 'l4proto' } }, right: 'udp' } }, { accept: null }] } } },
];

/** The same ruleset in nft's own language. */
const NFT_FILE = `add table ip nlctl
add chain ip nlctl postrouting { type nat hook postrouting priority 100 ; policy accept ; }
add chain ip nlctl prerouting { type nat hook prerouting priority -100 ; }
add chain ip nlctl output { type nat hook output priority -100 ; }
add chain ip nlctl helper
add rule ip nlctl postrouting ip saddr 10.0.0.0/24 oifname != "veth0" counter masquerade
add rule ip nlctl postrouting ip daddr 192.168.1.1 iifname "eth0" snat to 1.2.3.4
add rule ip nlctl prerouting tcp dport 8080 dnat to 10.0.0.2:80
add rule ip nlctl prerouting udp dport 53 dnat to 10.0.0.3
add rule ip nlctl prerouting jump helper
add rule ip nlctl helper ct state established,related accept
add rule ip nlctl helper tcp sport != 22 drop
add rule ip nlctl helper ct state new return
add table inet f
add chain inet f input { type filter hook input priority 0 ; policy drop ; }
add rule inet f input ip6 saddr 2001:db8::/32 counter accept
add rule inet f input ip saddr 10.1.16.0/20 ip daddr != 10.1.2.3 accept
add rule inet f input meta l4proto udp accept
`;

t.test('nft over NETLINK_NETFILTER', { skip: skip ? `nft kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'nft');
  const nft = await Nft.open({ netns: ns });
  t.teardown(() => nft.close());

  t.test('what nlctl makes, nft lists identically', async (t) => {
    await nft.apply(RULESET);
    const rs = await nft.ruleset();
    t.equal(formatRuleset(rs), nftIn(ns, 'list', 'ruleset'), 'text byte for byte');
    t.same(rulesetJson(rs).nftables.slice(1), nftJson(ns), 'nft -j, key for key');
    await nft.apply([{ flush: { ruleset: null } }]);
    t.same(nftJson(ns), [], 'flush ruleset empties it');
  });

  t.test('what nft makes, nlctl decodes identically', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'nlctl-nft-'));
    writeFileSync(join(dir, 'r.nft'), NFT_FILE);
    nftIn(ns, '-f', join(dir, 'r.nft'));
    const rs = await nft.ruleset();
    t.same(rulesetJson(rs).nftables.slice(1), nftJson(ns), 'decoded = nft -j');
    t.equal(formatRuleset(rs), nftIn(ns, 'list', 'ruleset'), 'text byte for byte');
    t.notOk(JSON.stringify(rs).includes('unsupported'), 'every expression understood');
    // And re-sent: the decoded rules re-encode to what nft had made.
    await nft.apply([{ flush: { ruleset: null } }]);
    const again: NftCommand[] = [
      ...rs.tables.map((x): NftCommand => ({ add: { table: { family: x.family, name: x.name } } })),
      ...rs.chains.map((c): NftCommand => ({ add: { chain: c.hook ? { family: c.family, table: c.table, name: c.name, type: c.type!, hook: c.hook, prio: c.prio!, policy: c.policy! } : { family: c.family, table: c.table, name: c.name } } })),
      ...rs.rules.map((r): NftCommand => ({ add: { rule: { family: r.family, table: r.table, chain: r.chain, expr: r.expr } } })),
    ];
    await nft.apply(again);
    t.equal(formatRuleset(await nft.ruleset()), formatRuleset(rs).replace(/packets \d+ bytes \d+/g, 'packets 0 bytes 0'), 'decode -> encode -> kernel round trip');
    await nft.apply([{ flush: { ruleset: null } }]);
  });

  t.test('services: table, chain, rule', async (t) => {
    await nft.table.add({ family: 'inet', name: 's' });
    await nft.chain.add({ family: 'inet', table: 's', name: 'in', type: 'filter', hook: 'input', prio: 10, policy: 'accept' });
    await nft.rule.add({ family: 'inet', table: 's', chain: 'in', expr: [{ match: { op: '==', left: { payload: { protocol: 'udp', field: 'dport' } }, right: 53 } }, { accept: null }] });
    await nft.rule.insert({ family: 'inet', table: 's', chain: 'in', expr: [{ drop: null }] });
    t.equal(nftIn(ns, 'list', 'ruleset'), 'table inet s {\n\tchain in {\n\t\ttype filter hook input priority filter + 10; policy accept;\n\t\tdrop\n\t\tudp dport 53 accept\n\t}\n}\n', 'insert goes first');
    const [first] = await nft.rule.list({ family: 'inet', table: 's' });
    await nft.rule.del({ family: 'inet', table: 's', chain: 'in', handle: first!.handle });
    t.same((await nft.rule.list()).map((r) => r.expr.length), [2], 'deleted by handle');
    await nft.chain.flush({ family: 'inet', table: 's', name: 'in' });
    t.same(await nft.rule.list(), [], 'flush chain');
    await nft.chain.del({ family: 'inet', table: 's', name: 'in' });
    t.same(await nft.chain.list(), []);
    await nft.table.del({ family: 'inet', name: 's' });
    t.same(await nft.table.list(), []);
  });

  t.test('a batch with one bad rule changes nothing', async (t) => {
    await nft.apply([{ add: { table: { family: 'ip', name: 'keep' } } }, { add: { chain: { family: 'ip', table: 'keep', name: 'c' } } }]);
    const before = nftIn(ns, 'list', 'ruleset');
    const err = await nft.apply([
      { add: { table: { family: 'ip', name: 'new1' } } },
      { add: { rule: { family: 'ip', table: 'keep', chain: 'c', expr: [{ accept: null }] } } },
      { add: { rule: { family: 'ip', table: 'keep', chain: 'c', expr: [{ jump: { target: 'nosuch' } }] } } },
      { add: { rule: { family: 'ip', table: 'keep', chain: 'c', expr: [{ drop: null }] } } },
    ]).then(() => null, (e: unknown) => e);
    t.type(err, NetlinkError);
    t.match((err as Error).message, /^nft add rule ip keep c \[netns [^\]]+\]: No such file or directory \(ENOENT\)/, 'names the failing command and namespace');
    t.equal(nftIn(ns, 'list', 'ruleset'), before, 'nothing changed: no table new1, no rule');
    await nft.apply([{ delete: { table: { family: 'ip', name: 'keep' } } }]);
  });

  t.test('bad input: clear errors naming the object, nothing half-made', async (t) => {
    const cases: [string, NftCommand[], RegExp, new (...a: never[]) => Error][] = [
      ['unknown table', [{ add: { chain: { family: 'ip', table: 'nosuch', name: 'c' } } }], /^nft add chain ip nosuch c .*No such file or directory \(ENOENT\).*\[attribute table\]/, NetlinkError],
      ['unknown chain', [{ add: { table: { family: 'ip', name: 't1' } } }, { add: { rule: { family: 'ip', table: 't1', chain: 'nosuch', expr: [{ accept: null }] } } }], /^nft add rule ip t1 nosuch .*ENOENT.*\[attribute chain\]/, NetlinkError],
      ['bad prefix', [{ add: { table: { family: 'ip', name: 't1' } } }, { add: { rule: { family: 'ip', table: 't1', chain: 'c', expr: [{ match: { op: '==', left: ipSaddr, right: '10.0.0.0/33' } }] } } }], /ip saddr: bad prefix length 33 for ip \(0-32\)/, UsageError],
      ['host bits', [{ add: { rule: { family: 'ip', table: 't1', chain: 'c', expr: [{ match: { op: '==', left: ipSaddr, right: '10.0.0.1/24' } }] } } }], /10\.0\.0\.1\/24 has host bits set \(did you mean 10\.0\.0\.0\/24\?\)/, UsageError],
      ['port out of range', [{ add: { table: { family: 'ip', name: 't1' } } }, { add: { rule: { family: 'ip', table: 't1', chain: 'c', expr: [{ match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: 70000 } }] } } }], /tcp dport: port 70000 out of range \(0-65535\)/, UsageError],
      ['dnat port out of range', [{ add: { rule: { family: 'ip', table: 't1', chain: 'c', expr: [{ dnat: { addr: '10.0.0.1', port: -1 } }] } } }], /dnat to 10\.0\.0\.1:-1: port -1 out of range/, UsageError],
      ['hook the type does not allow', [{ add: { table: { family: 'ip', name: 't1' } } }, { add: { chain: { family: 'ip', table: 't1', name: 'fw', type: 'nat', hook: 'forward', prio: 0 } } }], /add chain ip t1 fw: chain type nat does not allow hook forward \(allowed: prerouting, input, output, postrouting\)/, UsageError],
    ];
    for (const [name, cmds, re, cls] of cases) {
      const err = await nft.apply(cmds).then(() => null, (e: unknown) => e);
      t.type(err, cls, `${name}: ${cls.name}`);
      t.match((err as Error)?.message, re, `${name}: ${(err as Error)?.message}`);
      t.same(nftJson(ns), [], `${name}: nothing half-made`);
    }
    t.same(await nft.sock.requestBatch([]), [], 'an empty batch sends nothing');
  });

  t.test('requestBatch: a batch the kernel rejects at BEGIN leaves no message waiting', async (t) => {
    // res_id 99 names no nfnetlink subsystem: the kernel answers BEGIN alone (EINVAL or
    // EOPNOTSUPP) and never reads the rest; the table message then rejects instead of hanging.
    const [spec] = commandSpecs({ add: { table: { family: 'ip', name: 'never' } } });
    const results = await nft.sock.requestBatch([
      { type: N.NFNL_MSG_BATCH_BEGIN, flags: 0, codec: batchBody, body: { ...BATCH_GENMSG, res_id: 99 }, op: 'nft batch begin' },
      spec!,
      { type: N.NFNL_MSG_BATCH_END, flags: 0, codec: batchBody, body: BATCH_GENMSG, op: 'nft batch end' },
    ]);
    t.equal(results[0]!.status, 'rejected', 'BEGIN answered with an error');
    t.match(String((results[0] as PromiseRejectedResult).reason.code), /^E(INVAL|OPNOTSUPP|NOENT)$/);
    t.equal(results[1]!.status, 'rejected', 'the table message was never processed');
    t.match((results[1] as PromiseRejectedResult).reason.message, /no answer from the kernel/);
    t.same(nftJson(ns), [], 'nothing made');
  });

  t.test('masquerade / publish: idempotent, removable, nothing else touched', async (t) => {
    nftIn(ns, 'add', 'table', 'ip', 'theirs');
    const m = { netns: ns, source: '10.0.0.0/24', notOutInterface: 'br0' };
    await masquerade(m);
    await masquerade(m);
    await publish({ netns: ns, proto: 'tcp', port: 8080, to: '10.0.0.2:80', address: '192.0.2.1' });
    await publish({ netns: ns, proto: 'tcp', port: 8080, to: '10.0.0.2:80', address: '192.0.2.1' });
    await publish({ netns: ns, proto: 'udp', port: 53, to: '10.0.0.3' });
    const text = nftIn(ns, 'list', 'table', 'ip', 'nlctl');
    t.equal(text, `table ip nlctl {
\tchain prerouting {
\t\ttype nat hook prerouting priority dstnat; policy accept;
\t\tip daddr 192.0.2.1 tcp dport 8080 dnat to 10.0.0.2:80
\t\tudp dport 53 dnat to 10.0.0.3:53
\t}

\tchain output {
\t\ttype nat hook output priority -100; policy accept;
\t\tip daddr 192.0.2.1 tcp dport 8080 dnat to 10.0.0.2:80
\t}

\tchain postrouting {
\t\ttype nat hook postrouting priority srcnat; policy accept;
\t\tip saddr 10.0.0.0/24 oifname != "br0" counter packets 0 bytes 0 masquerade
\t}
}
`, 'one rule each, however often asked');
    await unpublish({ netns: ns, proto: 'tcp', port: 8080, to: '10.0.0.2:80', address: '192.0.2.1' });
    t.notMatch(nftIn(ns, 'list', 'table', 'ip', 'nlctl'), /8080/, 'unpublish removed both rules');
    await unmasquerade(m);
    await unmasquerade(m);
    await unpublish({ netns: ns, proto: 'udp', port: 53, to: '10.0.0.3' });
    t.same(nftJson(ns).map((x) => Object.keys(x as object)[0]), ['table'], 'the last removal took nlctl\'s table; the other table stays');
    await masquerade(m);
    await natClear({ netns: ns });
    t.same((nftJson(ns) as { table?: { name: string } }[]).map((x) => x.table?.name), ['theirs'], 'natClear removes nlctl\'s table only');
  });
});
