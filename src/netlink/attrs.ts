/**
 * The TLV layer: one declarative table per attribute family drives encoding, decoding, the
 * TypeScript types and ext-ack offset mapping. Unknown attributes survive a round trip.
 */

import { align4, NLA_HDRLEN } from './align.js';
import { NLA_F_NESTED, NLA_TYPE_MASK } from './constants.js';
import { DecodeError } from './errors.js';
import { Writer } from './writer.js';
import { bytes, readAt, type Codec, type StructCodec, type ValueOf } from './codecs.js';

/** An attribute kept as it arrived: its type (flag bits masked off), the flag bits, and payload. */
export interface RawAttr {
  type: number;
  /** NLA_F_NESTED | NLA_F_NET_BYTEORDER bits as they were on the wire. */
  flags: number;
  data: Buffer;
}

/** One row of an attribute table. */
export interface AttrSpec<K extends string = string, C extends Codec<any> = Codec<any>> {
  /** Decoded key: the lowercased kernel suffix (IFLA_IFNAME -> 'ifname'). */
  key: K;
  codec: C;
  /** Set NLA_F_NESTED on encode (only where the kernel or iproute2 does). */
  nestFlag?: boolean;
  /** The attribute may repeat; its values are collected into an array in wire order. */
  multi?: boolean;
  /**
   * The payload's codec depends on a sibling attribute (IFLA_INFO_DATA on IFLA_INFO_KIND):
   * `on` names the sibling key; `codec(value)` picks the codec, falling back to raw bytes.
   */
  select?: { on: string; codec: (on: unknown) => Codec<any> | undefined; label?: (on: unknown) => string };
}

type SpecValue<P> = P extends { multi: true } ? ValueOf<P extends AttrSpec<any, infer C> ? C : never>[]
  : P extends { select: object } ? Record<string, any> | Buffer
  : ValueOf<P extends AttrSpec<any, infer C> ? C : never>;

/** The decoded object type of an attribute table spec. */
export type AttrsOf<S> = {
  -readonly [N in keyof S as S[N] extends { key: infer K extends string } ? K : never]?: SpecValue<S[N]>;
} & { unknown?: RawAttr[] };

/** A compiled attribute table. */
export interface AttrTable<T> {
  readonly name: string;
  /** Rows in kernel-number order. */
  readonly rows: readonly (AttrSpec & { type: number })[];
  byType(type: number): (AttrSpec & { type: number }) | undefined;
  byKey(key: string): (AttrSpec & { type: number }) | undefined;
  encode(w: Writer, value: T, path?: string): void;
  decode(data: Buffer, path?: string): T;
  /** decode(data.subarray(off, end), path), without the subarray (perf: every dump). */
  decodeAt(data: Buffer, off: number, end: number, path?: string): T;
}

function join(path: string, key: string): string {
  return path ? `${path} > ${key}` : key;
}

/** Iterates the TLVs of a payload, checking lengths; yields type (masked), flags, payload and offset. */
export function* walkAttrs(data: Buffer, path = ''): Generator<RawAttr & { offset: number; length: number }> {
  let off = 0;
  while (off + NLA_HDRLEN <= data.length) {
    const len = data.readUInt16LE(off);
    const raw = data.readUInt16LE(off + 2);
    if (len < NLA_HDRLEN) throw new DecodeError(path, `attribute type ${raw & NLA_TYPE_MASK} at offset ${off} has length ${len} < ${NLA_HDRLEN}`);
    if (off + len > data.length) {
      throw new DecodeError(path, `attribute type ${raw & NLA_TYPE_MASK} at offset ${off} claims ${len} bytes, only ${data.length - off} left (truncated)`);
    }
    yield { type: raw & NLA_TYPE_MASK, flags: raw & ~NLA_TYPE_MASK & 0xffff, data: data.subarray(off + NLA_HDRLEN, off + len), offset: off, length: len };
    off += align4(len);
  }
  // Up to 3 trailing zero bytes are padding the sender may or may not have counted (the kernel
  // only warns about leftovers); anything else is not an attribute.
  if (off < data.length && data.subarray(off).some((b) => b !== 0)) throw new DecodeError(path, `stray bytes at offset ${off}`);
}

/** Writes one attribute: header, payload through `codec`, length patched, padded. */
export function writeAttr<T>(w: Writer, type: number, codec: Codec<T>, value: T, path: string): void {
  const start = w.reserve(NLA_HDRLEN);
  codec.write(w, value, path);
  const len = w.len - start;
  if (len > 0xffff) throw new RangeError(`${path}: attribute of ${len} bytes exceeds 65535`);
  w.buf.writeUInt16LE(len, start);
  w.buf.writeUInt16LE(type, start + 2);
  w.pad();
}

function selectLabel(spec: AttrSpec, on: unknown): string {
  return spec.select?.label ? spec.select.label(on) : `${spec.key}(${String(on)})`;
}

