/**
 * The route attribute family (linux/rtnetlink.h RTA_*, RTAX_*, struct rtnexthop, struct
 * rtvia, struct rta_cacheinfo, struct rta_mfc_stats): the RTM_*ROUTE body is struct rtmsg
 * followed by these attributes. Keys are the lowercased kernel suffixes.
 */

import { defineAttrs, headed, nested, type AttrsOf } from '../attrs.js';
import { be16, bytes, cstring, ip, struct, u8, u16, u32, uint, type Codec } from '../codecs.js';
import { DecodeError } from '../errors.js';
import { formatIP, parseIP } from '../inet.js';
import { registerMessage } from '../message.js';
import * as K from './constants.js';
import { rtmsg, type RtMsg } from './headers.js';

/** struct rta_cacheinfo (RTA_CACHEINFO). */
export const rtaCacheinfo = struct('rta_cacheinfo', [
  ['clntref', 'u32'], ['lastuse', 'u32'], ['expires', 's32'], ['error', 'u32'],
  ['used', 'u32'], ['id', 'u32'], ['ts', 'u32'], ['tsage', 'u32'],
] as const);

/** struct rta_mfc_stats (RTA_MFC_STATS). */
export const rtaMfcStats = struct('rta_mfc_stats', [
  ['mfcs_packets', 'u64'], ['mfcs_bytes', 'u64'], ['mfcs_wrong_if', 'u64'],
] as const);

/** RTA_VIA: a gateway of another family than the route (struct rtvia: u16 family + address). */
export interface Via {
  family: number;
  /** The address as text (IPv4/IPv6), or hex pairs for other lengths. */
  addr: string;
  /**
   * The address bytes, when they are neither 4 nor 16 (the kernel takes any length for families
   * it has no table for): encoded as given, so such an address round-trips; `addr` then only
   * displays them.
   */
  raw?: Buffer;
}

/** Codec for struct rtvia. */
export const via: Codec<Via> = {
  name: 'rtvia',
  write: (w, v, path) => {
    const a = v.raw ?? parseIP(v.addr);
    if (!a) throw new RangeError(`${path}: not an IP address: ${JSON.stringify(v.addr)}`);
    const off = w.reserve(2);
    w.buf.writeUInt16LE(v.family, off);
    w.bytes(a);
  },
  read: (b, path) => {
    if (b.length < 2) throw new DecodeError(path, `rtvia needs at least 2 bytes, got ${b.length}`);
    const a = b.subarray(2);
    if (a.length === 4 || a.length === 16) return { family: b.readUInt16LE(0), addr: formatIP(a) };
    return { family: b.readUInt16LE(0), addr: formatIP(a), raw: Buffer.from(a) };
  },
};

/** RTA_METRICS: RTAX_* values (RTAX_LOCK is a bitmask of locked metrics, 1 << RTAX_x). */
export const metricsAttrs = defineAttrs('metrics', {
  [K.RTAX_LOCK]: { key: 'lock', codec: u32 },
  [K.RTAX_MTU]: { key: 'mtu', codec: u32 },
  [K.RTAX_WINDOW]: { key: 'window', codec: u32 },
  [K.RTAX_RTT]: { key: 'rtt', codec: u32 },
  [K.RTAX_RTTVAR]: { key: 'rttvar', codec: u32 },
  [K.RTAX_SSTHRESH]: { key: 'ssthresh', codec: u32 },
  [K.RTAX_CWND]: { key: 'cwnd', codec: u32 },
  [K.RTAX_ADVMSS]: { key: 'advmss', codec: u32 },
  [K.RTAX_REORDERING]: { key: 'reordering', codec: u32 },
  [K.RTAX_HOPLIMIT]: { key: 'hoplimit', codec: u32 },
  [K.RTAX_INITCWND]: { key: 'initcwnd', codec: u32 },
  [K.RTAX_FEATURES]: { key: 'features', codec: u32 },
  [K.RTAX_RTO_MIN]: { key: 'rto_min', codec: u32 },
  [K.RTAX_INITRWND]: { key: 'initrwnd', codec: u32 },
  [K.RTAX_QUICKACK]: { key: 'quickack', codec: u32 },
  [K.RTAX_CC_ALGO]: { key: 'cc_algo', codec: cstring },
  [K.RTAX_FASTOPEN_NO_COOKIE]: { key: 'fastopen_no_cookie', codec: u32 },
});
/** Decoded route metrics. */
export type RouteMetrics = ReturnType<typeof metricsAttrs.decode>;

/** One next hop of RTA_MULTIPATH: struct rtnexthop, then the hop's own RTA_* attributes. */
export interface Nexthop {
  /** RTNH_F_* flags. */
  flags: number;
  /** Weight minus one (ip's `weight 2` is hops 1). */
  hops: number;
  /** Outgoing device, 0 for none. */
  ifindex: number;
  /** RTA_GATEWAY, RTA_VIA, RTA_FLOW, RTA_NEWDST, RTA_ENCAP... of this hop. */
  attrs: RouteAttrs;
}

