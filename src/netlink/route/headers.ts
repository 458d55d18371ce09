/**
 * The fixed headers that start rtnetlink message bodies (linux/rtnetlink.h, if_addr.h,
 * neighbour.h): ifinfomsg, ifaddrmsg, rtmsg, ndmsg, rtgenmsg.
 */

import { struct } from '../codecs.js';

/** struct ifinfomsg (16 bytes). */
export const ifinfomsg = struct('ifinfomsg', [
  ['family', 'u8'], ['pad', 'pad8'], ['type', 'u16'], ['index', 's32'], ['flags', 'u32'], ['change', 'u32'],
] as const);
/** A decoded struct ifinfomsg. */
export type IfInfoMsg = ReturnType<typeof ifinfomsg.read>;

/** struct ifaddrmsg (8 bytes). */
export const ifaddrmsg = struct('ifaddrmsg', [
  ['family', 'u8'], ['prefixlen', 'u8'], ['flags', 'u8'], ['scope', 'u8'], ['index', 'u32'],
] as const);
/** A decoded struct ifaddrmsg. */
export type IfAddrMsg = ReturnType<typeof ifaddrmsg.read>;

/** struct rtmsg (12 bytes). */
export const rtmsg = struct('rtmsg', [
  ['family', 'u8'], ['dst_len', 'u8'], ['src_len', 'u8'], ['tos', 'u8'],
  ['table', 'u8'], ['protocol', 'u8'], ['scope', 'u8'], ['type', 'u8'], ['flags', 'u32'],
] as const);
/** A decoded struct rtmsg. */
export type RtMsg = ReturnType<typeof rtmsg.read>;

/** struct ndmsg (12 bytes). */
export const ndmsg = struct('ndmsg', [
  ['family', 'u8'], ['pad1', 'pad8'], ['pad2', 'pad16'], ['ifindex', 's32'], ['state', 'u16'], ['flags', 'u8'], ['type', 'u8'],
] as const);
/** A decoded struct ndmsg. */
export type NdMsg = ReturnType<typeof ndmsg.read>;

/** struct rtgenmsg (1 byte, attributes start at NLMSG_ALIGN(1) = 4). */
export const rtgenmsg = struct('rtgenmsg', [['family', 'u8']] as const);
/** A decoded struct rtgenmsg. */
export type RtGenMsg = ReturnType<typeof rtgenmsg.read>;