/** Builds an attribute table from `{ [IFLA_X]: { key, codec } }`, rows in kernel-number order. */
export function defineAttrs<const S extends Record<number, AttrSpec>>(name: string, spec: S): AttrTable<AttrsOf<S>> {
  const rows = Object.entries(spec).map(([t, s]) => ({ ...(s as AttrSpec), type: Number(t) }));
  const byType = new Map(rows.map((r) => [r.type, r]));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  // By type, for decoding: a plain array, each row with its store (see setter()). The named store
  // is compiled only once a row has been used SETTER_TIER times: a long dump gets it after its
  // first few dozen messages, and a command that decodes a handful (`nlctl link show`) compiles
  // none (each `new Function` is compiled on every start, outside V8's code cache: ~80 of them
  // for a link cost the CLI ~4 ms). Until then, keyed stores: the same values, a slower object.
  const rowOf: Row[] = [];
  for (const r of rows) {
    let uses = 0;
    const row: Row = {
      ...r,
      set: (o, v) => {
        if (++uses < SETTER_TIER) { o[r.key] = v; return; }
        row.set = setter(r.key);
        row.set(o, v);
      },
    };
    rowOf[r.type] = row;
  }
  return {
    name, rows,
    byType: (t) => byType.get(t),
    byKey: (k) => byKey.get(k),
    encode(w, value, path = name) {
      const o = value as Record<string, unknown>;
      for (const r of rows) {
        const v = o[r.key];
        if (v === undefined) continue;
        const type = r.type | (r.nestFlag ? NLA_F_NESTED : 0);
        let codec: Codec<any> = r.codec;
        let p = join(path, r.key);
        if (r.select) {
          const on = o[r.select.on];
          p = join(path, selectLabel(r, on));
          codec = Buffer.isBuffer(v) ? bytes : r.select.codec(on) ?? bytes;
          if (codec === bytes && !Buffer.isBuffer(v)) throw new RangeError(`${p}: no codec for ${r.select.on} ${JSON.stringify(on)}; pass raw bytes`);
        }
        if (r.multi) for (const item of v as unknown[]) writeAttr(w, type, codec, item, p);
        else writeAttr(w, type, codec, v, p);
      }
      for (const u of (o.unknown as RawAttr[] | undefined) ?? []) writeAttr(w, u.type | u.flags, bytes, u.data, path);
    },
    decode(data, path = name) {
      return decodeAt(data, 0, data.length, path);
    },
    decodeAt,
  };

  function decodeAt(data: Buffer, base: number, end: number, path = name): AttrsOf<S> {
    // Hot path of every dump: a plain loop, array lookup by type, payloads read in place (no
    // Buffer per attribute), named stores, and no path strings unless a codec fails (its error
    // is re-thrown with this level's path in front).
    const o: Record<string, unknown> = {};
    let unknown: RawAttr[] | undefined;
    let deferred: [Row, number, number][] | undefined;
    let off = base;
    while (off + NLA_HDRLEN <= end) {
      const len = data[off]! | (data[off + 1]! << 8);
      const raw = data[off + 2]! | (data[off + 3]! << 8);
      const type = raw & NLA_TYPE_MASK;
      if (len < NLA_HDRLEN) throw new DecodeError(path, `attribute type ${type} at offset ${off - base} has length ${len} < ${NLA_HDRLEN}`);
      if (off + len > end) throw new DecodeError(path, `attribute type ${type} at offset ${off - base} claims ${len} bytes, only ${end - off} left (truncated)`);
      const at = off + NLA_HDRLEN;
      const plen = len - NLA_HDRLEN;
      off += (len + 3) & ~3;
      const r = rowOf[type];
      if (!r || (!r.multi && o[r.key] !== undefined) || (r.select && deferred?.some(([d]) => d === r))) {
        (unknown ??= []).push({ type, flags: raw & ~NLA_TYPE_MASK & 0xffff, data: bytes.readAt!(data, at, plen, '') });
      } else if (r.select) {
        (deferred ??= []).push([r, at, plen]);
      } else {
        let v: unknown;
        try { v = readAt(r.codec, data, at, plen, r.key); } catch (e) { throw prefixed(e, path); }
        if (r.multi) ((o[r.key] ??= []) as unknown[]).push(v);
        else r.set(o, v);
      }
    }
    // Up to 3 trailing zero bytes are padding the sender may or may not have counted (the
    // kernel only warns about leftovers); anything else is not an attribute.
    for (let i = off; i < end; i++) if (data[i] !== 0) throw new DecodeError(path, `stray bytes at offset ${off - base}`);
    // Second pass: payloads whose codec depends on a sibling, whatever order they came in.
    if (deferred) {
      for (const [r, at, plen] of deferred) {
        const on = o[r.select!.on];
        const codec = r.select!.codec(on) ?? bytes;
        let v: unknown;
        try { v = readAt(codec, data, at, plen, selectLabel(r, on)); } catch (e) { throw prefixed(e, path); }
        r.set(o, v);
      }
    }
    if (unknown) o.unknown = unknown;
    return o as AttrsOf<S>;
  }
}

type Row = AttrSpec & { type: number; set: (o: Record<string, unknown>, v: unknown) => void };

/** Uses of a row before its named store is compiled (see defineAttrs). */
export const SETTER_TIER = 32;

