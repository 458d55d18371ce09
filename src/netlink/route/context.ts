/** What a route-family service needs from the handle it belongs to. */

import type { NetlinkSocket } from '../socket.js';
import type { NetnsFd, NetnsRef } from '../../ns/ref.js';

/** The handle's side of a service: its socket, its namespace, and name lookups. */
export interface RouteContext {
  readonly sock: NetlinkSocket;
  /** Label of the namespace the handle acts in (undefined: the caller's own). */
  readonly netnsLabel: string | undefined;
  /** The ifindex of a device name in this namespace (numbers pass through); throws if none. */
  ifindex(dev: string | number): Promise<number>;
  /** Opens a namespace reference (for IFLA_NET_NS_FD, NETNSA_FD); close it when sent. */
  openNetns(ref: NetnsRef): NetnsFd;
}
