/** `nlctl rule`: ip rule add/del/show/flush, word for word as ip 6.1's iprule.c reads them. */

import { Args, invalidArg, matches } from './args.js';
import { helpText, io, prog } from './io.js';
import type { Cli } from './context.js';
import { CliError, CliUsageError } from './errors.js';
import { ipPrefix, prefixText, type InetArg } from './inet-args.js';
import { ipprotoNumber, ruleJson, ruleText } from './print/rule.js';
import { dsfields, protocols, strtoul, tables } from '../netlink/route/names.js';
import type { RuleMessage, RuleOptions } from '../netlink/route/rule.js';

/** `nlctl rule help` (ip 6.1's usage, save/restore and nat left out: nlctl has neither). */
export const help = `Usage: nlctl rule { add | del } SELECTOR ACTION
       nlctl rule { flush }
       nlctl rule [ list [ SELECTOR ]]
SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]
            [ fwmark FWMARK[/MASK] ]
            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]
            [ uidrange NUMBER-NUMBER ]
            [ ipproto PROTOCOL ]
            [ sport [ NUMBER | NUMBER-NUMBER ]
            [ dport [ NUMBER | NUMBER-NUMBER ] ]
ACTION := [ table TABLE_ID ]
          [ protocol PROTO ]
          [ realms [SRCREALM/]DSTREALM ]
          [ goto NUMBER ]
          SUPPRESSOR
SUPPRESSOR := [ suppress_prefixlength NUMBER ]
              [ suppress_ifgroup DEVGROUP ]
TABLE_ID := [ local | main | default | NUMBER ]`;

/** Runs one `rule` command line (ip's do_iprule: its own command order, not the shared switch). */
export async function run(cli: Cli, args: Args): Promise<void> {
  const w = args.shift();
  if (w === undefined) return show(cli, args, false);
  if (matches(w, 'list') || matches(w, 'lst') || matches(w, 'show')) return show(cli, args, false);
  if (matches(w, 'save') || matches(w, 'restore')) throw new CliError(`nlctl does not implement "ip rule ${matches(w, 'save') ? 'save' : 'restore'}".`, 255);
  if (matches(w, 'add')) return modify(cli, args, 'add');
  if (matches(w, 'delete')) return modify(cli, args, 'del');
  if (matches(w, 'flush')) return show(cli, args, true);
  if (matches(w, 'help')) throw new CliUsageError(helpText('rule', help));
  throw new CliUsageError(`Command "${w}" is unknown, try "${prog()} rule help".`);
}

/** Rule changes of one kind may be pipelined in a batch. */
export function pipelineKey(words: readonly string[]): string | undefined {
  const w = words[0];
  if (w === undefined) return undefined;
  return matches(w, 'add') ? 'rule add' : matches(w, 'delete') ? 'rule del' : undefined;
}

/** get_u32(base 0) with ip's invarg() message. */
function u32(v: string, what: string): number {
  const r = strtoul(v);
  if (!r || r.rest !== '' || r.value > 0xffffffff) throw invalidArg(v, what);
  return r.value;
}

/** `sscanf("%hu-%hu")`: one number, or two with a dash; undefined when not even one. */
function portRange(v: string): [number, number] | undefined {
  const m = /^[ \t\n]*([+-]?\d+)(?:-[ \t\n]*([+-]?\d+))?/.exec(v);
  if (!m) return undefined;
  const a = Number(m[1]) & 0xffff;
  return [a, m[2] === undefined ? a : Number(m[2]) & 0xffff];
}

function uidRange(v: string): [number, number] {
  const m = /^[ \t\n]*(\d+)-[ \t\n]*(\d+)/.exec(v);
  if (!m || Number(m[1]) > 0xffffffff || Number(m[2]) > 0xffffffff) throw invalidArg(v, 'invalid UID range\n');
  return [Number(m[1]), Number(m[2])];
}

/** ip's get_rt_realms_or_raw(): a raw u32, or [SRC/]DST realm numbers (0 is `cosmos`). */
function realms(v: string): number {
  const raw = strtoul(v);
  if (raw && raw.rest === '' && raw.value <= 0xffffffff) return raw.value;
  const realm = (s: string) => {
    if (s === 'cosmos') return 0;
    const r = strtoul(s);
    if (!r || r.rest !== '' || r.value > 255) throw invalidArg(v, 'invalid realms\n');
    return r.value;
  };
  const slash = v.indexOf('/');
  return slash < 0 ? realm(v) : ((realm(v.slice(0, slash)) << 16) | realm(v.slice(slash + 1))) >>> 0;
}

