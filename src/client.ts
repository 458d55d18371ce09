/**
 * The Netlink handle: one rtnetlink socket living in one network namespace, and the services
 * (link, addr, route, neigh, nsid) that act there.
 *
 * For a foreign namespace, the namespace worker opens the socket inside it (a netlink socket
 * stays in the namespace it was created in), and every request then goes straight from the
 * caller's thread over that socket: no thread hop per request, no setns on the caller.
 */

import { openNetlinkFd, NetlinkSocket, type DumpOptions, type Message, type Reply, type RequestSpec, type SocketOptions, type WaitLimits } from './netlink/socket.js';
import { UsageError } from './netlink/errors.js';
import { close as closeFd, socketNetns } from './netlink/libc.js';
import * as K from './netlink/route/constants.js';
import { linkBody, type LinkMessage } from './netlink/route/link-attrs.js';
import type { RouteContext } from './netlink/route/context.js';
import { NsidService } from './netlink/route/nsid.js';
import { LinkService } from './netlink/route/link.js';
import { AddrService } from './netlink/route/address.js';
import { RouteService } from './netlink/route/route.js';
import { NeighService } from './netlink/route/neigh.js';
import { RuleService } from './netlink/route/rule.js';
import { NexthopService } from './netlink/route/nexthop.js';
import { AddrlabelService } from './netlink/route/addrlabel.js';
import { runIn } from './ns/executor.js';
import { addWithSocket } from './ns/named.js';
import { checkRef, netnsLabel, openNetns, type NetnsFd, type NetnsRef } from './ns/ref.js';
import { Monitor, type MonitorOptions } from './monitor.js';

/** How to open a handle. */
export interface OpenOptions {
  /** The namespace to act in; the caller's own when absent. */
  netns?: NetnsRef;
  /**
   * Make `netns` (a name: a string or `{ name }`) first, as `netns.add()` does (EEXIST when it
   * exists), and open the handle's socket inside it in the same trip to the namespace worker:
   * one trip where add() then open() take two. Like pyroute2's `NetNS(name, flags=os.O_CREAT)`, but never adopting a
   * namespace that already exists.
   */
  create?: boolean;
  /** Socket tuning (buffer sizes, multicast groups). */
  socket?: SocketOptions;
  /**
   * Milliseconds any one request (or dump) on this handle may wait for its answer before it
   * fails with NetlinkError ETIMEDOUT naming it; none by default. A request's own `timeout` wins.
   */
  timeout?: number;
  /** Aborting it fails every request waiting on this handle (AbortError naming each), and later ones. */
  signal?: AbortSignal;
  /**
   * What collected dumps (`link.list()` ...) do when a concurrent change interrupts them: by
   * default they run again up to 3 times, then throw DumpInterruptedError with what was read.
   * `{ retries: 0 }` opts out; `onInterrupted` keeps what was read instead of throwing.
   */
  dump?: DumpOptions;
}

/** A handle on rtnetlink in one namespace. Close it when done. */
export class Netlink implements RouteContext {
  readonly sock: NetlinkSocket;
  readonly netns: NetnsRef | undefined;
  readonly netnsLabel: string | undefined;
  /** Links: `ip link`. */
  readonly link: LinkService;
  /** Addresses: `ip address`. */
  readonly addr: AddrService;
  /** Routes: `ip route`. */
  readonly route: RouteService;
  /** Neighbours: `ip neigh`. */
  readonly neigh: NeighService;
  /** Netnsids: `ip netns set/list-id`. */
  readonly nsid: NsidService;
  /** Policy-routing rules: `ip rule`. */
  readonly rule: RuleService;
  /** Nexthop objects and groups: `ip nexthop`. */
  readonly nexthop: NexthopService;
  /** IPv6 address labels: `ip addrlabel`. */
  readonly addrlabel: AddrlabelService;

  private constructor(sock: NetlinkSocket, netns: NetnsRef | undefined) {
    this.sock = sock;
    this.netns = netns;
    this.netnsLabel = netns === undefined ? undefined : netnsLabel(netns);
    this.link = new LinkService(this);
    this.addr = new AddrService(this);
    this.route = new RouteService(this);
    this.neigh = new NeighService(this);
    this.nsid = new NsidService(this);
    this.rule = new RuleService(this);
    this.nexthop = new NexthopService(this);
    this.addrlabel = new AddrlabelService(this);
  }

