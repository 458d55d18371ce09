/**
 * Scalar attribute codecs: tiny { write, read } pairs for the payload of one attribute.
 * Every reader checks the length and names the attribute path when it is wrong.
 */

import { isUtf8 } from 'node:buffer';
import { DecodeError } from './errors.js';
import { Writer } from './writer.js';
import { formatIP, formatMac, ipv4Number, parseIP, parseMac } from './inet.js';

/** Encodes and decodes the payload of one attribute (or one fixed header). */
export interface Codec<T> {
  /** Short type name used in error messages ('u32', 'cstring', 'nested(linkinfo)'). */
  readonly name: string;
  /** Appends the payload bytes for `value`. */
  write(w: Writer, value: T, path: string): void;
  /** Decodes a payload; `path` names the attribute for error messages. */
  read(data: Buffer, path: string): T;
  /**
   * Decodes the payload at data[off, off + len) in place: same value and errors as
   * read(data.subarray(off, off + len), path), without that subarray. Dumps decode every
   * attribute through here; a Buffer per attribute was a fifth of a dump's time, most of it GC.
   */
  readAt?(data: Buffer, off: number, len: number, path: string): T;
}

/** Decodes data[off, off + len) through `codec`: readAt() when it has one, else read() of a subarray. */
export function readAt<T>(codec: Codec<T>, data: Buffer, off: number, len: number, path: string): T {
  return codec.readAt ? codec.readAt(data, off, len, path) : codec.read(data.subarray(off, off + len), path);
}

/** The TypeScript value type a codec decodes to. */
export type ValueOf<C> = C extends Codec<infer T> ? T : never;

