/**
 * Inet sockets opened inside a namespace for the caller: socket(2), SO_REUSEADDR and an
 * optional bind(2), done on the worker so the socket belongs to the namespace it entered.
 * The sockaddr bytes come from src/netlink/sockaddr.ts.
 */

import * as libc from '../netlink/libc.js';
import { SOCK_CLOEXEC, SOCK_NONBLOCK, SOL_SOCKET } from '../netlink/constants.js';
import { sockaddrInet } from '../netlink/sockaddr.js';
import { AF_INET, AF_INET6 } from '../netlink/route/constants.js';
import { UsageError } from '../netlink/errors.js';

const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const SO_REUSEADDR = 2;

/** The kinds of socket `netns.socket()` makes. */
export type SocketKind = 'tcp' | 'tcp6' | 'udp' | 'udp6';

/** What to open: a kind, or raw socket(2) arguments; plus an optional local address. */
export interface SocketSpec {
  kind?: SocketKind;
  domain?: number;
  type?: number;
  protocol?: number;
  /** bind(2) to this address and port before returning (port 0: the kernel picks). */
  bind?: { address?: string; port?: number };
  /** Set SO_REUSEADDR before binding (Node's own servers do). Default true when binding TCP. */
  reuseAddr?: boolean;
}

const KINDS: Record<SocketKind, [number, number]> = {
  tcp: [AF_INET, SOCK_STREAM], tcp6: [AF_INET6, SOCK_STREAM], udp: [AF_INET, SOCK_DGRAM], udp6: [AF_INET6, SOCK_DGRAM],
};

/** Resolves a spec to socket(2) arguments, checking it before anything is opened. */
export function socketArgs(spec: SocketSpec): [domain: number, type: number, protocol: number] {
  if (spec.kind !== undefined) {
    const k = KINDS[spec.kind];
    if (!k) throw new UsageError(`unknown socket kind "${spec.kind}": one of ${Object.keys(KINDS).join(', ')}`);
    return [k[0], k[1], 0];
  }
  if (!Number.isInteger(spec.domain) || !Number.isInteger(spec.type)) throw new UsageError('socket spec needs a kind or integer domain and type');
  return [spec.domain!, spec.type!, spec.protocol ?? 0];
}

/** Opens the socket in the calling thread's namespace (the worker's, after setns); returns the fd. */
export function openInetSocket(spec: SocketSpec): number {
  const [domain, type, protocol] = socketArgs(spec);
  const addr = spec.bind ? sockaddrInet(domain, spec.bind.address, spec.bind.port) : null;
  const fd = libc.socket(domain, type | SOCK_CLOEXEC | SOCK_NONBLOCK, protocol);
  try {
    if (addr) {
      if (spec.reuseAddr ?? type === SOCK_STREAM) libc.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, 1, 'SO_REUSEADDR');
      libc.bind(fd, addr);
    }
    return fd;
  } catch (e) {
    libc.close(fd);
    throw e;
  }
}
