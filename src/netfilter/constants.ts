/**
 * nfnetlink and nf_tables wire constants, kernel spelling. Sources: linux/netlink.h
 * (NETLINK_NETFILTER), linux/netfilter/nfnetlink.h (batches, subsystems), linux/netfilter.h
 * (NFPROTO_*, NF_INET_* hooks), linux/netfilter/nf_tables.h (messages, attributes, enums),
 * linux/netfilter/nf_nat.h (NF_NAT_RANGE_*), linux/netfilter/nf_conntrack_common.h (ct states).
 */

/** linux/netlink.h */
export const NETLINK_NETFILTER = 12;

/** linux/netfilter/nfnetlink.h */
export const NFNETLINK_V0 = 0;
export const NFNL_SUBSYS_NFTABLES = 10;
export const NFNL_MSG_BATCH_BEGIN = 0x10; // NLMSG_MIN_TYPE
export const NFNL_MSG_BATCH_END = 0x11;

/** linux/netfilter.h: address families of tables. */
export const NFPROTO_UNSPEC = 0;
export const NFPROTO_INET = 1;
export const NFPROTO_IPV4 = 2;
export const NFPROTO_ARP = 3;
export const NFPROTO_NETDEV = 5;
export const NFPROTO_BRIDGE = 7;
export const NFPROTO_IPV6 = 10;

/** linux/netfilter.h: enum nf_inet_hooks. */
export const NF_INET_PRE_ROUTING = 0;
export const NF_INET_LOCAL_IN = 1;
export const NF_INET_FORWARD = 2;
export const NF_INET_LOCAL_OUT = 3;
export const NF_INET_POST_ROUTING = 4;
export const NF_INET_INGRESS = 5;

/** enum nf_tables_msg_types (the low byte; the type on the wire is NFNL_SUBSYS_NFTABLES << 8 | this). */
export const NFT_MSG_NEWTABLE = 0;
export const NFT_MSG_GETTABLE = 1;
export const NFT_MSG_DELTABLE = 2;
export const NFT_MSG_NEWCHAIN = 3;
export const NFT_MSG_GETCHAIN = 4;
export const NFT_MSG_DELCHAIN = 5;
export const NFT_MSG_NEWRULE = 6;
export const NFT_MSG_GETRULE = 7;
export const NFT_MSG_DELRULE = 8;
export const NFT_MSG_NEWGEN = 15;
export const NFT_MSG_GETGEN = 16;
export const NFT_MSG_DESTROYTABLE = 26;

/** The nlmsg_type of an nf_tables message. */
export function nftType(msg: number): number {
  return (NFNL_SUBSYS_NFTABLES << 8) | msg;
}

/** enum nft_registers / nft_verdicts. */
export const NFT_REG_VERDICT = 0;
export const NFT_REG_1 = 1;
export const NFT_REG_2 = 2;
export const NFT_CONTINUE = -1;
export const NFT_BREAK = -2;
export const NFT_JUMP = -3;
export const NFT_GOTO = -4;
export const NFT_RETURN = -5;
/** linux/netfilter.h NF_DROP / NF_ACCEPT as verdict codes. */
export const NF_DROP = 0;
export const NF_ACCEPT = 1;

