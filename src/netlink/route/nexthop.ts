/**
 * Nexthop objects and groups: `NexthopService` is `ip nexthop add/replace/del/get/show/flush`,
 * built on the NHA_* table in nexthop-attrs.ts. Options map to messages in pure functions
 * (nhMessage, nhGetMessage, nhDumpMessage) that make the bytes ip 6.1 makes for the same words.
 * Routes use them by id: `nl.route.add({ dst, nhid })`.
 */

import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE } from '../constants.js';
import { NetlinkError, UsageError } from '../errors.js';
import { parseAddr, parseFamily, type FamilyOption } from './cidr.js';
import * as K from './constants.js';
import { protocols } from './names.js';
import { nhBody, type NhAttrs, type NhMessage, type NhMsg } from './nexthop-attrs.js';
import type { RouteContext } from './context.js';

export * from './nexthop-attrs.js';

/** One member of a group, as ip's `group ID[,WEIGHT]/...`. */
export interface NhGroupOption {
  id: number;
  /** 1-256; default 1. */
  weight?: number;
}

/** A resilient group's parameters (ip's `type resilient buckets N idle_timer S unbalanced_timer S`); timers in seconds. */
export interface NhResilientOptions {
  buckets?: number;
  idleTimer?: number;
  unbalancedTimer?: number;
}

/** Options of nexthop add/replace, in ip's words (`ip nexthop add id 1 via 10.0.0.2 dev v0`). */
export interface NhOptions {
  /** The object id; 0 or absent lets the kernel pick one. */
  id?: number;
  /** Gateway address; its family is the nexthop's. */
  via?: string;
  dev?: string | number;
  /** Drop packets (NHA_BLACKHOLE); no via, dev or group with it. */
  blackhole?: boolean;
  /** Pretend the gateway is directly attached (RTNH_F_ONLINK). */
  onlink?: boolean;
  /** A nexthop (or group of them) for bridge FDB entries (NHA_FDB). */
  fdb?: boolean;
  /** Members of a group (NHA_GROUP); no via, dev or blackhole with it. */
  group?: readonly NhGroupOption[];
  /** 'mpath' (hash-threshold, the kernel's default) or 'resilient'. */
  groupType?: 'mpath' | 'resilient';
  /** With groupType 'resilient': NHA_RES_GROUP's values (absent: the kernel's defaults, no nest sent). */
  resilient?: NhResilientOptions;
  /** Who installed it (nh_protocol; rt_protos names or a number). */
  protocol?: string | number;
  /** 'inet' or 'inet6'; otherwise from `via`, else inet for dev/blackhole, unspec for groups. */
  family?: FamilyOption;
  /** Light-weight tunnel encapsulation, raw: NHA_ENCAP_TYPE (LWTUNNEL_ENCAP_*) and the NHA_ENCAP payload. */
  encap?: { type: number; data: Buffer };
}

/** A request ready for the socket (flags besides REQUEST|ACK). */
export interface NhRequest {
  type: number;
  flags: number;
  body: NhMessage;
  op: string;
}

/** The nexthop commands and their nlmsg flags (iproute2's do_ipnh). */
export const NH_COMMANDS = { add: NLM_F_CREATE | NLM_F_EXCL, replace: NLM_F_CREATE | NLM_F_REPLACE, del: 0 } as const;
/** A nexthop command. */
export type NhCommand = keyof typeof NH_COMMANDS;

/** Resolves a device to its ifindex (the service resolves names before building). */
export type NhDevIndex = (dev: string | number) => number;

