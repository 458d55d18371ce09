/**
 * tun/tap (linux/if_link.h IFLA_TUN_*): decode only. The kernel reports tun devices with kind
 * 'tun' but refuses to create them over rtnetlink (6.18: EOPNOTSUPP, "tun/tap creation via
 * rtnetlink is not supported."); they are made with the TUNSETIFF ioctl on /dev/net/tun.
 */

import { defineAttrs } from '../../attrs.js';
import { u8, u32 } from '../../codecs.js';
import * as K from '../constants.js';
import { registerKind } from './registry.js';

/** IFLA_INFO_DATA of a tun device (IFLA_TUN_*). `type`: 1 = tun (IFF_TUN), 2 = tap (IFF_TAP). */
export const tunAttrs = defineAttrs('tun', {
  [K.IFLA_TUN_OWNER]: { key: 'owner', codec: u32 },
  [K.IFLA_TUN_GROUP]: { key: 'group', codec: u32 },
  [K.IFLA_TUN_TYPE]: { key: 'type', codec: u8 },
  [K.IFLA_TUN_PI]: { key: 'pi', codec: u8 },
  [K.IFLA_TUN_VNET_HDR]: { key: 'vnet_hdr', codec: u8 },
  [K.IFLA_TUN_PERSIST]: { key: 'persist', codec: u8 },
  [K.IFLA_TUN_MULTI_QUEUE]: { key: 'multi_queue', codec: u8 },
  [K.IFLA_TUN_NUM_QUEUES]: { key: 'num_queues', codec: u32 },
  [K.IFLA_TUN_NUM_DISABLED_QUEUES]: { key: 'num_disabled_queues', codec: u32 },
});

registerKind({ kind: 'tun', data: tunAttrs });
