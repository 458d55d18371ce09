/** `nlctl neighbour`: ip neigh add/change/replace/del/show/flush. */

import { Args, duplicateArg, invalidArg, matches, pick, pipelineKeyOf, repeatedArg } from './args.js';
import type { Cli, LinkIndex } from './context.js';
import { dispatch } from './dispatch.js';
import { CliError, CliUsageError } from './errors.js';
import type { NeighMessage, NeighOptions } from '../netlink/route/neigh.js';
import { neighBriefJson, neighBriefText, neighJson, neighText, type NeighPrintOptions } from './print/neigh.js';
import { nudStates, protocols, strtoul } from '../netlink/route/names.js';
import { RTM_DELNEIGH } from '../netlink/route/constants.js';
import { ipAddress, ipPrefix, llAddr } from './inet-args.js';
import { helpText } from './io.js';

/** `nlctl neighbour help`. */
export const help = `Usage: nlctl neigh { add | del | change | replace }
                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR } [ dev DEV ]
                [ router ] [ extern_learn ] [ protocol PROTO ]
       nlctl neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]
       nlctl neigh get { ADDR | proxy ADDR } dev DEV
STATE := { delay | failed | incomplete | noarp | none |
           permanent | probe | reachable | stale }`;

const COMMANDS = ['add', 'change', 'chg', 'replace', 'delete', 'get', 'show', 'list', 'lst', 'flush', 'help'] as const;
const MODIFY = ['add', 'change', 'replace', 'delete'] as const;

/** Runs one `neigh` command line. */
export async function run(cli: Cli, args: Args): Promise<void> {
  return dispatch({ object: 'neigh', commands: COMMANDS, modify: MODIFY, help, modifyCmd: modify, show, flush, get }, cli, args);
}

/** Neighbour changes of one kind may be pipelined in a batch. */
export function pipelineKey(words: readonly string[]): string | undefined {
  return pipelineKeyOf('neigh', words, COMMANDS, MODIFY);
}

/**
 * ip's nud_state_a2n(): permanent, reachable and failed by any prefix (`nud perm`, `nud p`),
 * the other names exactly, or a number with a single bit below 0x100; `all` for show/flush only.
 */
function nud(v: string, allowAll = false): string {
  if (matches(v, 'permanent')) return 'permanent';
  if (matches(v, 'reachable')) return 'reachable';
  if (['noarp', 'none', 'stale', 'incomplete', 'delay', 'probe'].includes(v)) return v;
  if (matches(v, 'failed')) return 'failed';
  const r = strtoul(v);
  if (r && r.rest === '' && r.value < 0x100 && !(r.value & (r.value - 1))) {
    const name = r.value === 0 ? 'none' : nudStates.entries.find(([b]) => b === r.value)?.[1];
    if (name !== undefined) return name;
  }
  if (allowAll && v === 'all') return v;
  throw invalidArg(v, 'nud state is bad');
}

/**
 * A neighbour address as ip's get_addr() reads it in the -4/-6 family; `default`/`any` without
 * a family is no address at all, which ip reports as a missing destination.
 */
function neighAddress(family: number, v: string): string | undefined {
  return ipAddress({ family }, v).address || undefined;
}

/** Parses `neigh add|del ...` words into neighbour options (dev still a name). */
export function parseNeighModify(args: Args, family = 0): NeighOptions {
  const o: Partial<NeighOptions> = {};
  while (!args.done) {
    const w = args.shift()!;
    if (matches(w, 'lladdr')) { const v = args.value(); if (o.lladdr !== undefined) throw repeatedArg('lladdr', v); o.lladdr = llAddr(v); }
    else if (w === 'nud') o.state = nud(args.value());
    // ip's duparg("address") for `proxy ADDR` after the address.
    else if (matches(w, 'proxy')) { o.proxy = true; const v = args.value(); if (o.dst !== undefined) throw repeatedArg('address', v); o.dst = neighAddress(family, v); }
    else if (w === 'router') o.router = true;
    else if (w === 'managed') o.managed = true;
    else if (w === 'extern_learn') o.extern_learn = true;
    else if (w === 'use') o.use = true;
    else if (w === 'dev') o.dev = args.value();
    else if (matches(w, 'protocol')) { const v = args.value(); if (protocols.lookup(v) === undefined) throw invalidArg(v, '"protocol" value is invalid\n'); o.protocol = v; }
    else if (matches(w, 'help')) throw new CliUsageError(helpText('neigh', help));
    else {
      const v = w === 'to' ? args.value() : w;
      if (o.dst !== undefined) throw duplicateArg('to', v);
      o.dst = neighAddress(family, v);
    }
  }
  if (o.dst === undefined || o.dev === undefined) throw new CliUsageError('Device and destination are required arguments.');
  // ip 6.1 sends a managed entry in state NONE unless a nud is named (the kernel then resolves it itself).
  if (o.managed && o.state === undefined) o.state = 0;
  return o as NeighOptions;
}

