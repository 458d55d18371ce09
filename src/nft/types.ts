/**
 * The typed rule form: the subset of libnftables' JSON schema (libnftables-json(5)) that nlctl
 * builds and decodes. A rule's `expr` list reads as `nft -j list ruleset` prints it, so what
 * nlctl decodes compares key for key with nft's own JSON.
 */

/** Table families nlctl speaks: nft's words. */
export type Family = 'ip' | 'ip6' | 'inet' | 'arp' | 'bridge' | 'netdev';

/** A left-hand side of a match. */
export type MatchLeft =
  | { payload: { protocol: 'ip' | 'ip6'; field: 'saddr' | 'daddr' } }
  | { payload: { protocol: 'tcp' | 'udp'; field: 'sport' | 'dport' } }
  | { meta: { key: 'iifname' | 'oifname' | 'l4proto' | 'nfproto' } }
  | { ct: { key: 'state' } };

/** A right-hand side: an address, a prefix, a name, a number or a set of flag names. */
export type MatchRight = string | number | { prefix: { addr: string; len: number } } | string[];

/** `ip saddr 10.0.0.0/24`, `oifname != "eth0"`, `tcp dport 80`, `ct state established,related`. */
export interface MatchExpr { match: { op: '==' | '!=' | 'in'; left: MatchLeft; right: MatchRight } }
/** `counter` (packets and bytes as the kernel counted them; zero when adding). */
export interface CounterExpr { counter: { packets: number; bytes: number } | null }
/** `snat to ADDR[:PORT]`, `dnat to ADDR[:PORT]`. */
export interface NatExpr { snat?: { addr: string; port?: number }; dnat?: { addr: string; port?: number } }
/** Everything a rule may hold. */
export type RuleExpr =
  | MatchExpr
  | CounterExpr
  | { accept: null } | { drop: null } | { return: null } | { continue: null }
  | { jump: { target: string } } | { goto: { target: string } }
  | { masquerade: null }
  | { snat: { addr: string; port?: number } }
  | { dnat: { addr: string; port?: number } }
  | UnsupportedExpr;

/**
 * Kernel expressions nlctl cannot express in this form: kept as the decoded attributes (raw
 * bytes for unknown names) so the rule can be re-sent unchanged; printed as "not supported".
 */
export interface UnsupportedExpr { unsupported: { names: string[]; raw: import('../netfilter/attrs.js').ExprAttrs[] } }

/** A table as nlctl lists it. */
export interface NftTable { family: Family; name: string; handle: number; flags?: number }
/** A chain; base chains carry type, hook, prio and policy. */
export interface NftChain {
  family: Family; table: string; name: string; handle: number;
  type?: 'filter' | 'nat' | 'route'; hook?: string; prio?: number; policy?: 'accept' | 'drop'; dev?: string;
}
/** A rule: where it lives, its handle and its expressions. */
export interface NftRule { family: Family; table: string; chain: string; handle: number; expr: RuleExpr[] }
/** A whole ruleset, in the order nft lists it. */
export interface NftRuleset { tables: NftTable[]; chains: NftChain[]; rules: NftRule[] }
