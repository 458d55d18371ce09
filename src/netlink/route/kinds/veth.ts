/** veth (linux/veth.h): VETH_INFO_PEER carries a whole ifinfomsg + link attributes for the peer. */

import { defineAttrs, headed } from '../../attrs.js';
import { UsageError } from '../../errors.js';
import type { NetnsRef } from '../../../ns/ref.js';
import { VETH_INFO_PEER } from '../constants.js';
import { ifinfomsg } from '../headers.js';
import { linkAttrs } from '../link-attrs.js';
import { registerKind } from './registry.js';

/** IFLA_INFO_DATA of a veth. */
export const vethAttrs = defineAttrs('veth', {
  [VETH_INFO_PEER]: { key: 'peer', codec: headed(ifinfomsg, () => linkAttrs) },
});

/** The other end of a veth pair, as `ip link add ... type veth peer name NAME [address] [mtu] [netns NS]`. */
export interface VethPeerOptions {
  /** The peer's name (the kernel picks vethN when absent). */
  name?: string;
  /** The peer's MAC address. */
  address?: string;
  mtu?: number;
  txqlen?: number;
  /** Create the peer directly inside this namespace (IFLA_NET_NS_FD, or IFLA_NET_NS_PID for `{ pid }`). */
  netns?: NetnsRef;
  group?: number;
}

/** `ip link add NAME type veth [peer ...]`. */
export interface VethOptions {
  kind: 'veth';
  peer?: VethPeerOptions | string;
}

registerKind({
  kind: 'veth',
  data: vethAttrs,
  options: ['peer'],
  infoData(o, ctx) {
    if (o.peer === undefined) return undefined;
    const p = typeof o.peer === 'string' ? { name: o.peer } : o.peer;
    if (typeof p !== 'object' || p === null) throw new UsageError(`invalid veth peer ${JSON.stringify(o.peer)}: a name or { name, address, mtu, netns }`);
    return { peer: { header: { family: 0, type: 0, index: 0, flags: 0, change: 0 }, attrs: ctx.linkAttrs(p as Record<string, unknown>, 'peer') } };
  },
});
