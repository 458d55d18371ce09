/**
 * Routes: `RouteService` is `ip route add/del/replace/append/change/prepend/show/get`, built
 * on the RTA_* table in route-attrs.ts. Options are mapped to messages by pure functions
 * (routeMessage, routeGetMessage) that make the bytes ip makes for the same command.
 */

import { NLM_F_APPEND, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE } from '../constants.js';
import { NetlinkError, UsageError } from '../errors.js';
import { parseAddr, parseDst, parseFamily, parsePrefix, type FamilyOption, type InetFamily } from './cidr.js';
import * as K from './constants.js';
import type { RtMsg } from './headers.js';
import { protocols, routePrefs, routeTypes, scopes, tables } from './names.js';
import { metricsAttrs, routeBody, type Nexthop, type RouteAttrs, type RouteMessage, type RouteMetrics } from './route-attrs.js';
import type { RouteContext } from './context.js';
import { cached, devicesOf, resolveAll } from './devices.js';

export * from './route-attrs.js';

/** One next hop of a multipath route, as `ip route ... nexthop via A dev D weight W onlink`. */
export interface NexthopOptions {
  via?: string;
  dev?: string | number;
  /** 1-256; default 1. */
  weight?: number;
  onlink?: boolean;
}

/** Options of route add/del/replace/append/change/prepend, in ip's words. */
export interface RouteOptions {
  /** 'default', a prefix ('10.0.0.0/24') or an address (a host route). */
  dst: string;
  /** The family when `dst` is 'default' and nothing else tells; 'inet' by default. */
  family?: FamilyOption;
  /** Gateway; of another family than the route, it travels as RTA_VIA. */
  via?: string;
  dev?: string | number;
  /** Preferred source address (RTA_PREFSRC; ip's `src`). */
  src?: string;
  /** Source prefix (RTA_SRC; ip's `from`, IPv6 source routing). */
  from?: string;
  /** RTA_PRIORITY (ip's `metric`). */
  metric?: number;
  /** 'main' (default), 'local', 'default' or a number; above 255 it goes in RTA_TABLE. */
  table?: string | number;
  /** Default: link for a unicast route without gateway, host for local, else global (as ip picks). */
  scope?: string | number;
  /** Default 'boot' (ip's default) for adds. */
  protocol?: string | number;
  /** 'unicast' (default), 'local', 'blackhole', 'unreachable', 'prohibit', 'throw', ... */
  type?: string | number;
  tos?: number;
  /** Pretend the gateway is directly attached (RTNH_F_ONLINK). */
  onlink?: boolean;
  /** Multipath next hops (RTA_MULTIPATH). */
  nexthops?: NexthopOptions[];
  /** RTA_METRICS values ({ mtu: 1400, advmss: 1360, lock: 1 << RTAX_MTU }). */
  metrics?: RouteMetrics;
  /** IPv6 router preference. */
  pref?: 'low' | 'medium' | 'high';
  /** IPv6 route expiry in seconds. */
  expires?: number;
  /** Use a nexthop object (RTA_NH_ID). */
  nhid?: number;
  /** RTA_FLOW: the realms, FROM << 16 | TO (ip's `realms FROM/TO`). */
  realms?: number;
}

/** A request ready for the socket (flags besides REQUEST|ACK). */
export interface RouteRequest {
  type: number;
  flags: number;
  body: { header: RtMsg; attrs: RouteAttrs };
  op: string;
}

/** The route commands and their nlmsg flags (iproute2's do_iproute). */
export const ROUTE_COMMANDS = {
  add: NLM_F_CREATE | NLM_F_EXCL,
  replace: NLM_F_CREATE | NLM_F_REPLACE,
  change: NLM_F_REPLACE,
  prepend: NLM_F_CREATE,
  append: NLM_F_CREATE | NLM_F_APPEND,
  del: 0,
} as const;
/** A route command. */
export type RouteCommand = keyof typeof ROUTE_COMMANDS;