/** rtnl_rtntype_a2n(): route type words (some abbreviable) or a number up to 255. */
function ruleType(v: string): number | undefined {
  const named: [string, number, boolean][] = [
    ['local', 2, false], ['nat', 10, false], ['broadcast', 3, true], ['brd', 3, false], ['anycast', 4, true], ['multicast', 5, true],
    ['prohibit', 8, true], ['unreachable', 7, true], ['blackhole', 6, true], ['xresolve', 11, true], ['unicast', 1, true], ['throw', 9, false],
  ];
  const hit = named.find(([n, , abbrev]) => (abbrev ? matches(v, n) : v === n));
  if (hit) return hit[1];
  const r = strtoul(v);
  return r && r.rest === '' && r.value <= 255 ? r.value : undefined;
}

/** `tos`/`dsfield`: ip's rtnl_dsfield_a2n() with iprule's message. */
function tosArg(v: string): number {
  const n = dsfields.parse(v);
  if (n === undefined) throw invalidArg(v, 'TOS value is invalid\n');
  return n;
}

/** `fwmark MARK[/MASK]`, each get_u32(base 0). */
function fwmarkArg(v: string): { fwmark: number; fwmask?: number } {
  const slash = v.indexOf('/');
  const fwmark = u32(slash < 0 ? v : v.slice(0, slash), 'fwmark value is invalid\n');
  return slash < 0 ? { fwmark } : { fwmark, fwmask: u32(v.slice(slash + 1), 'fwmask value is invalid\n') };
}

/** `ipproto NAME|NUMBER`. */
function ipprotoArg(v: string): number {
  const n = ipprotoNumber(v);
  if (n === undefined) throw invalidArg(v, 'Invalid "ipproto" value\n');
  return n;
}

/** `sport|dport N[-M]`. */
function portArg(w: 'sport' | 'dport', v: string): [number, number] {
  const r = portRange(v);
  if (!r) throw invalidArg(v, w === 'sport' ? 'invalid port range\n' : 'invalid dport range\n');
  return r;
}

/** `tun_id N` (get_u64 / get_be64, base 0). */
function tunIdArg(v: string): bigint {
  const r = strtoul(v);
  if (!r || r.rest !== '') throw invalidArg(v, '"tun_id" value is invalid\n');
  return BigInt(r.value);
}

function prefix(family: number, v: string): InetArg {
  return ipPrefix({ family }, v);
}

