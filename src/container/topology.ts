/**
 * topology(): the map of every network namespace on the machine and what joins them. Named
 * namespaces (/run/netns) and unnamed ones a process holds (found through /proc/PID/ns/net, the
 * same namespace counted once by its nsfs inode; this is where runc, docker and podman containers
 * live), each with its links, addresses and state; veth pairs resolved across namespaces through
 * IFLA_LINK_NETNSID and the peer's ifindex; bridges with their ports; macvlan/vxlan lower devices.
 *
 * Read only: every namespace is looked at through a netlink socket opened inside it (dumps and
 * RTM_GETNSID lookups, which never assign an id); nothing is changed anywhere.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { Netlink } from '../client.js';
import { IFF_LOOPBACK, IFF_UP } from '../netlink/route/constants.js';
import type { LinkMessage } from '../netlink/route/link-attrs.js';
import type { AddrMessage } from '../netlink/route/address.js';
import { runDirNames } from '../ns/identity.js';
import { NETNS_RUN_DIR } from '../ns/ref.js';
import { reasonOf } from './errors.js';

/** The far end of a link: a namespace id (TopoNamespace.id) when known, the ifindex, and the name when that namespace is listed. */
export interface TopoEnd {
  netns?: string;
  ifindex: number;
  ifname?: string;
  /** The netnsid the link's namespace knows the far namespace by, when it is another one. */
  nsid?: number;
}

/** One link of a namespace. */
export interface TopoLink {
  ifindex: number;
  ifname: string;
  /** IFLA_INFO_KIND ('veth', 'bridge', ...), 'loopback', or 'device' for a link without a kind. */
  kind: string;
  /** Administratively up (IFF_UP). */
  up: boolean;
  /** RFC 2863 state (IFLA_OPERSTATE): 'UP', 'DOWN', 'LOWERLAYERDOWN', 'UNKNOWN', ... */
  operstate: string;
  mtu?: number | undefined;
  mac?: string | undefined;
  /** Addresses as CIDRs, IPv6 link-local ones left out (they follow from the MAC). */
  addresses: string[];
  /** The bridge (or other master) this link is a port of, in the same namespace. */
  master?: string | undefined;
  /** A veth's other end. */
  peer?: TopoEnd | undefined;
  /** A macvlan's, macvtap's or vxlan's lower device. */
  lower?: TopoEnd | undefined;
  /** IFLA_IFALIAS (attach() marks host ends `nlctl:<id>`). */
  alias?: string | undefined;
}

/** One network namespace. */
export interface TopoNamespace {
  /** A stable key: `netns:NAME` for a named namespace, `pid:PID` for one only a process holds. */
  id: string;
  /** The /run/netns name. */
  name?: string;
  /** For an unnamed namespace: the lowest pid that holds it, and that process's command name. */
  pid?: number;
  comm?: string;
  /** How many processes are in it. */
  processes: number;
  /** The nsfs inode (what `ls -L -i /proc/PID/ns/net` shows). */
  inode: number;
  /** True for the initial namespace (pid 1's). Listed, never changed. */
  root?: boolean;
  links: TopoLink[];
  /** Why the namespace could not be read (it is listed without links). */
  error?: string;
}

/** A join between two links: a veth pair, a bridge and its port, an upper device and its lower one. */
export interface TopoEdge {
  kind: 'veth' | 'port' | 'lower';
  from: { netns: string; ifname: string };
  to: { netns: string; ifname: string };
}

/** The whole map: namespaces (named ones by name, then unnamed by pid) and the edges between their links. */
export interface Topology {
  namespaces: TopoNamespace[];
  edges: TopoEdge[];
}

/** Which namespaces to list (all by default); far ends in namespaces left out stay unresolved (ifindex and nsid only) and get no edge. */
export interface TopologyOptions {
  include?(ns: Pick<TopoNamespace, 'id' | 'name' | 'pid' | 'comm' | 'root'>): boolean;
}

const OPERSTATES = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'];

interface Found { ns: TopoNamespace; path: string }

