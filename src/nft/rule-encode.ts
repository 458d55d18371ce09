/**
 * Typed rule expressions -> nf_tables expressions, as nft 1.0 emits them: a match loads into
 * register 1 (payload, meta or ct), optionally masks it (bitwise), and compares (cmp); nft's
 * implicit dependencies (`meta l4proto tcp` before `tcp dport`, `meta nfproto ipv4` before
 * `ip saddr` in an inet table) are added once per rule.
 */

import { UsageError } from '../netlink/errors.js';
import { parseIP } from '../netlink/inet.js';
import type { ExprAttrs } from '../netfilter/attrs.js';
import * as N from '../netfilter/constants.js';
import { CT_STATES, L4PROTOS } from './names.js';
import type { Family, MatchExpr, RuleExpr } from './types.js';

/** Payload fields nlctl knows: protocol -> field -> [base, offset, len]. */
export const FIELDS: Record<string, Record<string, [number, number, number]>> = {
  ip: { saddr: [N.NFT_PAYLOAD_NETWORK_HEADER, 12, 4], daddr: [N.NFT_PAYLOAD_NETWORK_HEADER, 16, 4] },
  ip6: { saddr: [N.NFT_PAYLOAD_NETWORK_HEADER, 8, 16], daddr: [N.NFT_PAYLOAD_NETWORK_HEADER, 24, 16] },
  tcp: { sport: [N.NFT_PAYLOAD_TRANSPORT_HEADER, 0, 2], dport: [N.NFT_PAYLOAD_TRANSPORT_HEADER, 2, 2] },
  udp: { sport: [N.NFT_PAYLOAD_TRANSPORT_HEADER, 0, 2], dport: [N.NFT_PAYLOAD_TRANSPORT_HEADER, 2, 2] },
};

/** Meta keys nlctl matches on. */
export const META_KEYS: Record<string, number> = {
  iifname: N.NFT_META_IIFNAME, oifname: N.NFT_META_OIFNAME, l4proto: N.NFT_META_L4PROTO, nfproto: N.NFT_META_NFPROTO,
};

const NFPROTO_WORDS: Record<string, number> = { ipv4: N.NFPROTO_IPV4, ipv6: N.NFPROTO_IPV6 };

/** `payload load LEN @ BASE + OFFSET => reg 1`. */
export const payload = (base: number, offset: number, len: number): ExprAttrs => ({ name: 'payload', data: { dreg: N.NFT_REG_1, base, offset, len } });
/** `meta load KEY => reg 1`. */
export const meta = (key: number): ExprAttrs => ({ name: 'meta', data: { dreg: N.NFT_REG_1, key } });
/** `cmp OP reg 1 VALUE`. */
export const cmp = (op: number, value: Buffer): ExprAttrs => ({ name: 'cmp', data: { sreg: N.NFT_REG_1, op, data: { value } } });
/** `bitwise reg 1 = (reg 1 & MASK) ^ XOR`. */
export const bitwise = (mask: Buffer, xor: Buffer): ExprAttrs => ({ name: 'bitwise', data: { sreg: N.NFT_REG_1, dreg: N.NFT_REG_1, len: mask.length, mask: { value: mask }, xor: { value: xor } } });
/** `immediate reg R VALUE`. */
export const immediate = (dreg: number, value: Buffer): ExprAttrs => ({ name: 'immediate', data: { dreg, data: { value } } });
/** `immediate reg 0 VERDICT [-> CHAIN]`. */
export const verdict = (code: number, chain?: string): ExprAttrs => ({ name: 'immediate', data: { dreg: N.NFT_REG_VERDICT, data: { verdict: chain === undefined ? { code } : { code, chain } } } });

function u8(n: number): Buffer { return Buffer.from([n]); }
function be16(n: number): Buffer { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; }
function u32le(n: number): Buffer { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; }

/** Checks a port: an integer 0..65535 (nft's inet_service). */
export function checkPort(p: unknown, what: string): number {
  if (typeof p === 'string' && /^\d+$/.test(p)) p = Number(p);
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 65535) throw new UsageError(`${what}: port ${JSON.stringify(p)} out of range (0-65535)`);
  return p;
}

/** An address of the protocol's size, or a clear error. */
function address(text: string, proto: 'ip' | 'ip6', what: string): Buffer {
  const b = parseIP(text);
  if (!b || b.length !== (proto === 'ip' ? 4 : 16)) throw new UsageError(`${what}: not an ${proto === 'ip' ? 'IPv4' : 'IPv6'} address: ${JSON.stringify(text)}`);
  return b;
}