function parseModify(args: Args, family: number): RuleOptions {
  const o: RuleOptions = {};
  let nat = false;
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'not') o.not = true;
    else if (w === 'from') { const v = args.value(); o.from = prefixText(prefix(family, v), v); }
    else if (w === 'to') { const v = args.value(); o.to = prefixText(prefix(family, v), v); }
    else if (matches(w, 'preference') || matches(w, 'order') || matches(w, 'priority')) o.priority = u32(args.value(), 'preference value is invalid\n');
    else if (w === 'tos' || matches(w, 'dsfield')) o.tos = tosArg(args.value());
    else if (w === 'fwmark') Object.assign(o, fwmarkArg(args.value()));
    else if (matches(w, 'realms')) o.realms = realms(args.value());
    else if (matches(w, 'protocol')) {
      const v = args.value();
      if (protocols.lookup(v) === undefined) throw invalidArg(v, '"protocol" value is invalid\n');
      o.protocol = v;
    } else if (matches(w, 'tun_id')) o.tunId = tunIdArg(args.value());
    else if (matches(w, 'table') || w === 'lookup') {
      const v = args.value();
      const t = tables.lookup(v);
      if (t === undefined) throw invalidArg(v, 'invalid table ID\n');
      o.table = t;
    } else if (matches(w, 'suppress_prefixlength') || w === 'sup_pl') {
      const v = args.value();
      const r = strtoul(v);
      if (!r || r.rest !== '' || r.value > 0x7fffffff) throw invalidArg(v, 'suppress_prefixlength value is invalid\n');
      o.suppressPrefixlength = r.value;
    } else if (matches(w, 'suppress_ifgroup') || w === 'sup_group') {
      const v = args.value();
      const r = strtoul(v);
      if (v !== 'default' && (!r || r.rest !== '' || r.value > 0x7fffffff)) throw invalidArg(v, 'Invalid "suppress_ifgroup" value\n');
      o.suppressIfgroup = v === 'default' ? 0 : r!.value;
    } else if (w === 'dev' || w === 'iif') o.iif = ifname(args.value(), '"iif"/"dev" not a valid ifname');
    else if (w === 'oif') o.oif = ifname(args.value(), '"oif" not a valid ifname');
    else if (w === 'l3mdev') o.l3mdev = true;
    else if (w === 'uidrange') o.uidrange = uidRange(args.value());
    else if (w === 'ipproto') o.ipproto = ipprotoArg(args.value());
    else if (w === 'sport' || w === 'dport') o[w] = portArg(w, args.value());
    else if (w === 'nat' || matches(w, 'map-to')) {
      // ip 6.1 warns and sends RTN_NAT with the address in attribute 5 (RTA_GATEWAY, FRA_UNUSED2
      // to fib rules, which the kernel drops): the rule looks up main and prints as `masquerade`.
      // The address is read (and checked) as ip reads it; there is nothing to send it in.
      const v = args.value();
      io.err('Warning: route NAT is deprecated\n');
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(v) || v.split('.').some((b) => Number(b) > 255)) throw new CliError(`Error: an IP address is expected rather than "${v}"`, 1);
      o.action = 10;
      delete o.goto;
      nat = true;
    }
    else {
      const v = w === 'type' ? args.value() : w;
      if (matches(v, 'help')) throw new CliUsageError(helpText('rule', help));
      if (matches(v, 'goto')) { o.goto = u32(args.value(), 'invalid target\n'); delete o.action; }
      else if (matches(v, 'nop')) { o.action = 'nop'; delete o.goto; }
      else {
        const n = ruleType(v);
        if (n === undefined) throw invalidArg(v, 'Failed to parse rule type');
        o.action = n;
        delete o.goto;
      }
    }
  }
  if (family && !o.family) o.family = family === 10 ? 'inet6' : 'inet';
  if (nat && o.action === 10 && o.table === undefined) o.table = 254;
  return o;
}

/** check_ifname(): 1-15 bytes, no '/', ':' or whitespace. */
function ifname(v: string, what: string): string {
  if (!v || Buffer.byteLength(v) >= 16 || /[/:\s]/.test(v)) throw invalidArg(v, what);
  return v;
}

async function modify(cli: Cli, args: Args, cmd: 'add' | 'del'): Promise<void> {
  // ip's do_cmd() negates the handler's -1: exit 1 (and -EINVAL below: exit 22).
  if (args.done) throw new CliError(`"ip rule ${cmd}" requires arguments.`, 1);
  const family = cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0;
  const o = parseModify(args, family);
  // ip sends the message and the kernel picks a table for goto/nop/type rules; only l3mdev with a table is ip's own refusal.
  if (o.l3mdev && o.table) throw new CliError('table can not be specified for l3mdev rules', 22);
  if (!o.family) o.family = 'inet';
  const nl = await cli.nl();
  await nl.rule[cmd](o);
}

/** `rule show|flush` selectors, matched as ip's filter_nlmsg() matches them. */
interface RuleSelector {
  pref?: number;
  not?: boolean;
  tos?: number;
  fwmark?: number;
  fwmask?: number;
  iif?: string;
  oif?: string;
  l3mdev?: boolean;
  uidrange?: [number, number];
  ipproto?: number;
  sport?: [number, number];
  dport?: [number, number];
  tunId?: bigint;
  table?: number;
  src?: InetArg;
  dst?: InetArg;
  /** flush only: protocol to match (undefined: any). */
  protocol?: number;
}

