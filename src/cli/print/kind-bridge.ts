/**
 * `ip -d` field tables for bridge (IFLA_BR_*) and bridge ports (IFLA_BRPORT_*, kind
 * `bridge_slave`), transcribed from what iproute2 6.1 prints (ip/iplink_bridge.c,
 * ip/iplink_bridge_slave.c) and checked against it in test/kernel/cli-details.test.ts.
 * Attributes ip 6.1 does not print (fdb_n_learned, fdb_max_learned, mcast_querier_state,
 * mcast_eht_hosts_*, mrp_*) are left out, as ip leaves them out.
 */

import { nonzero, type Field, type KindData } from './kind-fields.js';

/** BR_BOOLOPT_* bits of IFLA_BR_MULTI_BOOLOPT that ip 6.1 prints, when the kernel's mask has them. */
function boolopt(bit: number): (d: KindData) => number | undefined {
  return (d) => {
    const m = d.multi_boolopt as { optval: number; optmask: number } | undefined;
    if (!m || !(m.optmask & (1 << bit))) return undefined;
    return m.optval & (1 << bit) ? 1 : 0;
  };
}

/** The bridge's kind line: `bridge forward_delay 1500 hello_time 200 ...`. */
export const bridgeFields: readonly Field[] = [
  { from: 'forward_delay' },
  { from: 'hello_time' },
  { from: 'max_age' },
  { from: 'ageing_time' },
  { from: 'stp_state' },
  { from: 'priority' },
  { from: 'vlan_filtering' },
  { from: 'vlan_protocol', as: { 0x8100: '802.1Q', 0x88a8: '802.1ad' } },
  { from: 'bridge_id', as: 'brid' },
  { from: 'root_id', text: 'designated_root', as: 'brid' },
  { from: 'root_port' },
  { from: 'root_path_cost' },
  { from: 'topology_change' },
  { from: 'topology_change_detected' },
  { from: 'hello_timer', as: 'timer' },
  { from: 'tcn_timer', as: 'timer' },
  { from: 'topology_change_timer', as: 'timer' },
  { from: 'gc_timer', as: 'timer' },
  { from: 'vlan_default_pvid' },
  { from: 'vlan_stats_enabled' },
  { from: 'vlan_stats_per_port' },
  { from: 'group_fwd_mask', as: 'hex' },
  { from: 'group_addr', text: 'group_address', as: 'str' },
  { from: 'mcast_snooping' },
  { from: boolopt(0), json: 'no_linklocal_learn' },
  { from: boolopt(1), json: 'mcast_vlan_snooping' },
  { from: 'mcast_router' },
  { from: 'mcast_query_use_ifaddr' },
  { from: 'mcast_querier' },
  { from: 'mcast_hash_elasticity' },
  { from: 'mcast_hash_max' },
  { from: 'mcast_last_member_cnt', text: 'mcast_last_member_count' },
  { from: 'mcast_startup_query_cnt', text: 'mcast_startup_query_count' },
  { from: 'mcast_last_member_intvl', text: 'mcast_last_member_interval' },
  { from: 'mcast_membership_intvl', text: 'mcast_membership_interval' },
  { from: 'mcast_querier_intvl', text: 'mcast_querier_interval' },
  { from: 'mcast_query_intvl', text: 'mcast_query_interval' },
  { from: 'mcast_query_response_intvl', text: 'mcast_query_response_interval' },
  { from: 'mcast_startup_query_intvl', text: 'mcast_startup_query_interval' },
  { from: 'mcast_stats_enabled' },
  { from: 'mcast_igmp_version' },
  { from: 'mcast_mld_version' },
  { from: 'nf_call_iptables' },
  { from: 'nf_call_ip6tables' },
  { from: 'nf_call_arptables' },
];

/** BR_STATE_* as ip names them. */
const PORT_STATES = { 0: 'disabled', 1: 'listening', 2: 'learning', 3: 'forwarding', 4: 'blocking' };

// iproute2's fwd_mask_tbl: the link-local groups it names; other bits print as 0x<bit>.
const FWD_MASK_NAMES: Record<number, string> = { 0: 'stp', 2: 'lacp', 14: 'lldp' };

/** group_fwd_mask_str: `0x0`, or the set bits by name (`0x8,lldp`). */
function fwdMaskStr(v: unknown): { json: string; text: string } {
  const parts: string[] = [];
  for (let i = 0, m = Number(v); m; i++, m >>>= 1) if (m & 1) parts.push(FWD_MASK_NAMES[i] ?? `0x${(1 << i).toString(16)}`);
  const s = parts.length ? parts.join(',') : '0x0';
  return { json: s, text: `group_fwd_mask_str ${s}` };
}

/** A bridge port's kind line: `bridge_slave state forwarding priority 32 cost 2 hairpin off ...`. */
export const bridgePortFields: readonly Field[] = [
  { from: 'state', as: PORT_STATES },
  { from: 'priority' },
  { from: 'cost' },
  { from: 'mode', json: 'hairpin', as: 'onoff' },
  { from: 'guard', as: 'onoff' },
  { from: 'protect', json: 'root_block', as: 'onoff' },
  { from: 'fast_leave', json: 'fastleave', as: 'onoff' },
  { from: 'learning', as: 'onoff' },
  { from: 'unicast_flood', json: 'flood', as: 'onoff' },
  { from: 'id', text: 'port_id', as: 'porthex' },
  { from: 'no', text: 'port_no', as: 'porthex' },
  { from: 'designated_port' },
  { from: 'designated_cost' },
  { from: 'bridge_id', text: 'designated_bridge', as: 'brid' },
  { from: 'root_id', text: 'designated_root', as: 'brid' },
  { from: 'hold_timer', as: 'timer' },
  { from: 'message_age_timer', as: 'timer' },
  { from: 'forward_delay_timer', as: 'timer' },
  { from: 'topology_change_ack' },
  { from: 'config_pending' },
  { from: 'proxyarp', json: 'proxy_arp', as: 'onoff' },
  { from: 'proxyarp_wifi', json: 'proxy_arp_wifi', as: 'onoff' },
  { from: 'multicast_router', text: 'mcast_router' },
  // ip 6.1 prints fast_leave a second time, in text only (JSON already has fastleave).
  { from: 'fast_leave', json: false, text: 'mcast_fast_leave', as: 'onoff' },
  { from: 'mcast_flood', as: 'onoff' },
  { from: 'bcast_flood', as: 'onoff' },
  { from: 'mcast_to_ucast', json: 'mcast_to_unicast', as: 'onoff' },
  { from: 'neigh_suppress', as: 'onoff' },
  { from: 'group_fwd_mask', as: 'hex' },
  { from: 'group_fwd_mask', json: 'group_fwd_mask_str', as: fwdMaskStr },
  { from: 'vlan_tunnel', as: 'onoff' },
  { from: 'isolated', as: 'onoff' },
  { from: 'backup_port', as: 'ifname', when: nonzero },
  { from: 'locked', as: 'onoff' },
];