/** Encodes a prefix match as nft does: byte-aligned prefixes load fewer bytes, others mask. */
function prefixMatch(proto: 'ip' | 'ip6', field: string, op: number, addr: string, len: number, what: string): ExprAttrs[] {
  const [base, offset, size] = FIELDS[proto]![field]!;
  const bytes = address(addr, proto, what);
  if (!Number.isInteger(len) || len < 0 || len > size * 8) throw new UsageError(`${what}: bad prefix length ${len} for ${proto} (0-${size * 8})`);
  const mask = Buffer.alloc(size);
  for (let i = 0; i < len; i++) mask[i >> 3]! |= 0x80 >> (i & 7);
  for (let i = 0; i < size; i++) if (bytes[i]! & ~mask[i]!) throw new UsageError(`${what}: ${addr}/${len} has host bits set (did you mean ${maskedText(bytes, mask)}/${len}?)`);
  if (len % 8 === 0 && len > 0) return [payload(base, offset, len / 8), cmp(op, bytes.subarray(0, len / 8))];
  return [payload(base, offset, size), bitwise(mask, Buffer.alloc(size)), cmp(op, bytes)];
}

function maskedText(bytes: Buffer, mask: Buffer): string {
  const m = Buffer.from(bytes.map((b, i) => b & mask[i]!));
  return m.length === 4 ? [...m].join('.') : m.toString('hex').replace(/(.{4})(?!$)/g, '$1:');
}

/** Encodes one match (its dependency comes from encodeRule). */
function encodeMatch(m: MatchExpr['match'], family: Family, deps: Set<string>, out: ExprAttrs[]): void {
  const op = m.op === '!=' ? N.NFT_CMP_NEQ : N.NFT_CMP_EQ;
  const left = m.left as Record<string, any>;
  const what = describeLeft(m.left);
  if (left.payload) {
    const { protocol, field } = left.payload as { protocol: string; field: string };
    if (!FIELDS[protocol]?.[field]) throw new UsageError(`${what}: not supported by nlctl`);
    if (protocol === 'ip' || protocol === 'ip6') {
      if ((family === 'ip' && protocol === 'ip6') || (family === 'ip6' && protocol === 'ip')) throw new UsageError(`${what}: conflicting protocols specified: ${family} table vs. ${protocol}`);
      if (family === 'inet' && !deps.has(`nfproto ${protocol}`)) {
        deps.add(`nfproto ${protocol}`);
        out.push(meta(N.NFT_META_NFPROTO), cmp(N.NFT_CMP_EQ, u8(protocol === 'ip' ? N.NFPROTO_IPV4 : N.NFPROTO_IPV6)));
      } else if (family !== 'ip' && family !== 'ip6' && family !== 'inet') throw new UsageError(`${what} in a ${family} table: not supported by nlctl`);
      const r = m.right as string | { prefix: { addr: string; len: number } };
      if (typeof r === 'object' && r && 'prefix' in r) out.push(...prefixMatch(protocol, field, op, r.prefix.addr, r.prefix.len, what));
      else if (typeof r === 'string' && r.includes('/')) {
        const [a, l] = r.split('/');
        if (!/^\d+$/.test(l!)) throw new UsageError(`${what}: bad prefix ${JSON.stringify(r)}`);
        out.push(...prefixMatch(protocol, field, op, a!, Number(l), what));
      } else {
        const [base, offset, size] = FIELDS[protocol]![field]!;
        out.push(payload(base, offset, size), cmp(op, address(String(r), protocol, what)));
      }
      return;
    }
    const proto = L4PROTOS[protocol]!;
    if (!deps.has(`l4proto ${proto}`)) {
      deps.add(`l4proto ${proto}`);
      out.push(meta(N.NFT_META_L4PROTO), cmp(N.NFT_CMP_EQ, u8(proto)));
    }
    const [base, offset, len] = FIELDS[protocol]![field]!;
    out.push(payload(base, offset, len), cmp(op, be16(checkPort(m.right, what))));
    return;
  }
  if (left.meta) {
    const key = META_KEYS[left.meta.key as string];
    if (key === undefined) throw new UsageError(`${what}: not supported by nlctl`);
    let value: Buffer;
    if (key === N.NFT_META_L4PROTO) {
      const p = typeof m.right === 'number' ? m.right : L4PROTOS[String(m.right)];
      if (p === undefined || p < 0 || p > 255) throw new UsageError(`${what}: unknown protocol ${JSON.stringify(m.right)}`);
      if (op === N.NFT_CMP_EQ) deps.add(`l4proto ${p}`);
      value = u8(p);
    } else if (key === N.NFT_META_NFPROTO) {
      const p = NFPROTO_WORDS[String(m.right)];
      if (p === undefined) throw new UsageError(`${what}: unknown nfproto ${JSON.stringify(m.right)} (ipv4 or ipv6)`);
      if (op === N.NFT_CMP_EQ) deps.add(`nfproto ${p === N.NFPROTO_IPV4 ? 'ip' : 'ip6'}`);
      value = u8(p);
    } else {
      const name = String(m.right);
      if (!name || Buffer.byteLength(name) > 15) throw new UsageError(`${what}: bad interface name ${JSON.stringify(name)} (1-15 bytes)`);
      // A trailing '*' is nft's prefix match: compare the bytes before it only.
      value = name.endsWith('*') ? Buffer.from(name.slice(0, -1)) : Buffer.concat([Buffer.from(name), Buffer.alloc(16 - Buffer.byteLength(name))]);
    }
    out.push(meta(key), cmp(op, value));
    return;
  }
  if (left.ct) {
    if (left.ct.key !== 'state') throw new UsageError(`${what}: not supported by nlctl`);
    const words = Array.isArray(m.right) ? m.right : String(m.right).split(',');
    let bits = 0;
    for (const w of words) {
      const s = CT_STATES.find(([n]) => n === w);
      if (!s) throw new UsageError(`ct state: unknown state ${JSON.stringify(w)} (${CT_STATES.map(([n]) => n).join(', ')})`);
      bits |= s[1];
    }
    out.push({ name: 'ct', data: { dreg: N.NFT_REG_1, key: N.NFT_CT_STATE } }, bitwise(u32le(bits), u32le(0)),
      cmp(m.op === '!=' ? N.NFT_CMP_EQ : N.NFT_CMP_NEQ, u32le(0)));
    return;
  }
  throw new UsageError(`${what}: not supported by nlctl`);
}

