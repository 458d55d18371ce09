/**
 * Policy-routing rules as `ip rule show` prints them (`1000:\tfrom 10.1.0.0/16 iif v0 lookup
 * 100`) and as `ip -j rule` objects: a transcription of ip 6.1's print_rule(), field by field.
 */

import { readFileSync } from 'node:fs';
import { familyColor, paint } from './color.js';
import type { JsonValue } from './json.js';
import type { RuleMessage } from '../../netlink/route/rule-attrs.js';
import { dsfields, protocols, routeTypes, tables } from '../../netlink/route/names.js';
import { nameOf, numeric } from './numeric.js';

const FIB_RULE_INVERT = 0x2;
const FIB_RULE_UNRESOLVED = 0x4;
const FIB_RULE_IIF_DETACHED = 0x8;
const FIB_RULE_OIF_DETACHED = 0x10;
const FR_ACT_TO_TBL = 1;
const FR_ACT_GOTO = 2;
const FR_ACT_NOP = 3;
const RTN_NAT = 10;
const RTPROT_KERNEL = 2;
const HOST_LEN: Record<number, number> = { 2: 32, 10: 128 };

let protoTable: { byNumber: Map<number, string>; byName: Map<string, number> } | undefined;

/** /etc/protocols as getprotobynumber/getprotobyname read it (first name per number; aliases parse). */
function etcProtocols(): NonNullable<typeof protoTable> {
  if (protoTable) return protoTable;
  const byNumber = new Map<number, string>();
  const byName = new Map<string, number>();
  let text = '';
  try { text = readFileSync('/etc/protocols', 'utf8'); } catch { /* no names: ip prints ipproto-N */ }
  for (const line of text.split('\n')) {
    const [name, num, ...aliases] = line.replace(/#.*/, '').trim().split(/\s+/);
    const n = Number(num);
    if (!name || !num || !/^\d+$/.test(num)) continue;
    if (!byNumber.has(n)) byNumber.set(n, name);
    for (const a of [name, ...aliases]) if (!byName.has(a)) byName.set(a, n);
  }
  protoTable = { byNumber, byName };
  return protoTable;
}

/** ip's inet_proto_n2a(): the /etc/protocols name of an IP protocol number, or `ipproto-N`. */
export function ipprotoName(n: number): string {
  return etcProtocols().byNumber.get(n) ?? `ipproto-${n}`;
}

/** ip's inet_proto_a2n(): a decimal 0-255, else a /etc/protocols name or alias; undefined when neither. */
export function ipprotoNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) { const n = Number(s); if (n <= 255) return n; }
  return etcProtocols().byName.get(s);
}

/** A realm's name: ip's default rt_realms names only 0 (`cosmos`). */
export function realmName(n: number): string { return n === 0 ? 'cosmos' : String(n); }
/** A device group's name: ip's default group file names only 0 (`default`). */
export function groupName(n: number): string { return n === 0 ? 'default' : String(n); }

/** `%#llx` as C prints it: `0` for zero, `0x..` otherwise. */
function hex(n: number): string { return n === 0 ? '0' : `0x${n.toString(16)}`; }

/** What the rule printer needs besides the rule. */
export interface RulePrintOptions {
  details?: boolean;
  deleted?: boolean;
}

function addrPart(r: RuleMessage, which: 'src' | 'dst', t: string[], j: Record<string, JsonValue>): void {
  const h = r.header;
  const a = which === 'src' ? r.attrs.src : r.attrs.dst;
  const len = which === 'src' ? h.src_len : h.dst_len;
  const word = which === 'src' ? 'from ' : ' to ';
  if (a !== undefined && a !== '') {
    t.push(word, paint(familyColor(h.family), a));
    j[which] = a;
    if (len !== HOST_LEN[h.family]) { t.push(`/${len}`); j[`${which}len`] = len; }
  } else if (len) {
    t.push(`${word}0/${len}`);
    j[which] = '0';
    j[`${which}len`] = len;
  } else if (which === 'src') {
    t.push('from all');
    j.src = 'all';
  }
}

function portPart(name: 'sport' | 'dport', r: { start: number; end: number } | undefined, t: string[], j: Record<string, JsonValue>): void {
  if (!r) return;
  if (r.start === r.end) { t.push(` ${name} ${r.start}`); j[name] = r.start; return; }
  t.push(` ${name} ${r.start}-${r.end}`);
  j[`${name}_start`] = r.start;
  j[`${name}_end`] = r.end;
}

