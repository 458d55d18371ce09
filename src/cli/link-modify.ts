/**
 * `nlctl link add/set/del`: ip's words to the link service's options. Common options are
 * ip's; whatever follows `type KIND` is the kind's, mapped generically (`key value`, bare
 * flags, `noFLAG` for false) so every kind the library knows is reachable without a parser
 * per kind, plus veth's `peer ...` block.
 */

import { Args, duplicateArg, invalidArg, matches, repeatedArg } from './args.js';
import { strtoul } from '../netlink/route/names.js';
import { existsSync } from 'node:fs';
import { llAddr } from './inet-args.js';
import type { Cli } from './context.js';
import type { Netlink } from '../client.js';
import { CliError, CliUsageError } from './errors.js';
import type { LinkAddOptions, LinkSetOptions } from '../netlink/route/link.js';
import { groupValue, help } from './link-show.js';
import { helpText, io } from './io.js';
import { IP_HELP } from './ip-help.js';

type Opts = Record<string, unknown>;

// ip reads these with get_integer(base 0): 'mtu 01400' is octal 768.
function num(args: Args, what: string, max = 0x7fffffff): number {
  const v = args.value();
  const r = strtoul(v);
  // ip's message ends in "\n", so invarg() leaves a blank line after it.
  if (!r || r.rest !== '' || r.value > max) throw invalidArg(v, `Invalid "${what}" value\n`);
  return r.value;
}

// ip returns -1 for a bad on/off here (exit 1, not a usage error's 255).
function onOff(args: Args, what: string): boolean {
  const v = args.value();
  if (v !== 'on' && v !== 'off') throw new CliError(`Error: argument of "${what}" must be "on" or "off", not "${v}"`, 1);
  return v === 'on';
}

// ip's parse_one_of() for carrier and protodown: another wording, and ip exits with EINVAL (22).
function carrier(args: Args, what = 'carrier'): boolean {
  const v = args.value();
  if (v !== 'on' && v !== 'off') throw new CliError(`Error: argument of "${what}" must be one of "off", "on", not "${v}"`, 22);
  return v === 'on';
}

// ip's IF_OPER_* words (get_operstate), by number.
const OPERSTATES = ['unknown', 'notpresent', 'down', 'lowerlayerdown', 'testing', 'dormant', 'up'];

// A word of `names`, any case (ip's strcasecmp), with ip's invarg() message; the library takes the name.
function named(args: Args, names: readonly string[], what: string): string {
  const v = args.value();
  if (!names.includes(v.toLowerCase())) throw invalidArg(v, what);
  return v.toLowerCase();
}

function netnsRef(v: string): string | { pid: number } {
  // ip: a number is a pid unless a namespace of that name exists (checkNetns() checks names).
  return /^\d+$/.test(v) && !existsSync(`/run/netns/${v}`) ? { pid: Number(v) } : v;
}

// ip looks a `netns NAME` up while parsing: invarg("Invalid \"netns\" value\n"), exit 255.
function checkNetns(...refs: unknown[]): void {
  for (const r of refs) if (typeof r === 'string' && !existsSync(`/run/netns/${r}`)) throw invalidArg(r, 'Invalid "netns" value\n');
}

// ip's duparg() for the options iplink_parse() takes once: the second value is named before it is read.
function once(o: Opts, key: string, word: string, args: Args, read: () => unknown): void {
  if (o[key] !== undefined) throw repeatedArg(word, args.peek() ?? '');
  o[key] = read();
}

/**
 * ip's name/dev bookkeeping (iplink_parse()): `name X` names the device, and so does a bare word
 * (or `dev X`) unless a bare word already did; the two must agree when creating (createName()).
 * `o.dev` set by `name` is marked, as ip compares the two pointers.
 */
function nameWord(o: Opts, v: string): void {
  if (o.name !== undefined) throw repeatedArg('name', v);
  o.name = v;
  if (o.dev === undefined) { o.dev = v; o.devIsName = true; }
}

function devWord(o: Opts, v: string): void {
  if (o.dev !== undefined && !o.devIsName) throw duplicateArg('dev', v);
  o.dev = v;
  o.devIsName = false;
}

// A create takes one name: `name X` and a different bare word is ip's error (exit 255).
function createName(o: Opts): void {
  if (o.name !== undefined && o.dev !== o.name) throw new CliUsageError('both "name" and "dev" cannot be used when creating devices.');
  if (o.name === undefined && o.dev !== undefined) o.name = o.dev;
  delete o.dev;
  delete o.devIsName;
}

/**
 * Parses one common option word into `o`; returns false when the word is not a common option.
 * Shared by add, set and veth's peer block.
 */
