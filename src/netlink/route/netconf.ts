/**
 * Per-device IP configuration notifications (linux/netconf.h): RTM_NEWNETCONF / DELNETCONF, a
 * struct netconfmsg (one byte, family; attributes at NLMSG_ALIGN(1) = 4) and NETCONFA_*
 * attributes. The kernel sends one per family when a device appears or a watched sysctl
 * (forwarding, rp_filter, ...) changes; `ip monitor` prints them as `inet m0 forwarding off ...`.
 */

import { defineAttrs, headed } from '../attrs.js';
import { s32, u32 } from '../codecs.js';
import { registerMessage } from '../message.js';
import * as K from './constants.js';
import { rtgenmsg } from './headers.js';

/** NETCONFA_* attributes (ifindex is -1 for "all", -2 for "default"). */
export const netconfAttrs = defineAttrs('netconf', {
  [K.NETCONFA_IFINDEX]: { key: 'ifindex', codec: s32 },
  [K.NETCONFA_FORWARDING]: { key: 'forwarding', codec: u32 },
  [K.NETCONFA_RP_FILTER]: { key: 'rp_filter', codec: u32 },
  [K.NETCONFA_MC_FORWARDING]: { key: 'mc_forwarding', codec: u32 },
  [K.NETCONFA_PROXY_NEIGH]: { key: 'proxy_neigh', codec: u32 },
  [K.NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN]: { key: 'ignore_routes_with_linkdown', codec: u32 },
  [K.NETCONFA_INPUT]: { key: 'input', codec: u32 },
  [K.NETCONFA_BC_FORWARDING]: { key: 'bc_forwarding', codec: u32 },
});
/** Decoded NETCONFA_* attributes. */
export type NetconfAttrs = ReturnType<typeof netconfAttrs.decode>;

/** RTM_*NETCONF body: struct netconfmsg has rtgenmsg's layout (one family byte, padded to 4). */
export const netconfBody = headed(rtgenmsg, () => netconfAttrs);

registerMessage(K.RTM_NEWNETCONF, 'RTM_NEWNETCONF', netconfBody);
registerMessage(K.RTM_DELNETCONF, 'RTM_DELNETCONF', netconfBody);
registerMessage(K.RTM_GETNETCONF, 'RTM_GETNETCONF', netconfBody);
