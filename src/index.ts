/** nlctl: rtnetlink, network namespaces and an ip-compatible CLI in TypeScript. Public exports only. */

// The declarations use Node's types (Buffer, ChildProcess, NodeJS.ErrnoException): this directive
// stays in index.d.ts, so a consumer whose `types` is empty (TypeScript 7's default) still loads
// them; @types/node is a dependency, so it is installed with nlctl.
/// <reference types="node" preserve="true" />

export { Netlink, type OpenOptions } from './client.js';
export { NetlinkSocket, openNetlinkFd, type Message, type Reply, type RequestSpec, type SocketOptions, type DumpOptions } from './netlink/socket.js';
export { NetlinkError, SyscallError, DecodeError, DumpInterruptedError, UsageError, type ExtAck, type RequestSummary } from './netlink/errors.js';
export { defineAttrs, nested, headed, describeOffset, walkAttrs, type AttrTable, type AttrSpec, type AttrsOf, type RawAttr } from './netlink/attrs.js';
export * as codecs from './netlink/codecs.js';
export { Writer } from './netlink/writer.js';
export { encodeMessage, splitMessages, registerMessage, typeName } from './netlink/message.js';
export * as constants from './netlink/constants.js';
export * as rt from './netlink/route/constants.js';
export { linkAttrs, linkBody, linkInfoAttrs, type LinkMessage, type LinkAttrs } from './netlink/route/link-attrs.js';
export {
  LinkService, linkAddMessage, linkSetMessage, linkDelMessage, linkGetMessage, linkListMessage, validIfname,
  type LinkAddOptions, type LinkSetOptions, type LinkListOptions, type LinkCommonOptions, type LinkRequest, type LinkPeer, type WithCommon,
} from './netlink/route/link.js';
export * from './netlink/route/kinds/index.js';
export { nsidAttrs, nsidBody, nsidSetMessage, NsidService, type NsidEntry } from './netlink/route/nsid.js';
export { type NetnsRef, validateName, netnsPath } from './ns/ref.js';
export { runIn, shutdownWorker } from './ns/executor.js';
export * from './netlink/route/address.js';
export * from './netlink/route/route.js';
export * from './netlink/route/neigh.js';
export * from './netlink/route/cidr.js';
export * as names from './netlink/route/names.js';
export * as netns from './ns/netns.js';
export type { NetnsEntry, NsId, IdOptions, SocketKind, SocketSpec, ExecOptions, ExecResult } from './ns/netns.js';
export { monitor, classify, groupNumbers, MONITOR_GROUPS, type MonitorOptions, type MonitorEvent, type MonitorGroup } from './monitor.js';
