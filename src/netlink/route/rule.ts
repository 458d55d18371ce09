/**
 * Policy-routing rules: `RuleService` is `ip rule add/del/show/flush`, built on the FRA_*
 * table in rule-attrs.ts. Options map to messages in a pure function (ruleMessage) that makes
 * the bytes ip 6.1 makes for the same words.
 */

import { NLM_F_CREATE, NLM_F_EXCL } from '../constants.js';
import { UsageError } from '../errors.js';
import { parseFamily, parsePrefix, type FamilyOption, type InetFamily } from './cidr.js';
import * as K from './constants.js';
import { protocols, routeTypes, tables } from './names.js';
import { ruleBody, type FibRuleHdr, type RuleAttrs, type RuleMessage } from './rule-attrs.js';
import type { RouteContext } from './context.js';

export * from './rule-attrs.js';

/** A port or an inclusive port range. */
export type PortRange = number | readonly [number, number];

/** Options of rule add/del, in ip's words (`ip rule add from 10.0.0.0/8 table 100 pref 1000`). */
export interface RuleOptions {
  /** 'inet' (default) or 'inet6'; otherwise taken from `from`/`to`. */
  family?: FamilyOption;
  /** Invert the selector (FIB_RULE_INVERT, ip's `not`). */
  not?: boolean;
  /** Source prefix; 'all' (or 'any', 'default') matches any (ip sends an empty FRA_SRC for it). */
  from?: string;
  /** Destination prefix. */
  to?: string;
  /** FRA_PRIORITY (ip's pref/priority/order); the kernel picks one below the last rule when absent. */
  priority?: number;
  /** The DS field byte to match (fib_rule_hdr tos; ip's tos/dsfield). */
  tos?: number;
  fwmark?: number;
  /** Mask for fwmark (FRA_FWMASK). */
  fwmask?: number;
  /** Input interface name (FRA_IIFNAME; ip's iif/dev); need not exist yet. */
  iif?: string;
  /** Output interface name (FRA_OIFNAME). */
  oif?: string;
  /** Look up the table of the l3mdev (VRF) the packet came from or goes to (FRA_L3MDEV). */
  l3mdev?: boolean;
  /** Inclusive uid range (FRA_UID_RANGE). */
  uidrange?: readonly [number, number];
  /** IP protocol number (FRA_IP_PROTO; 6 tcp, 17 udp). */
  ipproto?: number;
  sport?: PortRange;
  dport?: PortRange;
  /** Who installed the rule (FRA_PROTOCOL; rt_protos names or a number). */
  protocol?: string | number;
  /** Table to look up: 'main', 'local', 'default' or a number; above 255 it travels in FRA_TABLE. */
  table?: string | number;
  /** Ignore routes from the table with a prefix length of this or less (FRA_SUPPRESS_PREFIXLEN). */
  suppressPrefixlength?: number;
  /** Ignore routes whose device is in this group (FRA_SUPPRESS_IFGROUP). */
  suppressIfgroup?: number;
  /** Realms (FRA_FLOW: source realm << 16 | destination realm). */
  realms?: number;
  /** Tunnel id to match (FRA_TUN_ID). */
  tunId?: bigint | number;
  /** Jump to the rule with this priority (FR_ACT_GOTO). */
  goto?: number;
  /**
   * The action when not a table lookup: 'nop', 'blackhole', 'unreachable', 'prohibit' (ip's
   * rule types; route type names map to the FR_ACT_* of the same number) or a number.
   */
  action?: string | number;
}

/** A request ready for the socket (flags besides REQUEST|ACK). */
export interface RuleRequest {
  type: number;
  flags: number;
  body: RuleMessage;
  op: string;
}

/** The rule commands and their nlmsg flags (iproute2's iprule_modify). */
export const RULE_COMMANDS = { add: NLM_F_CREATE | NLM_F_EXCL, del: 0 } as const;
/** A rule command. */
export type RuleCommand = keyof typeof RULE_COMMANDS;

