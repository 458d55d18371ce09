/** nlctl: rtnetlink, network namespaces and an ip-compatible CLI in TypeScript. Public exports only. */

// The declarations use Node's types (Buffer, ChildProcess, NodeJS.ErrnoException): this directive
// stays in index.d.ts, so a consumer whose `types` is empty (TypeScript 7's default) still loads
// them; @types/node is a dependency, so it is installed with nlctl.
/// <reference types="node" preserve="true" />

export { Netlink, type OpenOptions } from './client.js';
export { NetlinkSocket, openNetlinkFd, type Message, type Reply, type RequestSpec, type SocketOptions, type DumpOptions, type WaitLimits } from './netlink/socket.js';
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
export * from './netlink/route/rule.js';
export * from './netlink/route/nexthop.js';
export * from './netlink/route/addrlabel.js';
export * from './netlink/route/cidr.js';
export * as names from './netlink/route/names.js';
export * as netns from './ns/netns.js';
export type { NetnsEntry, NsId, IdOptions, SocketKind, SocketSpec, ExecOptions, ExecResult } from './ns/netns.js';
export { monitor, classify, groupNumbers, Monitor, MONITOR_GROUPS, DEFAULT_MONITOR_BUFFER, type MonitorOptions, type MonitorEvent, type MonitorGroup, type MonitorBodies } from './monitor.js';
export { attach, check, detach, attachments, AttachError, type Attachment, type AttachOptions, type AttachResult, type HostSide, type RouteSpec, type Difference, type DifferenceKind } from './container/index.js';
export { topology, renderTree, renderDot, renderMermaid, renderJson, type Topology, type TopologyOptions, type TopoNamespace, type TopoLink, type TopoEnd, type TopoEdge } from './container/index.js';
export { Nft, withNft, type NftOpenOptions, type ListFilter } from './nft/nft.js';
export { masquerade, unmasquerade, publish, unpublish, natSetup, natClear, masqueradeRule, publishRules, NAT_TABLE, type MasqueradeOptions, type PublishOptions, type NatSetup } from './nft/nat.js';
export { commandSpecs, type NftCommand, type ChainSpec, type RuleSpec, type TableRef } from './nft/commands.js';
export { encodeRule } from './nft/rule-encode.js';
export { decodeRule } from './nft/rule-decode.js';
export { formatRuleset, formatChain, rulesetJson, ruleText, exprText, nftJsonText } from './nft/text.js';
export type { Family as NftFamily, RuleExpr, MatchExpr, MatchLeft, MatchRight, UnsupportedExpr, NftTable, NftChain, NftRule, NftRuleset } from './nft/types.js';
export * as nf from './netfilter/constants.js';
export { tableAttrs, chainAttrs, ruleAttrs, hookAttrs, exprAttrs, exprListAttrs, dataAttrs, verdictAttrs, type TableAttrs, type ChainAttrs, type RuleAttrs, type ExprAttrs, type DataAttrs } from './netfilter/attrs.js';
export { exprDataCodec } from './netfilter/exprs.js';
export { tableBody, chainBody, ruleBody, batchBody, type TableMessage, type ChainMessage, type RuleMessage } from './netfilter/messages.js';
