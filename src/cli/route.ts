/** `nlctl route`: ip route add/change/replace/prepend/append/del/show/get/flush. */

import { Args, duplicateArg, invalidArg, matches, pick, pipelineKeyOf } from './args.js';
import type { Cli } from './context.js';
import { dispatch } from './dispatch.js';
import { ipAddress, ipPrefix, prefixText, type FamilyState } from './inet-args.js';
import { CliError, CliUsageError, kernelErrorText } from './errors.js';
import type { NexthopOptions, RouteFilter, RouteMessage, RouteOptions } from '../netlink/route/route.js';
import { routeJson, routeText, type RoutePrintOptions } from './print/route.js';
import { maybeOneline } from './print/oneline.js';
import { dsfields, protocols, realms, routeTypes, scopes, strtoul, tables } from '../netlink/route/names.js';
import { RTM_DELROUTE, RTM_GETROUTE } from '../netlink/route/constants.js';
import { ipprotoNumber } from './print/rule.js';
import { helpText, io } from './io.js';

/** `nlctl route help`. */
export const help = `Usage: nlctl route { list | flush } SELECTOR
       nlctl route get ADDRESS [ from ADDRESS ] [ iif STRING ] [ oif STRING ] [ mark NUMBER ]
                            [ uid NUMBER ] [ ipproto PROTOCOL ] [ sport NUMBER ] [ dport NUMBER ]
                            [ fibmatch ]
       nlctl route { add | del | change | append | replace | prepend } ROUTE
SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ] [ table TABLE_ID ]
            [ proto RTPROTO ] [ type TYPE ] [ scope SCOPE ] [ dev STRING ] [ via ADDRESS ] [ src ADDRESS ]
ROUTE := NODE_SPEC [ INFO_SPEC ]
NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ] [ table TABLE_ID ] [ proto RTPROTO ] [ scope SCOPE ] [ metric METRIC ]
INFO_SPEC := { NH | nhid ID } [ mtu NUMBER ] [ advmss NUMBER ] [ pref PREF ] [ expires TIME ]
NH := [ via ADDRESS ] [ dev STRING ] [ weight NUMBER ] [ onlink ]
      | nexthop NH [ nexthop NH ... ]
TYPE := { unicast | local | broadcast | multicast | throw | unreachable | prohibit | blackhole | nat }
TABLE_ID := [ local | main | default | all | NUMBER ]
SCOPE := [ host | link | global | NUMBER ]`;

const COMMANDS = ['add', 'change', 'chg', 'replace', 'prepend', 'append', 'delete', 'list', 'show', 'lst', 'get', 'flush', 'help'] as const;
const MODIFY = ['add', 'change', 'replace', 'prepend', 'append', 'delete'] as const;
type Modify = (typeof MODIFY)[number];

/** Runs one `route` command line. */
export async function run(cli: Cli, args: Args): Promise<void> {
  return dispatch({ object: 'route', commands: COMMANDS, modify: MODIFY, help, modifyCmd: modify, show, flush, get }, cli, args);
}

/** Route changes of one kind may be pipelined in a batch. */
export function pipelineKey(words: readonly string[]): string | undefined {
  return pipelineKeyOf('route', words, COMMANDS, MODIFY);
}

const TYPES = ['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast'];
// RTAX_* numbers (linux/rtnetlink.h): `lock` sets bit 1 << RTAX_x in RTAX_LOCK.
const RTAX: Record<string, number> = {
  mtu: 2, window: 3, rtt: 4, rttvar: 5, ssthresh: 6, cwnd: 7, advmss: 8, reordering: 9, hoplimit: 10,
  initcwnd: 11, rto_min: 13, initrwnd: 14, quickack: 15,
};

/** ip's rtnl_dsfield_a2n(): a TOS byte by name (AF11) or in hex with or without 0x ('tos 10' is 0x10). */
function dsfield(v: string, what = '"tos" value is invalid\n'): number {
  const n = dsfields.parse(v);
  if (n === undefined) throw invalidArg(v, what);
  return n;
}

