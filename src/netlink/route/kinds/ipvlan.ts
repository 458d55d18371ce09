/** ipvlan (linux/if_link.h IFLA_IPVLAN_*): IP-based virtual links sharing the parent's MAC. */

import { defineAttrs } from '../../attrs.js';
import { u16 } from '../../codecs.js';
import * as K from '../constants.js';
import { enumOpt } from './options.js';
import { registerKind } from './registry.js';

/** IFLA_INFO_DATA of an ipvlan. */
export const ipvlanAttrs = defineAttrs('ipvlan', {
  [K.IFLA_IPVLAN_MODE]: { key: 'mode', codec: u16 },
  [K.IFLA_IPVLAN_FLAGS]: { key: 'flags', codec: u16 },
});

/** `ip link add NAME link PARENT type ipvlan [mode l2|l3|l3s] [bridge|private|vepa]` (this kernel lacks ipvlan). */
export interface IpvlanOptions {
  kind: 'ipvlan';
  mode?: 'l2' | 'l3' | 'l3s';
  /** ip's trailing `bridge` (0), `private` or `vepa`. */
  flag?: 'bridge' | 'private' | 'vepa';
}

registerKind({
  kind: 'ipvlan',
  data: ipvlanAttrs,
  options: ['mode', 'flag'],
  infoData(o) {
    const d: Record<string, unknown> = {};
    if (o.mode !== undefined) d.mode = enumOpt('ipvlan mode', o.mode, { l2: K.IPVLAN_MODE_L2, l3: K.IPVLAN_MODE_L3, l3s: K.IPVLAN_MODE_L3S });
    if (o.flag !== undefined) d.flags = enumOpt('ipvlan flag', o.flag, { bridge: 0, private: K.IPVLAN_F_PRIVATE, vepa: K.IPVLAN_F_VEPA });
    return d;
  },
});
