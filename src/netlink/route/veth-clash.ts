/**
 * Which side of a veth the kernel's EEXIST is about. The kernel creates a veth and its peer in
 * one request and answers EEXIST for either name without saying which (Linux 6.18 sends no
 * ext-ack text), so `link.add nc-veth1 [netns host]: File exists` once blamed the host side when
 * `eth0` was taken in the container's namespace. When the link's own name is free here and the
 * peer's name is taken where the peer was to be made, the error says so.
 */

import { NetlinkError } from '../errors.js';
import { netnsLabel, type NetnsRef } from '../../ns/ref.js';
import type { LinkService } from './link.js';

/** The peer's name and namespace of a veth add, when it names one. */
function peerOf(opts: Record<string, unknown>): { name: string; netns?: NetnsRef } | undefined {
  if (opts.kind !== 'veth' || opts.peer === undefined) return undefined;
  const p = typeof opts.peer === 'string' ? { name: opts.peer } : opts.peer as { name?: unknown; netns?: NetnsRef };
  if (typeof p?.name !== 'string') return undefined;
  return p.netns === undefined ? { name: p.name } : { name: p.name, netns: p.netns };
}

/** True when `name` names a link reachable through `svc`; unknown (false) when the lookup fails otherwise. */
async function exists(svc: LinkService, name: string): Promise<boolean> {
  try {
    await svc.get(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Rewrites an EEXIST from a veth add whose peer name is the one taken; returns `e` unchanged
 * otherwise (or when the check itself cannot be made).
 */
export async function blameVethPeer(svc: LinkService, opts: Record<string, unknown>, e: unknown): Promise<unknown> {
  if (!(e instanceof NetlinkError) || e.code !== 'EEXIST') return e;
  const peer = peerOf(opts);
  if (!peer || typeof opts.name !== 'string') return e;
  try {
    if (await exists(svc, opts.name)) return e; // the link's own name: the kernel checks it first
    let taken: boolean;
    if (peer.netns === undefined) {
      taken = await exists(svc, peer.name);
    } else {
      // Imported here: client.ts imports the services.
      const { Netlink } = await import('../../client.js');
      const nl = await Netlink.open({ netns: peer.netns });
      try { taken = await exists(nl.link, peer.name); } finally { await nl.close(); }
    }
    if (!taken) return e;
    const where = peer.netns === undefined ? (e.request?.netns ? ` in netns ${e.request.netns}` : '') : ` in netns ${netnsLabel(peer.netns)}`;
    const request = e.request ? { ...e.request, op: `${e.request.op}: peer "${peer.name}" exists${where}` } : undefined;
    const err = new NetlinkError(e.errno, request, e.extack);
    return Object.assign(err, { peer: { name: peer.name, netns: peer.netns === undefined ? e.request?.netns : netnsLabel(peer.netns) } });
  } catch {
    return e;
  }
}
