/**
 * The engine behind `-d`'s kind line: a link kind's decoded IFLA_INFO_DATA (or a port's
 * IFLA_INFO_SLAVE_DATA) printed through a declarative field table, in ip's order, with ip's
 * JSON keys, JSON value types and text words. The tables live in kind-*.ts; this file only
 * knows how each format prints.
 */

import { JsonRaw, type JsonValue } from './json.js';
import { plain } from './plain.js';

/** What a field's printer may need from outside the data: names of other links, users, groups. */
export interface KindContext {
  /** Name of a link of the same namespace, by ifindex. */
  name(index: number): string;
  /** A user name by uid (tun `user`), undefined when unknown. */
  user?(uid: number): string | undefined;
  /** A group name by gid (tun `group`), undefined when unknown. */
  group?(gid: number): string | undefined;
}

/** One printed field: both halves of it, either may be absent (ip prints some in one mode only). */
export interface Printed {
  json?: JsonValue;
  /** The text words without the trailing space ip adds; undefined: nothing in text. */
  text?: string;
  /** ip forgot the trailing space after this word (vxlan `vnifilter` in 6.1). */
  glued?: boolean;
}

/**
 * How a value prints. Names follow iproute2's helpers: `uint` print_uint, `onoff` print_on_off,
 * `flag` print_bool(..., true) (word alone), `noflag` JSON bool + text `word`/`noword`,
 * `noOnly` JSON bool + text `noword` only when false, `hex` print_0xhex (`%#x`: 0 prints `0`),
 * `porthex` `0x%x`, `brid` a bridge id, `timer` a clock_t timer, `ifname` a link name,
 * `str` as is, or a map from number to name (unknown numbers print as numbers).
 */
export type Format = 'uint' | 'onoff' | 'flag' | 'noflag' | 'noOnly' | 'hex' | 'porthex' | 'brid' | 'timer' | 'ifname' | 'str'
  | Record<number, string> | ((v: unknown, ctx: KindContext, data: KindData) => Printed | undefined);

/** Decoded kind data as the library returns it. */
export type KindData = Record<string, unknown>;

/** One row of a kind table. */
export interface Field {
  /** The library's key in the decoded data, or how to derive the value from all of it. */
  from: string | ((d: KindData) => unknown);
  /** ip's JSON key (default: `from` when a string); false: text only. */
  json?: string | false;
  /** ip's text word (default: the JSON key); false: JSON only. */
  text?: string | false;
  /** How it prints (default `uint`). */
  as?: Format;
  /** Print only when this holds (default: the value is present). */
  when?: (v: unknown, d: KindData) => boolean;
}

/** A field printed only when its value is non-zero / true (ip's `if (x && rta_getattr(x))`). */
export const nonzero = (v: unknown): boolean => v !== undefined && v !== 0 && v !== 0n && v !== false;

function num(v: unknown): number { return typeof v === 'bigint' ? Number(v) : Number(v); }

/** `%#x` as C prints it: no prefix for zero. */
export function cHex(v: number): string { return v === 0 ? '0' : `0x${v.toString(16)}`; }

/** A MAC the way glibc's ether_ntoa prints it (no zero padding: `2a:9:1:11:83:3e`). */
function etherNtoa(mac: string): string { return mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':'); }

function formatOne(as: Format, word: string, v: unknown, ctx: KindContext, d: KindData): Printed | undefined {
  if (typeof as === 'function') return as(v, ctx, d);
  if (typeof as === 'object') { const n = num(v); const s = as[n] ?? String(n); return { json: s, text: `${word} ${s}` }; }
  switch (as) {
    case 'uint': { const j = plain(v); return { json: j, text: `${word} ${String(j)}` }; }
    case 'onoff': return { json: Boolean(num(v)), text: `${word} ${num(v) ? 'on' : 'off'}` };
    case 'flag': return { json: true, text: word };
    case 'noflag': return { json: Boolean(num(v)), text: `${num(v) ? '' : 'no'}${word}` };
    case 'noOnly': return { json: Boolean(num(v)), text: num(v) ? undefined : `no${word}` };
    case 'hex': { const s = cHex(num(v)); return { json: s, text: `${word} ${s}` }; }
    case 'porthex': { const s = `0x${num(v).toString(16)}`; return { json: s, text: `${word} ${s}` }; }
    case 'brid': {
      const id = v as { priority: number; address: string };
      const s = `${id.priority.toString(16).padStart(4, '0')}.${etherNtoa(id.address)}`;
      return { json: s, text: `${word} ${s}` };
    }
    case 'timer': {
      // __jiffies_to_tv with USER_HZ 100: the kernel sends clock_t; ip prints "%4i.%.2i" in
      // text and the same digits unpadded as a raw JSON number ("hello_timer":0.00).
      const n = num(v);
      const sec = String(Math.floor(n / 100));
      const cs = String(n % 100).padStart(2, '0');
      return { json: new JsonRaw(`${sec}.${cs}`), text: `${word} ${sec.padStart(4)}.${cs}` };
    }
    case 'ifname': { const s = ctx.name(num(v)); return { json: s, text: `${word} ${s}` }; }
    case 'str': return { json: plain(v), text: `${word} ${String(plain(v))}` };
  }
}

/** Prints `data` through `table`: ip's info_data object and the words of its kind line. */
export function printKind(table: readonly Field[], data: KindData | undefined, ctx: KindContext): { json: Record<string, JsonValue>; text: string } {
  const json: Record<string, JsonValue> = {};
  let text = '';
  if (!data) return { json, text };
  for (const f of table) {
    const v = typeof f.from === 'function' ? f.from(data) : data[f.from];
    if (f.when ? !f.when(v, data) : v === undefined) continue;
    const key = f.json ?? (typeof f.from === 'string' ? f.from : '');
    const word = f.text === undefined ? (key || '') : f.text;
    const p = formatOne(f.as ?? 'uint', word || '', v, ctx, data);
    if (!p) continue;
    if (key && f.json !== false && p.json !== undefined) json[key] = p.json;
    if (f.text !== false && p.text !== undefined) text += p.glued ? p.text : `${p.text} `;
  }
  return { json, text };
}
