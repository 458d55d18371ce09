/**
 * `nlctl monitor [ all | link | address | route | neigh | nsid | netconf ]...`: one line per event as ip
 * monitor prints it (with `[LINK]`-style banners for `all`), or one JSON object per line with -j,
 * until interrupted.
 */

import { readFileSync } from 'node:fs';
import { Args, invalidArg, matches, pick } from './args.js';
import type { Cli } from './context.js';
import { CliError, CliUsageError } from './errors.js';
import { errnoText } from '../netlink/errno.js';
import { classify, monitor, type MonitorEvent, type MonitorGroup } from '../monitor.js';
import type { LinkMessage } from '../netlink/route/link-attrs.js';
import type { AddrMessage } from '../netlink/route/address.js';
import type { RouteMessage } from '../netlink/route/route-attrs.js';
import type { NeighMessage } from '../netlink/route/neigh.js';
import { linkJson, linkText } from './print/link.js';
import { addrEventText, addrJson } from './print/addr.js';
import { routeJson, routeText } from './print/route.js';
import { neighJson, neighText } from './print/neigh.js';
import { toJson } from './print/json.js';
import { maybeOneline } from './print/oneline.js';
import { netconfEvent, type NetconfMessage } from './print/netconf.js';
import { helpText, io, prog } from './io.js';

/** `nlctl monitor help`. */
export const help = `Usage: nlctl monitor [ all | OBJECTS ]
OBJECTS :=  { link | address | route | neigh | nsid | netconf }
Prints one line per event (one JSON object per line with -j) until interrupted.`;

const ALL = ['link', 'address', 'route', 'neigh', 'nsid', 'netconf'] as const;
const BANNER: Record<string, string> = { link: '[LINK]', address: '[ADDR]', route: '[ROUTE]', neigh: '[NEIGH]', nsid: '[NSID]', netconf: '[NETCONF]' };
// ip 6.1's monitor words in its matching order (so `l` is label and `n` neigh, as in ip), then exact ones.
const WORDS = ['file', 'label', 'link', 'address', 'route', 'mroute', 'prefix', 'neigh', 'netconf', 'rule', 'nsid', 'nexthop'] as const;
// Words ip takes that nlctl's live monitor has no events for (a file replay prints every message anyway).
const NOT_LIVE = new Set(['mroute', 'prefix', 'rule', 'nexthop', 'stats', 'all-nsid', 'dev']);

