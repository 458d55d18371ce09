/** Decoded values made printable: bigints to numbers when exact, Buffers to hex. */

import type { JsonValue } from './json.js';

/** Converts a decoded attribute value into something JSON and text output can show. */
export function plain(v: unknown): JsonValue {
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Buffer.isBuffer(v)) return v.toString('hex');
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'unknown') o[k] = plain(x);
    return o;
  }
  return v as JsonValue;
}
