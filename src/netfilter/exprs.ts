/**
 * Expression attribute tables (linux/netfilter/nf_tables.h), one per expression name:
 * payload, meta, cmp, bitwise, immediate, ct, counter, masq, nat, lookup. exprDataCodec(name)
 * gives NFTA_EXPR_DATA's codec; a name not listed here decodes to raw bytes and re-encodes as is.
 */

import { defineAttrs, nested, type NestedCodec } from '../netlink/attrs.js';
import { be32, cstring, u8 } from '../netlink/codecs.js';
import { be64 } from './codecs.js';
import * as N from './constants.js';
import { dataAttrs } from './attrs.js';

const data = nested(() => dataAttrs);

/** enum nft_payload_attributes */
export const payloadAttrs = defineAttrs('payload', {
  [N.NFTA_PAYLOAD_DREG]: { key: 'dreg', codec: be32 },
  [N.NFTA_PAYLOAD_BASE]: { key: 'base', codec: be32 },
  [N.NFTA_PAYLOAD_OFFSET]: { key: 'offset', codec: be32 },
  [N.NFTA_PAYLOAD_LEN]: { key: 'len', codec: be32 },
  [N.NFTA_PAYLOAD_SREG]: { key: 'sreg', codec: be32 },
  [N.NFTA_PAYLOAD_CSUM_TYPE]: { key: 'csum_type', codec: be32 },
  [N.NFTA_PAYLOAD_CSUM_OFFSET]: { key: 'csum_offset', codec: be32 },
  [N.NFTA_PAYLOAD_CSUM_FLAGS]: { key: 'csum_flags', codec: be32 },
});

/** enum nft_meta_attributes */
export const metaAttrs = defineAttrs('meta', {
  [N.NFTA_META_DREG]: { key: 'dreg', codec: be32 },
  [N.NFTA_META_KEY]: { key: 'key', codec: be32 },
  [N.NFTA_META_SREG]: { key: 'sreg', codec: be32 },
});

/** enum nft_cmp_attributes */
export const cmpAttrs = defineAttrs('cmp', {
  [N.NFTA_CMP_SREG]: { key: 'sreg', codec: be32 },
  [N.NFTA_CMP_OP]: { key: 'op', codec: be32 },
  [N.NFTA_CMP_DATA]: { key: 'data', codec: data, nestFlag: true },
});

/** enum nft_bitwise_attributes */
export const bitwiseAttrs = defineAttrs('bitwise', {
  [N.NFTA_BITWISE_SREG]: { key: 'sreg', codec: be32 },
  [N.NFTA_BITWISE_DREG]: { key: 'dreg', codec: be32 },
  [N.NFTA_BITWISE_LEN]: { key: 'len', codec: be32 },
  [N.NFTA_BITWISE_MASK]: { key: 'mask', codec: data, nestFlag: true },
  [N.NFTA_BITWISE_XOR]: { key: 'xor', codec: data, nestFlag: true },
  [N.NFTA_BITWISE_OP]: { key: 'op', codec: be32 },
  [N.NFTA_BITWISE_DATA]: { key: 'data', codec: data, nestFlag: true },
});

/** enum nft_immediate_attributes */
export const immediateAttrs = defineAttrs('immediate', {
  [N.NFTA_IMMEDIATE_DREG]: { key: 'dreg', codec: be32 },
  [N.NFTA_IMMEDIATE_DATA]: { key: 'data', codec: data, nestFlag: true },
});

/** enum nft_ct_attributes */
export const ctAttrs = defineAttrs('ct', {
  [N.NFTA_CT_DREG]: { key: 'dreg', codec: be32 },
  [N.NFTA_CT_KEY]: { key: 'key', codec: be32 },
  [N.NFTA_CT_DIRECTION]: { key: 'direction', codec: u8 },
  [N.NFTA_CT_SREG]: { key: 'sreg', codec: be32 },
});

/** enum nft_counter_attributes */
export const counterAttrs = defineAttrs('counter', {
  [N.NFTA_COUNTER_BYTES]: { key: 'bytes', codec: be64 },
  [N.NFTA_COUNTER_PACKETS]: { key: 'packets', codec: be64 },
});

/** enum nft_masq_attributes */
export const masqAttrs = defineAttrs('masq', {
  [N.NFTA_MASQ_FLAGS]: { key: 'flags', codec: be32 },
  [N.NFTA_MASQ_REG_PROTO_MIN]: { key: 'reg_proto_min', codec: be32 },
  [N.NFTA_MASQ_REG_PROTO_MAX]: { key: 'reg_proto_max', codec: be32 },
});

/** enum nft_nat_attributes */
export const natAttrs = defineAttrs('nat', {
  [N.NFTA_NAT_TYPE]: { key: 'type', codec: be32 },
  [N.NFTA_NAT_FAMILY]: { key: 'family', codec: be32 },
  [N.NFTA_NAT_REG_ADDR_MIN]: { key: 'reg_addr_min', codec: be32 },
  [N.NFTA_NAT_REG_ADDR_MAX]: { key: 'reg_addr_max', codec: be32 },
  [N.NFTA_NAT_REG_PROTO_MIN]: { key: 'reg_proto_min', codec: be32 },
  [N.NFTA_NAT_REG_PROTO_MAX]: { key: 'reg_proto_max', codec: be32 },
  [N.NFTA_NAT_FLAGS]: { key: 'flags', codec: be32 },
});

/** enum nft_lookup_attributes */
export const lookupAttrs = defineAttrs('lookup', {
  [N.NFTA_LOOKUP_SET]: { key: 'set', codec: cstring },
  [N.NFTA_LOOKUP_SREG]: { key: 'sreg', codec: be32 },
  [N.NFTA_LOOKUP_DREG]: { key: 'dreg', codec: be32 },
  [N.NFTA_LOOKUP_SET_ID]: { key: 'set_id', codec: be32 },
  [N.NFTA_LOOKUP_FLAGS]: { key: 'flags', codec: be32 },
});

const registry = new Map<string, NestedCodec<any>>([
  ['payload', nested(() => payloadAttrs)],
  ['meta', nested(() => metaAttrs)],
  ['cmp', nested(() => cmpAttrs)],
  ['bitwise', nested(() => bitwiseAttrs)],
  ['immediate', nested(() => immediateAttrs)],
  ['ct', nested(() => ctAttrs)],
  ['counter', nested(() => counterAttrs)],
  ['masq', nested(() => masqAttrs)],
  ['nat', nested(() => natAttrs)],
  ['lookup', nested(() => lookupAttrs)],
]);

/** The codec of NFTA_EXPR_DATA for an expression name, or undefined (kept as raw bytes). */
export function exprDataCodec(name: string): NestedCodec<any> | undefined {
  return registry.get(name);
}
