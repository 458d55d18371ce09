/**
 * Nexthop objects as `ip nexthop show` prints them (`id 1 via 10.0.0.2 dev v0 scope link `)
 * and as `ip -j nexthop` objects: a transcription of ip 6.1's __print_nexthop_entry().
 */

import { familyColor, paint } from './color.js';
import type { JsonValue } from './json.js';
import { routeFlagWords } from './route.js';
import type { NhMessage } from '../../netlink/route/nexthop-attrs.js';
import { protocols, scopes } from '../../netlink/route/names.js';
import { nameOf } from './numeric.js';

// ip divides clock_t values by USER_HZ (100 on Linux).
const USER_HZ = 100;

/** What the nexthop printer needs besides the entry. */
export interface NhPrintOptions {
  /** Device name of an ifindex. */
  name(index: number): string;
  details?: boolean;
  deleted?: boolean;
}

/** A clock_t as ip's print_tv prints it: seconds, `%g`. */
function seconds(ticks: number | bigint): number {
  return Number(ticks) / USER_HZ;
}

/** `%g` for the small non-negative values the timers take. */
function g(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

function build(n: NhMessage, o: NhPrintOptions): { text: string; json: Record<string, JsonValue> } {
  const a = n.attrs;
  const h = n.header;
  const j: Record<string, JsonValue> = {};
  let t = '';
  if (o.deleted) { t += 'Deleted '; j.deleted = true; }
  const id = a.id ?? 0;
  t += `id ${id} `;
  j.id = id;
  if (a.group?.length) {
    t += 'group ';
    j.group = a.group.map((m, i) => {
      t += `${i ? '/' : ''}${m.id}${m.weight ? `,${m.weight + 1}` : ''}`;
      return m.weight ? { id: m.id, weight: m.weight + 1 } : { id: m.id };
    });
    t += ' ';
  }
  // ip leaves mpath (0) out "in order not to break existing output".
  if (a.group_type) { const ty = a.group_type === 1 ? 'resilient' : '<unknown type>'; t += `type ${ty} `; j.type = ty; }
  if (a.res_group) {
    const r = a.res_group;
    const args = { buckets: r.buckets ?? 0, idle_timer: seconds(r.idle_timer ?? 0), unbalanced_timer: seconds(r.unbalanced_timer ?? 0), unbalanced_time: seconds(r.unbalanced_time ?? 0n) };
    t += `buckets ${args.buckets} idle_timer ${g(args.idle_timer)} unbalanced_timer ${g(args.unbalanced_timer)} unbalanced_time ${g(args.unbalanced_time)} `;
    j.resilient_args = args;
  }
  if (a.gateway !== undefined) { t += `via ${paint(familyColor(h.family), `${a.gateway} `)}`; j.gateway = a.gateway; }
  if (a.oif) { const d = o.name(a.oif); t += `dev ${paint('ifname', `${d} `)}`; j.dev = d; }
  if (h.scope !== 0 || o.details) { const s = nameOf(scopes, h.scope); t += `scope ${s} `; j.scope = s; }
  if (a.blackhole) { t += 'blackhole '; j.blackhole = null; }
  if (h.protocol !== 0 || o.details) { const p = nameOf(protocols, h.protocol); t += `proto ${p} `; j.protocol = p; }
  const flags = routeFlagWords(h.flags);
  for (const f of flags) t += `${f} `;
  j.flags = flags;
  if (a.fdb) { t += 'fdb'; j.fdb = null; }
  return { text: t, json: j };
}

/** One nexthop in ip's text layout (no trailing newline). */
export function nhText(n: NhMessage, o: NhPrintOptions): string { return build(n, o).text; }

/** One nexthop as an `ip -j nexthop` object. */
export function nhJson(n: NhMessage, o: NhPrintOptions): Record<string, JsonValue> { return build(n, o).json; }

/**
 * One bucket of a resilient group as ip 6.1's print_nexthop_bucket() prints it:
 * `id 4 index 0 idle_time 0.07 nhid 2 ` then the flag words; JSON `{ id, bucket: { index,
 * idle_time, nhid }, flags }`. The idle time is clock_t ticks shown as seconds (`%g`).
 */
function buildBucket(n: NhMessage, deleted = false): { text: string; json: Record<string, JsonValue> } {
  const j: Record<string, JsonValue> = {};
  let t = '';
  if (deleted) { t += 'Deleted '; j.deleted = true; }
  if (n.attrs.id !== undefined) { t += `id ${n.attrs.id} `; j.id = n.attrs.id; }
  const b = n.attrs.res_bucket;
  if (b) {
    const bj: Record<string, JsonValue> = {};
    if (b.index !== undefined) { t += `index ${b.index} `; bj.index = b.index; }
    if (b.idle_time !== undefined) { const s = seconds(b.idle_time); t += `idle_time ${g(s)} `; bj.idle_time = s; }
    if (b.nh_id !== undefined) { t += `nhid ${b.nh_id} `; bj.nhid = b.nh_id; }
    j.bucket = bj;
  }
  const flags = routeFlagWords(n.header.flags);
  for (const f of flags) t += `${f} `;
  j.flags = flags;
  return { text: t, json: j };
}

/** One nexthop bucket in ip's text layout (no trailing newline). */
export function nhBucketText(n: NhMessage): string { return buildBucket(n).text; }

/** One nexthop bucket as an `ip -j nexthop bucket` object. */
export function nhBucketJson(n: NhMessage): Record<string, JsonValue> { return buildBucket(n).json; }
