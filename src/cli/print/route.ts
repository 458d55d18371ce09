/**
 * Routes as `ip route show` prints them (`10.0.0.0/24 dev v0 proto kernel scope link src
 * 10.0.0.1 `), with ip's omissions (no `proto boot`, `scope global`, `table main` or
 * `unicast` unless -d), multipath next hops, `ip route get`'s cache line, and the `ip -j`
 * objects.
 */

import { familyColor, paint } from './color.js';
import type { RouteMessage, RouteMetrics } from '../../netlink/route/route-attrs.js';

type RouteCacheinfo = NonNullable<RouteMessage['attrs']['cacheinfo']>;
import { protocols, realms, routePrefs, routeTypes, scopes, tables, dsfields } from '../../netlink/route/names.js';
import type { JsonValue } from './json.js';
import { nameOf, numeric } from './numeric.js';

const RTN_UNICAST = 1;
const RTPROT_BOOT = 3;
const RT_TABLE_MAIN = 254;
const RTM_F_CLONED = 0x200;
const HOST_LEN: Record<number, number> = { 2: 32, 10: 128 };

// print_rt_flags(): rtm_flags / rtnh_flags words, in ip's order.
const RT_FLAGS: [number, string][] = [
  [0x1, 'dead'], [0x4, 'onlink'], [0x2, 'pervasive'], [0x8, 'offload'], [0x40, 'trap'], [0x100, 'notify'],
  [0x10, 'linkdown'], [0x20, 'unresolved'], [0x2000, 'rt_offload'], [0x4000, 'rt_trap'], [0x8000, 'rt_offload_failed'],
];

// print_cache_flags(): the RTCF_* bits (linux/in_route.h) the kernel puts in the high half of an
// IPv4 clone's rtm_flags, in ip's order.
const RTCF: [number, string][] = [
  [0x80000000, 'local'], [0x40000000, 'reject'], [0x20000000, 'mc'], [0x10000000, 'brd'], [0x08000000, 'dst-nat'],
  [0x00800000, 'snat'], [0x00400000, 'masq'], [0x04000000, 'src-direct'], [0x00040000, 'redirected'],
  [0x01000000, 'redirect'], [0x00200000, 'fastroute'], [0x00010000, 'notify'], [0x00080000, 'tproxy'],
];

/** The `cache <local,brd>` words of an IPv4 clone, plus ip's hex for bits it has no name for. */
function cacheFlagWords(flags: number): string[] {
  let rest = flags & ~0xffff;
  const words: string[] = [];
  for (const [b, n] of RTCF) if (rest & b) { words.push(n); rest &= ~b; }
  if (rest) words.push((rest >>> 0).toString(16));
  return words;
}

/** The flag words of rtm_flags/rtnh_flags as ip prints them. */
export function routeFlagWords(flags: number): string[] {
  return RT_FLAGS.filter(([b]) => flags & b).map(([, n]) => n);
}

/** What the route printer needs besides the route. */
export interface RoutePrintOptions {
  /** Device name of an ifindex. */
  name(index: number): string;
  details?: boolean;
  /** True when the listing was filtered to one table (then `table X` is not repeated). */
  tableFiltered?: boolean;
  /** Fields the listing was filtered on exactly, which ip then leaves out (its `*mask = -1`). */
  hide?: { dev?: boolean; via?: boolean; protocol?: boolean; scope?: boolean; tos?: boolean; metric?: boolean; iif?: boolean; realms?: boolean; src?: boolean };
  deleted?: boolean;
  /** -s: cacheinfo's users, used and age too. */
  stats?: number;
  /** With -d, ip's `nh_info` line for a route through nexthop object `id` (undefined: none to print). */
  nhInfo?(id: number): { text: string; json: Record<string, JsonValue> } | undefined;
}

/** print_rta_via(): `via inet6 ADDR `, JSON `"via": { family, host }`. */
function viaText(via: { family: number; addr: string }, j: Record<string, JsonValue>): string {
  const fam = via.family === 10 ? 'inet6' : via.family === 2 ? 'inet' : String(via.family);
  j.via = { family: fam, host: via.addr };
  return `via ${fam} ${paint(familyColor(via.family), `${via.addr} `)}`;
}

// sysconf(_SC_CLK_TCK): rta_cacheinfo counts in USER_HZ ticks, which is 100 on Linux.
const USER_HZ = 100;

/** print_rta_cacheinfo(): `expires 299sec `, `error N `, with -s users/used/age, ipid, ts. */
function cacheinfo(ci: RouteCacheinfo, j: Record<string, JsonValue>, stats: number): string {
  let t = '';
  // C's int division truncates toward zero.
  if (ci.expires) { const e = Math.trunc(ci.expires / USER_HZ); t += `expires ${e}sec `; j.expires = e; }
  if (ci.error) { t += `error ${ci.error} `; j.error = ci.error; }
  if (stats) {
    if (ci.clntref) { t += `users ${ci.clntref} `; j.users = ci.clntref; }
    if (ci.used) { t += `used ${ci.used} `; j.used = ci.used; }
    if (ci.lastuse) { const age = Math.trunc(ci.lastuse / USER_HZ); t += `age ${age}sec `; j.age = age; }
  }
  if (ci.id) { const id = `0x${ci.id.toString(16).padStart(4, '0')}`; t += `ipid ${id} `; j.ipid = id; }
  if (ci.ts || ci.tsage) { const ts = `0x${ci.ts.toString(16)}`; t += `ts ${ts}tsage ${ci.tsage}sec `; j.ts = ts; j.tsage = ci.tsage; }
  return t;
}

