/**
 * Scalar attribute codecs: tiny { write, read } pairs for the payload of one attribute.
 * Every reader checks the length and names the attribute path when it is wrong.
 */

import { isUtf8 } from 'node:buffer';
import { DecodeError } from './errors.js';
import { Writer } from './writer.js';
import { formatIP, formatMac, parseIP, parseMac } from './inet.js';

/** Encodes and decodes the payload of one attribute (or one fixed header). */
export interface Codec<T> {
  /** Short type name used in error messages ('u32', 'cstring', 'nested(linkinfo)'). */
  readonly name: string;
  /** Appends the payload bytes for `value`. */
  write(w: Writer, value: T, path: string): void;
  /** Decodes a payload; `path` names the attribute for error messages. */
  read(data: Buffer, path: string): T;
}

/** The TypeScript value type a codec decodes to. */
export type ValueOf<C> = C extends Codec<infer T> ? T : never;

function fixed<T>(name: string, size: number, rd: (b: Buffer) => T, wr: (w: Writer, v: T) => void): Codec<T> {
  return {
    name,
    write: (w, v, path) => {
      try { wr(w, v); } catch (e) { throw new RangeError(`${path}: ${name} cannot hold ${String(v)}`); }
    },
    read: (b, path) => {
      if (b.length !== size) throw new DecodeError(path, `${name} needs ${size} bytes, got ${b.length}`);
      return rd(b);
    },
  };
}

function be(size: 2 | 4): (w: Writer, v: number) => void {
  return (w, v) => {
    const off = w.reserve(size);
    if (size === 2) w.buf.writeUInt16BE(v, off);
    else w.buf.writeUInt32BE(v, off);
  };
}

/** Unsigned 8-bit integer. */
export const u8 = fixed<number>('u8', 1, (b) => b.readUInt8(0), (w, v) => { const o = w.reserve(1); w.buf.writeUInt8(v, o); });
/** Unsigned 16-bit integer, host (little-endian) order. */
export const u16 = fixed<number>('u16', 2, (b) => b.readUInt16LE(0), (w, v) => { const o = w.reserve(2); w.buf.writeUInt16LE(v, o); });
/** Unsigned 32-bit integer, host order. */
export const u32 = fixed<number>('u32', 4, (b) => b.readUInt32LE(0), (w, v) => { const o = w.reserve(4); w.buf.writeUInt32LE(v, o); });
/** Signed 32-bit integer, host order. */
export const s32 = fixed<number>('s32', 4, (b) => b.readInt32LE(0), (w, v) => { const o = w.reserve(4); w.buf.writeInt32LE(v, o); });
/** Unsigned 64-bit integer, host order, as a bigint. */
export const u64 = fixed<bigint>('u64', 8, (b) => b.readBigUInt64LE(0), (w, v) => { const o = w.reserve(8); w.buf.writeBigUInt64LE(BigInt(v), o); });
/** NLA_UINT: an unsigned integer the kernel sends in 4 bytes when it fits, else 8. */
export const uint: Codec<bigint> = {
  name: 'uint',
  write: (w, v) => {
    const x = BigInt(v);
    if (x <= 0xffffffffn) { const o = w.reserve(4); w.buf.writeUInt32LE(Number(x), o); }
    else { const o = w.reserve(8); w.buf.writeBigUInt64LE(x, o); }
  },
  read: (b, path) => {
    if (b.length === 4) return BigInt(b.readUInt32LE(0));
    if (b.length === 8) return b.readBigUInt64LE(0);
    throw new DecodeError(path, `uint needs 4 or 8 bytes, got ${b.length}`);
  },
};
/** Unsigned 16-bit integer in network byte order (ports). */
export const be16 = fixed<number>('be16', 2, (b) => b.readUInt16BE(0), be(2));
/** Unsigned 32-bit integer in network byte order. */
export const be32 = fixed<number>('be32', 4, (b) => b.readUInt32BE(0), be(4));

