/** vrf (linux/if_link.h IFLA_VRF_*): an L3 master bound to a routing table. */

import { defineAttrs } from '../../attrs.js';
import { u32 } from '../../codecs.js';
import { UsageError } from '../../errors.js';
import * as K from '../constants.js';
import { uintOpt } from './options.js';
import { registerKind } from './registry.js';

/** IFLA_INFO_DATA of a vrf. */
export const vrfAttrs = defineAttrs('vrf', {
  [K.IFLA_VRF_TABLE]: { key: 'table', codec: u32 },
});

/** IFLA_INFO_SLAVE_DATA of a vrf port. */
export const vrfPortAttrs = defineAttrs('vrf_slave', {
  [K.IFLA_VRF_PORT_TABLE]: { key: 'table', codec: u32 },
});

/** `ip link add NAME type vrf table N` (this kernel lacks vrf). */
export interface VrfOptions {
  kind: 'vrf';
  /** The routing table (required). */
  table: number;
}

registerKind({
  kind: 'vrf',
  data: vrfAttrs,
  slaveData: vrfPortAttrs,
  options: ['table'],
  infoData(o) {
    if (o.table === undefined) throw new UsageError('vrf needs a table');
    return { table: uintOpt('vrf table', o.table, 0xffffffff, 1) };
  },
});
