/** bond (linux/if_link.h IFLA_BOND_*): link aggregation masters. Encode and decode; this kernel lacks bonding. */

import { defineAttrs } from '../../attrs.js';
import { bytes, mac, u8, u16, u32 } from '../../codecs.js';
import * as K from '../constants.js';
import { enumOpt, fromTable } from './options.js';
import { registerKind } from './registry.js';

/** IFLA_INFO_DATA of a bond (IFLA_BOND_*), in kernel-number order. */
export const bondAttrs = defineAttrs('bond', {
  [K.IFLA_BOND_MODE]: { key: 'mode', codec: u8 },
  [K.IFLA_BOND_ACTIVE_SLAVE]: { key: 'active_slave', codec: u32 },
  [K.IFLA_BOND_MIIMON]: { key: 'miimon', codec: u32 },
  [K.IFLA_BOND_UPDELAY]: { key: 'updelay', codec: u32 },
  [K.IFLA_BOND_DOWNDELAY]: { key: 'downdelay', codec: u32 },
  [K.IFLA_BOND_USE_CARRIER]: { key: 'use_carrier', codec: u8 },
  [K.IFLA_BOND_ARP_INTERVAL]: { key: 'arp_interval', codec: u32 },
  [K.IFLA_BOND_ARP_IP_TARGET]: { key: 'arp_ip_target', codec: bytes },
  [K.IFLA_BOND_ARP_VALIDATE]: { key: 'arp_validate', codec: u32 },
  [K.IFLA_BOND_ARP_ALL_TARGETS]: { key: 'arp_all_targets', codec: u32 },
  [K.IFLA_BOND_PRIMARY]: { key: 'primary', codec: u32 },
  [K.IFLA_BOND_PRIMARY_RESELECT]: { key: 'primary_reselect', codec: u8 },
  [K.IFLA_BOND_FAIL_OVER_MAC]: { key: 'fail_over_mac', codec: u8 },
  [K.IFLA_BOND_XMIT_HASH_POLICY]: { key: 'xmit_hash_policy', codec: u8 },
  [K.IFLA_BOND_RESEND_IGMP]: { key: 'resend_igmp', codec: u32 },
  [K.IFLA_BOND_NUM_PEER_NOTIF]: { key: 'num_peer_notif', codec: u8 },
  [K.IFLA_BOND_ALL_SLAVES_ACTIVE]: { key: 'all_slaves_active', codec: u8 },
  [K.IFLA_BOND_MIN_LINKS]: { key: 'min_links', codec: u32 },
  [K.IFLA_BOND_LP_INTERVAL]: { key: 'lp_interval', codec: u32 },
  [K.IFLA_BOND_PACKETS_PER_SLAVE]: { key: 'packets_per_slave', codec: u32 },
  [K.IFLA_BOND_AD_LACP_RATE]: { key: 'ad_lacp_rate', codec: u8 },
  [K.IFLA_BOND_AD_SELECT]: { key: 'ad_select', codec: u8 },
  [K.IFLA_BOND_AD_INFO]: { key: 'ad_info', codec: bytes },
  [K.IFLA_BOND_AD_ACTOR_SYS_PRIO]: { key: 'ad_actor_sys_prio', codec: u16 },
  [K.IFLA_BOND_AD_USER_PORT_KEY]: { key: 'ad_user_port_key', codec: u16 },
  [K.IFLA_BOND_AD_ACTOR_SYSTEM]: { key: 'ad_actor_system', codec: mac },
  [K.IFLA_BOND_TLB_DYNAMIC_LB]: { key: 'tlb_dynamic_lb', codec: u8 },
  [K.IFLA_BOND_PEER_NOTIF_DELAY]: { key: 'peer_notif_delay', codec: u32 },
  [K.IFLA_BOND_AD_LACP_ACTIVE]: { key: 'ad_lacp_active', codec: u8 },
  [K.IFLA_BOND_MISSED_MAX]: { key: 'missed_max', codec: u8 },
  [K.IFLA_BOND_NS_IP6_TARGET]: { key: 'ns_ip6_target', codec: bytes },
  [K.IFLA_BOND_COUPLED_CONTROL]: { key: 'coupled_control', codec: u8 },
});

/** BOND_MODE_* by ip's names. */
export const BOND_MODES: Record<string, number> = {
  'balance-rr': 0, 'active-backup': 1, 'balance-xor': 2, broadcast: 3, '802.3ad': 4, 'balance-tlb': 5, 'balance-alb': 6,
};

/** `ip link add NAME type bond [mode M] [miimon MS] ...` (this kernel lacks bonding). */
export interface BondOptions {
  kind: 'bond';
  mode?: keyof typeof BOND_MODES | number;
  miimon?: number;
  updelay?: number;
  downdelay?: number;
  min_links?: number;
  xmit_hash_policy?: 'layer2' | 'layer3+4' | 'layer2+3' | 'encap2+3' | 'encap3+4' | 'vlan+srcmac';
  lacp_rate?: 'slow' | 'fast';
}

const SAME = ['miimon', 'updelay', 'downdelay', 'min_links'] as const;

registerKind({
  kind: 'bond',
  data: bondAttrs,
  options: [...SAME, 'mode', 'xmit_hash_policy', 'lacp_rate'],
  infoData(o) {
    const d = fromTable(bondAttrs, o, SAME, 'bond');
    if (o.mode !== undefined) d.mode = enumOpt('bond mode', o.mode, BOND_MODES);
    if (o.xmit_hash_policy !== undefined) {
      d.xmit_hash_policy = enumOpt('bond xmit_hash_policy', o.xmit_hash_policy,
        { layer2: 0, 'layer3+4': 1, 'layer2+3': 2, 'encap2+3': 3, 'encap3+4': 4, 'vlan+srcmac': 5 });
    }
    if (o.lacp_rate !== undefined) d.ad_lacp_rate = enumOpt('bond lacp_rate', o.lacp_rate, { slow: 0, fast: 1 });
    return d;
  },
});