function parseSelector(args: Args, af: number): RuleSelector {
  const s: RuleSelector = {};
  while (!args.done) {
    const w = args.shift()!;
    if (matches(w, 'preference') || matches(w, 'order') || matches(w, 'priority')) s.pref = u32(args.value(), 'preference value is invalid\n');
    else if (w === 'not') s.not = true;
    else if (w === 'tos' || w === 'dsfield') s.tos = tosArg(args.value());
    else if (w === 'fwmark') Object.assign(s, fwmarkArg(args.value()));
    else if (w === 'dev' || w === 'iif') s.iif = ifname(args.value(), '"iif"/"dev" not a valid ifname');
    else if (w === 'oif') s.oif = ifname(args.value(), '"oif" not a valid ifname');
    else if (w === 'l3mdev') s.l3mdev = true;
    else if (w === 'uidrange') s.uidrange = uidRange(args.value());
    else if (matches(w, 'tun_id')) s.tunId = tunIdArg(args.value());
    else if (matches(w, 'lookup') || matches(w, 'table')) {
      const v = args.value();
      const t = tables.lookup(v);
      if (t === undefined) throw invalidArg(v, 'table id value is invalid\n');
      s.table = t;
    } else if (matches(w, 'from') || matches(w, 'src')) s.src = prefix(af, args.value());
    else if (matches(w, 'protocol')) {
      const v = args.value();
      const p = protocols.lookup(v);
      if (p === undefined && v !== 'all') throw invalidArg(v, 'invalid "protocol"\n');
      s.protocol = p;
    } else if (w === 'ipproto') s.ipproto = ipprotoArg(args.value());
    else if (w === 'sport' || w === 'dport') s[w] = portArg(w, args.value());
    else {
      const v = matches(w, 'dst') || matches(w, 'to') ? args.value() : w;
      s.dst = prefix(af, v);
    }
  }
  return s;
}

/** The first `bits` bits of two addresses agree (ip's inet_addr_match on the rule's FRA_SRC/DST). */
function prefixMatch(f: InetArg, addr: string | undefined): boolean {
  if (addr === undefined || addr === '' || f.bitlen <= 0 || f.any) return true;
  const toBytes = (a: string) => Buffer.from(a.includes(':') ? expand6(a) : a.split('.').map(Number));
  const x = toBytes(f.address);
  const y = toBytes(addr);
  if (x.length !== y.length) return false;
  const whole = f.bitlen >> 3;
  if (!x.subarray(0, whole).equals(y.subarray(0, whole))) return false;
  const rest = f.bitlen & 7;
  if (!rest) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (x[whole]! & mask) === (y[whole]! & mask);
}

function expand6(a: string): number[] {
  const [head, tail] = a.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 0xff]; });
}

function wanted(r: RuleMessage, s: RuleSelector): boolean {
  const a = r.attrs;
  const h = r.header;
  if (s.pref !== undefined && s.pref !== (a.priority ?? 0)) return false;
  if (s.not && !(h.flags & 0x2)) return false;
  for (const [f, addr, len] of [[s.src, a.src, h.src_len], [s.dst, a.dst, h.dst_len]] as const) {
    if (!f || !f.family) continue;
    if (f.family !== h.family || f.bitlen > len) return false;
    if (!prefixMatch(f, addr)) return false;
  }
  if (s.tos !== undefined && s.tos !== h.tos) return false;
  if (s.fwmark && s.fwmark !== (a.fwmark ?? 0)) return false;
  if (s.fwmask && s.fwmask !== (a.fwmask ?? 0)) return false;
  if (s.iif !== undefined && s.iif !== a.iifname) return false;
  if (s.oif !== undefined && s.oif !== a.oifname) return false;
  if (s.l3mdev && !a.l3mdev) return false;
  if (s.uidrange && (!a.uid_range || a.uid_range.start !== s.uidrange[0] || a.uid_range.end !== s.uidrange[1])) return false;
  if (s.ipproto && s.ipproto !== (a.ip_proto ?? 0)) return false;
  for (const [f, r] of [[s.sport, a.sport_range], [s.dport, a.dport_range]] as const) {
    if (f && f[0] && (!r || r.start !== f[0] || r.end !== f[1])) return false;
  }
  if (s.tunId && s.tunId !== a.tun_id) return false;
  if (s.table && s.table !== (a.table ?? h.table)) return false;
  return true;
}

async function show(cli: Cli, args: Args, flush: boolean): Promise<void> {
  const af = cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 2;
  const s = parseSelector(args, af);
  const nl = await cli.nl();
  const rules = (await nl.rule.list({ family: af === 10 ? 'inet6' : 'inet' })).filter((r) => wanted(r, s));
  if (flush) {
    const { ruleDelMessage, ruleBody } = await import('../netlink/route/rule.js');
    for (const r of rules) {
      if (r.attrs.priority === undefined) continue;
      if (s.protocol !== undefined && r.attrs.protocol !== undefined && r.attrs.protocol !== s.protocol) continue;
      await nl.request({ ...ruleDelMessage(r), codec: ruleBody });
    }
    return;
  }
  const o = { details: cli.g.details };
  if (cli.g.json) { cli.printJson(rules.map((r) => ruleJson(r, o))); return; }
  cli.print(rules.map((r) => ruleText(r, o) + '\n').join(''));
}
