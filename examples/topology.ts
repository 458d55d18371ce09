// The main job in one run: two "containers" and a "host", all scratch network namespaces (the
// real root namespace is never touched), networked with attach() as a container runtime would;
// reachability proved with real TCP traffic and checked against what routing predicts, first
// with forwarding off in the host, then on; then masquerade toward an "outside" namespace, seen
// from its server's side; then the map of every namespace and nlctl's view of one veth.
// Everything is torn down at the end, also on failure and on Ctrl-C.
//   npm run demo        (root needed)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { check, netns, topology, renderTree } from '../src/index.js';
import { demoNet } from './demo-net.js';
import { natStep } from './nat-step.js';
import { formatMatrix, predict, probe, wrongCells, type Source, type Target } from './reachability.js';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const net = demoNet(`nlctl-demo-${process.pid}-`);
const { host, ns1, ns2 } = net;
// natStep() makes `${prefix}-outside` and deletes it itself; teardown makes sure of it (Ctrl-C).
const outsidePrefix = `nlctl-demo-${process.pid}`;
const outside = `${outsidePrefix}-outside`;
const teardown = async (): Promise<void> => {
  await netns.delete(outside).catch(() => {});
  await net.teardown();
};

function show(...args: string[]): void {
  console.log(`  $ nlctl ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  console.log(indent(r.stdout + r.stderr));
}

function indent(text: string): string {
  return text.trimEnd().replace(/^/gm, '  ');
}

async function matrix(sources: Source[], targets: Target[], forwarding: boolean): Promise<number> {
  await netns.sysctl.set(host, 'net.ipv4.ip_forward', forwarding ? 1 : 0);
  const got = await probe(sources, targets);
  const want = predict(sources, targets, forwarding);
  console.log(`\nnet.ipv4.ip_forward=${forwarding ? 1 : 0} in the host namespace:`);
  console.log(formatMatrix(sources, targets, got, want));
  const wrong = wrongCells(got, want);
  console.log(wrong ? `  ${wrong} cell(s) differ from what routing predicts` : '  every cell is what routing predicts');
  return wrong;
}

async function main(): Promise<number> {
  if (process.getuid?.() !== 0) throw new Error('the demo needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN) to make namespaces');
  console.log(`Three scratch network namespaces stand in for a host and two containers:\n  host     ${host}\n  testns1  ${ns1}\n  testns2  ${ns2}`);

  // One attach() per container (examples/demo-net.ts): a veth whose container end (s1, s2) is
  // born inside the container's namespace, addresses on both ends, everything up, a default
  // route via the host.
  console.log('\nattach(): m1 (host) <-> s1 (testns1), m2 (host) <-> s2 (testns2)');
  await net.build();
  for (const r of net.results) {
    const [h, c] = r.interfaces;
    const ip = (i: number) => r.ips.filter((x) => x.interface === i).map((x) => x.address).join(' ');
    console.log(`  ${r.nlctl.id}: ${c!.name} ${ip(1)} inside ${r.nlctl.id}  <->  ${h!.name} ${ip(0)} in host;  ${r.routes.map((x) => `route ${x.dst} via ${x.gw}`).join(', ')}`);
  }
  console.log(`attach() resolves to plain data in CNI's result shape; for testns1:`);
  for (const [k, v] of Object.entries(net.results[0]!)) console.log(`  ${k}: ${JSON.stringify(v)}`);
  const results = net.results;
  const diffs = (await Promise.all(results.map(check))).flat();
  console.log(`check(): ${diffs.length ? diffs.map((d) => d.message).join('; ') : 'both attachments match the kernel'}`);

  // Reachability: a TCP server on every address, a client from every namespace.
  const targets: Target[] = [
    { address: '192.168.10.101', prefix: 24, owner: host, label: 'host m1' },
    { address: '192.168.10.102', prefix: 24, owner: ns1, label: 'testns1 s1' },
    { address: '192.168.20.101', prefix: 24, owner: host, label: 'host m2' },
    { address: '192.168.20.102', prefix: 24, owner: ns2, label: 'testns2 s2' },
  ];
  const sources: Source[] = [{ ns: host, label: 'host' }, { ns: ns1, label: 'testns1', via: host }, { ns: ns2, label: 'testns2', via: host }];
  console.log('\nWho reaches whom: a TCP connection from a socket opened inside each namespace (rows) to a server');
  console.log('listening inside the namespace that owns each address (columns); "yes" = the right server answered.');
  let wrong = await matrix(sources, targets, false);
  console.log('  A container reaches both host addresses (the host owns them, so nothing is forwarded), but not the');
  console.log('  other container: that packet would have to be forwarded by the host.');
  wrong += await matrix(sources, targets, true);
  console.log('  With forwarding on, the host routes between its two links: the containers reach each other.');

  // The walkthrough's last step (examples/nat-step.ts): masquerade in the host namespace, seen
  // from a server in a third, "outside" namespace, before and after. nftables over netlink: no nft.
  console.log(`\nNAT without binaries: testns1 connects to a server in a third namespace (${outside}) through the host;`);
  console.log('the server prints the source address it sees, before and after the host masquerades testns1:');
  try {
    await natStep({ hostNs: host, containerNs: ns1, containerAddr: '192.168.10.102', hostAddr: '192.168.10.101', prefix: outsidePrefix });
  } catch (e) {
    console.error(`  NAT step failed: ${(e as Error).message}`);
    wrong++;
  }

  console.log('\nThe map: every namespace the demo made, its links, and which veth ends pair up (nlctl netns graph):');
  const mine = new Set([host, ns1, ns2]);
  console.log(indent(renderTree(await topology({ include: (n) => n.name !== undefined && mine.has(n.name) }))));

  console.log(`\nnlctl's view of s1: it lives in testns1, its peer m1 is in the host namespace (link-netns):`);
  show('-n', ns1, '-d', 'link', 'show', 's1');
  show('-n', ns1, 'link', 'peer', 's1');
  return wrong;
}

// Ctrl-C (and a kill) still tears everything down.
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(sig, () => {
    console.error(`\n${sig === 'SIGINT' ? 'interrupted' : 'terminated'}: tearing down`);
    void teardown().finally(() => process.exit(code));
  });
}

main().then(async (wrong) => {
  await teardown();
  console.log(`\ndetach() and namespaces deleted; nothing left behind.`);
  if (wrong) { console.error(`FAILED: ${wrong} cell(s) of the reachability matrix differ from routing's prediction`); process.exitCode = 1; }
}, async (e: Error) => {
  console.error(`Error: ${e.message}`);
  await teardown();
  process.exitCode = 1;
});
