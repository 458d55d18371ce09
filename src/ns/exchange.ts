/**
 * The "worker does the request" design: a netlink request sent and answered synchronously on
 * the worker thread, over a socket cached per namespace. Kept for measurement (bench/ns.ts):
 * handing the socket to the caller turned out faster, so Netlink handles use that.
 */

import * as libc from '../netlink/libc.js';
import { openNetlinkFd } from '../netlink/socket.js';
import { exchangeSync } from '../netlink/sync.js';

const sockets = new Map<string, number>();

/**
 * Sends `request` (one encoded message) over the socket cached under `key` (opened in the
 * thread's current namespace on first use) and returns every datagram up to its ack or done.
 */
export function exchange(key: string, request: Uint8Array, timeoutMs: number): Uint8Array[] {
  let fd = sockets.get(key);
  if (fd === undefined) {
    fd = openNetlinkFd({ rcvbuf: 1 << 20 });
    sockets.set(key, fd);
  }
  return exchangeSync(fd, request, timeoutMs);
}

/** Closes every cached socket. */
export function closeExchanges(): void {
  for (const fd of sockets.values()) libc.close(fd);
  sockets.clear();
}
