/**
 * Links as `ip link show` / `ip address show` print them: the text layout (`3: v0@v1: <...> mtu
 * 1500 ...` + `    link/ether ...`), the brief layout (-br) and the JSON objects of `ip -j`,
 * with the same keys in the same order.
 */

import { operColor, paint } from './color.js';
import type { LinkMessage } from '../../netlink/route/link-attrs.js';
import type { JsonValue } from './json.js';
import { plain } from './plain.js';
import { numeric } from './numeric.js';
import { printKind, type Field, type KindContext, type KindData } from './kind-fields.js';
import { KIND_FIELDS, SLAVE_KIND_FIELDS } from './kind-tables.js';
import { groupName, userName } from './passwd.js';
import { statsJson, statsText, type HumanOptions, type Stats64 } from './link-stats.js';

/** What the link printer needs besides the link. */
export interface LinkPrintOptions {
  /** Name of another link of the same namespace, by ifindex (`if<N>` when unknown). */
  name(index: number): string;
  /** Flags of another link of the same namespace (for M-DOWN), undefined when unknown. */
  flags?(index: number): number | undefined;
  /** Names of the namespaces this one knows by netnsid (for `link-netns NAME`). */
  nsNames?: Map<number, string>;
  /** `ip link` prints `mode`; `ip address` and `ip monitor` do not. */
  doLink?: boolean;
  /** `qlen` is printed by show commands, not by monitor. */
  showQueue?: boolean;
  details?: boolean;
  /** How many -s were given (link show prints stats64 blocks). */
  stats?: number;
  /** -h / -iec: scaled counters in text. */
  human?: HumanOptions;
  /** A RTM_DELLINK event: prefix `Deleted `. */
  deleted?: boolean;
}

// ip's print_link_flags() order, which is not bit order.
const LINK_FLAGS: [number, string][] = [
  [0x8, 'LOOPBACK'], [0x2, 'BROADCAST'], [0x10, 'POINTOPOINT'], [0x1000, 'MULTICAST'], [0x80, 'NOARP'],
  [0x200, 'ALLMULTI'], [0x100, 'PROMISC'], [0x400, 'MASTER'], [0x800, 'SLAVE'], [0x4, 'DEBUG'], [0x8000, 'DYNAMIC'],
  [0x4000, 'AUTOMEDIA'], [0x2000, 'PORTSEL'], [0x20, 'NOTRAILERS'], [0x1, 'UP'], [0x10000, 'LOWER_UP'],
  [0x20000, 'DORMANT'], [0x40000, 'ECHO'],
];
const IFF_UP = 0x1;
const IFF_RUNNING = 0x40;
const IFF_POINTOPOINT = 0x10;

/** Names of ifi_flags as ip lists them (NO-CARRIER first when up without carrier; M-DOWN last). */
export function linkFlagNames(flags: number, mdown = false): string[] {
  const out: string[] = [];
  if (flags & IFF_UP && !(flags & IFF_RUNNING)) out.push('NO-CARRIER');
  let rest = flags & ~IFF_RUNNING;
  for (const [bit, name] of LINK_FLAGS) if (rest & bit) { out.push(name); rest &= ~bit; }
  if (rest) out.push((rest >>> 0).toString(16));
  if (mdown) out.push('M-DOWN');
  return out;
}

const OPERSTATES = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'];
/** IF_OPER_* as ip prints it. */
export function operstateName(n: number): string { return OPERSTATES[n] ?? String(n); }

const LINKMODES = ['DEFAULT', 'DORMANT', 'TESTING'];
/** IF_LINK_MODE_* as ip prints it. */
export function linkmodeName(n: number): string { return LINKMODES[n] ?? String(n); }

