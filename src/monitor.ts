/**
 * `monitor({ groups })`: rtnetlink notifications as an async iterator of decoded events (new
 * and deleted links, addresses, routes, neighbours, netnsids, netconf), in the caller's namespace or
 * any other. What `ip monitor` shows, as data.
 */

import { Netlink } from './client.js';
import type { Message } from './netlink/socket.js';
import type { NetnsRef } from './ns/ref.js';
import * as K from './netlink/route/constants.js';
import './netlink/route/netconf.js'; // registers RTM_*NETCONF, so events arrive decoded

/** Event families, in ip monitor's words. */
export type MonitorGroup = 'link' | 'address' | 'route' | 'neigh' | 'nsid' | 'netconf';

/** The RTNLGRP_* groups behind each family (IPv4 and IPv6 both). */
export const MONITOR_GROUPS: Readonly<Record<MonitorGroup, readonly number[]>> = {
  link: [K.RTNLGRP_LINK],
  address: [K.RTNLGRP_IPV4_IFADDR, K.RTNLGRP_IPV6_IFADDR],
  route: [K.RTNLGRP_IPV4_ROUTE, K.RTNLGRP_IPV6_ROUTE],
  neigh: [K.RTNLGRP_NEIGH],
  nsid: [K.RTNLGRP_NSID],
  netconf: [K.RTNLGRP_IPV4_NETCONF, K.RTNLGRP_IPV6_NETCONF],
};

/** Options of monitor(). */
export interface MonitorOptions {
  /** Families (or raw RTNLGRP_* numbers) to listen to; all six families by default. */
  groups?: readonly (MonitorGroup | number)[];
  /** The namespace to watch; the caller's own when absent. */
  netns?: NetnsRef;
  /** Stops the iteration (the iterator then returns). */
  signal?: AbortSignal;
}

/** One notification. */
export interface MonitorEvent {
  /** Which family it belongs to ('other' for types outside the six). */
  group: MonitorGroup | 'other';
  /** RTM_NEW* is 'new', RTM_DEL* is 'del'. */
  action: 'new' | 'del';
  /** The decoded message (`body` is `{ header, attrs }` as the services return). */
  message: Message;
}

const BY_TYPE: Record<number, [MonitorGroup, 'new' | 'del']> = {
  [K.RTM_NEWLINK]: ['link', 'new'], [K.RTM_DELLINK]: ['link', 'del'],
  [K.RTM_NEWADDR]: ['address', 'new'], [K.RTM_DELADDR]: ['address', 'del'],
  [K.RTM_NEWROUTE]: ['route', 'new'], [K.RTM_DELROUTE]: ['route', 'del'],
  [K.RTM_NEWNEIGH]: ['neigh', 'new'], [K.RTM_DELNEIGH]: ['neigh', 'del'],
  [K.RTM_NEWNSID]: ['nsid', 'new'], [K.RTM_DELNSID]: ['nsid', 'del'],
  [K.RTM_NEWNETCONF]: ['netconf', 'new'], [K.RTM_DELNETCONF]: ['netconf', 'del'],
};

/** Classifies a notification by its message type. */
export function classify(m: Message): MonitorEvent {
  const [group, action] = BY_TYPE[m.type] ?? ['other', 'new'];
  return { group, action, message: m };
}

/** The RTNLGRP numbers for a list of families and numbers. */
export function groupNumbers(groups: readonly (MonitorGroup | number)[] = Object.keys(MONITOR_GROUPS) as MonitorGroup[]): number[] {
  const out = new Set<number>();
  for (const g of groups) {
    if (typeof g === 'number') out.add(g);
    else if (MONITOR_GROUPS[g]) for (const n of MONITOR_GROUPS[g]) out.add(n);
    else throw new TypeError(`unknown monitor group ${JSON.stringify(g)}: one of ${Object.keys(MONITOR_GROUPS).join(', ')} or an RTNLGRP_* number`);
  }
  return [...out];
}

/**
 * Listens to rtnetlink notifications and yields them decoded, until the consumer stops or
 * `signal` aborts. The socket joins its groups before the first event is awaited, so a change
 * made after `await it.next()` was called (or after `ready` resolved) is seen. A receive-queue
 * overrun (ENOBUFS: events were lost) is thrown.
 */
export async function* monitor(opts: MonitorOptions = {}): AsyncGenerator<MonitorEvent> {
  const groups = groupNumbers(opts.groups);
  const nl = await Netlink.open(opts.netns === undefined ? { socket: { groups } } : { netns: opts.netns, socket: { groups } });
  const queue: (Message | Error)[] = [];
  let wake: (() => void) | null = null;
  const stop = nl.sock.listen((m) => { queue.push(m); wake?.(); });
  const onAbort = () => wake?.();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      if (opts.signal?.aborted) return;
      const m = queue.shift();
      if (m === undefined) { await new Promise<void>((r) => { wake = r; }); wake = null; continue; }
      if (m instanceof Error) throw m;
      yield classify(m);
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    stop();
    await nl.close();
  }
}
