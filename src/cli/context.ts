/**
 * What every nlctl command gets: the global options, an output buffer, and one lazily opened
 * Netlink handle (shared by every line of a batch). Nothing here is loaded until asked for, so
 * `nlctl help` never loads koffi and only -n loads the namespace worker.
 */

import type { Netlink } from '../client.js';
import type { NetlinkSocket } from '../netlink/socket.js';
import type { LinkMessage } from '../netlink/route/link-attrs.js';
import { CliError, CliUsageError } from './errors.js';
import { io } from './io.js';
// Static, not import(): a dynamic import makes the bundle build all ~830 constants as a namespace object.
import { RTM_GETLINK } from '../netlink/route/constants.js';
import { toJson, type JsonValue } from './print/json.js';

/** The global options (ip's -n, -j, -p, -d, -br, -4/-6, -s, -o, -force). */
export interface Globals {
  netns?: string;
  json: boolean;
  pretty: boolean;
  details: boolean;
  brief: boolean;
  /** AF_INET (2) or AF_INET6 (10) with -4/-6; 0 for all. */
  family: number;
  stats: number;
  oneline: boolean;
  force: boolean;
  /** nlctl-only: show veth peers' namespace and name. */
  peer: boolean;
  /** -all: `netns exec` runs in every named namespace. */
  all: boolean;
  /** -t / -ts: `monitor` stamps each event, ip's long or short way. */
  timestamp?: 'long' | 'short';
  /** -h / -human: link counters scaled (1.2M); -iec scales by 1024 (1.2Mi). */
  human?: boolean;
  iec?: boolean;
  /** -N / -Numeric: numbers instead of names. */
  numeric?: boolean;
}

/** Default global options. */
export function defaultGlobals(): Globals {
  return { json: false, pretty: false, details: false, brief: false, family: 0, stats: 0, oneline: false, force: false, peer: false, all: false };
}

/** The links of a namespace by index and by name, from one dump. */
export interface LinkIndex {
  list: LinkMessage[];
  byIndex: Map<number, LinkMessage>;
  byName: Map<string, LinkMessage>;
  /** Name of an ifindex, or `if<N>` as ip prints unknown ones. */
  name(index: number): string;
}

/** Builds the lookup maps over a link dump. */
export function indexLinks(list: LinkMessage[]): LinkIndex {
  const byIndex = new Map<number, LinkMessage>();
  const byName = new Map<string, LinkMessage>();
  for (const l of list) {
    byIndex.set(l.header.index, l);
    if (l.attrs.ifname !== undefined) byName.set(l.attrs.ifname, l);
    for (const alt of l.attrs.prop_list?.alt_ifname ?? []) if (!byName.has(alt)) byName.set(alt, l);
  }
  return { list, byIndex, byName, name: (i) => byIndex.get(i)?.attrs.ifname ?? `if${i}` };
}

/**
 * Opens the whole client (cli/handle.ts). An entry point without one (show-main.ts, whose bundle
 * must not carry the client) passes none: its commands never ask for it.
 */
export type HandleOpener = (netns: string | undefined) => Promise<Netlink>;

/** Shared state of one nlctl run (a single command, or a whole batch). */
export class Session {
  private handle: Promise<Netlink> | undefined;
  private bare: Promise<NetlinkSocket> | undefined;
  private links: Promise<LinkIndex> | undefined;
  /**
   * In a batch, device names are resolved from one cached link dump instead of a lookup per
   * line, so a run of pipelined lines costs one request each.
   */
  batch = false;
  constructor(readonly g: Globals, private readonly open?: HandleOpener) {}

  /** The Netlink handle, opened on first use in the -n namespace (or the caller's own). */
  nl(): Promise<Netlink> {
    if (!this.open) return Promise.reject(new Error('internal: no Netlink handle in this entry point'));
    this.handle ??= this.open(this.g.netns);
    return this.handle;
  }

  /**
   * Cold start: `nlctl [-n NS] link show` needs one socket and the link table, not the whole
   * client (services and kinds: ~8 ms to evaluate even from the bundle's code cache). Read-only
   * work goes through this bare socket while no handle is open.
   */
  private light(): boolean {
    return this.handle === undefined && !this.batch;
  }

  private socket(): Promise<NetlinkSocket> {
    this.bare ??= openBare(this.g.netns);
    return this.bare;
  }

  /** All links (one dump, reused until invalidated by a change to links). */
  linkIndex(): Promise<LinkIndex> {
    this.links ??= (this.light() ? this.socket().then((s) => lightDump(s, this.g.details)) : this.nl().then(dumpLinks)).then(indexLinks);
    this.links.catch(() => { this.links = undefined; });
    return this.links;
  }

  /** The /run/netns name of each nsid this namespace has assigned (for link-netns in text). */
  async nsNames(): Promise<Map<number, string>> {
    if (!this.light()) return (await this.nl()).nsid.namesById();
    const [{ NsidService }, { openNetns }, sock] = await Promise.all([import('../netlink/route/nsid.js'), import('../ns/ref.js'), this.socket()]);
    const noDevices = (): never => { throw new Error('internal: no device lookups here'); };
    return new NsidService({ sock, netnsLabel: this.g.netns, ifindex: noDevices, openNetns }).namesById();
  }

