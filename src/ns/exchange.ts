/**
 * The "worker does the request" design: a netlink request sent and answered synchronously on
 * the worker thread, over a socket cached per namespace. Kept for measurement (bench/ns.ts):
 * handing the socket to the caller turned out faster, so Netlink handles use that.
 */

import * as libc from '../netlink/libc.js';
import { NLMSG_DONE, NLMSG_ERROR } from '../netlink/constants.js';
import { splitMessages } from '../netlink/message.js';
import { openNetlinkFd } from '../netlink/socket.js';
import { SyscallError } from '../netlink/errors.js';

const sockets = new Map<string, number>();
const buf = Buffer.allocUnsafe(64 << 10);
const from = Buffer.alloc(12);
const ETIMEDOUT = 110;

/** Sends `request` (one encoded message) and returns every datagram up to its ack or done. */
export function exchange(key: string, request: Uint8Array, timeoutMs: number): Uint8Array[] {
  let fd = sockets.get(key);
  if (fd === undefined) {
    fd = openNetlinkFd({ rcvbuf: 1 << 20 });
    sockets.set(key, fd);
  }
  const req = Buffer.from(request.buffer, request.byteOffset, request.byteLength);
  const seq = req.readUInt32LE(8);
  while (libc.sendto(fd, req, req.length, 0, null) < 0) { /* EAGAIN/EINTR: retry */ }
  const out: Uint8Array[] = [];
  for (;;) {
    // The socket is non-blocking; poll with a deadline so a lost reply cannot hang the worker.
    if (!libc.pollIn(fd, timeoutMs)) throw new SyscallError('poll', ETIMEDOUT, `netlink reply to seq ${seq}`);
    const n = libc.recvfrom(fd, buf, 0, from);
    if (n < 0) continue;
    const d = Buffer.from(buf.subarray(0, n));
    out.push(d);
    if (splitMessages(d).some((m) => m.seq === seq && (m.type === NLMSG_ERROR || m.type === NLMSG_DONE))) return out;
  }
}

/** Closes every cached socket. */
export function closeExchanges(): void {
  for (const fd of sockets.values()) libc.close(fd);
  sockets.clear();
}