function uint(v: number | undefined, what: string, max = 0xffffffff): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0 || v > max) throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: an integer 0-${max}`);
  return v;
}

function ports(v: PortRange | undefined, what: string): { start: number; end: number } | undefined {
  if (v === undefined) return undefined;
  const [start, end] = typeof v === 'number' ? [v, v] : v;
  return { start: uint(start, what, 0xffff)!, end: uint(end, what, 0xffff)! };
}

// ip's get_prefix() words for "any address", length 0: all/any carry a zero-length address,
// default the family's zero address (iproute2 6.1 get_addr_1).
const ANY = ['all', 'any', 'default'];

function ruleFamily(opts: RuleOptions): InetFamily {
  const f = parseFamily(opts.family);
  if (f !== undefined) return f;
  for (const p of [opts.from, opts.to]) if (p !== undefined && !ANY.includes(p)) return parsePrefix(p, 'prefix').family;
  return K.AF_INET;
}

/** The FR_ACT_* of an action word: goto and nop by name, route types by their RTN_* number, as ip reads them. */
function actionOf(a: string | number): number {
  if (a === 'nop') return K.FR_ACT_NOP;
  if (a === 'goto') return K.FR_ACT_GOTO;
  const n = typeof a === 'number' ? a : routeTypes.lookup(a);
  if (n === undefined || !Number.isInteger(n) || n < 0 || n > 255) throw new UsageError(`invalid rule action ${JSON.stringify(a)}: nop, blackhole, unreachable, prohibit or a number`);
  return n;
}

function selectorAttrs(opts: RuleOptions, family: InetFamily, header: FibRuleHdr, attrs: RuleAttrs): void {
  for (const [k, key, len] of [['from', 'src', 'src_len'], ['to', 'dst', 'dst_len']] as const) {
    const v = opts[k];
    if (v === undefined) continue;
    if (ANY.includes(v)) { attrs[key] = v !== 'default' ? '' : family === K.AF_INET ? '0.0.0.0' : '::'; continue; }
    const p = parsePrefix(v, k, family);
    header[len] = p.prefixlen;
    attrs[key] = p.address;
  }
  const prio = uint(opts.priority, 'priority');
  if (prio !== undefined) attrs.priority = prio;
  const mark = uint(opts.fwmark, 'fwmark');
  if (mark !== undefined) attrs.fwmark = mark;
  const mask = uint(opts.fwmask, 'fwmask');
  if (mask !== undefined) attrs.fwmask = mask;
  if (opts.iif !== undefined) attrs.iifname = opts.iif;
  if (opts.oif !== undefined) attrs.oifname = opts.oif;
  if (opts.l3mdev) attrs.l3mdev = 1;
  if (opts.uidrange !== undefined) attrs.uid_range = { start: uint(opts.uidrange[0], 'uidrange start')!, end: uint(opts.uidrange[1], 'uidrange end')! };
  const proto = uint(opts.ipproto, 'ipproto', 255);
  if (proto !== undefined) attrs.ip_proto = proto;
  const sport = ports(opts.sport, 'sport');
  if (sport) attrs.sport_range = sport;
  const dport = ports(opts.dport, 'dport');
  if (dport) attrs.dport_range = dport;
  if (opts.tunId !== undefined) attrs.tun_id = BigInt(opts.tunId);
}

/**
 * Maps rule options to the message `ip rule add|del ...` sends: family inet unless told (or
 * the prefixes say), an add without a table or action looks up main (FR_ACT_TO_TBL), a delete
 * leaves the action open (FR_ACT_UNSPEC) and matches on whatever was given.
 */
export function ruleMessage(cmd: RuleCommand, opts: RuleOptions): RuleRequest {
  if (!(cmd in RULE_COMMANDS)) throw new UsageError(`unknown rule command ${JSON.stringify(cmd)}`);
  opts ??= {};
  const family = ruleFamily(opts);
  const header: FibRuleHdr = {
    family, dst_len: 0, src_len: 0, tos: uint(opts.tos, 'tos', 255) ?? 0, table: 0,
    action: cmd === 'add' ? K.FR_ACT_TO_TBL : K.FR_ACT_UNSPEC, flags: opts.not ? K.FIB_RULE_INVERT : 0,
  };
  const attrs: RuleAttrs = {};
  selectorAttrs(opts, family, header, attrs);
  if (opts.protocol !== undefined) attrs.protocol = protocols.parse(opts.protocol);
  const realms = uint(opts.realms, 'realms');
  if (realms !== undefined) attrs.flow = realms;
  const spl = uint(opts.suppressPrefixlength, 'suppress_prefixlength', 0x7fffffff);
  if (spl !== undefined) attrs.suppress_prefixlen = spl;
  const group = uint(opts.suppressIfgroup, 'suppress_ifgroup');
  if (group !== undefined) attrs.suppress_ifgroup = group;
  let tableSet = false;
  if (opts.table !== undefined) {
    const t = tables.parse(opts.table);
    if (t < 256) header.table = t;
    else attrs.table = t;
    tableSet = true;
  }
  if (opts.l3mdev && tableSet && (header.table || attrs.table)) throw new UsageError('table can not be specified for l3mdev rules');
  if (opts.goto !== undefined) {
    attrs.goto = uint(opts.goto, 'goto target')!;
    header.action = K.FR_ACT_GOTO;
  } else if (opts.action !== undefined) header.action = actionOf(opts.action);
  // ip looks up main when nothing else says where to go (no table, l3mdev or action word).
  if (cmd === 'add' && !tableSet && !opts.l3mdev && opts.goto === undefined && opts.action === undefined) header.table = K.RT_TABLE_MAIN;
  const what = [opts.priority === undefined ? '' : ` pref ${opts.priority}`, opts.from ? ` from ${opts.from}` : '', opts.to ? ` to ${opts.to}` : ''].join('');
  return { type: cmd === 'add' ? K.RTM_NEWRULE : K.RTM_DELRULE, flags: RULE_COMMANDS[cmd], body: { header, attrs }, op: `rule.${cmd}${what}` };
}

/** Filters of `rule.list`: by family (the kernel's), the rest by comparing decoded rules. */
export interface RuleFilter {
  /** 'inet' (default, as ip rule show), 'inet6', or 'all'. */
  family?: FamilyOption | 'all';
  /** Only rules looking up this table. */
  table?: string | number;
  /** Only the rule with this priority. */
  priority?: number;
}

/** The table a decoded rule looks up (FRA_TABLE when present: it carries ids above 255). */
export function ruleTable(r: RuleMessage): number {
  return r.attrs.table ?? r.header.table;
}

/** The message that deletes exactly this dumped rule (ip rule flush sends the dump entry back as RTM_DELRULE). */
export function ruleDelMessage(r: RuleMessage): RuleRequest {
  return { type: K.RTM_DELRULE, flags: 0, body: r, op: `rule.del pref ${r.attrs.priority ?? 0}` };
}

/** `nl.rule`: policy-routing rules of this handle's namespace, as `ip rule`. */
export class RuleService {
  constructor(protected readonly ctx: RouteContext) {}

  /** Adds a rule (`ip rule add`); EEXIST when an identical one exists. */
  async add(opts: RuleOptions): Promise<void> {
    await this.ctx.sock.request({ ...ruleMessage('add', opts), codec: ruleBody });
  }

  /** Deletes the first rule matching the options (`ip rule del`); ENOENT when none does. */
  async del(opts: RuleOptions): Promise<void> {
    await this.ctx.sock.request({ ...ruleMessage('del', opts), codec: ruleBody });
  }

  /** Lists rules (`ip rule show`): IPv4 unless asked otherwise, in priority order. */
  async list(filter: RuleFilter = {}): Promise<RuleMessage[]> {
    const families = filter.family === 'all' ? [K.AF_INET, K.AF_INET6] : [parseFamily(filter.family) ?? K.AF_INET];
    const table = filter.table === undefined ? undefined : tables.parse(filter.table);
    const out: RuleMessage[] = [];
    for (const family of families) {
      const body: RuleMessage = { header: { family, dst_len: 0, src_len: 0, tos: 0, table: 0, action: 0, flags: 0 }, attrs: {} };
      const msgs = await this.ctx.sock.dumpAll<RuleMessage>({ type: K.RTM_GETRULE, op: 'rule.list', codec: ruleBody, body }, { retries: 3 });
      for (const m of msgs) {
        if (table !== undefined && ruleTable(m.body) !== table) continue;
        if (filter.priority !== undefined && (m.body.attrs.priority ?? 0) !== filter.priority) continue;
        out.push(m.body);
      }
    }
    return out;
  }

  /**
   * Deletes every listed rule that has a priority (`ip rule flush`): the rule at priority 0
   * (local) reports none and stays, as with ip. Returns how many were deleted.
   */
  async flush(filter: RuleFilter = {}): Promise<number> {
    const rules = (await this.list(filter)).filter((r) => r.attrs.priority !== undefined);
    for (const r of rules) await this.ctx.sock.request({ ...ruleDelMessage(r), codec: ruleBody });
    return rules.length;
  }
}