/** A NUL-terminated string; decoding stops at the first NUL (or the end when there is none). */
export const cstring: Codec<string> = {
  name: 'cstring',
  write: (w, v) => {
    const s = Buffer.from(v, 'utf8');
    const off = w.reserve(s.length + 1);
    s.copy(w.buf, off);
  },
  read: (b) => {
    // Interface names, kinds and qdiscs are short ASCII: building them in JS skips a trip into
    // C++ (Buffer#toString) that cost more than the rest of the attribute.
    let s = '';
    for (let i = 0; i < b.length && i < 64; i++) {
      const c = b[i]!;
      if (c === 0) return s;
      if (c > 0x7f) { s = ''; break; }
      s += String.fromCharCode(c);
      if (i === b.length - 1) return s;
    }
    const nul = b.indexOf(0);
    return b.toString('utf8', 0, nul < 0 ? b.length : nul);
  },
};

/**
 * Interface names are bytes, not text: Linux takes any byte but NUL, '/', ':' and whitespace
 * (dev_valid_name), and ip can make `$'\xff\xfex'`. A name that is valid UTF-8 decodes to its text;
 * any other byte sequence decodes in the "surrogateescape" form (as Python's os.fsdecode): each
 * byte that is not part of valid UTF-8 becomes the lone surrogate U+DC00 + byte (0xff is
 * '\udcff'), which no UTF-8 text contains. encodeName() maps those back to the bytes, so a name
 * from link.list() can be passed to link.set/del and reaches the kernel byte for byte.
 */
export function decodeName(b: Buffer): string {
  if (isUtf8(b)) return b.toString('utf8');
  let out = '';
  let i = 0;
  while (i < b.length) {
    const n = utf8SeqLen(b, i);
    if (n > 0) { out += b.toString('utf8', i, i + n); i += n; } else { out += String.fromCharCode(0xdc00 + b[i]!); i++; }
  }
  return out;
}

