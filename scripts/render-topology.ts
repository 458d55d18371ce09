// Regenerates docs/demo-topology.{dot,mmd,txt,svg,png}: the demo's network (examples/demo-net.ts,
// built in scratch namespaces and torn down again; the root namespace is never touched), mapped
// by topology() and rendered. The namespace prefix is cut from the names so the files do not
// change from run to run.
//   npm run build && node dist/scripts/render-topology.js       (root needed)
// Graphviz (`dot`) is a development tool only, used here to draw the picture; nlctl never needs
// it. Install it with `apt-get install graphviz`; without it the .dot, .mmd and .txt are still
// written and the pictures are left as they are.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { topology, renderDot, renderMermaid, renderTree } from '../src/index.js';
import { demoNet } from '../examples/demo-net.js';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const prefix = `nlctl-docs-${process.pid}-`;

async function main(): Promise<void> {
  const net = demoNet(prefix);
  process.once('SIGINT', () => { void net.teardown().finally(() => process.exit(130)); });
  try {
    await net.build();
    const mine = new Set([net.host, net.ns1, net.ns2]);
    const topo = await topology({ include: (n) => n.name !== undefined && mine.has(n.name) });
    const cut = (s: string) => s.split(prefix).join('');
    const files: [string, string][] = [['dot', renderDot(topo)], ['mmd', renderMermaid(topo)], ['txt', renderTree(topo)]];
    for (const [ext, text] of files) writeFileSync(`${docs}demo-topology.${ext}`, cut(text));
  } finally {
    await net.teardown();
  }
  for (const fmt of ['svg', 'png']) {
    const r = spawnSync('dot', [`-T${fmt}`, '-Gdpi=110', `${docs}demo-topology.dot`, '-o', `${docs}demo-topology.${fmt}`], { encoding: 'utf8' });
    if (r.error) { console.error('graphviz (dot) is not installed: apt-get install graphviz (a development tool only); pictures left as they are'); return; }
    if (r.status !== 0) throw new Error(`dot -T${fmt}: ${r.stderr}`);
  }
  console.log(`wrote ${docs}demo-topology.{dot,mmd,txt,svg,png}`);
}

main().catch((e: Error) => { console.error(`Error: ${e.message}`); process.exitCode = 1; });
