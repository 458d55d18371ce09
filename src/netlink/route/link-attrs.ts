/**
 * The link attribute family (linux/if_link.h IFLA_*): the RTM_*LINK body is struct ifinfomsg
 * followed by these attributes. Keys are the lowercased kernel suffixes.
 */

import { defineAttrs, headed, nested, type AttrsOf } from '../attrs.js';
import { bareString, bytes, counters, cstring, ifnameString, ip, LITTLE_ENDIAN, mac, s32, struct, u8, u16, u32, uint, u64Exact, writeU64, type Codec } from '../codecs.js';
import { DecodeError } from '../errors.js';
import { registerMessage } from '../message.js';
import * as K from './constants.js';
import { ifinfomsg, type IfInfoMsg } from './headers.js';
import { kindDataCodec, kindSlaveDataCodec } from './kinds/registry.js';

/** struct rtnl_link_stats64 field names, in order (the kernel appends new ones at the end). */
export const STATS_FIELDS = [
  'rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_errors', 'tx_errors', 'rx_dropped', 'tx_dropped',
  'multicast', 'collisions', 'rx_length_errors', 'rx_over_errors', 'rx_crc_errors', 'rx_frame_errors',
  'rx_fifo_errors', 'rx_missed_errors', 'tx_aborted_errors', 'tx_carrier_errors', 'tx_fifo_errors',
  'tx_heartbeat_errors', 'tx_window_errors', 'rx_compressed', 'tx_compressed', 'rx_nohandler', 'rx_otherhost_dropped',
] as const;

/** struct rtnl_link_ifmap. */
const ifmap = struct('rtnl_link_ifmap', [
  ['mem_start', 'u64'], ['mem_end', 'u64'], ['base_addr', 'u64'], ['irq', 'u16'], ['dma', 'u8'], ['port', 'u8'], ['pad', 'pad16'], ['pad', 'pad16'],
] as const);

const linkInfoSpec = {
  [K.IFLA_INFO_KIND]: { key: 'kind', codec: bareString },
  [K.IFLA_INFO_DATA]: { key: 'data', codec: bytes, select: { on: 'kind', codec: kindDataCodec, label: (k: unknown) => `data(${String(k)})` } },
  [K.IFLA_INFO_XSTATS]: { key: 'xstats', codec: bytes },
  [K.IFLA_INFO_SLAVE_KIND]: { key: 'slave_kind', codec: bareString },
  [K.IFLA_INFO_SLAVE_DATA]: { key: 'slave_data', codec: bytes, select: { on: 'slave_kind', codec: kindSlaveDataCodec, label: (k: unknown) => `slave_data(${String(k)})` } },
} as const;
/** IFLA_LINKINFO: the kind and its kind-specific data. */
export const linkInfoAttrs = defineAttrs('linkinfo', linkInfoSpec);
/** Decoded IFLA_LINKINFO. */
export type LinkInfo = AttrsOf<typeof linkInfoSpec>;

/**
 * A payload that is an array of host-order u32 (width 4) or u64 (width 8) values, as numbers;
 * a u64 above 2^53 as a bigint, so every value decodes exactly (u64Exact).
 */
function numbers(name: string, width: 4): Codec<number[]>;
function numbers(name: string, width: 8): Codec<(number | bigint)[]>;
function numbers(name: string, width: 4 | 8): Codec<(number | bigint)[]> {
  return {
    name,
    write: (w, v) => {
      const off = w.reserve(v.length * width);
      v.forEach((x, i) => {
        if (width === 4) w.buf.writeUInt32LE(Number(x) >>> 0, off + i * 4);
        else writeU64(w.buf, x, off + i * 8);
      });
    },
    read: (b, path) => readAt(b, 0, b.length, path),
    readAt,
  };

  function readAt(b: Buffer, off: number, len: number, path: string): (number | bigint)[] {
    if (len % width) throw new DecodeError(path, `${name} needs a multiple of ${width} bytes, got ${len}`);
    const n = len / 4;
    const out = new Array<number | bigint>(len / width);
    // A Uint32Array view (when aligned, as netlink attributes are) reads ~200 values per link
    // without a call each.
    if ((b.byteOffset + off) % 4 === 0 && LITTLE_ENDIAN) {
      const u = new Uint32Array(b.buffer, b.byteOffset + off, n);
      if (width === 4) for (let i = 0; i < n; i++) out[i] = u[i]!;
      else for (let i = 0, j = 0; i < n; i += 2, j++) out[j] = u[i + 1] === 0 ? u[i]! : u64Exact(u[i]!, u[i + 1]!);
      return out;
    }
    if (width === 4) for (let i = 0; i < n; i++) out[i] = b.readUInt32LE(off + i * 4);
    else for (let i = 0, j = 0; i < n; i += 2, j++) out[j] = u64Exact(b.readUInt32LE(off + i * 4), b.readUInt32LE(off + i * 4 + 4));
    return out;
  }
}