/** enum nft_list_attributes */
export const NFTA_LIST_ELEM = 1;
/** enum nft_hook_attributes */
export const NFTA_HOOK_HOOKNUM = 1;
export const NFTA_HOOK_PRIORITY = 2;
export const NFTA_HOOK_DEV = 3;
/** enum nft_table_attributes */
export const NFTA_TABLE_NAME = 1;
export const NFTA_TABLE_FLAGS = 2;
export const NFTA_TABLE_USE = 3;
export const NFTA_TABLE_HANDLE = 4;
export const NFTA_TABLE_USERDATA = 6;
export const NFTA_TABLE_OWNER = 7;
/** enum nft_chain_attributes */
export const NFTA_CHAIN_TABLE = 1;
export const NFTA_CHAIN_HANDLE = 2;
export const NFTA_CHAIN_NAME = 3;
export const NFTA_CHAIN_HOOK = 4;
export const NFTA_CHAIN_POLICY = 5;
export const NFTA_CHAIN_USE = 6;
export const NFTA_CHAIN_TYPE = 7;
export const NFTA_CHAIN_COUNTERS = 8;
export const NFTA_CHAIN_FLAGS = 10;
export const NFTA_CHAIN_ID = 11;
export const NFTA_CHAIN_USERDATA = 12;
/** enum nft_rule_attributes */
export const NFTA_RULE_TABLE = 1;
export const NFTA_RULE_CHAIN = 2;
export const NFTA_RULE_HANDLE = 3;
export const NFTA_RULE_EXPRESSIONS = 4;
export const NFTA_RULE_POSITION = 6;
export const NFTA_RULE_USERDATA = 7;
export const NFTA_RULE_ID = 9;
/** enum nft_data_attributes / nft_verdict_attributes */
export const NFTA_DATA_VALUE = 1;
export const NFTA_DATA_VERDICT = 2;
export const NFTA_VERDICT_CODE = 1;
export const NFTA_VERDICT_CHAIN = 2;
/** enum nft_expr_attributes */
export const NFTA_EXPR_NAME = 1;
export const NFTA_EXPR_DATA = 2;
/** enum nft_immediate_attributes */
export const NFTA_IMMEDIATE_DREG = 1;
export const NFTA_IMMEDIATE_DATA = 2;
/** enum nft_bitwise_attributes */
export const NFTA_BITWISE_SREG = 1;
export const NFTA_BITWISE_DREG = 2;
export const NFTA_BITWISE_LEN = 3;
export const NFTA_BITWISE_MASK = 4;
export const NFTA_BITWISE_XOR = 5;
export const NFTA_BITWISE_OP = 6;
export const NFTA_BITWISE_DATA = 7;
/** enum nft_cmp_attributes / nft_cmp_ops */
export const NFTA_CMP_SREG = 1;
export const NFTA_CMP_OP = 2;
export const NFTA_CMP_DATA = 3;
export const NFT_CMP_EQ = 0;
export const NFT_CMP_NEQ = 1;
export const NFT_CMP_LT = 2;
export const NFT_CMP_LTE = 3;
export const NFT_CMP_GT = 4;
export const NFT_CMP_GTE = 5;
/** enum nft_payload_attributes / nft_payload_bases */
export const NFTA_PAYLOAD_DREG = 1;
export const NFTA_PAYLOAD_BASE = 2;
export const NFTA_PAYLOAD_OFFSET = 3;
export const NFTA_PAYLOAD_LEN = 4;
export const NFTA_PAYLOAD_SREG = 5;
export const NFTA_PAYLOAD_CSUM_TYPE = 6;
export const NFTA_PAYLOAD_CSUM_OFFSET = 7;
export const NFTA_PAYLOAD_CSUM_FLAGS = 8;
export const NFT_PAYLOAD_LL_HEADER = 0;
export const NFT_PAYLOAD_NETWORK_HEADER = 1;
export const NFT_PAYLOAD_TRANSPORT_HEADER = 2;
/** enum nft_meta_attributes / nft_meta_keys (the ones nlctl names) */
export const NFTA_META_DREG = 1;
export const NFTA_META_KEY = 2;
export const NFTA_META_SREG = 3;
export const NFT_META_PROTOCOL = 1;
export const NFT_META_MARK = 3;
export const NFT_META_IIF = 4;
export const NFT_META_OIF = 5;
export const NFT_META_IIFNAME = 6;
export const NFT_META_OIFNAME = 7;
export const NFT_META_NFPROTO = 15;
export const NFT_META_L4PROTO = 16;
/** enum nft_ct_attributes / nft_ct_keys */
export const NFTA_CT_DREG = 1;
export const NFTA_CT_KEY = 2;
export const NFTA_CT_DIRECTION = 3;
export const NFTA_CT_SREG = 4;
export const NFT_CT_STATE = 0;
/** enum nft_counter_attributes */
export const NFTA_COUNTER_BYTES = 1;
export const NFTA_COUNTER_PACKETS = 2;
/** enum nft_nat_attributes / nft_nat_types */
export const NFTA_NAT_TYPE = 1;
export const NFTA_NAT_FAMILY = 2;
export const NFTA_NAT_REG_ADDR_MIN = 3;
export const NFTA_NAT_REG_ADDR_MAX = 4;
export const NFTA_NAT_REG_PROTO_MIN = 5;
export const NFTA_NAT_REG_PROTO_MAX = 6;
export const NFTA_NAT_FLAGS = 7;
export const NFT_NAT_SNAT = 0;
export const NFT_NAT_DNAT = 1;
/** enum nft_masq_attributes */
export const NFTA_MASQ_FLAGS = 1;
export const NFTA_MASQ_REG_PROTO_MIN = 2;
export const NFTA_MASQ_REG_PROTO_MAX = 3;
/** enum nft_lookup_attributes */
export const NFTA_LOOKUP_SET = 1;
export const NFTA_LOOKUP_SREG = 2;
export const NFTA_LOOKUP_DREG = 3;
export const NFTA_LOOKUP_SET_ID = 4;
export const NFTA_LOOKUP_FLAGS = 5;

/** linux/netfilter/nf_nat.h */
export const NF_NAT_RANGE_MAP_IPS = 1 << 0;
export const NF_NAT_RANGE_PROTO_SPECIFIED = 1 << 1;

/** linux/netfilter/nf_conntrack_common.h: ct state bits as nft matches them. */
export const NF_CT_STATE_INVALID_BIT = 1 << 0;
export const NF_CT_STATE_ESTABLISHED_BIT = 1 << 1;
export const NF_CT_STATE_RELATED_BIT = 1 << 2;
export const NF_CT_STATE_NEW_BIT = 1 << 3;
export const NF_CT_STATE_UNTRACKED_BIT = 1 << 6;
