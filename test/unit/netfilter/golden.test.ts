// Golden pairs for nf_tables: the messages nft 1.0.6 put in its batch (test/fixtures/nft_*.hex,
// each naming its command and capture) against what nlctl builds from the same command, and
// what nlctl decodes from nft's bytes. nft emits some expression attributes in libnftnl's order
// (meta and ct: KEY before DREG) while nlctl's tables emit in kernel-number order, so messages
// are compared with every nest's attributes sorted by type (a stable sort: list elements keep
// their order); nft sets no NLM_F_ACK, nlctl does, so flags are compared without it.
import t from 'tap';
import { walkAttrs } from '../../../src/netlink/attrs.js';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { NLA_F_NESTED, NLM_F_ACK, NLM_F_REQUEST } from '../../../src/netlink/constants.js';
import { batchBody, ruleBody, BATCH_GENMSG, type RuleMessage } from '../../../src/netfilter/messages.js';
import * as N from '../../../src/netfilter/constants.js';
import { commandSpecs, type NftCommand } from '../../../src/nft/commands.js';
import { decodeRule } from '../../../src/nft/rule-decode.js';
import type { RuleExpr } from '../../../src/nft/types.js';
import { fixture } from '../../helpers/fixtures.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) t.plan(0, 'big-endian host: fixtures are little-endian');

/** Attributes sorted by type inside every nest (recursively), as padded TLV bytes. */
function sortAttrs(data: Buffer): Buffer {
  const out = [...walkAttrs(data)].map((a) => {
    const inner = a.flags & NLA_F_NESTED ? sortAttrs(a.data) : a.data;
    const b = Buffer.alloc((4 + inner.length + 3) & ~3);
    b.writeUInt16LE(4 + inner.length, 0);
    b.writeUInt16LE(a.type | a.flags, 2);
    inner.copy(b, 4);
    return { type: a.type, b };
  });
  out.sort((x, y) => x.type - y.type);
  return Buffer.concat(out.map((x) => x.b));
}
function canonical(msg: Buffer): Buffer {
  const head = Buffer.from(msg.subarray(0, 20));
  head.writeUInt16LE(head.readUInt16LE(6) & ~NLM_F_ACK, 6);
  head.writeUInt32LE(0, 8);
  return Buffer.concat([head, sortAttrs(msg.subarray(20))]);
}

const rule = (family: 'ip' | 'inet', table: string, chain: string, expr: RuleExpr[]): NftCommand => ({ add: { rule: { family, table, chain, expr } } });
const ipSaddr = { payload: { protocol: 'ip', field: 'saddr' } } as const;

const golden: [string, NftCommand, RuleExpr[]?][] = [
  ['nft_newtable', { add: { table: { family: 'ip', name: 'nlctl' } } }],
  ['nft_deltable', { delete: { table: { family: 'ip', name: 'nlctl' } } }],
  ['nft_newchain_base', { add: { chain: { family: 'ip', table: 'nlctl', name: 'postrouting', type: 'nat', hook: 'postrouting', prio: 100, policy: 'accept' } } }],
  ['nft_newchain_regular', { add: { chain: { family: 'ip', table: 'nlctl', name: 'helper' } } }],
  ['nft_newrule_masq', rule('ip', 'nlctl', 'postrouting', [
    { match: { op: '==', left: ipSaddr, right: { prefix: { addr: '10.0.0.0', len: 24 } } } },
    { match: { op: '!=', left: { meta: { key: 'oifname' } }, right: 'veth0' } },
    { counter: { packets: 0, bytes: 0 } }, { masquerade: null }])],
  ['nft_newrule_dnat', rule('ip', 'nlctl', 'prerouting', [
    { match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: 8080 } },
    { dnat: { addr: '10.0.0.2', port: 80 } }])],
  ['nft_newrule_snat', rule('ip', 'nlctl', 'postrouting', [
    { match: { op: '==', left: { payload: { protocol: 'ip', field: 'daddr' } }, right: '192.168.1.1' } },
    { match: { op: '==', left: { meta: { key: 'iifname' } }, right: 'eth0' } },
    { snat: { addr: '1.2.3.4' } }])],
  ['nft_newrule_ct_accept', rule('ip', 'nlctl', 'helper', [
    { match: { op: 'in', left: { ct: { key: 'state' } }, right: ['established', 'related'] } }, { accept: null }])],
  ['nft_newrule_udp_sport_drop', rule('ip', 'nlctl', 'helper', [
    { match: { op: '==', left: { payload: { protocol: 'udp', field: 'sport' } }, right: 53 } }, { drop: null }])],
  ['nft_newrule_jump', rule('ip', 'nlctl', 'c2', [{ jump: { target: 'helper' } }])],
  ['nft_newrule_inet_ip6', rule('inet', 'f', 'input', [
    { match: { op: '==', left: { payload: { protocol: 'ip6', field: 'saddr' } }, right: { prefix: { addr: '2001:db8::', len: 32 } } } },
    { counter: { packets: 0, bytes: 0 } }, { accept: null }])],
  ['nft_newrule_l4proto_return', rule('ip', 'nlctl', 'helper', [
    { match: { op: '==', left: { meta: { key: 'l4proto' } }, right: 'udp' } }, { return: null }])],
];

