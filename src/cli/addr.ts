/** `nlctl address`: ip address add/change/replace/del/show/flush, ip's words and output. */

import { Args, duplicateArg, invalidArg, matches, pick, pipelineKeyOf, repeatedArg } from './args.js';
import type { Cli } from './context.js';
import { dispatch } from './dispatch.js';
import { CliError, CliUsageError } from './errors.js';
import type { AddrFilter, AddrMessage, AddrOptions } from '../netlink/route/address.js';
import { filterLinks, parseLinkFilter, printOptions, type LinkFilter } from './link-show.js';
import { linkBriefJson, linkBriefText, linkJson, linkText } from './print/link.js';
import { addrBriefJson, addrBriefText, addrJson, addrText } from './print/addr.js';
import { scopes, strtoul } from '../netlink/route/names.js';
import { RTM_GETLINK } from '../netlink/route/constants.js';
import { fnmatch } from './fnmatch.js';
import { ipAddress, ipPrefix, prefixText, type FamilyState } from './inet-args.js';
import { oneline } from './print/oneline.js';
import { statsJson, statsText, type Stats64 } from './print/link-stats.js';
import type { LinkMessage } from '../netlink/route/link-attrs.js';
import { helpText, io } from './io.js';

/** `nlctl address help`. */
export const help = `Usage: nlctl address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ] [ CONFFLAG-LIST ]
       nlctl address del IFADDR dev IFNAME
       nlctl address {show|flush} [ dev IFNAME ] [ scope SCOPE-ID ] [ to PREFIX ] [ FLAG-LIST ]
                            [ label LABEL ] [up] [ master DEVICE ] [ type TYPE ] [ nomaster ]
IFADDR := PREFIX | ADDR peer PREFIX [ broadcast ADDR ] [ anycast ADDR ] [ label IFNAME ]
          [ scope SCOPE-ID ] [ metric METRIC ] [ proto ADDRPROTO ]
SCOPE-ID := [ host | link | global | NUMBER ]
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG  := [ permanent | dynamic | secondary | primary | [-]tentative | [-]deprecated |
           [-]dadfailed | temporary | CONFFLAG-LIST ]
CONFFLAG-LIST := [ CONFFLAG-LIST ] CONFFLAG
CONFFLAG  := [ home | nodad | mngtmpaddr | noprefixroute | autojoin ]
LIFETIME := [ valid_lft LFT ] [ preferred_lft LFT ]
LFT := forever | SECONDS`;

const COMMANDS = ['add', 'change', 'chg', 'replace', 'delete', 'list', 'show', 'lst', 'flush', 'help'] as const;
const MODIFY = ['add', 'change', 'replace', 'delete'] as const;

/** Runs one `address` command line. */
export async function run(cli: Cli, args: Args): Promise<void> {
  return dispatch({ object: 'address', commands: COMMANDS, modify: MODIFY, help, modifyCmd: modify, show, flush }, cli, args);
}

/** add/del/replace/change lines of a batch may be pipelined with their like. */
export function pipelineKey(words: readonly string[]): string | undefined {
  return pipelineKeyOf('address', words, COMMANDS, MODIFY);
}

const CONF_FLAGS = ['home', 'mngtmpaddr', 'nodad', 'optimistic', 'noprefixroute', 'autojoin'] as const;
// ip 6.1's ifa_flag_data: flags the kernel sets itself (a warning, then ignored), and those only IPv6 takes.
const READONLY_FLAGS = ['secondary', 'temporary', 'dadfailed', 'deprecated', 'tentative', 'permanent', 'stable-privacy'];
const V6_ONLY_FLAGS = ['nodad', 'optimistic', 'home', 'mngtmpaddr'];

// A flag word of `address add`: ip warns (on stderr, and goes on) when it cannot set the flag, judging
// the family by what it has read so far (`home 10.0.0.1/24` warns though the address is IPv4 either way).
function confFlag(o: Partial<AddrOptions>, w: string, family: number): void {
  if (READONLY_FLAGS.includes(w)) io.err(`Warning: ${w} option is not mutable from userspace\n`);
  else if (V6_ONLY_FLAGS.includes(w) && family !== 10) io.err(`Warning: ${w} option can be set only for IPv6 addresses\n`);
  else o[w as (typeof CONF_FLAGS)[number]] = true;
}

