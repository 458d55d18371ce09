/** Netconf events as `ip monitor netconf` prints them (ip 6.1's ipnetconf.c print_netconf). */

import type { JsonValue } from './json.js';
import { familyName } from './addr.js';
import type { NetconfAttrs } from '../../netlink/route/netconf.js';

/** A decoded RTM_*NETCONF body. */
export interface NetconfMessage { header: { family: number }; attrs: NetconfAttrs }

const RP_FILTER = ['off', 'strict', 'loose'];
const ON_OFF = ['forwarding', 'mc_forwarding', 'proxy_neigh', 'ignore_routes_with_linkdown', 'input'] as const;

// addr.ts's inet/inet6 words, plus the two other families ip's family_name() knows that send netconf.
function familyWord(f: number): string {
  return familyName(f) ?? (f === 28 ? 'mpls' : f === 7 ? 'bridge' : String(f));
}

/** `[Deleted ]inet m0 forwarding off rp_filter off ...` (no newline), and the matching JSON object. */
export function netconfEvent(m: NetconfMessage, name: (i: number) => string, deleted: boolean): { text: string; json: Record<string, JsonValue> } {
  const a = m.attrs;
  const j: Record<string, JsonValue> = deleted ? { deleted: true } : {};
  let t = `${deleted ? 'Deleted ' : ''}${familyWord(m.header.family)} `;
  j.family = familyWord(m.header.family);
  if (a.ifindex !== undefined) {
    const dev = a.ifindex === -1 ? 'all' : a.ifindex === -2 ? 'default' : name(a.ifindex);
    t += `${dev} `;
    j.interface = dev;
  }
  // ip's order: forwarding, rp_filter, then the other on/off switches.
  const onOff = (k: (typeof ON_OFF)[number]) => {
    const v = a[k];
    if (v === undefined) return;
    t += `${k} ${v ? 'on' : 'off'} `;
    j[k] = Boolean(v);
  };
  onOff('forwarding');
  if (a.rp_filter !== undefined) {
    const r = RP_FILTER[a.rp_filter] ?? 'unknown mode';
    t += `rp_filter ${r} `;
    j.rp_filter = r;
  }
  for (const k of ON_OFF.slice(1)) onOff(k);
  return { text: t, json: j };
}
