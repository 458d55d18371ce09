/**
 * Addresses as `ip address show` prints them under their link: `    inet 10.0.0.1/24 brd
 * 10.0.0.255 scope global v0` + the lifetimes line, the -br columns, and the `addr_info`
 * objects of `ip -j`.
 */

import { familyColor, paint } from './color.js';
import type { AddrMessage } from '../../netlink/route/address.js';
import { scopes } from '../../netlink/route/names.js';
import type { JsonValue } from './json.js';
import { nameOf } from './numeric.js';

const INFINITY = 0xffffffff;
const IFA_F_SECONDARY = 0x01;
const IFA_F_PERMANENT = 0x80;
// ip's ifa_flag_names order (not bit order); 'permanent' prints as 'dynamic' when absent.
const FLAG_NAMES: [number, string][] = [
  [0x01, 'secondary'], [0x02, 'nodad'], [0x04, 'optimistic'], [0x08, 'dadfailed'], [0x10, 'home'],
  [0x20, 'deprecated'], [0x40, 'tentative'], [0x80, 'permanent'], [0x100, 'mngtmpaddr'], [0x200, 'noprefixroute'],
  [0x400, 'autojoin'], [0x800, 'stable-privacy'],
];

/** `inet`, `inet6`, or undefined for other families. */
export function familyName(f: number): string | undefined {
  return f === 2 ? 'inet' : f === 10 ? 'inet6' : undefined;
}

/** The flag words ip prints for an address, in its order (`dynamic`, `secondary`, `temporary`...). */
export function addrFlagWords(a: AddrMessage): { words: string[]; rest: number } {
  let flags = a.attrs.flags ?? a.header.flags;
  const words: string[] = [];
  for (const [mask, name] of FLAG_NAMES) {
    if (mask === IFA_F_PERMANENT) { if (!(flags & mask)) words.push('dynamic'); }
    else if (flags & mask) words.push(mask === IFA_F_SECONDARY && a.header.family === 10 ? 'temporary' : name);
    flags &= ~mask;
  }
  return { words, rest: flags >>> 0 };
}

function peerOf(a: AddrMessage): string | undefined {
  const { local, address } = a.attrs;
  return local !== undefined && address !== undefined && address !== local ? address : undefined;
}

function lifetimes(a: AddrMessage): string {
  const ci = a.attrs.cacheinfo;
  if (!ci) return '';
  const v = ci.valid === INFINITY ? 'forever' : `${ci.valid}sec`;
  const p = ci.prefered === INFINITY ? 'forever' : `${ci.prefered}sec`;
  return `\n       valid_lft ${v} preferred_lft ${p}`;
}

/** One address in ip's text layout (two lines, no trailing newline). */
export function addrText(a: AddrMessage, prefix = '    '): string {
  const fam = familyName(a.header.family);
  let s = fam ? `${prefix}${fam} ` : `${prefix}family ${a.header.family} `;
  s += addrBriefText(a);
  if (a.attrs.broadcast !== undefined) s += `brd ${paint(familyColor(a.header.family), `${a.attrs.broadcast} `)}`;
  if (a.attrs.anycast !== undefined) s += `any ${a.attrs.anycast} `;
  s += `scope ${nameOf(scopes, a.header.scope)} `;
  const { words, rest } = addrFlagWords(a);
  for (const w of words) s += `${w} `;
  if (rest) s += `flags ${rest.toString(16).padStart(2, '0')} `;
  if (a.attrs.label !== undefined) s += a.attrs.label;
  return s + lifetimes(a);
}

/** One `addr_info` object of `ip -j address show`. */
export function addrJson(a: AddrMessage): Record<string, JsonValue> {
  const fam = familyName(a.header.family);
  const j: Record<string, JsonValue> = fam ? { family: fam } : { family_index: a.header.family };
  Object.assign(j, addrBriefJson(a));
  if (a.attrs.broadcast !== undefined) j.broadcast = a.attrs.broadcast;
  if (a.attrs.anycast !== undefined) j.anycast = a.attrs.anycast;
  j.scope = nameOf(scopes, a.header.scope);
  const { words, rest } = addrFlagWords(a);
  for (const w of words) j[w] = true;
  if (rest) j.ifa_flags = rest.toString(16).padStart(2, '0');
  if (a.attrs.label !== undefined) j.label = a.attrs.label;
  const ci = a.attrs.cacheinfo;
  if (ci) {
    j.valid_life_time = ci.valid;
    j.preferred_life_time = ci.prefered;
  }
  return j;
}

/**
 * One address in the -br layout (`10.0.0.1/24 metric 55 `); the full layout starts the same way,
 * since ip prints the prefix route's metric (IFA_RT_PRIORITY) before its -br cut-off.
 */
export function addrBriefText(a: AddrMessage): string {
  const local = a.attrs.local ?? a.attrs.address;
  if (local === undefined) return '';
  const peer = peerOf(a);
  const metric = a.attrs.rt_priority !== undefined ? `metric ${a.attrs.rt_priority} ` : '';
  return `${paint(familyColor(a.header.family), local)}${peer !== undefined ? ` peer ${paint(familyColor(a.header.family), peer)}` : ''}/${a.header.prefixlen} ${metric}`;
}

/** One address of `ip -j -br address`. */
export function addrBriefJson(a: AddrMessage): Record<string, JsonValue> {
  const j: Record<string, JsonValue> = {};
  const local = a.attrs.local ?? a.attrs.address;
  if (local !== undefined) {
    j.local = local;
    const peer = peerOf(a);
    if (peer !== undefined) j.address = peer;
    j.prefixlen = a.header.prefixlen;
    if (a.attrs.rt_priority !== undefined) j.metric = a.attrs.rt_priority;
  }
  return j;
}

/** A RTM_NEWADDR/DELADDR event as `ip monitor address` prints it (`[Deleted ]3: v0    inet ...`). */
export function addrEventText(a: AddrMessage, devName: string, deleted: boolean): string {
  return `${deleted ? 'Deleted ' : ''}${a.header.index}: ${devName}${addrText(a)}`;
}
