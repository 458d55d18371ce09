/** nft's words for families, hooks, protocols, ct states and priorities, both ways. */

import * as N from '../netfilter/constants.js';
import type { Family } from './types.js';

/** Table family words -> NFPROTO_*. */
export const FAMILIES: Record<Family, number> = {
  ip: N.NFPROTO_IPV4, ip6: N.NFPROTO_IPV6, inet: N.NFPROTO_INET, arp: N.NFPROTO_ARP, bridge: N.NFPROTO_BRIDGE, netdev: N.NFPROTO_NETDEV,
};

/** NFPROTO_* -> family word. */
export function familyName(n: number): Family {
  const f = (Object.keys(FAMILIES) as Family[]).find((k) => FAMILIES[k] === n);
  if (!f) throw new RangeError(`unknown nfproto ${n}`);
  return f;
}

/** Checks a family word. */
export function familyNumber(f: string): number {
  const n = FAMILIES[f as Family];
  if (n === undefined) throw new RangeError(`unknown family "${f}": one of ${Object.keys(FAMILIES).join(', ')}`);
  return n;
}

/** Hook words (ip, ip6, inet, bridge) -> NF_INET_*. */
export const HOOKS: Record<string, number> = {
  prerouting: N.NF_INET_PRE_ROUTING, input: N.NF_INET_LOCAL_IN, forward: N.NF_INET_FORWARD,
  output: N.NF_INET_LOCAL_OUT, postrouting: N.NF_INET_POST_ROUTING, ingress: N.NF_INET_INGRESS,
};

/** NF_INET_* -> hook word. */
export function hookName(n: number): string {
  return Object.keys(HOOKS).find((k) => HOOKS[k] === n) ?? String(n);
}

/** Layer-4 protocol words nft prints for meta l4proto. */
export const L4PROTOS: Record<string, number> = { icmp: 1, igmp: 2, tcp: 6, udp: 17, 'ipv6-icmp': 58, sctp: 132, udplite: 136, dccp: 33, esp: 50, ah: 51, gre: 47 };

/** l4proto number -> word (or the number). */
export function l4protoName(n: number): string | number {
  return Object.keys(L4PROTOS).find((k) => L4PROTOS[k] === n) ?? n;
}

/** ct state words -> bits (NF_CT_STATE_*_BIT), in the order nft prints them. */
export const CT_STATES: [string, number][] = [
  ['invalid', N.NF_CT_STATE_INVALID_BIT], ['established', N.NF_CT_STATE_ESTABLISHED_BIT],
  ['related', N.NF_CT_STATE_RELATED_BIT], ['new', N.NF_CT_STATE_NEW_BIT], ['untracked', N.NF_CT_STATE_UNTRACKED_BIT],
];

/**
 * Standard priority names nft 1.0 prints for ip/ip6/inet (src/rule.c std_prios): dstnat only on
 * prerouting and srcnat only on postrouting, the others on every hook.
 */
const STD_PRIOS: [string, number, string?][] = [
  ['raw', -300], ['mangle', -150], ['dstnat', -100, 'prerouting'], ['filter', 0], ['security', 50], ['srcnat', 100, 'postrouting'],
];

/**
 * The words nft prints for a base chain's priority: a standard name, with `+ N`/`- N` when
 * within 10 of one (nft 1.0.6: 10 -> `filter + 10`, 40 -> `security - 10`, 25 -> `25`), or the number.
 */
export function prioText(prio: number, hook: string, family: Family): string {
  if (family === 'ip' || family === 'ip6' || family === 'inet') {
    for (const [name, v, only] of STD_PRIOS) {
      if (only && only !== hook) continue;
      const off = prio - v;
      if (off === 0) return name;
      if (Math.abs(off) <= 10) return `${name} ${off > 0 ? '+' : '-'} ${Math.abs(off)}`;
    }
  }
  return String(prio);
}

/** A priority given as a number, or a standard word with an optional `+ N`/`- N` offset. */
export function parsePrio(words: string[]): number {
  const text = words.join(' ').trim();
  const m = /^([a-z]+)\s*(?:([+-])\s*(\d+))?$/.exec(text);
  if (m) {
    const std = STD_PRIOS.find(([n]) => n === m[1]);
    if (!std) throw new RangeError(`unknown priority "${m[1]}"`);
    const off = m[3] ? Number(m[3]) * (m[2] === '-' ? -1 : 1) : 0;
    return std[1] + off;
  }
  if (!/^-?\d+$/.test(text)) throw new RangeError(`bad priority "${text}"`);
  return Number(text);
}
