/**
 * `nl.link`: `ip link add/set/del/show` over RTM_NEWLINK/DELLINK/GETLINK. Options speak ip's
 * words; one pure function per message (linkAddMessage, linkSetMessage, ...) maps them to
 * `{ type, flags, body }`, and the service resolves device names and namespaces around it.
 */

import { encodeName } from '../codecs.js';
import { NLM_F_CREATE, NLM_F_EXCL } from '../constants.js';
import { UsageError } from '../errors.js';
import { NETNS_RUN_DIR, type NetnsFd, type NetnsRef } from '../../ns/ref.js';
import * as K from './constants.js';
import type { RouteContext } from './context.js';
import { linkBody, type LinkAttrs, type LinkMessage } from './link-attrs.js';
import { NsidService } from './nsid.js';
import { blameVethPeer } from './veth-clash.js';
import {
  linkKind, type BondOptions, type BridgeOptions, type GeneveOptions, type GreOptions, type IpvlanOptions, type KindContext,
  type MacvlanOptions, type VethOptions, type VlanOptions, type VrfOptions, type VxlanOptions,
} from './kinds/index.js';
import { boolOpt, macOpt, uintOpt } from './kinds/options.js';

export type { LinkMessage } from './link-attrs.js';

/** Options every link accepts on add (and most on set), in ip's words. */
export interface LinkCommonOptions {
  /** The device name (IFLA_IFNAME): 1..15 bytes, no '/', ':' or whitespace. */
  name?: string;
  /** MAC address (IFLA_ADDRESS). */
  address?: string;
  /** Link-layer broadcast address. */
  broadcast?: string;
  mtu?: number;
  /** Transmit queue length (ip's `txqueuelen`/`txqlen`). */
  txqlen?: number;
  txqueuelen?: number;
  /** The parent or peer device (IFLA_LINK): a macvlan's or vlan's lower device. */
  link?: string | number;
  /** The master device (a bridge); on set, `null` or `nomaster: true` releases it. */
  master?: string | number | null;
  /** Alias text (IFLA_IFALIAS). */
  alias?: string;
  /** Device group number. */
  group?: number;
  /** Administrative state: true = `up`, false = `down`. */
  up?: boolean;
  /** Create the link in (add) or move it to (set) this namespace: IFLA_NET_NS_FD, or IFLA_NET_NS_PID for `{ pid }`. */
  netns?: NetnsRef;
  numtxqueues?: number;
  numrxqueues?: number;
}

/** A kind nlctl has no option mapper for: `data` is sent as IFLA_INFO_DATA (an attribute object for a registered table, or raw bytes). */
export interface OtherKindOptions {
  kind: string;
  data?: Record<string, unknown> | Buffer;
}

/** Options of `link.add`: common options plus the kind's own (`ip link add NAME type KIND ...`). */
export type LinkAddOptions = WithCommon<VethOptions> | WithCommon<BridgeOptions> | WithCommon<VxlanOptions>
  | WithCommon<MacvlanOptions> | WithCommon<VlanOptions> | WithCommon<IpvlanOptions> | WithCommon<BondOptions>
  | WithCommon<VrfOptions> | WithCommon<GreOptions> | WithCommon<GeneveOptions> | WithCommon<OtherKindOptions>
  | WithCommon<{ kind: 'ifb' | 'dummy' }>;

/** A kind's options plus the common ones it does not redefine (vxlan's `group` is its own), and `index`. */
export type WithCommon<T> = Omit<LinkCommonOptions, keyof T> & T & {
  /** Ask for this ifindex (ip's `index`). */
  index?: number;
};

/** Options of `link.set` (`ip link set DEV ...`); `kind` with kind options changes IFLA_INFO_DATA. */
export type LinkSetOptions = LinkCommonOptions & {
  /** The device to change, by name or ifindex. */
  dev: string | number;
  /** ip's `nomaster`. */
  nomaster?: boolean;
  promisc?: boolean;
  allmulticast?: boolean;
  multicast?: boolean;
  /** false: IFF_NOARP. */
  arp?: boolean;
  kind?: string;
  [kindOption: string]: unknown;
};

/** Filters of `link.list`; master and kind are applied in the kernel (strict dump filtering) and checked again here. */
export interface LinkListOptions {
  /** Only ports of this master (IFLA_MASTER in the dump request). */
  master?: string | number;
  /** Only links of this kind (IFLA_LINKINFO/IFLA_INFO_KIND in the dump request). */
  kind?: string;
}

