/**
 * Netnsids (linux/net_namespace.h): the numbers a namespace assigns to the other namespaces it
 * sees (peer links report them as IFLA_LINK_NETNSID). RTM_NEWNSID/GETNSID with a rtgenmsg body.
 */

import { defineAttrs, headed, type AttrsOf } from '../attrs.js';
import { s32, u32 } from '../codecs.js';
import { registerMessage } from '../message.js';
import { UsageError } from '../errors.js';
import { runDirNames } from '../../ns/identity.js';
import { NETNS_RUN_DIR, type NetnsRef } from '../../ns/ref.js';
import * as K from './constants.js';
import { rtgenmsg } from './headers.js';
import type { RouteContext } from './context.js';

/** NETNSA_* attributes. */
export const nsidAttrs = defineAttrs('nsid', {
  [K.NETNSA_NSID]: { key: 'nsid', codec: s32 },
  [K.NETNSA_PID]: { key: 'pid', codec: u32 },
  [K.NETNSA_FD]: { key: 'fd', codec: u32 },
  [K.NETNSA_TARGET_NSID]: { key: 'target_nsid', codec: s32 },
  [K.NETNSA_CURRENT_NSID]: { key: 'current_nsid', codec: s32 },
});
/** Decoded NETNSA_* attributes. */
export type NsidAttrs = ReturnType<typeof nsidAttrs.decode>;

/** RTM_*NSID body: rtgenmsg (padded to 4) + NETNSA_* attributes. */
export const nsidBody = headed(rtgenmsg, () => nsidAttrs);

registerMessage(K.RTM_NEWNSID, 'RTM_NEWNSID', nsidBody);
registerMessage(K.RTM_DELNSID, 'RTM_DELNSID', nsidBody);
registerMessage(K.RTM_GETNSID, 'RTM_GETNSID', nsidBody);

/** One assigned netnsid, with the name of the namespace under /run/netns when there is one. */
export interface NsidEntry {
  nsid: number;
  /** The /run/netns name of the namespace, when one of them is it. */
  name?: string;
}

/** The body of an RTM_NEWNSID request. */
export interface NsidSetBody {
  header: { family: number };
  attrs: { nsid: number; fd: number };
}

/**
 * The RTM_NEWNSID request that assigns `id` ('auto': -1, the kernel picks) to the namespace open
 * as `fd`, flags besides NLM_F_REQUEST|NLM_F_ACK. No NLM_F_CREATE|NLM_F_EXCL: iproute2 6.1 sends
 * neither and rtnl_net_newid ignores them; a peer with an id or a taken id is EEXIST regardless.
 */
export function nsidSetMessage(fd: number, id: number | 'auto'): { type: number; flags: number; body: NsidSetBody } {
  const nsid = id === 'auto' ? -1 : id;
  if (!Number.isInteger(nsid) || nsid < -1 || nsid > 0x7fffffff) throw new UsageError(`invalid nsid ${id}: a non-negative integer or 'auto'`);
  return { type: K.RTM_NEWNSID, flags: 0, body: { header: { family: 0 }, attrs: { nsid, fd } } };
}

/** `nl.nsid`: the ids this handle's namespace has assigned to other namespaces. */
export class NsidService {
  constructor(private readonly ctx: RouteContext) {}

  /** The id this namespace has assigned to `ns`, or undefined when none is assigned. */
  async get(ns: NetnsRef): Promise<number | undefined> {
    const fd = this.ctx.openNetns(ns);
    try {
      const r = await this.ctx.sock.request<{ attrs: NsidAttrs }>({
        type: K.RTM_GETNSID, op: `nsid.get ${fd.label}`, body: { header: { family: 0 }, attrs: { fd: fd.fd } },
      });
      const id = r.messages[0]?.body.attrs.nsid;
      return id === undefined || id < 0 ? undefined : id;
    } finally {
      fd.close();
    }
  }

  /** Assigns `id` (or the next free one with 'auto') to `ns`; returns the id now in force. */
  async set(ns: NetnsRef, id: number | 'auto'): Promise<number> {
    nsidSetMessage(0, id); // reject a bad id before opening anything
    const fd = this.ctx.openNetns(ns);
    try {
      await this.ctx.sock.request({ ...nsidSetMessage(fd.fd, id), op: `nsid.set ${fd.label} ${id}` });
    } finally {
      fd.close();
    }
    const now = await this.get(ns);
    if (now === undefined) throw new Error(`nsid.set ${typeof ns === 'string' ? ns : JSON.stringify(ns)}: kernel accepted but no id is assigned`);
    return now;
  }

  /** Every assigned id (RTM_GETNSID dump), with names resolved from /run/netns. */
  async list(): Promise<NsidEntry[]> {
    const msgs = await this.ctx.sock.dumpAll<{ attrs: NsidAttrs }>({ type: K.RTM_GETNSID, op: 'nsid.list', body: { header: { family: 0 }, attrs: {} } });
    const ids = msgs.map((m) => m.body.attrs.nsid).filter((n): n is number => n !== undefined && n >= 0);
    const names = ids.length ? await this.namesById() : new Map<number, string>();
    return ids.sort((a, b) => a - b).map((nsid) => {
      const name = names.get(nsid);
      return name === undefined ? { nsid } : { nsid, name };
    });
  }

  /** The /run/netns name of the namespace this one knows as `nsid`, if any. */
  async name(nsid: number): Promise<string | undefined> {
    return (await this.namesById()).get(nsid);
  }

  /**
   * The id this namespace has assigned to each of `paths`, asked for all at once (pipelined);
   * a path that is no namespace, or has no id, gets undefined.
   */
  async idsOf(paths: readonly string[]): Promise<(number | undefined)[]> {
    return Promise.all(paths.map((path) => this.get({ path }).catch(() => undefined)));
  }

  /** Maps each assigned id to a /run/netns name by asking for the id of every named namespace. */
  async namesById(): Promise<Map<number, string>> {
    const names = runDirNames();
    const ids = await this.idsOf(names.map((n) => `${NETNS_RUN_DIR}/${n}`));
    const out = new Map<number, string>();
    names.forEach((n, i) => { const id = ids[i]; if (id !== undefined && !out.has(id)) out.set(id, n); });
    return out;
  }
}