/** Runs `monitor`: never returns unless the socket fails. */
export async function run(cli: Cli, args: Args): Promise<void> {
  const groups = new Set<MonitorGroup>();
  let banner = false;
  let file: string | undefined;
  const notLive: string[] = [];
  while (!args.done) {
    const w = args.shift()!;
    const o = pick(w, WORDS) ?? (w === 'stats' || w === 'all-nsid' || w === 'dev' ? w : matches(w, 'all') ? 'all' : matches(w, 'help') ? 'help' : undefined);
    if (o === 'help') throw new CliUsageError(helpText('monitor', help));
    if (o === undefined) throw new CliUsageError(`Argument "${w}" is unknown, try "${prog()} monitor help".`);
    if (o === 'file') file = args.value();
    else if (o === 'label') banner = true;
    else if (o === 'all') { banner = true; for (const g of ALL) groups.add(g); }
    else if (o === 'dev') {
      const v = args.value();
      if (!(await cli.links()).byName.has(v)) throw invalidArg(v, 'Device does not exist\n');
      notLive.push(o);
    } else if (NOT_LIVE.has(o)) notLive.push(o);
    else groups.add(o as MonitorGroup);
  }
  if (file === undefined && notLive.length) throw new CliError(`nlctl monitor does not implement "${notLive[0]}".`, 255);
  if (!groups.size) for (const g of ALL) groups.add(g);
  if (file !== undefined) return replay(cli, file, banner, notLive.includes('all-nsid'));
  // Names for '@peer', 'dev' and 'master': a dump first, then kept current from link events.
  const names = new Map<number, string>();
  const flags = new Map<number, number>();
  for (const l of (await cli.links()).list) { names.set(l.header.index, l.attrs.ifname ?? ''); flags.set(l.header.index, l.header.flags); }
  const name = (i: number) => names.get(i) ?? `if${i}`;
  const opts: Parameters<typeof monitor>[0] = { groups: [...groups] };
  if (cli.g.netns !== undefined) opts.netns = cli.g.netns;
  for await (const ev of monitor(opts)) {
    // A device's netconf events come before its link event: look the name up as ip's
    // ll_index_to_name() does (one RTM_GETLINK), so they name the device, not `if5`.
    const nc = ev.group === 'netconf' ? (ev.message.body as NetconfMessage).attrs.ifindex : undefined;
    if (nc !== undefined && nc > 0 && !names.has(nc)) {
      const nl = await cli.nl();
      const found = await deviceName(async (i) => (await nl.link.get(i)).attrs.ifname, nc);
      if (found) names.set(nc, found);
    }
    const line = format(ev, cli, name, (i) => flags.get(i), banner);
    if (ev.group === 'link') {
      const l = ev.message.body as LinkMessage;
      if (ev.action === 'del') names.delete(l.header.index);
      else { if (l.attrs.ifname) names.set(l.header.index, l.attrs.ifname); flags.set(l.header.index, l.header.flags); }
    }
    if (line !== undefined) io.out(cli.g.timestamp ? stamped(line, cli.g.timestamp, cli.g.json) : line);
  }
}

/**
 * The name of the device a netconf event names by index, looked up as ip's ll_index_to_name()
 * does (one RTM_GETLINK). The kernel sends a new device's netconf events while it registers the
 * device, so a lookup that arrives in that window finds nothing (seen in CI on a loaded machine:
 * `inet if5` where ip, asking a little later, printed `inet nc0`). Asked again a few times,
 * `waitMs` apart; undefined when it still has no name (printed as `ifN`, as ip does).
 */
export async function deviceName(get: (index: number) => Promise<string | undefined>, index: number, tries = 4, waitMs = 5): Promise<string | undefined> {
  for (let i = 0; ; i++) {
    const name = await get(index).catch(() => undefined);
    if (name || i + 1 >= tries) return name || undefined;
    await new Promise((r) => setTimeout(r, waitMs));
  }
}

const NLMSG_TSTAMP = 15;

/**
 * `monitor file FILE`: prints a saved stream of rtnetlink messages as ip's rtnl_from_file()
 * does. rtmon (and `ip monitor` saving) write each message as received, NLMSG_ALIGNed, with an
 * NLMSG_TSTAMP message (u32 seconds, u32 microseconds) before each event, printed as
 * `Timestamp: <asctime> N us`. Devices are named from this namespace's links, as ip names them;
 * every message is printed, whatever objects were named, as ip 6.1 does.
 */
async function replay(cli: Cli, file: string, banner: boolean, allNsid: boolean): Promise<void> {
  // ip's print_headers(): with all-nsid, `[nsid current]` before the banner (a file has no nsid cmsg).
  const nsid = allNsid ? '[nsid current]' : '';
  let data: Buffer;
  try { data = readFileSync(file); } catch (e) {
    // ip's perror("Cannot fopen").
    throw new CliError(`Cannot fopen: ${errnoText(Math.abs((e as { errno?: number }).errno ?? 5))}`, 255);
  }
  const [{ splitMessages }, { decodeMessage }] = await Promise.all([import('../netlink/message.js'), import('../netlink/socket.js')]);
  const idx = await cli.links();
  const name = (i: number) => idx.name(i);
  // ip's file mode never loads the link cache's flags, so every peer looks down (M-DOWN).
  const flags = () => 0;
  let out = '';
  for (const raw of splitMessages(data)) {
    if (raw.type === NLMSG_TSTAMP) {
      if (raw.body.length >= 8) out += `Timestamp: ${asctime(raw.body.readUInt32LE(0))} ${raw.body.readUInt32LE(4)} us\n`;
      continue;
    }
    // ip 6.1 prints every message of the file, whatever objects were named.
    const line = format(classify(decodeMessage(raw)), cli, name, flags, banner);
    if (line !== undefined) out += nsid + line;
  }
  cli.print(out);
}

