/**
 * nf_tables attribute tables (linux/netfilter/nf_tables.h): tables, chains, hooks, rules,
 * expression lists and the data/verdict nests, one declarative table each. An expression's
 * NFTA_EXPR_DATA is looked up by its NFTA_EXPR_NAME in ./exprs.ts; names without a table keep
 * their payload as raw bytes and are emitted back unchanged.
 */

import { defineAttrs, nested } from '../netlink/attrs.js';
import { be32, bytes, cstring } from '../netlink/codecs.js';
import { be64, sbe32 } from './codecs.js';
import * as N from './constants.js';
import { exprDataCodec } from './exprs.js';

/** enum nft_verdict_attributes */
export const verdictAttrs = defineAttrs('verdict', {
  [N.NFTA_VERDICT_CODE]: { key: 'code', codec: sbe32 },
  [N.NFTA_VERDICT_CHAIN]: { key: 'chain', codec: cstring },
});

/** enum nft_data_attributes: a value (bytes, in the order the packet has them) or a verdict. */
export const dataAttrs = defineAttrs('data', {
  [N.NFTA_DATA_VALUE]: { key: 'value', codec: bytes },
  [N.NFTA_DATA_VERDICT]: { key: 'verdict', codec: nested(() => verdictAttrs), nestFlag: true },
});
/** A decoded data nest. */
export interface DataAttrs { value?: Buffer; verdict?: { code?: number; chain?: string } }

/** enum nft_expr_attributes: one expression, its data chosen by its name. */
export const exprAttrs = defineAttrs('expr', {
  [N.NFTA_EXPR_NAME]: { key: 'name', codec: cstring },
  [N.NFTA_EXPR_DATA]: {
    key: 'data', codec: bytes, nestFlag: true,
    select: { on: 'name', codec: (name) => exprDataCodec(name as string), label: (name) => String(name) },
  },
});
/** A decoded expression: its name and its attributes (raw bytes when the name is not known). */
export interface ExprAttrs { name?: string; data?: Record<string, any> | Buffer; unknown?: import('../netlink/attrs.js').RawAttr[] }

/** enum nft_list_attributes: the rule's expressions, in evaluation order. */
export const exprListAttrs = defineAttrs('expressions', {
  [N.NFTA_LIST_ELEM]: { key: 'elem', codec: nested(() => exprAttrs), nestFlag: true, multi: true },
});

/** enum nft_hook_attributes: where a base chain hooks in. */
export const hookAttrs = defineAttrs('hook', {
  [N.NFTA_HOOK_HOOKNUM]: { key: 'hooknum', codec: be32 },
  [N.NFTA_HOOK_PRIORITY]: { key: 'priority', codec: sbe32 },
  [N.NFTA_HOOK_DEV]: { key: 'dev', codec: cstring },
});

/** enum nft_table_attributes */
export const tableAttrs = defineAttrs('table', {
  [N.NFTA_TABLE_NAME]: { key: 'name', codec: cstring },
  [N.NFTA_TABLE_FLAGS]: { key: 'flags', codec: be32 },
  [N.NFTA_TABLE_USE]: { key: 'use', codec: be32 },
  [N.NFTA_TABLE_HANDLE]: { key: 'handle', codec: be64 },
  [N.NFTA_TABLE_USERDATA]: { key: 'userdata', codec: bytes },
  [N.NFTA_TABLE_OWNER]: { key: 'owner', codec: be32 },
});
/** A decoded table. */
export interface TableAttrs {
  name?: string; flags?: number; use?: number; handle?: bigint; userdata?: Buffer; owner?: number;
  unknown?: import('../netlink/attrs.js').RawAttr[];
}

/** enum nft_chain_attributes */
export const chainAttrs = defineAttrs('chain', {
  [N.NFTA_CHAIN_TABLE]: { key: 'table', codec: cstring },
  [N.NFTA_CHAIN_HANDLE]: { key: 'handle', codec: be64 },
  [N.NFTA_CHAIN_NAME]: { key: 'name', codec: cstring },
  [N.NFTA_CHAIN_HOOK]: { key: 'hook', codec: nested(() => hookAttrs), nestFlag: true },
  [N.NFTA_CHAIN_POLICY]: { key: 'policy', codec: be32 },
  [N.NFTA_CHAIN_USE]: { key: 'use', codec: be32 },
  [N.NFTA_CHAIN_TYPE]: { key: 'type', codec: cstring },
  [N.NFTA_CHAIN_COUNTERS]: { key: 'counters', codec: bytes },
  [N.NFTA_CHAIN_FLAGS]: { key: 'flags', codec: be32 },
  [N.NFTA_CHAIN_ID]: { key: 'id', codec: be32 },
  [N.NFTA_CHAIN_USERDATA]: { key: 'userdata', codec: bytes },
});
/** A decoded chain. */
export interface ChainAttrs {
  table?: string; handle?: bigint; name?: string; hook?: { hooknum?: number; priority?: number; dev?: string; unknown?: unknown[] };
  policy?: number; use?: number; type?: string; counters?: Buffer; flags?: number; id?: number; userdata?: Buffer;
  unknown?: import('../netlink/attrs.js').RawAttr[];
}

/** enum nft_rule_attributes */
export const ruleAttrs = defineAttrs('rule', {
  [N.NFTA_RULE_TABLE]: { key: 'table', codec: cstring },
  [N.NFTA_RULE_CHAIN]: { key: 'chain', codec: cstring },
  [N.NFTA_RULE_HANDLE]: { key: 'handle', codec: be64 },
  [N.NFTA_RULE_EXPRESSIONS]: { key: 'expressions', codec: nested(() => exprListAttrs), nestFlag: true },
  [N.NFTA_RULE_POSITION]: { key: 'position', codec: be64 },
  [N.NFTA_RULE_USERDATA]: { key: 'userdata', codec: bytes },
  [N.NFTA_RULE_ID]: { key: 'id', codec: be32 },
});
/** A decoded rule. */
export interface RuleAttrs {
  table?: string; chain?: string; handle?: bigint; expressions?: { elem?: ExprAttrs[] };
  position?: bigint; userdata?: Buffer; id?: number; unknown?: import('../netlink/attrs.js').RawAttr[];
}