async function modify(cli: Cli, args: Args, cmd: (typeof MODIFY)[number]): Promise<void> {
  const o = parseNeighModify(args, cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0);
  o.dev = await cli.dev(o.dev as string);
  const nl = await cli.nl();
  await (cmd === 'delete' ? nl.neigh.del(o) : nl.neigh[cmd](o));
}

interface NeighSelector {
  dev?: string; proxy: boolean; to?: string; states: number;
  /** `master DEV` (its ifindex) or `nomaster` (-1), as ip's NDA_MASTER filter. */
  master?: number; unused?: boolean; protocol?: number;
}

function parseSelector(args: Args, family: number, idx: LinkIndex): NeighSelector {
  // ip's default: every state but NOARP (and not NONE).
  const s: NeighSelector = { proxy: false, states: 0xff & ~0x40 };
  let nudGiven = false;
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'dev') { const v = args.value(); if (s.dev !== undefined) throw repeatedArg('dev', v); s.dev = v; }
    else if (w === 'master') {
      const v = args.value();
      s.master = idx.byName.get(v)?.header.index;
      if (s.master === undefined) throw invalidArg(v, 'Device does not exist\n');
    } else if (w === 'vrf') {
      // This kernel has no vrf module: no device is a VRF.
      const v = args.value();
      if (idx.byName.get(v)?.attrs.linkinfo?.kind !== 'vrf') throw invalidArg(v, 'Not a valid VRF name\n');
      s.master = idx.byName.get(v)!.header.index;
    } else if (w === 'nomaster') s.master = -1;
    else if (w === 'unused') s.unused = true;
    else if (matches(w, 'protocol')) {
      const v = args.value();
      const p = protocols.lookup(v);
      if (p === undefined && v !== 'all') throw invalidArg(v, 'invalid "protocol"\n');
      s.protocol = p ?? 0;
    } else if (matches(w, 'proxy')) s.proxy = true;
    else if (w === 'nud') {
      const v = nud(args.value(), true);
      if (!nudGiven) { s.states = 0; nudGiven = true; }
      s.states |= v === 'all' ? 0x1ff : v === 'none' ? 0x100 : nudStates.lookup(v)!;
    } else if (matches(w, 'help')) throw new CliUsageError(helpText('neigh', help));
    else {
      const v = w === 'to' ? args.value() : w;
      // ip's get_prefix() in the -4/-6 family, else the first prefix's (a later one replaces it);
      // `default` without one filters nothing ('').
      const p = ipPrefix({ family }, v);
      if (!family && p.address) family = p.address.includes(':') ? 10 : 2;
      s.to = p.address ? `${p.address}/${p.bitlen}` : '';
    }
  }
  return s;
}

function wanted(n: NeighMessage, s: NeighSelector): boolean {
  if (s.proxy) return true;
  const st = n.header.state;
  if (st & s.states) return true;
  if (n.header.flags & (0x08 | 0x10)) return true; // proxy and extern_learn entries always show
  return st === 0 && (s.states & 0x100) !== 0;
}

