// Golden pairs for policy-routing rules: the requests iproute2 6.1 sent for `ip rule add/del/show`
// and a rule kernel 6.18 dumped (test/fixtures/rule_*.hex, reply_newrule_v6.hex). ip emits
// attributes in the order of the words, our table in FRA_* order, so requests are compared with
// attributes sorted (test/helpers/canonical.ts).
import t from 'tap';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST } from '../../../src/netlink/constants.js';
import { UsageError } from '../../../src/netlink/errors.js';
import * as K from '../../../src/netlink/route/constants.js';
import { ruleBody, ruleDelMessage, ruleMessage, ruleTable, type RuleCommand, type RuleOptions } from '../../../src/netlink/route/rule.js';
import { fixture } from '../../helpers/fixtures.js';
import { canonical } from '../../helpers/canonical.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) t.plan(0, 'big-endian host: fixtures are little-endian');

function encode(cmd: RuleCommand, opts: RuleOptions): Buffer {
  const req = ruleMessage(cmd, opts);
  return encodeMessage({ type: req.type, flags: req.flags | NLM_F_REQUEST | NLM_F_ACK, seq: 0, pid: 0 }, ruleBody, req.body);
}

const golden: [string, RuleCommand, RuleOptions][] = [
  ['rule_add_v4', 'add', { from: '10.1.0.0/16', to: '10.2.0.0/24', iif: 'veth0', fwmark: 0x10, fwmask: 0xff, table: 100, priority: 1000 }],
  ['rule_add_v6', 'add', {
    family: 'inet6', not: true, from: '2001:db8::/64', oif: 'veth0', table: 70000, priority: 2000, uidrange: [1000, 2000],
    ipproto: 6, sport: 80, dport: [1000, 2000], protocol: 'static',
  }],
  ['rule_add_suppress', 'add', { priority: 3000, tos: 0x10, table: 'main', suppressPrefixlength: 0 }],
  ['rule_add_goto', 'add', { priority: 4000, goto: 5000 }],
  ['rule_add_prohibit', 'add', { priority: 4500, fwmark: 7, action: 'prohibit' }],
  ['rule_add_l3mdev', 'add', { l3mdev: true, priority: 1500 }],
  ['rule_del_pref', 'del', { priority: 1000 }],
];

for (const [name, cmd, opts] of golden) {
  t.test(name, async (t) => {
    const bytes = fixture(name);
    const [m] = splitMessages(bytes);
    const req = ruleMessage(cmd, opts);
    t.equal(m!.type, req.type, 'message type');
    t.equal(m!.flags, req.flags | NLM_F_REQUEST | NLM_F_ACK, 'nlmsg flags as ip sent them');
    t.same(canonical(encode(cmd, opts), 12), canonical(bytes, 12), 'ruleMessage makes the bytes ip made');
    t.same(ruleBody.read(m!.body, 'fixture'), req.body, 'decode(ip bytes) equals the built message');
  });
}

t.test('rule_dump_request: the dump request of ip rule show', async (t) => {
  const bytes = fixture('rule_dump_request');
  const [m] = splitMessages(bytes);
  t.equal(m!.flags, NLM_F_REQUEST | NLM_F_DUMP);
  const body = { header: { family: K.AF_INET, dst_len: 0, src_len: 0, tos: 0, table: 0, action: 0, flags: 0 }, attrs: {} };
  t.same(encodeMessage({ type: K.RTM_GETRULE, flags: m!.flags, seq: m!.seq, pid: 0 }, ruleBody, body), bytes);
});

t.test('reply_newrule_v6: a rule as the kernel dumps it, unknown attributes kept', async (t) => {
  const bytes = fixture('reply_newrule_v6');
  const [m] = splitMessages(bytes);
  const r = ruleBody.read(m!.body, 'fixture');
  t.same(r.header, { family: K.AF_INET6, dst_len: 0, src_len: 64, tos: 0, table: 252, action: K.FR_ACT_TO_TBL, flags: K.FIB_RULE_INVERT });
  const { unknown, ...attrs } = r.attrs;
  t.same(attrs, {
    src: '2001:db8::', oifname: 'veth0', priority: 2000, table: 70000, suppress_prefixlen: 0xffffffff, protocol: K.RTPROT_STATIC,
    uid_range: { start: 1000, end: 2000 }, sport_range: { start: 80, end: 80 }, dport_range: { start: 1000, end: 2000 }, ip_proto: 6,
  });
  t.ok(unknown?.length, 'attributes newer than the uapi headers here (port masks) stay as raw attributes');
  t.equal(ruleTable(r), 70000, 'FRA_TABLE wins over the header byte (252, RT_TABLE_COMPAT)');
  const again = encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: m!.pid }, ruleBody, r);
  t.same(canonical(again, 12), canonical(bytes, 12), 'decode -> encode keeps every attribute');
  const del = ruleDelMessage(r);
  t.equal(del.type, K.RTM_DELRULE);
  t.equal(del.body, r, 'flush sends the dumped rule back as it came, as ip does');
});

t.test('builder defaults and refusals', async (t) => {
  t.equal(ruleMessage('add', { priority: 5 }).body.header.table, K.RT_TABLE_MAIN, 'add without a table looks up main');
  t.equal(ruleMessage('del', { priority: 5 }).body.header.table, 0, 'del leaves the table open');
  t.equal(ruleMessage('del', { priority: 5 }).body.header.action, K.FR_ACT_UNSPEC, 'del leaves the action open');
  t.equal(ruleMessage('add', { from: '2001:db8::/48' }).body.header.family, K.AF_INET6, 'family follows the prefix');
  t.same(ruleMessage('add', { from: 'all', table: 5 }).body, {
    header: { family: 2, dst_len: 0, src_len: 0, tos: 0, table: 5, action: 1, flags: 0 }, attrs: { src: '' },
  }, 'from all is an empty FRA_SRC, as ip sends it');
  t.equal(ruleMessage('add', { action: 'nop' }).body.header.action, K.FR_ACT_NOP);
  t.equal(ruleMessage('add', { action: 'blackhole' }).body.header.action, K.FR_ACT_BLACKHOLE);
  t.throws(() => ruleMessage('add', { from: '2001:db8::/48', family: 'inet' }), UsageError, 'a prefix of the other family is refused before sending');
  t.throws(() => ruleMessage('add', { l3mdev: true, table: 10 }), /table can not be specified for l3mdev rules/);
  t.throws(() => ruleMessage('add', { sport: 70000 }), UsageError);
  t.throws(() => ruleMessage('add', { action: 'teleport' }), /invalid rule action/);
  t.throws(() => ruleMessage('add', { table: 'nosuch' }), UsageError);
});
