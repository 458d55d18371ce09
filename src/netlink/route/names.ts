/**
 * Names of rtnetlink enum values and flag bits, both directions, spelled as iproute2 spells
 * them (its rt_scopes, rt_protos and rt_tables default files, lib/rt_names.c, ip neigh and
 * ip address flag names). Pure: the CLI and the printers use it as much as the services do.
 */

import { UsageError } from '../errors.js';
import * as K from './constants.js';

/** A two-way table between the numbers of one enum and their iproute2 names. */
export interface NameTable {
  /** What the values are ('scope', 'protocol'), for error messages. */
  readonly kind: string;
  /** The [number, name] pairs, in number order. */
  readonly entries: readonly (readonly [number, string])[];
  /** The name of `n`, or its decimal number when it has none (as ip prints unknown values). */
  name(n: number): string;
  /** The number of a name, alias or numeric string, or undefined when it is none of those. */
  lookup(s: string | number): number | undefined;
  /** Like lookup, but throws a UsageError listing the known names. */
  parse(s: string | number): number;
}

// C's isspace() in the C locale, a sign, the digits of the base, the rest.
const STRTOUL = {
  0: /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)([^]*)$/,
  10: /^[ \t\n\v\f\r]*([+-]?)(\d+)([^]*)$/,
  16: /^[ \t\n\v\f\r]*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)([^]*)$/,
} as const;

/**
 * C's strtoul() as iproute2 calls it: leading C-locale blanks, an optional sign, then with base 0
 * a 0x hex, 0 octal or decimal number (ip reads `metric 010` as 8), with base 16 hex with or
 * without 0x, with base 10 decimal. Returns the value and what follows it, or undefined when no
 * digit was read. A negative number wraps as C's does (`-0` is 0; anything else is huge, so any
 * range check refuses it).
 */
export function strtoul(text: string, base: 0 | 10 | 16 = 0): { value: number; rest: string } | undefined {
  const m = STRTOUL[base].exec(text);
  if (!m) return undefined;
  const d = m[2]!;
  let value = base !== 0 ? parseInt(d, base) : /^0[xX]/.test(d) ? parseInt(d.slice(2), 16) : d.length > 1 && d[0] === '0' ? parseInt(d, 8) : Number(d);
  if (m[1] === '-' && value !== 0) value = 2 ** 64 - value;
  return { value, rest: m[3]! };
}

/** The DS field (TOS) names of iproute2 6.1's default rt_dsfield, case-sensitive as ip reads them. */
const DSFIELD_NAMES: readonly (readonly [number, string])[] = [
  [0x00, 'default'], [0x28, 'AF11'], [0x30, 'AF12'], [0x38, 'AF13'], [0x48, 'AF21'], [0x50, 'AF22'], [0x58, 'AF23'],
  [0x68, 'AF31'], [0x70, 'AF32'], [0x78, 'AF33'], [0x88, 'AF41'], [0x90, 'AF42'], [0x98, 'AF43'], [0x20, 'CS1'],
  [0x40, 'CS2'], [0x60, 'CS3'], [0x80, 'CS4'], [0xa0, 'CS5'], [0xc0, 'CS6'], [0xe0, 'CS7'], [0xb8, 'EF'],
];

/** TOS / DS field byte: a name ('AF11') or hex with or without 0x ('10' is 0x10), as ip's rtnl_dsfield_a2n; printed as a name or 0x%02x. */
export const dsfields = {
  parse(s: string): number | undefined {
    const named = DSFIELD_NAMES.find(([, n]) => n === s);
    if (named) return named[0];
    const r = strtoul(s, 16);
    return r && r.rest === '' && r.value <= 255 ? r.value : undefined;
  },
  name(n: number): string {
    return DSFIELD_NAMES.find(([v]) => v === n)?.[1] ?? `0x${n.toString(16).padStart(2, '0')}`;
  },
};

function nameTable(kind: string, max: number, entries: [number, string][], aliases: Record<string, number> = {}): NameTable {
  const byNumber = new Map(entries);
  const byName = new Map<string, number>([...entries.map(([n, s]) => [s, n] as const), ...Object.entries(aliases)]);
  const lookup = (s: string | number): number | undefined => {
    if (typeof s === 'number') return Number.isInteger(s) && s >= 0 && s <= max ? s : undefined;
    const named = byName.get(s);
    if (named !== undefined) return named;
    // ip takes a number wherever it takes a name, read by strtoul(base 0): 0x hex, 0 octal, decimal.
    const r = strtoul(s);
    return r && r.rest === '' && r.value <= max ? r.value : undefined;
  };
  return {
    kind, entries: [...entries].sort((a, b) => a[0] - b[0]),
    name: (n) => byNumber.get(n) ?? String(n),
    lookup,
    parse(s) {
      const n = lookup(s);
      if (n === undefined) {
        throw new UsageError(`invalid ${kind} ${JSON.stringify(s)}: expected one of ${[...byName.keys()].join(', ')} or a number 0-${max}`);
      }
      return n;
    },
  };
}