function uint(v: number | undefined, what: string, max = 0xffffffff): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0 || v > max) throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: an integer 0-${max}`);
  return v;
}

function header(family: number, protocol = 0, flags = 0): NhMsg {
  return { family, scope: 0, protocol, flags };
}

function groupAttrs(opts: NhOptions, attrs: NhAttrs): void {
  const g = opts.group!;
  if (!g.length) throw new UsageError('nexthop group is empty');
  attrs.group = g.map((m, i) => {
    const weight = uint(m.weight ?? 1, `group member ${i} weight`, 256)!;
    if (weight < 1) throw new UsageError(`invalid group member ${i} weight 0: 1-256`);
    return { id: uint(m.id, `group member ${i} id`)!, weight: weight - 1 };
  });
  if (opts.groupType === 'resilient') {
    attrs.group_type = K.NEXTHOP_GRP_TYPE_RES;
    // ip sends the nest only when words follow `type resilient`; absent options, no nest.
    const r = opts.resilient;
    if (!r) return;
    const res: NonNullable<NhAttrs['res_group']> = {};
    const b = uint(r.buckets, 'buckets', 0xffff);
    if (b !== undefined) res.buckets = b;
    // The kernel takes clock_t (USER_HZ = 100 ticks a second), as ip sends seconds x 100.
    const idle = uint(r.idleTimer, 'idle timer', Math.floor(0xffffffff / 100) - 1);
    if (idle !== undefined) res.idle_timer = idle * 100;
    const unb = uint(r.unbalancedTimer, 'unbalanced timer', Math.floor(0xffffffff / 100) - 1);
    if (unb !== undefined) res.unbalanced_timer = unb * 100;
    attrs.res_group = res;
  } else if (opts.groupType === 'mpath') attrs.group_type = K.NEXTHOP_GRP_TYPE_MPATH;
  else if (opts.groupType !== undefined) throw new UsageError(`invalid group type ${JSON.stringify(opts.groupType)}: mpath or resilient`);
}

/**
 * Maps nexthop options to the message `ip nexthop add|replace|del ...` sends. A delete needs
 * only the id; the family is AF_UNSPEC for groups and deletes, as ip leaves it.
 */
export function nhMessage(cmd: NhCommand, opts: NhOptions, dev: NhDevIndex): NhRequest {
  if (!(cmd in NH_COMMANDS)) throw new UsageError(`unknown nexthop command ${JSON.stringify(cmd)}`);
  if (!opts) throw new UsageError(`nexthop.${cmd}: options are required`);
  const attrs: NhAttrs = {};
  const id = uint(opts.id, 'id');
  if (id !== undefined) attrs.id = id;
  if (cmd === 'del') {
    // Without an id the kernel refuses ("Nexthop id does not exist"); ip sends it anyway, and so may a caller.
    return { type: K.RTM_DELNEXTHOP, flags: 0, body: { header: header(parseFamily(opts.family) ?? K.AF_UNSPEC), attrs }, op: `nexthop.del id ${id}` };
  }
  let family: number = parseFamily(opts.family) ?? K.AF_UNSPEC;
  if (opts.via !== undefined) {
    const g = parseAddr(opts.via, 'gateway', family === K.AF_UNSPEC ? undefined : family as 2 | 10);
    family = g.family;
    attrs.gateway = g.address;
  }
  if (opts.dev !== undefined) attrs.oif = dev(opts.dev);
  if (opts.blackhole) attrs.blackhole = true;
  if (family === K.AF_UNSPEC && (opts.dev !== undefined || opts.blackhole)) family = K.AF_INET;
  if (opts.group !== undefined) groupAttrs(opts, attrs);
  else if (opts.groupType !== undefined) throw new UsageError('a group type needs a group');
  if (opts.fdb) attrs.fdb = true;
  if (opts.encap) { attrs.encap_type = uint(opts.encap.type, 'encap type', 0xffff)!; attrs.encap = opts.encap.data; }
  const protocol = opts.protocol === undefined ? 0 : protocols.parse(opts.protocol);
  return {
    type: K.RTM_NEWNEXTHOP, flags: NH_COMMANDS[cmd], body: { header: header(family, protocol, opts.onlink ? K.RTNH_F_ONLINK : 0), attrs },
    op: `nexthop.${cmd}${id ? ` id ${id}` : ''}`,
  };
}

/** The request of `ip nexthop get id ID` (no dump). */
export function nhGetMessage(id: number): NhRequest {
  return { type: K.RTM_GETNEXTHOP, flags: 0, body: { header: header(K.AF_UNSPEC), attrs: { id: uint(id, 'id')! } }, op: `nexthop.get id ${id}` };
}

/** Filters of `nexthop.list`; the kernel applies them all (strict dump checking). */
export interface NhFilter {
  /** Only nexthops using this device (NHA_OIF). */
  dev?: string | number;
  /** Only groups (NHA_GROUPS). */
  groups?: boolean;
  /** Only nexthops whose device has this master (NHA_MASTER). */
  master?: string | number;
  /** Only FDB nexthops (NHA_FDB). */
  fdb?: boolean;
  /** Only this family ('inet', 'inet6'); groups are AF_UNSPEC and show only without one. */
  family?: FamilyOption;
  /** Only this protocol (compared here, as ip does). */
  protocol?: string | number;
}

/** The dump request of `ip nexthop show` with its filters (ifindexes already resolved). */
export function nhDumpMessage(f: { family?: number; oif?: number; groups?: boolean; master?: number; fdb?: boolean }): NhMessage {
  const attrs: NhAttrs = {};
  if (f.oif) attrs.oif = f.oif;
  if (f.groups) attrs.groups = true;
  if (f.master) attrs.master = f.master;
  if (f.fdb) attrs.fdb = true;
  return { header: header(f.family ?? K.AF_UNSPEC), attrs };
}

/** Filters of `nexthop.buckets` (`ip nexthop bucket show`); the kernel applies them all. */
export interface NhBucketFilter {
  /** Only the buckets of this resilient group (NHA_ID). */
  id?: number;
  /** Only the buckets that hold this nexthop (NHA_RES_BUCKET > NHA_RES_BUCKET_NH_ID). */
  nhid?: number;
  /** Only buckets whose nexthop uses this device (NHA_OIF). */
  dev?: string | number;
  /** Only buckets whose nexthop's device has this master (NHA_MASTER). */
  master?: string | number;
  /** The nhmsg family of the dump ('inet', 'inet6'), as ip's -4/-6 sets it. */
  family?: FamilyOption;
}

/** The dump request of `ip nexthop bucket show` (ifindexes resolved), attributes in ip 6.1's order. */
export function nhBucketDumpMessage(f: { family?: number; oif?: number; master?: number; id?: number; nhid?: number }): NhMessage {
  const attrs: NhAttrs = {};
  if (f.oif) attrs.oif = f.oif;
  if (f.master) attrs.master = f.master;
  if (f.id) attrs.id = uint(f.id, 'id')!;
  if (f.nhid) attrs.res_bucket = { nh_id: uint(f.nhid, 'nhid')! };
  return { header: header(f.family ?? K.AF_UNSPEC), attrs };
}

/** The request of `ip nexthop bucket get id ID index INDEX` (no dump). */
export function nhBucketGetMessage(id: number, index: number): NhRequest {
  return {
    type: K.RTM_GETNEXTHOPBUCKET, flags: 0,
    body: { header: header(K.AF_UNSPEC), attrs: { id: uint(id, 'id')!, res_bucket: { index: uint(index, 'bucket index', 0xffff)! } } },
    op: `nexthop.bucket id ${id} index ${index}`,
  };
}

/** `nl.nexthop`: nexthop objects of this handle's namespace, as `ip nexthop`. */
export class NexthopService {
  constructor(protected readonly ctx: RouteContext) {}

  private async modify(cmd: NhCommand, opts: NhOptions): Promise<void> {
    nhMessage(cmd, opts, () => 0); // validate before any round trip
    const oif = opts.dev === undefined ? 0 : await this.ctx.ifindex(opts.dev);
    await this.ctx.sock.request({ ...nhMessage(cmd, opts, () => oif), codec: nhBody });
  }

  /** Adds a nexthop or group (`ip nexthop add`); EEXIST when the id is taken. */
  add(opts: NhOptions): Promise<void> { return this.modify('add', opts); }
  /** Adds or replaces a nexthop (`ip nexthop replace`): routes using it follow. */
  replace(opts: NhOptions): Promise<void> { return this.modify('replace', opts); }
  /** Deletes a nexthop by id (`ip nexthop del id ID`); routes using it go too. */
  del(opts: { id: number }): Promise<void> {
    if (!opts?.id) return Promise.reject(new UsageError('nexthop.del: id is required'));
    return this.modify('del', opts);
  }

  /** One nexthop by id (`ip nexthop get id ID`). */
  async get(id: number): Promise<NhMessage> {
    const r = await this.ctx.sock.request<NhMessage>({ ...nhGetMessage(id), codec: nhBody });
    const m = r.messages[0];
    if (!m) throw new Error(`nexthop.get id ${id}: the kernel answered without a nexthop`);
    return m.body;
  }

  /** Lists nexthops (`ip nexthop show`), in id order. */
  async list(filter: NhFilter = {}): Promise<NhMessage[]> {
    const oif = filter.dev === undefined ? undefined : await this.ctx.ifindex(filter.dev);
    const master = filter.master === undefined ? undefined : await this.ctx.ifindex(filter.master);
    const protocol = filter.protocol === undefined ? undefined : protocols.parse(filter.protocol);
    const body = nhDumpMessage({ family: parseFamily(filter.family), oif, groups: filter.groups, master, fdb: filter.fdb });
    const msgs = await this.ctx.sock.dumpAll<NhMessage>({ type: K.RTM_GETNEXTHOP, op: 'nexthop.list', codec: nhBody, body }, { retries: 3 });
    return msgs.map((m) => m.body).filter((n) => protocol === undefined || n.header.protocol === protocol);
  }

  /**
   * The buckets of resilient groups (`ip nexthop bucket show`): RTM_NEWNEXTHOPBUCKET messages,
   * each the group's `id` and one `res_bucket` (index, idle_time in USER_HZ ticks, nh_id).
   */
  async buckets(filter: NhBucketFilter = {}): Promise<NhMessage[]> {
    const oif = filter.dev === undefined ? undefined : await this.ctx.ifindex(filter.dev);
    const master = filter.master === undefined ? undefined : await this.ctx.ifindex(filter.master);
    const body = nhBucketDumpMessage({ family: parseFamily(filter.family), oif, master, id: filter.id, nhid: filter.nhid });
    const msgs = await this.ctx.sock.dumpAll<NhMessage>({ type: K.RTM_GETNEXTHOPBUCKET, op: 'nexthop.buckets', codec: nhBody, body }, { retries: 3 });
    return msgs.map((m) => m.body);
  }

  /** One bucket of a resilient group (`ip nexthop bucket get id ID index INDEX`). */
  async bucket(id: number, index: number): Promise<NhMessage> {
    const r = await this.ctx.sock.request<NhMessage>({ ...nhBucketGetMessage(id, index), codec: nhBody });
    const m = r.messages[0];
    if (!m) throw new Error(`nexthop.bucket id ${id} index ${index}: the kernel answered without a bucket`);
    return m.body;
  }

  /**
   * Deletes the listed nexthops (`ip nexthop flush`); without filters, groups first, as ip
   * does. Returns how many were deleted.
   */
  async flush(filter: NhFilter = {}): Promise<number> {
    const all = Object.values(filter).every((v) => v === undefined);
    const rounds = all ? [{ ...filter, groups: true }, filter] : [filter];
    let n = 0;
    for (const f of rounds) {
      for (const nh of await this.list(f)) {
        if (!nh.attrs.id) continue;
        try {
          await this.ctx.sock.request({ ...nhMessage('del', { id: nh.attrs.id }, () => 0), codec: nhBody });
          n++;
        } catch (e) {
          // Gone already: a group's deletion took it, or someone else did.
          if (!(e instanceof NetlinkError && e.code === 'ENOENT')) throw e;
        }
      }
    }
    return n;
  }
}
