/**
 * Attribute-order-insensitive comparison of one encoded message. iproute2 emits attributes in
 * the order its argument parser meets them and the kernel in its fill function's order; our
 * tables emit in kernel-number order. Same bytes up to that order is what "same message" means.
 */

import { walkAttrs } from '../../src/netlink/attrs.js';

/**
 * The message with its top-level attributes (after the nlmsghdr and a `headerLen`-byte family
 * header) sorted by type, then payload; nlmsg_seq and nlmsg_pid zeroed.
 */
export function canonical(msg: Buffer, headerLen: number): Buffer {
  const head = Buffer.from(msg.subarray(0, 16 + headerLen));
  head.writeUInt32LE(0, 8);
  head.writeUInt32LE(0, 12);
  const attrs = [...walkAttrs(msg.subarray(16 + headerLen))].map((a) => {
    const padded = Buffer.alloc((a.length + 3) & ~3);
    msg.copy(padded, 0, 16 + headerLen + a.offset, 16 + headerLen + a.offset + a.length);
    return { key: a.type, bytes: padded };
  });
  attrs.sort((x, y) => x.key - y.key || Buffer.compare(x.bytes, y.bytes));
  return Buffer.concat([head, ...attrs.map((a) => a.bytes)]);
}
