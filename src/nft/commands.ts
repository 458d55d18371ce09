/**
 * nft commands (the shape of libnftables' JSON commands: `{ add: { rule: {...} } }`) -> the
 * nf_tables messages of one batch. Pure: everything is checked here, before a byte is sent, so
 * bad input leaves nothing half-made.
 */

import { UsageError } from '../netlink/errors.js';
import { NLM_F_ACK, NLM_F_APPEND, NLM_F_CREATE, NLM_F_EXCL } from '../netlink/constants.js';
import type { RequestSpec } from '../netlink/socket.js';
import * as N from '../netfilter/constants.js';
import { chainBody, genmsg, ruleBody, tableBody } from '../netfilter/messages.js';
import { FAMILIES, HOOKS, familyNumber } from './names.js';
import { encodeRule } from './rule-encode.js';
import type { Family, NftChain, RuleExpr } from './types.js';

/** A table reference. */
export interface TableRef { family: Family; name: string }
/** A chain: a regular one, or a base chain with type, hook, prio (and policy). */
export interface ChainSpec { family: Family; table: string; name: string; type?: NftChain['type']; hook?: string; prio?: number; policy?: 'accept' | 'drop'; dev?: string }
/** A rule to add (`handle` with insert/add: position relative to that rule). */
export interface RuleSpec { family: Family; table: string; chain: string; expr?: RuleExpr[]; handle?: number }

/** One command, as libnftables' JSON spells it. */
export type NftCommand =
  | { add: { table: TableRef } | { chain: ChainSpec } | { rule: RuleSpec } }
  | { create: { table: TableRef } | { chain: ChainSpec } }
  | { insert: { rule: RuleSpec } }
  | { delete: { table: TableRef } | { chain: { family: Family; table: string; name: string } } | { rule: RuleSpec & { handle: number } } }
  | { flush: { ruleset: null | { family?: Family } } | { table: TableRef } | { chain: { family: Family; table: string; name: string } } };

/** Hooks each chain type allows (net/netfilter/nft_chain_nat.c, nft_chain_route.c, nf_tables_api.c). */
const TYPE_HOOKS: Record<string, string[]> = {
  filter: ['prerouting', 'input', 'forward', 'output', 'postrouting', 'ingress'],
  nat: ['prerouting', 'input', 'output', 'postrouting'],
  route: ['output'],
};

function name(v: unknown, what: string): string {
  if (typeof v !== 'string' || !v) throw new UsageError(`${what}: needs a name`);
  if (Buffer.byteLength(v) > 255) throw new UsageError(`${what}: name longer than 255 bytes`);
  return v;
}

function family(f: unknown): number {
  try { return familyNumber(String(f)); } catch (e) { throw new UsageError((e as Error).message); }
}

/** nft's words for a chain, for messages: `ip nlctl postrouting`. */
const chainWords = (c: { family: string; table: string; name: string }) => `${c.family} ${c.table} ${c.name}`;

function chainSpec(c: ChainSpec, create: boolean): RequestSpec {
  const what = `${create ? 'create' : 'add'} chain ${chainWords(c)}`;
  const attrs: Record<string, unknown> = { table: name(c.table, `${what}: table`), name: name(c.name, what) };
  if (c.type !== undefined || c.hook !== undefined) {
    if (!c.type || !TYPE_HOOKS[c.type]) throw new UsageError(`${what}: unknown chain type ${JSON.stringify(c.type)} (filter, nat or route)`);
    const hooknum = HOOKS[c.hook ?? ''];
    if (hooknum === undefined) throw new UsageError(`${what}: unknown hook ${JSON.stringify(c.hook)} (${Object.keys(HOOKS).join(', ')})`);
    if (!TYPE_HOOKS[c.type]!.includes(c.hook!)) throw new UsageError(`${what}: chain type ${c.type} does not allow hook ${c.hook} (allowed: ${TYPE_HOOKS[c.type]!.join(', ')})`);
    if (c.type === 'nat' && c.family !== 'ip' && c.family !== 'ip6' && c.family !== 'inet') throw new UsageError(`${what}: chain type nat needs an ip, ip6 or inet table`);
    const prio = c.prio ?? 0;
    if (!Number.isInteger(prio) || prio < -0x80000000 || prio > 0x7fffffff) throw new UsageError(`${what}: bad priority ${prio}`);
    attrs.hook = c.dev ? { hooknum, priority: prio, dev: c.dev } : { hooknum, priority: prio };
    attrs.type = c.type;
    if (c.policy !== undefined) {
      if (c.policy !== 'accept' && c.policy !== 'drop') throw new UsageError(`${what}: policy must be accept or drop`);
      attrs.policy = c.policy === 'accept' ? N.NF_ACCEPT : N.NF_DROP;
    }
  } else if (c.policy !== undefined || c.prio !== undefined) throw new UsageError(`${what}: policy and priority need a base chain (type and hook)`);
  return { type: N.nftType(N.NFT_MSG_NEWCHAIN), flags: NLM_F_CREATE | (create ? NLM_F_EXCL : 0), codec: chainBody, op: `nft ${what}`, body: { header: genmsg(family(c.family)), attrs } };
}

