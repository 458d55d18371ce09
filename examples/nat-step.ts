// The walkthrough's last step: masquerade a container's traffic in the host-side namespace
// toward a third, "outside" namespace, and show from the outside server's side which source
// address arrives, before and after. nlctl only: no ip, no nft, no iptables, no ping.
import * as net from 'node:net';
import { Netlink, netns } from '../src/index.js';
import { masquerade, unmasquerade } from '../src/nft/nat.js';
import { withNft } from '../src/nft/nft.js';
import { formatRuleset } from '../src/nft/text.js';

/** The outside link: host side and outside addresses (TEST-NET-2, RFC 5737). */
const HOST_OUT = '198.51.100.1';
const OUTSIDE = '198.51.100.2';

/** A TCP server inside `ns` on `address`: each connection's source address, in arrival order. */
export async function sourceServer(ns: string, address: string): Promise<{ port: number; next(): Promise<string>; close(): void }> {
  const fd = await netns.socket(ns, 'tcp', { bind: { address, port: 0 } });
  const waiting: ((a: string) => void)[] = [];
  const seen: string[] = [];
  const server = net.createServer((s) => {
    const from = (s.remoteAddress ?? '?').replace(/^::ffff:/, '');
    s.end(`you are ${from}\n`);
    const w = waiting.shift();
    if (w) w(from); else seen.push(from);
  });
  await new Promise<void>((res, rej) => { server.once('error', rej); server.listen({ fd }, res); });
  return {
    port: (server.address() as net.AddressInfo).port,
    next: () => {
      const got = seen.shift();
      if (got !== undefined) return Promise.resolve(got);
      return new Promise<string>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no connection reached ${address} in ${ns} within 5 s`)), 5000);
        waiting.push((a) => { clearTimeout(timer); res(a); });
      });
    },
    close: () => server.close(),
  };
}

/** Connects from inside `ns` to address:port, reads the answer and closes (bounded by 5 s). */
export async function connectFrom(ns: string, address: string, port: number): Promise<string> {
  const fd = await netns.socket(ns, 'tcp');
  return new Promise<string>((res, rej) => {
    const c = new net.Socket({ fd });
    const timer = setTimeout(() => { c.destroy(); rej(new Error(`connect from ${ns} to ${address}:${port} timed out`)); }, 5000);
    let got = '';
    c.once('error', (e) => { clearTimeout(timer); rej(e); });
    c.on('data', (d) => { got += d; });
    c.on('close', () => { clearTimeout(timer); res(got); });
    c.connect(port, address);
  });
}

/**
 * Creates an "outside" namespace joined to `hostNs` by a veth, runs a TCP server there and
 * connects from `containerNs`: prints (and checks) that the container's address arrives before
 * masquerade and the host's outside address after it; then removes the masquerade and the
 * outside namespace. Throws if either address is wrong.
 */
export async function natStep(opts: { hostNs: string; containerNs: string; containerAddr: string; hostAddr: string; prefix: string }): Promise<void> {
  const outside = `${opts.prefix}-outside`;
  const hostIf = 'nlout0';
  await netns.add(outside);
  try {
    const host = await Netlink.open({ netns: opts.hostNs });
    const out = await Netlink.open({ netns: outside });
    try {
      await host.link.add({ kind: 'veth', name: hostIf, peer: { name: 'eth0', netns: outside } });
      await host.addr.add({ dev: hostIf, address: `${HOST_OUT}/24` });
      await out.addr.add({ dev: 'eth0', address: `${OUTSIDE}/24` });
      await host.link.set({ dev: hostIf, up: true });
      await out.link.set({ dev: 'eth0', up: true });
      await out.link.set({ dev: 'lo', up: true });
      // A route back to the container, so that before masquerade its own address can connect.
      await out.route.add({ dst: `${opts.containerAddr}/32`, via: HOST_OUT });
    } finally {
      await host.close();
      await out.close();
    }
    await netns.sysctlSet(opts.hostNs, 'net.ipv4.ip_forward', 1);

    const server = await sourceServer(outside, OUTSIDE);
    try {
      console.log(`outside namespace ${outside}: TCP server on ${OUTSIDE}:${server.port}; the container (${opts.containerAddr}) routes via ${opts.hostAddr}`);
      await connectFrom(opts.containerNs, OUTSIDE, server.port);
      const before = await server.next();
      console.log(`before masquerade: the outside server sees ${before}`);
      if (before !== opts.containerAddr) throw new Error(`before masquerade the outside saw ${before}, expected the container's ${opts.containerAddr}`);

      const rule = { netns: opts.hostNs, source: `${opts.containerAddr}/32`, outInterface: hostIf };
      await masquerade(rule);
      console.log(`$ nlctl -n ${opts.hostNs} nft list ruleset`);
      process.stdout.write(await withNft(opts.hostNs, async (nft) => formatRuleset(await nft.ruleset())));
      await connectFrom(opts.containerNs, OUTSIDE, server.port);
      const after = await server.next();
      console.log(`after masquerade:  the outside server sees ${after}`);
      if (after !== HOST_OUT) throw new Error(`after masquerade the outside saw ${after}, expected the host's ${HOST_OUT}`);
      await unmasquerade(rule);
    } finally {
      server.close();
    }
  } finally {
    // The kernel destroys a deleted namespace later, in a workqueue, and its veth end with it:
    // delete the host's end first, so nothing is left when this returns.
    const host = await Netlink.open({ netns: opts.hostNs });
    await host.link.del(hostIf).catch(() => {}).finally(() => host.close());
    await netns.del(outside).catch(() => {});
  }
}
