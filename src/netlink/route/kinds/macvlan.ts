/** macvlan (linux/if_link.h IFLA_MACVLAN_*): MAC-based virtual links on a parent (`link`). */

import { defineAttrs, nested } from '../../attrs.js';
import { mac, s32, u16, u32 } from '../../codecs.js';
import * as K from '../constants.js';
import { boolOpt, enumOpt, fromTable } from './options.js';
import { registerKind, type LinkKind } from './registry.js';

/** IFLA_MACVLAN_MACADDR_DATA: a source-mode macvlan's allowed MACs, one IFLA_MACVLAN_MACADDR each. */
export const macaddrDataAttrs = defineAttrs('macaddr_data', {
  [K.IFLA_MACVLAN_MACADDR]: { key: 'macaddr', codec: mac, multi: true },
});

/** IFLA_INFO_DATA of a macvlan or macvtap (IFLA_MACVLAN_*), in kernel-number order. */
export const macvlanAttrs = defineAttrs('macvlan', {
  [K.IFLA_MACVLAN_MODE]: { key: 'mode', codec: u32 },
  [K.IFLA_MACVLAN_FLAGS]: { key: 'flags', codec: u16 },
  [K.IFLA_MACVLAN_MACADDR_MODE]: { key: 'macaddr_mode', codec: u32 },
  [K.IFLA_MACVLAN_MACADDR]: { key: 'macaddr', codec: mac },
  [K.IFLA_MACVLAN_MACADDR_DATA]: { key: 'macaddr_data', codec: nested(() => macaddrDataAttrs) },
  [K.IFLA_MACVLAN_MACADDR_COUNT]: { key: 'macaddr_count', codec: u32 },
  [K.IFLA_MACVLAN_BC_QUEUE_LEN]: { key: 'bc_queue_len', codec: u32 },
  [K.IFLA_MACVLAN_BC_QUEUE_LEN_USED]: { key: 'bc_queue_len_used', codec: u32 },
  // Newer than the uapi headers the constants came from.
  9: { key: 'bc_cutoff', codec: s32 },
});

/** MACVLAN_MODE_* by ip's names. */
export const MACVLAN_MODES: Record<string, number> = {
  private: K.MACVLAN_MODE_PRIVATE, vepa: K.MACVLAN_MODE_VEPA, bridge: K.MACVLAN_MODE_BRIDGE,
  passthru: K.MACVLAN_MODE_PASSTHRU, source: K.MACVLAN_MODE_SOURCE,
};

/** `ip link add NAME link PARENT type macvlan|macvtap [mode bridge] [nopromisc] [bcqueuelen N]`. */
export interface MacvlanOptions {
  kind: 'macvlan' | 'macvtap';
  /** The parent device is the common `link` option (required by the kernel). */
  mode?: 'private' | 'vepa' | 'bridge' | 'passthru' | 'source';
  /** passthru only: keep the parent out of promiscuous mode. */
  nopromisc?: boolean;
  bcqueuelen?: number;
}

/** The macvlan table and option mapper, shared with macvtap (same IFLA_INFO_DATA). */
export function macvlanKind(kind: 'macvlan' | 'macvtap'): LinkKind {
  return {
    kind,
    data: macvlanAttrs,
    options: ['mode', 'nopromisc', 'bcqueuelen'],
    infoData(o) {
      const d: Record<string, unknown> = {};
      if (o.mode !== undefined) d.mode = enumOpt(`${kind} mode`, o.mode, MACVLAN_MODES);
      if (o.nopromisc !== undefined && boolOpt(`${kind} nopromisc`, o.nopromisc)) d.flags = K.MACVLAN_FLAG_NOPROMISC;
      if (o.bcqueuelen !== undefined) Object.assign(d, fromTable(macvlanAttrs, { bc_queue_len: o.bcqueuelen }, ['bc_queue_len'], kind));
      return Object.keys(d).length ? d : undefined;
    },
  };
}

registerKind(macvlanKind('macvlan'));
