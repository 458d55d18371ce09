/**
 * The big-endian scalars nf_tables uses for almost every number (NLA_BE32, NLA_BE64), next to
 * the host-order ones of src/netlink/codecs.ts, and nfgenmsg, the header of every nfnetlink
 * message (linux/netfilter/nfnetlink.h).
 */

import { DecodeError } from '../netlink/errors.js';
import { struct, type Codec } from '../netlink/codecs.js';

/** Signed 32-bit integer in network byte order (hook priority, verdict code). */
export const sbe32: Codec<number> = {
  name: 'sbe32',
  write: (w, v, path) => {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new RangeError(`${path}: sbe32 cannot hold ${String(v)}`);
    const o = w.reserve(4);
    w.buf.writeInt32BE(v, o);
  },
  read: (b, path) => {
    if (b.length !== 4) throw new DecodeError(path, `sbe32 needs 4 bytes, got ${b.length}`);
    return b.readInt32BE(0);
  },
};

/** Unsigned 64-bit integer in network byte order (handles, counters), as a bigint. */
export const be64: Codec<bigint> = {
  name: 'be64',
  write: (w, v, path) => {
    const x = BigInt(v);
    if (x < 0n || x > 0xffffffffffffffffn) throw new RangeError(`${path}: be64 cannot hold ${String(v)}`);
    const o = w.reserve(8);
    w.buf.writeBigUInt64BE(x, o);
  },
  read: (b, path) => {
    if (b.length !== 8) throw new DecodeError(path, `be64 needs 8 bytes, got ${b.length}`);
    return b.readBigUInt64BE(0);
  },
};

/** struct nfgenmsg { __u8 nfgen_family; __u8 version; __be16 res_id; }. */
export const nfgenmsg = struct('nfgenmsg', [['family', 'u8'], ['version', 'u8'], ['res_id', 'be16']] as const);
/** A decoded nfgenmsg. */
export type Nfgenmsg = { family: number; version: number; res_id: number };