const RTT_SCALE: Record<string, number> = { rtt: 8, rttvar: 4, rto_min: 1 };

/**
 * iproute2's get_time_rtt(): a number (a float when it has a '.', else strtoul's decimal, 0x hex
 * or 0 octal), then optionally s/sec/secs or ms/msec/msecs in any case, in milliseconds rounded
 * up; `raw` when there is no unit. Undefined where ip says the value is invalid.
 */
export function timeRtt(text: string): { ms: number; raw: boolean } | undefined {
  let t: number;
  let rest: string;
  if (text.includes('.')) {
    const m = /^[ \t]*\+?((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(.*)$/.exec(text);
    if (!m) return undefined;
    t = Number(m[1]);
    rest = m[2]!;
  } else {
    const r = strtoul(text);
    if (!r) return undefined;
    t = r.value;
    rest = r.rest;
  }
  const unit = rest.toLowerCase();
  if (unit === 's' || unit === 'sec' || unit === 'secs') t *= 1000;
  else if (unit !== '' && unit !== 'ms' && unit !== 'msec' && unit !== 'msecs') return undefined;
  const ms = Math.ceil(t);
  if (!Number.isFinite(ms) || ms > 0xffffffff) return undefined;
  return { ms, raw: unit === '' };
}

// rtnl_rtrealm_a2n(): a realm name or a number up to 255.
function realm(v: string): number | undefined {
  const n = realms.lookup(v);
  return n !== undefined && n <= 255 ? n : undefined;
}

/** ip's get_rt_realms_or_raw(): `FROM/TO`, `TO` (names or numbers up to 255), else a raw u32 (RTA_FLOW's FROM << 16 | TO). */
export function realmsValue(v: string): number | undefined {
  const slash = v.indexOf('/');
  const from = slash < 0 ? 0 : realm(v.slice(0, slash));
  const toText = slash < 0 ? v : v.slice(slash + 1);
  const to = toText === '' ? 0 : realm(toText);
  if (from !== undefined && to !== undefined) return ((from << 16) | to) >>> 0;
  const r = strtoul(v);
  return r && r.rest === '' && r.value <= 0xffffffff ? r.value : undefined;
}

function parseVia(args: Args, st: FamilyState): string {
  let v = args.value();
  let family: number | undefined;
  if (v === 'inet' || v === 'inet6') { family = v === 'inet' ? 2 : 10; v = args.value(); }
  // ip parses the gateway in the route's family (-4/-6, else the first address given), so a
  // gateway of the other family is refused unless `via inet6 ADDR` (RTA_VIA) says so.
  return ipAddress(st, v, family).address;
}

function parseNexthop(args: Args, st: FamilyState): NexthopOptions {
  const nh: NexthopOptions = {};
  while (!args.done && args.peek() !== 'nexthop') {
    const w = args.shift()!;
    if (w === 'via') nh.via = parseVia(args, st);
    else if (w === 'dev') nh.dev = args.value();
    else if (matches(w, 'weight')) { nh.weight = args.uint('"weight" is invalid\n', 256); if (!nh.weight) throw invalidArg('0', '"weight" is invalid\n'); }
    else if (w === 'onlink') nh.onlink = true;
    else throw new CliUsageError(`Error: "nexthop" or end of line is expected instead of "${w}"`);
  }
  return nh;
}

// ip's 0-or-1 metrics: a number first ("value is invalid"), then its range ("should be 0 or 1").
function zeroOne(args: Args, what: string): number {
  const v = args.value();
  const r = strtoul(v);
  if (!r || r.rest !== '' || r.value > 0xffffffff) throw invalidArg(v, `"${what}" value is invalid\n`);
  if (r.value > 1) throw invalidArg(v, `"${what}" value should be 0 or 1\n`);
  return r.value;
}

/** Parses `route add|del ...` words into route options (devices still names); family is -4/-6 (2/10) or 0. */
export function parseRouteModify(args: Args, family = 0): RouteOptions {
  const o: Partial<RouteOptions> = {};
  const st: FamilyState = { family };
  const metrics: Record<string, number | string> = {};
  let lock = 0;
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'src') o.src = ipAddress(st, args.value()).address;
    else if (w === 'via') { if (o.via !== undefined) throw invalidArg(w, 'use nexthop syntax to specify multiple via\n'); o.via = parseVia(args, st); }
    else if (w === 'from') { const v = args.value(); o.from = prefixText(ipPrefix(st, v), v); }
    else if (w === 'tos' || matches(w, 'dsfield')) o.tos = dsfield(args.value());
    else if (matches(w, 'metric') || matches(w, 'priority') || w === 'preference') o.metric = args.uint('"metric" value is invalid\n');
    else if (w === 'scope') { const v = args.value(); if (scopes.lookup(v) === undefined) throw invalidArg(v, 'invalid "scope" value\n'); o.scope = v; }
    else if (w === 'quickack') metrics.quickack = zeroOne(args, 'quickack');
    else if (RTAX[w] !== undefined) {
      let v = args.value();
      // ip locks rto_min whether asked or not (iproute.c sets the bit before reading the value).
      if (w === 'rto_min') lock |= 1 << RTAX[w]!;
      else if (v === 'lock') { lock |= 1 << RTAX[w]!; v = args.value(); }
      const invalid = () => invalidArg(v, `"${w === 'advmss' ? 'mss' : w}" value is invalid\n`);
      if (w in RTT_SCALE) {
        const t = timeRtt(v);
        if (!t) throw invalid();
        // The kernel keeps rtt as 8x and rttvar as 4x milliseconds; a unitless value is taken raw.
        metrics[w] = t.raw ? t.ms : (t.ms * RTT_SCALE[w]!) >>> 0;
      } else {
        if (!/^\d+$/.test(v)) throw invalid();
        metrics[w] = Number(v);
      }
    } else if (w === 'congctl') {
      // ip: `congctl [lock] NAME`, RTAX_CC_ALGO (16) locked through RTAX_LOCK like the others.
      let v = args.value();
      if (v === 'lock') { lock |= 1 << 16; v = args.value(); }
      metrics.cc_algo = v;
    } else if (matches(w, 'features')) {
      // ip 6.1 knows one feature word, ecn (RTAX_FEATURE_ECN).
      const v = args.value();
      if (v !== 'ecn') throw invalidArg(v, '"features" value not valid\n');
      metrics.features = 1;
    } else if (matches(w, 'fastopen_no_cookie')) metrics.fastopen_no_cookie = zeroOne(args, 'fastopen_no_cookie');
    else if (matches(w, 'realms')) {
      const v = args.value();
      const r = realmsValue(v);
      if (r === undefined) throw invalidArg(v, '"realm" value is invalid\n');
      o.realms = r;
    } else if (w === 'onlink') o.onlink = true;
    else if (w === 'nexthop') {
      o.nexthops = [];
      do { o.nexthops.push(parseNexthop(args, st)); } while (args.peek() === 'nexthop' && args.shift());
    } else if (w === 'nhid') o.nhid = args.uint('"id" value is invalid\n');
    else if (matches(w, 'protocol')) { const v = args.value(); if (protocols.lookup(v) === undefined) throw invalidArg(v, '"protocol" value is invalid\n'); o.protocol = v; }
    else if (matches(w, 'table')) { const v = args.value(); if (tables.lookup(v) === undefined) throw invalidArg(v, '"table" value is invalid\n'); o.table = v; }
    else if (w === 'dev' || w === 'oif') o.dev = args.value();
    else if (w === 'pref') { const v = args.value(); if (!['low', 'medium', 'high'].includes(v)) throw invalidArg(v, '"pref" value is invalid\n'); o.pref = v as 'low'; }
    else if (w === 'expires') o.expires = args.uint('"expires" value is invalid\n');
    else if (matches(w, 'help')) throw new CliUsageError(helpText('route', help));
    else {
      let dst = w;
      if (w === 'to') dst = args.value();
      if (TYPES.includes(dst)) { o.type = dst; dst = args.value(); if (dst === 'to') dst = args.value(); }
      if (o.dst !== undefined) throw duplicateArg('to', dst);
      o.dst = prefixText(ipPrefix(st, dst), dst);
    }
  }
  if (Object.keys(metrics).length) o.metrics = { ...metrics, ...(lock ? { lock } : {}) } as RouteOptions['metrics'];
  if (o.dst === undefined) throw new CliUsageError('Command line is not complete. Try option "help"');
  return o as RouteOptions;
}

