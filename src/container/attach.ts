/**
 * attach(): one call networks a container. A veth whose container end is born inside the
 * container's namespace (one RTM_NEWLINK with the peer's IFLA_NET_NS_FD), the host end marked
 * with the container id, addresses on both sides, both ends and the container's lo up, routes.
 * Any failing step undoes everything made before it, and the AttachError names the step, the
 * object, the namespace and the kernel's reason.
 */

import { Netlink } from '../client.js';
import { IFF_UP } from '../netlink/route/constants.js';
import { AttachError, reasonOf } from './errors.js';
import { cidrText, isV6, MARK, plan, type Plan } from './plan.js';
import type { AttachOptions, AttachResult } from './types.js';

/** The container's lo before attach(), to restore on rollback. */
interface LoState {
  up: boolean;
  addrs: Set<string>;
}

async function loState(ctr: Netlink): Promise<LoState> {
  const [l, addrs] = await Promise.all([ctr.link.get('lo'), ctr.addr.list({ dev: 'lo' })]);
  return { up: (l.header.flags & IFF_UP) !== 0, addrs: new Set(addrs.map((a) => `${a.attrs.local ?? a.attrs.address}/${a.header.prefixlen}`)) };
}

interface Step {
  step: string;
  object: string;
  netns: string;
  run(): Promise<unknown>;
}

/** The steps after the veth exists, in order. */
function stepsOf(p: Plan, host: Netlink, ctr: Netlink, hostIndex: number): Step[] {
  const h = p.host;
  const steps: Step[] = [
    { step: 'mark host end', object: `${h.ifname} alias ${MARK}${p.id}`, netns: h.label, run: () => host.link.set({ dev: hostIndex, alias: MARK + p.id }) },
  ];
  if (h.bridge) steps.push({ step: 'enslave host end to bridge', object: `${h.ifname} master ${h.bridge}`, netns: h.label, run: () => host.link.set({ dev: hostIndex, master: h.bridge! }) });
  for (const a of h.addresses) {
    steps.push({ step: 'host address', object: `${cidrText(a)} dev ${h.ifname}`, netns: h.label, run: () => host.addr.add({ dev: hostIndex, address: cidrText(a), nodad: isV6(a) }) });
  }
  steps.push({ step: 'host end up', object: h.ifname, netns: h.label, run: () => host.link.set({ dev: hostIndex, up: true }) });
  for (const a of p.addresses) {
    steps.push({ step: 'container address', object: `${cidrText(a)} dev ${p.ifname}`, netns: p.containerLabel, run: () => ctr.addr.add({ dev: p.ifname, address: cidrText(a), nodad: isV6(a) }) });
  }
  steps.push({ step: 'container end up', object: p.ifname, netns: p.containerLabel, run: () => ctr.link.set({ dev: p.ifname, up: true }) });
  steps.push({ step: 'container lo up', object: 'lo', netns: p.containerLabel, run: () => ctr.link.set({ dev: 'lo', up: true }) });
  for (const r of p.routes) {
    const family = isV6(r) ? 'inet6' as const : 'inet' as const;
    steps.push({
      step: r.dst === 'default' ? 'default route' : 'route', object: `${r.dst}${r.gw ? ` via ${r.gw}` : ''} dev ${p.ifname}`, netns: p.containerLabel,
      run: () => ctr.route.add(r.gw ? { dst: r.dst, family, via: r.gw, dev: p.ifname } : { dst: r.dst, family, dev: p.ifname }),
    });
  }
  return steps;
}