/**
 * A store of `key` into a decoded object. A named store (`o.mtu = v`) where the key is an
 * identifier: V8 turns an object built by keyed stores (`o[k] = v`) into a slow dictionary
 * after a dozen properties, and a link's 45 attributes made every decoded link one.
 */
function setter(key: string): Row['set'] {
  if (/^[A-Za-z_$][\w$]*$/.test(key) && key !== '__proto__') return new Function('o', 'v', `o.${key} = v;`) as Row['set'];
  return (o, v) => { o[key] = v; };
}

/** Puts `path` in front of a DecodeError's path as it travels out of a nest. */
function prefixed(e: unknown, path: string): unknown {
  return e instanceof DecodeError ? new DecodeError(join(path, e.path), e.detail) : e;
}

/** A codec whose payload is a nest of attributes from another table (resolved lazily for cycles). */
export interface NestedCodec<T> extends Codec<T> {
  readonly table: () => AttrTable<T>;
}

/** The payload is itself a list of attributes described by `table`. */
export function nested<T>(table: () => AttrTable<T>): NestedCodec<T> {
  return {
    get name() { return `nested(${table().name})`; },
    table,
    write: (w, v, path) => table().encode(w, v, path),
    read: (b, path) => table().decode(b, path),
    readAt: (b, off, len, path) => table().decodeAt(b, off, off + len, path),
  };
}

/** A decoded message body: its fixed header and its attributes. */
export interface Headed<H, A> {
  header: H;
  attrs: A;
}

/** A codec for a payload that is a fixed header followed by attributes (also used for message bodies). */
export interface HeadedCodec<H, A> extends Codec<Headed<H, A>> {
  readonly header: StructCodec<H>;
  readonly attrs: () => AttrTable<A>;
  /** Bytes the header occupies, aligned (attributes start there). */
  readonly headerLen: number;
}

/** A fixed header followed by attributes: rtnetlink bodies and VETH_INFO_PEER. */
export function headed<H, A>(header: StructCodec<H>, attrs: () => AttrTable<A>): HeadedCodec<H, A> {
  const headerLen = align4(header.size);
  return {
    name: `${header.name}+attrs`,
    header, attrs, headerLen,
    write: (w, v, path) => {
      header.write(w, (v.header ?? {}) as H, path);
      w.pad();
      attrs().encode(w, (v.attrs ?? {}) as A, path);
    },
    read: (b, path) => readHeaded(b, 0, b.length, path),
    readAt: (b, off, len, path) => readHeaded(b, off, len, path),
  };

  function readHeaded(b: Buffer, off: number, len: number, path: string): Headed<H, A> {
    const h = readAt(header, b, off, Math.min(len, header.size), path);
    if (len < headerLen && len !== header.size) throw new DecodeError(path, `${header.name} needs ${headerLen} bytes, got ${len}`);
    return { header: h, attrs: attrs().decodeAt(b, off + Math.min(headerLen, len), off + len, path) };
  }
}

/**
 * Names the attribute that byte `offset` of an encoded payload falls in, descending through
 * nests and headed payloads: 'linkinfo > data(veth) > peer > ifname'. Used to turn an
 * ext-ack NLMSGERR_ATTR_OFFS into words.
 */
export function describeOffset(codec: Codec<any>, data: Buffer, offset: number, path = ''): string | undefined {
  const h = codec as Partial<HeadedCodec<unknown, unknown>>;
  if (h.header && h.attrs) {
    if (offset < h.headerLen!) return join(path, h.header.name);
    return describeOffset(nested(h.attrs), data.subarray(h.headerLen!), offset - h.headerLen!, path);
  }
  const n = codec as Partial<NestedCodec<unknown>>;
  if (!n.table) return path || undefined;
  const table = n.table();
  const attrs = [...walkAttrs(data)];
  const siblings = selectors(table, attrs);
  for (const a of attrs) {
    if (offset < a.offset || offset >= a.offset + a.length) continue;
    const r = table.byType(a.type);
    if (!r) return join(path, `type ${a.type}`);
    const inner = r.select ? r.select.codec(siblings[r.select.on]) : r.codec;
    const label = r.select ? selectLabel(r, siblings[r.select.on]) : r.key;
    const here = join(path, label);
    if (offset < a.offset + NLA_HDRLEN || !inner) return here;
    return describeOffset(inner, a.data, offset - a.offset - NLA_HDRLEN, here);
  }
  return path || undefined;
}

/**
 * The values of the siblings that `select` rows of `table` depend on (IFLA_INFO_KIND for
 * IFLA_INFO_DATA), decoded with their own codecs. A sibling that does not decode is left out,
 * so the selected payload is described as raw bytes rather than failing the whole lookup.
 */
function selectors(table: AttrTable<unknown>, attrs: readonly RawAttr[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const wanted = new Set(table.rows.flatMap((r) => (r.select ? [r.select.on] : [])));
  if (!wanted.size) return out;
  for (const a of attrs) {
    const r = table.byType(a.type);
    if (!r || r.select || r.multi || !wanted.has(r.key) || r.key in out) continue;
    try { out[r.key] = r.codec.read(a.data, r.key); } catch { /* leave it undescribed */ }
  }
  return out;
}