/** Every namespace: named ones, then those only processes hold, deduplicated by inode. */
function discover(): Found[] {
  const byIno = new Map<number, Found>();
  const named: Found[] = [];
  for (const name of runDirNames().sort()) {
    const path = `${NETNS_RUN_DIR}/${name}`;
    let ino: number;
    try { ino = statSync(path).ino; } catch { continue; } // raced a delete, or not a namespace
    if (byIno.has(ino)) continue;
    const f: Found = { ns: { id: `netns:${name}`, name, processes: 0, inode: ino, links: [] }, path };
    byIno.set(ino, f);
    named.push(f);
  }
  // pid 1's namespace may be unreadable (a container's init, another user namespace); kthreadd, pid 2, always lives in the initial one.
  const rootIno = inoOf('/proc/1/ns/net') ?? inoOf('/proc/2/ns/net');
  const held = new Map<number, number[]>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const ino = inoOf(`/proc/${e}/ns/net`); // processes come and go: one that vanished is not listed
    if (ino === undefined) continue;
    const pids = held.get(ino) ?? [];
    pids.push(Number(e));
    held.set(ino, pids);
  }
  const unnamed: Found[] = [];
  for (const [ino, pids] of held) {
    pids.sort((a, b) => a - b);
    const f = byIno.get(ino);
    if (f) { f.ns.processes = pids.length; continue; }
    const pid = pids[0]!;
    const ns: TopoNamespace = { id: `pid:${pid}`, pid, comm: commOf(pid), processes: pids.length, inode: ino, links: [] };
    if (ino === rootIno) ns.root = true;
    unnamed.push({ ns, path: `/proc/${pid}/ns/net` });
  }
  unnamed.sort((a, b) => a.ns.pid! - b.ns.pid!);
  for (const f of named) if (f.ns.inode === rootIno) f.ns.root = true;
  return [...named, ...unnamed];
}

function inoOf(path: string): number | undefined {
  try { return statSync(path).ino; } catch { return undefined; }
}

function commOf(pid: number): string {
  try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return '?'; }
}

function cidrOf(a: AddrMessage): string | undefined {
  const addr = a.attrs.local ?? a.attrs.address;
  if (addr === undefined || /^fe[89ab]/i.test(addr)) return undefined;
  return `${addr}/${a.header.prefixlen}`;
}

/** One namespace's links, with peers and lower devices given as raw ifindex + nsid for now. */
function linksOf(links: LinkMessage[], addrs: AddrMessage[]): TopoLink[] {
  const names = new Map(links.map((l) => [l.header.index, l.attrs.ifname!]));
  return links.sort((a, b) => a.header.index - b.header.index).map((l) => {
    const kind = l.attrs.linkinfo?.kind ?? (l.header.flags & IFF_LOOPBACK ? 'loopback' : 'device');
    // Keys in one fixed order; absent ones stay undefined, which JSON leaves out.
    const t: TopoLink = {
      ifindex: l.header.index, ifname: l.attrs.ifname!, kind, up: (l.header.flags & IFF_UP) !== 0,
      operstate: OPERSTATES[l.attrs.operstate ?? 0] ?? String(l.attrs.operstate),
      mtu: l.attrs.mtu, mac: kind === 'loopback' ? undefined : l.attrs.address,
      addresses: addrs.filter((a) => a.header.index === l.header.index).map(cidrOf).filter((x): x is string => x !== undefined),
      master: l.attrs.master ? names.get(l.attrs.master) ?? `if${l.attrs.master}` : undefined,
      peer: undefined, lower: undefined, alias: l.attrs.ifalias || undefined,
    };
    const data = l.attrs.linkinfo?.data as { link?: number } | undefined;
    const far = kind === 'vxlan' ? data?.link : l.attrs.link;
    if (far && !(l.attrs.link_netnsid === undefined && far === l.header.index)) {
      const end: TopoEnd = { ifindex: far };
      if (l.attrs.link_netnsid !== undefined) end.nsid = l.attrs.link_netnsid;
      if (kind === 'veth') t.peer = end; else if (['macvlan', 'macvtap', 'vxlan', 'ipvlan', 'vlan'].includes(kind)) t.lower = end;
    }
    return t;
  });
}

/** Reads one namespace's links and addresses. */
async function read(f: Found): Promise<void> {
  const nl = await Netlink.open({ netns: { path: f.path } });
  try {
    const [links, addrs] = await Promise.all([nl.link.list(), nl.addr.list()]);
    f.ns.links = linksOf(links, addrs);
  } finally {
    await nl.close();
  }
}