/** A request built from options: what `nl.request()` takes, minus NLM_F_REQUEST/ACK the socket adds. */
export interface LinkRequest {
  type: number;
  flags: number;
  body: LinkMessage;
  op: string;
}

/** Where the far end of a link is (IFLA_LINK, read in the namespace IFLA_LINK_NETNSID names). */
export interface LinkPeer {
  /** The far end's ifindex (IFLA_LINK). */
  ifindex: number;
  /** Its name, when its namespace could be reached. */
  ifname?: string;
  /** IFLA_LINK_NETNSID: absent when the far end is in the handle's own namespace. */
  nsid?: number;
  /** The /run/netns name of that namespace, when one matches (ip's `link-netns NAME`). */
  netns?: string;
}

const COMMON = ['name', 'address', 'broadcast', 'mtu', 'txqlen', 'txqueuelen', 'link', 'master', 'alias', 'group', 'up',
  'netns', 'numtxqueues', 'numrxqueues'] as const;
const SET_ONLY = ['dev', 'nomaster', 'promisc', 'allmulticast', 'multicast', 'arp', 'kind'] as const;

/** Checks an interface name as the kernel's dev_valid_name() does. */
export function validIfname(name: unknown, what = 'name'): string {
  if (typeof name !== 'string' || name.length === 0) throw new UsageError(`invalid ${what} ${JSON.stringify(name)}: must be a non-empty string`);
  // Bytes as sent: a name from link.list() may carry non-UTF-8 bytes as lone surrogates (encodeName).
  if (encodeName(name).length >= K.IFNAMSIZ) throw new UsageError(`invalid ${what} "${name}": longer than ${K.IFNAMSIZ - 1} bytes`);
  if (name === '.' || name === '..' || /[/:\s\0]/.test(name)) throw new UsageError(`invalid ${what} "${name}": must not be '.', '..' or contain '/', ':' or whitespace`);
  return name;
}

/** A context that only accepts numbers and `{ fd }`: what the pure builders use when called directly. */
export const directContext: KindContext = makeContext(
  (dev, what) => {
    if (typeof dev === 'number') return uintOpt(what, dev, 0x7fffffff, 1);
    throw new UsageError(`${what} "${dev}": a device name needs a handle to look it up; pass an ifindex`);
  },
  (ref, what) => {
    if (typeof ref === 'object' && 'fd' in ref) return uintOpt(`${what} fd`, ref.fd, 0x7fffffff);
    throw new UsageError(`${what}: a namespace name or path needs opening; pass { fd }`);
  },
);

/** Builds a KindContext whose linkAttrs uses the same name and namespace lookups. */
function makeContext(ifindex: KindContext['ifindex'], netnsFd: KindContext['netnsFd']): KindContext {
  const ctx: KindContext = {
    ifindex, netnsFd,
    linkAttrs: (o, what) => { checkKeys(o, COMMON, what); return commonAttrs(o, ctx, what, false); },
  };
  return ctx;
}

/** Maps the common options to IFLA_* attributes (shared by add, set and a veth peer). */
function commonAttrs(o: Record<string, unknown>, ctx: KindContext, what: string, isSet: boolean): LinkAttrs {
  const a: LinkAttrs = {};
  if (o.name !== undefined) a.ifname = validIfname(o.name, `${what} name`);
  if (o.address !== undefined) a.address = macOpt(`${what} address`, o.address);
  if (o.broadcast !== undefined) a.broadcast = macOpt(`${what} broadcast`, o.broadcast);
  if (o.mtu !== undefined) a.mtu = uintOpt(`${what} mtu`, o.mtu);
  if (o.txqlen !== undefined && o.txqueuelen !== undefined) throw new UsageError(`${what}: give txqlen or txqueuelen, not both`);
  const q = o.txqlen ?? o.txqueuelen;
  if (q !== undefined) a.txqlen = uintOpt(`${what} txqueuelen`, q);
  if (o.link !== undefined) a.link = ctx.ifindex(o.link as string | number, `${what} link`);
  if (o.master === null || o.nomaster === true) {
    if (!isSet) throw new UsageError(`${what}: nomaster is for link.set`);
    if (o.master !== undefined && o.master !== null) throw new UsageError(`${what}: give master or nomaster, not both`);
    a.master = 0;
  } else if (o.master !== undefined) a.master = ctx.ifindex(o.master as string | number, `${what} master`);
  if (o.alias !== undefined) {
    // rtnl_newlink() ignores IFLA_IFALIAS when it creates a link (6.18): refuse rather than drop it.
    if (!isSet) throw new UsageError(`${what}: alias can only be set on an existing link (link.set)`);
    // ifla_policy: NLA_BINARY of at most IFALIASZ - 1 bytes, sent without a NUL as ip sends it;
    // '' (a zero-length attribute) removes the alias, as `ip link set DEV alias ""` does.
    if (typeof o.alias !== 'string' || Buffer.byteLength(o.alias) > K.IFALIASZ - 1 || o.alias.includes('\0')) {
      throw new UsageError(`invalid ${what} alias: a string of at most ${K.IFALIASZ - 1} bytes without NUL`);
    }
    a.ifalias = o.alias;
  }
  if (o.group !== undefined) a.group = uintOpt(`${what} group`, o.group);
  if (o.numtxqueues !== undefined) a.num_tx_queues = uintOpt(`${what} numtxqueues`, o.numtxqueues, 4096, 1);
  if (o.numrxqueues !== undefined) a.num_rx_queues = uintOpt(`${what} numrxqueues`, o.numrxqueues, 4096, 1);
  if (o.netns !== undefined) {
    const ns = o.netns as NetnsRef;
    // ip sends `netns PID` as IFLA_NET_NS_PID and anything else as an open fd.
    if (typeof ns === 'object' && ns !== null && 'pid' in ns) a.net_ns_pid = uintOpt(`${what} netns pid`, ns.pid, 0x7fffffff, 1);
    else a.net_ns_fd = ctx.netnsFd(ns, `${what} netns`);
  }
  return a;
}

