// The demo's reachability matrix: who reaches whom, proved with real TCP connections (a server
// socket opened inside the destination's namespace, a client socket opened inside the source's;
// no ping binary), next to what routing predicts. Used by examples/topology.ts.
import * as net from 'node:net';
import { netns } from '../src/index.js';

/** An address the matrix probes, and which namespace owns it. */
export interface Target { address: string; prefix: number; owner: string; label: string }
/** A namespace that sends, with its default gateway's owner (undefined: none). */
export interface Source { ns: string; label: string; via?: string }

/** One probe result per source × target. */
export type Matrix = boolean[][];

function sameSubnet(a: string, b: string, prefix: number): boolean {
  const n = (s: string) => s.split('.').reduce((acc, x) => (acc << 8) | Number(x), 0) >>> 0;
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return ((n(a) & mask) >>> 0) === ((n(b) & mask) >>> 0);
}

/**
 * What routing predicts: a namespace reaches its own addresses; a directly connected subnet; and,
 * through its gateway, any address the gateway's namespace owns (Linux accepts a packet for any
 * of its own addresses on any interface: no forwarding needed); anything further only when
 * the gateway forwards (ip_forward=1).
 */
export function predict(sources: Source[], targets: Target[], forwarding: boolean): Matrix {
  return sources.map((s) => targets.map((t) => {
    if (t.owner === s.ns) return true;
    const mine = targets.filter((x) => x.owner === s.ns);
    if (mine.some((m) => sameSubnet(m.address, t.address, t.prefix))) return true;
    if (s.via === undefined) return false;
    return t.owner === s.via || forwarding;
  }));
}

/** Connects from inside `from` to address:port; resolves to the reply (the answering namespace's label) or undefined. */
async function connect(from: string, address: string, port: number, ms: number): Promise<string | undefined> {
  const fd = await netns.socket(from, 'tcp');
  return new Promise((resolve) => {
    const c = new net.Socket({ fd });
    let got = '';
    const timer = setTimeout(() => { c.destroy(); resolve(undefined); }, ms);
    c.on('data', (d) => { got += d; });
    c.once('error', () => { clearTimeout(timer); c.destroy(); resolve(undefined); });
    c.once('close', () => { clearTimeout(timer); resolve(got || undefined); });
    c.connect(port, address);
  });
}

/** Probes every cell at once; a cell is true when the server in the owning namespace answered with its name. */
export async function probe(sources: Source[], targets: Target[], ms = 1500): Promise<Matrix> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (const t of targets) {
      const fd = await netns.socket(t.owner, 'tcp', { bind: { address: t.address, port: 0 } });
      const srv = net.createServer((s) => s.end(t.owner)).listen({ fd });
      servers.push(srv);
      await new Promise((r) => srv.once('listening', r));
      ports.push((srv.address() as net.AddressInfo).port);
    }
    return await Promise.all(sources.map((s) => Promise.all(targets.map(async (t, i) => (await connect(s.ns, t.address, ports[i]!, ms)) === t.owner))));
  } finally {
    for (const s of servers) s.close();
  }
}

/** The matrix as a table: rows are sources, columns targets; a cell differing from the prediction reads `NO (want yes)`. */
export function formatMatrix(sources: Source[], targets: Target[], got: Matrix, want: Matrix): string {
  const w = 17;
  const pad = (s: string, n = w) => s.padEnd(n);
  const lines = [
    pad('  from \\ to', 12) + targets.map((t) => pad(t.address)).join(''),
    pad('', 12) + targets.map((t) => pad(`(${t.label})`)).join(''),
  ];
  sources.forEach((s, i) => {
    lines.push(pad(`  ${s.label}`, 12) + targets.map((_, j) => {
      const cell = got[i]![j] ? 'yes' : 'no';
      return pad(got[i]![j] === want[i]![j] ? cell : `${cell.toUpperCase()} (want ${want[i]![j] ? 'yes' : 'no'})`);
    }).join(''));
  });
  return lines.join('\n');
}

/** How many cells differ from the prediction. */
export function wrongCells(got: Matrix, want: Matrix): number {
  return got.flat().filter((v, i) => v !== want.flat()[i]).length;
}