// print_rta_metrics(): RTAX_* in number order, by ip's mx_names.
const METRICS: [number, keyof RouteMetrics, string][] = [
  [2, 'mtu', 'mtu'], [3, 'window', 'window'], [4, 'rtt', 'rtt'], [5, 'rttvar', 'rttvar'], [6, 'ssthresh', 'ssthresh'],
  [7, 'cwnd', 'cwnd'], [8, 'advmss', 'advmss'], [9, 'reordering', 'reordering'], [10, 'hoplimit', 'hoplimit'],
  [11, 'initcwnd', 'initcwnd'], [12, 'features', 'features'], [13, 'rto_min', 'rto_min'], [14, 'initrwnd', 'initrwnd'],
  [15, 'quickack', 'quickack'], [16, 'cc_algo', 'congctl'], [17, 'fastopen_no_cookie', 'fastopen_no_cookie'],
];
const RTAX_FEATURE_ECN = 1;

/**
 * The metrics as ip prints them: `mtu lock 1300 `, `rtt 12ms ` (the kernel keeps rtt as 8x and
 * rttvar as 4x milliseconds), `congctl lock cubic ` (JSON `"congestion"`); a locked metric with
 * no value prints as 0. JSON: `"metrics": [ { ... } ]`, without the lock.
 */
function metricsText(m: RouteMetrics, j: Record<string, JsonValue>): string {
  const lock = m.lock ?? 0;
  const mj: Record<string, JsonValue> = {};
  let t = '';
  for (const [i, key, name] of METRICS) {
    const raw = m[key];
    const locked = (lock & (1 << i)) !== 0;
    if (raw === undefined && !locked) continue;
    let val = typeof raw === 'number' ? raw >>> 0 : 0;
    if (i === 10 && (val | 0) === -1) continue;
    t += `${name} ${locked ? 'lock ' : ''}`;
    if (i === 16) { t += `${String(raw ?? '')} `; mj.congestion = String(raw ?? ''); continue; }
    if (i === 12) {
      let rest = val;
      if (rest & RTAX_FEATURE_ECN) { t += 'ecn '; mj.ecn = null; rest &= ~RTAX_FEATURE_ECN; }
      if (rest) { t += `0x${val.toString(16)} `; mj.features = `0x${val.toString(16)}`; }
      continue;
    }
    if (i === 4 || i === 5 || i === 13) {
      if (i === 4) val = Math.trunc(val / 8);
      else if (i === 5) val = Math.trunc(val / 4);
      // C's "%g" of seconds: up to 6 significant digits, no trailing zeros.
      t += val >= 1000 ? `${Number((val / 1e3).toPrecision(6))}s ` : `${val}ms `;
      mj[name] = val;
      continue;
    }
    t += `${val} `;
    mj[name] = val;
  }
  j.metrics = [mj];
  return t;
}

/** print_rta_flow(): `realm TO ` or `realms FROM/TO `, JSON `"flow": { from?, to }`. */
function flowText(flow: number, j: Record<string, JsonValue>): string {
  const from = flow >>> 16;
  const to = flow & 0xffff;
  const fj: Record<string, JsonValue> = {};
  if (from) fj.from = nameOf(realms, from);
  fj.to = nameOf(realms, to);
  j.flow = fj;
  return from ? `realms ${fj.from as string}/${fj.to as string} ` : `realm ${fj.to as string} `;
}

function dstWord(r: RouteMessage): string {
  if (r.attrs.dst !== undefined) return r.header.dst_len !== HOST_LEN[r.header.family] ? `${r.attrs.dst}/${r.header.dst_len}` : r.attrs.dst;
  return r.header.dst_len ? `0/${r.header.dst_len}` : 'default';
}

