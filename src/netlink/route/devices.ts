/**
 * Device names of one handle: what its services need to turn a name into an ifindex, and the
 * order its calls go out in (call-order.ts).
 *
 * The name cache holds only names this handle itself created with link.add, in its own
 * namespace, learnt from the kernel's echo of the RTM_NEWLINK (NLM_F_ECHO): no lookup to fill
 * it, and nothing it did not see happen. It cannot go stale through this handle: its link.del
 * forgets the name (or every name of the index), its link.set forgets the device when it renames
 * it or moves it to another namespace, and a request that used a cached index and failed with
 * ENODEV forgets that name. What another handle or process does to the same device is not seen:
 * a link deleted elsewhere gives ENODEV as it would anyway (ifindexes are not reused until they
 * wrap), and a link renamed elsewhere is still reached under its old name by this handle.
 * Names the handle did not create are looked up every time (RTM_GETLINK, only the header read).
 */

import type { Codec } from '../codecs.js';
import { NetlinkError } from '../errors.js';
import type { NetlinkSocket } from '../socket.js';
import * as K from './constants.js';
import type { RouteContext } from './context.js';
import { CallOrder } from './call-order.js';
import { linkBody, type LinkMessage } from './link-attrs.js';

/** What the kernel's echo or a lookup says about a link: its index, name and far end. */
export interface LinkIdentity {
  index: number;
  ifname?: string;
  /** IFLA_LINK: a veth's peer, a macvlan's parent. */
  link?: number;
  /** IFLA_LINK_NETNSID: the namespace IFLA_LINK is in, when not this one. */
  link_netnsid?: number;
}

/** The per-handle state: the call order and the names this handle made. */
export interface Devices {
  order: CallOrder;
  /** name -> ifindex, or the ifindex still coming from an add in flight (undefined if it fails). */
  names: Map<string, number | Promise<number | undefined>>;
}

const states = new WeakMap<NetlinkSocket, Devices>();

/** The state of the handle `ctx` (made on first use; it lives as long as the handle's socket). */
export function devicesOf(ctx: RouteContext): Devices {
  let s = states.get(ctx.sock);
  if (!s) { s = { order: new CallOrder(), names: new Map() }; states.set(ctx.sock, s); }
  return s;
}

/**
 * Reads only what identifies a link from an RTM_NEWLINK body (ifinfomsg index, IFLA_IFNAME,
 * IFLA_LINK, IFLA_LINK_NETNSID): an echo or a lookup needs no more, and a whole veth decoded is
 * ~40 attributes. The rest of linkBody stays for encoding and for naming ext-ack offsets.
 */
export function readLinkIdentity(b: Buffer): LinkIdentity {
  const id: LinkIdentity = { index: b.length >= 8 ? b.readInt32LE(4) : 0 };
  for (let off = 16; off + 4 <= b.length;) {
    const len = b.readUInt16LE(off);
    if (len < 4 || off + len > b.length) break;
    const type = b.readUInt16LE(off + 2) & 0x3fff;
    if (type === K.IFLA_IFNAME) {
      const nul = b.indexOf(0, off + 4);
      id.ifname = b.toString('utf8', off + 4, nul >= 0 && nul < off + len ? nul : off + len);
    }
    else if (type === K.IFLA_LINK && len >= 8) id.link = b.readUInt32LE(off + 4);
    else if (type === K.IFLA_LINK_NETNSID && len >= 8) id.link_netnsid = b.readInt32LE(off + 4);
    off += (len + 3) & ~3;
  }
  return id;
}

/** Reads an RTM_NEWLINK reply as its LinkIdentity (RequestSpec.replyCodec). */
export const linkIdentityReply: Codec<unknown> = { name: 'link identity', write: () => { throw new Error('read only'); }, read: (b) => readLinkIdentity(b) };

/** The error for a device name that does not exist (as Netlink.ifindex words it). */
export function noDevice(ctx: RouteContext, dev: string, cause?: NetlinkError): NetlinkError {
  // One shape for "not found" across services (issue 9 item 15): the kernel's ENODEV, named by
  // the device and namespace ('Cannot find device "eth9" [netns blue]: No such device (ENODEV)').
  const request = { op: `Cannot find device "${dev}"`, type: cause?.request?.type ?? 'RTM_GETLINK', flags: cause?.request?.flags ?? 0, seq: cause?.request?.seq ?? 0 };
  return new NetlinkError(19 /* ENODEV */, ctx.netnsLabel ? { ...request, netns: ctx.netnsLabel } : request, cause?.extack);
}

/** What the cache knows about `dev` right now: a number, a promise (an add in flight), or nothing. */
export function cached(ctx: RouteContext, dev: string): number | Promise<number | undefined> | undefined {
  return devicesOf(ctx).names.get(dev);
}

/** Looks a name up in the kernel (RTM_GETLINK by IFLA_IFNAME, header only). */
export async function lookup(ctx: RouteContext, dev: string): Promise<number> {
  const r = await ctx.sock.request<LinkIdentity>({
    type: K.RTM_GETLINK, codec: linkBody, replyCodec: linkIdentityReply, op: `link.get ${dev}`,
    body: { header: { family: 0 }, attrs: { ifname: dev, ext_mask: K.RTEXT_FILTER_SKIP_STATS } } as LinkMessage,
  }).catch((e: unknown) => {
    if ((e as { code?: string }).code === 'ENODEV') throw noDevice(ctx, dev, e as NetlinkError);
    throw e;
  });
  const m = r.messages[0];
  if (!m) throw noDevice(ctx, dev);
  return m.body.index;
}

/**
 * Resolves `names` once every earlier call of the handle has been sent, so a lookup sees what
 * those calls did. Call it when the call is made: what the cache says is read then, so an add
 * made after this call (whose name is in the cache by the time the turn comes) is not waited
 * for; it waits for this call to be sent, which would never happen.
 */
export async function resolveAll(ctx: RouteContext, names: Iterable<string>, turn: () => Promise<void>): Promise<Map<string, number>> {
  const list = [...names];
  const now = list.map((n) => cached(ctx, n));
  await turn();
  const idx = await Promise.all(list.map(async (n, i) => {
    const c = now[i];
    return (c instanceof Promise ? await c : c) ?? lookup(ctx, n);
  }));
  return new Map(list.map((n, i) => [n, idx[i]!]));
}

/** Records a link this handle is adding under `name`; the returned function settles it. */
export function expectAdd(ctx: RouteContext, name: string): (index: number | undefined) => void {
  const names = devicesOf(ctx).names;
  let settle!: (i: number | undefined) => void;
  const p = new Promise<number | undefined>((r) => { settle = r; });
  names.set(name, p);
  return (index) => {
    settle(index);
    if (names.get(name) !== p) return; // forgotten or replaced meanwhile
    if (index === undefined) names.delete(name);
    else names.set(name, index);
  };
}

/** Forgets a device, by name or by index (every name cached for it). */
export function forget(ctx: RouteContext, dev: string | number): void {
  const names = devicesOf(ctx).names;
  if (typeof dev === 'string') { names.delete(dev); return; }
  for (const [n, v] of names) if (v === dev) names.delete(n);
}