// iproute2's ll_types table, for the ARPHRD types a namespace is likely to hold.
const LINK_TYPES: Record<number, string> = {
  0: 'netrom', 1: 'ether', 2: 'eether', 3: 'ax25', 4: 'pronet', 5: 'chaos', 6: 'ieee802', 7: 'arcnet', 8: 'atalk',
  15: 'dlci', 19: 'atm', 23: 'metricom', 24: 'ieee1394', 27: 'eui64', 32: 'infiniband', 256: 'slip', 257: 'cslip',
  258: 'slip6', 259: 'cslip6', 260: 'rsrvd', 264: 'adapt', 270: 'rose', 271: 'x25', 272: 'hwx25', 280: 'can',
  512: 'ppp', 513: 'cisco', 516: 'lapb', 517: 'ddcmp', 518: 'rawhdlc', 519: 'rawip', 768: 'ipip', 769: 'tunnel6',
  770: 'frad', 771: 'skip', 772: 'loopback', 773: 'ltalk', 774: 'fddi', 775: 'bif', 776: 'sit', 777: 'ip/ddp',
  778: 'gre', 779: 'pimreg', 780: 'hippi', 781: 'ash', 782: 'econet', 783: 'irda', 784: 'fcpp', 785: 'fcal',
  786: 'fcpl', 787: 'fcfb', 800: 'tr', 801: 'ieee802.11', 802: 'ieee802.11/prism', 803: 'ieee802.11/radiotap',
  804: 'ieee802.15.4', 805: 'ieee802.15.4/monitor', 820: 'phonet', 821: 'phonet_pipe', 822: 'caif', 823: 'gre6',
  824: 'netlink', 825: '6lowpan', 0xfffe: 'none', 0xffff: 'void',
};
/** ARPHRD_* as ip's `link/<type>` spells it. */
export function linkTypeName(n: number): string { return (numeric.on ? undefined : LINK_TYPES[n]) ?? `[${n}]`; }

/** The `@peer` part of a link's name: `@v1`, `@if7` (peer in another namespace), `@NONE`. */
function linkSuffix(l: LinkMessage, o: LinkPrintOptions): string {
  const iflink = l.attrs.link;
  if (iflink === undefined) return '';
  if (iflink === 0) return '@NONE';
  return l.attrs.link_netnsid !== undefined ? `@if${iflink}` : `@${o.name(iflink)}`;
}

function mdown(l: LinkMessage, o: LinkPrintOptions): boolean {
  const iflink = l.attrs.link;
  if (!iflink || l.attrs.link_netnsid !== undefined || !o.flags) return false;
  const f = o.flags(iflink);
  return f !== undefined && !(f & IFF_UP);
}

/** The first line and the `link/` line of a link, as ip prints them (no trailing newline). */
export function linkText(l: LinkMessage, o: LinkPrintOptions): string {
  const a = l.attrs;
  let s = o.deleted ? 'Deleted ' : '';
  s += `${l.header.index}: ${paint('ifname', `${a.ifname ?? '<nil>'}${linkSuffix(l, o)}: `)}<${linkFlagNames(l.header.flags, mdown(l, o)).join(',')}> `;
  if (a.mtu !== undefined) s += `mtu ${a.mtu} `;
  if (a.qdisc !== undefined) s += `qdisc ${a.qdisc} `;
  if (a.master !== undefined) s += `master ${o.name(a.master)} `;
  if (a.operstate !== undefined) s += `state ${paint(operColor(a.operstate), `${operstateName(a.operstate)} `)}`;
  if (o.doLink && a.linkmode !== undefined) s += `mode ${linkmodeName(a.linkmode)} `;
  if (a.group !== undefined) s += `group ${a.group === 0 && !numeric.on ? 'default' : a.group} `;
  if (o.showQueue && a.txqlen !== undefined) s += `qlen ${a.txqlen}`;
  s += `\n    link/${linkTypeName(l.header.type)} `;
  if (a.address !== undefined) s += paint('mac', a.address);
  if (a.broadcast !== undefined) s += `${l.header.flags & IFF_POINTOPOINT ? ' peer ' : ' brd '}${paint('mac', a.broadcast)}`;
  if (a.link_netnsid !== undefined) {
    const id = a.link_netnsid;
    const name = id >= 0 ? o.nsNames?.get(id) : undefined;
    s += name !== undefined ? ` link-netns ${name}` : ` link-netnsid ${id >= 0 ? id : 'unknown'}`;
  }
  if (a.proto_down) s += ' protodown on ';
  if (o.details) s += detailsText(l, o);
  if ((o.doLink || o.details) && a.ifalias !== undefined) s += `\n    alias ${a.ifalias}`;
  if (o.doLink && o.stats && a.stats64) s += statsText(a.stats64 as Stats64, o.stats, a.carrier_changes, o.human);
  // ip prints IFLA_PROP_LIST's alternative names last, one line each, in link and address listings.
  for (const alt of a.prop_list?.alt_ifname ?? []) s += `\n    altname ${alt}`;
  return s;
}

