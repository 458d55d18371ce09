/**
 * Checks for ip-style link options, shared by the kind tables: each turns a user value into
 * what a codec accepts, or throws a UsageError naming the option before anything is sent.
 */

import type { AttrTable } from '../../attrs.js';
import { UsageError } from '../../errors.js';
import { parseIPv4, parseIPv6, parseMac } from '../../inet.js';

const RANGE: Record<string, number> = { u8: 0xff, u16: 0xffff, be16: 0xffff, u32: 0xffffffff, be32: 0xffffffff, s32: 0x7fffffff };

/** An integer option within 0..max (booleans count as 1/0, as ip's on/off). */
export function uintOpt(what: string, v: unknown, max = 0xffffffff, min = 0): number {
  const n = typeof v === 'boolean' ? Number(v) : typeof v === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: expected an integer from ${min} to ${max}`);
  }
  return n;
}

/** An on/off option: true/false, 1/0, 'on'/'off'. */
export function boolOpt(what: string, v: unknown): boolean {
  if (v === true || v === 1 || v === 'on') return true;
  if (v === false || v === 0 || v === 'off') return false;
  throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: expected true/false or 'on'/'off'`);
}

/** An IP address option; returns its family (4 or 6). */
export function ipOpt(what: string, v: unknown, family?: 4 | 6): 4 | 6 {
  const f = typeof v !== 'string' ? undefined : parseIPv4(v) ? 4 : parseIPv6(v) ? 6 : undefined;
  if (!f) throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: not an IP address`);
  if (family && f !== family) throw new UsageError(`invalid ${what} "${String(v)}": expected an IPv${family} address`);
  return f;
}

/** A link-layer address option. */
export function macOpt(what: string, v: unknown): string {
  if (typeof v !== 'string' || !parseMac(v)) throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: not a link-layer address (aa:bb:cc:dd:ee:ff)`);
  return v;
}

/** One of a set of names, mapped to its number (numbers that are values of the map pass too). */
export function enumOpt(what: string, v: unknown, names: Record<string, number>): number {
  if (typeof v === 'string' && v in names) return names[v]!;
  if (typeof v === 'number' && Object.values(names).includes(v)) return v;
  throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: expected one of ${Object.keys(names).join(', ')}`);
}

/**
 * Copies options whose names are keys of `table` into its attributes, checked against each
 * row's codec: for kinds where ip's words are the kernel's (bridge: `stp_state`, `ageing_time`).
 */
export function fromTable(table: AttrTable<any>, opts: Record<string, unknown>, keys: readonly string[], kind: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = opts[k];
    const row = table.byKey(k);
    if (v === undefined || !row) continue;
    const what = `${kind} ${k}`;
    const c = row.codec.name;
    if (c in RANGE) out[k] = uintOpt(what, v, RANGE[c]);
    else if (c === 'u64' || c === 'uint') out[k] = BigInt(uintOpt(what, v, Number.MAX_SAFE_INTEGER));
    else if (c === 'flag') { if (boolOpt(what, v)) out[k] = true; }
    else if (c === 'ip') { ipOpt(what, v); out[k] = v; }
    else if (c === 'mac') out[k] = macOpt(what, v);
    else out[k] = v;
  }
  return out;
}
