/**
 * `nl.link`: `ip link add/set/del/show` over RTM_NEWLINK/DELLINK/GETLINK. Options speak ip's
 * words; one pure function per message (linkAddMessage, linkSetMessage, ...) maps them to
 * `{ type, flags, body }`, and the service resolves device names and namespaces around it.
 */

import { encodeName } from '../codecs.js';
import { NLM_F_CREATE, NLM_F_ECHO, NLM_F_EXCL } from '../constants.js';
import { UsageError, type NetlinkError } from '../errors.js';
import { NETNS_RUN_DIR, type NetnsFd, type NetnsRef } from '../../ns/ref.js';
import * as K from './constants.js';
import type { RouteContext } from './context.js';
import { linkBody, type LinkAttrs, type LinkMessage } from './link-attrs.js';
import { NsidService } from './nsid.js';
import { cached, devicesOf, expectAdd, forget, linkIdentityReply, noDevice, resolveAll, type LinkIdentity } from './devices.js';
import { blameVethPeer } from './veth-clash.js';
import {
  linkKind, type BondOptions, type BridgeOptions, type GeneveOptions, type GreOptions, type IpvlanOptions, type KindContext,
  type MacvlanOptions, type VethOptions, type VlanOptions, type VrfOptions, type VxlanOptions,
} from './kinds/index.js';
import { boolOpt, macOpt, uintOpt } from './kinds/options.js';
import { BRIDGE_SLAVE_OPTIONS, bridgeSlaveData } from './kinds/bridge.js';

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

/** What every `link.set` takes besides a kind change (`ip link set DEV ...`). */
export interface LinkSetBase {
  /** The device to change, by name or ifindex. */
  dev: string | number;
  /** ip's `nomaster`. */
  nomaster?: boolean;
  promisc?: boolean;
  allmulticast?: boolean;
  multicast?: boolean;
  /** false: IFF_NOARP. */
  arp?: boolean;
  /** ip's `carrier on|off` (IFLA_CARRIER), for drivers that let it be changed. */
  carrier?: boolean;
  /** ip's `state` (IFLA_OPERSTATE): 'up', 'dormant', ... (any case) or the IF_OPER_* number. */
  state?: string | number;
  /** ip's `mode` (IFLA_LINKMODE): 'default', 'dormant' or 'testing'. */
  mode?: string | number;
  /** ip's `addrgenmode` (IFLA_AF_SPEC > AF_INET6 > IFLA_INET6_ADDR_GEN_MODE): 'eui64', 'none', 'stable_secret', 'random'. */
  addrgenmode?: string | number;
  /** IFLA_GSO_MAX_SIZE. */
  gso_max_size?: number;
  /** IFLA_GSO_MAX_SEGS. */
  gso_max_segs?: number;
  /** IFLA_PROTO_DOWN (drivers that support it). */
  protodown?: boolean;
  /** IFLA_LINK_NETNSID: the namespace (by this namespace's id for it) the link's peer lives in. */
  link_netnsid?: number;
  /** IFF_DYNAMIC. */
  dynamic?: boolean;
  /** false: IFF_NOTRAILERS. */
  trailers?: boolean;
}

/**
 * A change of `kind`'s own options (`ip link set DEV type KIND ...`): the kind, and any of its
 * options (only those named are sent). Typed per kind, so a misspelt option fails to compile.
 */
export type KindChange<T extends { kind: string }> = Omit<LinkCommonOptions, keyof T> & LinkSetBase
  & { kind: T['kind'] } & Partial<Omit<T, 'kind'>>;

/**
 * A bridge port change (`ip link set DEV type bridge_slave ...`): IFLA_BRPORT_* by key, numbers or
 * booleans for the on/off ones; `state` and `mode` here are the port's, not the link's.
 */
export type BridgeSlaveChange = Omit<LinkCommonOptions, 'state' | 'mode'> & Omit<LinkSetBase, 'state' | 'mode'> & { kind: 'bridge_slave' }
  & Partial<Record<(typeof BRIDGE_SLAVE_OPTIONS)[number], number | boolean>>;