function commonOption(w: string, args: Args, o: Opts, set: boolean): boolean {
  if (w === 'up' || w === 'down') o.up = w === 'up';
  else if (w === 'name') nameWord(o, args.value());
  else if (matches(w, 'address')) o.address = llAddr(args.value());
  else if (matches(w, 'broadcast') || w === 'brd') o.broadcast = args.value();
  else if (matches(w, 'txqueuelen') || w === 'qlen' || matches(w, 'txqlen')) once(o, 'txqlen', 'txqueuelen', args, () => num(args, 'txqueuelen'));
  else if (w === 'mtu') once(o, 'mtu', 'mtu', args, () => num(args, 'mtu'));
  else if (w === 'netns') once(o, 'netns', 'netns', args, () => netnsRef(args.value()));
  else if (w === 'master') o.master = args.value();
  else if (w === 'nomaster') { if (!set) return false; o.nomaster = true; }
  else if (w === 'alias') o.alias = args.value();
  else if (w === 'group') once(o, 'group', 'group', args, () => groupValue(args.value()));
  else if (matches(w, 'numtxqueues')) once(o, 'numtxqueues', 'numtxqueues', args, () => num(args, 'numtxqueues'));
  else if (matches(w, 'numrxqueues')) once(o, 'numrxqueues', 'numrxqueues', args, () => num(args, 'numrxqueues'));
  else if (set && w === 'promisc') o.promisc = onOff(args, w);
  else if (set && w === 'allmulticast') o.allmulticast = onOff(args, w);
  else if (set && w === 'multicast') o.multicast = onOff(args, w);
  else if (set && w === 'arp') o.arp = onOff(args, w);
  else if (set && w === 'carrier') o.carrier = carrier(args);
  else if (set && w === 'protodown') o.protodown = carrier(args, w);
  else if (set && (w === 'dynamic' || w === 'trailers')) o[w] = onOff(args, w);
  else if (set && w === 'state') o.state = named(args, OPERSTATES, 'Invalid operstate\n');
  else if (set && w === 'mode') o.mode = named(args, ['default', 'dormant', 'testing'], 'Invalid link mode\n');
  else if (set && matches(w, 'addrgenmode')) o.addrgenmode = named(args, ['eui64', 'none', 'stable_secret', 'random'], 'Invalid address generation mode\n');
  // ip takes the last of repeated gso limits (no duparg).
  else if (set && w === 'gso_max_size') o.gso_max_size = num(args, w, 0xffffffff);
  else if (set && w === 'gso_max_segs') o.gso_max_segs = num(args, w, 0xffff);
  else if (set && (matches(w, 'link-netnsid'))) once(o, 'link_netnsid', 'link-netns/link-netnsid', args, () => num(args, 'link-netnsid'));
  else return false;
  return true;
}

// Kind options that take no value: `learning` / `nolearning` set true / false.
const FLAG_WORDS = new Set(['learning', 'proxy', 'l2miss', 'l3miss', 'udpcsum', 'external', 'nopromisc', 'rsc',
  'udp6zerocsumtx', 'udp6zerocsumrx', 'remcsumtx', 'remcsumrx', 'gbp', 'gpe', 'localbypass', 'vnifilter']);
// Options that take two values.
const PAIRS = new Set(['srcport', 'port']);
// ipvlan's trailing mode word.
const IPVLAN_FLAGS = new Set(['bridge', 'private', 'vepa']);