const RTNH_LEN = 8;

/** Codec for RTA_MULTIPATH: a packed list of rtnexthop, each 4-aligned and carrying its length. */
export const multipath: Codec<Nexthop[]> = {
  name: 'multipath',
  write: (w, hops, path) => {
    hops.forEach((h, i) => {
      const start = w.reserve(RTNH_LEN);
      w.buf.writeUInt8(h.flags ?? 0, start + 2);
      w.buf.writeUInt8(h.hops ?? 0, start + 3);
      w.buf.writeInt32LE(h.ifindex ?? 0, start + 4);
      routeAttrs.encode(w, h.attrs ?? {}, `${path}[${i}]`);
      w.buf.writeUInt16LE(w.len - start, start);
      w.pad();
    });
  },
  read: (b, path) => {
    const out: Nexthop[] = [];
    let off = 0;
    while (off + RTNH_LEN <= b.length) {
      const len = b.readUInt16LE(off);
      const p = `${path}[${out.length}]`;
      if (len < RTNH_LEN || off + len > b.length) throw new DecodeError(p, `rtnexthop length ${len} at offset ${off} does not fit ${b.length - off} bytes`);
      out.push({
        flags: b.readUInt8(off + 2), hops: b.readUInt8(off + 3), ifindex: b.readInt32LE(off + 4),
        attrs: routeAttrs.decode(b.subarray(off + RTNH_LEN, off + len), p),
      });
      off += (len + 3) & ~3;
    }
    if (off < b.length && b.length - off >= RTNH_LEN) throw new DecodeError(path, `stray bytes at offset ${off}`);
    return out;
  },
};

const routeSpec = {
  [K.RTA_DST]: { key: 'dst', codec: ip },
  [K.RTA_SRC]: { key: 'src', codec: ip },
  [K.RTA_IIF]: { key: 'iif', codec: u32 },
  [K.RTA_OIF]: { key: 'oif', codec: u32 },
  [K.RTA_GATEWAY]: { key: 'gateway', codec: ip },
  [K.RTA_PRIORITY]: { key: 'priority', codec: u32 },
  [K.RTA_PREFSRC]: { key: 'prefsrc', codec: ip },
  [K.RTA_METRICS]: { key: 'metrics', codec: nested(() => metricsAttrs) },
  [K.RTA_MULTIPATH]: { key: 'multipath', codec: multipath },
  [K.RTA_FLOW]: { key: 'flow', codec: u32 },
  [K.RTA_CACHEINFO]: { key: 'cacheinfo', codec: rtaCacheinfo },
  [K.RTA_TABLE]: { key: 'table', codec: u32 },
  [K.RTA_MARK]: { key: 'mark', codec: u32 },
  [K.RTA_MFC_STATS]: { key: 'mfc_stats', codec: rtaMfcStats },
  [K.RTA_VIA]: { key: 'via', codec: via },
  [K.RTA_NEWDST]: { key: 'newdst', codec: bytes },
  [K.RTA_PREF]: { key: 'pref', codec: u8 },
  [K.RTA_ENCAP_TYPE]: { key: 'encap_type', codec: u16 },
  [K.RTA_ENCAP]: { key: 'encap', codec: bytes },
  // u32 when set (rtm_ipv6_policy); ipmr reports a u64 (nla_put_u64_64bit), hence uint.
  [K.RTA_EXPIRES]: { key: 'expires', codec: uint },
  [K.RTA_PAD]: { key: 'pad', codec: bytes },
  [K.RTA_UID]: { key: 'uid', codec: u32 },
  [K.RTA_TTL_PROPAGATE]: { key: 'ttl_propagate', codec: u8 },
  [K.RTA_IP_PROTO]: { key: 'ip_proto', codec: u8 },
  [K.RTA_SPORT]: { key: 'sport', codec: be16 },
  [K.RTA_DPORT]: { key: 'dport', codec: be16 },
  [K.RTA_NH_ID]: { key: 'nh_id', codec: u32 },
} as const;

/** Route attributes (RTA_*), in kernel-number order. */
export const routeAttrs = defineAttrs('route', routeSpec);
/** Decoded route attributes. */
export type RouteAttrs = AttrsOf<typeof routeSpec>;

/** The RTM_NEWROUTE/DELROUTE/GETROUTE body: rtmsg + route attributes. */
export const routeBody = headed(rtmsg, () => routeAttrs);

/** A decoded route message. */
export interface RouteMessage {
  header: RtMsg;
  attrs: RouteAttrs;
}

registerMessage(K.RTM_NEWROUTE, 'RTM_NEWROUTE', routeBody);
registerMessage(K.RTM_DELROUTE, 'RTM_DELROUTE', routeBody);
registerMessage(K.RTM_GETROUTE, 'RTM_GETROUTE', routeBody);
