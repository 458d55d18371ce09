/**
 * attachments(): the attachments a namespace holds, found from the kernel alone (no state
 * files): every link whose IFLA_IFALIAS is `nlctl:<container id>` (set by attach()) is a host
 * end. Each entry says where its veth peer is, so a runtime can detach the ones whose container
 * is gone after a restart.
 */

import { Netlink } from '../client.js';
import { IFF_UP } from '../netlink/route/constants.js';
import { netnsPath, type NetnsRef } from '../ns/ref.js';
import { MARK } from './plan.js';

/** One attachment found by its marked host end. */
export interface Attachment {
  /** The container id from the mark. */
  id: string;
  /** The host end's name and ifindex. */
  ifname: string;
  ifindex: number;
  /** The host namespace's path (absent: the caller's own), as detach() takes it. */
  hostNetns?: string;
  /** Whether the host end is administratively up. */
  up: boolean;
  /** The veth peer: its ifindex, the netnsid the host namespace knows its namespace by, and that namespace's /run/netns name when it has one. */
  peer?: { ifindex: number; nsid?: number; netns?: string };
}

/** Lists the attachments whose host ends live in `opts.netns` (default: the caller's namespace). */
export async function attachments(opts: { netns?: NetnsRef } = {}): Promise<Attachment[]> {
  const nl = await Netlink.open(opts.netns === undefined ? {} : { netns: opts.netns });
  try {
    const links = (await nl.link.list()).filter((l) => l.attrs.ifalias?.startsWith(MARK));
    const names = links.some((l) => l.attrs.link_netnsid !== undefined) ? await nl.nsid.namesById() : new Map<number, string>();
    return links.map((l) => {
      const a: Attachment = { id: l.attrs.ifalias!.slice(MARK.length), ifname: l.attrs.ifname!, ifindex: l.header.index, up: (l.header.flags & IFF_UP) !== 0 };
      if (opts.netns !== undefined) a.hostNetns = netnsPath(opts.netns);
      if (l.attrs.link) {
        const nsid = l.attrs.link_netnsid;
        a.peer = { ifindex: l.attrs.link };
        if (nsid !== undefined) { a.peer.nsid = nsid; const n = names.get(nsid); if (n !== undefined) a.peer.netns = n; }
      }
      return a;
    });
  } finally {
    await nl.close();
  }
}