// ip's own check (exit 1), after the device: IFA_F_MCAUTOJOIN joins the group the address names.
function checkAutojoin(o: AddrOptions): void {
  if (!o.autojoin) return;
  const a = o.address.split('/')[0]!;
  const multicast = a.includes(':') ? /^ff/i.test(a) : Number(a.split('.')[0]) >= 224 && Number(a.split('.')[0]) < 240;
  if (!multicast) throw new CliError('autojoin needs multicast address', 1);
}

/** Parses `address add|del ...` words into the address service's options (dev still a name). */
export function parseAddrModify(args: Args, family = 0): AddrOptions {
  const o: Partial<AddrOptions> = {};
  const st: FamilyState = { family };
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'peer' || w === 'remote') {
      const v = args.value();
      if (o.peer !== undefined) throw repeatedArg('peer', v);
      o.peer = prefixText(ipPrefix(st, v), v);
    } else if (matches(w, 'broadcast') || w === 'brd') {
      const v = args.value();
      if (o.broadcast !== undefined) throw repeatedArg('broadcast', v);
      o.broadcast = v === '+' || v === '-' ? v : ipAddress(st, v).address;
    } else if (w === 'anycast') {
      const v = args.value();
      if (o.anycast !== undefined) throw repeatedArg('anycast', v);
      o.anycast = ipAddress(st, v).address;
    } else if (w === 'scope') {
      const v = args.value();
      if (scopes.lookup(v) === undefined) throw invalidArg(v, 'invalid scope value.');
      o.scope = v;
    } else if (w === 'dev') o.dev = args.value();
    else if (w === 'label') o.label = args.value();
    else if (matches(w, 'metric') || matches(w, 'priority') || matches(w, 'preference')) o.metric = args.uint('"metric" value is invalid\n');
    // ip's duparg() here names the keyword itself, before reading the value.
    else if (matches(w, 'valid_lft')) { if (o.validLft !== undefined) throw repeatedArg('valid_lft', w); o.validLft = lifetime(args.value(), 'valid_lft'); }
    else if (matches(w, 'preferred_lft')) { if (o.preferredLft !== undefined) throw repeatedArg('preferred_lft', w); o.preferredLft = lifetime(args.value(), 'preferred_lft'); }
    else if ((CONF_FLAGS as readonly string[]).includes(w) || READONLY_FLAGS.includes(w)) confFlag(o, w, st.family);
    else if (matches(w, 'proto')) o.proto = args.value();
    else if (matches(w, 'help')) throw new CliUsageError(helpText('address', help));
    else {
      const local = w === 'local' ? args.value() : w;
      if (o.address !== undefined) throw duplicateArg('local', local);
      o.address = prefixText(ipPrefix(st, local), local);
    }
  }
  // ip returns 1 here, not 255.
  if (o.dev === undefined) throw new CliError('Not enough information: "dev" argument is required.', 1);
  if (o.address === undefined) throw new CliUsageError('Not enough information: address is required.');
  // ip checks lifetimes itself (exit 1) before the library would refuse them as bad input (255);
  // an unset one is forever.
  if (o.validLft !== undefined || o.preferredLft !== undefined) {
    const valid = o.validLft === undefined || o.validLft === 'forever' ? 0xffffffff : o.validLft;
    const preferred = o.preferredLft === undefined || o.preferredLft === 'forever' ? 0xffffffff : o.preferredLft;
    if (valid === 0) throw new CliError('valid_lft is zero', 1);
    if (valid < preferred) throw new CliError('preferred_lft is greater than valid_lft', 1);
  }
  return o as AddrOptions;
}

// ip's get_u32(base 0), or forever.
function lifetime(v: string, what: string): number | 'forever' {
  if (v === 'forever') return 'forever';
  const r = strtoul(v);
  if (!r || r.rest !== '' || r.value > 0xffffffff) throw invalidArg(v, `${what} value`);
  return r.value;
}

