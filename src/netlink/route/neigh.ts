/**
 * Neighbours (linux/neighbour.h): the RTM_*NEIGH body is struct ndmsg followed by NDA_*
 * attributes; `NeighService` is `ip neigh add/del/replace/change/show`.
 */

import { defineAttrs, headed, type AttrsOf } from '../attrs.js';
import { be16, bytes, ip, mac, s32, struct, u8, u16, u32 } from '../codecs.js';
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE } from '../constants.js';
import { UsageError } from '../errors.js';
import { parseMac } from '../inet.js';
import { registerMessage } from '../message.js';
import { parseAddr, parseFamily, type FamilyOption } from './cidr.js';
import * as K from './constants.js';
import { ndmsg, type NdMsg } from './headers.js';
import { nudStates, protocols } from './names.js';
import type { RouteContext } from './context.js';

/** struct nda_cacheinfo: ages in clock ticks (USER_HZ) and the reference count. */
export const ndaCacheinfo = struct('nda_cacheinfo', [
  ['confirmed', 'u32'], ['used', 'u32'], ['updated', 'u32'], ['refcnt', 'u32'],
] as const);

const neighSpec = {
  [K.NDA_DST]: { key: 'dst', codec: ip },
  [K.NDA_LLADDR]: { key: 'lladdr', codec: mac },
  [K.NDA_CACHEINFO]: { key: 'cacheinfo', codec: ndaCacheinfo },
  [K.NDA_PROBES]: { key: 'probes', codec: u32 },
  [K.NDA_VLAN]: { key: 'vlan', codec: u16 },
  [K.NDA_PORT]: { key: 'port', codec: be16 },
  [K.NDA_VNI]: { key: 'vni', codec: u32 },
  [K.NDA_IFINDEX]: { key: 'ifindex', codec: u32 },
  [K.NDA_MASTER]: { key: 'master', codec: u32 },
  [K.NDA_LINK_NETNSID]: { key: 'link_netnsid', codec: s32 },
  [K.NDA_SRC_VNI]: { key: 'src_vni', codec: u32 },
  [K.NDA_PROTOCOL]: { key: 'protocol', codec: u8 },
  [K.NDA_NH_ID]: { key: 'nh_id', codec: u32 },
  // A nest of NFEA_* (bridge FDB activity notification); kept raw.
  [K.NDA_FDB_EXT_ATTRS]: { key: 'fdb_ext_attrs', codec: bytes },
  [K.NDA_FLAGS_EXT]: { key: 'flags_ext', codec: u32 },
  [K.NDA_NDM_STATE_MASK]: { key: 'ndm_state_mask', codec: u16 },
  [K.NDA_NDM_FLAGS_MASK]: { key: 'ndm_flags_mask', codec: u8 },
} as const;

/** Neighbour attributes (NDA_*), in kernel-number order. */
export const neighAttrs = defineAttrs('neigh', neighSpec);
/** Decoded neighbour attributes. */
export type NeighAttrs = AttrsOf<typeof neighSpec>;

/** The RTM_NEWNEIGH/DELNEIGH/GETNEIGH body: ndmsg + neighbour attributes. */
export const neighBody = headed(ndmsg, () => neighAttrs);

/** A decoded neighbour message. */
export interface NeighMessage {
  header: NdMsg;
  attrs: NeighAttrs;
}

registerMessage(K.RTM_NEWNEIGH, 'RTM_NEWNEIGH', neighBody);
registerMessage(K.RTM_DELNEIGH, 'RTM_DELNEIGH', neighBody);
registerMessage(K.RTM_GETNEIGH, 'RTM_GETNEIGH', neighBody);