for (const [name, cmd] of golden) {
  t.test(name, async (t) => {
    const bytes = fixture(name);
    const [m] = splitMessages(bytes);
    const [spec] = commandSpecs(cmd);
    t.equal(spec!.type, m!.type, 'message type');
    t.equal((spec!.flags! | NLM_F_REQUEST) & ~NLM_F_ACK, m!.flags, 'flags (nlctl adds NLM_F_ACK)');
    const ours = encodeMessage({ type: spec!.type, flags: spec!.flags! | NLM_F_REQUEST, seq: m!.seq, pid: 0 }, spec!.codec!, spec!.body);
    t.same(canonical(ours).toString('hex'), canonical(bytes).toString('hex'), 'encode(command) equals nft\'s bytes (attribute order aside)');
    t.equal(ours.length, bytes.length, 'same length');
    const decoded = spec!.codec!.read(m!.body, 'fixture');
    const again = encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: 0 }, spec!.codec!, decoded);
    t.same(canonical(again), canonical(bytes), 'decode -> encode round trip');
    if (m!.type === N.nftType(N.NFT_MSG_NEWRULE)) {
      const r = decoded as RuleMessage;
      const want = (cmd as { add: { rule: { expr: RuleExpr[] } } }).add.rule.expr;
      t.same(decodeRule('ip', r.attrs.expressions!.elem!), want, 'decodes to the typed form');
    }
  });
}

t.test('batch delimiters', async (t) => {
  for (const [name, type] of [['nft/nft_batch_begin', N.NFNL_MSG_BATCH_BEGIN], ['nft/nft_batch_end', N.NFNL_MSG_BATCH_END]] as const) {
    const bytes = fixture(name);
    const [m] = splitMessages(bytes);
    t.equal(m!.type, type);
    t.same(batchBody.read(m!.body, name), BATCH_GENMSG, `${name}: nfgenmsg res_id NFNL_SUBSYS_NFTABLES`);
    t.same(encodeMessage({ type, flags: NLM_F_REQUEST, seq: m!.seq, pid: 0 }, batchBody, BATCH_GENMSG), bytes, `${name}: byte for byte`);
  }
});

t.test('unknown expressions survive as raw bytes', async (t) => {
  const bytes = fixture('nft_newrule_masq');
  const [m] = splitMessages(bytes);
  // Rename 'payload' to 'paylo0d': an expression nlctl has no table for.
  const body = Buffer.from(m!.body);
  const at = body.indexOf('payload');
  body.write('paylo0d', at);
  const r = ruleBody.read(body, 'x');
  const first = r.attrs.expressions!.elem![0]!;
  t.equal(first.name, 'paylo0d');
  t.ok(Buffer.isBuffer(first.data), 'kept as bytes');
  const exprs = decodeRule('ip', r.attrs.expressions!.elem!);
  t.same((exprs[0] as { unsupported: { names: string[] } }).unsupported.names, ['paylo0d', 'cmp'], 'named, not guessed at');
  const again = encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: 0 }, ruleBody, r);
  t.same(canonical(again), canonical(Buffer.concat([bytes.subarray(0, 16), body])), 're-emitted unchanged (attribute order aside)');
  const raw = first.data as Buffer;
  t.ok(body.includes(raw), 'its payload bytes verbatim');
});
