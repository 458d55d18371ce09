/**
 * check(result): compares an attachment's result with what the namespaces hold now, field by
 * field: both ends present and up, the host end's mark and master, MACs, the veth still joining
 * the two (the host end's IFLA_LINK and IFLA_LINK_NETNSID point at the container end), every
 * address and every route. Read only.
 */

import { Netlink } from '../client.js';
import { IFF_UP } from '../netlink/route/constants.js';
import type { LinkMessage } from '../netlink/route/link-attrs.js';
import type { AddrMessage } from '../netlink/route/address.js';
import type { RouteMessage } from '../netlink/route/route.js';
import { reasonOf } from './errors.js';
import { MARK } from './plan.js';
import type { AttachResult, Difference, DifferenceKind } from './types.js';

/** One namespace as check() sees it: its links, addresses and (for the container) routes. */
interface View {
  label: string;
  nl: Netlink;
  links: LinkMessage[];
  addrs: AddrMessage[];
}

async function view(label: string, path: string | undefined): Promise<View> {
  const nl = await Netlink.open(path === undefined ? {} : { netns: { path } });
  try {
    const [links, addrs] = await Promise.all([nl.link.list(), nl.addr.list()]);
    return { label, nl, links, addrs };
  } catch (e) {
    await nl.close();
    throw e;
  }
}

function diff(out: Difference[], kind: DifferenceKind, netns: string, object: string, text: string, expected?: string, actual?: string): void {
  const d: Difference = { kind, netns, object, message: `${kind}: ${object} in netns ${netns} ${text}` };
  if (expected !== undefined) d.expected = expected;
  if (actual !== undefined) d.actual = actual;
  out.push(d);
}

/** Compares one end: present, up, MAC. Returns the link when it is there. */
function end(out: Difference[], v: View, name: string, mac: string): LinkMessage | undefined {
  const l = v.links.find((x) => x.attrs.ifname === name);
  if (!l) { diff(out, 'link-missing', v.label, name, 'is gone'); return undefined; }
  if (!(l.header.flags & IFF_UP)) diff(out, 'link-down', v.label, name, 'is down', 'up', 'down');
  if (mac && l.attrs.address !== mac) diff(out, 'mac-changed', v.label, name, `has MAC ${l.attrs.address}`, mac, l.attrs.address);
  return l;
}

function addresses(out: Difference[], v: View, link: LinkMessage | undefined, name: string, wanted: string[]): void {
  if (!link) return; // gone with the link, already reported
  for (const a of wanted) {
    const [addr, len] = a.split('/');
    const found = v.addrs.some((m) => m.header.index === link.header.index && (m.attrs.local ?? m.attrs.address) === addr && m.header.prefixlen === Number(len));
    if (!found) diff(out, 'address-missing', v.label, `${a} dev ${name}`, 'is gone', a);
  }
}

function routes(out: Difference[], label: string, list: RouteMessage[], link: LinkMessage | undefined, r: { dst: string; gw?: string }, name: string): void {
  if (!link) return; // gone with the link, already reported
  const [dst, len] = r.dst.split('/');
  const found = list.some((m) => m.header.dst_len === Number(len) && (m.header.dst_len === 0 || m.attrs.dst === dst)
    && (r.gw === undefined || m.attrs.gateway === r.gw) && m.attrs.oif === link.header.index);
  if (!found) diff(out, 'route-missing', label, `${r.dst}${r.gw ? ` via ${r.gw}` : ''} dev ${name}`, 'is gone');
}

/** The host end's pairing: its IFLA_LINK is the container end's ifindex, in the namespace IFLA_LINK_NETNSID names. */
async function pairing(out: Difference[], host: View, hostLink: LinkMessage, ctr: LinkMessage | undefined, ctrPath: string): Promise<void> {
  const nsid = await host.nl.nsid.get({ path: ctrPath }).catch(() => undefined);
  const peer = hostLink.attrs.link;
  const peerNs = hostLink.attrs.link_netnsid;
  const name = hostLink.attrs.ifname!;
  if (peerNs !== nsid || (ctr !== undefined && peer !== ctr.header.index)) {
    diff(out, 'peer-moved', host.label, name, `no longer pairs with the container end (peer ifindex ${peer} in nsid ${peerNs ?? 'none'})`,
      `ifindex ${ctr?.header.index ?? '?'} in nsid ${nsid ?? 'none'}`, `ifindex ${peer} in nsid ${peerNs ?? 'none'}`);
  }
}

/** Resolves to every difference between `result` and the namespaces; empty when all matches. */
export async function check(result: AttachResult): Promise<Difference[]> {
  const out: Difference[] = [];
  const [hi, ci] = [result.interfaces[0], result.interfaces[1]];
  if (!hi || !ci?.sandbox) throw new TypeError('check: the result has no host and container interface (interfaces[0], interfaces[1] with sandbox)');
  const hostPath = result.nlctl?.hostNetns;
  const hostLabel = hostPath ?? 'host';
  const views: View[] = [];
  try {
    const host = await view(hostLabel, hostPath).catch((e: unknown) => { diff(out, 'netns-missing', hostLabel, hostLabel, `cannot be opened: ${reasonOf(e)}`); return undefined; });
    if (host) views.push(host);
    const ctr = await view(ci.sandbox, ci.sandbox).catch((e: unknown) => { diff(out, 'netns-missing', ci.sandbox!, ci.sandbox!, `cannot be opened: ${reasonOf(e)}`); return undefined; });
    if (ctr) views.push(ctr);
    const hostLink = host && end(out, host, hi.name, hi.mac);
    const ctrLink = ctr && end(out, ctr, ci.name, ci.mac);
    if (host && hostLink) {
      const mark = MARK + result.nlctl.id;
      if (hostLink.attrs.ifalias !== mark) diff(out, 'mark-changed', host.label, hi.name, `is marked ${JSON.stringify(hostLink.attrs.ifalias ?? '')}`, mark, hostLink.attrs.ifalias ?? '');
      const bridge = result.nlctl.bridge;
      const master = hostLink.attrs.master ? host.links.find((l) => l.header.index === hostLink.attrs.master)?.attrs.ifname : undefined;
      if (bridge !== master) diff(out, 'master-changed', host.label, hi.name, `has master ${master ?? 'none'}`, bridge ?? 'none', master ?? 'none');
      if (ctr) await pairing(out, host, hostLink, ctrLink, ci.sandbox);
      addresses(out, host, hostLink, hi.name, result.ips.filter((i) => i.interface === 0).map((i) => i.address));
    }
    if (ctr) {
      const lo = ctr.links.find((l) => l.attrs.ifname === 'lo');
      if (lo && !(lo.header.flags & IFF_UP)) diff(out, 'link-down', ctr.label, 'lo', 'is down', 'up', 'down');
      addresses(out, ctr, ctrLink, ci.name, result.ips.filter((i) => i.interface === 1).map((i) => i.address));
      const list = result.routes.length ? await ctr.nl.route.list({ family: 'all' }) : [];
      for (const r of result.routes) routes(out, ctr.label, list, ctrLink, r, ci.name);
    }
    return out;
  } finally {
    for (const v of views) await v.nl.close();
  }
}