/** ifi_flags/ifi_change for up/down, promisc, allmulticast, multicast and arp. */
function headerFlags(o: Record<string, unknown>, what: string): { flags: number; change: number } {
  let flags = 0;
  let change = 0;
  const bits: [string, number, boolean][] = [
    ['up', K.IFF_UP, false], ['promisc', K.IFF_PROMISC, false], ['allmulticast', K.IFF_ALLMULTI, false],
    ['multicast', K.IFF_MULTICAST, false], ['arp', K.IFF_NOARP, true],
  ];
  for (const [key, bit, inverted] of bits) {
    if (o[key] === undefined) continue;
    change |= bit;
    if (boolOpt(`${what} ${key}`, o[key]) !== inverted) flags |= bit;
  }
  return { flags, change };
}

/** Options a kind claims are its own, not the common ones (vxlan's `group` is a multicast address, not a device group). */
function withoutKindOptions(o: Record<string, unknown>, kind: string): Record<string, unknown> {
  const own = linkKind(kind)?.options ?? [];
  if (!own.some((k) => (COMMON as readonly string[]).includes(k))) return o;
  return Object.fromEntries(Object.entries(o).filter(([k]) => !own.includes(k)));
}

function checkKeys(o: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(o)) {
    if (o[k] !== undefined && !allowed.includes(k)) throw new UsageError(`${what}: unknown option "${k}"`);
  }
}

/** IFLA_LINKINFO for `kind` and its options (a kind nlctl has no mapper for takes `data` as is). */
function linkInfo(o: Record<string, unknown>, kind: string, ctx: KindContext, what: string, extra: readonly string[]): LinkAttrs['linkinfo'] {
  const k = linkKind(kind);
  checkKeys(o, [...COMMON, ...extra, 'kind', 'data', ...(k?.options ?? [])], what);
  if (o.data !== undefined && k?.infoData && k.options?.some((n) => o[n] !== undefined)) {
    throw new UsageError(`${what}: give ${kind} options or data, not both`);
  }
  const data = (o.data as Record<string, unknown> | Buffer | undefined) ?? k?.infoData?.(o, ctx);
  if (data !== undefined && !Buffer.isBuffer(data) && !k?.data) throw new UsageError(`${what}: no attribute table for kind "${kind}"; pass data as a Buffer`);
  return data === undefined ? { kind } : { kind, data };
}

/** RTM_NEWLINK with NLM_F_CREATE|NLM_F_EXCL: `ip link add [link DEV] NAME ... type KIND ...`. */
export function linkAddMessage(opts: LinkAddOptions, ctx: KindContext = directContext): LinkRequest {
  const o = opts as unknown as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !o.kind) throw new UsageError('link.add: kind is required (veth, bridge, vxlan, macvlan, ...)');
  const what = `link.add ${typeof o.name === 'string' ? o.name : o.kind}`;
  const attrs = commonAttrs(withoutKindOptions(o, o.kind), ctx, what, false);
  attrs.linkinfo = linkInfo(o, o.kind, ctx, what, ['index']);
  const index = o.index === undefined ? 0 : uintOpt(`${what} index`, o.index, 0x7fffffff, 1);
  const { flags, change } = headerFlags({ up: o.up }, what);
  return {
    type: K.RTM_NEWLINK, flags: NLM_F_CREATE | NLM_F_EXCL, op: what,
    body: { header: { family: K.AF_UNSPEC, type: 0, index, flags, change }, attrs },
  };
}

