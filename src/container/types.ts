/**
 * The plain data of container networking: what `attach()` takes, the result it returns (CNI's
 * result shape, so a CNI plugin can hand it on as is) and what `check()` finds.
 */

import type { NetnsRef } from '../ns/ref.js';

/** The host end of an attachment. */
export interface HostSide {
  /** The host-side namespace; the caller's own when absent. */
  netns?: NetnsRef;
  /** The host end's name (1..15 bytes). */
  ifname: string;
  /** Addresses on the host end itself (point-to-point style), as CIDRs. */
  addresses?: string[];
  /** Enslave the host end to this bridge (in the host namespace) instead of, or as well as, giving it addresses. */
  bridge?: string;
}

/** An extra route inside the container: `ip route add DST [via GW]`. */
export interface RouteSpec {
  /** A prefix ('10.9.0.0/16') or 'default'. */
  dst: string;
  /** The gateway; without one the route is on-link over the container's interface. */
  gw?: string;
}

/** What `attach()` builds: one veth, its container end born inside the container's namespace. */
export interface AttachOptions {
  /** The container's id: marks the host end (IFLA_IFALIAS `nlctl:<id>`) so `attachments()` finds it. Default: the namespace's label. */
  id?: string;
  /** The container's namespace (a /run/netns name, a path, `{ pid }`, ...). Give this or `pid`. */
  netns?: NetnsRef;
  /** The container's pid: its namespace is /proc/PID/ns/net. */
  pid?: number;
  /** The interface name inside the container; default 'eth0'. */
  ifname?: string;
  /** Addresses inside the container (CIDRs, IPv4 and/or IPv6). */
  addresses?: string[];
  /** The default gateway: one address, or one per family. */
  gateway?: string | string[];
  /** MTU of both ends. */
  mtu?: number;
  /** MAC address of the container end. */
  mac?: string;
  /** Extra routes inside the container. */
  routes?: RouteSpec[];
  host: HostSide;
}

/** One interface of a result (CNI: `interfaces[]`); `sandbox` is the container namespace's path, absent on host ends. */
export interface ResultInterface {
  name: string;
  mac: string;
  sandbox?: string;
}

/** One address of a result (CNI: `ips[]`); `interface` indexes `interfaces`. */
export interface ResultIp {
  address: string;
  gateway?: string;
  interface: number;
}

/** One route of a result (CNI: `routes[]`); it lives in the container's namespace. */
export interface ResultRoute {
  dst: string;
  gw?: string;
}

/**
 * What `attach()` made, in CNI's result shape (`interfaces`, `ips`, `routes`; interface 0 is the
 * host end, 1 the container end). `nlctl` holds what `check()` and `detach()` need besides:
 * the container id and the host end's namespace path (CNI has no field for a host namespace).
 */
export interface AttachResult {
  cniVersion: string;
  interfaces: ResultInterface[];
  ips: ResultIp[];
  routes: ResultRoute[];
  nlctl: {
    id: string;
    /** The host end's namespace path; absent: the namespace of whoever checks or detaches. */
    hostNetns?: string;
    /** The bridge the host end is a port of. */
    bridge?: string;
  };
}

/** What kind of difference `check()` found. */
export type DifferenceKind = 'link-missing' | 'link-down' | 'mac-changed' | 'mark-changed' | 'peer-moved'
  | 'address-missing' | 'route-missing' | 'master-changed' | 'netns-missing';

/** One difference between a result and the namespaces. */
export interface Difference {
  kind: DifferenceKind;
  /** The namespace it was seen in ('host' for the caller's own). */
  netns: string;
  /** The interface, address or route concerned. */
  object: string;
  /** What the result says and what is there (when there is something to compare). */
  expected?: string;
  actual?: string;
  /** One line for people: `link-down: eth0 in netns c1 is down`. */
  message: string;
}