/** Options of `link.set` (`ip link set DEV ...`); `kind` with kind options changes IFLA_INFO_DATA. */
export type LinkSetOptions = (LinkCommonOptions & LinkSetBase & { kind?: undefined }) | BridgeSlaveChange
  | KindChange<VethOptions> | KindChange<BridgeOptions> | KindChange<VxlanOptions> | KindChange<MacvlanOptions>
  | KindChange<VlanOptions> | KindChange<IpvlanOptions> | KindChange<BondOptions> | KindChange<VrfOptions>
  | KindChange<GreOptions> | KindChange<GeneveOptions> | KindChange<OtherKindOptions>;

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
const SET_ONLY = ['dev', 'nomaster', 'promisc', 'allmulticast', 'multicast', 'arp', 'carrier', 'kind',
  'state', 'mode', 'addrgenmode', 'gso_max_size', 'gso_max_segs', 'protodown', 'link_netnsid', 'dynamic', 'trailers'] as const;

// ip's words for IFLA_OPERSTATE (IF_OPER_*), IFLA_LINKMODE (IF_LINK_MODE_*) and IFLA_INET6_ADDR_GEN_MODE, by number.
const OPERSTATES = ['unknown', 'notpresent', 'down', 'lowerlayerdown', 'testing', 'dormant', 'up'];
const LINKMODES = ['default', 'dormant', 'testing'];
const ADDR_GEN_MODES = ['eui64', 'none', 'stable_secret', 'random'];