/** The length of a valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function utf8SeqLen(b: Buffer, i: number): number {
  const c = b[i]!;
  const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  return isUtf8(b.subarray(i, i + n)) ? n : 0;
}

/** The bytes of a name decodeName() gave (or any text): lone surrogates U+DC80..U+DCFF are single bytes. */
export function encodeName(name: string): Buffer {
  if (!/[\udc80-\udcff]/.test(name)) return Buffer.from(name, 'utf8');
  const parts: Buffer[] = [];
  let run = '';
  for (const ch of name) {
    const u = ch.charCodeAt(0);
    if (ch.length === 1 && u >= 0xdc80 && u <= 0xdcff) {
      if (run) { parts.push(Buffer.from(run, 'utf8')); run = ''; }
      parts.push(Buffer.of(u - 0xdc00));
    } else run += ch;
  }
  if (run) parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/** An interface name: NUL-terminated bytes, decoded and encoded with decodeName()/encodeName(). */
export const ifnameString: Codec<string> = {
  name: 'ifname',
  write: (w, v) => {
    const s = encodeName(v);
    const off = w.reserve(s.length + 1);
    s.copy(w.buf, off);
  },
  read: (b, path) => {
    const nul = b.indexOf(0);
    const raw = nul < 0 ? b : b.subarray(0, nul);
    // Short ASCII names (nearly all) take cstring's fast path.
    for (let i = 0; i < raw.length; i++) if (raw[i]! > 0x7f) return decodeName(raw);
    return cstring.read(b, path);
  },
};

/**
 * A string written without a NUL, as iproute2 writes IFLA_INFO_KIND and IFLA_IFALIAS; decodes
 * like cstring (the kernel's replies carry the NUL). Where the kernel's policy counts the NUL
 * (IFLA_IFALIAS is NLA_BINARY of at most IFALIASZ - 1 bytes since Linux 4.13), only this form
 * reaches the limit: a 255-byte alias with its NUL is 256 bytes and refused (ERANGE).
 */
export const bareString: Codec<string> = {
  name: 'string',
  write: (w, v) => w.bytes(Buffer.from(v, 'utf8')),
  read: (b, path) => cstring.read(b, path),
};

/** Opaque bytes, copied on decode so they do not pin the receive buffer. */
export const bytes: Codec<Buffer> = {
  name: 'bytes',
  write: (w, v) => w.bytes(v),
  read: (b) => Buffer.from(b),
};

/** A zero-length attribute whose presence means true. */
export const flag: Codec<true> = {
  name: 'flag',
  write: () => {},
  read: (b, path) => {
    if (b.length !== 0) throw new DecodeError(path, `flag needs 0 bytes, got ${b.length}`);
    return true;
  },
};

/** An IPv4 or IPv6 address as text (4 or 16 bytes). */
export const ip: Codec<string> = {
  name: 'ip',
  write: (w, v, path) => {
    const b = parseIP(v);
    if (!b) throw new RangeError(`${path}: not an IP address: ${JSON.stringify(v)}`);
    w.bytes(b);
  },
  read: (b, path) => {
    if (b.length !== 4 && b.length !== 16) throw new DecodeError(path, `ip needs 4 or 16 bytes, got ${b.length}`);
    return formatIP(b);
  },
};

/** A link-layer address as lower-case hex pairs ('02:00:00:00:00:01'), any length. */
export const mac: Codec<string> = {
  name: 'mac',
  write: (w, v, path) => {
    // An empty attribute (a device without a permanent address sends IFLA_PERM_ADDRESS of 0 bytes
    // in some drivers) decodes to '' and must encode back to nothing.
    const b = v === '' ? Buffer.alloc(0) : parseMac(v);
    if (!b) throw new RangeError(`${path}: not a link-layer address: ${JSON.stringify(v)}`);
    w.bytes(b);
  },
  read: (b) => formatMac(b),
};

/** A fixed-width field of a struct layout. */
export type FieldType = 'u8' | 'u16' | 'u32' | 's32' | 'u64' | 'be16' | 'be32' | 'pad8' | 'pad16';
const FIELD_SIZE: Record<FieldType, number> = { u8: 1, u16: 2, u32: 4, s32: 4, u64: 8, be16: 2, be32: 4, pad8: 1, pad16: 2 };
type FieldValue<F> = F extends 'u64' ? bigint : number;
/** The decoded object of a struct layout (padding fields are left out). */
export type StructOf<L extends readonly (readonly [string, FieldType])[]> = {
  [E in L[number] as E[1] extends 'pad8' | 'pad16' ? never : E[0]]: FieldValue<E[1]>;
};

/** Codec for a struct with a C layout, plus `size` for callers that need to skip it. */
export interface StructCodec<T> extends Codec<T> {
  readonly size: number;
  readonly fields: readonly (readonly [string, FieldType])[];
}

/**
 * A fixed C struct of integer fields. Decoding needs at least `size` bytes (kernels append
 * fields over time; a longer payload keeps its extra bytes out of the object). Missing fields
 * encode as zero.
 */
export function struct<const L extends readonly (readonly [string, FieldType])[]>(name: string, layout: L): StructCodec<StructOf<L>> {
  const size = layout.reduce((n, [, t]) => n + FIELD_SIZE[t], 0);
  return {
    name, size, fields: layout,
    write: (w, v) => {
      const off = w.reserve(size);
      let p = off;
      const o = v as Record<string, number | bigint | undefined>;
      for (const [k, t] of layout) {
        const x = o[k] ?? 0;
        switch (t) {
          case 'u8': w.buf.writeUInt8(Number(x), p); break;
          case 'u16': w.buf.writeUInt16LE(Number(x), p); break;
          case 'u32': w.buf.writeUInt32LE(Number(x) >>> 0, p); break;
          case 's32': w.buf.writeInt32LE(Number(x) | 0, p); break;
          case 'u64': w.buf.writeBigUInt64LE(BigInt(x), p); break;
          case 'be16': w.buf.writeUInt16BE(Number(x), p); break;
          case 'be32': w.buf.writeUInt32BE(Number(x) >>> 0, p); break;
          default: break;
        }
        p += FIELD_SIZE[t];
      }
    },
    read: (b, path) => {
      if (b.length < size) throw new DecodeError(path, `${name} needs ${size} bytes, got ${b.length}`);
      const o: Record<string, number | bigint> = {};
      let p = 0;
      for (const [k, t] of layout) {
        switch (t) {
          case 'u8': o[k] = b.readUInt8(p); break;
          case 'u16': o[k] = b.readUInt16LE(p); break;
          case 'u32': o[k] = b.readUInt32LE(p); break;
          case 's32': o[k] = b.readInt32LE(p); break;
          case 'u64': o[k] = b.readBigUInt64LE(p); break;
          case 'be16': o[k] = b.readUInt16BE(p); break;
          case 'be32': o[k] = b.readUInt32BE(p); break;
          default: break;
        }
        p += FIELD_SIZE[t];
      }
      return o as StructOf<L>;
    },
  };
}

/**
 * A u64 from two host-order u32 halves: a number while exact (up to 2^53, 8 PiB of traffic),
 * a bigint above, so no value decodes to one it was not. A BigInt per counter made dumps
 * several times slower, so the common case stays a number.
 */
export function u64Exact(lo: number, hi: number): number | bigint {
  return hi < 0x200000 ? lo + hi * 0x100000000 : (BigInt(hi) << 32n) | BigInt(lo);
}

/** Writes a counter decoded by u64Exact (or any non-negative integer number/bigint) as a host-order u64. */
export function writeU64(buf: Buffer, x: number | bigint, off: number): void {
  if (typeof x === 'bigint') buf.writeBigUInt64LE(x, off);
  else { buf.writeUInt32LE(x % 0x100000000, off); buf.writeUInt32LE(Math.floor(x / 0x100000000), off + 4); }
}

/**
 * An array of fixed-size u64/u32 counters (rtnl_link_stats64 and friends). u32 fields decode
 * as numbers; u64 fields as numbers while exact and bigints above 2^53 (u64Exact).
 * The struct grows between kernel versions, so as many whole fields as were sent are decoded,
 * and ones this version has no name for keep their place as `field<N>`.
 */
export function counters<const K extends readonly string[]>(name: string, keys: K, width: 4): Codec<Partial<Record<K[number], number>>>;
export function counters<const K extends readonly string[]>(name: string, keys: K, width: 8): Codec<Partial<Record<K[number], number | bigint>>>;
export function counters<const K extends readonly string[]>(name: string, keys: K, width: 4 | 8): Codec<Partial<Record<K[number], number | bigint>>> {
  // The common case (the kernel sent no field we do not know) builds one object literal, which
  // V8 creates with a fixed shape; keyed inserts of 25 fields per link dominated dump profiles.
  // The source is made only from `keys`, which are checked to be plain identifiers.
  for (const k of keys) if (!/^[a-z_][a-z0-9_]*$/.test(k)) throw new Error(`counters: bad field name ${k}`);
  const field = (i: number) => width === 8 ? `u(b.readUInt32LE(${i * 8}), b.readUInt32LE(${i * 8 + 4}))` : `b.readUInt32LE(${i * 4})`;
  const readers = new Map<number, (b: Buffer, u: typeof u64Exact) => Record<string, number | bigint>>();
  const readFirst = (n: number) => {
    let r = readers.get(n);
    if (!r) {
      r = new Function('b', 'u', `return { ${keys.slice(0, n).map((k, i) => `${k}: ${field(i)}`).join(', ')} };`) as (b: Buffer, u: typeof u64Exact) => Record<string, number | bigint>;
      readers.set(n, r);
    }
    return r;
  };
  return {
    name,
    write: (w, v) => {
      const o = v as Record<string, number | bigint | undefined>;
      let n = 0;
      keys.forEach((k, i) => { if (o[k] !== undefined) n = i + 1; });
      while (o[`field${n}`] !== undefined) n++;
      const off = w.reserve(n * width);
      for (let i = 0; i < n; i++) {
        const x = o[keys[i] ?? `field${i}`] ?? 0;
        if (width === 8) writeU64(w.buf, x, off + i * 8);
        else w.buf.writeUInt32LE(Number(x), off + i * 4);
      }
    },
    read: (b, path) => {
      if (b.length % width) throw new DecodeError(path, `${name} needs a multiple of ${width} bytes, got ${b.length}`);
      const n = b.length / width;
      // Older kernels send fewer fields (rtnl_link_stats has 24 of the 25): same fast path.
      if (n <= keys.length) return readFirst(n)(b, u64Exact) as Partial<Record<K[number], number | bigint>>;
      const o: Record<string, number | bigint> = {};
      for (let i = 0; i < n; i++) {
        const p = i * width;
        o[i < keys.length ? keys[i]! : `field${i}`] = width === 8 ? u64Exact(b.readUInt32LE(p), b.readUInt32LE(p + 4)) : b.readUInt32LE(p);
      }
      return o as Partial<Record<K[number], number | bigint>>;
    },
  };
}