/** IFLA_AF_SPEC / AF_INET: the device's IPv4 sysctls (IPV4_DEVCONF_* values, index = id - 1). */
export const afInetAttrs = defineAttrs('inet', {
  [K.IFLA_INET_CONF]: { key: 'conf', codec: numbers('ipv4_devconf', 4) },
});

/** struct ifla_cacheinfo. */
const ifla6Cacheinfo = struct('ifla_cacheinfo', [
  ['max_reasm_len', 'u32'], ['tstamp', 'u32'], ['reachable_time', 'u32'], ['retrans_time', 'u32'],
] as const);

/** IFLA_AF_SPEC / AF_INET6: IPv6 state of the device. addr_gen_mode: 0 eui64, 1 none, 2 stable_privacy, 3 random. */
export const afInet6Attrs = defineAttrs('inet6', {
  [K.IFLA_INET6_FLAGS]: { key: 'flags', codec: u32 },
  [K.IFLA_INET6_CONF]: { key: 'conf', codec: numbers('ipv6_devconf', 4) },
  [K.IFLA_INET6_STATS]: { key: 'stats', codec: numbers('ipstats', 8) },
  [K.IFLA_INET6_MCAST]: { key: 'mcast', codec: bytes },
  [K.IFLA_INET6_CACHEINFO]: { key: 'cacheinfo', codec: ifla6Cacheinfo },
  [K.IFLA_INET6_ICMP6STATS]: { key: 'icmp6stats', codec: numbers('icmp6stats', 8) },
  [K.IFLA_INET6_TOKEN]: { key: 'token', codec: ip },
  [K.IFLA_INET6_ADDR_GEN_MODE]: { key: 'addr_gen_mode', codec: u8 },
  [K.IFLA_INET6_RA_MTU]: { key: 'ra_mtu', codec: u32 },
});

/** IFLA_AF_SPEC: per address family nests, keyed by the family number (AF_INET, AF_INET6; others raw). */
export const afSpecAttrs = defineAttrs('af_spec', {
  [K.AF_INET]: { key: 'inet', codec: nested(() => afInetAttrs) },
  [K.AF_INET6]: { key: 'inet6', codec: nested(() => afInet6Attrs) },
  [K.AF_BRIDGE]: { key: 'bridge', codec: bytes },
  [K.AF_MPLS]: { key: 'mpls', codec: bytes },
});

/** IFLA_PROP_LIST: alternative names (iproute2 and the kernel set NLA_F_NESTED on it). */
export const propListAttrs = defineAttrs('prop_list', {
  [K.IFLA_ALT_IFNAME]: { key: 'alt_ifname', codec: cstring, multi: true },
});