async function modify(cli: Cli, args: Args, cmd: Modify): Promise<void> {
  const o = parseRouteModify(args, cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0);
  if (cli.g.family === 10 && o.family === undefined) o.family = 'inet6';
  if (o.dev !== undefined) o.dev = await cli.dev(o.dev as string);
  for (const nh of o.nexthops ?? []) if (nh.dev !== undefined) nh.dev = await cli.dev(nh.dev as string);
  const nl = await cli.nl();
  const svc = nl.route;
  await (cmd === 'delete' ? svc.del(o) : svc[cmd](o));
}

/** `route show` selectors. */
interface RouteSelector {
  filter: RouteFilter;
  via?: string;
  src?: string;
  /** `[exact] PREFIX`, `root PREFIX`, `match PREFIX`. */
  dst?: { mode: 'exact' | 'root' | 'match'; prefix: string };
  /** `cache`/`cached`/`cloned`: the cloned routes (exceptions), not the FIB. */
  cloned?: boolean;
  /** `src PREFIX`: RTA_PREFSRC inside it. */
  srcLen?: number;
  /** `from [root|match|exact] PREFIX`: ip compares the route's source prefix (rtm_src_len). */
  from?: { mode: 'exact' | 'root' | 'match'; prefix: string };
  tos?: number;
  iif?: string;
  mark?: number;
  metric?: number;
  realms?: { value: number; mask: number };
  vrf?: string;
}