/** nft's words for a match's left side, for error messages. */
export function describeLeft(l: unknown): string {
  const o = l as Record<string, any>;
  if (o?.payload) return `${o.payload.protocol} ${o.payload.field}`;
  if (o?.meta) return `meta ${o.meta.key}`;
  if (o?.ct) return `ct ${o.ct.key}`;
  return JSON.stringify(l);
}

function natAddr(family: Family, addr: string, what: string): { bytes: Buffer; nfproto: number } {
  const b = parseIP(addr);
  if (!b) throw new UsageError(`${what}: not an address: ${JSON.stringify(addr)}`);
  const nfproto = b.length === 4 ? N.NFPROTO_IPV4 : N.NFPROTO_IPV6;
  if ((family === 'ip' && b.length !== 4) || (family === 'ip6' && b.length !== 16)) throw new UsageError(`${what}: ${addr} does not fit a ${family} table`);
  return { bytes: b, nfproto };
}

/** Encodes a rule's typed expressions into nf_tables expressions. */
export function encodeRule(family: Family, exprs: readonly RuleExpr[]): ExprAttrs[] {
  const out: ExprAttrs[] = [];
  const deps = new Set<string>();
  for (const e of exprs) {
    const o = e as Record<string, any>;
    const key = Object.keys(o)[0];
    switch (key) {
      case 'match': encodeMatch(o.match, family, deps, out); break;
      case 'counter': out.push({ name: 'counter', data: {} }); break;
      case 'accept': out.push(verdict(N.NF_ACCEPT)); break;
      case 'drop': out.push(verdict(N.NF_DROP)); break;
      case 'return': out.push(verdict(N.NFT_RETURN)); break;
      case 'continue': out.push(verdict(N.NFT_CONTINUE)); break;
      case 'jump': case 'goto': {
        const target = o[key]?.target;
        if (typeof target !== 'string' || !target) throw new UsageError(`${key}: needs a chain name`);
        out.push(verdict(key === 'jump' ? N.NFT_JUMP : N.NFT_GOTO, target));
        break;
      }
      case 'masquerade': out.push({ name: 'masq', data: {} }); break;
      case 'snat': case 'dnat': {
        const { addr, port } = (o[key] ?? {}) as { addr?: string; port?: number };
        if (typeof addr !== 'string') throw new UsageError(`${key} to: needs an address`);
        const a = natAddr(family, addr, `${key} to ${addr}`);
        out.push(immediate(N.NFT_REG_1, a.bytes));
        const data: Record<string, number> = { type: key === 'snat' ? N.NFT_NAT_SNAT : N.NFT_NAT_DNAT, family: a.nfproto, reg_addr_min: N.NFT_REG_1 };
        if (port !== undefined) {
          out.push(immediate(N.NFT_REG_2, be16(checkPort(port, `${key} to ${addr}:${port}`))));
          data.reg_proto_min = N.NFT_REG_2;
          data.flags = N.NF_NAT_RANGE_PROTO_SPECIFIED;
        }
        out.push({ name: 'nat', data });
        break;
      }
      case 'unsupported': out.push(...(o.unsupported.raw as ExprAttrs[])); break;
      default: throw new UsageError(`statement ${JSON.stringify(key)}: not supported by nlctl`);
    }
  }
  return out;
}
