/**
 * The nexthop object attribute family (linux/nexthop.h NHA_*, NHA_RES_GROUP_*,
 * NHA_RES_BUCKET_*, struct nhmsg, struct nexthop_grp): the RTM_*NEXTHOP body is a struct nhmsg
 * followed by these attributes. Keys are the lowercased kernel suffixes.
 */

import { defineAttrs, headed, nested, type AttrsOf } from '../attrs.js';
import { bytes, flag, ip, struct, u16, u32, u64, type Codec } from '../codecs.js';
import { DecodeError } from '../errors.js';
import { registerMessage } from '../message.js';
import * as K from './constants.js';

/** struct nhmsg (8 bytes). */
export const nhmsg = struct('nhmsg', [
  ['family', 'u8'], ['scope', 'u8'], ['protocol', 'u8'], ['resvd', 'pad8'], ['flags', 'u32'],
] as const);
/** A decoded struct nhmsg. */
export type NhMsg = ReturnType<typeof nhmsg.read>;

/** One member of a nexthop group (struct nexthop_grp); `weight` is on the wire as ip's weight minus one. */
export interface NhGroupMember {
  id: number;
  /** Wire weight: 0-255 for ip's 1-256. */
  weight: number;
}

const GRP_LEN = 8;

/** NHA_GROUP: a packed array of struct nexthop_grp { u32 id; u8 weight; u8 resvd1; u16 resvd2 }. */
export const nhGroup: Codec<NhGroupMember[]> = {
  name: 'nexthop_grp[]',
  write: (w, members) => {
    for (const m of members) {
      const o = w.reserve(GRP_LEN);
      w.buf.writeUInt32LE(m.id >>> 0, o);
      w.buf.writeUInt8(m.weight ?? 0, o + 4);
      w.buf.writeUInt8(0, o + 5);
      w.buf.writeUInt16LE(0, o + 6);
    }
  },
  read: (b, path) => {
    if (b.length % GRP_LEN !== 0) throw new DecodeError(path, `nexthop group of ${b.length} bytes is not a whole number of ${GRP_LEN}-byte entries`);
    const out: NhGroupMember[] = [];
    for (let o = 0; o < b.length; o += GRP_LEN) out.push({ id: b.readUInt32LE(o), weight: b.readUInt8(o + 4) });
    return out;
  },
};

/** NHA_RES_GROUP: a resilient group's buckets and timers (clock_t, USER_HZ ticks). */
export const nhResGroupAttrs = defineAttrs('res_group', {
  [K.NHA_RES_GROUP_BUCKETS]: { key: 'buckets', codec: u16 },
  [K.NHA_RES_GROUP_IDLE_TIMER]: { key: 'idle_timer', codec: u32 },
  [K.NHA_RES_GROUP_UNBALANCED_TIMER]: { key: 'unbalanced_timer', codec: u32 },
  [K.NHA_RES_GROUP_UNBALANCED_TIME]: { key: 'unbalanced_time', codec: u64 },
});

/** NHA_RES_BUCKET: one bucket of a resilient group (dumps of RTM_GETNEXTHOPBUCKET). */
export const nhResBucketAttrs = defineAttrs('res_bucket', {
  [K.NHA_RES_BUCKET_INDEX]: { key: 'index', codec: u16 },
  [K.NHA_RES_BUCKET_IDLE_TIME]: { key: 'idle_time', codec: u64 },
  [K.NHA_RES_BUCKET_NH_ID]: { key: 'nh_id', codec: u32 },
});

const nhSpec = {
  [K.NHA_ID]: { key: 'id', codec: u32 },
  [K.NHA_GROUP]: { key: 'group', codec: nhGroup },
  [K.NHA_GROUP_TYPE]: { key: 'group_type', codec: u16 },
  [K.NHA_BLACKHOLE]: { key: 'blackhole', codec: flag },
  [K.NHA_OIF]: { key: 'oif', codec: u32 },
  [K.NHA_GATEWAY]: { key: 'gateway', codec: ip },
  [K.NHA_ENCAP_TYPE]: { key: 'encap_type', codec: u16 },
  [K.NHA_ENCAP]: { key: 'encap', codec: bytes },
  [K.NHA_GROUPS]: { key: 'groups', codec: flag },
  [K.NHA_MASTER]: { key: 'master', codec: u32 },
  [K.NHA_FDB]: { key: 'fdb', codec: flag },
  // iproute2 sets NLA_F_NESTED on both nests.
  [K.NHA_RES_GROUP]: { key: 'res_group', codec: nested(() => nhResGroupAttrs), nestFlag: true },
  [K.NHA_RES_BUCKET]: { key: 'res_bucket', codec: nested(() => nhResBucketAttrs), nestFlag: true },
} as const;

/** Nexthop attributes (NHA_*), in kernel-number order; newer ones (NHA_OP_FLAGS...) stay in `unknown`. */
export const nhAttrs = defineAttrs('nexthop', nhSpec);
/** Decoded nexthop attributes. */
export type NhAttrs = AttrsOf<typeof nhSpec>;

/** The RTM_NEWNEXTHOP/DELNEXTHOP/GETNEXTHOP body: nhmsg + nexthop attributes. */
export const nhBody = headed(nhmsg, () => nhAttrs);

/** A decoded nexthop message. */
export interface NhMessage {
  header: NhMsg;
  attrs: NhAttrs;
}

registerMessage(K.RTM_NEWNEXTHOP, 'RTM_NEWNEXTHOP', nhBody);
registerMessage(K.RTM_DELNEXTHOP, 'RTM_DELNEXTHOP', nhBody);
registerMessage(K.RTM_GETNEXTHOP, 'RTM_GETNEXTHOP', nhBody);
registerMessage(K.RTM_NEWNEXTHOPBUCKET, 'RTM_NEWNEXTHOPBUCKET', nhBody);
registerMessage(K.RTM_DELNEXTHOPBUCKET, 'RTM_DELNEXTHOPBUCKET', nhBody);
registerMessage(K.RTM_GETNEXTHOPBUCKET, 'RTM_GETNEXTHOPBUCKET', nhBody);