/** Route and address scopes (rt_scopes); 'universe' is accepted for 'global'. */
export const scopes = nameTable('scope', 255, [
  [K.RT_SCOPE_UNIVERSE, 'global'], [K.RT_SCOPE_SITE, 'site'], [K.RT_SCOPE_LINK, 'link'],
  [K.RT_SCOPE_HOST, 'host'], [K.RT_SCOPE_NOWHERE, 'nowhere'],
], { universe: K.RT_SCOPE_UNIVERSE });

/** Route protocols (rt_protos). */
export const protocols = nameTable('protocol', 255, [
  [K.RTPROT_UNSPEC, 'unspec'], [K.RTPROT_REDIRECT, 'redirect'], [K.RTPROT_KERNEL, 'kernel'], [K.RTPROT_BOOT, 'boot'],
  [K.RTPROT_STATIC, 'static'], [K.RTPROT_GATED, 'gated'], [K.RTPROT_RA, 'ra'], [K.RTPROT_MRT, 'mrt'],
  [K.RTPROT_ZEBRA, 'zebra'], [K.RTPROT_BIRD, 'bird'], [K.RTPROT_DNROUTED, 'dnrouted'], [K.RTPROT_XORP, 'xorp'],
  [K.RTPROT_NTK, 'ntk'], [K.RTPROT_DHCP, 'dhcp'], [K.RTPROT_KEEPALIVED, 'keepalived'], [K.RTPROT_BABEL, 'babel'],
  [K.RTPROT_OPENR, 'openr'], [K.RTPROT_BGP, 'bgp'], [K.RTPROT_ISIS, 'isis'], [K.RTPROT_OSPF, 'ospf'],
  [K.RTPROT_RIP, 'rip'], [K.RTPROT_EIGRP, 'eigrp'],
]);

/** Routing tables (rt_tables); ids above 255 travel in RTA_TABLE. */
export const tables = nameTable('table', 0xffffffff, [
  [K.RT_TABLE_UNSPEC, 'unspec'], [K.RT_TABLE_DEFAULT, 'default'], [K.RT_TABLE_MAIN, 'main'], [K.RT_TABLE_LOCAL, 'local'],
]);

/** Route types (rtm_type), as ip route spells them; RTN_UNSPEC prints as 'none'. */
export const routeTypes = nameTable('route type', 255, [
  [K.RTN_UNSPEC, 'none'], [K.RTN_UNICAST, 'unicast'], [K.RTN_LOCAL, 'local'], [K.RTN_BROADCAST, 'broadcast'],
  [K.RTN_ANYCAST, 'anycast'], [K.RTN_MULTICAST, 'multicast'], [K.RTN_BLACKHOLE, 'blackhole'],
  [K.RTN_UNREACHABLE, 'unreachable'], [K.RTN_PROHIBIT, 'prohibit'], [K.RTN_THROW, 'throw'], [K.RTN_NAT, 'nat'],
  [K.RTN_XRESOLVE, 'xresolve'],
]);

/** Address protocols (IFA_PROTO, ip address ... proto). */
export const addrProtocols = nameTable('address protocol', 255, [
  [K.IFAPROT_UNSPEC, 'unspec'], [K.IFAPROT_KERNEL_LO, 'kernel_lo'], [K.IFAPROT_KERNEL_RA, 'kernel_ra'], [K.IFAPROT_KERNEL_LL, 'kernel_ll'],
]);

/** Route realms (rt_realms; iproute2's default file names only 0). */
export const realms = nameTable('realm', 255, [[0, 'cosmos']]);

/** IPv6 router preference (RTA_PREF; ICMPV6_ROUTER_PREF_* from linux/icmpv6.h). */
export const routePrefs = nameTable('route preference', 255, [[0, 'medium'], [1, 'high'], [3, 'low']]);

