/**
 * struct sockaddr_in / sockaddr_in6 (netinet/in.h), built for bind(2) on the inet sockets a
 * namespace worker opens: Node cannot bind an fd it adopts, so the worker binds it first.
 */

import { parseIPv4, parseIPv6 } from './inet.js';
import { UsageError } from './errors.js';
import { AF_INET, AF_INET6 } from './route/constants.js';

/** How one family lays out its sockaddr: total size, where the address goes, how to parse it. */
interface Layout {
  size: number;
  addrOffset: number;
  any: string;
  label: string;
  parse: (text: string) => Buffer | undefined;
}

// Both start with sa_family (host order) and the port (network order); sockaddr_in6 puts a
// 4-byte sin6_flowinfo before the address and sin6_scope_id after it (left zero: no scope).
const LAYOUTS = new Map<number, Layout>([
  [AF_INET, { size: 16, addrOffset: 4, any: '0.0.0.0', label: 'IPv4', parse: parseIPv4 }],
  [AF_INET6, { size: 28, addrOffset: 8, any: '::', label: 'IPv6', parse: parseIPv6 }],
]);

/**
 * A sockaddr_in (AF_INET) or sockaddr_in6 (AF_INET6) for `address` (default: the any address)
 * and `port`. Throws a UsageError for another family, a bad address or a port outside 0-65535.
 */
export function sockaddrInet(family: number, address: string | undefined, port = 0): Buffer {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid port ${port}`);
  const l = LAYOUTS.get(family);
  if (!l) throw new UsageError(`cannot bind a socket of domain ${family}: only AF_INET and AF_INET6`);
  const ip = l.parse(address ?? l.any);
  if (!ip) throw new UsageError(`invalid ${l.label} address "${address}"`);
  const b = Buffer.alloc(l.size);
  b.writeUInt16LE(family, 0);
  b.writeUInt16BE(port, 2);
  ip.copy(b, l.addrOffset);
  return b;
}
