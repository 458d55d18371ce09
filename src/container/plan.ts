/**
 * Checking attach() options before anything is made: names, CIDRs, gateways (one per family),
 * routes and MAC, normalised into a plan. Bad input is a UsageError and nothing is touched.
 */

import { UsageError } from '../netlink/errors.js';
import { macOpt } from '../netlink/route/kinds/options.js';
import { validIfname } from '../netlink/route/link.js';
import { networkOf, parseAddr, parseDst, parsePrefix, type InetFamily, type Prefix } from '../netlink/route/cidr.js';
import { AF_INET, AF_INET6 } from '../netlink/route/constants.js';
import { netnsLabel, netnsPath, type NetnsRef } from '../ns/ref.js';
import type { AttachOptions } from './types.js';

/** The alias prefix that marks a host end: IFLA_IFALIAS is `nlctl:<container id>`. */
export const MARK = 'nlctl:';

/** A route to add inside the container, parsed. */
export interface PlannedRoute {
  dst: string;
  family: InetFamily;
  gw?: string;
  /** CNI's spelling of the destination ('0.0.0.0/0'). */
  cidr: string;
}

/** attach() options, checked and normalised. */
export interface Plan {
  id: string;
  container: NetnsRef;
  containerLabel: string;
  containerPath: string;
  ifname: string;
  addresses: Prefix[];
  gateways: Map<InetFamily, string>;
  routes: PlannedRoute[];
  mtu?: number;
  mac?: string;
  host: { netns?: NetnsRef; label: string; path?: string; ifname: string; addresses: Prefix[]; bridge?: string };
}

function cidrs(list: unknown, what: string): Prefix[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new UsageError(`attach: ${what} must be a list of CIDRs`);
  return list.map((a) => parsePrefix(a as string, `${what} entry`));
}

/** A prefix's text with its length ('10.0.0.2/24'). */
export function cidrText(p: Prefix): string {
  return `${p.address}/${p.prefixlen}`;
}

function gatewaysOf(gateway: string | string[] | undefined): Map<InetFamily, string> {
  const out = new Map<InetFamily, string>();
  for (const g of gateway === undefined ? [] : Array.isArray(gateway) ? gateway : [gateway]) {
    const a = parseAddr(g, 'gateway');
    if (out.has(a.family)) throw new UsageError(`attach: two ${a.family === AF_INET ? 'IPv4' : 'IPv6'} gateways (${out.get(a.family)}, ${a.address}): give one per family`);
    out.set(a.family, a.address);
  }
  return out;
}

function routesOf(o: AttachOptions, gateways: Map<InetFamily, string>): PlannedRoute[] {
  const out: PlannedRoute[] = [];
  for (const [family, gw] of gateways) out.push({ dst: 'default', family, gw, cidr: family === AF_INET ? '0.0.0.0/0' : '::/0' });
  for (const r of o.routes ?? []) {
    if (!r || typeof r.dst !== 'string') throw new UsageError('attach: each route needs a dst');
    const gw = r.gw === undefined ? undefined : parseAddr(r.gw, 'route gateway');
    const d = parseDst(r.dst, gw?.family);
    if (gw && gw.family !== d.family) throw new UsageError(`attach: route ${r.dst} via ${r.gw}: families differ`);
    const cidr = `${networkOf(d)}/${d.prefixlen}`;
    out.push(gw ? { dst: cidr, family: d.family, gw: gw.address, cidr } : { dst: cidr, family: d.family, cidr });
  }
  return out;
}

/** Checks attach() options; throws UsageError on the first problem. */
export function plan(o: AttachOptions): Plan {
  if (!o || typeof o !== 'object') throw new UsageError('attach: options are required');
  if ((o.netns === undefined) === (o.pid === undefined)) throw new UsageError('attach: give the container namespace as netns or pid (one of them)');
  const container: NetnsRef = o.netns ?? { pid: o.pid! };
  const containerPath = netnsPath(container);
  if (!o.host || typeof o.host !== 'object') throw new UsageError('attach: host ({ ifname, netns?, addresses?, bridge? }) is required');
  const ifname = validIfname(o.ifname ?? 'eth0', 'attach ifname');
  const hostIfname = validIfname(o.host.ifname, 'attach host.ifname');
  if (o.host.bridge !== undefined) validIfname(o.host.bridge, 'attach host.bridge');
  const id = o.id ?? netnsLabel(container);
  if (typeof id !== 'string' || !id || Buffer.byteLength(MARK + id) >= 256) throw new UsageError(`attach: invalid id ${JSON.stringify(id)}: a non-empty string, at most ${255 - MARK.length} bytes`);
  if (o.mtu !== undefined && (!Number.isInteger(o.mtu) || o.mtu < 68 || o.mtu > 65535)) throw new UsageError(`attach: invalid mtu ${o.mtu} (68-65535)`);
  const gateways = gatewaysOf(o.gateway);
  const p: Plan = {
    id, container, containerLabel: netnsLabel(container), containerPath, ifname,
    addresses: cidrs(o.addresses, 'addresses'), gateways, routes: routesOf(o, gateways),
    host: {
      label: o.host.netns === undefined ? 'host' : netnsLabel(o.host.netns), ifname: hostIfname,
      addresses: cidrs(o.host.addresses, 'host.addresses'),
    },
  };
  if (o.host.netns !== undefined) { p.host.netns = o.host.netns; p.host.path = netnsPath(o.host.netns); }
  if (o.host.bridge !== undefined) p.host.bridge = o.host.bridge;
  if (o.mtu !== undefined) p.mtu = o.mtu;
  if (o.mac !== undefined) p.mac = macOpt('attach mac', o.mac);
  return p;
}

/** True for an IPv6 prefix (its addresses are added with nodad: usable at once, as CNI plugins wait for DAD). */
export function isV6(p: { family: InetFamily }): boolean {
  return p.family === AF_INET6;
}