// ip's realms filter mask: a side left out (`5/` or `/5`, or no slash for FROM) is not compared.
function realmsFilter(v: string): { value: number; mask: number } {
  const value = realmsValue(v);
  if (value === undefined) throw invalidArg(v, 'invalid realms\n');
  let mask = 0xffffffff;
  if ((value & 0xffff) === 0 && v.endsWith('/')) mask &= ~0xffff;
  if ((value & 0xffff0000) === 0 && (!v.includes('/') || v.startsWith('/'))) mask &= 0xffff;
  return { value, mask: mask >>> 0 };
}

// A selector word's prefix, after an optional root/match/exact.
function modePrefix(args: Args, fam: number, first: string): { mode: 'exact' | 'root' | 'match'; prefix: string } {
  const mode = matches(first, 'root') ? 'root' : matches(first, 'match') ? 'match' : 'exact';
  const p = mode !== 'exact' || matches(first, 'exact') ? args.value() : first;
  return { mode, prefix: showPrefix(fam, p) };
}

// ip reads selector prefixes in the -4/-6 family alone (do_ipv6), not the family of earlier words.
function showPrefix(family: number, v: string): string {
  return prefixText(ipPrefix({ family }, v), v);
}

function parseSelector(cli: Cli, args: Args): RouteSelector {
  const s: RouteSelector = { filter: {} };
  const fam = cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0;
  while (!args.done) {
    const w = args.shift()!;
    if (matches(w, 'table')) {
      const v = args.value();
      // Table 0 (RT_TABLE_UNSPEC, 'unspec') means every table to ip, as 'all' does.
      if (v === 'all' || v === 'cache' || tables.lookup(v) === 0) s.filter.table = 'all';
      else if (tables.lookup(v) === undefined) throw invalidArg(v, 'table id value is invalid\n');
      else s.filter.table = v;
    } else if (matches(w, 'protocol')) { const v = args.value(); if (protocols.lookup(v) === undefined) throw invalidArg(v, 'invalid "protocol"\n'); s.filter.protocol = v; }
    else if (w === 'scope') { const v = args.value(); if (scopes.lookup(v) === undefined) throw invalidArg(v, 'invalid "scope"\n'); s.filter.scope = v; }
    else if (w === 'type') { const v = args.value(); if (routeTypes.lookup(v) === undefined) throw invalidArg(v, 'node type value is invalid\n'); s.filter.type = v; }
    else if (w === 'dev' || w === 'oif') s.filter.dev = args.value();
    else if (w === 'via') {
      let v = args.value();
      let f = fam;
      if (v === 'inet' || v === 'inet6') { f = v === 'inet' ? 2 : 10; v = args.value(); }
      s.via = ipPrefix({ family: f }, v).address;
    } else if (w === 'src') {
      const a = ipPrefix({ family: fam }, args.value());
      s.src = a.address;
      s.srcLen = a.explicit ? a.bitlen : undefined;
    } else if (matches(w, 'cached') || matches(w, 'cloned')) s.cloned = true;
    else if (matches(w, 'vrf')) s.vrf = args.value();
    else if (w === 'tos' || matches(w, 'dsfield')) s.tos = dsfield(args.value(), 'TOS value is invalid\n');
    else if (w === 'iif') s.iif = args.value();
    else if (w === 'mark') s.mark = args.uint('invalid mark value');
    else if (matches(w, 'metric') || matches(w, 'priority') || w === 'preference') s.metric = args.uint('"metric" value is invalid\n');
    else if (matches(w, 'realms')) s.realms = realmsFilter(args.value());
    else if (matches(w, 'from')) s.from = modePrefix(args, fam, args.value());
    // ip's selector has no help: `help` is read as a prefix like any other word.
    else s.dst = modePrefix(args, fam, matches(w, 'to') ? args.value() : w);
  }
  // ip route show: IPv4 unless told, except `table all` without a family shows both.
  s.filter.family = fam === 10 ? 'inet6' : fam === 2 ? 'inet' : s.filter.table === 'all' ? 'all' : 'inet';
  return s;
}

