/**
 * nf_tables expressions -> typed rule expressions, recognising the sequences nft 1.0 emits
 * (see rule-encode.ts) and dropping implicit dependencies as `nft list` does. An expression that
 * fits no pattern is kept whole as `unsupported` (never guessed at), with its name.
 */

import { formatIP } from '../netlink/inet.js';
import type { ExprAttrs } from '../netfilter/attrs.js';
import * as N from '../netfilter/constants.js';
import { CT_STATES, l4protoName } from './names.js';
import { FIELDS, META_KEYS } from './rule-encode.js';
import type { Family, MatchExpr, RuleExpr } from './types.js';

type D = Record<string, any>;
const dataOf = (e: ExprAttrs | undefined): D | undefined => (e && !Buffer.isBuffer(e.data) ? (e.data ?? {}) as D : undefined);
const is = (e: ExprAttrs | undefined, name: string): D | undefined => (e?.name === name ? dataOf(e) : undefined);

/** A cmp on register 1 with its op and value, or undefined. */
function cmpOf(e: ExprAttrs | undefined): { op: number; value: Buffer } | undefined {
  const d = is(e, 'cmp');
  if (!d || d.sreg !== N.NFT_REG_1 || !Buffer.isBuffer(d.data?.value)) return undefined;
  return { op: d.op, value: d.data.value };
}
const opWord = (op: number): '==' | '!=' | undefined => (op === N.NFT_CMP_EQ ? '==' : op === N.NFT_CMP_NEQ ? '!=' : undefined);

function prefixLen(mask: Buffer): number | undefined {
  let n = 0;
  let ended = false;
  for (const b of mask) for (let i = 7; i >= 0; i--) {
    if (b & (1 << i)) { if (ended) return undefined; n++; } else ended = true;
  }
  return n;
}

/** One match starting at `i`: [match, expressions used], or undefined. */
function matchAt(ex: ExprAttrs[], i: number, l4: unknown): [MatchExpr['match'], number] | undefined {
  const p = is(ex[i], 'payload');
  if (p && p.dreg === N.NFT_REG_1) {
    for (const [protocol, fields] of Object.entries(FIELDS)) {
      for (const [field, [base, offset, size]] of Object.entries(fields)) {
        if (p.base !== base || p.offset !== offset) continue;
        const left = { payload: { protocol, field } } as MatchExpr['match']['left'];
        if (protocol === 'tcp' || protocol === 'udp') {
          // tcp and udp ports sit at the same offsets: the rule's l4proto match tells which.
          if (l4 !== protocol) continue;
          const c = cmpOf(ex[i + 1]);
          if (p.len !== 2 || !c || !opWord(c.op) || c.value.length !== 2) continue;
          return [{ op: opWord(c.op)!, left, right: c.value.readUInt16BE(0) }, 2];
        }
        const bw = is(ex[i + 1], 'bitwise');
        if (bw && p.len === size && bw.sreg === 1 && bw.dreg === 1 && Buffer.isBuffer(bw.mask?.value) && Buffer.isBuffer(bw.xor?.value) && bw.xor.value.every((b: number) => b === 0) && (bw.op ?? 0) === 0) {
          const c = cmpOf(ex[i + 2]);
          const len = prefixLen(bw.mask.value);
          if (!c || !opWord(c.op) || len === undefined || c.value.length !== size) continue;
          return [{ op: opWord(c.op)!, left, right: { prefix: { addr: formatIP(c.value), len } } }, 3];
        }
        const c = cmpOf(ex[i + 1]);
        if (!c || !opWord(c.op) || c.value.length !== p.len || p.len > size || p.len === 0) continue;
        const full = Buffer.concat([c.value, Buffer.alloc(size - p.len)]);
        const right = p.len === size ? formatIP(full) : { prefix: { addr: formatIP(full), len: p.len * 8 } };
        return [{ op: opWord(c.op)!, left, right }, 2];
      }
    }
    return undefined;
  }
  const m = is(ex[i], 'meta');
  if (m && m.dreg === N.NFT_REG_1) {
    const key = Object.keys(META_KEYS).find((k) => META_KEYS[k] === m.key);
    const c = cmpOf(ex[i + 1]);
    if (!key || !c || !opWord(c.op)) return undefined;
    const left = { meta: { key } } as MatchExpr['match']['left'];
    if (key === 'l4proto' || key === 'nfproto') {
      if (c.value.length !== 1) return undefined;
      const v = c.value[0]!;
      const right = key === 'l4proto' ? l4protoName(v) : v === N.NFPROTO_IPV4 ? 'ipv4' : v === N.NFPROTO_IPV6 ? 'ipv6' : v;
      return [{ op: opWord(c.op)!, left, right }, 2];
    }
    const nul = c.value.indexOf(0);
    const right = nul < 0 ? `${c.value.toString()}${c.value.length < 16 ? '*' : ''}` : c.value.toString('utf8', 0, nul);
    return [{ op: opWord(c.op)!, left, right }, 2];
  }
  const ct = is(ex[i], 'ct');
  if (ct && ct.dreg === N.NFT_REG_1 && ct.key === N.NFT_CT_STATE && ct.direction === undefined) {
    const bw = is(ex[i + 1], 'bitwise');
    const c = cmpOf(ex[i + 2]);
    if (!bw || !c || bw.len !== 4 || !Buffer.isBuffer(bw.mask?.value) || c.value.length !== 4 || c.value.readUInt32LE(0) !== 0) return undefined;
    const bits = bw.mask.value.readUInt32LE(0);
    const names = CT_STATES.filter(([, b]) => bits & b).map(([n]) => n);
    const all = CT_STATES.reduce((a, [, b]) => a | b, 0);
    if (bits & ~all || !names.length) return undefined;
    // `ct state new` is "some of these bits set" (cmp neq 0); `ct state != new` is "none" (cmp eq 0).
    if (c.op !== N.NFT_CMP_NEQ && c.op !== N.NFT_CMP_EQ) return undefined;
    return [{ op: c.op === N.NFT_CMP_NEQ ? 'in' : '!=', left: { ct: { key: 'state' } }, right: names.length === 1 ? names[0]! : names }, 3];
  }
  return undefined;
}

