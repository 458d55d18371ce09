/**
 * Addresses (linux/if_addr.h): the RTM_*ADDR body is struct ifaddrmsg followed by IFA_*
 * attributes; `AddrService` is `ip address add/del/replace/show/flush`.
 */

import { defineAttrs, headed, type AttrsOf } from '../attrs.js';
import { cstring, ip, s32, struct, u8, u32 } from '../codecs.js';
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE } from '../constants.js';
import { NetlinkError, UsageError } from '../errors.js';
import { registerMessage } from '../message.js';
import { hostBits, parseAddr, parseFamily, parsePrefix, type FamilyOption, type Prefix } from './cidr.js';
import { formatIP } from '../inet.js';
import * as K from './constants.js';
import { ifaddrmsg, type IfAddrMsg } from './headers.js';
import { addrFlags, addrProtocols, scopes } from './names.js';
import type { RouteContext } from './context.js';
import { cached, devicesOf, forget, resolveAll } from './devices.js';

/** struct ifa_cacheinfo: lifetimes in seconds (0xffffffff is forever) and timestamps in 1/100 s. */
export const ifaCacheinfo = struct('ifa_cacheinfo', [
  ['prefered', 'u32'], ['valid', 'u32'], ['cstamp', 'u32'], ['tstamp', 'u32'],
] as const);

const addrSpec = {
  [K.IFA_ADDRESS]: { key: 'address', codec: ip },
  [K.IFA_LOCAL]: { key: 'local', codec: ip },
  [K.IFA_LABEL]: { key: 'label', codec: cstring },
  [K.IFA_BROADCAST]: { key: 'broadcast', codec: ip },
  [K.IFA_ANYCAST]: { key: 'anycast', codec: ip },
  [K.IFA_CACHEINFO]: { key: 'cacheinfo', codec: ifaCacheinfo },
  [K.IFA_MULTICAST]: { key: 'multicast', codec: ip },
  [K.IFA_FLAGS]: { key: 'flags', codec: u32 },
  [K.IFA_RT_PRIORITY]: { key: 'rt_priority', codec: u32 },
  [K.IFA_TARGET_NETNSID]: { key: 'target_netnsid', codec: s32 },
  [K.IFA_PROTO]: { key: 'proto', codec: u8 },
} as const;

/** Address attributes (IFA_*), in kernel-number order. */
export const addrAttrs = defineAttrs('addr', addrSpec);
/** Decoded address attributes. */
export type AddrAttrs = AttrsOf<typeof addrSpec>;

/** The RTM_NEWADDR/DELADDR/GETADDR body: ifaddrmsg + address attributes. */
export const addrBody = headed(ifaddrmsg, () => addrAttrs);

/** A decoded address message. */
export interface AddrMessage {
  header: IfAddrMsg;
  attrs: AddrAttrs;
}

registerMessage(K.RTM_NEWADDR, 'RTM_NEWADDR', addrBody);
registerMessage(K.RTM_DELADDR, 'RTM_DELADDR', addrBody);
registerMessage(K.RTM_GETADDR, 'RTM_GETADDR', addrBody);

/** A lifetime in seconds, or 'forever' (INFINITY_LIFE_TIME). */
export type Lifetime = number | 'forever';

/** Options of `addr.add/replace/del`, in ip's words. */
export interface AddrOptions {
  /** The device, by name or ifindex. */
  dev: string | number;
  /** The local address with its prefix length ('10.0.0.1/24'); a bare address is /32 or /128. */
  address: string;
  /** Point-to-point peer prefix (IFA_ADDRESS; its length is the prefix length). */
  peer?: string;
  /** IPv4 broadcast: an address, or '+' (host bits set) / '-' (host bits clear) as `brd +`. */
  broadcast?: string;
  anycast?: string;
  /** IPv4 label ('veth0:1'): the device name, or it followed by ':' and anything. */
  label?: string;
  /** Scope name ('global', 'link', 'host', 'site') or number; default global (host for 127/8). */
  scope?: string | number;
  /** Metric of the prefix route the kernel adds (IFA_RT_PRIORITY). */
  metric?: number;
  /** Address protocol (IFA_PROTO). */
  proto?: string | number;
  /** Valid lifetime in seconds (IPv6 mostly); default forever. */
  validLft?: Lifetime;
  /** Preferred lifetime in seconds; default forever. */
  preferredLft?: Lifetime;
  /** IPv6: skip duplicate address detection. */
  nodad?: boolean;
  /** Do not add the prefix route. */
  noprefixroute?: boolean;
  /** IPv6 mobility home address. */
  home?: boolean;
  /** IPv6: manage temporary addresses from this one. */
  mngtmpaddr?: boolean;
  /** IPv6 optimistic DAD. */
  optimistic?: boolean;
  /** Join/leave the multicast group of a multicast address. */
  autojoin?: boolean;
}