/** RTM_NEWLINK on an existing link: `ip link set DEV ...`. `dev` must already be an ifindex unless `ctx` resolves names. */
export function linkSetMessage(opts: LinkSetOptions, ctx: KindContext = directContext): LinkRequest {
  const o = opts as unknown as Record<string, unknown>;
  if (o.dev === undefined) throw new UsageError('link.set: dev is required');
  const what = `link.set ${String(o.dev)}`;
  const index = ctx.ifindex(o.dev as string | number, what);
  const attrs = commonAttrs(typeof o.kind === 'string' ? withoutKindOptions(o, o.kind) : o, ctx, what, true);
  if (typeof o.kind === 'string') attrs.linkinfo = linkInfo(o, o.kind, ctx, what, SET_ONLY);
  else checkKeys(o, [...COMMON, ...SET_ONLY], what);
  const { flags, change } = headerFlags(o, what);
  if (!change && !Object.keys(attrs).length) throw new UsageError(`${what}: nothing to change`);
  return { type: K.RTM_NEWLINK, flags: 0, op: what, body: { header: { family: K.AF_UNSPEC, type: 0, index, flags, change }, attrs } };
}

/** The ifinfomsg index and attributes that name a device: ifindex in the header, or IFLA_IFNAME. */
function byDev(dev: string | number, what: string): { index: number; attrs: LinkAttrs } {
  if (typeof dev === 'number') return { index: uintOpt(what, dev, 0x7fffffff, 1), attrs: {} };
  return { index: 0, attrs: { ifname: validIfname(dev, what) } };
}

/** RTM_DELLINK by ifindex or name: `ip link del DEV`. */
export function linkDelMessage(dev: string | number): LinkRequest {
  const what = `link.del ${String(dev)}`;
  const { index, attrs } = byDev(dev, what);
  return { type: K.RTM_DELLINK, flags: 0, op: what, body: { header: { family: K.AF_UNSPEC, type: 0, index, flags: 0, change: 0 }, attrs } };
}

/** RTM_GETLINK for one link by ifindex or name: `ip -d link show DEV` (with stats, as ip asks: IFLA_EXT_MASK = RTEXT_FILTER_VF). */
export function linkGetMessage(dev: string | number): LinkRequest {
  const what = `link.get ${String(dev)}`;
  const { index, attrs } = byDev(dev, what);
  attrs.ext_mask = K.RTEXT_FILTER_VF;
  return { type: K.RTM_GETLINK, flags: 0, op: what, body: { header: { family: K.AF_UNSPEC, type: 0, index, flags: 0, change: 0 }, attrs } };
}

/**
 * RTM_GETLINK dump as `ip link show` sends it (ifi_family AF_PACKET, IFLA_EXT_MASK = RTEXT_FILTER_VF),
 * with the kernel-side filters strict checking allows: IFLA_MASTER and IFLA_LINKINFO{IFLA_INFO_KIND}.
 * The socket adds NLM_F_DUMP.
 */
export function linkListMessage(opts: LinkListOptions = {}, ctx: KindContext = directContext): LinkRequest {
  checkKeys(opts as unknown as Record<string, unknown>, ['master', 'kind'], 'link.list');
  const attrs: LinkAttrs = { ext_mask: K.RTEXT_FILTER_VF };
  if (opts.master !== undefined) attrs.master = ctx.ifindex(opts.master, 'link.list master');
  if (opts.kind !== undefined) {
    if (typeof opts.kind !== 'string' || !opts.kind) throw new UsageError(`link.list: invalid kind ${JSON.stringify(opts.kind)}`);
    attrs.linkinfo = { kind: opts.kind };
  }
  return { type: K.RTM_GETLINK, flags: 0, op: 'link.list', body: { header: { family: K.AF_PACKET, type: 0, index: 0, flags: 0, change: 0 }, attrs } };
}

/** `nl.link`: links in the handle's namespace. */
export class LinkService {
  constructor(protected readonly ctx: RouteContext) {}

