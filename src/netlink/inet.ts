/**
 * IPv4/IPv6 and link-layer address text <-> bytes, with the same spellings iproute2 prints
 * (RFC 5952 IPv6 compression, lower-case colon-separated MACs).
 */

// Not node:net's isIPv4/isIPv6: loading node:net (streams, dns, ...) cost the CLI ~5 ms of
// cold start, and these two checks are all we needed from it.

/**
 * The dotted-quad `text` as a 32-bit number (host order), or -1 when it is not one: exactly four
 * decimal parts of 0-255 without leading zeros (what inet_pton accepts). A scan of char codes:
 * every address a request carries goes through here, and the regex, split and map it replaces
 * cost ~1.5 us per address (bench/README.md section 8).
 */
export function ipv4Number(text: string): number {
  const end = text.length;
  if (end < 7 || end > 15) return -1;
  let n = 0;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(i) !== 46 /* . */) return -1;
      i++;
    }
    const start = i;
    let v = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57 && i - start < 3; c = text.charCodeAt(++i)) v = v * 10 + c - 48;
    const digits = i - start;
    if (digits === 0 || v > 255 || (digits > 1 && text.charCodeAt(start) === 48)) return -1;
    n = n * 256 + v;
  }
  return i === end ? n : -1;
}

function isIPv4(s: string): boolean {
  return ipv4Number(s) >= 0;
}

/** RFC 4291 text form: up to 8 hex groups, one '::', an optional dotted-quad tail, an optional %zone. */
function isIPv6(text: string): boolean {
  const s = text.replace(/%[0-9A-Za-z._~-]+$/, '');
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || s.includes(':::')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (const [i, half] of halves.entries()) {
    if (half === '') continue;
    const parts = half.split(':');
    for (const [j, p] of parts.entries()) {
      const last = i === halves.length - 1 && j === parts.length - 1;
      if (last && p.includes('.')) { if (!isIPv4(p)) return false; groups += 2; continue; }
      if (!/^[0-9A-Fa-f]{1,4}$/.test(p)) return false;
      groups++;
    }
  }
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

/** Parses a dotted IPv4 address into 4 bytes, or returns undefined if it is not one. */
export function parseIPv4(text: string): Buffer | undefined {
  const n = ipv4Number(text);
  if (n < 0) return undefined;
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n, 0);
  return b;
}

/** Parses an IPv6 address (with '::' and an optional trailing dotted quad) into 16 bytes. */
export function parseIPv6(text: string): Buffer | undefined {
  if (!isIPv6(text)) return undefined;
  let s = text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const out = Buffer.alloc(16);
  // A trailing IPv4 part fills the last 4 bytes.
  let tailV4: Buffer | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIPv4(s.slice(lastColon + 1));
    s = s.slice(0, lastColon + 1) + '0:0';
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  if (tailV4) tailV4.copy(out, 12);
  return out;
}

/** Formats 4 bytes as a dotted IPv4 address. */
export function formatIPv4(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** Formats 16 bytes as an IPv6 address, compressed as RFC 5952 (and inet_ntop) do. */
export function formatIPv6(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i]! << 8) | b[i + 1]!);
  // IPv4-mapped and IPv4-compatible forms keep a dotted tail, as inet_ntop prints them.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || (g[5] === 0 && g[6] !== 0))) {
    const v4 = formatIPv4(b.subarray(12, 16));
    if (g[5] === 0xffff) return `::ffff:${v4}`;
    if (g[6]! > 0 || g[7]! > 1) return `::${v4}`;
  }
  let bestStart = -1, bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}

/** Formats 4 or 16 bytes as an IP address; other lengths as hex bytes joined by ':'. */
export function formatIP(b: Uint8Array): string {
  if (b.length === 4) return formatIPv4(b);
  if (b.length === 16) return formatIPv6(b);
  return formatMac(b);
}

/** 4 or 6 for an IPv4 or IPv6 address, 0 for anything else (node:net's isIP, without loading node:net). */
export function ipVersion(text: string): 0 | 4 | 6 {
  return isIPv4(text) ? 4 : isIPv6(text) ? 6 : 0;
}

/** Parses an IPv4 or IPv6 address into 4 or 16 bytes, or returns undefined. */
export function parseIP(text: string): Buffer | undefined {
  return parseIPv4(text) ?? parseIPv6(text);
}

/** Formats link-layer address bytes as lower-case hex pairs joined by ':'. */
export function formatMac(b: Uint8Array): string {
  let s = b.length ? HEX[b[0]!]! : '';
  for (let i = 1; i < b.length; i++) s += ':' + HEX[b[i]!]!;
  return s;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Parses 'aa:bb:cc:dd:ee:ff' (any number of hex pairs, ':' or '-' separated), or returns undefined. */
export function parseMac(text: string): Buffer | undefined {
  if (!/^[0-9a-fA-F]{1,2}([:-][0-9a-fA-F]{1,2})*$/.test(text)) return undefined;
  return Buffer.from(text.split(/[:-]/).map((x) => parseInt(x, 16)));
}