/** C's asctime(localtime(secs)) without its newline: `Tue Dec  1 23:32:59 2026`. */
function asctime(secs: number): string {
  const d = new Date(secs * 1000);
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]}${String(d.getDate()).padStart(3)} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${d.getFullYear()}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * ip's print_timestamp() for the current time in the local zone: -t is asctime(3) and the
 * microseconds unpadded ('Tue Nov  4 22:09:05 2026 497576 usec'), -ts is ISO-like with padded
 * microseconds ('2026-11-04T22:09:05.000576').
 */
export function timestampText(kind: 'long' | 'short', now = performance.timeOrigin + performance.now()): string {
  const sec = Math.floor(now / 1000);
  const usec = Math.floor(now * 1000) - sec * 1e6;
  const d = new Date(sec * 1000);
  const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  if (kind === 'short') return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${time}.${String(usec).padStart(6, '0')}`;
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]}${String(d.getDate()).padStart(3)} ${time} ${d.getFullYear()} ${usec} usec`;
}

/**
 * An event line with ip's stamp: -t puts a 'Timestamp: ...' line before it, -ts a '[...] '
 * prefix. ip 6.1 monitor has no JSON; nlctl's -j lines carry the same text as "timestamp".
 */
function stamped(line: string, kind: 'long' | 'short', json: boolean): string {
  const t = timestampText(kind);
  if (json) return `{"timestamp":${JSON.stringify(t)},${line.slice(1)}`;
  return kind === 'short' ? `[${t}] ${line}` : `Timestamp: ${t}\n${line}`;
}

/** One event as ip monitor prints it (text) or as a JSON line with an `event` key. */
export function format(ev: MonitorEvent, cli: Cli, name: (i: number) => string, flags: (i: number) => number | undefined, banner: boolean): string | undefined {
  const deleted = ev.action === 'del';
  const body = ev.message.body;
  let text: string;
  let json: Record<string, unknown>;
  switch (ev.group) {
    case 'link': {
      const o = { name, flags, deleted, details: cli.g.details };
      text = linkText(body as LinkMessage, o); json = linkJson(body as LinkMessage, o); break;
    }
    case 'address': {
      const a = body as AddrMessage;
      text = addrEventText(a, name(a.header.index), deleted); json = { ...(deleted ? { deleted: true } : {}), ifindex: a.header.index, dev: name(a.header.index), ...addrJson(a) }; break;
    }
    case 'route': {
      const o = { name, deleted, details: cli.g.details };
      text = routeText(body as RouteMessage, o); json = routeJson(body as RouteMessage, o); break;
    }
    case 'neigh': {
      const o = { name, deleted };
      text = neighText(body as NeighMessage, o); json = neighJson(body as NeighMessage, o); break;
    }
    case 'nsid': {
      const n = (body as { attrs: { nsid?: number } }).attrs.nsid;
      text = `${deleted ? 'Deleted ' : ''}nsid ${n ?? 'unknown'}`; json = { ...(deleted ? { deleted: true } : {}), nsid: n ?? null }; break;
    }
    case 'netconf': ({ text, json } = netconfEvent(body as NetconfMessage, name, deleted)); break;
    default: return undefined;
  }
  if (cli.g.json) return toJson({ event: ev.group, ...json } as Parameters<typeof toJson>[0]) + '\n';
  return `${banner ? BANNER[ev.group] : ''}${maybeOneline(text, cli.g.oneline)}\n`;
}