/** Address families by ip's words (rtm_family, ifa_family, ndm_family). */
export const families = nameTable('family', 255, [[0, 'unspec'], [2, 'inet'], [7, 'bridge'], [10, 'inet6'], [128, 'ipmr'], [129, 'ip6mr']]);

/** A table between the bits of a flags word and their names. */
export interface FlagTable {
  readonly kind: string;
  readonly entries: readonly (readonly [number, string])[];
  /** The names of the bits set in `bits`; bits without a name come last as one '0x..' word. */
  names(bits: number): string[];
  /** The bits of a list of names; throws a UsageError on an unknown name. */
  parse(names: readonly string[]): number;
  /** The bit of one name, or undefined. */
  lookup(name: string): number | undefined;
}

function flagTable(kind: string, entries: [number, string][], aliases: Record<string, number> = {}): FlagTable {
  const byName = new Map<string, number>([...entries.map(([n, s]) => [s, n] as const), ...Object.entries(aliases)]);
  return {
    kind, entries,
    names(bits) {
      const out: string[] = [];
      let rest = bits >>> 0;
      for (const [b, s] of entries) if (b && (bits & b) === b && rest & b) { out.push(s); rest &= ~b; }
      if (rest) out.push(`0x${(rest >>> 0).toString(16)}`);
      return out;
    },
    lookup: (s) => byName.get(s),
    parse(list) {
      let bits = 0;
      for (const s of list) {
        const b = byName.get(s);
        if (b === undefined) throw new UsageError(`invalid ${kind} ${JSON.stringify(s)}: expected one of ${[...byName.keys()].join(', ')}`);
        bits |= b;
      }
      return bits >>> 0;
    },
  };
}

/** Neighbour states (ndm_state, NUD_*). NUD_NONE is 0, so it names the empty set. */
export const nudStates = flagTable('neighbour state', [
  [K.NUD_INCOMPLETE, 'incomplete'], [K.NUD_REACHABLE, 'reachable'], [K.NUD_STALE, 'stale'], [K.NUD_DELAY, 'delay'],
  [K.NUD_PROBE, 'probe'], [K.NUD_FAILED, 'failed'], [K.NUD_NOARP, 'noarp'], [K.NUD_PERMANENT, 'permanent'],
], { none: K.NUD_NONE });

/** Neighbour flags (ndm_flags, NTF_*), as ip neigh prints them. */
export const neighFlags = flagTable('neighbour flag', [
  [K.NTF_USE, 'use'], [K.NTF_SELF, 'self'], [K.NTF_MASTER, 'master'], [K.NTF_PROXY, 'proxy'],
  [K.NTF_EXT_LEARNED, 'extern_learn'], [K.NTF_OFFLOADED, 'offload'], [K.NTF_STICKY, 'sticky'], [K.NTF_ROUTER, 'router'],
]);

/**
 * Address flags (ifa_flags and IFA_FLAGS, IFA_F_*), as ip address prints them. 0x1 is
 * 'secondary' for IPv4 and 'temporary' for IPv6; both names parse to it.
 */
export const addrFlags = flagTable('address flag', [
  [K.IFA_F_SECONDARY, 'secondary'], [K.IFA_F_NODAD, 'nodad'], [K.IFA_F_OPTIMISTIC, 'optimistic'],
  [K.IFA_F_DADFAILED, 'dadfailed'], [K.IFA_F_HOMEADDRESS, 'home'], [K.IFA_F_DEPRECATED, 'deprecated'],
  [K.IFA_F_TENTATIVE, 'tentative'], [K.IFA_F_PERMANENT, 'permanent'], [K.IFA_F_MANAGETEMPADDR, 'mngtmpaddr'],
  [K.IFA_F_NOPREFIXROUTE, 'noprefixroute'], [K.IFA_F_MCAUTOJOIN, 'autojoin'], [K.IFA_F_STABLE_PRIVACY, 'stable-privacy'],
], { temporary: K.IFA_F_TEMPORARY });

/** Next-hop flags (rtm_flags and rtnh_flags, RTNH_F_*), as ip route prints them. */
export const nexthopFlags = flagTable('next-hop flag', [
  [K.RTNH_F_DEAD, 'dead'], [K.RTNH_F_PERVASIVE, 'pervasive'], [K.RTNH_F_ONLINK, 'onlink'], [K.RTNH_F_OFFLOAD, 'offload'],
  [K.RTNH_F_LINKDOWN, 'linkdown'], [K.RTNH_F_UNRESOLVED, 'unresolved'], [K.RTNH_F_TRAP, 'trap'],
]);