async function modify(cli: Cli, args: Args, cmd: (typeof MODIFY)[number]): Promise<void> {
  const o = parseAddrModify(args, cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0);
  // ip 6.1 sends any label, and the kernel takes it for IPv4 and ignores it for IPv6; the
  // library refuses both (a label must name the device when it is given by name, and is
  // IPv4 only), so drop an IPv6 one and give the device by index when the label differs.
  if (o.label !== undefined && o.address.includes(':')) delete o.label;
  const own = o.label === undefined || o.label === o.dev || o.label.startsWith(`${o.dev as string}:`);
  o.dev = own ? await cli.dev(o.dev as string) : await cli.ifindex(o.dev as string);
  if (cmd !== 'delete') checkAutojoin(o);
  const nl = await cli.nl();
  if (cmd === 'delete') await nl.addr.del(o);
  else if (cmd === 'add') await nl.addr.add(o);
  else await nl.addr.replace(o);
}

/** Address filters of `address show|flush` beyond the link filters. */
interface AddrShowFilter extends LinkFilter {
  scope?: number;
  label?: string;
  to?: string;
  flags: number;
  flagmask: number;
}

const FILTER_FLAGS: Record<string, number> = {
  secondary: 0x01, temporary: 0x01, nodad: 0x02, optimistic: 0x04, dadfailed: 0x08, home: 0x10, deprecated: 0x20,
  tentative: 0x40, permanent: 0x80, mngtmpaddr: 0x100, noprefixroute: 0x200, autojoin: 0x400, 'stable-privacy': 0x800,
};

// ip's get_filter(): `-FLAG` inverts, `dynamic` is -permanent and `primary` -secondary.
function filterFlag(f: AddrShowFilter, w: string): boolean {
  let inv = w.startsWith('-');
  let name = inv ? w.slice(1) : w;
  if (name === 'dynamic') { inv = !inv; name = 'permanent'; }
  if (name === 'primary') { inv = !inv; name = 'secondary'; }
  const mask = FILTER_FLAGS[name];
  if (mask === undefined) return false;
  if (inv) f.flags &= ~mask;
  else f.flags |= mask;
  f.flagmask |= mask;
  return true;
}

function parseShow(args: Args): AddrShowFilter {
  const f: AddrShowFilter = { flags: 0, flagmask: 0 };
  parseLinkFilter(args, f, (w) => {
    if (w === 'to') {
      // ip's get_prefix(): a bad one is an error (exit 1) before anything is listed; `default`
      // (any, all) is its AF_UNSPEC prefix, which matches every address.
      const v = args.value();
      if (!ipPrefix({ family: 0 }, v).any) f.to = v;
    }
    else if (w === 'scope') {
      const v = args.value();
      const n = v === 'all' ? undefined : scopes.lookup(v);
      if (v !== 'all' && n === undefined) throw invalidArg(v, 'invalid "scope"\n');
      if (n !== undefined) f.scope = n;
    } else if (w === 'label') f.label = args.value();
    else if (matches(w, 'help')) throw new CliUsageError(helpText('address', help));
    else return filterFlag(f, w);
    return true;
  });
  return f;
}

// ip applies fnmatch(3) to labels.
const labelMatches = fnmatch;

function addrMatches(a: AddrMessage, f: AddrShowFilter, family: number, devName: (i: number) => string, inPrefix: ((a: AddrMessage) => boolean) | undefined): boolean {
  if (family && a.header.family !== family) return false;
  if (f.scope !== undefined && a.header.scope !== f.scope) return false;
  if (((a.attrs.flags ?? a.header.flags) ^ f.flags) & f.flagmask) return false;
  if (f.label !== undefined && !labelMatches(f.label, a.attrs.label ?? devName(a.header.index))) return false;
  if (inPrefix && !inPrefix(a)) return false;
  return true;
}

