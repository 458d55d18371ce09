/** vxlan (linux/if_link.h IFLA_VXLAN_*): VXLAN tunnels. Ports and the flow label are network order. */

import { defineAttrs } from '../../attrs.js';
import { be16, be32, bytes, flag, ip, struct, u8, u32, type Codec } from '../../codecs.js';
import { DecodeError, UsageError } from '../../errors.js';
import * as K from '../constants.js';
import { boolOpt, enumOpt, fromTable, ipOpt, uintOpt } from './options.js';
import { registerKind } from './registry.js';

/** struct ifla_vxlan_port_range: source port range, network order. */
const portRange = struct('ifla_vxlan_port_range', [['low', 'be16'], ['high', 'be16']] as const);

/**
 * IFLA_VXLAN_TTL_INHERIT: the kernel's policy is NLA_FLAG (ip sends it empty), but 6.18 reports it
 * as a u8 0/1. Decodes either; encodes true as the empty flag and false as a u8 0 (which the
 * kernel's policy would refuse: leave it out instead).
 */
const flagOrU8: Codec<boolean> = {
  name: 'flag|u8',
  write: (w, v) => { if (!v) w.buf.writeUInt8(0, w.reserve(1)); },
  read: (b, path) => {
    if (b.length === 0) return true;
    if (b.length === 1) return b[0] !== 0;
    throw new DecodeError(path, `flag|u8 needs 0 or 1 bytes, got ${b.length}`);
  },
};

/** IFLA_INFO_DATA of a vxlan (IFLA_VXLAN_*), in kernel-number order. */
export const vxlanAttrs = defineAttrs('vxlan', {
  [K.IFLA_VXLAN_ID]: { key: 'id', codec: u32 },
  [K.IFLA_VXLAN_GROUP]: { key: 'group', codec: ip },
  [K.IFLA_VXLAN_LINK]: { key: 'link', codec: u32 },
  [K.IFLA_VXLAN_LOCAL]: { key: 'local', codec: ip },
  [K.IFLA_VXLAN_TTL]: { key: 'ttl', codec: u8 },
  [K.IFLA_VXLAN_TOS]: { key: 'tos', codec: u8 },
  [K.IFLA_VXLAN_LEARNING]: { key: 'learning', codec: u8 },
  [K.IFLA_VXLAN_AGEING]: { key: 'ageing', codec: u32 },
  [K.IFLA_VXLAN_LIMIT]: { key: 'limit', codec: u32 },
  [K.IFLA_VXLAN_PORT_RANGE]: { key: 'port_range', codec: portRange },
  [K.IFLA_VXLAN_PROXY]: { key: 'proxy', codec: u8 },
  [K.IFLA_VXLAN_RSC]: { key: 'rsc', codec: u8 },
  [K.IFLA_VXLAN_L2MISS]: { key: 'l2miss', codec: u8 },
  [K.IFLA_VXLAN_L3MISS]: { key: 'l3miss', codec: u8 },
  [K.IFLA_VXLAN_PORT]: { key: 'port', codec: be16 },
  [K.IFLA_VXLAN_GROUP6]: { key: 'group6', codec: ip },
  [K.IFLA_VXLAN_LOCAL6]: { key: 'local6', codec: ip },
  [K.IFLA_VXLAN_UDP_CSUM]: { key: 'udp_csum', codec: u8 },
  [K.IFLA_VXLAN_UDP_ZERO_CSUM6_TX]: { key: 'udp_zero_csum6_tx', codec: u8 },
  [K.IFLA_VXLAN_UDP_ZERO_CSUM6_RX]: { key: 'udp_zero_csum6_rx', codec: u8 },
  [K.IFLA_VXLAN_REMCSUM_TX]: { key: 'remcsum_tx', codec: u8 },
  [K.IFLA_VXLAN_REMCSUM_RX]: { key: 'remcsum_rx', codec: u8 },
  [K.IFLA_VXLAN_GBP]: { key: 'gbp', codec: flag },
  [K.IFLA_VXLAN_REMCSUM_NOPARTIAL]: { key: 'remcsum_nopartial', codec: flag },
  [K.IFLA_VXLAN_COLLECT_METADATA]: { key: 'collect_metadata', codec: u8 },
  [K.IFLA_VXLAN_LABEL]: { key: 'label', codec: be32 },
  [K.IFLA_VXLAN_GPE]: { key: 'gpe', codec: flag },
  [K.IFLA_VXLAN_TTL_INHERIT]: { key: 'ttl_inherit', codec: flagOrU8 },
  [K.IFLA_VXLAN_DF]: { key: 'df', codec: u8 },
  [K.IFLA_VXLAN_VNIFILTER]: { key: 'vnifilter', codec: u8 },
  // Newer than the uapi headers the constants came from (6.18 knows them).
  31: { key: 'localbypass', codec: u8 },
  32: { key: 'label_policy', codec: u32 },
  33: { key: 'reserved_bits', codec: bytes },
  34: { key: 'mc_route', codec: u8 },
});