  /**
   * Runs `build` twice: once to learn which device names and namespaces it needs, then with
   * them resolved (names looked up in this namespace, namespaces opened); sends the result and
   * closes the namespace fds, whatever happens.
   */
  private async send<T>(build: (ctx: KindContext) => LinkRequest, dump = false): Promise<T[]> {
    const devs = new Set<string>();
    const refs: NetnsRef[] = [];
    build(makeContext(
      (dev, what) => { if (typeof dev === 'string') devs.add(dev); return directContext.ifindex(typeof dev === 'string' ? 1 : dev, what); },
      (ref) => { refs.push(ref); return 0; },
    ));
    const names = [...devs];
    const indexes = await Promise.all(names.map((d) => this.ctx.ifindex(d)));
    const byName = new Map(names.map((d, i) => [d, indexes[i]!]));
    const fds: NetnsFd[] = [];
    try {
      for (const r of refs) fds.push(this.ctx.openNetns(r));
      let next = 0;
      const req = build(makeContext(
        (dev) => (typeof dev === 'number' ? dev : byName.get(dev)!),
        () => fds[next++]!.fd,
      ));
      const spec = { type: req.type, flags: req.flags, body: req.body, codec: linkBody, op: req.op };
      if (dump) return (await this.ctx.sock.dumpAll<T>(spec)).map((m) => m.body);
      return (await this.ctx.sock.request<T>(spec)).messages.map((m) => m.body);
    } finally {
      for (const f of fds) f.close();
    }
  }

  /** Creates a link: `ip link add`. The kernel creates it (and a veth's peer) in one step, or nothing. */
  async add(opts: LinkAddOptions): Promise<void> {
    await this.send((c) => linkAddMessage(opts, c)).catch(async (e: unknown) => {
      throw await blameVethPeer(this, opts as Record<string, unknown>, e);
    });
  }

  /** Changes a link: `ip link set` (state, mtu, name, address, master, alias, txqueuelen, netns, kind options). */
  async set(opts: LinkSetOptions): Promise<void> {
    await this.send((c) => linkSetMessage(opts, c));
  }

  /** Deletes a link by name or ifindex: `ip link del` (a veth takes its peer with it). */
  async del(dev: string | number): Promise<void> {
    await this.send(() => linkDelMessage(dev));
  }

  /** One link by name or ifindex, decoded: `ip -d link show DEV`. */
  async get(dev: string | number): Promise<LinkMessage> {
    const [m] = await this.send<LinkMessage>(() => linkGetMessage(dev));
    if (!m) throw new Error(`link.get ${String(dev)}: the kernel answered without a link`);
    return m;
  }

  /** Every link (or those of one master or kind), decoded: `ip -d link show [master M] [type K]`. */
  async list(opts: LinkListOptions = {}): Promise<LinkMessage[]> {
    const links = await this.send<LinkMessage>((c) => linkListMessage(opts, c), true);
    // Kernels filter by kind only when the kind's module is loaded; check both filters here too.
    const master = opts.master === undefined ? undefined : await this.ctx.ifindex(opts.master);
    return links.filter((l) => (master === undefined || l.attrs.master === master)
      && (opts.kind === undefined || l.attrs.linkinfo?.kind === opts.kind));
  }

  /** The /run/netns name of the namespace a link's IFLA_LINK_NETNSID refers to (ip's `link-netns NAME`). */
  async linkNetns(link: string | number | LinkMessage): Promise<string | undefined> {
    const l = typeof link === 'object' ? link : await this.get(link);
    const nsid = l.attrs.link_netnsid;
    return nsid === undefined ? undefined : new NsidService(this.ctx).name(nsid);
  }

  /**
   * The far end of a link (a veth's peer, a macvlan's parent): its ifindex, and, by looking it up
   * in the namespace IFLA_LINK_NETNSID names, its name. Undefined when the link has no IFLA_LINK.
   */
  async peer(dev: string | number): Promise<LinkPeer | undefined> {
    const l = await this.get(dev);
    const ifindex = l.attrs.link;
    const nsid = l.attrs.link_netnsid;
    // Without a netnsid, IFLA_LINK equal to the link's own index means "no lower device".
    if (!ifindex || (nsid === undefined && ifindex === l.header.index)) return undefined;
    if (nsid === undefined) return { ifindex, ifname: (await this.get(ifindex)).attrs.ifname! };
    const netns = await new NsidService(this.ctx).name(nsid);
    if (netns === undefined) return { ifindex, nsid };
    // Imported here: client.ts imports this file.
    const { Netlink } = await import('../../client.js');
    const nl = await Netlink.open({ netns: { path: `${NETNS_RUN_DIR}/${netns}` } });
    try {
      return { ifindex, ifname: (await nl.link.get(ifindex)).attrs.ifname!, nsid, netns };
    } finally {
      await nl.close();
    }
  }
}
