// nft's grammar -> commands, without a kernel: both forms of input, blocks, errors.
import t from 'tap';
import { parse, tokenize } from '../../../src/cli/nft-parse.js';
import { commandSpecs } from '../../../src/nft/commands.js';
import { formatRuleset } from '../../../src/nft/text.js';

t.test('tokens: strings, braces, separators, comments', async (t) => {
  t.same(tokenize('add rule ip t c oifname "a b" accept # x\nlist ruleset').map((x) => x.t),
    ['add', 'rule', 'ip', 't', 'c', 'oifname', 'a b', 'accept', ';', 'list', 'ruleset']);
});

t.test('a command line and its listing agree', async (t) => {
  const [s] = parse('add rule ip nlctl post ip saddr 10.0.0.0/24 oifname != "veth0" counter masquerade');
  const rule = (s as { cmd: { add: { rule: { expr: unknown[] } } } }).cmd.add.rule;
  t.same(rule.expr, [
    { match: { op: '==', left: { payload: { protocol: 'ip', field: 'saddr' } }, right: { prefix: { addr: '10.0.0.0', len: 24 } } } },
    { match: { op: '!=', left: { meta: { key: 'oifname' } }, right: 'veth0' } },
    { counter: null }, { masquerade: null }]);
  const text = formatRuleset({ tables: [{ family: 'ip', name: 'nlctl', handle: 1 }], chains: [{ family: 'ip', table: 'nlctl', name: 'post', handle: 2 }], rules: [{ family: 'ip', table: 'nlctl', chain: 'post', handle: 3, expr: rule.expr as never }] });
  t.equal(text, 'table ip nlctl {\n\tchain post {\n\t\tip saddr 10.0.0.0/24 oifname != "veth0" counter packets 0 bytes 0 masquerade\n\t}\n}\n');
});

t.test('table blocks expand to add commands in order', async (t) => {
  const s = parse('table inet f {\n chain c { type filter hook input priority filter + 10; policy drop;\n tcp dport 22 accept\n }\n}');
  t.same(s.map((x) => Object.keys((x as { cmd: Record<string, Record<string, unknown>> }).cmd.add)[0]), ['table', 'chain', 'rule']);
  t.equal((s[1] as { cmd: { add: { chain: { prio: number } } } }).cmd.add.chain.prio, 10, 'filter + 10');
  for (const x of s) t.ok(commandSpecs((x as { cmd: never }).cmd).length, 'each encodes');
});

t.test('errors', async (t) => {
  t.throws(() => parse('add rule ip t c log'), /expression "log": not supported by nlctl/);
  t.throws(() => parse('add rule ip t c jump'), /syntax error, expected a chain name at end of input/);
  t.throws(() => parse('add chain ip t c { type nat hook postrouting priority bogus ; }'), /unknown priority "bogus"/);
  t.throws(() => parse('add rule ip t c oifname "x'), /unterminated string/);
});

t.test('priorities print as nft 1.0.6 names them', async (t) => {
  const { prioText } = await import('../../../src/nft/names.js');
  // Observed with `nft list ruleset` after adding these chains in an inet table.
  const seen: [number, string, string][] = [[10, 'input', 'filter + 10'], [-5, 'input', 'filter - 5'], [40, 'input', 'security - 10'],
    [110, 'postrouting', 'srcnat + 10'], [-290, 'input', 'raw + 10'], [25, 'input', '25'], [-90, 'prerouting', 'dstnat + 10'],
    [-90, 'output', '-90'], [-75, 'forward', '-75'], [100, 'postrouting', 'srcnat'], [-100, 'output', '-100']];
  for (const [prio, hook, text] of seen) t.equal(prioText(prio, hook, 'inet'), text, `${hook} ${prio}`);
});

t.test('ct state != decodes back', async (t) => {
  const { encodeRule } = await import('../../../src/nft/rule-encode.js');
  const { decodeRule } = await import('../../../src/nft/rule-decode.js');
  const expr = [{ match: { op: '!=', left: { ct: { key: 'state' } }, right: ['new', 'invalid'] } }, { drop: null }] as const;
  t.same(decodeRule('ip', encodeRule('ip', expr as never)), [{ match: { op: '!=', left: { ct: { key: 'state' } }, right: ['invalid', 'new'] } }, { drop: null }]);
});
