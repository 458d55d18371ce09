/**
 * The policy-routing rule attribute family (linux/fib_rules.h FRA_*, struct fib_rule_hdr,
 * struct fib_rule_uid_range, struct fib_rule_port_range): the RTM_*RULE body is a
 * fib_rule_hdr followed by these attributes. Keys are the lowercased kernel suffixes.
 */

import { defineAttrs, headed, type AttrsOf } from '../attrs.js';
import { bytes, cstring, struct, u8, u32, type Codec } from '../codecs.js';
import { DecodeError } from '../errors.js';
import { formatIP, parseIP } from '../inet.js';
import { registerMessage } from '../message.js';
import * as K from './constants.js';

/** struct fib_rule_hdr (12 bytes): the fixed header of every RTM_*RULE message. */
export const fibRuleHdr = struct('fib_rule_hdr', [
  ['family', 'u8'], ['dst_len', 'u8'], ['src_len', 'u8'], ['tos', 'u8'],
  ['table', 'u8'], ['res1', 'pad8'], ['res2', 'pad8'], ['action', 'u8'], ['flags', 'u32'],
] as const);
/** A decoded struct fib_rule_hdr. */
export type FibRuleHdr = ReturnType<typeof fibRuleHdr.read>;

/** struct fib_rule_uid_range (FRA_UID_RANGE): two u32, inclusive. */
export const uidRange = struct('fib_rule_uid_range', [['start', 'u32'], ['end', 'u32']] as const);
/** struct fib_rule_port_range (FRA_SPORT_RANGE, FRA_DPORT_RANGE): two u16 in host order, inclusive. */
export const portRange = struct('fib_rule_port_range', [['start', 'u16'], ['end', 'u16']] as const);

/**
 * FRA_SRC / FRA_DST: an IPv4 or IPv6 address, or '' for the empty payload ip sends for
 * `from all` (get_prefix() gives a zero-length address; the kernel reads none when the
 * header's length is 0).
 */
export const ruleAddr: Codec<string> = {
  name: 'rule address',
  write: (w, v, path) => {
    if (v === '') return;
    const b = parseIP(v);
    if (!b) throw new RangeError(`${path}: not an IP address: ${JSON.stringify(v)}`);
    w.bytes(b);
  },
  read: (b, path) => {
    if (b.length === 0) return '';
    if (b.length !== 4 && b.length !== 16) throw new DecodeError(path, `rule address needs 0, 4 or 16 bytes, got ${b.length}`);
    return formatIP(b);
  },
};

/** FRA_TUN_ID: a u64 in network byte order (ip's get_be64), decoded to its value. */
export const be64: Codec<bigint> = {
  name: 'be64',
  write: (w, v) => { const o = w.reserve(8); w.buf.writeBigUInt64BE(BigInt(v), o); },
  read: (b, path) => {
    if (b.length !== 8) throw new DecodeError(path, `be64 needs 8 bytes, got ${b.length}`);
    return b.readBigUInt64BE(0);
  },
};

const ruleSpec = {
  [K.FRA_DST]: { key: 'dst', codec: ruleAddr },
  [K.FRA_SRC]: { key: 'src', codec: ruleAddr },
  [K.FRA_IIFNAME]: { key: 'iifname', codec: cstring },
  [K.FRA_GOTO]: { key: 'goto', codec: u32 },
  [K.FRA_PRIORITY]: { key: 'priority', codec: u32 },
  [K.FRA_FWMARK]: { key: 'fwmark', codec: u32 },
  [K.FRA_FLOW]: { key: 'flow', codec: u32 },
  [K.FRA_TUN_ID]: { key: 'tun_id', codec: be64 },
  [K.FRA_SUPPRESS_IFGROUP]: { key: 'suppress_ifgroup', codec: u32 },
  [K.FRA_SUPPRESS_PREFIXLEN]: { key: 'suppress_prefixlen', codec: u32 },
  [K.FRA_TABLE]: { key: 'table', codec: u32 },
  [K.FRA_FWMASK]: { key: 'fwmask', codec: u32 },
  [K.FRA_OIFNAME]: { key: 'oifname', codec: cstring },
  [K.FRA_PAD]: { key: 'pad', codec: bytes },
  [K.FRA_L3MDEV]: { key: 'l3mdev', codec: u8 },
  [K.FRA_UID_RANGE]: { key: 'uid_range', codec: uidRange },
  [K.FRA_PROTOCOL]: { key: 'protocol', codec: u8 },
  [K.FRA_IP_PROTO]: { key: 'ip_proto', codec: u8 },
  [K.FRA_SPORT_RANGE]: { key: 'sport_range', codec: portRange },
  [K.FRA_DPORT_RANGE]: { key: 'dport_range', codec: portRange },
} as const;

/** Rule attributes (FRA_*), in kernel-number order. Kernels after the uapi headers here add more (FRA_DSCP...); they stay in `unknown`. */
export const ruleAttrs = defineAttrs('rule', ruleSpec);
/** Decoded rule attributes. */
export type RuleAttrs = AttrsOf<typeof ruleSpec>;

/** The RTM_NEWRULE/DELRULE/GETRULE body: fib_rule_hdr + rule attributes. */
export const ruleBody = headed(fibRuleHdr, () => ruleAttrs);

/** A decoded rule message. */
export interface RuleMessage {
  header: FibRuleHdr;
  attrs: RuleAttrs;
}

registerMessage(K.RTM_NEWRULE, 'RTM_NEWRULE', ruleBody);
registerMessage(K.RTM_DELRULE, 'RTM_DELRULE', ruleBody);
registerMessage(K.RTM_GETRULE, 'RTM_GETRULE', ruleBody);
