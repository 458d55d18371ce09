// Per-request cost of the netlink core, side by side with `ip -batch` doing the same work in one
// process. Everything happens in a scratch namespace this script creates and deletes.
//   npm run build && node dist/bench/foundation.js [links=100] [requests=1000]
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Netlink } from '../src/client.js';
import * as K from '../src/netlink/route/constants.js';
import { NLM_F_CREATE, NLM_F_EXCL } from '../src/netlink/constants.js';

const PAIRS = Number(process.argv[2] ?? 100);
const N = Number(process.argv[3] ?? 1000);
const ns = `nlb-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'nlbench-'));

function ipBatch(lines: string[]): number {
  const f = join(dir, 'batch.txt');
  writeFileSync(f, lines.join('\n') + '\n');
  const t0 = performance.now();
  const r = spawnSync('ip', ['-n', ns, '-batch', f], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`ip -batch failed: ${r.stderr}`);
  return ms;
}

function best(xs: number[]): number { return Math.min(...xs); }
function fmt(ms: number, n: number): string { return `${ms.toFixed(1)} ms (${((ms * 1000) / n).toFixed(1)} µs/op)`; }

async function main(): Promise<void> {
  execFileSync('ip', ['netns', 'add', ns]);
  try {
    const lines = Array.from({ length: PAIRS }, (_, i) => `link add b${i} type veth peer name c${i}`);
    ipBatch(lines);
    const nl = await Netlink.open({ netns: ns });
    const rows: string[][] = [];

    // 1. Link dumps: 20 full dumps of 2*PAIRS+1 links.
    const DUMPS = 20;
    const ours: number[] = [], theirs: number[] = [];
    for (let r = 0; r < 3; r++) {
      let t0 = performance.now();
      for (let i = 0; i < DUMPS; i++) await nl.dumpAll({ type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: { ext_mask: K.RTEXT_FILTER_VF } } });
      ours.push(performance.now() - t0);
      theirs.push(ipBatch(Array.from({ length: DUMPS }, () => 'link show')));
    }
    rows.push([`${DUMPS} dumps of ${2 * PAIRS + 1} links`, fmt(best(ours), DUMPS), fmt(best(theirs), DUMPS), (best(theirs) / best(ours)).toFixed(2)]);

    // 2. N link gets by name: pipelined on one socket vs ip -batch (one at a time).
    const names = Array.from({ length: N }, (_, i) => `b${i % PAIRS}`);
    const g1: number[] = [], g2: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await Promise.all(names.map((n) => nl.request({ type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: { ifname: n, ext_mask: K.RTEXT_FILTER_SKIP_STATS } } })));
      g1.push(performance.now() - t0);
      g2.push(ipBatch(names.map((n) => `link show dev ${n}`)));
    }
    rows.push([`${N} link gets by name`, fmt(best(g1), N), fmt(best(g2), N), (best(g2) / best(g1)).toFixed(2)]);

    // 3. N address adds (then deletes), pipelined vs ip -batch.
    const idx = (await nl.request<{ header: { index: number } }>({ type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: { ifname: 'b0' } } })).messages[0]!.body.header.index;
    const addrs = Array.from({ length: N }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.1`);
    const ifa = (a: string) => ({ header: { family: 2, prefixlen: 32, flags: 0, scope: 0, index: idx }, attrs: { local: a, address: a } });
    const a1: number[] = [], a2: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await Promise.all(addrs.map((a) => nl.request({ type: K.RTM_NEWADDR, flags: NLM_F_CREATE | NLM_F_EXCL, body: Buffer.from(encodeIfa(ifa(a))) })));
      a1.push(performance.now() - t0);
      await Promise.all(addrs.map((a) => nl.request({ type: K.RTM_DELADDR, body: Buffer.from(encodeIfa(ifa(a))) })));
      a2.push(ipBatch(addrs.map((a) => `address add ${a}/32 dev b0`)));
      ipBatch(addrs.map((a) => `address del ${a}/32 dev b0`));
    }
    rows.push([`${N} address adds`, fmt(best(a1), N), fmt(best(a2), N), (best(a2) / best(a1)).toFixed(2)]);

    await nl.close();
    console.log(`kernel ${execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim()}, ${execFileSync('ip', ['-V'], { encoding: 'utf8' }).trim()}, node ${process.version}; best of 3\n`);
    console.log('| work | nlctl (library, one socket, pipelined) | ip -batch (one process) | ip / nlctl |');
    console.log('|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** struct ifaddrmsg + IFA_LOCAL + IFA_ADDRESS, built by hand so this bench needs only the core. */
function encodeIfa(m: { header: { family: number; prefixlen: number; index: number }; attrs: { local: string; address: string } }): Buffer {
  const b = Buffer.alloc(8 + 8 + 8);
  b.writeUInt8(m.header.family, 0);
  b.writeUInt8(m.header.prefixlen, 1);
  b.writeUInt32LE(m.header.index, 4);
  const ip4 = (s: string) => Buffer.from(s.split('.').map(Number));
  b.writeUInt16LE(8, 8); b.writeUInt16LE(2 /* IFA_LOCAL */, 10); ip4(m.attrs.local).copy(b, 12);
  b.writeUInt16LE(8, 16); b.writeUInt16LE(1 /* IFA_ADDRESS */, 18); ip4(m.attrs.address).copy(b, 20);
  return b;
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