/**
 * The library lists a table that does not exist as empty. ip dumps it, the kernel refuses
 * ("ipv4: FIB table does not exist", ENOENT; IPv6 alike), and ip says so and stops: 'Dump
 * terminated' (or 'Flush terminated'), exit 2, after `[` with -j. So an empty listing of a
 * named table is asked again, raw, to let the kernel's answer through.
 */
async function checkTable(cli: Cli, filter: RouteFilter, what: 'Dump' | 'Flush'): Promise<void> {
  const table = filter.table === undefined || filter.table === 'all' ? 0 : tables.lookup(String(filter.table)) ?? 0;
  // ip 6.1's save_route_errhndlr lets a listing (not a flush) of a missing main table pass.
  if (!table || (table === 254 && what === 'Dump')) return;
  const nl = await cli.nl();
  const { routeBody } = await import('../netlink/route/route-attrs.js');
  const header = { family: filter.family === 'inet6' ? 10 : 2, dst_len: 0, src_len: 0, tos: 0, table: table > 255 ? 0 : table, protocol: 0, scope: 0, type: 0, flags: 0 };
  try {
    await nl.dumpAll({ type: RTM_GETROUTE, op: 'route.list', codec: routeBody, body: { header, attrs: table > 255 ? { table } : {} } });
  } catch (e) {
    const err = e as { name?: string; errno: number; extack?: { message?: string } };
    if (err.name !== 'NetlinkError') throw e;
    if (what === 'Dump' && cli.g.json) cli.print('[');
    throw new CliError(`${kernelErrorText(err)}\n${what} terminated`, 2);
  }
}

const RTM_F_CLONED = 0x200;

/**
 * `route show cache`: a dump with RTM_F_CLONED in the request, which (with strict checking) the
 * kernel answers with the exceptions alone: IPv6 PMTU and redirect clones; IPv4 has kept no
 * cache since Linux 3.6, so its answer is empty. Table main unless a table was named.
 */
