/**
 * Address and prefix parsing with validation, as `ip` reads them: '10.0.0.1/24',
 * '2001:db8::1/64', a bare address (a host prefix: /32 or /128), 'default', short IPv4
 * forms ('10/8') and IPv4 netmasks ('10.0.0.0/255.0.0.0'). Pure; errors are UsageErrors
 * that say what is wrong, found before anything is sent.
 */

import { UsageError } from '../errors.js';
import { formatIP, ipv4Number, parseIPv6 } from '../inet.js';
import { AF_INET, AF_INET6 } from './constants.js';
import { strtoul } from './names.js';

/** AF_INET or AF_INET6. */
export type InetFamily = typeof AF_INET | typeof AF_INET6;

/** A family as options spell it: ip's words, the -4/-6 shorthands, or the AF_ number. */
export type FamilyOption = 'inet' | 'inet6' | 4 | 6 | 2 | 10;

/** A parsed address. */
export interface Addr {
  family: InetFamily;
  /** Canonical text ('2001:db8::1'). */
  address: string;
  bytes: Buffer;
}

/** A parsed prefix: an address and a length. */
export interface Prefix extends Addr {
  prefixlen: number;
  /** The text carried a length (ip's PREFIXLEN_SPECIFIED: `addr del` treats a bare IPv4 address as a wildcard). */
  explicit: boolean;
}

/** The AF_ number of a family option, or undefined when none is given. */
export function parseFamily(f: FamilyOption | undefined): InetFamily | undefined {
  switch (f) {
    case undefined: return undefined;
    case 'inet': case 4: case AF_INET: return AF_INET;
    case 'inet6': case 6: case AF_INET6: return AF_INET6;
    default: throw new UsageError(`invalid family ${JSON.stringify(f)}: expected 'inet' or 'inet6'`);
  }
}

/** ip's word for a family, for messages. */
export function familyWord(f: InetFamily): string {
  return f === AF_INET ? 'IPv4' : 'IPv6';
}

/**
 * iproute2's get_addr_ipv4(): 1 to 4 parts, each read by strtoul(base 0) and at most 255 ('010'
 * is octal 8, '0x0a' is 10, '08' is refused, as `ip addr add 10.0.0.010/24` adds 10.0.0.8);
 * missing trailing bytes are zero ('10.1' is 10.1.0.0). Undefined where ip fails. The one reader
 * of IPv4 text for parsePrefix and the CLI's arguments (src/cli/inet-args.ts).
 */
export function getAddrIPv4(text: string): number[] | undefined {
  // A canonical dotted quad, the common case, without strtoul's regex per part (perf).
  const n = ipv4Number(text);
  if (n >= 0) return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const out = [0, 0, 0, 0];
  for (let i = 0; i < parts.length; i++) {
    const r = strtoul(parts[i]!);
    if (!r || r.rest !== '' || r.value > 255) return undefined;
    out[i] = r.value;
  }
  return out;
}

function parseV4(text: string, whole: string, what: string): Buffer {
  const v = getAddrIPv4(text);
  if (v) return Buffer.from(v);
  // Say which rule failed: a part that is a number but not a byte, or text that is no address.
  const parts = text.split('.');
  const nums = parts.map((p) => strtoul(p));
  const big = parts.length <= 4 && nums.every((r) => r && r.rest === '') ? parts.find((_, i) => nums[i]!.value > 255) : undefined;
  if (big !== undefined) throw new UsageError(`invalid ${what} ${JSON.stringify(whole)}: ${big} is not a byte (0-255)`);
  throw new UsageError(`invalid ${what} ${JSON.stringify(whole)}: ${JSON.stringify(text)} is not an IPv4 address`);
}

function parseBare(text: string, whole: string, what: string): Addr {
  // The common case first: a canonical dotted quad is its own canonical text (perf).
  const n = ipv4Number(text);
  if (n >= 0) {
    const bytes = Buffer.allocUnsafe(4);
    bytes.writeUInt32BE(n, 0);
    return { family: AF_INET, address: text, bytes };
  }
  // ip would also take blanks and signs in the parts (strtoul skips them); refused here.
  if (/^[\d.][\dxXa-fA-F.]*$/.test(text)) {
    const bytes = parseV4(text, whole, what);
    return { family: AF_INET, address: formatIP(bytes), bytes };
  }
  // A zone ('fe80::1%eth0') is not something ip accepts either.
  const v6 = text.includes(':') && !text.includes('%') ? parseIPv6(text) : undefined;
  if (!v6) throw new UsageError(`invalid ${what} ${JSON.stringify(whole)}: expected an IPv4 (10.0.0.1) or IPv6 (2001:db8::1) address`);
  return { family: AF_INET6, address: formatIP(v6), bytes: v6 };
}

