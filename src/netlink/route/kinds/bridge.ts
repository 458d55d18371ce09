/**
 * bridge (linux/if_link.h IFLA_BR_*, IFLA_BRPORT_*): bridge settings, and each port's state
 * as IFLA_INFO_SLAVE_DATA. Times are clock_t (1/100 s), passed as ip passes them.
 */

import { defineAttrs } from '../../attrs.js';
import { Writer } from '../../writer.js';
import { be16, bytes, flag, mac, struct, u8, u16, u32, u64, type Codec } from '../../codecs.js';
import { DecodeError } from '../../errors.js';
import { formatMac, parseMac } from '../../inet.js';
import * as K from '../constants.js';
import { enumOpt, fromTable, uintOpt } from './options.js';
import { registerKind } from './registry.js';

/** A bridge identifier: STP priority and MAC, as ip prints `8000.d2:67:cc:15:77:5a`. */
export interface BridgeId {
  priority: number;
  address: string;
}

/** struct ifla_bridge_id: a 2-byte priority (network order, as the kernel copies it) then the MAC. */
const bridgeId: Codec<BridgeId> = {
  name: 'ifla_bridge_id',
  write: (w, v, path) => {
    const m = parseMac(v.address);
    if (!m || m.length !== 6) throw new RangeError(`${path}: not a MAC address: ${JSON.stringify(v.address)}`);
    const off = w.reserve(8);
    w.buf.writeUInt16BE(v.priority, off);
    m.copy(w.buf, off + 2);
  },
  read: (b, path) => {
    if (b.length !== 8) throw new DecodeError(path, `ifla_bridge_id needs 8 bytes, got ${b.length}`);
    return { priority: b.readUInt16BE(0), address: formatMac(b.subarray(2)) };
  },
};
/** struct br_boolopt_multi. */
const boolopt = struct('br_boolopt_multi', [['optval', 'u32'], ['optmask', 'u32']] as const);