async function clonedRoutes(cli: Cli, filter: RouteFilter): Promise<RouteMessage[]> {
  const nl = await cli.nl();
  const { routeBody } = await import('../netlink/route/route-attrs.js');
  const families = filter.family === 'all' ? [2, 10] : [filter.family === 'inet6' ? 10 : 2];
  const table = filter.table === 'all' ? undefined : tables.lookup(String(filter.table ?? 'main'));
  const out: RouteMessage[] = [];
  for (const family of families) {
    const header = { family, dst_len: 0, src_len: 0, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags: RTM_F_CLONED };
    const msgs = await nl.dumpAll<RouteMessage>({ type: RTM_GETROUTE, op: 'route.list', codec: routeBody, body: { header, attrs: {} } });
    for (const m of msgs) {
      const r = m.body;
      if (r.header.flags & RTM_F_CLONED && (table === undefined || (r.attrs.table ?? r.header.table) === table)) out.push(r);
    }
  }
  return out;
}

// inet_addr_match(): the first `len` bits of `addr` and `prefix` agree (the whole address without a length).
async function prefixMatcher(): Promise<(addr: string, prefix: string, len?: number) => boolean> {
  const { parseAddr, hostBits } = await import('../netlink/route/cidr.js');
  return (addr, prefix, len) => {
    if (len === undefined) return addr === prefix;
    const a = parseAddr(addr).bytes;
    const b = parseAddr(prefix).bytes;
    return a.length === b.length && hostBits(a, len, false).equals(hostBits(b, len, false));
  };
}

async function selected(cli: Cli, s: RouteSelector, what: 'Dump' | 'Flush' = 'Dump'): Promise<RouteMessage[]> {
  // ip looks a VRF up as it parses; this kernel has no vrf module, so no name is a VRF.
  if (s.vrf !== undefined && !(await cli.links()).list.some((l) => l.attrs.ifname === s.vrf && l.attrs.linkinfo?.kind === 'vrf')) {
    throw invalidArg(s.vrf, 'Invalid VRF\n');
  }
  const nl = await cli.nl();
  const dev = s.filter.dev;
  const filter = { ...s.filter };
  if (dev !== undefined) filter.dev = await cli.ifindex(String(dev));
  let routes: RouteMessage[];
  if (s.cloned && what === 'Dump') routes = await clonedRoutes(cli, filter);
  else {
    routes = await nl.route.list(filter);
    if (!routes.length) await checkTable(cli, filter, what);
    // Cloned (cache) entries are not part of a listing, as in ip.
    routes = routes.filter((r) => !(r.header.flags & RTM_F_CLONED));
  }
  // ip matches dev and via against the route's own RTA_OIF/RTA_GATEWAY, not its next hops.
  if (filter.dev !== undefined) routes = routes.filter((r) => r.attrs.oif === filter.dev);
  if (s.via !== undefined) routes = routes.filter((r) => r.attrs.gateway === s.via || r.attrs.via?.addr === s.via);
  const inPrefix = await prefixMatcher();
  if (s.src !== undefined) routes = routes.filter((r) => r.attrs.prefsrc !== undefined && inPrefix(r.attrs.prefsrc, s.src!, s.srcLen));
  if (s.tos !== undefined) routes = routes.filter((r) => r.header.tos === s.tos);
  if (s.mark !== undefined) routes = routes.filter((r) => (r.attrs.mark ?? 0) === s.mark);
  if (s.metric !== undefined) routes = routes.filter((r) => (r.attrs.priority ?? 0) === s.metric);
  if (s.realms) { const f = s.realms; routes = routes.filter((r) => (((r.attrs.flow ?? 0) ^ f.value) & f.mask) === 0); }
  if (s.iif !== undefined) { const i = await cli.ifindex(s.iif); routes = routes.filter((r) => (r.attrs.iif ?? 0) === i); }
  // ip's `from P` keeps routes whose source prefix is at least as long as P's (only source-routed ones have any).
  if (s.from) {
    const { parsePrefix } = await import('../netlink/route/cidr.js');
    const want = parsePrefix(s.from.prefix, 'prefix');
    const at = s.from.prefix.split('/')[0]!;
    routes = routes.filter((r) => r.header.family === want.family && r.header.src_len >= want.prefixlen && (r.attrs.src === undefined || inPrefix(r.attrs.src, at, want.prefixlen)));
  }
  if (s.dst) {
    const { parsePrefix, parseDst, hostBits } = await import('../netlink/route/cidr.js');
    const want = s.dst.prefix === 'default' ? parseDst('default', s.filter.family === 'inet6' ? 10 : 2) : parsePrefix(s.dst.prefix, 'prefix');
    const mode = s.dst.mode;
    routes = routes.filter((r) => {
      if (r.header.family !== want.family) return false;
      const len = r.header.dst_len;
      const bytes = r.attrs.dst === undefined ? Buffer.alloc(want.bytes.length) : parsePrefix(r.attrs.dst, 'dst').bytes;
      if (mode === 'exact') return len === want.prefixlen && hostBits(bytes, len, false).equals(hostBits(want.bytes, len, false));
      // root: routes inside the prefix; match: routes containing it.
      const shorter = mode === 'root' ? want.prefixlen : len;
      if (mode === 'root' ? len < want.prefixlen : len > want.prefixlen) return false;
      return hostBits(bytes, shorter, false).equals(hostBits(want.bytes, shorter, false));
    });
  }
  return routes;
}