/** Resolves a device to its ifindex (the service resolves names before building). */
export type DevIndex = (dev: string | number) => number;

function u32Opt(v: number | undefined, what: string, max = 0xffffffff): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0 || v > max) throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: an integer 0-${max}`);
  return v;
}

function routeFamily(opts: RouteOptions): InetFamily | undefined {
  const f = parseFamily(opts.family);
  if (f !== undefined || !['default', 'all', 'any'].includes(opts.dst)) return f;
  // 'default' takes its family from whatever else carries one, as ip does.
  const hint = opts.via ?? opts.nexthops?.find((n) => n.via)?.via ?? opts.src;
  return hint === undefined ? undefined : parseAddr(hint, 'gateway').family;
}

function gateway(text: string, family: InetFamily): Pick<RouteAttrs, 'gateway' | 'via'> {
  const g = parseAddr(text, 'gateway');
  // An IPv4 route through an IPv6 gateway (RFC 5549) needs RTA_VIA, as ip sends it.
  return g.family === family ? { gateway: g.address } : { via: { family: g.family, addr: g.address } };
}

function nexthop(n: NexthopOptions, family: InetFamily, dev: DevIndex, i: number): Nexthop {
  const weight = u32Opt(n.weight ?? 1, `nexthop ${i} weight`, 256)!;
  if (weight < 1) throw new UsageError(`invalid nexthop ${i} weight 0: 1-256`);
  if (n.via === undefined && n.dev === undefined) throw new UsageError(`nexthop ${i} needs via or dev`);
  return {
    flags: n.onlink ? K.RTNH_F_ONLINK : 0, hops: weight - 1, ifindex: n.dev === undefined ? 0 : dev(n.dev),
    attrs: n.via === undefined ? {} : gateway(n.via, family),
  };
}

function defaultScope(cmd: RouteCommand, family: InetFamily, type: number, direct: boolean): number {
  // IPv6 routes have no scope to speak of; ip always sends universe for them.
  if (family === K.AF_INET6) return K.RT_SCOPE_UNIVERSE;
  if (type === K.RTN_LOCAL || type === K.RTN_NAT) return K.RT_SCOPE_HOST;
  if (type === K.RTN_BROADCAST || type === K.RTN_MULTICAST || type === K.RTN_ANYCAST) return K.RT_SCOPE_LINK;
  if (cmd === 'del') return K.RT_SCOPE_NOWHERE;
  if ((type === K.RTN_UNICAST || type === K.RTN_UNSPEC) && direct) return K.RT_SCOPE_LINK;
  return K.RT_SCOPE_UNIVERSE;
}

function optionalAttrs(opts: RouteOptions, family: InetFamily, attrs: RouteAttrs): void {
  if (opts.src !== undefined) attrs.prefsrc = parseAddr(opts.src, 'src', family).address;
  const metric = u32Opt(opts.metric, 'metric');
  if (metric !== undefined) attrs.priority = metric;
  if (opts.metrics !== undefined) {
    for (const k of Object.keys(opts.metrics)) if (k !== 'unknown' && !metricsAttrs.byKey(k)) throw new UsageError(`unknown route metric ${JSON.stringify(k)}`);
    attrs.metrics = opts.metrics;
  }
  if (opts.pref !== undefined) attrs.pref = routePrefs.parse(opts.pref);
  const expires = u32Opt(opts.expires, 'expires');
  if (expires !== undefined) attrs.expires = BigInt(expires);
  const nhid = u32Opt(opts.nhid, 'nhid');
  if (nhid !== undefined) attrs.nh_id = nhid;
  const realms = u32Opt(opts.realms, 'realms');
  if (realms !== undefined) attrs.flow = realms;
}

/**
 * Maps route options to the message `ip route CMD ...` sends: rtmsg defaults as ip sets them
 * (table main, protocol boot, type unicast, scope by type and gateway; a delete leaves
 * protocol, type and scope open), RTA_DST unless the destination is 'default', RTA_TABLE for
 * ids above 255.
 */
export function routeMessage(cmd: RouteCommand, opts: RouteOptions, dev: DevIndex): RouteRequest {
  if (!opts || typeof opts.dst !== 'string') throw new UsageError(`route.${cmd}: dst is required ('default', a prefix or an address)`);
  if (!(cmd in ROUTE_COMMANDS)) throw new UsageError(`unknown route command ${JSON.stringify(cmd)}`);
  const dst = parseDst(opts.dst, routeFamily(opts));
  const family = dst.family;
  const attrs: RouteAttrs = {};
  if (!['default', 'all', 'any'].includes(opts.dst)) attrs.dst = dst.address;
  const from = opts.from === undefined ? undefined : parsePrefix(opts.from, 'from', family);
  if (from) attrs.src = from.address;
  if (opts.via !== undefined) Object.assign(attrs, gateway(opts.via, family));
  if (opts.dev !== undefined) attrs.oif = dev(opts.dev);
  optionalAttrs(opts, family, attrs);
  if (opts.nexthops !== undefined) {
    if (!opts.nexthops.length) throw new UsageError('nexthops is empty');
    attrs.multipath = opts.nexthops.map((n, i) => nexthop(n, family, dev, i));
  }
  const table = opts.table === undefined ? undefined : tables.parse(opts.table);
  const type = opts.type !== undefined ? routeTypes.parse(opts.type) : cmd === 'del' ? K.RTN_UNSPEC : K.RTN_UNICAST;
  const localish = type === K.RTN_LOCAL || type === K.RTN_BROADCAST || type === K.RTN_NAT || type === K.RTN_ANYCAST;
  const tableId = table ?? (localish ? K.RT_TABLE_LOCAL : K.RT_TABLE_MAIN);
  if (tableId > 255) attrs.table = tableId;
  const direct = opts.via === undefined && opts.nexthops === undefined && opts.nhid === undefined;
  const header: RtMsg = {
    family, dst_len: dst.prefixlen, src_len: from?.prefixlen ?? 0, tos: u32Opt(opts.tos, 'tos', 255) ?? 0,
    table: tableId > 255 ? K.RT_TABLE_UNSPEC : tableId,
    protocol: opts.protocol !== undefined ? protocols.parse(opts.protocol) : cmd === 'del' ? K.RTPROT_UNSPEC : K.RTPROT_BOOT,
    scope: opts.scope !== undefined ? scopes.parse(opts.scope) : defaultScope(cmd, family, type, direct),
    type, flags: opts.onlink ? K.RTNH_F_ONLINK : 0,
  };
  return {
    type: cmd === 'del' ? K.RTM_DELROUTE : K.RTM_NEWROUTE, flags: ROUTE_COMMANDS[cmd], body: { header, attrs },
    op: `route.${cmd} ${opts.dst}${opts.table === undefined ? '' : ` table ${opts.table}`}`,
  };
}

/** Options of `route.get` (ip route get). */
export interface RouteGetOptions {
  /** The destination address. */
  to: string;
  from?: string;
  /** Input device: the lookup as if a packet arrived there. */
  iif?: string | number;
  /** Output device to force. */
  oif?: string | number;
  mark?: number;
  uid?: number;
  /** IP protocol number (6 tcp, 17 udp) for policy routing. */
  ipproto?: number;
  sport?: number;
  dport?: number;
  /** Return the FIB entry that matched rather than the resolved route (ip route get fibmatch). */
  fibmatch?: boolean;
  /** The TOS (DS field) byte of the lookup, as `ip route get ... tos`. */
  tos?: number;
  family?: FamilyOption;
}

/** Maps `ip route get` options to its RTM_GETROUTE request (only IPv4 takes RTM_F_LOOKUP_TABLE). */
export function routeGetMessage(opts: RouteGetOptions, dev: DevIndex): RouteRequest {
  if (!opts || typeof opts.to !== 'string') throw new UsageError('route.get: to is required');
  const to = parsePrefix(opts.to, 'destination', parseFamily(opts.family));
  const from = opts.from === undefined ? undefined : parsePrefix(opts.from, 'from', to.family);
  const attrs: RouteAttrs = { dst: to.address };
  if (from) attrs.src = from.address;
  if (opts.iif !== undefined) attrs.iif = dev(opts.iif);
  if (opts.oif !== undefined) attrs.oif = dev(opts.oif);
  const mark = u32Opt(opts.mark, 'mark');
  if (mark !== undefined) attrs.mark = mark;
  const uid = u32Opt(opts.uid, 'uid');
  if (uid !== undefined) attrs.uid = uid;
  const proto = u32Opt(opts.ipproto, 'ipproto', 255);
  if (proto !== undefined) attrs.ip_proto = proto;
  const sport = u32Opt(opts.sport, 'sport', 65535);
  if (sport !== undefined) attrs.sport = sport;
  const dport = u32Opt(opts.dport, 'dport', 65535);
  if (dport !== undefined) attrs.dport = dport;
  const flags = (to.family === K.AF_INET ? K.RTM_F_LOOKUP_TABLE : 0) | (opts.fibmatch ? K.RTM_F_FIB_MATCH : 0);
  const tos = u32Opt(opts.tos, 'tos', 255) ?? 0;
  const header: RtMsg = { family: to.family, dst_len: to.prefixlen, src_len: from?.prefixlen ?? 0, tos, table: 0, protocol: 0, scope: 0, type: 0, flags };
  return { type: K.RTM_GETROUTE, flags: 0, body: { header, attrs }, op: `route.get ${opts.to}` };
}

/** Filters of `route.list`; the kernel applies table, protocol, type and dev (strict checking). */
export interface RouteFilter {
  /** 'inet' (default, as ip route show), 'inet6', or 'all' for both. */
  family?: FamilyOption | 'all';
  /** 'main' (default, as ip route show), any table, or 'all'. */
  table?: string | number | 'all';
  dev?: string | number;
  protocol?: string | number;
  type?: string | number;
  scope?: string | number;
}

/**
 * Builds a request once with the devices this handle knows (numbers, names it made); if some
 * name needs a lookup, looks them all up when the call's turn comes and builds again. Bad input
 * fails on the first build, before any round trip.
 */
function buildInOrder(ctx: RouteContext, build: (dev: DevIndex) => RouteRequest, turn: () => Promise<void>): RouteRequest | Promise<RouteRequest> {
  const misses = new Set<string>();
  const known = new Map<string, number>();
  const first = build((d) => {
    if (typeof d === 'number') return d;
    const c = known.get(d) ?? cached(ctx, d);
    if (typeof c === 'number') { known.set(d, c); return c; }
    misses.add(d);
    return 0;
  });
  if (!misses.size) return first;
  return resolveAll(ctx, misses, turn).then((m) => build((d) => (typeof d === 'number' ? d : m.get(d) ?? known.get(d)!)));
}

/** `nl.route`: routes of this handle's namespace, as `ip route`. */
export class RouteService {
  constructor(protected readonly ctx: RouteContext) {}

  /** Sends one request in call order (call-order.ts). */
  private ordered<T>(build: (dev: DevIndex) => RouteRequest, send: (req: RouteRequest) => Promise<T>): Promise<T> {
    return devicesOf(this.ctx).order.run((turn) => buildInOrder(this.ctx, build, turn), send);
  }

  private async modify(cmd: RouteCommand, opts: RouteOptions): Promise<void> {
    await this.ordered((dev) => routeMessage(cmd, opts, dev), (req) => this.ctx.sock.request(req));
  }

  /** Adds a route (`ip route add`); EEXIST when an equal one exists. */
  add(opts: RouteOptions): Promise<void> { return this.modify('add', opts); }
  /** Adds or replaces a route (`ip route replace`). */
  replace(opts: RouteOptions): Promise<void> { return this.modify('replace', opts); }
  /** Appends a route after existing ones of the same prefix (`ip route append`; IPv6: adds a next hop). */
  append(opts: RouteOptions): Promise<void> { return this.modify('append', opts); }
  /** Changes an existing route (`ip route change`). */
  change(opts: RouteOptions): Promise<void> { return this.modify('change', opts); }
  /** Adds a route before existing ones of the same prefix (`ip route prepend`). */
  prepend(opts: RouteOptions): Promise<void> { return this.modify('prepend', opts); }
  /** Deletes a route (`ip route del`); unset options match anything. */
  del(opts: RouteOptions): Promise<void> { return this.modify('del', opts); }

  /** The route the kernel would use for a destination (`ip route get`). */
  async get(opts: RouteGetOptions): Promise<RouteMessage> {
    const r = await this.ordered((dev) => routeGetMessage(opts, dev), (req) => this.ctx.sock.request<RouteMessage>(req));
    const m = r.messages[0];
    if (!m) throw new Error(`route.get ${opts.to}: the kernel answered without a route`);
    return m.body;
  }

  /** Lists routes (`ip route show`): table main and IPv4 unless asked otherwise. */
  async list(filter: RouteFilter = {}): Promise<RouteMessage[]> {
    const families = filter.family === 'all' ? [K.AF_INET, K.AF_INET6] : [parseFamily(filter.family) ?? K.AF_INET];
    const table = filter.table === 'all' ? undefined : tables.parse(filter.table ?? 'main');
    const protocol = filter.protocol === undefined ? undefined : protocols.parse(filter.protocol);
    const type = filter.type === undefined ? undefined : routeTypes.parse(filter.type);
    const scope = filter.scope === undefined ? undefined : scopes.parse(filter.scope);
    const oif = filter.dev === undefined ? undefined : typeof filter.dev === 'number' ? filter.dev : await devicesOf(this.ctx).order.run((turn) => resolveAll(this.ctx, [filter.dev as string], turn), async (m) => m.get(filter.dev as string)!);
    const out: RouteMessage[] = [];
    for (const family of families) {
      const attrs: RouteAttrs = {};
      if (table !== undefined && table > 255) attrs.table = table;
      if (oif !== undefined) attrs.oif = oif;
      const header: RtMsg = {
        family, dst_len: 0, src_len: 0, tos: 0, table: table === undefined || table > 255 ? 0 : table,
        protocol: protocol ?? 0, scope: 0, type: type ?? 0, flags: 0,
      };
      const msgs = await this.ctx.sock.dumpAll<RouteMessage>({ type: K.RTM_GETROUTE, op: 'route.list', codec: routeBody, body: { header, attrs } }, { retries: 3 })
        .catch((e: unknown) => {
          // A table that does not exist yet has no routes (IPv4 says ENOENT).
          if (e instanceof NetlinkError && e.code === 'ENOENT' && table !== undefined) return [];
          throw e;
        });
      for (const m of msgs) {
        const r = m.body;
        if (table !== undefined && (r.attrs.table ?? r.header.table) !== table) continue;
        if (protocol !== undefined && r.header.protocol !== protocol) continue;
        if (type !== undefined && r.header.type !== type) continue;
        if (scope !== undefined && r.header.scope !== scope) continue;
        if (oif !== undefined && r.attrs.oif !== oif && !r.attrs.multipath?.some((n) => n.ifindex === oif)) continue;
        out.push(r);
      }
    }
    return out;
  }
}

/** The table id of a decoded route (RTA_TABLE when present, it carries ids above 255). */
export function routeTable(r: RouteMessage): number {
  return r.attrs.table ?? r.header.table;
}