async function selected(cli: Cli, s: NeighSelector): Promise<NeighMessage[]> {
  const nl = await cli.nl();
  const filter: Parameters<typeof nl.neigh.list>[0] = {};
  if (s.dev !== undefined) filter.dev = await cli.ifindex(s.dev);
  if (cli.g.family === 2 || cli.g.family === 10) filter.family = cli.g.family;
  if (s.proxy) filter.proxy = true;
  let list = (await nl.neigh.list(filter)).filter((n) => wanted(n, s));
  if (s.master !== undefined) {
    const idx = await cli.links();
    list = list.filter((n) => { const m = idx.byIndex.get(n.header.ifindex)?.attrs.master; return s.master === -1 ? m === undefined : m === s.master; });
  }
  // ip's unused: entries nothing refers to; protocol: entries that carry that NDA_PROTOCOL.
  if (s.unused) list = list.filter((n) => !n.attrs.cacheinfo?.refcnt);
  if (s.protocol) list = list.filter((n) => n.attrs.protocol === s.protocol);
  if (s.to) {
    const { parsePrefix, hostBits } = await import('../netlink/route/cidr.js');
    const p = parsePrefix(s.to, 'prefix');
    list = list.filter((n) => n.attrs.dst !== undefined && n.header.family === p.family &&
      hostBits(parsePrefix(n.attrs.dst).bytes, p.prefixlen, false).equals(hostBits(p.bytes, p.prefixlen, false)));
  }
  return list;
}

async function show(cli: Cli, args: Args): Promise<void> {
  const idx = await cli.links();
  const s = parseSelector(args, cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0, idx);
  const list = await selected(cli, s);
  printNeighs(cli, list, { name: idx.name, hideDev: s.dev !== undefined, stats: cli.g.stats > 0 });
}

/** Prints entries as ip does: text or -j objects, -br columns, -s ages and probes. */
function printNeighs(cli: Cli, list: NeighMessage[], o: NeighPrintOptions): void {
  const [text, json] = cli.g.brief ? [neighBriefText, neighBriefJson] : [neighText, neighJson];
  if (cli.g.json) { cli.printJson(list.map((n) => json(n, o))); return; }
  cli.print(list.map((n) => text(n, o) + '\n').join(''));
}

/**
 * `neigh get ADDR dev DEV` (or `proxy ADDR [dev DEV]`): one non-dump RTM_GETNEIGH, as ip does.
 * ip 6.1 prints the text line even with -j; nlctl prints the JSON later iproute2 prints.
 */
async function get(cli: Cli, args: Args): Promise<void> {
  const family = cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0;
  let dst: string | undefined;
  let dev: string | undefined;
  let proxy = false;
  let devOk = false;
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'dev') { dev = args.value(); devOk = true; }
    else if (matches(w, 'proxy')) {
      const v = args.value();
      if (matches(v, 'help')) throw new CliUsageError(helpText('neigh', help));
      if (dst !== undefined) throw repeatedArg('address', v);
      dst = ipAddress({ family }, v).address;
      proxy = true;
      devOk = true;
    } else {
      const v = w === 'to' ? args.value() : w;
      if (matches(v, 'help')) throw new CliUsageError(helpText('neigh', help));
      if (dst !== undefined) throw duplicateArg('to', v);
      dst = ipAddress({ family }, v).address;
    }
  }
  // ip returns -1 here (exit 1), unlike add/del's exit(-1).
  if (!devOk || !dst) throw new CliError('Device and address are required arguments.', 1);
  const ifindex = dev === undefined ? undefined : await cli.ifindex(dev);
  const [nl, idx] = await Promise.all([cli.nl(), cli.links()]);
  const n = await nl.neigh.get({ dst, ...(ifindex === undefined ? {} : { dev: ifindex }), proxy });
  printNeighs(cli, [n], { name: idx.name, stats: cli.g.stats > 0 });
}

async function flush(cli: Cli, args: Args): Promise<void> {
  if (args.done) throw new CliError('Flush requires arguments.', 1);
  const s = parseSelector(args, cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0, await cli.links());
  // ip neigh flush skips PERMANENT and NOARP entries unless asked for by nud.
  if (s.states === (0xff & ~0x40)) s.states &= ~0x80;
  const list = await selected(cli, s);
  const nl = await cli.nl();
  const { neighBody } = await import('../netlink/route/neigh.js');
  const results = await Promise.allSettled(list.map((n) => nl.request({ type: RTM_DELNEIGH, codec: neighBody, op: 'neigh.flush', body: { header: n.header, attrs: { dst: n.attrs.dst } } })));
  for (const r of results) if (r.status === 'rejected' && (r.reason as { code?: string }).code !== 'ENOENT') throw r.reason;
}