/** Options of neigh add/del/replace/change, in ip's words. */
export interface NeighOptions {
  /** The neighbour's IP address. */
  dst: string;
  dev: string | number;
  /** Link-layer address ('02:00:00:00:00:09'). */
  lladdr?: string;
  /** NUD state name(s) or bits; default 'permanent' (ip's default). */
  state?: string | string[] | number;
  /** The neighbour is a router (IPv6, NTF_ROUTER). */
  router?: boolean;
  /** A proxy entry (`ip neigh add proxy ADDR dev D`, NTF_PROXY). */
  proxy?: boolean;
  /** Learned externally (NTF_EXT_LEARNED). */
  extern_learn?: boolean;
  /** Resolve the entry now / keep it managed (NTF_USE). */
  use?: boolean;
  /** Who installed the entry (NDA_PROTOCOL). */
  protocol?: string | number;
  /** The kernel keeps the entry resolved (NDA_FLAGS_EXT's NTF_EXT_MANAGED; ip's `managed`). */
  managed?: boolean;
}

/** A request ready for the socket (flags besides REQUEST|ACK). */
export interface NeighRequest {
  type: number;
  flags: number;
  body: { header: NdMsg; attrs: NeighAttrs };
  op: string;
}

/** The NUD bits of a state option: a name, names, or bits. */
export function parseNudState(state: string | string[] | number): number {
  if (typeof state === 'number') {
    if (!Number.isInteger(state) || state < 0 || state > 0xffff) throw new UsageError(`invalid neighbour state ${state}`);
    return state;
  }
  return nudStates.parse(Array.isArray(state) ? state : [state]);
}

/** Maps neighbour options to the message `ip neigh add|replace|change|del` sends. */
export function neighMessage(cmd: 'add' | 'replace' | 'change' | 'del', opts: NeighOptions, ifindex: number): NeighRequest {
  if (!opts || typeof opts.dst !== 'string') throw new UsageError(`neigh.${cmd}: dst is required`);
  if (opts.dev === undefined) throw new UsageError(`neigh.${cmd}: dev is required`);
  const dst = parseAddr(opts.dst, 'neighbour address');
  const attrs: NeighAttrs = { dst: dst.address };
  if (opts.lladdr !== undefined) {
    if (!parseMac(opts.lladdr)) throw new UsageError(`invalid lladdr ${JSON.stringify(opts.lladdr)}: expected hex pairs like 02:00:00:00:00:09`);
    attrs.lladdr = opts.lladdr;
  }
  if (opts.protocol !== undefined) attrs.protocol = protocols.parse(opts.protocol);
  let flags = 0;
  if (opts.router) flags |= K.NTF_ROUTER;
  if (opts.proxy) flags |= K.NTF_PROXY;
  if (opts.extern_learn) flags |= K.NTF_EXT_LEARNED;
  if (opts.use) flags |= K.NTF_USE;
  if (opts.managed) attrs.flags_ext = K.NTF_EXT_MANAGED;
  const header: NdMsg = {
    family: dst.family, ifindex, state: opts.state === undefined ? K.NUD_PERMANENT : parseNudState(opts.state),
    flags, type: 0,
  };
  return {
    type: cmd === 'del' ? K.RTM_DELNEIGH : K.RTM_NEWNEIGH,
    flags: cmd === 'add' ? NLM_F_CREATE | NLM_F_EXCL : cmd === 'replace' ? NLM_F_CREATE | NLM_F_REPLACE : cmd === 'change' ? NLM_F_REPLACE : 0,
    body: { header, attrs },
    op: `neigh.${cmd} ${opts.dst} dev ${opts.dev}`,
  };
}

/** Filters of `neigh.list`. */
export interface NeighFilter {
  /** Only this device (NDA_IFINDEX, filtered in the kernel). */
  dev?: string | number;
  family?: FamilyOption;
  /** Proxy entries instead of the cache (`ip neigh show proxy`). */
  proxy?: boolean;
  /** Only entries in one of these states (names or bits); all states when absent. */
  state?: string | string[] | number;
  /** Only this address. */
  dst?: string;
}

/** Options of `neigh.get` (ip neigh get). */
export interface NeighGetOptions {
  /** The neighbour's IP address. */
  dst: string;
  /** The device; required unless `proxy`. */
  dev?: string | number;
  /** Look in the proxy table (NTF_PROXY). */
  proxy?: boolean;
  /** Require an address of this family. */
  family?: FamilyOption;
}

