/**
 * One netlink request answered synchronously on the calling thread: send, then read until the
 * ack (or NLMSG_DONE), all before returning. For a thread that must do its I/O while inside a
 * namespace (the worker's "perform each request" design, kept for bench/ns.ts); NetlinkSocket
 * is the event-loop way.
 */

import * as libc from './libc.js';
import { NLMSG_HDRLEN } from './align.js';
import { NLMSG_DONE, NLMSG_ERROR } from './constants.js';
import { describeOffset } from './attrs.js';
import { parseDone, parseError, type Ack } from './ack.js';
import { messageKind, splitMessages, typeName } from './message.js';
import { NetlinkError, SyscallError } from './errors.js';

const ETIMEDOUT = 110;
// Dump datagrams are at most 32 KiB (netlink_recvmsg caps max_recvmsg_len there); acks echo
// the request, which sendto() already fit in one datagram. 64 KiB holds either.
const buf = Buffer.allocUnsafe(64 << 10);
const from = Buffer.alloc(12);
const nap = new Int32Array(new SharedArrayBuffer(4));

/**
 * Sends `request` (one encoded nlmsghdr message) on the non-blocking netlink socket `fd` and
 * returns every datagram received up to the one holding its ack or NLMSG_DONE. A kernel error
 * is thrown as NetlinkError. Everything is bounded by `timeoutMs`: a send the kernel keeps
 * refusing (EAGAIN/ENOBUFS) or a reply that never comes is a SyscallError ETIMEDOUT.
 */
export function exchangeSync(fd: number, request: Uint8Array, timeoutMs: number): Buffer[] {
  const req = Buffer.from(request.buffer, request.byteOffset, request.byteLength);
  if (req.length < NLMSG_HDRLEN) throw new RangeError(`exchangeSync: a request needs at least ${NLMSG_HDRLEN} bytes, got ${req.length}`);
  const seq = req.readUInt32LE(8);
  const what = `netlink ${typeName(req.readUInt16LE(4))} seq ${seq}`;
  const deadline = Date.now() + timeoutMs;
  send(fd, req, deadline, what);
  const out: Buffer[] = [];
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0 || !libc.pollIn(fd, left)) throw new SyscallError('poll', ETIMEDOUT, `no reply to ${what} within ${timeoutMs} ms`);
    const n = libc.recvfrom(fd, buf, 0, from);
    if (n < 0) {
      // ENOBUFS: the receive queue overflowed and the reply may be among what was dropped.
      if (-n === ENOBUFS) throw new SyscallError('recvfrom', ENOBUFS, what);
      continue; // EAGAIN (woken for nothing) or EINTR; the deadline bounds the retries.
    }
    const d = Buffer.from(buf.subarray(0, n));
    out.push(d);
    for (const m of splitMessages(d)) {
      if (m.seq !== seq || (m.type !== NLMSG_ERROR && m.type !== NLMSG_DONE)) continue;
      const ack = m.type === NLMSG_ERROR ? parseError(m.body, m.flags) : parseDone(m.body, m.flags);
      if (ack.errno !== 0) throw toError(ack, req, what);
      return out;
    }
  }
}

// sendto() on a netlink socket fails with EAGAIN/ENOBUFS while the kernel is short of memory
// for the skb; it clears within microseconds, so retry with 1 ms naps until the deadline.
function send(fd: number, req: Buffer, deadline: number, what: string): void {
  for (let attempt = 1; ; attempt++) {
    const r = libc.sendto(fd, req, req.length, 0, null);
    if (r >= 0) return;
    if (Date.now() >= deadline) throw new SyscallError('sendto', -r, `${what} (gave up after ${attempt} attempts)`);
    if (-r !== EINTR) Atomics.wait(nap, 0, 0, 1);
  }
}

function toError(ack: Ack, req: Buffer, what: string): NetlinkError {
  const ext = ack.extack;
  const type = req.readUInt16LE(4);
  const body = messageKind(type)?.body;
  if (ext?.offset !== undefined && body && ext.offset >= NLMSG_HDRLEN) {
    try {
      const attr = describeOffset(body, req.subarray(NLMSG_HDRLEN), ext.offset - NLMSG_HDRLEN);
      if (attr) ext.attr = attr;
    } catch { /* the offset is advisory */ }
  }
  return new NetlinkError(ack.errno, { op: what, type: typeName(type), flags: req.readUInt16LE(6), seq: req.readUInt32LE(8) }, ext);
}

const EINTR = 4;
const ENOBUFS = 105;