/** IFLA_INFO_DATA of a bridge (IFLA_BR_*), in kernel-number order. */
export const bridgeAttrs = defineAttrs('bridge', {
  [K.IFLA_BR_FORWARD_DELAY]: { key: 'forward_delay', codec: u32 },
  [K.IFLA_BR_HELLO_TIME]: { key: 'hello_time', codec: u32 },
  [K.IFLA_BR_MAX_AGE]: { key: 'max_age', codec: u32 },
  [K.IFLA_BR_AGEING_TIME]: { key: 'ageing_time', codec: u32 },
  [K.IFLA_BR_STP_STATE]: { key: 'stp_state', codec: u32 },
  [K.IFLA_BR_PRIORITY]: { key: 'priority', codec: u16 },
  [K.IFLA_BR_VLAN_FILTERING]: { key: 'vlan_filtering', codec: u8 },
  [K.IFLA_BR_VLAN_PROTOCOL]: { key: 'vlan_protocol', codec: be16 },
  [K.IFLA_BR_GROUP_FWD_MASK]: { key: 'group_fwd_mask', codec: u16 },
  [K.IFLA_BR_ROOT_ID]: { key: 'root_id', codec: bridgeId },
  [K.IFLA_BR_BRIDGE_ID]: { key: 'bridge_id', codec: bridgeId },
  [K.IFLA_BR_ROOT_PORT]: { key: 'root_port', codec: u16 },
  [K.IFLA_BR_ROOT_PATH_COST]: { key: 'root_path_cost', codec: u32 },
  [K.IFLA_BR_TOPOLOGY_CHANGE]: { key: 'topology_change', codec: u8 },
  [K.IFLA_BR_TOPOLOGY_CHANGE_DETECTED]: { key: 'topology_change_detected', codec: u8 },
  [K.IFLA_BR_HELLO_TIMER]: { key: 'hello_timer', codec: u64 },
  [K.IFLA_BR_TCN_TIMER]: { key: 'tcn_timer', codec: u64 },
  [K.IFLA_BR_TOPOLOGY_CHANGE_TIMER]: { key: 'topology_change_timer', codec: u64 },
  [K.IFLA_BR_GC_TIMER]: { key: 'gc_timer', codec: u64 },
  [K.IFLA_BR_GROUP_ADDR]: { key: 'group_addr', codec: mac },
  [K.IFLA_BR_FDB_FLUSH]: { key: 'fdb_flush', codec: flag },
  [K.IFLA_BR_MCAST_ROUTER]: { key: 'mcast_router', codec: u8 },
  [K.IFLA_BR_MCAST_SNOOPING]: { key: 'mcast_snooping', codec: u8 },
  [K.IFLA_BR_MCAST_QUERY_USE_IFADDR]: { key: 'mcast_query_use_ifaddr', codec: u8 },
  [K.IFLA_BR_MCAST_QUERIER]: { key: 'mcast_querier', codec: u8 },
  [K.IFLA_BR_MCAST_HASH_ELASTICITY]: { key: 'mcast_hash_elasticity', codec: u32 },
  [K.IFLA_BR_MCAST_HASH_MAX]: { key: 'mcast_hash_max', codec: u32 },
  [K.IFLA_BR_MCAST_LAST_MEMBER_CNT]: { key: 'mcast_last_member_cnt', codec: u32 },
  [K.IFLA_BR_MCAST_STARTUP_QUERY_CNT]: { key: 'mcast_startup_query_cnt', codec: u32 },
  [K.IFLA_BR_MCAST_LAST_MEMBER_INTVL]: { key: 'mcast_last_member_intvl', codec: u64 },
  [K.IFLA_BR_MCAST_MEMBERSHIP_INTVL]: { key: 'mcast_membership_intvl', codec: u64 },
  [K.IFLA_BR_MCAST_QUERIER_INTVL]: { key: 'mcast_querier_intvl', codec: u64 },
  [K.IFLA_BR_MCAST_QUERY_INTVL]: { key: 'mcast_query_intvl', codec: u64 },
  [K.IFLA_BR_MCAST_QUERY_RESPONSE_INTVL]: { key: 'mcast_query_response_intvl', codec: u64 },
  [K.IFLA_BR_MCAST_STARTUP_QUERY_INTVL]: { key: 'mcast_startup_query_intvl', codec: u64 },
  [K.IFLA_BR_NF_CALL_IPTABLES]: { key: 'nf_call_iptables', codec: u8 },
  [K.IFLA_BR_NF_CALL_IP6TABLES]: { key: 'nf_call_ip6tables', codec: u8 },
  [K.IFLA_BR_NF_CALL_ARPTABLES]: { key: 'nf_call_arptables', codec: u8 },
  [K.IFLA_BR_VLAN_DEFAULT_PVID]: { key: 'vlan_default_pvid', codec: u16 },
  [K.IFLA_BR_PAD]: { key: 'pad', codec: bytes },
  [K.IFLA_BR_VLAN_STATS_ENABLED]: { key: 'vlan_stats_enabled', codec: u8 },
  [K.IFLA_BR_MCAST_STATS_ENABLED]: { key: 'mcast_stats_enabled', codec: u8 },
  [K.IFLA_BR_MCAST_IGMP_VERSION]: { key: 'mcast_igmp_version', codec: u8 },
  [K.IFLA_BR_MCAST_MLD_VERSION]: { key: 'mcast_mld_version', codec: u8 },
  [K.IFLA_BR_VLAN_STATS_PER_PORT]: { key: 'vlan_stats_per_port', codec: u8 },
  [K.IFLA_BR_MULTI_BOOLOPT]: { key: 'multi_boolopt', codec: boolopt },
  [K.IFLA_BR_MCAST_QUERIER_STATE]: { key: 'mcast_querier_state', codec: bytes },
  // Newer than the uapi headers the constants came from (6.18 sends them).
  48: { key: 'fdb_n_learned', codec: u32 },
  49: { key: 'fdb_max_learned', codec: u32 },
});

