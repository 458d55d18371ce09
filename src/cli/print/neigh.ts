/** Neighbours as `ip neigh show` prints them (`10.0.0.2 dev v0 lladdr 02:.. PERMANENT `) and as `ip -j` objects. */

import { familyColor, paint } from './color.js';
import type { NeighMessage } from '../../netlink/route/neigh.js';
import { protocols } from '../../netlink/route/names.js';
import type { JsonValue } from './json.js';
import { nameOf } from './numeric.js';

// ip's nud_state_a order: bit order, upper case.
const STATES: [number, string][] = [
  [0x01, 'INCOMPLETE'], [0x02, 'REACHABLE'], [0x04, 'STALE'], [0x08, 'DELAY'], [0x10, 'PROBE'], [0x20, 'FAILED'],
  [0x40, 'NOARP'], [0x80, 'PERMANENT'],
];
const FLAGS: [number, string][] = [[0x80, 'router'], [0x08, 'proxy'], [0x10, 'extern_learn'], [0x20, 'offload']];

/** The NUD state words ip prints. */
export function nudWords(state: number): string[] {
  const out = STATES.filter(([b]) => state & b).map(([, n]) => n);
  const rest = state & ~0xff;
  if (rest) out.push(`0x${rest.toString(16)}`);
  return out;
}

/** What the neighbour printer needs besides the entry. */
export interface NeighPrintOptions {
  name(index: number): string;
  /** Listing filtered to one device: ip leaves `dev` out. */
  hideDev?: boolean;
  deleted?: boolean;
  /** -s: ages (used/confirmed/updated, in seconds), reference count and probes. */
  stats?: boolean;
}

// ip divides nda_cacheinfo's clock ticks by sysconf(_SC_CLK_TCK), which is USER_HZ: 100 on Linux.
const USER_HZ = 100;

function build(n: NeighMessage, o: NeighPrintOptions): { text: string; json: Record<string, JsonValue> } {
  const j: Record<string, JsonValue> = {};
  let t = '';
  if (o.deleted) { t += 'Deleted '; j.deleted = true; }
  if (n.attrs.dst !== undefined) { t += paint(familyColor(n.header.family), `${n.attrs.dst} `); j.dst = n.attrs.dst; }
  if (!o.hideDev && n.header.ifindex) { const d = o.name(n.header.ifindex); t += `dev ${paint('ifname', `${d} `)}`; j.dev = d; }
  if (n.attrs.lladdr !== undefined) { t += `lladdr ${paint('mac', `${n.attrs.lladdr} `)}`; j.lladdr = n.attrs.lladdr; }
  // ip prints these flags as JSON nulls (print_null).
  for (const [b, w] of FLAGS) if (n.header.flags & b) { t += `${w} `; j[w] = null; }
  // NDA_FLAGS_EXT's NTF_EXT_MANAGED, after the ndm_flags words.
  if ((n.attrs.flags_ext ?? 0) & 0x1) { t += 'managed '; j.managed = null; }
  if (o.stats) {
    const ci = n.attrs.cacheinfo;
    if (ci) {
      if (ci.refcnt) { t += ` ref ${ci.refcnt}`; j.refcnt = ci.refcnt; }
      const [used, confirmed, updated] = [ci.used, ci.confirmed, ci.updated].map((v) => Math.floor(v / USER_HZ)) as [number, number, number];
      t += ` used ${used}/${confirmed}/${updated}`;
      Object.assign(j, { used, confirmed, updated });
    }
    // "probes %u " right after the ages: ip 6.1 prints 'used 5/5/5probes 0'.
    if (n.attrs.probes !== undefined) { t += `probes ${n.attrs.probes} `; j.probes = n.attrs.probes; }
  }
  if (n.header.state) {
    const s = nudWords(n.header.state);
    for (const w of s) t += `${w} `;
    j.state = s;
  }
  if (n.attrs.protocol !== undefined) { const p = nameOf(protocols, n.attrs.protocol); t += `proto ${p} `; j.protocol = p; }
  return { text: t, json: j };
}

/** One neighbour in ip's text layout (no newline). */
export function neighText(n: NeighMessage, o: NeighPrintOptions): string { return build(n, o).text; }
/** One neighbour as an `ip -j neigh` object. */
export function neighJson(n: NeighMessage, o: NeighPrintOptions): Record<string, JsonValue> { return build(n, o).json; }

/** One neighbour as `ip -br neigh` prints it: address, device and lladdr columns (no newline). */
export function neighBriefText(n: NeighMessage, o: NeighPrintOptions): string {
  let t = paint(familyColor(n.header.family), `${(n.attrs.dst ?? '').padEnd(39)} `);
  if (!o.hideDev && n.header.ifindex) t += paint('ifname', `${o.name(n.header.ifindex).padEnd(16)} `);
  return t + (n.attrs.lladdr !== undefined ? paint('mac', n.attrs.lladdr) : '');
}

/** One neighbour as an `ip -br -j neigh` object. */
export function neighBriefJson(n: NeighMessage, o: NeighPrintOptions): Record<string, JsonValue> {
  const j: Record<string, JsonValue> = {};
  if (n.attrs.dst !== undefined) j.dst = n.attrs.dst;
  if (!o.hideDev && n.header.ifindex) j.dev = o.name(n.header.ifindex);
  if (n.attrs.lladdr !== undefined) j.lladdr = n.attrs.lladdr;
  return j;
}