// A name of `names` (any case, as ip's strcasecmp) or its number.
function namedOpt(what: string, v: unknown, names: readonly string[]): number {
  if (typeof v === 'number') return uintOpt(what, v, names.length - 1);
  const i = typeof v === 'string' ? names.indexOf(v.toLowerCase()) : -1;
  if (i < 0) throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: one of ${names.join(', ')}`);
  return i;
}

/** The attributes only a change takes: operstate, link mode, IPv6 address generation, GSO limits, protodown, link netnsid. */
function setOnlyAttrs(o: Record<string, unknown>, attrs: LinkAttrs, what: string): void {
  if (o.state !== undefined) attrs.operstate = namedOpt(`${what} state`, o.state, OPERSTATES);
  if (o.mode !== undefined) attrs.linkmode = namedOpt(`${what} mode`, o.mode, LINKMODES);
  if (o.addrgenmode !== undefined) attrs.af_spec = { inet6: { addr_gen_mode: namedOpt(`${what} addrgenmode`, o.addrgenmode, ADDR_GEN_MODES) } };
  if (o.gso_max_size !== undefined) attrs.gso_max_size = uintOpt(`${what} gso_max_size`, o.gso_max_size);
  if (o.gso_max_segs !== undefined) attrs.gso_max_segs = uintOpt(`${what} gso_max_segs`, o.gso_max_segs, 0xffff);
  if (o.protodown !== undefined) attrs.proto_down = Number(boolOpt(`${what} protodown`, o.protodown));
  if (o.link_netnsid !== undefined) attrs.link_netnsid = uintOpt(`${what} link_netnsid`, o.link_netnsid, 0x7fffffff);
}

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
    ['multicast', K.IFF_MULTICAST, false], ['arp', K.IFF_NOARP, true], ['dynamic', K.IFF_DYNAMIC, false], ['trailers', K.IFF_NOTRAILERS, true],
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
  // `dev` names the link being changed, never the kind's own `dev` option (vxlan's underlay).
  if (o.kind === 'bridge_slave') {
    checkKeys(o, [...COMMON, ...SET_ONLY, ...BRIDGE_SLAVE_OPTIONS], what);
    attrs.linkinfo = { kind: 'bridge_slave', slave_data: bridgeSlaveData(o) };
  } else if (typeof o.kind === 'string') attrs.linkinfo = linkInfo({ ...o, dev: undefined }, o.kind, { ...ctx, change: true }, what, SET_ONLY);
  else checkKeys(o, [...COMMON, ...SET_ONLY], what);
  // ip link set DEV carrier on|off: IFLA_CARRIER (drivers without ndo_change_carrier refuse it).
  if (o.carrier !== undefined) attrs.carrier = Number(boolOpt(`${what} carrier`, o.carrier));
  // A kind's own options keep their meaning: macvlan's `mode`, a bridge port's `state` and `mode`
  // (IFLA_BRPORT_STATE, _MODE) are not the link's operstate and link mode.
  const own: readonly string[] = o.kind === 'bridge_slave' ? ['state', 'mode'] : typeof o.kind === 'string' ? linkKind(o.kind)?.options ?? [] : [];
  setOnlyAttrs(Object.fromEntries(Object.entries(o).filter(([k]) => !own.includes(k))), attrs, what);
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

/**
 * What `link.add` learnt from the kernel's echo of its RTM_NEWLINK (NLM_F_ECHO), without a
 * further request.
 */
export interface LinkAdded {
  /**
   * The new link's ifindex. Absent when the link was created in another namespace (`netns`): the
   * kernel echoes into the namespace the link is in, not to this handle.
   */
  ifindex?: number;
  /** A veth's peer: its ifindex, in the namespace `nsid` names (absent: the handle's own). */
  peer?: { ifindex: number; nsid?: number };
}

/** A request ready to send: the namespace fds it carries are closed once it is answered. */
interface Built { req: LinkRequest; fds: NetnsFd[]; cachedNames: string[] }

/** `nl.link`: links in the handle's namespace. */
export class LinkService {
  constructor(protected readonly ctx: RouteContext) {}

  /**
   * Builds a request in call order (call-order.ts): names this handle made come from its cache
   * and the request is built once; other names are looked up when the call's turn comes (every
   * earlier call sent) and the request is built again with them. Namespaces are opened once.
   */
  private prepare(build: (ctx: KindContext) => LinkRequest, turn: () => Promise<void>): Built | Promise<Built> {
    const known = new Map<string, number>();
    const misses = new Set<string>();
    const fds: NetnsFd[] = [];
    let next = 0;
    const netnsFd = (ref: NetnsRef): number => {
      if (next < fds.length) return fds[next++]!.fd;
      const f = this.ctx.openNetns(ref);
      fds.push(f);
      next++;
      return f.fd;
    };
    const ifindex = (dev: string | number, what: string): number => {
      if (typeof dev === 'number') return directContext.ifindex(dev, what);
      const k = known.get(dev);
      if (k !== undefined) return k;
      const c = cached(this.ctx, dev);
      if (typeof c === 'number') { known.set(dev, c); return c; }
      misses.add(dev);
      return 0;
    };
    const closeAll = () => { for (const f of fds) f.close(); };
    try {
      const req = build(makeContext(ifindex, netnsFd));
      const cachedNames = [...known.keys()];
      if (!misses.size) return { req, fds, cachedNames };
      return resolveAll(this.ctx, misses, turn).then((found) => {
        for (const [n, i] of found) known.set(n, i);
        next = 0;
        return { req: build(makeContext(ifindex, netnsFd)), fds, cachedNames };
      }).catch((e: unknown) => { closeAll(); throw e; });
    } catch (e) {
      closeAll();
      throw e;
    }
  }

  /** Runs one call in call order: prepare, send, close the namespace fds, forget stale names. */
  private call<T>(build: (ctx: KindContext) => LinkRequest, send: (b: Built) => Promise<T>, before?: () => void): Promise<T> {
    return devicesOf(this.ctx).order.run((turn) => { before?.(); return this.prepare(build, turn); }, (b) => send(b).catch((e: unknown) => {
      // An index this handle cached that the kernel does not know: the link went away elsewhere.
      if ((e as { code?: string }).code === 'ENODEV') for (const n of b.cachedNames) forget(this.ctx, n);
      throw e;
    }).finally(() => { for (const f of b.fds) f.close(); }));
  }

  /** Sends a built request; replies are read as LinkIdentity unless `full`. */
  private request<T>(b: Built, full = false, extraFlags = 0): Promise<T[]> {
    const { req } = b;
    return this.ctx.sock.request<T>({
      type: req.type, flags: req.flags | extraFlags, body: req.body, codec: linkBody, op: req.op,
      ...(full ? {} : { replyCodec: linkIdentityReply }),
    })
      .then((r) => r.messages.map((m) => m.body));
  }

  /**
   * Creates a link: `ip link add`. The kernel creates it (and a veth's peer) in one step, or
   * nothing. Resolves with the new link's ifindex (and a veth peer's), read from the kernel's
   * echo of the request; later calls of this handle can name the link (and a peer made in this
   * namespace) without a lookup.
   */
  add(opts: LinkAddOptions): Promise<LinkAdded> {
    const o = opts as unknown as Record<string, unknown>;
    // The kernel echoes into the namespace the link is created in: only ask when that is ours.
    const here = o.netns === undefined;
    const peer = o.kind === 'veth' ? o.peer as { name?: unknown; netns?: unknown } | undefined : undefined;
    let settleName: ((i: number | undefined) => void) | undefined;
    let settlePeer: ((i: number | undefined) => void) | undefined;
    const settle = (a: LinkAdded | undefined) => { settleName?.(a?.ifindex); settlePeer?.(a?.peer?.ifindex); };
    const expect = () => {
      if (!here) return;
      if (typeof o.name === 'string') settleName = expectAdd(this.ctx, o.name);
      if (peer && typeof peer.name === 'string' && peer.netns === undefined) settlePeer = expectAdd(this.ctx, peer.name);
    };
    const added = this.call((c) => linkAddMessage(opts, c), async (b) => {
      const [echo] = await this.request<LinkIdentity>(b, false, here ? NLM_F_ECHO : 0);
      const out: LinkAdded = {};
      if (echo) {
        out.ifindex = echo.index;
        if (peer && echo.link) out.peer = echo.link_netnsid === undefined ? { ifindex: echo.link } : { ifindex: echo.link, nsid: echo.link_netnsid };
      }
      return out;
    }, expect);
    // Settle the expected names first: the blame check below looks names up, and a lookup of a
    // name this add was expected to make waits for it.
    added.then(settle, () => settle(undefined));
    // An EEXIST may be about the veth's peer, not the link itself: say which (issue 9 item 14).
    return added.catch(async (e: unknown) => { throw await blameVethPeer(this, o, e); });
  }

  /** Changes a link: `ip link set` (state, mtu, name, address, master, alias, txqueuelen, netns, kind options). */
  async set(opts: LinkSetOptions): Promise<void> {
    const dev = opts?.dev;
    // A rename or a move to another namespace: this handle's name for the device is gone.
    const forgetting = () => {
      if (dev === undefined || (opts.name === undefined && opts.netns === undefined)) return;
      forget(this.ctx, dev);
      if (typeof opts.name === 'string') forget(this.ctx, opts.name);
    };
    if (typeof dev === 'string' && opts.name === undefined && typeof cached(this.ctx, dev) !== 'number') {
      // By name (ifindex 0 + IFLA_IFNAME, which rtnl_setlink() resolves): no lookup, no round trip.
      await this.call((c) => {
        const req = linkSetMessage(opts, makeContext((d, what) => (d === dev ? 0 : c.ifindex(d, what)), c.netnsFd));
        req.body.attrs.ifname = validIfname(dev, `link.set ${dev}`);
        return req;
      }, (b) => this.request(b).catch((e: unknown) => {
        if ((e as { code?: string }).code === 'ENODEV') throw noDevice(this.ctx, dev, e as NetlinkError);
        throw e;
      }), forgetting);
      return;
    }
    await this.call((c) => linkSetMessage(opts, c), (b) => this.request(b), forgetting);
  }

  /** Deletes a link by name or ifindex: `ip link del` (a veth takes its peer with it). */
  async del(dev: string | number): Promise<void> {
    await this.call(() => linkDelMessage(dev), (b) => this.request(b), () => forget(this.ctx, dev));
  }

  /** One link by name or ifindex, decoded: `ip -d link show DEV`. */
  async get(dev: string | number): Promise<LinkMessage> {
    const [m] = await this.call(() => linkGetMessage(dev), (b) => this.request<LinkMessage>(b, true));
    if (!m) throw new Error(`link.get ${String(dev)}: the kernel answered without a link`);
    return m;
  }

  /** Every link (or those of one master or kind), decoded: `ip -d link show [master M] [type K]`. */
  async list(opts: LinkListOptions = {}): Promise<LinkMessage[]> {
    let master: number | undefined;
    const links = await this.call((c) => {
      const req = linkListMessage(opts, c);
      master = req.body.attrs.master;
      return req;
    }, async (b) => (await this.ctx.sock.dumpAll<LinkMessage>({ type: b.req.type, flags: b.req.flags, body: b.req.body, codec: linkBody, op: b.req.op })).map((m) => m.body));
    // Kernels filter by kind only when the kind's module is loaded; check both filters here too.
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