async function show(cli: Cli, args: Args): Promise<void> {
  const s = parseSelector(cli, args);
  const [routes, idx] = await Promise.all([selected(cli, s), cli.links()]);
  const o: RoutePrintOptions = {
    name: idx.name, details: cli.g.details, stats: cli.g.stats, tableFiltered: s.filter.table !== 'all', // without a table, ip lists main alone
    hide: {
      dev: s.filter.dev !== undefined, via: s.via !== undefined, protocol: s.filter.protocol !== undefined, scope: s.filter.scope !== undefined,
      tos: s.tos !== undefined, metric: s.metric !== undefined, iif: s.iif !== undefined, realms: s.realms?.mask === 0xffffffff,
      src: s.src !== undefined && (s.srcLen === undefined || s.srcLen === (s.src.includes(':') ? 128 : 32)),
    },
    nhInfo: await nhInfoFor(cli, routes),
  };
  if (cli.g.json) { cli.printJson(routes.map((r) => routeJson(r, o))); return; }
  cli.print(routes.map((r) => maybeOneline(routeText(r, o), cli.g.oneline) + '\n').join(''));
}

/** With -d, the nexthop objects the routes use, as ip's `nh_info` lines (loaded only when needed). */
async function nhInfoFor(cli: Cli, routes: RouteMessage[]): Promise<RoutePrintOptions['nhInfo']> {
  if (!cli.g.details || !routes.some((r) => r.attrs.nh_id !== undefined)) return undefined;
  return (await import('./nexthop.js')).nhInfoLookup(cli);
}

/** ip's inet_proto_a2n(): a number 0-255 (get_u8, base 10), or a /etc/protocols name or alias. */
function ipProto(v: string): number {
  const r = strtoul(v, 10);
  if (r && r.rest === '' && r.value <= 255) return r.value;
  const n = ipprotoNumber(v); // the rule CLI's reader of /etc/protocols, read once per process
  if (n !== undefined) return n;
  throw invalidArg(v, 'Invalid "ipproto" value\n');
}

/**
 * The destination of `route get`: ip asks for a host route whatever length is written, warning
 * when it is not the full width (an IPv4 or IPv6 one; `default` before any family is 0.0.0.0).
 */
function getDestination(st: FamilyState, v: string): string {
  const a = ipPrefix(st, v);
  const width = a.family === 10 ? 128 : 32;
  // Straight to stderr, before the answer, where ip prints it.
  if (a.family && a.bitlen !== width) io.err(`Warning: /${a.bitlen} as prefix is invalid, only /${width} (or none) is supported.\n`);
  return a.address || '0.0.0.0';
}

