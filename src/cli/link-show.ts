/**
 * `nlctl link show` and what `address show` shares with it (the filter words, the printer's
 * options), apart from the rest of `link`: the launcher runs `link show` from a bundle of its own
 * (show-main.ts), which must not carry link add/set/del, the kinds' tables or the client.
 */

import { Args, duplicateArg, invalidArg, matches } from './args.js';
import type { Cli, LinkIndex } from './context.js';
import { CliError, CliUsageError } from './errors.js';
import type { LinkMessage } from '../netlink/route/link-attrs.js';
import { strtoul } from '../netlink/route/names.js';
import { linkBriefJson, linkBriefText, linkJson, linkText, type LinkPrintOptions } from './print/link.js';
import { peerOf } from './link-peer.js';
import { maybeOneline } from './print/oneline.js';
import { helpText } from './io.js';

/** `nlctl link help`. */
export const help = `Usage: nlctl link add [link DEV] [ name ] NAME
                   [ txqueuelen PACKETS ] [ address LLADDR ] [ broadcast LLADDR ]
                   [ mtu MTU ] [ numtxqueues QUEUE_COUNT ] [ numrxqueues QUEUE_COUNT ]
                   [ netns { PID | NAME } ] [ master DEV ] [ up ]
                   type TYPE [ ARGS ]
       nlctl link delete { DEVICE | dev DEVICE }
       nlctl link set { DEVICE | dev DEVICE }
                   [ { up | down } ] [ name NEWNAME ] [ mtu MTU ] [ address LLADDR ]
                   [ broadcast LLADDR ] [ txqueuelen PACKETS ] [ alias NAME ]
                   [ netns { PID | NAME } ] [ master DEVICE ] [ nomaster ]
       nlctl link show [ DEVICE | group GROUP ] [ up ] [ master DEV ] [ type TYPE ] [ nomaster ]
       nlctl link peer DEVICE          (nlctl only: a veth peer's namespace and name)
       nlctl link help [ TYPE ]
TYPE := { veth | bridge | vxlan | macvlan | ... }
veth ARGS := peer [ name ] NAME [ address LLADDR ] [ mtu MTU ] [ netns { PID | NAME } ]`;

/** `link`'s commands in ip's order (abbreviations resolve to the first match). */
export const COMMANDS = ['add', 'set', 'change', 'replace', 'delete', 'show', 'lst', 'list', 'afstats', 'property', 'peer', 'help'] as const;

/** ip's rtnl_group_a2n(): a number or a name of /etc/iproute2/group (`default` is 0). */
export function groupValue(v: string, what = 'Invalid "group" value\n'): number {
  if (v === 'default') return 0;
  const r = strtoul(v);
  if (!r || r.rest !== '' || r.value > 0xffffffff) throw invalidArg(v, what);
  return r.value;
}

/** What `link show` filters on. */
export interface LinkFilter {
  dev?: string;
  up?: boolean;
  master?: string;
  nomaster?: boolean;
  type?: string;
  group?: number;
}

/** Parses `link show` words (also used by `address show`, which takes the same ones first). */
export function parseLinkFilter(args: Args, f: LinkFilter = {}, extra?: (w: string) => boolean): LinkFilter {
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'up') f.up = true;
    else if (w === 'master') f.master = args.value();
    else if (w === 'nomaster') f.nomaster = true;
    else if (w === 'type') f.type = args.value();
    else if (w === 'group') f.group = groupValue(args.value(), 'Invalid "group" value\n');
    else if (extra?.(w)) continue;
    else {
      let dev = w;
      if (w === 'dev') dev = args.value();
      else if (matches(w, 'help')) throw new CliUsageError(helpText('link', help));
      if (f.dev !== undefined) throw duplicateArg('dev', dev);
      f.dev = dev;
    }
  }
  return f;
}

/** ip's `type KIND` filter: `KIND_slave` matches the ports of a KIND master (IFLA_INFO_SLAVE_KIND). */
function matchesType(l: LinkMessage, type: string): boolean {
  if (type.endsWith('_slave')) return l.attrs.linkinfo?.slave_kind === type.slice(0, -'_slave'.length);
  return l.attrs.linkinfo?.kind === type;
}

/** Applies a link filter to the namespace's links, as ip does client-side. */
export function filterLinks(idx: LinkIndex, f: LinkFilter): LinkMessage[] {
  let list = idx.list;
  if (f.dev !== undefined) {
    const l = idx.byName.get(f.dev);
    if (!l) throw new CliError(`Device "${f.dev}" does not exist.`, 1);
    list = [l];
  }
  const master = f.master === undefined ? undefined : idx.byName.get(f.master)?.header.index;
  // ip's `master X` filter: invarg("Device does not exist\n"), exit 255.
  if (f.master !== undefined && master === undefined) throw invalidArg(f.master, 'Device does not exist\n');
  return list.filter((l) =>
    (!f.up || l.header.flags & 1) &&
    (master === undefined || l.attrs.master === master) &&
    (!f.nomaster || l.attrs.master === undefined) &&
    (f.type === undefined || matchesType(l, f.type)) &&
    (f.group === undefined || (l.attrs.group ?? 0) === f.group));
}

/** The printer options for links of `idx`, with netnsid names resolved when text needs them. */
export async function printOptions(cli: Cli, idx: LinkIndex, links: LinkMessage[], doLink: boolean): Promise<LinkPrintOptions> {
  const o: LinkPrintOptions = {
    name: idx.name, flags: (i) => idx.byIndex.get(i)?.header.flags, doLink, showQueue: true, details: cli.g.details, stats: cli.g.stats,
  };
  if (cli.g.human) o.human = { iec: cli.g.iec === true };
  // ip resolves netnsids to /run/netns names for text output only; JSON keeps the number.
  if (!cli.g.json && links.some((l) => (l.attrs.link_netnsid ?? -1) >= 0)) {
    o.nsNames = await cli.session.nsNames();
  }
  return o;
}

/** `link show|list|lst [FILTER]`: the links of the namespace, as ip prints them. */
export async function show(cli: Cli, args: Args): Promise<void> {
  const f = parseLinkFilter(args);
  const idx = await cli.links();
  const links = filterLinks(idx, f);
  const o = await printOptions(cli, idx, links, true);
  const peers = cli.g.peer ? await Promise.all(links.map((l) => peerOf(cli, l).catch(() => undefined))) : [];
  if (cli.g.json) {
    cli.printJson(links.map((l, i) => {
      const j = cli.g.brief ? linkBriefJson(l, o) : linkJson(l, o);
      if (peers[i]) j.peer = peers[i] as unknown as Record<string, string>;
      return j;
    }));
    return;
  }
  let s = '';
  links.forEach((l, i) => {
    let rec = cli.g.brief ? linkBriefText(l, o) : linkText(l, o);
    const p = peers[i];
    if (p) rec += `${cli.g.brief ? '' : '\n   '} peer ${p.ifname}${p.netns ? ` netns ${p.netns}` : ''}`;
    s += maybeOneline(rec, cli.g.oneline && !cli.g.brief) + '\n';
  });
  cli.print(s);
}
