/** TCP/UDP sockets created inside a namespace, for the caller to adopt. */

import { runIn } from './executor.js';
import type { NetnsRef } from './ref.js';
import { socketArgs, type SocketKind, type SocketSpec } from './inet-socket.js';

export type { SocketKind, SocketSpec };

/**
 * Opens a socket inside `ns` and returns its fd (non-blocking, close-on-exec). The socket
 * stays in that namespace wherever it is used: `new net.Socket({ fd }).connect(...)`,
 * `net.createServer().listen({ fd })` or `dgram.createSocket('udp4').bind({ fd })`.
 * With `bind`, it is bound there first (port 0: the kernel picks one).
 */
export async function socket(ns: NetnsRef, kind: SocketKind | SocketSpec, opts: Omit<SocketSpec, 'kind' | 'domain' | 'type' | 'protocol'> = {}): Promise<number> {
  const spec: SocketSpec = typeof kind === 'string' ? { ...opts, kind } : { ...kind, ...opts };
  socketArgs(spec); // reject a bad spec here, with nothing opened
  return runIn(ns, 'socket', spec);
}
