/**
 * Netnsids seen from one namespace (the caller's, or `netns` in the options): `ip netns set`,
 * `ip netns list-id`, and the `(id: N)` that `ip netns list` prints. A short-lived rtnetlink
 * socket is opened in the viewpoint namespace and NsidService does the talking.
 */

import { UsageError } from '../netlink/errors.js';
import { NsidService, type NsidEntry } from '../netlink/route/nsid.js';
import type { RouteContext } from '../netlink/route/context.js';
import { NetlinkSocket, openNetlinkFd } from '../netlink/socket.js';
import { runIn } from './executor.js';
import { netnsLabel, openNetns, validateName, NETNS_RUN_DIR, type NetnsRef } from './ref.js';

/** Where ids are seen from. */
export interface IdOptions {
  /** The namespace whose ids to read or set; the caller's own when absent (`ip -n NS netns ...`). */
  netns?: NetnsRef;
}

/** Runs `fn` with an NsidService on a socket in the viewpoint namespace, closed afterwards. */
export async function withNsid<T>(opts: IdOptions, fn: (svc: NsidService) => Promise<T>): Promise<T> {
  const fd = opts.netns === undefined ? openNetlinkFd() : await runIn(opts.netns, 'netlinkSocket', {});
  const label = opts.netns === undefined ? undefined : netnsLabel(opts.netns);
  const sock = new NetlinkSocket(fd, label);
  const ctx: RouteContext = {
    sock, netnsLabel: label, openNetns,
    ifindex: async (dev) => { if (typeof dev === 'number') return dev; throw new UsageError('nsid requests name no devices'); },
  };
  try {
    return await fn(new NsidService(ctx));
  } finally {
    sock.close();
  }
}

/** A bare string is a /run/netns name here, as `ip netns set NAME ID` reads it. */
function named(ns: NetnsRef): NetnsRef {
  return typeof ns === 'string' && !ns.includes('/') ? { path: `${NETNS_RUN_DIR}/${validateName(ns)}` } : ns;
}

/** Assigns `id` (or the next free one, 'auto') to `ns` as seen from the viewpoint; returns the id in force. */
export async function setId(ns: NetnsRef, id: number | 'auto', opts: IdOptions = {}): Promise<number> {
  return withNsid(opts, (svc) => svc.set(named(ns), id));
}

/** The id the viewpoint has assigned to `ns`, or undefined. */
export async function getId(ns: NetnsRef, opts: IdOptions = {}): Promise<number | undefined> {
  return withNsid(opts, (svc) => svc.get(named(ns)));
}

/** Every id the viewpoint has assigned, with /run/netns names resolved (`ip netns list-id`). */
export async function listIds(opts: IdOptions = {}): Promise<NsidEntry[]> {
  return withNsid(opts, (svc) => svc.list());
}

/** The ids of several paths at once (pipelined on one socket); a path that is no namespace gets undefined. */
export async function idsOfPaths(paths: string[], opts: IdOptions = {}): Promise<(number | undefined)[]> {
  if (!paths.length) return [];
  return withNsid(opts, (svc) => svc.idsOf(paths));
}
