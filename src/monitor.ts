/**
 * `monitor({ groups })`: rtnetlink notifications as an async iterator of decoded events (new
 * and deleted links, addresses, routes, neighbours, netnsids, netconf), in the caller's namespace or
 * any other. What `ip monitor` shows, as data.
 *
 * The contract (README "Guarantees"): the socket has joined its groups when `ready` resolves,
 * so a change made after that is seen; a reader who falls behind holds at most `buffer` events
 * here plus the socket's receive buffer in the kernel, and then gets the kernel's ENOBUFS (events
 * were lost: resync with a dump); `return()` ends the iteration at once, even while a `next()` waits.
 */

import { NetlinkSocket, type Message, type SocketOptions } from './netlink/socket.js';
import { Fifo } from './netlink/fifo.js';
import type { Codec } from './netlink/codecs.js';
import { runIn } from './ns/executor.js';
import { netnsLabel, type NetnsRef } from './ns/ref.js';
import * as K from './netlink/route/constants.js';
import type { LinkMessage } from './netlink/route/link-attrs.js';
import type { AddrMessage } from './netlink/route/address.js';
import type { RouteMessage } from './netlink/route/route-attrs.js';
import type { NeighMessage } from './netlink/route/neigh.js';
import type { nsidBody } from './netlink/route/nsid.js';
import type { netconfBody } from './netlink/route/netconf.js';
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

/** Events held for a reader by default before the socket stops reading (see MonitorOptions.buffer). */
export const DEFAULT_MONITOR_BUFFER = 1024;

/** Options of monitor(). */
export interface MonitorOptions {
  /** Families (or raw RTNLGRP_* numbers) to listen to; all six families by default. */
  groups?: readonly (MonitorGroup | number)[];
  /** The namespace to watch; the caller's own when absent. */
  netns?: NetnsRef;
  /** Stops the iteration (the iterator then returns). */
  signal?: AbortSignal;
  /**
   * Events decoded and held for a reader who has not asked for them yet (default 1024). Past
   * that the socket stops reading: the kernel queues up to `rcvbuf` bytes more, then drops
   * events and the reader gets ENOBUFS once it has read what was held.
   */
  buffer?: number;
  /** The socket's receive buffer in bytes: the kernel's share of the bound (default 4 MiB). */
  rcvbuf?: number;
}

type BodyOf<C> = C extends Codec<infer T> ? T : never;

/** The decoded body of each family's events. */
export interface MonitorBodies {
  link: LinkMessage;
  address: AddrMessage;
  route: RouteMessage;
  neigh: NeighMessage;
  nsid: BodyOf<typeof nsidBody>;
  netconf: BodyOf<typeof netconfBody>;
  /** Types outside the six families: raw bytes, or whatever their registered codec makes. */
  other: unknown;
}

/**
 * One notification, discriminated by `group`: after `if (ev.group === 'link')`,
 * `ev.message.body` is a LinkMessage, no cast needed.
 */
export type MonitorEvent = {
  [G in keyof MonitorBodies]: {
    /** Which family it belongs to ('other' for types outside the six). */
    group: G;
    /** RTM_NEW* is 'new', RTM_DEL* is 'del'. */
    action: 'new' | 'del';
    /** The decoded message (`body` is `{ header, attrs }` as the services return). */
    message: Message<MonitorBodies[G]>;
  };
}[keyof MonitorBodies];

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
  // The registered codec of each RTM_* type makes the body this group's type says.
  return { group, action, message: m } as MonitorEvent;
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
 * `signal` aborts. The socket is opened at once; await `ready` before making a change that
 * must be seen. A receive-queue overrun (ENOBUFS: events were lost) is thrown, and ends it.
 */
export function monitor(opts: MonitorOptions = {}): Monitor {
  return new Monitor((sockOpts) => opts.netns === undefined
    ? Promise.resolve(NetlinkSocket.open(sockOpts))
    : runIn(opts.netns, 'netlinkSocket', sockOpts).then((fd) => new NetlinkSocket(fd, netnsLabel(opts.netns!))), opts);
}

