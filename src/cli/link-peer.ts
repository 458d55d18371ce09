/**
 * nlctl's answer to "where is the other end of this veth?": ip shows only `@if7 link-netns
 * blue`; `nlctl link peer DEV` (and `-peer` on link show) follows the netnsid to the named
 * namespace and reads the peer's name there.
 */

import type { Args } from './args.js';
import { dumpLinks, type Cli } from './context.js';
import { CliError, CliUsageError } from './errors.js';
import type { LinkMessage } from '../netlink/route/link-attrs.js';

/** The other end of a link: its ifindex, and its name and namespace when they can be known. */
export interface Peer {
  ifindex: number;
  ifname?: string;
  /** netnsid of the peer's namespace as this namespace knows it (absent: same namespace). */
  netnsid?: number;
  /** The /run/netns name of the peer's namespace, when it has one. */
  netns?: string;
}

/** Finds the peer of a link (veth and other IFLA_LINK pairs); undefined when it has none. */
export async function peerOf(cli: Cli, l: LinkMessage): Promise<Peer | undefined> {
  const ifindex = l.attrs.link;
  if (!ifindex) return undefined;
  const netnsid = l.attrs.link_netnsid;
  if (netnsid === undefined) {
    const p = (await cli.links()).byIndex.get(ifindex);
    return p?.attrs.ifname === undefined ? { ifindex } : { ifindex, ifname: p.attrs.ifname };
  }
  const peer: Peer = { ifindex, netnsid };
  if (netnsid < 0) return peer;
  const nl = await cli.nl();
  const netns = await nl.nsid.name(netnsid);
  if (netns === undefined) return peer;
  peer.netns = netns;
  const { Netlink } = await import('../client.js');
  const other = await Netlink.open({ netns });
  try {
    const p = (await dumpLinks(other)).find((x) => x.header.index === ifindex);
    if (p?.attrs.ifname !== undefined) peer.ifname = p.attrs.ifname;
  } finally {
    await other.close();
  }
  return peer;
}

/** `nlctl link peer DEVICE...`: one line per device, `DEV peer NAME [netns NS]`. */
export async function printPeers(cli: Cli, args: Args): Promise<void> {
  const devs = args.rest.filter((w) => w !== 'dev');
  if (!devs.length) throw new CliUsageError('Command line is not complete. Try option "help"');
  const idx = await cli.links();
  const rows = await Promise.all(devs.map(async (d) => {
    const l = idx.byName.get(d);
    if (!l) throw new CliError(`Device "${d}" does not exist.`, 1);
    return { ifname: d, peer: await peerOf(cli, l) };
  }));
  if (cli.g.json) { cli.printJson(rows.map((r) => ({ ifname: r.ifname, peer: r.peer ? { ...r.peer } : null }))); return; }
  cli.print(rows.map((r) => {
    const p = r.peer;
    if (!p) return `${r.ifname} has no peer\n`;
    const name = p.ifname ?? `if${p.ifindex}`;
    const where = p.netns !== undefined ? ` netns ${p.netns}` : p.netnsid !== undefined ? ` netnsid ${p.netnsid}` : '';
    return `${r.ifname} peer ${name}${where} ifindex ${p.ifindex}\n`;
  }).join(''));
}