  /** Forgets cached link names (after link add/set/del, or between batch commands that change links). */
  invalidate(): void { this.links = undefined; }

  /** Closes the handle and the bare socket, where opened. */
  async close(): Promise<void> {
    const h = this.handle;
    const b = this.bare;
    this.handle = undefined;
    this.bare = undefined;
    if (b) (await b.catch(() => undefined))?.close();
    if (h) await (await h.catch(() => undefined))?.close();
  }
}

async function openBare(netns: string | undefined): Promise<NetlinkSocket> {
  const { NetlinkSocket } = await import('../netlink/socket.js');
  const sock = netns === undefined ? NetlinkSocket.open() : new NetlinkSocket(await netlinkFdIn(netns), netns);
  sock.dumpPolicy.onInterrupted = warnInterrupted;
  return sock;
}

async function lightDump(sock: NetlinkSocket, details: boolean): Promise<LinkMessage[]> {
  await Promise.all([import('../netlink/route/link-attrs.js'), details ? import('../netlink/route/kinds/index.js') : undefined]);
  const msgs = await sock.dumpAll<LinkMessage>({ type: RTM_GETLINK, op: 'link.list', body: { header: { family: 0 }, attrs: { ext_mask: 1 } } }, { retries: 3 });
  return msgs.map((m) => m.body);
}

/** A netlink socket fd made inside the -n namespace, or ip's words for one that cannot be entered. */
export async function netlinkFdIn(netns: string): Promise<number> {
  try {
    const { runOnCallingThread } = await callingThread();
    // ip joins whatever it is given to /run/netns (`a/b` is /run/netns/a/b: ENOENT, not a usage
    // error); for the library a name with a slash would be a path.
    return runOnCallingThread(netns.includes('/') ? { path: `/run/netns/${netns}` } : netns, 'netlinkSocket', {});
  } catch (e) {
    const err = e as { name?: string; errno?: number; code?: string };
    if (err.name === 'SyscallError' || err.name === 'UsageError') {
      const { errnoText } = await import('../netlink/errno.js');
      const why = err.errno ? errnoText(Math.abs(err.errno)) : (e as Error).message;
      // ip's netns_switch() words a refused setns (an unprivileged user) this way.
      if ((err as { syscall?: string }).syscall === 'setns') throw new CliUsageError(`setting the network namespace "${netns}" failed: ${why}`);
      throw new CliUsageError(`Cannot open network namespace "${netns}": ${why}`);
    }
    throw e;
  }
}

/**
 * Namespace operations of this process on its own thread, not the library's worker (see
 * src/ns/calling-thread.ts): the CLI is one command, as ip is, and the worker's start-up cost
 * more than the command (`netns add` ~255 -> ~95 ms).
 */
export async function callingThread(): Promise<typeof import('../ns/calling-thread.js')> {
  const m = await import('../ns/calling-thread.js');
  m.useCallingThread();
  return m;
}

/**
 * A dump still interrupted after its retries prints what it read, as ip does: ip warns on
 * stderr (lib/libnetlink.c, rtnl_dump_filter_l) and exits 0.
 */
export function warnInterrupted(): void {
  io.err('Dump was interrupted and may be inconsistent.\n');
}

/** Dumps every link, through the link service when it has list(), raw otherwise. */
export async function dumpLinks(nl: Netlink): Promise<LinkMessage[]> {
  const svc = nl.link as unknown as { list?: () => Promise<LinkMessage[]> };
  if (typeof svc.list === 'function') return svc.list();
  const msgs = await nl.dumpAll<LinkMessage>({ type: RTM_GETLINK, op: 'link.list', body: { header: { family: 0 }, attrs: { ext_mask: 1 } } }, { retries: 3 });
  return msgs.map((m) => m.body);
}

/** One command's view: the session plus its own output buffer (batch lines print in order). */
export class Cli {
  readonly g: Globals;
  private chunks: string[] = [];
  constructor(readonly session: Session, readonly where = '') {
    this.g = session.g;
  }

  /** The Netlink handle. */
  nl(): Promise<Netlink> { return this.session.nl(); }
  /** The link index of the namespace. */
  links(): Promise<LinkIndex> { return this.session.linkIndex(); }

  /** The ifindex of a device name, with ip's message and exit code when there is none. */
  async ifindex(dev: string): Promise<number> {
    const l = (await this.links()).byName.get(dev);
    if (!l) throw new CliError(`Cannot find device "${dev}"`, 1);
    return l.header.index;
  }

  /** A device for a service call: the name itself, or (in a batch) its cached ifindex. */
  async dev(name: string): Promise<string | number> {
    return this.session.batch ? this.ifindex(name) : name;
  }

  /** Appends text to stdout (flushed when the command ends). */
  print(s: string): void { this.chunks.push(s); }
  /** Prints a JSON document the way ip -j does (newline-terminated). */
  printJson(v: JsonValue): void { this.chunks.push(toJson(v, this.g.pretty) + '\n'); }
  /** Takes what was printed so far. */
  take(): string { const s = this.chunks.join(''); this.chunks = []; return s; }
}