function detailsText(l: LinkMessage, o: LinkPrintOptions): string {
  const a = l.attrs;
  let s = '';
  if (a.promiscuity !== undefined) s += ` promiscuity ${a.promiscuity} `;
  if (a.allmulti !== undefined) s += ` allmulti ${a.allmulti} `;
  if (a.min_mtu !== undefined) s += `minmtu ${a.min_mtu} `;
  if (a.max_mtu !== undefined) s += `maxmtu ${a.max_mtu} `;
  const k = kindDetails(l, o);
  if (k.kind !== undefined) s += `\n    ${k.kind} ${k.text}`;
  if (k.slaveKind !== undefined) s += `\n    ${k.slaveKind}_slave ${k.slaveText}`;
  // ip prints IFLA_AF_SPEC (addrgenmode) in link listings only, not address ones.
  const gen = o.doLink ? addrGenMode(l) : undefined;
  if (gen !== undefined) s += `addrgenmode ${gen} `;
  if (a.num_tx_queues !== undefined) s += `numtxqueues ${a.num_tx_queues} `;
  if (a.num_rx_queues !== undefined) s += `numrxqueues ${a.num_rx_queues} `;
  if (a.gso_max_size !== undefined) s += `gso_max_size ${a.gso_max_size} `;
  if (a.gso_max_segs !== undefined) s += `gso_max_segs ${a.gso_max_segs} `;
  if (a.tso_max_size !== undefined) s += `tso_max_size ${a.tso_max_size} `;
  if (a.tso_max_segs !== undefined) s += `tso_max_segs ${a.tso_max_segs} `;
  if (a.gro_max_size !== undefined) s += `gro_max_size ${a.gro_max_size} `;
  return s;
}

// IN6_ADDR_GEN_MODE_* as ip 6.1 names them (STABLE_PRIVACY prints as stable_secret).
const ADDR_GEN_MODES = ['eui64', 'none', 'stable_secret', 'random'];
function addrGenMode(l: LinkMessage): string | undefined {
  const m = (l.attrs.af_spec as { inet6?: { addr_gen_mode?: number } } | undefined)?.inet6?.addr_gen_mode;
  return m === undefined ? undefined : ADDR_GEN_MODES[m] ?? String(m);
}

interface KindDetails {
  kind?: string;
  text: string;
  json?: Record<string, JsonValue>;
  slaveKind?: string;
  slaveText: string;
  slaveJson?: Record<string, JsonValue>;
}

/** linkinfo through the kind tables (kind-tables.ts); kinds without a table keep the library's keys. */
function kindDetails(l: LinkMessage, o: LinkPrintOptions): KindDetails {
  const info = l.attrs.linkinfo;
  const ctx: KindContext = { name: o.name, user: userName, group: groupName };
  const one = (kind: string | undefined, data: unknown, tables: Readonly<Record<string, readonly Field[]>>): { json?: Record<string, JsonValue>; text: string } => {
    if (kind === undefined) return { text: '' };
    const table = tables[kind];
    if (table) return printKind(table, data as KindData | undefined, ctx);
    const json = dataObject(data);
    let text = '';
    for (const [k, v] of Object.entries(json)) text += `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)} `;
    return { json, text };
  };
  const k = one(info?.kind, info?.data, KIND_FIELDS);
  const sk = one(info?.slave_kind, info?.slave_data, SLAVE_KIND_FIELDS);
  return { kind: info?.kind, text: k.text, json: k.json, slaveKind: info?.slave_kind, slaveText: sk.text, slaveJson: sk.json };
}

// Kind data as printable key/values; the peer of a veth is a request-only attribute.
function dataObject(data: unknown): Record<string, JsonValue> {
  if (data === undefined || data === null || Buffer.isBuffer(data) || typeof data !== 'object') return {};
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) if (k !== 'unknown' && k !== 'peer') out[k] = plain(v);
  return out;
}

