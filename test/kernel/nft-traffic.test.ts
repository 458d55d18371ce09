// NAT with real TCP traffic, nlctl only (no nft, no ip for the setup, no ping): a "container"
// namespace behind a "router" namespace that masquerades toward an "outside" namespace, and a
// port published on the router that reaches a server in the container. Sockets are opened
// inside each namespace through the namespace worker (netns.socket).
import t from 'tap';
import { Netlink, netns } from '../../src/index.js';
import { masquerade, publish, unmasquerade, unpublish, natClear } from '../../src/nft/nat.js';
import { natStep, sourceServer, connectFrom } from '../../examples/nat-step.js';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { hasNft, nftJson } from '../helpers/nft.js';

const skip = kernelSkipReason();

async function veth(a: string, aIf: string, aAddr: string, b: string, bAddr: string): Promise<void> {
  const na = await Netlink.open({ netns: a });
  const nb = await Netlink.open({ netns: b });
  try {
    await na.link.add({ kind: 'veth', name: aIf, peer: { name: 'eth0', netns: b } });
    await na.addr.add({ dev: aIf, address: aAddr });
    await nb.addr.add({ dev: 'eth0', address: bAddr });
    await na.link.set({ dev: aIf, up: true });
    await nb.link.set({ dev: 'eth0', up: true });
    await nb.link.set({ dev: 'lo', up: true });
  } finally {
    await na.close();
    await nb.close();
  }
}

async function route(ns: string, dst: string, via: string): Promise<void> {
  const nl = await Netlink.open({ netns: ns });
  try { await nl.route.add({ dst, via }); } finally { await nl.close(); }
}

t.test('NAT with real traffic', { skip: skip ? `NAT traffic tests skipped: ${skip}` : false }, async (t) => {
  const router = scratchNs(t, 'router');
  const container = scratchNs(t, 'ctr');
  const outside = scratchNs(t, 'out');
  await veth(router, 'c0', '10.0.0.1/24', container, '10.0.0.2/24');
  await veth(router, 'o0', '203.0.113.1/24', outside, '203.0.113.2/24');
  await route(container, 'default', '10.0.0.1');
  await netns.sysctlSet(router, 'net.ipv4.ip_forward', 1);

  t.test('masquerade: the outside server sees the router, not the container', async (t) => {
    // Without masquerade the outside has no way back to 10.0.0.0/24: give it one, to show the
    // container's own address arriving first.
    await route(outside, '10.0.0.0/24', '203.0.113.1');
    const server = await sourceServer(outside, '203.0.113.2');
    t.teardown(() => server.close());
    t.match(await connectFrom(container, '203.0.113.2', server.port), /^you are 10\.0\.0\.2/, 'the reply came back');
    t.equal(await server.next(), '10.0.0.2', 'before: the container\'s address arrives');
    await masquerade({ netns: router, source: '10.0.0.0/24', outInterface: 'o0' });
    t.match(await connectFrom(container, '203.0.113.2', server.port), /^you are 203\.0\.113\.1/, 'the reply came back through the NAT');
    t.equal(await server.next(), '203.0.113.1', 'after: the router\'s address arrives');
    if (hasNft()) {
      const rule = (nftJson(router) as { rule?: { expr: unknown[] } }[]).find((x) => x.rule)!.rule!;
      t.match(JSON.stringify(rule.expr), /"counter":\{"packets":[1-9]/, 'nft sees the masquerade rule count the packets');
    }
    await unmasquerade({ netns: router, source: '10.0.0.0/24', outInterface: 'o0' });
    await connectFrom(container, '203.0.113.2', server.port);
    t.equal(await server.next(), '10.0.0.2', 'unmasquerade: the container\'s address again');
  });

  t.test('publish: a port on the router reaches a server in the container', async (t) => {
    const server = await sourceServer(container, '10.0.0.2');
    t.teardown(() => server.close());
    await publish({ netns: router, proto: 'tcp', port: 8080, to: `10.0.0.2:${server.port}` });
    const reply = await connectFrom(outside, '203.0.113.1', 8080);
    t.equal(reply, 'you are 203.0.113.2\n', 'the outside reached the container\'s server through the router');
    t.equal(await server.next(), '203.0.113.2', 'the container sees the outside client');
    await unpublish({ netns: router, proto: 'tcp', port: 8080, to: `10.0.0.2:${server.port}` });
    await t.rejects(connectFrom(outside, '203.0.113.1', 8080), { code: 'ECONNREFUSED' }, 'unpublished: the router itself refuses');
    await natClear({ netns: router });
  });

  t.test('natStep (the demo\'s last step) on a minimal topology', async (t) => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
    try {
      await natStep({ hostNs: router, containerNs: container, containerAddr: '10.0.0.2', hostAddr: '10.0.0.1', prefix: `${router}-s` });
    } finally {
      console.log = log;
    }
    t.ok(lines.some((l) => /before masquerade: the outside server sees 10\.0\.0\.2$/.test(l)), 'before: the container');
    t.ok(lines.some((l) => /after masquerade: +the outside server sees 198\.51\.100\.1$/.test(l)), 'after: the host');
    t.notOk((await netns.list()).some((n) => n.name === `${router}-s-outside`), 'its outside namespace is gone');
    const nl = await Netlink.open({ netns: router });
    t.teardown(() => nl.close());
    t.notOk((await nl.link.list()).some((l) => l.attrs.ifname === 'nlout0'), 'its veth is gone');
    if (hasNft()) t.same(nftJson(router), [], 'the masquerade is removed');
  });
});