/** `nl.neigh`: the neighbour (ARP/NDP) tables of this handle's namespace, as `ip neigh`. */
export class NeighService {
  constructor(protected readonly ctx: RouteContext) {}

  private async send(cmd: 'add' | 'replace' | 'change' | 'del', opts: NeighOptions): Promise<void> {
    neighMessage(cmd, opts, 0); // validate before any round trip
    await this.ctx.sock.request(neighMessage(cmd, opts, await this.ctx.ifindex(opts.dev)));
  }

  /** Adds an entry (`ip neigh add`); EEXIST if there is one. */
  add(opts: NeighOptions): Promise<void> { return this.send('add', opts); }
  /** Adds or replaces an entry (`ip neigh replace`). */
  replace(opts: NeighOptions): Promise<void> { return this.send('replace', opts); }
  /** Changes an existing entry (`ip neigh change`). */
  change(opts: NeighOptions): Promise<void> { return this.send('change', opts); }
  /** Deletes an entry (`ip neigh del`). */
  del(opts: NeighOptions): Promise<void> { return this.send('del', opts); }

  /**
   * One entry, asked for by address and device with a non-dump RTM_GETNEIGH (`ip neigh get`).
   * Rejects with ENOENT ("Neighbour entry not found") when the table has none; `proxy` looks in
   * the proxy table, where the device is optional.
   */
  async get(opts: NeighGetOptions): Promise<NeighMessage> {
    if (!opts || typeof opts.dst !== 'string') throw new UsageError('neigh.get: dst is required');
    if (opts.dev === undefined && !opts.proxy) throw new UsageError('neigh.get: dev is required');
    const dst = parseAddr(opts.dst, 'neighbour address', parseFamily(opts.family));
    const ifindex = opts.dev === undefined ? 0 : await this.ctx.ifindex(opts.dev);
    const r = await this.ctx.sock.request<NeighMessage>({
      type: K.RTM_GETNEIGH, op: `neigh.get ${opts.dst}${opts.dev === undefined ? '' : ` dev ${opts.dev}`}`, codec: neighBody,
      body: { header: { family: dst.family, ifindex, state: 0, flags: opts.proxy ? K.NTF_PROXY : 0, type: 0 }, attrs: { dst: dst.address } },
    });
    const m = r.messages[0];
    if (!m) throw new Error(`neigh.get ${opts.dst}: the kernel answered without an entry`);
    return m.body;
  }

  /** Lists entries (`ip neigh show nud all`): every state unless `state` narrows it. */
  async list(filter: NeighFilter = {}): Promise<NeighMessage[]> {
    const family = parseFamily(filter.family) ?? K.AF_UNSPEC;
    const ifindex = filter.dev === undefined ? undefined : await this.ctx.ifindex(filter.dev);
    const state = filter.state === undefined ? undefined : parseNudState(filter.state);
    const dst = filter.dst === undefined ? undefined : parseAddr(filter.dst, 'neighbour address').address;
    // Strict checking wants ndm_ifindex zero in a dump request; the device goes in NDA_IFINDEX.
    const attrs: NeighAttrs = ifindex === undefined ? {} : { ifindex };
    const msgs = await this.ctx.sock.dumpAll<NeighMessage>({
      type: K.RTM_GETNEIGH, op: 'neigh.list', codec: neighBody,
      body: { header: { family, ifindex: 0, state: 0, flags: filter.proxy ? K.NTF_PROXY : 0, type: 0 }, attrs },
    }, { retries: 3 });
    return msgs.map((m) => m.body).filter((n) =>
      (ifindex === undefined || n.header.ifindex === ifindex) &&
      (family === K.AF_UNSPEC || n.header.family === family) &&
      (state === undefined || (state === 0 ? n.header.state === 0 : (n.header.state & state) !== 0)) &&
      (dst === undefined || n.attrs.dst === dst));
  }
}