/** `ip link add NAME type vxlan id VNI [dstport P] [local A] [remote A | group A] [dev D] [ttl N] [nolearning]`. */
export interface VxlanOptions {
  kind: 'vxlan';
  /** The VNI (0..16777215). Required. */
  id: number;
  /** UDP destination port (ip's `dstport`; `port` is accepted too). The kernel defaults to 8472. */
  dstport?: number;
  port?: number;
  /** Source port range, as ip's `srcport LOW HIGH`. */
  srcport?: [number, number];
  local?: string;
  /** Unicast remote VTEP (IFLA_VXLAN_GROUP/GROUP6, as ip sends it). */
  remote?: string;
  /** Multicast group (needs `dev`). */
  group?: string;
  /** The underlying device, by name or ifindex. */
  dev?: string | number;
  /** 0 (ip's `ttl auto`) .. 255, or 'inherit'. */
  ttl?: number | 'inherit';
  tos?: number;
  /** false: ip's `nolearning`. */
  learning?: boolean;
  /** FDB ageing, seconds. */
  ageing?: number;
  /** Max FDB entries. */
  maxaddress?: number;
  proxy?: boolean;
  l2miss?: boolean;
  l3miss?: boolean;
  udpcsum?: boolean;
  external?: boolean;
  df?: 'unset' | 'set' | 'inherit';
}

const ADDR_KEYS = ['local', 'remote', 'group'] as const;

registerKind({
  kind: 'vxlan',
  data: vxlanAttrs,
  options: ['id', 'dstport', 'port', 'srcport', ...ADDR_KEYS, 'dev', 'ttl', 'tos', 'learning', 'ageing', 'maxaddress',
    'proxy', 'l2miss', 'l3miss', 'udpcsum', 'external', 'df', 'rsc', 'udp6zerocsumtx', 'udp6zerocsumrx', 'remcsumtx', 'remcsumrx',
    'gbp', 'gpe', 'flowlabel', 'vnifilter'],
  infoData(o, ctx) {
    const d: Record<string, unknown> = {};
    // A change names what changes (ip's `link set vx0 type vxlan ttl 64`); a create needs the VNI.
    if (o.id === undefined && !o.external && !ctx.change) throw new UsageError('vxlan needs an id (VNI), or external');
    if (o.id !== undefined) d.id = uintOpt('vxlan id', o.id, 0xffffff);
    if (o.remote !== undefined && o.group !== undefined) throw new UsageError('vxlan: give remote or group, not both');
    const far = o.remote ?? o.group;
    if (far !== undefined) d[ipOpt(`vxlan ${o.remote !== undefined ? 'remote' : 'group'}`, far) === 4 ? 'group' : 'group6'] = far;
    if (o.local !== undefined) d[ipOpt('vxlan local', o.local) === 4 ? 'local' : 'local6'] = o.local;
    if (o.dev !== undefined) d.link = ctx.ifindex(o.dev as string | number, 'vxlan dev');
    if (o.ttl === 'inherit') d.ttl_inherit = true;
    else if (o.ttl !== undefined) d.ttl = uintOpt('vxlan ttl', o.ttl, 255);
    if (o.dstport !== undefined && o.port !== undefined) throw new UsageError('vxlan: give dstport or port, not both');
    const port = o.dstport ?? o.port;
    if (port !== undefined) d.port = uintOpt('vxlan dstport', port, 0xffff);
    if (o.srcport !== undefined) {
      const r = o.srcport as unknown[];
      if (!Array.isArray(r) || r.length !== 2) throw new UsageError('vxlan srcport: [low, high]');
      d.port_range = { low: uintOpt('vxlan srcport low', r[0], 0xffff), high: uintOpt('vxlan srcport high', r[1], 0xffff) };
    }
    if (o.learning !== undefined) d.learning = Number(boolOpt('vxlan learning', o.learning));
    // ip creates an `external` (collect-metadata) vxlan with learning off unless told otherwise.
    else if (o.external && !ctx.change) d.learning = 0;
    if (o.maxaddress !== undefined) d.limit = uintOpt('vxlan maxaddress', o.maxaddress);
    if (o.udpcsum !== undefined) d.udp_csum = Number(boolOpt('vxlan udpcsum', o.udpcsum));
    if (o.external !== undefined) d.collect_metadata = Number(boolOpt('vxlan external', o.external));
    if (o.df !== undefined) d.df = enumOpt('vxlan df', o.df, { unset: 0, set: 1, inherit: 2 });
    // ip's words for the checksum and offload switches (u8 on/off), GBP/GPE (flags: set or left out).
    const u8Words: [string, string][] = [['rsc', 'rsc'], ['udp6zerocsumtx', 'udp_zero_csum6_tx'], ['udp6zerocsumrx', 'udp_zero_csum6_rx'],
      ['remcsumtx', 'remcsum_tx'], ['remcsumrx', 'remcsum_rx'], ['vnifilter', 'vnifilter']];
    for (const [w, k] of u8Words) if (o[w] !== undefined) d[k] = Number(boolOpt(`vxlan ${w}`, o[w]));
    if (o.gbp) d.gbp = true;
    if (o.gpe) d.gpe = true;
    if (o.flowlabel !== undefined) d.label = uintOpt('vxlan flowlabel', o.flowlabel, 0xfffff);
    return { ...d, ...fromTable(vxlanAttrs, o, ['tos', 'ageing', 'proxy', 'l2miss', 'l3miss'], 'vxlan') };
  },
});
