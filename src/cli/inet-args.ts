/**
 * Addresses, prefixes and link-layer addresses on the command line, read exactly as iproute2
 * 6.1 reads them (utils.c get_addr_1/get_prefix_1, ll_addr_a2n), so nlctl accepts, refuses and
 * words the same inputs as ip: a bad one is `Error: inet prefix is expected rather than "X".`
 * with exit 1, the family named after what the command line fixed so far ("any valid" before).
 * Accepted values come back as canonical text for the library.
 */

import { formatIP, parseIPv6 } from '../netlink/inet.js';
import { CliError } from './errors.js';
import { strtoul } from '../netlink/route/names.js';
import { getAddrIPv4 } from '../netlink/route/cidr.js';

/** The family a command line has fixed so far (ip's req.*_family): 0, AF_INET (2) or AF_INET6 (10). */
export interface FamilyState { family: number }

/** An address or prefix as ip parsed it. */
export interface InetArg {
  /** 2 or 10; 0 for `default`/`any`/`all` before any family is known. */
  family: number;
  /** The address alone, canonical ('10.0.0.1'); '' for `default`/`any`/`all` without a family. */
  address: string;
  /** The prefix length (the full width when none was written; 0 for `default`). */
  bitlen: number;
  /** A length was written (ip's PREFIXLEN_SPECIFIED); `default` counts as written. */
  explicit: boolean;
  /** The word was `default`, `any` or `all`. */
  any: boolean;
}

/** iproute2 get_addr_1(): undefined where ip fails. */
function getAddr1(name: string, family: number): InetArg | undefined {
  if (name === 'default' || name === 'all' || name === 'any') {
    const address = family === 2 ? '0.0.0.0' : family === 10 ? '::' : '';
    return { family, address, bitlen: 0, explicit: name === 'default', any: true };
  }
  if (name.includes(':')) {
    if (family !== 0 && family !== 10) return undefined;
    // inet_pton(3): no zone index, no brackets.
    const b = name.includes('%') ? undefined : parseIPv6(name);
    return b ? { family: 10, address: formatIP(b), bitlen: 128, explicit: false, any: false } : undefined;
  }
  if (family !== 0 && family !== 2) return undefined;
  const v4 = getAddrIPv4(name);
  return v4 ? { family: 2, address: v4.join('.'), bitlen: 32, explicit: false, any: false } : undefined;
}

// iproute2 get_unsigned(base 0), then a contiguous dotted netmask.
function netmask(text: string): number | undefined {
  const r = strtoul(text);
  if (r && r.rest === '') return r.value <= 0xffffffff ? r.value : undefined;
  const v4 = getAddrIPv4(text);
  if (!v4) return undefined;
  const bits = v4.map((b) => b.toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits) ? bits.indexOf('0') < 0 ? 32 : bits.indexOf('0') : undefined;
}

/** iproute2 get_prefix_1(): undefined where ip fails. */
function getPrefix1(arg: string, family: number): InetArg | undefined {
  const slash = arg.indexOf('/');
  const a = getAddr1(slash < 0 ? arg : arg.slice(0, slash), family);
  if (!a) return undefined;
  if (slash < 0) return a;
  if (a.any) return undefined;
  const plen = netmask(arg.slice(slash + 1));
  if (plen === undefined || plen > a.bitlen) return undefined;
  return { ...a, bitlen: plen, explicit: true };
}

function familyName(family: number): string {
  return family === 2 ? 'inet' : family === 10 ? 'inet6' : 'any valid';
}

function settle(st: FamilyState, a: InetArg): InetArg {
  if (!st.family) st.family = a.family;
  return a;
}

/** ip's get_addr(): an address in the command's family (or `family`, for `via inet6 ADDR`), exit 1 otherwise. */
export function ipAddress(st: FamilyState, value: string, family = st.family): InetArg {
  const a = getAddr1(value, family);
  if (!a) throw new CliError(`Error: ${familyName(family)} address is expected rather than "${value}".`, 1);
  return settle(st, a);
}

/** ip's get_prefix(): an ADDR[/LEN] in the command's family, exit 1 otherwise. */
export function ipPrefix(st: FamilyState, value: string): InetArg {
  const a = getPrefix1(value, st.family);
  if (!a) throw new CliError(`Error: ${familyName(st.family)} prefix is expected rather than "${value}".`, 1);
  return settle(st, a);
}

/** The text of a parsed prefix for the library: the address, with the length only when one was written. */
export function prefixText(a: InetArg, word: string): string {
  if (a.any) return word;
  return a.explicit ? `${a.address}/${a.bitlen}` : a.address;
}

/**
 * iproute2 ll_addr_a2n() into neighbour's 20-byte buffer: a dotted IPv4 address is 4 bytes; else
 * up to 20 ':'-separated parts, each read by sscanf("%x") (so '0x02' and '0g' pass, as 2 and 0).
 * Returns canonical hex pairs; a bad part is ip's `"X" is invalid lladdr.` with exit 1.
 */
export function llAddr(text: string): string {
  const bad = (part: string) => new CliError(`"${part}" is invalid lladdr.`, 1);
  if (text.includes('.')) {
    const v4 = getAddr1(text, 2);
    if (!v4 || v4.any) throw bad(text);
    return v4.address.split('.').map((b) => Number(b).toString(16).padStart(2, '0')).join(':');
  }
  const out: string[] = [];
  let rest: string | undefined = text;
  while (rest !== undefined && out.length < 20) {
    const colon = rest.indexOf(':');
    const part: string = colon < 0 ? rest : rest.slice(0, colon);
    rest = colon < 0 ? undefined : rest.slice(colon + 1);
    const m = /^\s*([+-]?)(?:0x)?([0-9a-f]+)/i.exec(part);
    const n = m ? parseInt(m[2]!, 16) * (m[1] === '-' ? -1 : 1) : NaN;
    if (!(n >= 0 && n <= 255)) throw bad(part);
    out.push(n.toString(16).padStart(2, '0'));
  }
  return out.join(':');
}