/** Link attributes (IFLA_*), in kernel-number order. */
export const linkAttrs = defineAttrs('link', {
  [K.IFLA_ADDRESS]: { key: 'address', codec: mac },
  [K.IFLA_BROADCAST]: { key: 'broadcast', codec: mac },
  [K.IFLA_IFNAME]: { key: 'ifname', codec: ifnameString },
  [K.IFLA_MTU]: { key: 'mtu', codec: u32 },
  [K.IFLA_LINK]: { key: 'link', codec: u32 },
  [K.IFLA_QDISC]: { key: 'qdisc', codec: cstring },
  [K.IFLA_STATS]: { key: 'stats', codec: counters('rtnl_link_stats', STATS_FIELDS, 4) },
  [K.IFLA_COST]: { key: 'cost', codec: u32 },
  [K.IFLA_PRIORITY]: { key: 'priority', codec: u32 },
  [K.IFLA_MASTER]: { key: 'master', codec: u32 },
  [K.IFLA_WIRELESS]: { key: 'wireless', codec: bytes },
  [K.IFLA_PROTINFO]: { key: 'protinfo', codec: bytes },
  [K.IFLA_TXQLEN]: { key: 'txqlen', codec: u32 },
  [K.IFLA_MAP]: { key: 'map', codec: ifmap },
  [K.IFLA_WEIGHT]: { key: 'weight', codec: u32 },
  [K.IFLA_OPERSTATE]: { key: 'operstate', codec: u8 },
  [K.IFLA_LINKMODE]: { key: 'linkmode', codec: u8 },
  [K.IFLA_LINKINFO]: { key: 'linkinfo', codec: nested(() => linkInfoAttrs) },
  [K.IFLA_NET_NS_PID]: { key: 'net_ns_pid', codec: u32 },
  [K.IFLA_IFALIAS]: { key: 'ifalias', codec: bareString },
  [K.IFLA_NUM_VF]: { key: 'num_vf', codec: u32 },
  [K.IFLA_VFINFO_LIST]: { key: 'vfinfo_list', codec: bytes },
  [K.IFLA_STATS64]: { key: 'stats64', codec: counters('rtnl_link_stats64', STATS_FIELDS, 8) },
  [K.IFLA_VF_PORTS]: { key: 'vf_ports', codec: bytes },
  [K.IFLA_PORT_SELF]: { key: 'port_self', codec: bytes },
  [K.IFLA_AF_SPEC]: { key: 'af_spec', codec: nested(() => afSpecAttrs) },
  [K.IFLA_GROUP]: { key: 'group', codec: u32 },
  [K.IFLA_NET_NS_FD]: { key: 'net_ns_fd', codec: u32 },
  [K.IFLA_EXT_MASK]: { key: 'ext_mask', codec: u32 },
  [K.IFLA_PROMISCUITY]: { key: 'promiscuity', codec: u32 },
  [K.IFLA_NUM_TX_QUEUES]: { key: 'num_tx_queues', codec: u32 },
  [K.IFLA_NUM_RX_QUEUES]: { key: 'num_rx_queues', codec: u32 },
  [K.IFLA_CARRIER]: { key: 'carrier', codec: u8 },
  [K.IFLA_PHYS_PORT_ID]: { key: 'phys_port_id', codec: bytes },
  [K.IFLA_CARRIER_CHANGES]: { key: 'carrier_changes', codec: u32 },
  [K.IFLA_PHYS_SWITCH_ID]: { key: 'phys_switch_id', codec: bytes },
  [K.IFLA_LINK_NETNSID]: { key: 'link_netnsid', codec: s32 },
  [K.IFLA_PHYS_PORT_NAME]: { key: 'phys_port_name', codec: cstring },
  [K.IFLA_PROTO_DOWN]: { key: 'proto_down', codec: u8 },
  [K.IFLA_GSO_MAX_SEGS]: { key: 'gso_max_segs', codec: u32 },
  [K.IFLA_GSO_MAX_SIZE]: { key: 'gso_max_size', codec: u32 },
  [K.IFLA_PAD]: { key: 'pad', codec: bytes },
  [K.IFLA_XDP]: { key: 'xdp', codec: bytes },
  [K.IFLA_EVENT]: { key: 'event', codec: u32 },
  [K.IFLA_NEW_NETNSID]: { key: 'new_netnsid', codec: s32 },
  [K.IFLA_IF_NETNSID]: { key: 'target_netnsid', codec: s32 },
  [K.IFLA_CARRIER_UP_COUNT]: { key: 'carrier_up_count', codec: u32 },
  [K.IFLA_CARRIER_DOWN_COUNT]: { key: 'carrier_down_count', codec: u32 },
  [K.IFLA_NEW_IFINDEX]: { key: 'new_ifindex', codec: s32 },
  [K.IFLA_MIN_MTU]: { key: 'min_mtu', codec: u32 },
  [K.IFLA_MAX_MTU]: { key: 'max_mtu', codec: u32 },
  [K.IFLA_PROP_LIST]: { key: 'prop_list', codec: nested(() => propListAttrs), nestFlag: true },
  [K.IFLA_ALT_IFNAME]: { key: 'alt_ifname', codec: cstring },
  [K.IFLA_PERM_ADDRESS]: { key: 'perm_address', codec: mac },
  [K.IFLA_PROTO_DOWN_REASON]: { key: 'proto_down_reason', codec: bytes },
  [K.IFLA_PARENT_DEV_NAME]: { key: 'parent_dev_name', codec: cstring },
  [K.IFLA_PARENT_DEV_BUS_NAME]: { key: 'parent_dev_bus_name', codec: cstring },
  [K.IFLA_GRO_MAX_SIZE]: { key: 'gro_max_size', codec: u32 },
  [K.IFLA_TSO_MAX_SIZE]: { key: 'tso_max_size', codec: u32 },
  [K.IFLA_TSO_MAX_SEGS]: { key: 'tso_max_segs', codec: u32 },
  [K.IFLA_ALLMULTI]: { key: 'allmulti', codec: u32 },
  // Newer than the uapi headers this was written against (kernel 6.18 has them).
  62: { key: 'devlink_port', codec: bytes },
  63: { key: 'gso_ipv4_max_size', codec: u32 },
  64: { key: 'gro_ipv4_max_size', codec: u32 },
  65: { key: 'dpll_pin', codec: bytes },
  66: { key: 'max_pacing_offload_horizon', codec: uint },
  67: { key: 'netns_immutable', codec: u8 },
  68: { key: 'headroom', codec: u16 },
  69: { key: 'tailroom', codec: u16 },
});

/** Decoded link attributes. */
export type LinkAttrs = ReturnType<typeof linkAttrs.decode>;

/** The RTM_NEWLINK/DELLINK/GETLINK/SETLINK body: ifinfomsg + link attributes. */
export const linkBody = headed(ifinfomsg, () => linkAttrs);

/** A decoded link message. */
export interface LinkMessage {
  header: IfInfoMsg;
  attrs: LinkAttrs;
}

registerMessage(K.RTM_NEWLINK, 'RTM_NEWLINK', linkBody);
registerMessage(K.RTM_DELLINK, 'RTM_DELLINK', linkBody);
registerMessage(K.RTM_GETLINK, 'RTM_GETLINK', linkBody);
registerMessage(K.RTM_SETLINK, 'RTM_SETLINK', linkBody);