function kindValue(v: string): string | number {
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** `... type KIND help`: ip prints the kind's usage on stderr and exits 1 (the link usage for a kind it has none for). */
function kindHelp(kind: string): CliError {
  const text = IP_HELP[`link ${kind}`];
  if (text === undefined) return new CliUsageError(helpText('link', help));
  // veth's usage goes to stdout in ip 6.1 (the other kinds' to stderr); the exit code is 1 either way.
  if (kind === 'veth') { io.out(`${text}\n`); return new CliError('', 1); }
  return new CliError(text, 1);
}

const MACVLAN_MODES = ['private', 'vepa', 'bridge', 'passthru', 'source'];

// ip's macvlan_parse_opt(): its own words, and return -1 (exit 1).
function macvlanMode(v: string): string {
  if (!MACVLAN_MODES.includes(v)) throw new CliError(`Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${v}"`, 1);
  return v;
}

// How ip's kind parsers complain about a word they do not know (then their usage, exit 1).
const UNKNOWN_WORD: Readonly<Record<string, string>> = {
  bridge: 'unknown command', vxlan: 'unknown command', macvlan: 'unknown option', macvtap: 'unknown option',
};

/**
 * A word after `type KIND` that ip does not know (its usage names every word it takes) is ip's
 * error for that kind; veth's parser takes nothing but `peer`.
 */
function checkKindWord(kind: string, w: string): void {
  if (kind === 'veth') { if (w !== 'peer') throw kindHelp(kind); return; }
  const what = UNKNOWN_WORD[kind];
  const usage = IP_HELP[`link ${kind}`];
  if (what === undefined || usage === undefined) return;
  const words = new Set(usage.match(/\b[a-z][a-z0-9_]*\b/g));
  // (The usage alone: looking the kind's options up would load every kind table at the start of
  // `link show`, which imports this file; the library's own check still stands behind it.)
  if (words.has(w) || (w.startsWith('no') && words.has(w.slice(2)))) return;
  // Words ip's vxlan parser takes that its usage does not spell out.
  if (kind === 'vxlan' && ['vni', 'hoplimit', 'port'].includes(w)) return;
  throw new CliError(`${kind}: ${what} "${w}"?\n${usage}`, 1);
}

// iplink_bridge_slave.c's words: on/off flags and numbers, by the IFLA_BRPORT_* key they set.
const BRPORT_ON_OFF: Readonly<Record<string, string>> = {
  guard: 'guard', hairpin: 'mode', fastleave: 'fast_leave', root_block: 'protect', learning: 'learning', flood: 'unicast_flood',
  proxy_arp: 'proxyarp', proxy_arp_wifi: 'proxyarp_wifi', mcast_fast_leave: 'fast_leave', mcast_flood: 'mcast_flood',
  bcast_flood: 'bcast_flood', mcast_to_unicast: 'mcast_to_ucast', neigh_suppress: 'neigh_suppress', vlan_tunnel: 'vlan_tunnel',
  isolated: 'isolated', locked: 'locked',
};
const BRPORT_NUMBERS: Readonly<Record<string, [string, number, string]>> = {
  state: ['state', 0xff, 'state is invalid'], priority: ['priority', 0xffff, 'priority is invalid'], cost: ['cost', 0xffffffff, 'cost is invalid'],
  mcast_router: ['multicast_router', 0xff, 'invalid mcast_router'], group_fwd_mask: ['group_fwd_mask', 0xffff, 'invalid group_fwd_mask'],
};

// iplink_bridge_slave.c's matching order.
const BRPORT_ORDER = ['fdb_flush', 'state', 'priority', 'cost', 'guard', 'hairpin', 'fastleave', 'root_block', 'learning', 'flood',
  'mcast_router', 'mcast_fast_leave', 'proxy_arp', 'proxy_arp_wifi', 'mcast_flood', 'bcast_flood', 'mcast_to_unicast', 'group_fwd_mask',
  'neigh_suppress', 'vlan_tunnel', 'isolated', 'locked', 'backup_port', 'nobackup_port'];

/** `type bridge_slave ...` (a bridge port's settings), word for word as ip 6.1 reads them; `backup_port` stays a name here. */
function parseBridgeSlave(args: Args, o: Opts): void {
  while (!args.done) {
    const w = args.shift()!;
    // The first word in ip's order that `w` abbreviates.
    const hit = BRPORT_ORDER.find((k) => matches(w, k));
    const onOffKey = hit !== undefined && hit in BRPORT_ON_OFF ? hit : undefined;
    const numKey = hit !== undefined && hit in BRPORT_NUMBERS ? hit : undefined;
    if (hit === 'fdb_flush') o.flush = true;
    else if (numKey !== undefined) {
      const [key, max, what] = BRPORT_NUMBERS[numKey]!;
      const v = args.value();
      const r = strtoul(v);
      if (!r || r.rest !== '' || r.value > max) throw invalidArg(v, what);
      o[key] = r.value;
    } else if (onOffKey !== undefined) {
      const v = args.value();
      // ip's parse_on_off(): parse_one_of()'s words, and exit 1 here.
      if (v !== 'on' && v !== 'off') throw new CliError(`Error: argument of "${onOffKey}" must be one of "off", "on", not "${v}"`, 1);
      o[BRPORT_ON_OFF[onOffKey]!] = v === 'on';
    } else if (hit === 'backup_port') o.backup_port = args.value();
    else if (hit === 'nobackup_port') o.backup_port = 0;
    else if (matches(w, 'help')) throw new CliError(IP_HELP['link bridge_slave']!, 1);
    else throw new CliError(`bridge_slave: unknown option "${w}"?\n${IP_HELP['link bridge_slave']!}`, 1);
  }
}

// ip's macvlan `flag nopromisc|null` (nodst is not nlctl's): nopromisc only with mode passthru, ip's check as it reads it.
function macvlanFlag(kind: string, args: Args, o: Opts): void {
  const v = args.value();
  if (v === 'null') return;
  if (v !== 'nopromisc') throw new CliError(`Error: argument of "flag" must be "nopromisc", "nodst" or "null", not "${v}"`, 1);
  if (o.mode !== 'passthru') throw new CliError(`${kind}: nopromisc flag only valid in passthru mode\n${IP_HELP[`link ${kind}`]!}`, 1);
  o.nopromisc = true;
}

/** Parses what follows `type KIND` into kind options. */
export function parseKindOptions(kind: string, args: Args, o: Opts): void {
  if (kind === 'bridge_slave') return parseBridgeSlave(args, o);
  while (!args.done) {
    const w = args.shift()!;
    if (kind === 'veth' && w === 'peer') {
      const peer: Opts = {};
      while (!args.done) {
        const p = args.shift()!;
        if (commonOption(p, args, peer, false)) continue;
        if (matches(p, 'help')) throw new CliUsageError(helpText('link', help));
        devWord(peer, p === 'dev' ? args.value() : p);
      }
      createName(peer);
      o.peer = peer;
      continue;
    }
    if (!matches(w, 'help')) checkKindWord(kind, w);
    if (kind === 'vxlan' && (w === 'id' || w === 'vni')) {
      // ip: `vni` is `id`, and a second one is check_duparg()'s complaint.
      const v = args.value();
      if (o.id !== undefined) throw duplicateArg('id', v);
      o.id = kindValue(v);
    } else if (kind === 'bridge' && w === 'fdb_flush') o.fdb_flush = true;
    else if ((kind === 'macvlan' || kind === 'macvtap') && w === 'flag') macvlanFlag(kind, args, o);
    else if ((kind === 'macvlan' || kind === 'macvtap') && w === 'mode') o.mode = macvlanMode(args.value());
    else if (FLAG_WORDS.has(w)) o[w] = true;
    else if (w.startsWith('no') && FLAG_WORDS.has(w.slice(2))) o[w.slice(2)] = false;
    else if (kind === 'ipvlan' && IPVLAN_FLAGS.has(w)) o.flag = w;
    else if (matches(w, 'help')) throw kindHelp(kind);
    else if (PAIRS.has(w) && kind === 'vxlan') {
      const a = num(args, w);
      if (w === 'srcport') o.srcport = [a, num(args, w)];
      else o.dstport = a;
    } else if (w === 'ttl' || w === 'hoplimit') {
      const v = args.value();
      o.ttl = v === 'auto' ? 0 : v === 'inherit' ? 'inherit' : kindValue(v);
    } else if (kind === 'vxlan' && w === 'tos') {
      // ip: `tos inherit` is 1 (the kernel's "copy the inner TOS").
      const v = args.value();
      o.tos = v === 'inherit' ? 1 : kindValue(v);
    } else o[w] = kindValue(args.value());
  }
}

/** `type KIND [kind options]` ends both `link add` and `link set`: true when it was that. */
function kindTail(w: string, args: Args, o: Opts, before?: (o: Opts) => void): boolean {
  if (w !== 'type') return false;
  o.kind = args.value();
  // ip's iplink_parse() ends at `type KIND` and checks the names before the kind parses its words.
  before?.(o);
  parseKindOptions(o.kind as string, args, o);
  return true;
}

/** Parses `link add ...` words into the link service's add options. */
export function parseLinkAdd(args: Args): LinkAddOptions {
  const o: Opts = {};
  while (!args.done) {
    const w = args.shift()!;
    if (kindTail(w, args, o, createName)) return o as unknown as LinkAddOptions;
    if (w === 'link') o.link = args.value();
    else if (w === 'index') o.index = num(args, 'index');
    else if (commonOption(w, args, o, false)) continue;
    else if (matches(w, 'help')) throw new CliUsageError(helpText('link', help));
    else devWord(o, w === 'dev' ? args.value() : w);
  }
  createName(o);
  if (o.kind === undefined) throw new CliError('Not enough information: "type" argument is required', 1);
  return o as unknown as LinkAddOptions;
}

/** Parses `link set ...` words into the link service's set options. */
export function parseLinkSet(args: Args): LinkSetOptions {
  const o: Opts = {};
  while (!args.done) {
    const w = args.shift()!;
    if (kindTail(w, args, o)) break;
    if (commonOption(w, args, o, true)) continue;
    if (matches(w, 'help')) throw new CliUsageError(helpText('link', help));
    devWord(o, w === 'dev' ? args.value() : w);
  }
  // `set name X` alone names the device to change; `set DEV name DEV` renames nothing.
  if (o.devIsName || o.name === o.dev) delete o.name;
  delete o.devIsName;
  if (o.dev === undefined) throw new CliUsageError('Not enough information: "dev" argument is required.');
  return o as unknown as LinkSetOptions; // built word by word from ip's grammar: checked by the kind tables, not the compiler
}

// ip resolves every device before it talks to the kernel; so do we, with ip's message.
async function checkDevs(cli: Cli, ...devs: unknown[]): Promise<void> {
  const idx = await cli.links();
  for (const d of devs) if (typeof d === 'string' && !idx.byName.has(d)) throw new CliError(`Cannot find device "${d}"`, 1);
}

// ip's `master X`: invarg("Device does not exist\n"), exit 255 and a blank line after.
async function checkMaster(cli: Cli, master: unknown): Promise<void> {
  if (typeof master === 'string' && !(await cli.links()).byName.has(master)) throw invalidArg(master, 'Device does not exist\n');
}

// A kind's underlay (`type vxlan ... dev X`): ip's nodev(), exit 255.
async function checkKindDev(cli: Cli, dev: unknown): Promise<void> {
  if (typeof dev === 'string' && !(await cli.links()).byName.has(dev)) throw new CliUsageError(`Cannot find device "${dev}"`);
}

/** `link add|replace ...`. */
export async function linkAdd(cli: Cli, args: Args, cmd: 'add' | 'replace'): Promise<void> {
  const o = parseLinkAdd(args);
  if (cmd === 'replace') throw new CliError('Error: "link replace" is not supported by nlctl; use "link set".', 255);
  const c = o as unknown as Opts;
  // ip's vxlan_parse_opt() on a create: return -1, exit 1.
  if (c.kind === 'vxlan' && c.id === undefined && !c.external) throw new CliError('vxlan: missing virtual network identifier', 1);
  if (c.kind === 'vxlan' && c.vnifilter && !c.external) throw new CliError("vxlan: vnifilter is valid only when 'external' is set", 1);
  checkNetns(c.netns, (c.peer as Opts | undefined)?.netns);
  await checkMaster(cli, c.master);
  await checkDevs(cli, c.link);
  await checkKindDev(cli, c.dev);
  await changeLinks(cli, (nl) => nl.link.add(o));
}

/** Runs a link change; the cached link names are stale afterwards, whether it worked or not. */
async function changeLinks(cli: Cli, change: (nl: Netlink) => Promise<unknown>): Promise<void> {
  const nl = await cli.nl();
  try {
    await change(nl);
  } finally {
    cli.session.invalidate();
  }
}

/** `link set ...`. */
export async function linkSet(cli: Cli, args: Args): Promise<void> {
  const o = parseLinkSet(args);
  checkNetns(o.netns);
  await checkDevs(cli, o.dev);
  // A bridge port's backup port is named; ip looks it up as it parses (invarg, exit 255).
  const c = o as unknown as Opts;
  if (c.kind === 'bridge_slave' && typeof c.backup_port === 'string') {
    const l = (await cli.links()).byName.get(c.backup_port);
    if (!l) throw invalidArg(c.backup_port, 'Device does not exist\n');
    c.backup_port = l.header.index;
  }
  // ip's veth parser reads a change's `peer ...` as a device to look up, before anything is sent.
  const peer = (o as unknown as Opts).peer as Opts | undefined;
  if (peer) {
    if (peer.name === undefined) throw new CliUsageError('Not enough information: "dev" argument is required.');
    await checkDevs(cli, peer.name);
  }
  await checkMaster(cli, o.master);
  // `ip link set DEV` with nothing to change succeeds (and `ip l s DEV` is that: s = set).
  if (Object.keys(o).length === 1) return;
  await changeLinks(cli, (nl) => nl.link.set(o));
}

/** `link delete [dev] DEV`. */
export async function linkDel(cli: Cli, args: Args): Promise<void> {
  let dev: string | undefined;
  while (!args.done) {
    const w = args.shift()!;
    if (matches(w, 'help')) throw new CliUsageError(helpText('link', help));
    const d = w === 'dev' || w === 'name' ? args.value() : w;
    if (dev !== undefined) throw duplicateArg('dev', d);
    dev = d;
  }
  if (dev === undefined) throw new CliUsageError('Not enough information: "dev" argument is required.');
  await checkDevs(cli, dev);
  await changeLinks(cli, (nl) => nl.link.del(dev));
}