/** A request ready for the socket: type, flags (besides REQUEST|ACK), body and op label. */
export interface AddrRequest {
  type: number;
  flags: number;
  body: AddrMessage | { header: Partial<IfAddrMsg>; attrs: AddrAttrs };
  op: string;
}

const INFINITY = 0xffffffff;
const FLAG_OPTIONS = ['nodad', 'noprefixroute', 'home', 'mngtmpaddr', 'optimistic', 'autojoin'] as const;

function lifetime(v: Lifetime | undefined, what: string): number {
  if (v === undefined || v === 'forever') return INFINITY;
  if (!Number.isInteger(v) || v < 0 || v > INFINITY) throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: seconds or 'forever'`);
  return v;
}

function broadcast(value: string, local: Prefix, peer: Prefix | undefined): string | undefined {
  if (local.family !== K.AF_INET) throw new UsageError('broadcast can be set only for IPv4 addresses');
  if (value !== '+' && value !== '-') return parseAddr(value, 'broadcast', K.AF_INET).address;
  // ip computes '+'/'-' from the peer prefix when there is one, and only for /30 and shorter.
  const p = peer ?? local;
  return p.prefixlen <= 30 ? formatIP(hostBits(p.bytes, p.prefixlen, value === '+')) : undefined;
}

function checkLabel(label: string, dev: string | number): void {
  // ifa_ipv4_policy: IFA_LABEL is NLA_STRING of at most IFNAMSIZ - 1 bytes (a trailing NUL is not
  // counted); ip sends it with its NUL, as cstring does. A NUL inside would cut it short.
  if (Buffer.byteLength(label) > K.IFNAMSIZ - 1 || label.includes('\0')) throw new UsageError(`invalid label ${JSON.stringify(label)}: at most 15 bytes, no NUL`);
  if (typeof dev === 'string' && label !== dev && !label.startsWith(`${dev}:`)) {
    throw new UsageError(`invalid label ${JSON.stringify(label)}: must be "${dev}" or start with "${dev}:"`);
  }
}

/**
 * Maps address options to a request exactly as `ip address add|replace|del` builds it:
 * IFA_LOCAL and IFA_ADDRESS (the peer, or the local address again), ifa_flags when the flags
 * fit in 8 bits and IFA_FLAGS otherwise, IFA_CACHEINFO only when a lifetime is given.
 * `ifindex` is the resolved device.
 */
export function addrMessage(cmd: 'add' | 'replace' | 'del', opts: AddrOptions, ifindex: number): AddrRequest {
  const local = parsePrefix(opts.address, 'address');
  const peer = opts.peer === undefined ? undefined : parsePrefix(opts.peer, 'peer', local.family);
  const attrs: AddrAttrs = { local: local.address };
  if (opts.label !== undefined) {
    if (local.family !== K.AF_INET) throw new UsageError('label can be set only for IPv4 addresses');
    checkLabel(opts.label, opts.dev);
    attrs.label = opts.label;
  }
  // `ip addr del 10.0.0.1` (no length) deletes whatever prefix it has: no IFA_ADDRESS to match.
  if (peer) attrs.address = peer.address;
  else if (!(cmd === 'del' && local.family === K.AF_INET && !local.explicit)) attrs.address = local.address;
  if (opts.broadcast !== undefined && cmd !== 'del') {
    const b = broadcast(opts.broadcast, local, peer);
    if (b !== undefined) attrs.broadcast = b;
  }
  if (opts.anycast !== undefined) attrs.anycast = parseAddr(opts.anycast, 'anycast', local.family).address;
  let flags = 0;
  for (const f of FLAG_OPTIONS) if (opts[f]) flags |= addrFlags.lookup(f)!;
  if (flags > 0xff) attrs.flags = flags;
  if (opts.metric !== undefined) {
    if (!Number.isInteger(opts.metric) || opts.metric < 0 || opts.metric > INFINITY) throw new UsageError(`invalid metric ${opts.metric}`);
    attrs.rt_priority = opts.metric;
  }
  if (opts.proto !== undefined) attrs.proto = addrProtocols.parse(opts.proto);
  if (opts.validLft !== undefined || opts.preferredLft !== undefined) {
    const valid = lifetime(opts.validLft, 'valid_lft');
    const prefered = lifetime(opts.preferredLft, 'preferred_lft');
    if (valid === 0) throw new UsageError('valid_lft is zero');
    if (prefered > valid) throw new UsageError('preferred_lft is greater than valid_lft');
    attrs.cacheinfo = { prefered, valid, cstamp: 0, tstamp: 0 };
  }
  // ip picks host scope for 127.0.0.0/8 unless told; a delete leaves the scope open.
  const scope = opts.scope !== undefined ? scopes.parse(opts.scope)
    : cmd !== 'del' && local.family === K.AF_INET && local.bytes[0] === 127 ? K.RT_SCOPE_HOST : 0;
  const header = {
    family: local.family, prefixlen: peer ? peer.prefixlen : local.prefixlen,
    flags: flags <= 0xff ? flags : 0, scope, index: ifindex,
  };
  return {
    type: cmd === 'del' ? K.RTM_DELADDR : K.RTM_NEWADDR,
    flags: cmd === 'add' ? NLM_F_CREATE | NLM_F_EXCL : cmd === 'replace' ? NLM_F_CREATE | NLM_F_REPLACE : 0,
    body: { header, attrs },
    op: `addr.${cmd} ${opts.address} dev ${opts.dev}`,
  };
}

const nothing = (): void => {};

/** Filters of `addr.list` and `addr.flush`. */
export interface AddrFilter {
  /** Only this device (filtered in the kernel). */
  dev?: string | number;
  /** Only this family (filtered in the kernel). */
  family?: FamilyOption;
  /** Only this scope. */
  scope?: string | number;
  /** Only this label (IPv4). */
  label?: string;
  /** Only addresses inside this prefix ('10.0.0.0/8'), as `ip addr show to PREFIX`. */
  to?: string;
}

function inside(a: AddrMessage, to: Prefix): boolean {
  const local = a.attrs.local ?? a.attrs.address;
  if (local === undefined || a.header.family !== to.family) return false;
  const bytes = parseAddr(local, 'address').bytes;
  return hostBits(bytes, to.prefixlen, false).equals(hostBits(to.bytes, to.prefixlen, false));
}

/** `nl.addr`: addresses of this handle's namespace, as `ip address`. */
export class AddrService {
  constructor(protected readonly ctx: RouteContext) {}

  /**
   * Builds the request once (bad input fails before anything is sent), in call order
   * (call-order.ts): a device this handle made, or an ifindex, is filled in at once; another
   * name is looked up when the call's turn comes.
   */
  private send(cmd: 'add' | 'replace' | 'del', opts: AddrOptions): Promise<void> {
    if (!opts || opts.dev === undefined) return Promise.reject(new UsageError(`addr.${cmd}: dev is required`));
    const dev = opts.dev;
    const order = devicesOf(this.ctx).order;
    if (order.idle) {
      // The common case, sent at once: an ifindex, or a name this handle made (perf).
      const index = typeof dev === 'number' ? dev : cached(this.ctx, dev);
      if (typeof index === 'number') {
        let req: AddrRequest;
        try { req = addrMessage(cmd, opts, index); } catch (e) { return Promise.reject(e); }
        order.pass();
        return this.request(req, typeof dev === 'number' ? undefined : dev);
      }
    }
    return order.run((turn) => {
      const req = addrMessage(cmd, opts, typeof dev === 'number' ? dev : 0);
      if (typeof dev === 'number') return { req, cachedName: undefined };
      const c = cached(this.ctx, dev);
      if (typeof c === 'number') { req.body.header.index = c; return { req, cachedName: dev }; }
      return resolveAll(this.ctx, [dev], turn).then((m) => { req.body.header.index = m.get(dev)!; return { req, cachedName: undefined }; });
    }, ({ req, cachedName }) => this.request(req, cachedName));
  }

  /** Sends `req`; when it used the cached index of `cachedName` and the device is gone (ENODEV), the name is forgotten. */
  private request(req: AddrRequest, cachedName: string | undefined): Promise<void> {
    const r = this.ctx.sock.request(req);
    return cachedName === undefined ? r.then(nothing) : r.then(nothing, (e: unknown) => {
      if ((e as { code?: string }).code === 'ENODEV') forget(this.ctx, cachedName);
      throw e;
    });
  }

  /** Adds an address (`ip address add`); EEXIST if it is there already. */
  add(opts: AddrOptions): Promise<void> { return this.send('add', opts); }

  /** Adds or updates an address (`ip address replace`). */
  replace(opts: AddrOptions): Promise<void> { return this.send('replace', opts); }

  /** Deletes an address (`ip address del`); a bare IPv4 address matches any prefix length. */
  del(opts: AddrOptions): Promise<void> { return this.send('del', opts); }

  /** Lists addresses (`ip address show`), filtered by device and family in the kernel. */
  async list(filter: AddrFilter = {}): Promise<AddrMessage[]> {
    const family = parseFamily(filter.family) ?? K.AF_UNSPEC;
    const index = filter.dev === undefined ? 0 : typeof filter.dev === 'number' ? filter.dev : await devicesOf(this.ctx).order.run((turn) => resolveAll(this.ctx, [filter.dev as string], turn), async (m) => m.get(filter.dev as string)!);
    const scope = filter.scope === undefined ? undefined : scopes.parse(filter.scope);
    const to = filter.to === undefined ? undefined : parsePrefix(filter.to, 'prefix', family || undefined);
    // With NETLINK_GET_STRICT_CHK the kernel honours ifa_index (and the family) in the request.
    const msgs = await this.ctx.sock.dumpAll<AddrMessage>({
      type: K.RTM_GETADDR, op: `addr.list${filter.dev === undefined ? '' : ` dev ${filter.dev}`}`,
      body: { header: { family, index }, attrs: {} }, codec: addrBody,
    }, { retries: 3 });
    return msgs.map((m) => m.body).filter((a) =>
      (index === 0 || a.header.index === index) &&
      (family === K.AF_UNSPEC || a.header.family === family) &&
      (scope === undefined || a.header.scope === scope) &&
      (filter.label === undefined || a.attrs.label === filter.label) &&
      (to === undefined || inside(a, to)));
  }

  /**
   * Deletes every address that matches (`ip address flush`); returns how many went. Needs a
   * filter, as ip does. Deleting a primary IPv4 address takes its secondaries with it (unless
   * promote_secondaries is on), so rounds repeat until nothing matches.
   */
  async flush(filter: AddrFilter): Promise<number> {
    if (!filter || Object.values(filter).every((v) => v === undefined)) throw new UsageError('addr.flush needs a filter (dev, family, scope, label or to)');
    let deleted = 0;
    for (let round = 0; round < 10; round++) {
      const found = await this.list(filter);
      if (!found.length) return deleted;
      const results = await Promise.allSettled(found.map((a) => this.ctx.sock.request({
        type: K.RTM_DELADDR, op: `addr.flush ${a.attrs.local ?? a.attrs.address}`, codec: addrBody,
        body: { header: a.header, attrs: pick(a.attrs) },
      })));
      for (const r of results) {
        if (r.status === 'fulfilled') deleted++;
        else if (!(r.reason instanceof NetlinkError && r.reason.code === 'EADDRNOTAVAIL')) throw r.reason;
      }
    }
    throw new Error('addr.flush: addresses still match after 10 rounds');
  }
}

function pick(a: AddrAttrs): AddrAttrs {
  const out: AddrAttrs = {};
  if (a.local !== undefined) out.local = a.local;
  if (a.address !== undefined) out.address = a.address;
  return out;
}

/** The effective flags of a decoded address: IFA_FLAGS when present (it carries all 32 bits), else ifa_flags. */
export function addrFlagsOf(a: AddrMessage): number {
  return a.attrs.flags ?? a.header.flags;
}

/** The names of an address's flags ('permanent', 'noprefixroute', ...). */
export function addrFlagNames(a: AddrMessage): string[] {
  return addrFlags.names(addrFlagsOf(a));
}