/** Undoes an attachment in progress: the veth (which takes its addresses and routes with it) and lo's state. Returns 'complete' or what is left. */
async function undo(p: Plan, host: Netlink, ctr: Netlink, hostIndex: number | undefined, lo: LoState): Promise<string> {
  const left: string[] = [];
  if (hostIndex !== undefined) {
    await host.link.del(hostIndex).catch((e: unknown) => {
      if ((e as { code?: string }).code !== 'ENODEV') left.push(`veth ${p.host.ifname} in netns ${p.host.label}: ${reasonOf(e)}`);
    });
  }
  if (!lo.up) {
    // Bringing lo up made the kernel add 127.0.0.1/8, which stays after lo goes down again (6.18).
    await ctr.link.set({ dev: 'lo', up: false }).catch((e: unknown) => left.push(`lo up in netns ${p.containerLabel}: ${reasonOf(e)}`));
    for (const a of await ctr.addr.list({ dev: 'lo' }).catch(() => [])) {
      const text = `${a.attrs.local ?? a.attrs.address}/${a.header.prefixlen}`;
      if (lo.addrs.has(text)) continue;
      await ctr.addr.del({ dev: 'lo', address: text }).catch((e: unknown) => left.push(`${text} on lo in netns ${p.containerLabel}: ${reasonOf(e)}`));
    }
  }
  return left.length ? left.join('; ') : 'complete';
}

/** What attach() made, read back (MACs) into CNI's result shape. */
async function resultOf(p: Plan, host: Netlink, ctr: Netlink, hostIndex: number): Promise<AttachResult> {
  const [h, c] = await Promise.all([host.link.get(hostIndex), ctr.link.get(p.ifname)]);
  const result: AttachResult = {
    cniVersion: '1.0.0',
    interfaces: [
      { name: p.host.ifname, mac: h.attrs.address ?? '' },
      { name: p.ifname, mac: c.attrs.address ?? '', sandbox: p.containerPath },
    ],
    ips: [
      ...p.addresses.map((a) => {
        const gw = p.gateways.get(a.family);
        return gw === undefined ? { address: cidrText(a), interface: 1 } : { address: cidrText(a), gateway: gw, interface: 1 };
      }),
      ...p.host.addresses.map((a) => ({ address: cidrText(a), interface: 0 })),
    ],
    routes: p.routes.map((r) => (r.gw ? { dst: r.cidr, gw: r.gw } : { dst: r.cidr })),
    nlctl: { id: p.id },
  };
  if (p.host.path !== undefined) result.nlctl.hostNetns = p.host.path;
  if (p.host.bridge !== undefined) result.nlctl.bridge = p.host.bridge;
  return result;
}

/**
 * Attaches a container: see AttachOptions. Resolves to the result (CNI's shape); on failure
 * rejects with an AttachError after undoing every step already done (bad input is a UsageError,
 * thrown before anything is made).
 */
export async function attach(opts: AttachOptions): Promise<AttachResult> {
  const p = plan(opts);
  const handles: Netlink[] = [];
  const open = async (netns: Plan['container'] | undefined, label: string): Promise<Netlink> => {
    try {
      const nl = await Netlink.open(netns === undefined ? {} : { netns });
      handles.push(nl);
      return nl;
    } catch (e) {
      throw new AttachError('open namespace', label, label, e, 'complete');
    }
  };
  try {
    const host = await open(p.host.netns, p.host.label);
    const ctr = await open(p.container, p.containerLabel);
    const lo = await loState(ctr);
    let hostIndex: number | undefined;
    let current: Step = {
      step: 'create veth', object: `${p.host.ifname} (peer ${p.ifname} in netns ${p.containerLabel})`, netns: p.host.label,
      run: async () => {
        await host.link.add({ kind: 'veth', name: p.host.ifname, mtu: p.mtu, peer: { name: p.ifname, netns: p.container, mtu: p.mtu, address: p.mac } });
        hostIndex = await host.ifindex(p.host.ifname);
      },
    };
    try {
      await current.run();
      for (const s of stepsOf(p, host, ctr, hostIndex!)) { current = s; await s.run(); }
      current = { step: 'read back', object: `${p.host.ifname} and ${p.ifname}`, netns: `${p.host.label} and ${p.containerLabel}`, run: async () => undefined };
      return await resultOf(p, host, ctr, hostIndex!);
    } catch (e) {
      const rollback = await undo(p, host, ctr, hostIndex, lo);
      throw new AttachError(current.step, current.object, current.netns, e, rollback);
    }
  } finally {
    for (const nl of handles) await nl.close();
  }
}
