// topology() and `nlctl netns graph` on a known topology: two named scratch namespaces and an
// unnamed one that only a process holds (a `sleep` started in a scratch namespace whose name is
// then deleted), a bridge with two veth ports, veth pairs joining all three namespaces, a macvlan
// on a veth and a vxlan over the bridge. The tree, DOT, Mermaid and JSON forms are compared whole
// for our own namespaces only (the rest of the machine is listed too, and read, never changed).
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { topology, renderTree, renderDot, renderMermaid, renderJson, type Topology } from '../../src/container/index.js';
import { ip, ipJson, kernelSkipReason, removeNs, scratchName, scratchNs } from '../helpers/scratch.js';
import { CLI } from '../helpers/cli.js';

/** Runs the built nlctl; the whole machine's map can be megabytes (other tests' namespaces), past spawnSync's 1 MiB default. */
function nlctl(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('a known topology in all four forms', async (t) => {
  const a = scratchNs(t, 'ta'), b = scratchNs(t, 'tb');
  const c = scratchName('tc');
  ip('netns', 'add', c);
  t.teardown(() => removeNs(c));
  const child = spawn('ip', ['netns', 'exec', c, 'sleep', '60'], { stdio: 'ignore' });
  t.teardown(() => { child.kill('SIGKILL'); });
  let pid = 0;
  for (let i = 0; i < 200 && !pid; i++) { pid = Number(ip('netns', 'pids', c).trim().split('\n')[0] || 0); if (!pid) await sleep(20); }
  t.ok(pid > 0, 'the holder process entered its namespace');

  ip('-n', a, 'link', 'add', 'br0', 'type', 'bridge');
  ip('-n', a, 'link', 'add', 'pa', 'type', 'veth', 'peer', 'name', 'pb', 'netns', b);
  ip('-n', a, 'link', 'add', 'pc', 'type', 'veth', 'peer', 'name', 'ca', 'netns', c);
  ip('-n', b, 'link', 'add', 'bc', 'type', 'veth', 'peer', 'name', 'cb', 'netns', c);
  ip('-n', b, 'link', 'add', 'mv0', 'link', 'pb', 'type', 'macvlan', 'mode', 'bridge');
  ip('-n', a, 'link', 'add', 'vx0', 'type', 'vxlan', 'id', '42', 'dstport', '4789', 'dev', 'br0');
  ip('-n', a, 'addr', 'add', '10.70.0.1/24', 'dev', 'br0');
  ip('-n', b, 'addr', 'add', '10.70.0.2/24', 'dev', 'pb');
  ip('-n', c, 'addr', 'add', '10.70.0.3/24', 'dev', 'ca');
  ip('-n', b, 'addr', 'add', '10.71.0.1/24', 'dev', 'bc');
  ip('-n', c, 'addr', 'add', '10.71.0.2/24', 'dev', 'cb');
  for (const d of ['pa', 'pc']) ip('-n', a, 'link', 'set', d, 'master', 'br0', 'up');
  ip('-n', a, 'link', 'set', 'br0', 'up');
  for (const d of ['pb', 'bc']) ip('-n', b, 'link', 'set', d, 'up');
  for (const d of ['ca', 'cb']) ip('-n', c, 'link', 'set', d, 'up');
  const links = (ns: string) => ipJson('-n', ns, 'link', 'show') as any[];
  const [la, lb, lc] = [links(a), links(b), links(c)];
  ip('netns', 'del', c); // from now on only the sleep holds it
  const idx = (l: any[], n: string) => l.find((x) => x.ifname === n).ifindex as number;
  const mac = (l: any[], n: string) => l.find((x) => x.ifname === n).address as string;
  // Wait (bounded) until carrier settles, so operstates are final.
  for (let i = 0; i < 100 && ipJson('-n', a, 'link', 'show', 'br0')[0].operstate !== 'UP'; i++) await sleep(50);

  const ours = new Set([`netns:${a}`, `netns:${b}`, `pid:${pid}`]);
  const topo = await topology({ include: (ns) => ours.has(ns.id) });
  t.same(topo.namespaces.map((n) => n.id), [`netns:${a}`, `netns:${b}`, `pid:${pid}`]);
  const pc = `pid ${pid} (sleep)`;

  t.equal(renderTree(topo), [
    `netns ${a}`,
    '├── lo  loopback  DOWN',
    '├── br0  bridge  UP  10.70.0.1/24',
    `├── pa  veth  UP  port of br0  <-> pb in netns ${b}`,
    `├── pc  veth  UP  port of br0  <-> ca in ${pc}`,
    '└── vx0  vxlan  DOWN  on br0',
    `netns ${b}`,
    '├── lo  loopback  DOWN',
    `├── pb  veth  UP  10.70.0.2/24  <-> pa in netns ${a}`,
    `├── bc  veth  UP  10.71.0.1/24  <-> cb in ${pc}`,
    '└── mv0  macvlan  DOWN  on pb',
    pc,
    '├── lo  loopback  DOWN',
    `├── ca  veth  UP  10.70.0.3/24  <-> pc in netns ${a}`,
    `└── cb  veth  UP  10.71.0.2/24  <-> bc in netns ${b}`,
    '',
  ].join('\n'), 'tree');

  const n = (ns: number, l: any[], name: string) => `n${ns}_${idx(l, name)}`;
  t.equal(renderDot(topo), [
    'graph nlctl {', '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="monospace", fontsize=10];', '  edge [fontname="monospace", fontsize=9];',
    '  subgraph cluster_0 {', `    label="netns ${a}";`,
    `    ${n(0, la, 'lo')} [label="lo\\nloopback DOWN"];`, `    ${n(0, la, 'br0')} [label="br0\\nbridge UP\\n10.70.0.1/24"];`,
    `    ${n(0, la, 'pa')} [label="pa\\nveth UP"];`, `    ${n(0, la, 'pc')} [label="pc\\nveth UP"];`,
    `    ${n(0, la, 'vx0')} [label="vx0\\nvxlan DOWN"];`, '  }',
    '  subgraph cluster_1 {', `    label="netns ${b}";`,
    `    ${n(1, lb, 'lo')} [label="lo\\nloopback DOWN"];`, `    ${n(1, lb, 'pb')} [label="pb\\nveth UP\\n10.70.0.2/24"];`,
    `    ${n(1, lb, 'bc')} [label="bc\\nveth UP\\n10.71.0.1/24"];`, `    ${n(1, lb, 'mv0')} [label="mv0\\nmacvlan DOWN"];`, '  }',
    '  subgraph cluster_2 {', `    label="${pc}";`,
    `    ${n(2, lc, 'lo')} [label="lo\\nloopback DOWN"];`, `    ${n(2, lc, 'ca')} [label="ca\\nveth UP\\n10.70.0.3/24"];`,
    `    ${n(2, lc, 'cb')} [label="cb\\nveth UP\\n10.71.0.2/24"];`, '  }',
    `  ${n(0, la, 'pa')} -- ${n(1, lb, 'pb')} [label="veth", penwidth=2];`,
    `  ${n(0, la, 'br0')} -- ${n(0, la, 'pa')} [label="port", style=dashed];`,
    `  ${n(0, la, 'pc')} -- ${n(2, lc, 'ca')} [label="veth", penwidth=2];`,
    `  ${n(0, la, 'br0')} -- ${n(0, la, 'pc')} [label="port", style=dashed];`,
    `  ${n(0, la, 'vx0')} -- ${n(0, la, 'br0')} [label="lower", style=dotted];`,
    `  ${n(1, lb, 'bc')} -- ${n(2, lc, 'cb')} [label="veth", penwidth=2];`,
    `  ${n(1, lb, 'mv0')} -- ${n(1, lb, 'pb')} [label="lower", style=dotted];`,
    '}', '',
  ].join('\n'), 'dot');

  t.equal(renderMermaid(topo), [
    'flowchart LR',
    `  subgraph ns0["netns ${a}"]`,
    `    ${n(0, la, 'lo')}["lo<br/>loopback DOWN"]`, `    ${n(0, la, 'br0')}["br0<br/>bridge UP<br/>10.70.0.1/24"]`,
    `    ${n(0, la, 'pa')}["pa<br/>veth UP"]`, `    ${n(0, la, 'pc')}["pc<br/>veth UP"]`,
    `    ${n(0, la, 'vx0')}["vx0<br/>vxlan DOWN"]`, '  end',
    `  subgraph ns1["netns ${b}"]`,
    `    ${n(1, lb, 'lo')}["lo<br/>loopback DOWN"]`, `    ${n(1, lb, 'pb')}["pb<br/>veth UP<br/>10.70.0.2/24"]`,
    `    ${n(1, lb, 'bc')}["bc<br/>veth UP<br/>10.71.0.1/24"]`, `    ${n(1, lb, 'mv0')}["mv0<br/>macvlan DOWN"]`, '  end',
    `  subgraph ns2["${pc}"]`,
    `    ${n(2, lc, 'lo')}["lo<br/>loopback DOWN"]`, `    ${n(2, lc, 'ca')}["ca<br/>veth UP<br/>10.70.0.3/24"]`,
    `    ${n(2, lc, 'cb')}["cb<br/>veth UP<br/>10.71.0.2/24"]`, '  end',
    `  ${n(0, la, 'pa')} ===|veth| ${n(1, lb, 'pb')}`,
    `  ${n(0, la, 'br0')} -.-|port| ${n(0, la, 'pa')}`,
    `  ${n(0, la, 'pc')} ===|veth| ${n(2, lc, 'ca')}`,
    `  ${n(0, la, 'br0')} -.-|port| ${n(0, la, 'pc')}`,
    `  ${n(0, la, 'vx0')} -.-|lower| ${n(0, la, 'br0')}`,
    `  ${n(1, lb, 'bc')} ===|veth| ${n(2, lc, 'cb')}`,
    `  ${n(1, lb, 'mv0')} -.-|lower| ${n(1, lb, 'pb')}`,
    '',
  ].join('\n'), 'mermaid');

  // JSON: every field, MACs and states as ip shows them.
  const json = JSON.parse(renderJson(topo)) as Topology;
  const A = `netns:${a}`, B = `netns:${b}`, C = `pid:${pid}`;
  const link = (l: any[], name: string, kind: string, extra: Record<string, unknown> = {}) => {
    const x = l.find((y) => y.ifname === name);
    const now = ipJson('-n', a, 'link', 'show', name)[0]; // operstate now, after carrier settled
    const o: Record<string, unknown> = { ifindex: x.ifindex, ifname: name, kind, up: x.flags.includes('UP'), operstate: now.operstate, mtu: x.mtu };
    if (kind !== 'loopback') o.mac = x.address;
    return { ...o, addresses: [], ...extra };
  };
  const expectA = [
    link(la, 'lo', 'loopback'), link(la, 'br0', 'bridge', { addresses: ['10.70.0.1/24'] }),
    link(la, 'pa', 'veth', { master: 'br0', peer: { ifindex: idx(lb, 'pb'), nsid: la.find((x) => x.ifname === 'pa').link_netnsid, netns: B, ifname: 'pb' } }),
    link(la, 'pc', 'veth', { master: 'br0', peer: { ifindex: idx(lc, 'ca'), nsid: la.find((x) => x.ifname === 'pc').link_netnsid, netns: C, ifname: 'ca' } }),
    link(la, 'vx0', 'vxlan', { lower: { ifindex: idx(la, 'br0'), netns: A, ifname: 'br0' } }),
  ];
  t.same(json.namespaces[0], { id: A, name: a, processes: 0, inode: json.namespaces[0]!.inode, links: expectA }, 'json: namespace A');
  t.same(json.namespaces[1]!.links.map((l) => [l.ifname, l.kind, l.addresses, l.peer, l.lower]), [
    ['lo', 'loopback', [], undefined, undefined],
    ['pb', 'veth', ['10.70.0.2/24'], { ifindex: idx(la, 'pa'), nsid: lb.find((x) => x.ifname === 'pb').link_netnsid, netns: A, ifname: 'pa' }, undefined],
    ['bc', 'veth', ['10.71.0.1/24'], { ifindex: idx(lc, 'cb'), nsid: lb.find((x) => x.ifname === 'bc').link_netnsid, netns: C, ifname: 'cb' }, undefined],
    ['mv0', 'macvlan', [], undefined, { ifindex: idx(lb, 'pb'), netns: B, ifname: 'pb' }],
  ], 'json: namespace B');
  t.same({ ...json.namespaces[2], links: json.namespaces[2]!.links.map((l) => [l.ifname, l.mac, l.addresses, l.peer?.netns, l.peer?.ifname]) }, {
    id: C, pid, comm: 'sleep', processes: 1, inode: json.namespaces[2]!.inode,
    links: [['lo', undefined, [], undefined, undefined], ['ca', mac(lc, 'ca'), ['10.70.0.3/24'], A, 'pc'], ['cb', mac(lc, 'cb'), ['10.71.0.2/24'], B, 'bc']],
  }, 'json: the unnamed namespace, by pid and command');
  t.same(json.edges.length, 7);

  // The CLI lists the whole machine; our namespaces read the same there (JSON and tree).
  const cli = nlctl(['-j', 'netns', 'graph']);
  t.equal(cli.code, 0, cli.err);
  const all = JSON.parse(cli.out) as Topology;
  t.same(all.namespaces.filter((x) => ours.has(x.id)), json.namespaces, 'nlctl -j netns graph: our namespaces as topology() gives them');
  t.same(all.edges.filter((e) => ours.has(e.from.netns)), json.edges);
  t.ok(all.namespaces.some((x) => x.root), 'the root namespace is listed');
  const tree = nlctl(['netns', 'graph']).out;
  t.ok(tree.includes(renderTree(topo).split(`netns ${b}\n`)[0]!), 'nlctl netns graph: the same tree block');
  t.match(nlctl(['netns', 'graph', '--format', 'dot']).out, /^graph nlctl \{/);
  t.match(nlctl(['netns', 'graph', '--format', 'mermaid']).out, /^flowchart LR\n/);
  t.equal(nlctl(['netns', 'graph', '--format', 'png']).code, 255);
});
