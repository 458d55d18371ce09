/**
 * nf_tables message bodies (nfgenmsg + attributes) and their registration, plus the batch
 * delimiters. Message types are NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_*; the batch delimiters
 * share their numbers with RTM_NEWLINK/DELLINK (both are NLMSG_MIN_TYPE + n), so they are not
 * registered globally: requests name their codec instead.
 */

import { headed, type Headed } from '../netlink/attrs.js';
import { registerMessage } from '../netlink/message.js';
import { struct } from '../netlink/codecs.js';
import { nfgenmsg, type Nfgenmsg } from './codecs.js';
import { chainAttrs, ruleAttrs, tableAttrs, type ChainAttrs, type RuleAttrs, type TableAttrs } from './attrs.js';
import * as N from './constants.js';

/** NFT_MSG_*TABLE body. */
export const tableBody = headed<Nfgenmsg, TableAttrs>(nfgenmsg, () => tableAttrs as never);
/** NFT_MSG_*CHAIN body. */
export const chainBody = headed<Nfgenmsg, ChainAttrs>(nfgenmsg, () => chainAttrs as never);
/** NFT_MSG_*RULE body. */
export const ruleBody = headed<Nfgenmsg, RuleAttrs>(nfgenmsg, () => ruleAttrs as never);
/** NFNL_MSG_BATCH_BEGIN/END body: an nfgenmsg alone, res_id naming the subsystem. */
export const batchBody = struct('nfgenmsg', [['family', 'u8'], ['version', 'u8'], ['res_id', 'be16']] as const);

/** A decoded table message. */
export type TableMessage = Headed<Nfgenmsg, TableAttrs>;
/** A decoded chain message. */
export type ChainMessage = Headed<Nfgenmsg, ChainAttrs>;
/** A decoded rule message. */
export type RuleMessage = Headed<Nfgenmsg, RuleAttrs>;

const NAMES: [number, string, typeof tableBody | typeof chainBody | typeof ruleBody][] = [
  [N.NFT_MSG_NEWTABLE, 'NFT_MSG_NEWTABLE', tableBody], [N.NFT_MSG_GETTABLE, 'NFT_MSG_GETTABLE', tableBody],
  [N.NFT_MSG_DELTABLE, 'NFT_MSG_DELTABLE', tableBody], [N.NFT_MSG_DESTROYTABLE, 'NFT_MSG_DESTROYTABLE', tableBody],
  [N.NFT_MSG_NEWCHAIN, 'NFT_MSG_NEWCHAIN', chainBody], [N.NFT_MSG_GETCHAIN, 'NFT_MSG_GETCHAIN', chainBody],
  [N.NFT_MSG_DELCHAIN, 'NFT_MSG_DELCHAIN', chainBody],
  [N.NFT_MSG_NEWRULE, 'NFT_MSG_NEWRULE', ruleBody], [N.NFT_MSG_GETRULE, 'NFT_MSG_GETRULE', ruleBody],
  [N.NFT_MSG_DELRULE, 'NFT_MSG_DELRULE', ruleBody],
];
for (const [msg, name, body] of NAMES) registerMessage(N.nftType(msg), name, body);
registerMessage(N.nftType(N.NFT_MSG_NEWGEN), 'NFT_MSG_NEWGEN');

/** An nfgenmsg for `family` (NFPROTO_*), version 0, res_id 0. */
export function genmsg(family: number): Nfgenmsg {
  return { family, version: N.NFNETLINK_V0, res_id: 0 };
}

/** The nfgenmsg of NFNL_MSG_BATCH_BEGIN/END: res_id NFNL_SUBSYS_NFTABLES (big-endian, as nft sends it). */
export const BATCH_GENMSG: Nfgenmsg = { family: N.NFPROTO_UNSPEC, version: N.NFNETLINK_V0, res_id: N.NFNL_SUBSYS_NFTABLES };