function ruleSpec(r: RuleSpec, insert: boolean): RequestSpec {
  const what = `${insert ? 'insert' : 'add'} rule ${r.family} ${r.table} ${r.chain}`;
  const attrs: Record<string, unknown> = { table: name(r.table, `${what}: table`), chain: name(r.chain, `${what}: chain`) };
  const elem = encodeRule(r.family, r.expr ?? []);
  attrs.expressions = { elem };
  if (r.handle !== undefined) attrs.position = BigInt(r.handle);
  return { type: N.nftType(N.NFT_MSG_NEWRULE), flags: NLM_F_CREATE | (insert ? 0 : NLM_F_APPEND), codec: ruleBody, op: `nft ${what}`, body: { header: genmsg(family(r.family)), attrs } };
}

/** The messages for one command (without the batch delimiters). */
export function commandSpecs(cmd: NftCommand): RequestSpec[] {
  const [verb, obj] = Object.entries(cmd)[0] as [string, Record<string, any>];
  const [kind, v] = Object.entries(obj ?? {})[0] ?? [];
  const ack = (s: RequestSpec): RequestSpec => ({ ...s, flags: (s.flags ?? 0) | NLM_F_ACK });
  switch (`${verb} ${kind}`) {
    case 'add table': case 'create table':
      return [ack({ type: N.nftType(N.NFT_MSG_NEWTABLE), flags: verb === 'create' ? NLM_F_EXCL : 0, codec: tableBody, op: `nft ${verb} table ${v.family} ${v.name}`, body: { header: genmsg(family(v.family)), attrs: { name: name(v.name, `${verb} table`), flags: 0 } } })];
    case 'delete table':
      return [ack({ type: N.nftType(N.NFT_MSG_DELTABLE), flags: 0, codec: tableBody, op: `nft delete table ${v.family} ${v.name}`, body: { header: genmsg(family(v.family)), attrs: { name: name(v.name, 'delete table') } } })];
    case 'flush table':
      return [ack({ type: N.nftType(N.NFT_MSG_DELRULE), flags: 0, codec: ruleBody, op: `nft flush table ${v.family} ${v.name}`, body: { header: genmsg(family(v.family)), attrs: { table: name(v.name, 'flush table') } } })];
    case 'flush ruleset': {
      const fam = v?.family === undefined ? N.NFPROTO_UNSPEC : family(v.family);
      return [ack({ type: N.nftType(N.NFT_MSG_DELTABLE), flags: 0, codec: tableBody, op: 'nft flush ruleset', body: { header: genmsg(fam), attrs: {} } })];
    }
    case 'add chain': case 'create chain': return [ack(chainSpec(v, verb === 'create'))];
    case 'delete chain':
      return [ack({ type: N.nftType(N.NFT_MSG_DELCHAIN), flags: 0, codec: chainBody, op: `nft delete chain ${chainWords(v)}`, body: { header: genmsg(family(v.family)), attrs: { table: name(v.table, 'delete chain: table'), name: name(v.name, 'delete chain') } } })];
    case 'flush chain':
      return [ack({ type: N.nftType(N.NFT_MSG_DELRULE), flags: 0, codec: ruleBody, op: `nft flush chain ${chainWords(v)}`, body: { header: genmsg(family(v.family)), attrs: { table: name(v.table, 'flush chain: table'), chain: name(v.name, 'flush chain') } } })];
    case 'add rule': case 'insert rule': return [ack(ruleSpec(v, verb === 'insert'))];
    case 'delete rule': {
      if (!Number.isInteger(v.handle) || v.handle <= 0) throw new UsageError(`delete rule ${v.family} ${v.table} ${v.chain}: needs a handle`);
      return [ack({ type: N.nftType(N.NFT_MSG_DELRULE), flags: 0, codec: ruleBody, op: `nft delete rule ${v.family} ${v.table} ${v.chain} handle ${v.handle}`, body: { header: genmsg(family(v.family)), attrs: { table: name(v.table, 'delete rule: table'), chain: name(v.chain, 'delete rule: chain'), handle: BigInt(v.handle) } } })];
    }
    default: throw new UsageError(`nft ${verb} ${kind ?? ''}: not supported by nlctl`);
  }
}

/** Known table family words (for parsers). */
export const FAMILY_WORDS = Object.keys(FAMILIES) as Family[];
