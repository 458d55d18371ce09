// The demo's network, made with attach(): a host-side scratch namespace and two container
// namespaces (testns1, testns2) behind one prefix; m1/s1 and m2/s2 veth pairs with s1, s2 born
// inside the containers. Shared by examples/topology.ts and scripts/render-topology.ts.
import { attach, detach, netns, Netlink, type AttachResult } from '../src/index.js';

/** The demo's namespaces and attachments, and how to remove them. */
export interface DemoNet {
  host: string;
  ns1: string;
  ns2: string;
  results: AttachResult[];
  /** Makes the namespaces and attaches both containers. */
  build(): Promise<void>;
  /** Detaches and deletes everything made so far (safe to call more than once, and mid-build). */
  teardown(): Promise<void>;
}

/** The demo network for `${prefix}host`, `${prefix}testns1`, `${prefix}testns2` (nothing is made before build()). */
export function demoNet(prefix: string): DemoNet {
  const made: string[] = [];
  const net: DemoNet = {
    host: `${prefix}host`, ns1: `${prefix}testns1`, ns2: `${prefix}testns2`, results: [],
    teardown: once(async () => {
      for (const r of net.results) await detach(r).catch((e: Error) => console.error(`teardown: ${e.message}`));
      for (const n of made.reverse()) await netns.delete(n).catch((e: Error) => console.error(`teardown: ${e.message}`));
      await netns.shutdown();
    }),
    build: async () => {
      for (const n of [net.host, net.ns1, net.ns2]) { await netns.add(n); made.push(n); }
      // A real host's lo is up (a new namespace's is down): the host reaches its own addresses over it.
      const h = await Netlink.open({ netns: net.host });
      await h.link.set({ dev: 'lo', up: true }).finally(() => h.close());
      for (const [n, i] of [[net.ns1, 1], [net.ns2, 2]] as const) {
        net.results.push(await attach({
          id: `testns${i}`, netns: n, ifname: `s${i}`, addresses: [`192.168.${i}0.102/24`], gateway: `192.168.${i}0.101`,
          host: { netns: net.host, ifname: `m${i}`, addresses: [`192.168.${i}0.101/24`] },
        }));
      }
    },
  };
  return net;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}