function fixed<T>(name: string, size: number, rd: (b: Buffer, off: number) => T, wr: (w: Writer, v: T) => void): Codec<T> {
  const readAt = (b: Buffer, off: number, len: number, path: string): T => {
    if (len !== size) throw new DecodeError(path, `${name} needs ${size} bytes, got ${len}`);
    return rd(b, off);
  };
  return {
    name,
    write: (w, v, path) => {
      try { wr(w, v); } catch (e) { throw new RangeError(`${path}: ${name} cannot hold ${String(v)}`); }
    },
    read: (b, path) => readAt(b, 0, b.length, path),
    readAt,
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
export const u8 = fixed<number>('u8', 1, (b, o) => b[o]!, (w, v) => { const o = w.reserve(1); w.buf.writeUInt8(v, o); });
/** Unsigned 16-bit integer, host (little-endian) order. */
export const u16 = fixed<number>('u16', 2, (b, o) => b.readUInt16LE(o), (w, v) => { const o = w.reserve(2); w.buf.writeUInt16LE(v, o); });
/** Unsigned 32-bit integer, host order. */
export const u32 = fixed<number>('u32', 4, (b, o) => b.readUInt32LE(o), (w, v) => { const o = w.reserve(4); w.buf.writeUInt32LE(v, o); });
/** Signed 32-bit integer, host order. */
export const s32 = fixed<number>('s32', 4, (b, o) => b.readInt32LE(o), (w, v) => { const o = w.reserve(4); w.buf.writeInt32LE(v, o); });
/** Unsigned 64-bit integer, host order, as a bigint. */
export const u64 = fixed<bigint>('u64', 8, (b, o) => b.readBigUInt64LE(o), (w, v) => { const o = w.reserve(8); w.buf.writeBigUInt64LE(BigInt(v), o); });
/** NLA_UINT: an unsigned integer the kernel sends in 4 bytes when it fits, else 8. */
export const uint: Codec<bigint> = {
  name: 'uint',
  write: (w, v) => {
    const x = BigInt(v);
    if (x <= 0xffffffffn) { const o = w.reserve(4); w.buf.writeUInt32LE(Number(x), o); }
    else { const o = w.reserve(8); w.buf.writeBigUInt64LE(x, o); }
  },
  read: (b, path) => uint.readAt!(b, 0, b.length, path),
  readAt: (b, off, len, path) => {
    if (len === 4) return BigInt(b.readUInt32LE(off));
    if (len === 8) return b.readBigUInt64LE(off);
    throw new DecodeError(path, `uint needs 4 or 8 bytes, got ${len}`);
  },
};
/** Unsigned 16-bit integer in network byte order (ports). */
export const be16 = fixed<number>('be16', 2, (b, o) => b.readUInt16BE(o), be(2));
/** Unsigned 32-bit integer in network byte order. */
export const be32 = fixed<number>('be32', 4, (b, o) => b.readUInt32BE(o), be(4));

/** A NUL-terminated string; decoding stops at the first NUL (or the end when there is none). */
export const cstring: Codec<string> = {
  name: 'cstring',
  write: (w, v) => {
    const s = Buffer.from(v, 'utf8');
    const off = w.reserve(s.length + 1);
    s.copy(w.buf, off);
  },
  read: (b) => readCString(b, 0, b.length),
  readAt: (b, off, len) => readCString(b, off, len),
};

function readCString(b: Buffer, off: number, len: number): string {
  // Interface names, kinds and qdiscs are short ASCII: building them in JS skips a trip into
  // C++ (Buffer#toString) that cost more than the rest of the attribute.
  const end = off + len;
  let s = '';
  for (let i = off; i < end && i < off + 64; i++) {
    const c = b[i]!;
    if (c === 0) return s;
    if (c > 0x7f) { s = ''; break; }
    s += String.fromCharCode(c);
    if (i === end - 1) return s;
  }
  const nul = b.indexOf(0, off);
  return b.toString('utf8', off, nul < 0 || nul >= end ? end : nul);
}

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

/**
 * A name or path for the kernel: the text itself, or its bytes when it carries decodeName()'s
 * escapes (a name that is not UTF-8, as /run/netns names can be), which Node and koffi would
 * otherwise send as UTF-8 (U+FFFD's). For node:fs paths and libc's `const char *`.
 */
export function nameBytes(name: string): string | Buffer {
  return /[\udc80-\udcff]/.test(name) ? encodeName(name) : name;
}

/** An interface name: NUL-terminated bytes, decoded and encoded with decodeName()/encodeName(). */
export const ifnameString: Codec<string> = {
  name: 'ifname',
  write: (w, v) => {
    const s = encodeName(v);
    const off = w.reserve(s.length + 1);
    s.copy(w.buf, off);
  },
  read: (b) => readIfname(b, 0, b.length),
  readAt: (b, off, len) => readIfname(b, off, len),
};

function readIfname(b: Buffer, off: number, len: number): string {
  const end = off + len;
  // Short ASCII names (nearly all) take cstring's fast path.
  for (let i = off; i < end; i++) {
    const c = b[i]!;
    if (c === 0) break;
    if (c > 0x7f) {
      const nul = b.indexOf(0, off);
      return decodeName(b.subarray(off, nul < 0 || nul >= end ? end : nul));
    }
  }
  return readCString(b, off, len);
}

/**
 * A string written without a NUL, as iproute2 writes IFLA_INFO_KIND and IFLA_IFALIAS; decodes
 * like cstring (the kernel's replies carry the NUL). Where the kernel's policy counts the NUL
 * (IFLA_IFALIAS is NLA_BINARY of at most IFALIASZ - 1 bytes since Linux 4.13), only this form
 * reaches the limit: a 255-byte alias with its NUL is 256 bytes and refused (ERANGE).
 */
export const bareString: Codec<string> = {
  name: 'string',
  write: (w, v) => w.bytes(Buffer.from(v, 'utf8')),
  read: (b) => readCString(b, 0, b.length),
  readAt: (b, off, len) => readCString(b, off, len),
};

/** Opaque bytes, copied on decode so they do not pin the receive buffer. */
export const bytes: Codec<Buffer> = {
  name: 'bytes',
  write: (w, v) => w.bytes(v),
  read: (b) => Buffer.from(b),
  readAt: (b, off, len) => {
    // Empty payloads (a link's IFLA_DEVLINK_PORT, IFLA_DPLL_PIN) share one zero-length
    // ArrayBuffer rather than each allocating its own.
    if (len === 0) return Buffer.from(EMPTY_AB, 0, 0);
    // A pooled copy, as Buffer.from(subarray) makes, without the subarray.
    const out = Buffer.allocUnsafe(len);
    b.copy(out, 0, off, off + len);
    return out;
  },
};

const EMPTY_AB = new ArrayBuffer(0);

/** A zero-length attribute whose presence means true. */
export const flag: Codec<true> = {
  name: 'flag',
  write: () => {},
  read: (b, path) => flag.readAt!(b, 0, b.length, path),
  readAt: (_b, _off, len, path) => {
    if (len !== 0) throw new DecodeError(path, `flag needs 0 bytes, got ${len}`);
    return true;
  },
};

/** An IPv4 or IPv6 address as text (4 or 16 bytes). */
export const ip: Codec<string> = {
  name: 'ip',
  write: (w, v, path) => {
    const n = typeof v === 'string' ? ipv4Number(v) : -1;
    if (n >= 0) { const o = w.reserve(4); w.buf.writeUInt32BE(n, o); return; } // perf: no Buffer per address
    const b = parseIP(v);
    if (!b) throw new RangeError(`${path}: not an IP address: ${JSON.stringify(v)}`);
    w.bytes(b);
  },
  read: (b, path) => ip.readAt!(b, 0, b.length, path),
  readAt: (b, off, len, path) => {
    if (len === 4) return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`; // formatIPv4, in place
    if (len !== 16) throw new DecodeError(path, `ip needs 4 or 16 bytes, got ${len}`);
    return formatIP(b.subarray(off, off + len));
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
  readAt: (b, off, len) => {
    // formatMac, in place. Appending pair by pair leaves a tree of string pieces (V8 joins
    // strings of 13 characters and more lazily: ~200 bytes for a 17-character MAC), so the text
    // is written into a scratch buffer and read out as one flat string.
    if (len > 64) return formatMac(b.subarray(off, off + len));
    let p = 0;
    for (let i = 0; i < len; i++) {
      const c = b[off + i]!;
      if (i) macText[p++] = 0x3a;
      macText[p++] = HEXCHAR[c >> 4]!;
      macText[p++] = HEXCHAR[c & 15]!;
    }
    return macText.toString('latin1', 0, p);
  },
};

const HEXCHAR = Buffer.from('0123456789abcdef', 'latin1');
const macText = Buffer.alloc(64 * 3);


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
  let rd: ReturnType<typeof structReader> | undefined; // made on first use: loading compiles nothing
  const readAt = (b: Buffer, off: number, len: number, path: string): StructOf<L> => {
    if (len < size) throw new DecodeError(path, `${name} needs ${size} bytes, got ${len}`);
    return (rd ??= structReader(layout))(b, off) as StructOf<L>;
  };
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
    read: (b, path) => readAt(b, 0, b.length, path),
    readAt,
  };
}

const FIELD_READ: Record<FieldType, string | undefined> = {
  u8: 'b[o + P]', u16: 'b.readUInt16LE(o + P)', u32: 'b.readUInt32LE(o + P)', s32: 'b.readInt32LE(o + P)',
  u64: 'b.readBigUInt64LE(o + P)', be16: 'b.readUInt16BE(o + P)', be32: 'b.readUInt32BE(o + P)', pad8: undefined, pad16: undefined,
};

/**
 * A struct reader made from its layout: one object literal, so every decoded header shares one
 * fixed shape (a field-by-field keyed build was a dictionary-mode object's worth of work per
 * message). Field names are checked to be identifiers; a layout with another name (or a name
 * twice) gets the generic loop.
 */
function structReader(layout: readonly (readonly [string, FieldType])[]): (b: Buffer, o: number) => Record<string, number | bigint> {
  const fields: string[] = [];
  const names = new Set<string>();
  let p = 0;
  let plain = true;
  for (const [k, t] of layout) {
    const rd = FIELD_READ[t];
    if (rd) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || names.has(k)) plain = false;
      names.add(k);
      fields.push(`${k}: ${rd.replace('P', String(p))}`);
    }
    p += FIELD_SIZE[t];
  }
  if (plain) return new Function('b', 'o', `return { ${fields.join(', ')} };`) as (b: Buffer, o: number) => Record<string, number | bigint>;
  return (b, o) => {
    const out: Record<string, number | bigint> = {};
    let q = o;
    for (const [k, t] of layout) {
      switch (t) {
        case 'u8': out[k] = b.readUInt8(q); break;
        case 'u16': out[k] = b.readUInt16LE(q); break;
        case 'u32': out[k] = b.readUInt32LE(q); break;
        case 's32': out[k] = b.readInt32LE(q); break;
        case 'u64': out[k] = b.readBigUInt64LE(q); break;
        case 'be16': out[k] = b.readUInt16BE(q); break;
        case 'be32': out[k] = b.readUInt32BE(q); break;
        default: break;
      }
      q += FIELD_SIZE[t];
    }
    return out;
  };
}

/** True on a little-endian host (typed-array views read host order; netlink is host order). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * A u64 from two host-order u32 halves: a number while exact (up to 2^53, 8 PiB of traffic),
 * a bigint above, so no value decodes to one it was not. A BigInt per counter made dumps
 * several times slower, so the common case stays a number.
 */
export function u64Exact(lo: number, hi: number): number | bigint {
  // hi === 0 first: `lo + 0 * 2 ** 32` is a heap-allocated double in the interpreter, and the
  // first objects built so give their fields a boxed-double layout for good (16 bytes more per
  // counter; a link's 25 stats64 fields were 600 bytes).
  return hi === 0 ? lo : hi < 0x200000 ? lo + hi * 0x100000000 : (BigInt(hi) << 32n) | BigInt(lo);
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
  // Where the payload is 4-byte aligned in its ArrayBuffer (netlink attributes are, in the socket's
  // datagram copies: Node aligns its pool and its allocations to 8) on a little-endian host,
  // through a Uint32Array view: a u64 field is two element reads and an add, 5x faster than two
  // readUInt32LE() calls and u64Exact() (25 u64s a link).
  const field = (i: number, view: boolean) => {
    if (width === 4) return view ? `a[${i}]` : `b.readUInt32LE(o + ${i * 4})`;
    if (!view) return `u(b.readUInt32LE(o + ${i * 8}), b.readUInt32LE(o + ${i * 8 + 4}))`;
    return `a[${2 * i + 1}] === 0 ? a[${2 * i}] : a[${2 * i + 1}] < 0x200000 ? a[${2 * i}] + a[${2 * i + 1}] * 0x100000000 : u(a[${2 * i}], a[${2 * i + 1}])`; // u64Exact, inline
  };
  type Reader = (b: Buffer, o: number, u: typeof u64Exact) => Record<string, number | bigint>;
  const readers = new Map<number, Reader>();
  const readFirst = (n: number, view: boolean) => {
    const id = view ? -1 - n : n;
    let r = readers.get(id);
    if (!r) {
      const init = view ? `const a = new Uint32Array(b.buffer, b.byteOffset + o, ${(n * width) / 4}); ` : '';
      r = new Function('b', 'o', 'u', `${init}return { ${keys.slice(0, n).map((k, i) => `${k}: ${field(i, view)}`).join(', ')} };`) as Reader;
      readers.set(id, r);
    }
    return r;
  };
  const readAt = (b: Buffer, off: number, len: number, path: string): Partial<Record<K[number], number | bigint>> => {
    if (len % width) throw new DecodeError(path, `${name} needs a multiple of ${width} bytes, got ${len}`);
    const n = len / width;
    // Older kernels send fewer fields (rtnl_link_stats has 24 of the 25): same fast path.
    if (n <= keys.length) return readFirst(n, LITTLE_ENDIAN && (b.byteOffset + off) % 4 === 0)(b, off, u64Exact) as Partial<Record<K[number], number | bigint>>;
    const o: Record<string, number | bigint> = {};
    for (let i = 0; i < n; i++) {
      const p = off + i * width;
      o[i < keys.length ? keys[i]! : `field${i}`] = width === 8 ? u64Exact(b.readUInt32LE(p), b.readUInt32LE(p + 4)) : b.readUInt32LE(p);
    }
    return o as Partial<Record<K[number], number | bigint>>;
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
    read: (b, path) => readAt(b, 0, b.length, path),
    readAt,
  };
}