function actionPart(r: RuleMessage, t: string[], j: Record<string, JsonValue>): void {
  const { action, flags } = r.header;
  if (action === RTN_NAT) {
    // Route NAT is long gone from the kernel; ip still prints the gateway it would have used.
    const gw = r.attrs.unknown?.find((u) => u.type === 5);
    if (gw && gw.data.length === 4) { const g = [...gw.data].join('.'); t.push(` map-to ${g}`); j.nat_gateway = g; }
    else { t.push(' masquerade'); j.masquerade = null; }
  } else if (action === FR_ACT_GOTO) {
    if (r.attrs.goto !== undefined) { t.push(` goto ${r.attrs.goto}`); j.goto = r.attrs.goto; }
    else { t.push(' goto none'); j.goto = 'none'; }
    if (flags & FIB_RULE_UNRESOLVED) { t.push(' [unresolved]'); j.unresolved = null; }
  } else if (action === FR_ACT_NOP) {
    t.push(' nop');
    j.nop = null;
  } else if (action !== FR_ACT_TO_TBL) {
    const n = nameOf(routeTypes, action);
    t.push(` ${n}`);
    j.action = n;
  }
}

function build(r: RuleMessage, o: RulePrintOptions): { text: string; json: Record<string, JsonValue> } {
  const a = r.attrs;
  const h = r.header;
  const j: Record<string, JsonValue> = {};
  const t: string[] = [];
  if (o.deleted) { t.push('Deleted '); j.deleted = true; }
  const prio = a.priority ?? 0;
  t.push(`${prio}:\t`);
  j.priority = prio;
  if (h.flags & FIB_RULE_INVERT) { t.push('not '); j.not = null; }
  addrPart(r, 'src', t, j);
  addrPart(r, 'dst', t, j);
  if (h.tos) { const s = numeric.on ? `0x${h.tos.toString(16).padStart(2, '0')}` : dsfields.name(h.tos); t.push(` tos ${s}`); j.tos = s; }
  if (a.fwmark !== undefined || a.fwmask !== undefined) {
    const mark = a.fwmark ?? 0;
    t.push(` fwmark ${hex(mark)}`);
    j.fwmark = hex(mark);
    if (a.fwmask !== undefined && a.fwmask !== 0xffffffff) { t.push(`/${hex(a.fwmask)}`); j.fwmask = hex(a.fwmask); }
  }
  if (a.iifname !== undefined) {
    t.push(' iif ', paint('ifname', a.iifname));
    j.iif = a.iifname;
    if (h.flags & FIB_RULE_IIF_DETACHED) { t.push(' [detached]'); j.iif_detached = null; }
  }
  if (a.oifname !== undefined) {
    t.push(' oif ', paint('ifname', a.oifname));
    j.oif = a.oifname;
    if (h.flags & FIB_RULE_OIF_DETACHED) { t.push(' [detached]'); j.oif_detached = null; }
  }
  if (a.l3mdev) { t.push(' lookup [l3mdev-table]'); j.l3mdev = null; }
  if (a.uid_range) {
    t.push(` uidrange ${a.uid_range.start}-${a.uid_range.end}`);
    j.uid_start = a.uid_range.start;
    j.uid_end = a.uid_range.end;
  }
  if (a.ip_proto !== undefined) { const p = ipprotoName(a.ip_proto); t.push(` ipproto ${p}`); j.ipproto = p; }
  portPart('sport', a.sport_range, t, j);
  portPart('dport', a.dport_range, t, j);
  if (a.tun_id !== undefined) { t.push(` tun_id ${a.tun_id}`); j.tun_id = a.tun_id; }
  const table = a.table ?? h.table;
  if (table) {
    const tb = nameOf(tables, table);
    t.push(` lookup ${tb}`);
    j.table = tb;
    // The kernel reports "unset" as -1 (0xffffffff).
    if (a.suppress_prefixlen !== undefined && a.suppress_prefixlen !== 0xffffffff) {
      const pl = a.suppress_prefixlen | 0;
      t.push(` suppress_prefixlength ${pl}`);
      j.suppress_prefixlen = pl;
    }
    if (a.suppress_ifgroup !== undefined && a.suppress_ifgroup !== 0xffffffff) {
      const g = groupName(a.suppress_ifgroup | 0);
      t.push(` suppress_ifgroup ${g}`);
      j.suppress_ifgroup = g;
    }
  }
  if (a.flow !== undefined) {
    const from = a.flow >>> 16;
    const to = a.flow & 0xffff;
    if (from) { t.push(` realms ${realmName(from)}/`); j.flow_from = realmName(from); }
    else t.push(' realms ');
    t.push(realmName(to));
    j.flow_to = realmName(to);
  }
  actionPart(r, t, j);
  if (a.protocol !== undefined && ((a.protocol && a.protocol !== RTPROT_KERNEL) || o.details)) {
    const p = nameOf(protocols, a.protocol);
    t.push(` proto ${p}`);
    j.protocol = p;
  }
  return { text: t.join(''), json: j };
}

/** One rule in ip's text layout (no trailing newline). */
export function ruleText(r: RuleMessage, o: RulePrintOptions = {}): string { return build(r, o).text; }

/** One rule as an `ip -j rule` object. */
export function ruleJson(r: RuleMessage, o: RulePrintOptions = {}): Record<string, JsonValue> { return build(r, o).json; }