function checkFamily(a: Addr, family: InetFamily | undefined, whole: string, what: string): void {
  if (family !== undefined && a.family !== family) {
    throw new UsageError(`invalid ${what} ${JSON.stringify(whole)}: an ${familyWord(a.family)} address where ${familyWord(family)} is expected`);
  }
}

/** Parses an address without a length ('10.0.0.1', 'fe80::1'). */
export function parseAddr(text: string, what = 'address', family?: InetFamily): Addr {
  if (typeof text !== 'string') throw new UsageError(`invalid ${what} ${JSON.stringify(text)}: expected an address string`);
  if (text.includes('/')) throw new UsageError(`invalid ${what} ${JSON.stringify(text)}: expected an address without a prefix length`);
  const a = parseBare(text, text, what);
  checkFamily(a, family, text, what);
  return a;
}

function maskLen(mask: string, whole: string, what: string): number {
  const b = parseV4(mask, whole, what);
  const n = b.readUInt32BE(0);
  const len = 32 - Math.log2(((~n) >>> 0) + 1);
  if (!Number.isInteger(len)) throw new UsageError(`invalid ${what} ${JSON.stringify(whole)}: netmask ${mask} is not contiguous`);
  return len;
}

/** Parses 'ADDRESS[/LEN]'; without a length the prefix is a host (/32 or /128), as ip does. */
export function parsePrefix(text: string, what = 'prefix', family?: InetFamily): Prefix {
  if (typeof text !== 'string') throw new UsageError(`invalid ${what} ${JSON.stringify(text)}: expected 'ADDRESS/LEN'`);
  const slash = text.indexOf('/');
  const a = parseBare(slash < 0 ? text : text.slice(0, slash), text, what);
  checkFamily(a, family, text, what);
  const max = a.family === AF_INET ? 32 : 128;
  // Objects built whole rather than spread from `a`: a spread copy was half of this call (perf).
  if (slash < 0) return { family: a.family, address: a.address, bytes: a.bytes, prefixlen: max, explicit: false };
  const len = text.slice(slash + 1);
  // A leading 0 makes the length octal to ip (get_netmask: get_unsigned(base 0)): '/024' is /20.
  let n = len.length > 1 && len.charCodeAt(0) === 48 ? -1 : decimal(len);
  if (n < 0 && /^\d[\dxXa-fA-F]*$/.test(len)) {
    const r = strtoul(len);
    if (r && r.rest === '') n = r.value;
  }
  if (n < 0) {
    if (a.family === AF_INET && len.includes('.')) n = maskLen(len, text, what);
    else throw new UsageError(`invalid ${what} ${JSON.stringify(text)}: prefix length ${JSON.stringify(len)} is not a number`);
  }
  if (n > max) throw new UsageError(`invalid ${what} ${JSON.stringify(text)}: prefix length ${n} is out of range for ${familyWord(a.family)} (0-${max})`);
  return { family: a.family, address: a.address, bytes: a.bytes, prefixlen: n, explicit: true };
}

/** The value of 1 to 3 decimal digits (as /^\d{1,3}$/ accepts them), or -1. */
function decimal(s: string): number {
  if (s.length < 1 || s.length > 3) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + c - 48;
  }
  return v;
}

/** Parses a route destination: a prefix, or 'default'/'all'/'any' (0.0.0.0/0 or ::/0). */
export function parseDst(text: string, family?: InetFamily): Prefix {
  if (text === 'default' || text === 'all' || text === 'any') {
    const f = family ?? AF_INET;
    const bytes = Buffer.alloc(f === AF_INET ? 4 : 16);
    return { family: f, address: formatIP(bytes), bytes, prefixlen: 0, explicit: true };
  }
  return parsePrefix(text, 'destination', family);
}

/** A copy of `bytes` with every bit past `prefixlen` set (set = true) or cleared. */
export function hostBits(bytes: Buffer, prefixlen: number, set: boolean): Buffer {
  const out = Buffer.from(bytes);
  for (let i = prefixlen; i < out.length * 8; i++) {
    const bit = 0x80 >> (i % 8);
    out[i >> 3] = set ? out[i >> 3]! | bit : out[i >> 3]! & ~bit;
  }
  return out;
}

/** The network address of a prefix as text ('10.0.0.0' for 10.0.0.1/24). */
export function networkOf(p: Prefix): string {
  return formatIP(hostBits(p.bytes, p.prefixlen, false));
}

/** The all-ones broadcast address of a prefix as text ('10.0.0.255' for 10.0.0.1/24). */
export function broadcastOf(p: Prefix): string {
  return formatIP(hostBits(p.bytes, p.prefixlen, true));
}