/** A link as an `ip -j link show` object (same keys, same order). */
export function linkJson(l: LinkMessage, o: LinkPrintOptions): Record<string, JsonValue> {
  const a = l.attrs;
  const j: Record<string, JsonValue> = {};
  if (o.deleted) j.deleted = true;
  j.ifindex = l.header.index;
  if (a.link !== undefined) {
    if (a.link === 0) j.link = null;
    else if (a.link_netnsid !== undefined) j.link_index = a.link;
    else j.link = o.name(a.link);
  }
  j.ifname = a.ifname ?? null;
  j.flags = linkFlagNames(l.header.flags, mdown(l, o));
  j.mtu = a.mtu;
  j.qdisc = a.qdisc;
  if (a.master !== undefined) j.master = o.name(a.master);
  if (a.operstate !== undefined) j.operstate = operstateName(a.operstate);
  if (o.doLink && a.linkmode !== undefined) j.linkmode = linkmodeName(a.linkmode);
  if (a.group !== undefined) j.group = a.group === 0 && !numeric.on ? 'default' : String(a.group);
  if (o.showQueue) j.txqlen = a.txqlen;
  j.link_type = linkTypeName(l.header.type);
  j.address = a.address;
  if (a.broadcast !== undefined) {
    if (l.header.flags & IFF_POINTOPOINT) j.link_pointtopoint = true;
    j.broadcast = a.broadcast;
  }
  j.link_netnsid = a.link_netnsid;
  if (a.proto_down) j.proto_down = true;
  if (o.details) {
    j.promiscuity = a.promiscuity;
    j.allmulti = a.allmulti;
    j.min_mtu = a.min_mtu;
    j.max_mtu = a.max_mtu;
    const k = kindDetails(l, o);
    if (k.kind !== undefined || k.slaveKind !== undefined) {
      const li: Record<string, JsonValue> = { info_kind: k.kind };
      if (k.json && Object.keys(k.json).length) li.info_data = k.json;
      if (k.slaveKind !== undefined) {
        li.info_slave_kind = k.slaveKind;
        if (k.slaveJson && Object.keys(k.slaveJson).length) li.info_slave_data = k.slaveJson;
      }
      j.linkinfo = li;
    }
    if (o.doLink) j.inet6_addr_gen_mode = addrGenMode(l);
    j.num_tx_queues = a.num_tx_queues;
    j.num_rx_queues = a.num_rx_queues;
    j.gso_max_size = a.gso_max_size;
    j.gso_max_segs = a.gso_max_segs;
    j.tso_max_size = a.tso_max_size;
    j.tso_max_segs = a.tso_max_segs;
    j.gro_max_size = a.gro_max_size;
  }
  if ((o.doLink || o.details) && a.ifalias !== undefined) j.ifalias = a.ifalias;
  if (o.doLink && o.stats && a.stats64) j.stats64 = statsJson(a.stats64 as Stats64, o.stats, a.carrier_changes);
  if (a.prop_list) j.altnames = [...(a.prop_list.alt_ifname ?? [])];
  return j;
}

/** The `ifname@peer` column of the brief layout. */
function briefName(l: LinkMessage, o: LinkPrintOptions): string {
  return `${l.attrs.ifname ?? '<nil>'}${linkSuffix(l, o)}`;
}

/** A link in the -br layout (`v0@v1            UP             f6:.. <...> `), no newline. */
export function linkBriefText(l: LinkMessage, o: LinkPrintOptions, withLinkInfo = true): string {
  const state = l.attrs.operstate ?? 0;
  let s = `${paint('ifname', `${briefName(l, o).padEnd(16)} `)}${paint(operColor(state), `${operstateName(state).padEnd(14)} `)}`;
  if (withLinkInfo) {
    if (l.attrs.address !== undefined) s += paint('mac', `${l.attrs.address} `);
    s += `<${linkFlagNames(l.header.flags, mdown(l, o)).join(',')}> `;
  }
  return s;
}

/** A link as an `ip -j -br link` object. */
export function linkBriefJson(l: LinkMessage, o: LinkPrintOptions, withLinkInfo = true): Record<string, JsonValue> {
  const j: Record<string, JsonValue> = {};
  const iflink = l.attrs.link;
  if (iflink !== undefined) {
    if (iflink === 0) j.link = null;
    else if (l.attrs.link_netnsid !== undefined) j.link_index = iflink;
    else j.link = o.name(iflink);
  }
  j.ifname = l.attrs.ifname;
  j.operstate = operstateName(l.attrs.operstate ?? 0);
  if (withLinkInfo) {
    j.address = l.attrs.address;
    j.flags = linkFlagNames(l.header.flags, mdown(l, o));
  }
  return j;
}