interface Waiter { resolve(r: IteratorResult<MonitorEvent, undefined>): void; reject(e: Error): void }

const DONE: IteratorResult<MonitorEvent, undefined> = { done: true, value: undefined };

/**
 * A running subscription: an async iterator of events with `ready`. Iterate it with
 * `for await`; leaving the loop (or `return()`, or the signal) closes its socket.
 */
export class Monitor implements AsyncIterableIterator<MonitorEvent, undefined> {
  /** Resolves once the socket has joined its groups: a change made after it is seen. Rejects if the socket cannot be opened. */
  readonly ready: Promise<void>;
  private sock: NetlinkSocket | undefined;
  private stopListening: (() => void) | undefined;
  private readonly held = new Fifo<Message | Error>();
  private readonly waiters: Waiter[] = [];
  private readonly buffer: number;
  private readonly signal: AbortSignal | undefined;
  private failure: Error | undefined;
  private closed = false;
  private readonly onAbort = (): void => this.close();

  /** Starts a subscription on the socket `open` makes (with the groups joined at bind). */
  constructor(open: (opts: SocketOptions) => Promise<NetlinkSocket>, opts: Omit<MonitorOptions, 'netns'> = {}) {
    this.buffer = Math.max(1, opts.buffer ?? DEFAULT_MONITOR_BUFFER);
    this.signal = opts.signal;
    const sockOpts: SocketOptions = { groups: groupNumbers(opts.groups) };
    if (opts.rcvbuf !== undefined) sockOpts.rcvbuf = opts.rcvbuf;
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (this.signal?.aborted) this.close();
    const opened = this.closed ? Promise.resolve(undefined) : open(sockOpts);
    this.ready = opened.then((sock) => {
      if (!sock) return;
      if (this.closed) { sock.close(); return; }
      this.sock = sock;
      this.stopListening = sock.listen((m) => this.arrive(m));
    });
    // A failure to open is the first next()'s to report; `ready` rejects only for those who await it.
    this.ready.catch((e: Error) => { this.failure = e; this.pump(); });
  }

  private arrive(m: Message | Error): void {
    if (this.closed) return;
    this.held.push(m);
    // Backpressure: stop reading, so the kernel's queue (bounded by rcvbuf) fills and the kernel
    // drops events and flags ENOBUFS, which the reader meets once it has caught up.
    if (this.held.length >= this.buffer) this.sock?.holdEvents(true);
    this.pump();
  }

  /** Hands held events (then a failure) to waiting next() calls. */
  private pump(): void {
    while (this.waiters.length && !this.closed) {
      if (this.held.length) {
        const m = this.take();
        const w = this.waiters.shift()!;
        if (m instanceof Error) { this.close(); w.reject(m); return; }
        w.resolve({ done: false, value: classify(m) });
      } else if (this.failure) {
        const w = this.waiters.shift()!;
        this.close();
        w.reject(this.failure);
        return;
      } else return;
    }
  }

  private take(): Message | Error {
    const m = this.held.shift()!;
    if (this.held.length < this.buffer / 2) this.sock?.holdEvents(false);
    return m;
  }

  /** The next event; waits for one. */
  next(): Promise<IteratorResult<MonitorEvent, undefined>> {
    if (this.closed) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.pump();
    });
  }

  /** Ends the subscription at once (a pending next() resolves done) and closes the socket. */
  return(): Promise<IteratorResult<MonitorEvent, undefined>> {
    this.close();
    return Promise.resolve(DONE);
  }

  /** Ends the subscription and rethrows `e`. */
  throw(e?: unknown): Promise<IteratorResult<MonitorEvent, undefined>> {
    this.close();
    return Promise.reject(e);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.stopListening?.();
    this.sock?.close();
    this.held.drain();
    for (const w of this.waiters.splice(0)) w.resolve(DONE);
  }
}