async function prefixTest(to: string | undefined): Promise<((a: AddrMessage) => boolean) | undefined> {
  if (to === undefined) return undefined;
  const { parsePrefix, hostBits, parseAddr } = await import('../netlink/route/cidr.js');
  const p = parsePrefix(to, 'prefix');
  return (a) => {
    const local = a.attrs.local ?? a.attrs.address;
    if (local === undefined || a.header.family !== p.family) return false;
    return hostBits(parseAddr(local).bytes, p.prefixlen, false).equals(hostBits(p.bytes, p.prefixlen, false));
  };
}

async function show(cli: Cli, args: Args): Promise<void> {
  const f = parseShow(args);
  const family = await impliedFamily(cli, f);
  const [idx, nl] = await Promise.all([cli.links(), cli.nl()]);
  const addrs = cli.g.family === 17 ? [] : await nl.addr.list(family ? { family: family as 2 | 10 } : {});
  const inPrefix = await prefixTest(f.to);
  const byLink = new Map<number, AddrMessage[]>();
  for (const a of addrs) {
    if (!addrMatches(a, f, family, idx.name, inPrefix)) continue;
    const list = byLink.get(a.header.index) ?? [];
    list.push(a);
    byLink.set(a.header.index, list);
  }
  const hasAny = new Set(addrs.map((a) => a.header.index));
  // ip keeps a link when one of its addresses matched, or when it has none and nothing
  // narrows the family (ipaddr_filter's missing_net_address rule).
  const links = filterLinks(idx, f).filter((l) => cli.g.family === 17 || byLink.has(l.header.index) || (!hasAny.has(l.header.index) && family === 0));
  const o = await printOptions(cli, idx, links, false);
  const shown = family === 10 && f.dev === undefined ? await inet6Links(cli, links) : links;
  // With -4/-6 ip leaves out the link/ether line (print_linkinfo prints it only without a family filter).
  const linkLine = family === 0 || cli.g.details;
  // With `label` and no family, ip 6.1 prints the matching addresses without link headers.
  const header = (_l: LinkMessage) => f.label === undefined || family !== 0;
  if (cli.g.json) {
    cli.printJson(shown.map((l) => {
      const mine = byLink.get(l.header.index) ?? [];
      if (cli.g.brief) return { ...linkBriefJson(l, o, false), addr_info: mine.map(addrBriefJson) };
      // ip -j -o keeps -o's shape: no link fields, each address tagged with its link's index and name.
      if (cli.g.oneline) return { addr_info: mine.map((a) => ({ index: l.header.index, dev: l.attrs.ifname ?? '', ...addrJson(a) })) };
      if (!header(l)) return { addr_info: mine.map(addrJson) };
      const j = linkJson(l, o);
      if (!linkLine) { delete j.link_type; delete j.address; delete j.broadcast; delete j.link_pointtopoint; delete j.link_netnsid; }
      const stats = cli.g.stats && l.attrs.stats64 ? { stats64: statsJson(l.attrs.stats64 as Stats64, cli.g.stats, l.attrs.carrier_changes) } : {};
      return { ...j, addr_info: mine.map(addrJson), ...stats };
    }));
    return;
  }
  let s = '';
  for (const l of shown) {
    const mine = byLink.get(l.header.index) ?? [];
    if (cli.g.brief) { s += linkBriefText(l, o, false) + mine.map(addrBriefText).join('') + '\n'; continue; }
    // -o: no link records; each address on its own line behind `N: IFNAME` (no @peer).
    if (cli.g.oneline) { for (const a of mine) s += `${l.header.index}: ${l.attrs.ifname ?? ''}${oneline(addrText(a))}\n`; continue; }
    const t = linkText(l, o);
    if (header(l)) s += (linkLine ? t : t.slice(0, t.indexOf('\n    link/'))) + '\n';
    for (const a of mine) s += addrText(a) + '\n';
    // ip -s address prints a link's counters after its addresses.
    if (cli.g.stats && header(l) && l.attrs.stats64) s += statsText(l.attrs.stats64 as Stats64, cli.g.stats, l.attrs.carrier_changes, o.human).slice(1) + '\n';
  }
  cli.print(s);
}

