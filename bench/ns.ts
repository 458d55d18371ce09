// Namespace costs, measured in scratch namespaces only:
//  1. one RTM_GETLINK (lo) through a handle in the caller's own namespace, through a handle on a
//     foreign namespace (socket opened there by the worker, then used from the caller's thread),
//     and through the alternative design where the worker performs each request itself (enter
//     the namespace, send, receive synchronously, return home, post the reply back);
//  2. netns add + delete vs `ip netns add` + `ip netns del`.
// The parent makes two scratch namespaces and re-runs itself inside the first with netns.exec,
// so even the "own namespace" is a scratch one. Run as root: node dist/bench/ns.js [N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as netns from '../src/ns/netns.js';
import { Netlink } from '../src/client.js';
import { NLM_F_ACK, NLM_F_REQUEST } from '../src/netlink/constants.js';
import { encodeMessage, splitMessages } from '../src/netlink/message.js';
import { decodeMessage } from '../src/netlink/socket.js';
import * as K from '../src/netlink/route/constants.js';
import { linkBody, type LinkMessage } from '../src/netlink/route/link-attrs.js';

const N = Number(process.argv[process.argv.indexOf('--child') >= 0 ? 4 : 2] ?? 20000);
const body = { header: { family: 0, type: 0, index: 1, flags: 0, change: 0 }, attrs: { ext_mask: K.RTEXT_FILTER_SKIP_STATS } };

/**
 * Microseconds per call of each variant over `n` sequential calls: rounds alternate between the
 * variants and each keeps its best round, so load from elsewhere on the machine hits all alike.
 */
async function interleaved(n: number, variants: (() => Promise<unknown>)[], rounds = 5): Promise<number[]> {
  for (const fn of variants) for (let i = 0; i < Math.min(n, 2000); i++) await fn();
  const best = variants.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    for (const [v, fn] of variants.entries()) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await fn();
      best[v] = Math.min(best[v]!, ((performance.now() - t0) * 1000) / n);
    }
  }
  return best;
}

async function pipelined(nl: Netlink, n: number): Promise<number> {
  const t0 = performance.now();
  for (let done = 0; done < n; done += 200) {
    await Promise.all(Array.from({ length: 200 }, () => nl.request<LinkMessage>({ type: K.RTM_GETLINK, body })));
  }
  return ((performance.now() - t0) * 1000) / n;
}

async function child(foreign: string): Promise<void> {
  const own = await Netlink.open();
  const far = await Netlink.open({ netns: foreign });
  const check = async (nl: Netlink) => (await nl.request<LinkMessage>({ type: K.RTM_GETLINK, body })).messages[0]!.body.attrs.ifname;
  if ((await check(own)) !== 'lo' || (await check(far)) !== 'lo') throw new Error('expected lo');
  let seq = 1;
  const viaWorker = async () => {
    const req = encodeMessage({ type: K.RTM_GETLINK, flags: NLM_F_REQUEST | NLM_F_ACK, seq: seq++, pid: 0 }, linkBody, body);
    const dgrams = await netns.runIn(foreign, 'exchange', foreign, req);
    const msgs = dgrams.flatMap((d) => splitMessages(Buffer.from(d.buffer, d.byteOffset, d.byteLength))).map(decodeMessage);
    if ((msgs[0]?.body as LinkMessage).attrs.ifname !== 'lo') throw new Error('expected lo');
  };
  const seqs = await interleaved(Math.ceil(N / 5), [
    () => own.request({ type: K.RTM_GETLINK, body }), () => far.request({ type: K.RTM_GETLINK, body }), viaWorker]);
  const pipes = [Infinity, Infinity];
  for (let r = 0; r < 3; r++) for (const [i, nl] of [own, far].entries()) pipes[i] = Math.min(pipes[i]!, await pipelined(nl, N));
  const rows: [string, number][] = [
    ['own namespace handle, sequential', seqs[0]!],
    ['foreign namespace handle (socket made by the worker), sequential', seqs[1]!],
    ['worker performs each request (setns, send, recv, setns home), sequential', seqs[2]!],
    ['own namespace handle, pipelined 200 at a time', pipes[0]!],
    ['foreign namespace handle, pipelined 200 at a time', pipes[1]!],
  ];
  const base = rows[0]![1];
  console.log(`| RTM_GETLINK lo, N=${N} | µs/request | vs own |\n| --- | ---: | ---: |`);
  for (const [what, us] of rows) console.log(`| ${what} | ${us.toFixed(1)} | ${(us / (what.includes('pipelined') ? rows[3]![1] : base)).toFixed(2)}x |`);
  await netns.runIn(foreign, 'closeExchanges');
  await own.close();
  await far.close();
  await netns.shutdown();
}

async function addDelete(n: number): Promise<void> {
  const name = (i: number) => `nlt-bench-${process.pid}-ad-${i}`;
  let t0 = performance.now();
  for (let i = 0; i < n; i++) { await netns.add(name(i)); await netns.delete(name(i)); }
  const ours = (performance.now() - t0) / n;
  t0 = performance.now();
  for (let i = 0; i < n; i++) {
    if (spawnSync('ip', ['netns', 'add', name(i)]).status !== 0) throw new Error('ip netns add failed');
    if (spawnSync('ip', ['netns', 'del', name(i)]).status !== 0) throw new Error('ip netns del failed');
  }
  const theirs = (performance.now() - t0) / n;
  console.log(`\n| add + delete, N=${n} | ms/cycle |\n| --- | ---: |`);
  console.log(`| netns.add + netns.delete (in process) | ${ours.toFixed(2)} |`);
  console.log(`| ip netns add + ip netns del (two processes) | ${theirs.toFixed(2)} |`);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--child');
  if (at >= 0) return child(process.argv[at + 1]!);
  if (process.getuid?.() !== 0) throw new Error('run as root: the bench makes scratch namespaces');
  const own = `nlt-bench-${process.pid}-own`;
  const foreign = `nlt-bench-${process.pid}-far`;
  await netns.add(own);
  await netns.add(foreign);
  try {
    console.log(`node ${process.version}, kernel ${spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim()}\n`);
    const r = await netns.exec(own, [process.execPath, fileURLToPath(import.meta.url), '--child', foreign, String(N)]);
    if (r.code !== 0) throw new Error(`bench child failed: ${JSON.stringify(r)}`);
    await addDelete(200);
  } finally {
    await netns.delete(own).catch(() => {});
    await netns.delete(foreign).catch(() => {});
    await netns.shutdown();
  }
}

await main();