/** Builds both representations in one pass so text and JSON cannot drift apart. */
function build(r: RouteMessage, o: RoutePrintOptions): { text: string; json: Record<string, JsonValue> } {
  const a = r.attrs;
  const h = r.header;
  const j: Record<string, JsonValue> = {};
  let t = '';
  if (o.deleted) { t += 'Deleted '; j.deleted = true; }
  if (h.type !== RTN_UNICAST || o.details) { const ty = nameOf(routeTypes, h.type); t += `${ty} `; j.type = ty; }
  const dst = dstWord(r);
  // ip paints a destination only when there is an RTA_DST (not `default`).
  t += paint(a.dst !== undefined ? familyColor(h.family) : undefined, `${dst} `);
  j.dst = dst;
  if (a.src !== undefined) {
    const from = h.src_len && h.src_len !== HOST_LEN[h.family] ? `${a.src}/${h.src_len}` : a.src;
    t += `from ${from} `;
    j.from = from;
  } else if (h.src_len) { t += `from 0/${h.src_len} `; j.from = `0/${h.src_len}`; }
  if (a.nh_id !== undefined) { t += `nhid ${a.nh_id} `; j.nhid = a.nh_id; }
  if (h.tos && !o.hide?.tos) { const tos = numeric.on ? `0x${h.tos.toString(16).padStart(2, '0')}` : dsfields.name(h.tos); t += `tos ${tos} `; j.tos = tos; }
  if (a.gateway !== undefined && !o.hide?.via) { t += `via ${paint(familyColor(h.family), `${a.gateway} `)}`; j.gateway = a.gateway; }
  if (a.via !== undefined) t += viaText(a.via, j);
  if (a.oif !== undefined && !o.hide?.dev) { const d = o.name(a.oif); t += `dev ${paint('ifname', `${d} `)}`; j.dev = d; }
  const table = a.table ?? h.table;
  if (table && (table !== RT_TABLE_MAIN || o.details) && !o.tableFiltered) { const tb = nameOf(tables, table); t += `table ${tb} `; j.table = tb; }
  if (!(h.flags & RTM_F_CLONED)) {
    if ((h.protocol !== RTPROT_BOOT || o.details) && !o.hide?.protocol) { const p = nameOf(protocols, h.protocol); t += `proto ${p} `; j.protocol = p; }
    if ((h.scope !== 0 || o.details) && !o.hide?.scope) { const s = nameOf(scopes, h.scope); t += `scope ${s} `; j.scope = s; }
  }
  if (a.prefsrc !== undefined && !o.hide?.src) { t += `src ${paint(familyColor(h.family), `${a.prefsrc} `)}`; j.prefsrc = a.prefsrc; }
  if (a.priority !== undefined && !o.hide?.metric) { t += `metric ${a.priority} `; j.metric = a.priority; }
  const fw = routeFlagWords(h.flags);
  for (const f of fw) t += `${f} `;
  j.flags = fw;
  // ip prints marks below 16 in decimal and the rest in hex (`mark 5`, `mark 0x10`).
  if (a.mark !== undefined) { t += `mark ${a.mark < 16 ? a.mark : `0x${a.mark.toString(16)}`} `; j.mark = a.mark; }
  if (a.flow !== undefined && !o.hide?.realms) t += flowText(a.flow, j);
  if (a.uid !== undefined) { t += `uid ${a.uid} `; j.uid = a.uid; }
  if (h.family === 2 && h.flags & RTM_F_CLONED) {
    // ip prints the cache line for IPv4 clones only; an IPv6 exception stays on one line.
    const words = cacheFlagWords(h.flags);
    t += `\n    cache ${words.length ? `<${words.join(',')}> ` : ''}`;
    j.cache = words;
  }
  if (a.cacheinfo) t += cacheinfo(a.cacheinfo, j, o.stats ?? 0);
  if (a.metrics) t += metricsText(a.metrics, j);
  if (a.iif !== undefined && !o.hide?.iif) { const d = o.name(a.iif); t += `iif ${d} `; j.iif = d; }
  if (a.pref !== undefined) { const p = routePrefs.name(a.pref); t += `pref ${p}`; j.pref = p; }
  const nhInfo = a.nh_id !== undefined && o.details ? o.nhInfo?.(a.nh_id) : undefined;
  if (nhInfo) { t += `\n\tnh_info ${nhInfo.text}`; j.nh_info = nhInfo.json; }
  if (a.multipath) {
    const hops: Record<string, JsonValue>[] = [];
    for (const nh of a.multipath) {
      const hj: Record<string, JsonValue> = {};
      t += '\n\tnexthop ';
      // ip paints a next hop's gateway but not its device.
      if (nh.attrs.gateway !== undefined) { t += `via ${paint(familyColor(h.family), `${nh.attrs.gateway} `)}`; hj.gateway = nh.attrs.gateway; }
      if (nh.attrs.via !== undefined) t += viaText(nh.attrs.via, hj);
      if (nh.ifindex) { const d = o.name(nh.ifindex); t += `dev ${d} `; hj.dev = d; }
      t += `weight ${nh.hops + 1} `;
      hj.weight = nh.hops + 1;
      const nf = routeFlagWords(nh.flags);
      for (const f of nf) t += `${f} `;
      hj.flags = nf;
      hops.push(hj);
    }
    j.nexthops = hops;
  }
  return { text: t, json: j };
}

/** One route in ip's text layout (no trailing newline). */
export function routeText(r: RouteMessage, o: RoutePrintOptions): string { return build(r, o).text; }

/** One route as an `ip -j route` object. */
export function routeJson(r: RouteMessage, o: RoutePrintOptions): Record<string, JsonValue> { return build(r, o).json; }