/** IFLA_INFO_SLAVE_DATA of a bridge port (IFLA_BRPORT_*). */
export const bridgePortAttrs = defineAttrs('bridge_slave', {
  [K.IFLA_BRPORT_STATE]: { key: 'state', codec: u8 },
  [K.IFLA_BRPORT_PRIORITY]: { key: 'priority', codec: u16 },
  [K.IFLA_BRPORT_COST]: { key: 'cost', codec: u32 },
  [K.IFLA_BRPORT_MODE]: { key: 'mode', codec: u8 },
  [K.IFLA_BRPORT_GUARD]: { key: 'guard', codec: u8 },
  [K.IFLA_BRPORT_PROTECT]: { key: 'protect', codec: u8 },
  [K.IFLA_BRPORT_FAST_LEAVE]: { key: 'fast_leave', codec: u8 },
  [K.IFLA_BRPORT_LEARNING]: { key: 'learning', codec: u8 },
  [K.IFLA_BRPORT_UNICAST_FLOOD]: { key: 'unicast_flood', codec: u8 },
  [K.IFLA_BRPORT_PROXYARP]: { key: 'proxyarp', codec: u8 },
  [K.IFLA_BRPORT_LEARNING_SYNC]: { key: 'learning_sync', codec: u8 },
  [K.IFLA_BRPORT_PROXYARP_WIFI]: { key: 'proxyarp_wifi', codec: u8 },
  [K.IFLA_BRPORT_ROOT_ID]: { key: 'root_id', codec: bridgeId },
  [K.IFLA_BRPORT_BRIDGE_ID]: { key: 'bridge_id', codec: bridgeId },
  [K.IFLA_BRPORT_DESIGNATED_PORT]: { key: 'designated_port', codec: u16 },
  [K.IFLA_BRPORT_DESIGNATED_COST]: { key: 'designated_cost', codec: u16 },
  [K.IFLA_BRPORT_ID]: { key: 'id', codec: u16 },
  [K.IFLA_BRPORT_NO]: { key: 'no', codec: u16 },
  [K.IFLA_BRPORT_TOPOLOGY_CHANGE_ACK]: { key: 'topology_change_ack', codec: u8 },
  [K.IFLA_BRPORT_CONFIG_PENDING]: { key: 'config_pending', codec: u8 },
  [K.IFLA_BRPORT_MESSAGE_AGE_TIMER]: { key: 'message_age_timer', codec: u64 },
  [K.IFLA_BRPORT_FORWARD_DELAY_TIMER]: { key: 'forward_delay_timer', codec: u64 },
  [K.IFLA_BRPORT_HOLD_TIMER]: { key: 'hold_timer', codec: u64 },
  [K.IFLA_BRPORT_FLUSH]: { key: 'flush', codec: flag },
  [K.IFLA_BRPORT_MULTICAST_ROUTER]: { key: 'multicast_router', codec: u8 },
  [K.IFLA_BRPORT_PAD]: { key: 'pad', codec: bytes },
  [K.IFLA_BRPORT_MCAST_FLOOD]: { key: 'mcast_flood', codec: u8 },
  [K.IFLA_BRPORT_MCAST_TO_UCAST]: { key: 'mcast_to_ucast', codec: u8 },
  [K.IFLA_BRPORT_VLAN_TUNNEL]: { key: 'vlan_tunnel', codec: u8 },
  [K.IFLA_BRPORT_BCAST_FLOOD]: { key: 'bcast_flood', codec: u8 },
  [K.IFLA_BRPORT_GROUP_FWD_MASK]: { key: 'group_fwd_mask', codec: u16 },
  [K.IFLA_BRPORT_NEIGH_SUPPRESS]: { key: 'neigh_suppress', codec: u8 },
  [K.IFLA_BRPORT_ISOLATED]: { key: 'isolated', codec: u8 },
  [K.IFLA_BRPORT_BACKUP_PORT]: { key: 'backup_port', codec: u32 },
  [K.IFLA_BRPORT_MRP_RING_OPEN]: { key: 'mrp_ring_open', codec: u8 },
  [K.IFLA_BRPORT_MRP_IN_OPEN]: { key: 'mrp_in_open', codec: u8 },
  [K.IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT]: { key: 'mcast_eht_hosts_limit', codec: u32 },
  [K.IFLA_BRPORT_MCAST_EHT_HOSTS_CNT]: { key: 'mcast_eht_hosts_cnt', codec: u32 },
  [K.IFLA_BRPORT_LOCKED]: { key: 'locked', codec: u8 },
});

/** `ip link add NAME type bridge [stp_state 1] [forward_delay 400] ...`: option names are ip's (and the kernel's). */
export interface BridgeOptions {
  kind: 'bridge';
  /** 1/true: kernel STP. */
  stp_state?: number | boolean;
  /** Centiseconds (clock_t), e.g. 1500 = 15 s. */
  forward_delay?: number;
  hello_time?: number;
  max_age?: number;
  /** Centiseconds (clock_t), e.g. 30000 = 300 s. */
  ageing_time?: number;
  priority?: number;
  /** Needs CONFIG_BRIDGE_VLAN_FILTERING in the kernel (EOPNOTSUPP otherwise). */
  vlan_filtering?: number | boolean;
  /** '802.1Q' or '802.1ad'. */
  vlan_protocol?: '802.1Q' | '802.1ad' | number;
  vlan_default_pvid?: number;
  group_fwd_mask?: number;
  group_address?: string;
  mcast_snooping?: number | boolean;
  mcast_querier?: number | boolean;
  nf_call_iptables?: number | boolean;
  nf_call_ip6tables?: number | boolean;
  nf_call_arptables?: number | boolean;
}

const SAME = ['forward_delay', 'hello_time', 'max_age', 'ageing_time', 'stp_state', 'priority', 'vlan_filtering',
  'vlan_default_pvid', 'group_fwd_mask', 'mcast_snooping', 'mcast_querier', 'nf_call_iptables', 'nf_call_ip6tables', 'nf_call_arptables'] as const;