/** True when `o` holds a link that can be the far end of `l` (its ifindex; for a veth, pointing back at `l`). */
function couldHold(o: TopoNamespace, l: TopoLink): boolean {
  const end = l.peer ?? l.lower;
  return end !== undefined && o.links.some((x) => x.ifindex === end.ifindex && (l.peer === undefined || x.peer?.ifindex === l.ifindex));
}

/**
 * Which listed namespace each netnsid of `f`'s far ends names: RTM_GETNSID asked in `f` about
 * the namespaces that could hold the far end only (asking about every namespace cost ~120k
 * requests on a machine with 350 namespaces).
 */
async function nsidsOf(f: Found, listed: Found[]): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  const far = f.ns.links.filter((l) => (l.peer ?? l.lower)?.nsid !== undefined);
  if (!far.length) return ids;
  const cands = listed.filter((o) => o !== f && far.some((l) => couldHold(o.ns, l)));
  if (!cands.length) return ids;
  const nl = await Netlink.open({ netns: { path: f.path } });
  try {
    const got = await nl.nsid.idsOf(cands.map((o) => o.path));
    cands.forEach((o, i) => { const id = got[i]; if (id !== undefined) ids.set(id, o.ns.id); });
    return ids;
  } finally {
    await nl.close();
  }
}

/** Turns raw far ends into namespace ids and names, and collects the edges (each veth pair once). */
function resolve(listed: TopoNamespace[], nsids: Map<string, Map<number, string>>): TopoEdge[] {
  const byId = new Map(listed.map((n) => [n.id, n]));
  const edges: TopoEdge[] = [];
  const seen = new Set<string>();
  for (const ns of listed) {
    for (const l of ns.links) {
      for (const end of [l.peer, l.lower]) {
        if (!end) continue;
        const target = end.nsid === undefined ? ns.id : nsids.get(ns.id)?.get(end.nsid);
        if (target !== undefined) end.netns = target;
        const name = target === undefined ? undefined : byId.get(target)?.links.find((x) => x.ifindex === end.ifindex)?.ifname;
        if (name !== undefined) end.ifname = name;
        if (target === undefined || name === undefined) continue;
        const kind = end === l.peer ? 'veth' : 'lower';
        const a = `${ns.id}/${l.ifname}`, b = `${target}/${name}`;
        const key = kind === 'veth' ? [a, b].sort().join(' ') : `${a} ${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ kind, from: { netns: ns.id, ifname: l.ifname }, to: { netns: target, ifname: name } });
      }
      if (l.master) edges.push({ kind: 'port', from: { netns: ns.id, ifname: l.master }, to: { netns: ns.id, ifname: l.ifname } });
    }
  }
  return edges;
}

/** The map of every network namespace (or those `include` keeps): see Topology. */
export async function topology(opts: TopologyOptions = {}): Promise<Topology> {
  const all = discover();
  const keep = all.filter((f) => !opts.include || opts.include(pickKeys(f.ns)));
  await Promise.all(keep.map((f) => read(f).catch((e: unknown) => { f.ns.error = reasonOf(e); })));
  // A namespace that vanished while we read (its last process exited) is left out.
  const alive = keep.filter((f) => !(f.ns.error && inoOf(f.path) !== f.ns.inode));
  const listed = alive.map((f) => f.ns);
  const nsids = new Map<string, Map<number, string>>();
  await Promise.all(alive.map(async (f) => { nsids.set(f.ns.id, await nsidsOf(f, alive).catch(() => new Map<number, string>())); }));
  return { namespaces: listed, edges: resolve(listed, nsids) };
}

function pickKeys(ns: TopoNamespace): Pick<TopoNamespace, 'id' | 'name' | 'pid' | 'comm' | 'root'> {
  const o: Pick<TopoNamespace, 'id' | 'name' | 'pid' | 'comm' | 'root'> = { id: ns.id };
  if (ns.name !== undefined) o.name = ns.name;
  if (ns.pid !== undefined) o.pid = ns.pid;
  if (ns.comm !== undefined) o.comm = ns.comm;
  if (ns.root) o.root = true;
  return o;
}