/** One statement starting at `i`: [expression, expressions used], or undefined. */
function statementAt(ex: ExprAttrs[], i: number): [RuleExpr, number] | undefined {
  const e = ex[i];
  if (is(e, 'counter')) {
    const d = dataOf(e)!;
    return [{ counter: { packets: Number(d.packets ?? 0n), bytes: Number(d.bytes ?? 0n) } }, 1];
  }
  const masq = is(e, 'masq');
  if (masq && masq.flags === undefined && masq.reg_proto_min === undefined) return [{ masquerade: null }, 1];
  const imm = is(e, 'immediate');
  if (imm && imm.dreg === N.NFT_REG_VERDICT && imm.data?.verdict) {
    const { code, chain } = imm.data.verdict as { code: number; chain?: string };
    switch (code) {
      case N.NF_ACCEPT: return [{ accept: null }, 1];
      case N.NF_DROP: return [{ drop: null }, 1];
      case N.NFT_RETURN: return [{ return: null }, 1];
      case N.NFT_CONTINUE: return [{ continue: null }, 1];
      case N.NFT_JUMP: return chain ? [{ jump: { target: chain } }, 1] : undefined;
      case N.NFT_GOTO: return chain ? [{ goto: { target: chain } }, 1] : undefined;
      default: return undefined;
    }
  }
  if (imm && imm.dreg === N.NFT_REG_1 && Buffer.isBuffer(imm.data?.value)) {
    const addr = imm.data.value as Buffer;
    let n = 1;
    let port: number | undefined;
    const imm2 = is(ex[i + 1], 'immediate');
    if (imm2 && imm2.dreg === N.NFT_REG_2 && Buffer.isBuffer(imm2.data?.value) && imm2.data.value.length === 2) { port = imm2.data.value.readUInt16BE(0); n = 2; }
    const nat = is(ex[i + n], 'nat');
    // The kernel lists the max registers even when only min was sent (they default to min).
    if (!nat || nat.reg_addr_min !== N.NFT_REG_1 || (nat.reg_addr_max ?? N.NFT_REG_1) !== N.NFT_REG_1) return undefined;
    if (nat.reg_proto_max !== undefined && nat.reg_proto_max !== nat.reg_proto_min) return undefined;
    if ((addr.length !== 4 && addr.length !== 16) || (port === undefined) !== (nat.reg_proto_min === undefined)) return undefined;
    if ((nat.flags ?? 0) & ~N.NF_NAT_RANGE_PROTO_SPECIFIED & ~N.NF_NAT_RANGE_MAP_IPS) return undefined;
    if (port !== undefined && nat.reg_proto_min !== N.NFT_REG_2) return undefined;
    const to = port === undefined ? { addr: formatIP(addr) } : { addr: formatIP(addr), port };
    if (nat.type === N.NFT_NAT_SNAT) return [{ snat: to }, n + 1];
    if (nat.type === N.NFT_NAT_DNAT) return [{ dnat: to }, n + 1];
  }
  return undefined;
}

/** Decodes a rule's expressions into the typed form, dropping nft's implicit dependencies. */
export function decodeRule(_family: Family, ex: ExprAttrs[]): RuleExpr[] {
  const out: RuleExpr[] = [];
  let l4: unknown;
  for (let i = 0; i < ex.length;) {
    const m = matchAt(ex, i, l4);
    if (m) {
      const left = m[0].left as { meta?: { key: string } };
      if (left.meta?.key === 'l4proto' && m[0].op === '==') l4 = m[0].right;
      out.push({ match: m[0] }); i += m[1]; continue;
    }
    const s = statementAt(ex, i);
    if (s) { out.push(s[0]); i += s[1]; continue; }
    const last = out[out.length - 1] as { unsupported?: { names: string[]; raw: ExprAttrs[] } } | undefined;
    if (last?.unsupported) { last.unsupported.names.push(ex[i]!.name ?? '?'); last.unsupported.raw.push(ex[i]!); }
    else out.push({ unsupported: { names: [ex[i]!.name ?? '?'], raw: [ex[i]!] } });
    i++;
  }
  return dropDependencies(out);
}

/** Removes `meta l4proto P` / `meta nfproto F` when a later match needs exactly that (nft's listing does). */
function dropDependencies(exprs: RuleExpr[]): RuleExpr[] {
  return exprs.filter((e, i) => {
    const m = (e as MatchExpr).match;
    if (!m || m.op !== '==' || !('meta' in m.left)) return true;
    const key = m.left.meta.key;
    if (key !== 'l4proto' && key !== 'nfproto') return true;
    const later = exprs.slice(i + 1).find((x) => {
      const lm = (x as MatchExpr).match;
      return lm && 'payload' in lm.left;
    }) as MatchExpr | undefined;
    if (!later || !('payload' in later.match.left)) return true;
    const proto = later.match.left.payload.protocol;
    if (key === 'l4proto') return m.right !== proto;
    return !((m.right === 'ipv4' && proto === 'ip') || (m.right === 'ipv6' && proto === 'ip6'));
  });
}