// More IFLA_BR_* that ip names as the kernel does.
const SAME_TOO = ['mcast_router', 'mcast_query_use_ifaddr', 'mcast_hash_elasticity', 'mcast_hash_max', 'vlan_stats_enabled',
  'mcast_stats_enabled', 'mcast_igmp_version', 'mcast_mld_version', 'vlan_stats_per_port'] as const;
// ip's words for the IFLA_BR_* it names otherwise (counts and intervals; intervals in clock_t, sent as given).
const IP_WORDS: Readonly<Record<string, string>> = {
  mcast_last_member_count: 'mcast_last_member_cnt', mcast_startup_query_count: 'mcast_startup_query_cnt',
  mcast_last_member_interval: 'mcast_last_member_intvl', mcast_membership_interval: 'mcast_membership_intvl',
  mcast_querier_interval: 'mcast_querier_intvl', mcast_query_interval: 'mcast_query_intvl',
  mcast_query_response_interval: 'mcast_query_response_intvl', mcast_startup_query_interval: 'mcast_startup_query_intvl',
};

registerKind({
  kind: 'bridge',
  data: bridgeAttrs,
  slaveData: bridgePortAttrs,
  options: [...SAME, ...SAME_TOO, ...Object.keys(IP_WORDS), 'vlan_protocol', 'group_address', 'fdb_flush', 'no_linklocal_learn', 'mcast_vlan_snooping'],
  infoData(o) {
    const d = fromTable(bridgeAttrs, o, [...SAME, ...SAME_TOO], 'bridge');
    const renamed = Object.fromEntries(Object.entries(IP_WORDS).filter(([w]) => o[w] !== undefined).map(([w, k]) => [k, o[w]]));
    Object.assign(d, fromTable(bridgeAttrs, renamed, Object.values(IP_WORDS), 'bridge'));
    if (o.fdb_flush) d.fdb_flush = true;
    // IFLA_BR_MULTI_BOOLOPT: BR_BOOLOPT_NO_LL_LEARN (bit 0), BR_BOOLOPT_MCAST_VLAN_SNOOPING (bit 1), as ip sends them.
    const bits: [string, number][] = [['no_linklocal_learn', 1], ['mcast_vlan_snooping', 2]];
    let optval = 0;
    let optmask = 0;
    for (const [k, bit] of bits) {
      if (o[k] === undefined) continue;
      optmask |= bit;
      if (uintOpt(`bridge ${k}`, typeof o[k] === 'boolean' ? Number(o[k]) : o[k], 1)) optval |= bit;
    }
    if (optmask) d.multi_boolopt = { optval, optmask };
    if (o.vlan_protocol !== undefined) d.vlan_protocol = enumOpt('bridge vlan_protocol', o.vlan_protocol, { '802.1Q': 0x8100, '802.1ad': 0x88a8 });
    if (o.group_address !== undefined) Object.assign(d, fromTable(bridgeAttrs, { group_addr: o.group_address }, ['group_addr'], 'bridge'));
    return d;
  },
});

/** The port options `link.set({ dev, kind: 'bridge_slave', ... })` takes: IFLA_BRPORT_* keys (booleans for the on/off ones). */
export const BRIDGE_SLAVE_OPTIONS = ['state', 'priority', 'cost', 'mode', 'guard', 'protect', 'fast_leave', 'learning',
  'unicast_flood', 'proxyarp', 'proxyarp_wifi', 'multicast_router', 'mcast_flood', 'mcast_to_ucast', 'vlan_tunnel',
  'bcast_flood', 'group_fwd_mask', 'neigh_suppress', 'isolated', 'backup_port', 'flush', 'locked'] as const;

/**
 * IFLA_INFO_SLAVE_DATA of a bridge port change (`ip link set DEV type bridge_slave ...`), encoded
 * here because ip names no IFLA_INFO_SLAVE_KIND (it sends IFLA_INFO_KIND "bridge_slave") for the
 * link table to pick the codec by; the kernel takes the port attributes by the device's master.
 * `backup_port` is an ifindex (0 clears it, ip's `nobackup_port`).
 */
export function bridgeSlaveData(o: Record<string, unknown>): Buffer {
  const opts: Record<string, unknown> = {};
  for (const k of BRIDGE_SLAVE_OPTIONS) {
    const v = o[k];
    if (v !== undefined) opts[k] = typeof v === 'boolean' && k !== 'flush' ? Number(v) : v;
  }
  const w = new Writer(64);
  bridgePortAttrs.encode(w, fromTable(bridgePortAttrs, opts, BRIDGE_SLAVE_OPTIONS, 'bridge_slave') as never, 'bridge_slave');
  return Buffer.from(w.buf.subarray(0, w.len));
}