  /** Opens a handle in the caller's namespace, or in `netns` (by name, path, pid or fd). */
  static async open(opts: OpenOptions = {}): Promise<Netlink> {
    if (opts.create) {
      // A name as a string or as { name }; the reference checked whole before anything is made.
      const ref = opts.netns === undefined ? undefined : checkRef(opts.netns);
      const name = typeof ref === 'string' ? ref : ref !== undefined && 'name' in ref ? ref.name : undefined;
      if (name === undefined) throw new UsageError(`Netlink.open: create needs netns to be a name, not ${JSON.stringify(opts.netns)}`);
      return Netlink.adopt(await addWithSocket(name, opts.socket ?? {}), opts.netns, opts);
    }
    const fd = opts.netns === undefined ? openNetlinkFd(opts.socket) : await runIn(opts.netns, 'netlinkSocket', opts.socket ?? {});
    return Netlink.adopt(fd, opts.netns, opts);
  }

  /**
   * Wraps a netlink socket fd made by openNetlinkFd() in some namespace (`netns` labels it in
   * errors and is where monitor() and peers are looked up). The handle owns the fd from now on (and closes it if wrapping fails).
   */
  static adopt(fd: number, netns?: NetnsRef, limits: WaitLimits & { dump?: DumpOptions } = {}): Netlink {
    const label = netns === undefined ? undefined : netnsLabel(netns);
    let sock: NetlinkSocket;
    try {
      sock = new NetlinkSocket(fd, label);
    } catch (e) {
      closeFd(fd); // owned from the call on, so not leaked when wrapping fails
      throw e;
    }
    if (limits.timeout !== undefined) sock.limits.timeout = limits.timeout;
    if (limits.signal !== undefined) sock.limits.signal = limits.signal;
    if (limits.dump) sock.dumpPolicy = { ...sock.dumpPolicy, ...limits.dump };
    return new Netlink(sock, netns);
  }

  /** The ifindex of a device in this namespace; numbers pass through. */
  async ifindex(dev: string | number): Promise<number> {
    if (typeof dev === 'number') return dev;
    // A missing device is the kernel's NetlinkError ENODEV, the same shape link.get/del throw, so
    // idempotent teardown needs one catch whatever service it calls; the op says which name
    // ('Cannot find device "eth9" [netns blue]: No such device (ENODEV)').
    const r = await this.sock.request<LinkMessage>({
      type: K.RTM_GETLINK, codec: linkBody, op: `Cannot find device "${dev}"`,
      body: { header: { family: 0 }, attrs: { ifname: dev, ext_mask: K.RTEXT_FILTER_SKIP_STATS } },
    });
    const m = r.messages[0];
    if (!m) throw new UsageError(`Cannot find device "${dev}"`);
    return m.body.header.index;
  }

  /** Opens a namespace reference (relative to nothing: names are /run/netns entries). */
  openNetns(ref: NetnsRef): NetnsFd {
    return openNetns(ref);
  }

  /** Raw escape hatch: one request, resolved with the messages before its ack. */
  request<R = unknown, B = unknown>(spec: RequestSpec<B>): Promise<Reply<R>> {
    return this.sock.request<R, B>(spec);
  }

  /** Raw escape hatch: a streamed dump. */
  dump<R = unknown, B = unknown>(spec: RequestSpec<B>): AsyncGenerator<Message<R>> {
    return this.sock.dump<R, B>(spec);
  }

  /** Raw escape hatch: a collected dump, retried on NLM_F_DUMP_INTR if asked. */
  dumpAll<R = unknown, B = unknown>(spec: RequestSpec<B>, opts?: DumpOptions): Promise<Message<R>[]> {
    return this.sock.dumpAll<R, B>(spec, opts);
  }

  /**
   * Notifications in this handle's namespace (on a socket of their own): new and deleted links,
   * addresses, routes, neighbours and netnsids, as `ip monitor` shows them. Await `ready` before
   * a change that must be seen. The socket is opened in the namespace this handle's socket lives
   * in (SIOCGSKNS), not by name: a name deleted and reused since open() names another namespace.
   */
  monitor(opts: Omit<MonitorOptions, 'netns'> = {}): Monitor {
    return new Monitor(async (sockOpts) => {
      if (this.netns === undefined) return NetlinkSocket.open(sockOpts); // the main thread's own, where this socket was made
      const nsFd = socketNetns(this.sock.fd);
      try {
        return new NetlinkSocket(await runIn({ fd: nsFd }, 'netlinkSocket', sockOpts), this.netnsLabel);
      } finally {
        closeFd(nsFd);
      }
    }, opts);
  }

  /** Closes the socket. */
  async close(): Promise<void> {
    this.sock.close();
  }
}