async function get(cli: Cli, args: Args): Promise<void> {
  const o: Parameters<Awaited<ReturnType<Cli['nl']>>['route']['get']>[0] = { to: '' };
  let to: string | undefined;
  let connected = false;
  const st: FamilyState = { family: cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0 };
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'tos' || matches(w, 'dsfield')) {
      o.tos = dsfield(args.value(), 'TOS value is invalid\n');
    } else if (matches(w, 'connected')) connected = true;
    else if (matches(w, 'vrf')) {
      // ip's name_is_vrf(): the device must exist and be of kind vrf; it then forces the output device.
      const v = args.value();
      const l = (await cli.links()).byName.get(v);
      if (l?.attrs.linkinfo?.kind !== 'vrf') throw invalidArg(v, 'Invalid VRF\n');
      o.oif = v;
    } else if (w === 'from') { const v = args.value(); o.from = prefixText(ipPrefix(st, v), v); }
    else if (w === 'iif') o.iif = args.value();
    else if (w === 'oif' || w === 'dev') o.oif = args.value();
    else if (w === 'mark') o.mark = args.uint('invalid mark value');
    else if (w === 'uid') o.uid = args.uint('invalid UID\n');
    else if (w === 'ipproto') o.ipproto = ipProto(args.value());
    else if (w === 'sport') o.sport = args.uint('invalid sport\n', 65535);
    else if (w === 'dport') o.dport = args.uint('invalid dport\n', 65535);
    else if (w === 'fibmatch') o.fibmatch = true;
    else if (matches(w, 'help')) throw new CliUsageError(helpText('route', help));
    else {
      // A second destination is another RTA_DST in ip's request, and the kernel takes the last.
      to = getDestination(st, w === 'to' ? args.value() : w);
    }
  }
  if (to === undefined) throw new CliError('need at least a destination address', 1);
  o.to = to;
  if (st.family) o.family = st.family === 10 ? 'inet6' : 'inet';
  const [nl, idx] = await Promise.all([cli.nl(), cli.links()]);
  if (o.iif !== undefined) o.iif = await cli.ifindex(o.iif as string);
  if (o.oif !== undefined) o.oif = await cli.ifindex(o.oif as string);
  const p: RoutePrintOptions = { name: idx.name, details: cli.g.details, stats: cli.g.stats };
  const show = async (r: Awaited<ReturnType<typeof nl.route.get>>) => {
    p.nhInfo = await nhInfoFor(cli, [r]);
    if (cli.g.json) cli.printJson([routeJson(r, p)]);
    else cli.print(maybeOneline(routeText(r, p), cli.g.oneline) + '\n');
  };
  const r = await nl.route.get(o);
  await show(r);
  // ip's `connected` means to ask again from the answer's source address; ip 6.1 rewrites that
  // into its copy of the answer but then sends its first request unchanged (strace shows the
  // same bytes twice), so what it prints is the same lookup twice. nlctl does what ip does.
  if (connected && o.from === undefined) {
    if (r.attrs.prefsrc === undefined && r.attrs.src === undefined) throw new CliError('Failed to connect the route', 1);
    await show(await nl.route.get(o));
  }
}

async function flush(cli: Cli, args: Args): Promise<void> {
  if (args.done) throw new CliError('"ip route flush" requires arguments.', 1);
  const s = parseSelector(cli, args);
  if (s.cloned) {
    // IPv4 has had no route cache since Linux 3.6: ip's write to /proc/sys/net/ipv4/route/flush
    // only bumps a generation number. IPv6 clones (PMTU exceptions) are not in a plain dump, so
    // as far as nlctl can see there is nothing to flush; either way ip exits 0 silently.
    if (cli.g.stats) cli.print(cli.g.family === 10 ? 'Nothing to flush.\n' : '*** IPv4 routing cache is flushed.\n');
    return;
  }
  const routes = await selected(cli, s, 'Flush');
  const nl = await cli.nl();
  const { routeBody } = await import('../netlink/route/route-attrs.js');
  // As ip does: send each dumped route back as RTM_DELROUTE; one already gone is not an error.
  const results = await Promise.allSettled(routes.map((r) => nl.request({ type: RTM_DELROUTE, codec: routeBody, op: 'route.flush', body: r })));
  for (const res of results) {
    if (res.status === 'rejected' && (res.reason as { code?: string }).code !== 'ESRCH') throw res.reason;
  }
  if (cli.g.stats) cli.print(`*** Round 1, deleting ${routes.length} entries ***\n*** Flush is complete after 1 round ***\n`);
}