// ip narrows the family for `to PREFIX` to the prefix's.
async function impliedFamily(cli: Cli, f: AddrShowFilter): Promise<number> {
  if (cli.g.family === 17) return 0;
  if (cli.g.family) return cli.g.family;
  if (f.to !== undefined) {
    const { parsePrefix } = await import('../netlink/route/cidr.js');
    return parsePrefix(f.to, 'prefix').family;
  }
  return 0;
}

/**
 * `ip -6 address` dumps links with ifi_family AF_INET6, and the kernel answers that from
 * inet6_fill_ifinfo(): no qdisc, master or group (ip still shows qlen, from an ioctl). Printing
 * those messages keeps nlctl's lines equal to ip's.
 */
async function inet6Links(cli: Cli, links: LinkMessage[]): Promise<LinkMessage[]> {
  const nl = await cli.nl();
  const msgs = await nl.dumpAll<LinkMessage>({ type: RTM_GETLINK, op: 'link.list inet6', body: { header: { family: 10 }, attrs: {} } }, { retries: 3 });
  const v6 = new Map(msgs.map((m) => [m.body.header.index, m.body]));
  return links.map((l) => {
    const m = v6.get(l.header.index);
    return m ? { header: m.header, attrs: { ...m.attrs, txqlen: l.attrs.txqlen } } : l;
  });
}

async function flush(cli: Cli, args: Args): Promise<void> {
  if (args.done) throw new CliError('Flush requires arguments.', 1);
  const f = parseShow(args);
  const family = cli.g.family === 17 ? 0 : cli.g.family;
  const filter: AddrFilter = {};
  if (f.dev !== undefined) {
    // ip's show and flush share one lookup, worded unlike the 'Cannot find device' of add/del.
    if (!(await cli.links()).byName.has(f.dev)) throw new CliError(`Device "${f.dev}" does not exist.`, 1);
    filter.dev = await cli.dev(f.dev);
  }
  if (family) filter.family = family as 2 | 10;
  if (f.scope !== undefined) filter.scope = f.scope;
  if (f.to !== undefined) filter.to = f.to;
  if (Object.keys(filter).length === 0 && f.label === undefined && !f.flagmask) {
    throw new CliError('Error: flush by link filters alone (up, master, type, group) is not supported by nlctl; add dev, scope, label or to.', 255);
  }
  const nl = await cli.nl();
  // The library's flush matches an exact IFA_LABEL; ip matches fnmatch(3) patterns against the
  // label, or the device name for addresses without one (IPv6), and address flags: those are
  // listed and deleted here, with the same rounds the library uses.
  if (f.label === undefined && !f.flagmask) { await nl.addr.flush(filter); return; }
  const idx = await cli.links();
  for (let round = 0; round < 10; round++) {
    const found = (await nl.addr.list(filter)).filter((a) => addrMatches(a, f, family, idx.name, undefined));
    if (!found.length) return;
    const results = await Promise.allSettled(found.map((a) => nl.request({
      type: RTM_DELADDR, op: `addr.flush ${a.attrs.local ?? a.attrs.address}`,
      body: { header: a.header, attrs: deleteKeys(a) },
    })));
    for (const r of results) {
      // Deleting a primary IPv4 address takes its secondaries along: those are gone already.
      if (r.status === 'rejected' && (r.reason as { code?: string }).code !== 'EADDRNOTAVAIL') throw r.reason;
    }
  }
  throw new CliError('Error: addresses still match after 10 flush rounds.', 1);
}

// RTM_DELADDR (linux/rtnetlink.h); kept literal so flush does not load the constants module.
const RTM_DELADDR = 21;

/** What identifies an address to RTM_DELADDR: IFA_LOCAL and IFA_ADDRESS, as ip sends them. */
function deleteKeys(a: AddrMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (a.attrs.local !== undefined) out.local = a.attrs.local;
  if (a.attrs.address !== undefined) out.address = a.attrs.address;
  return out;
}
