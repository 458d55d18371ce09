// Time to apply a masquerade plus 100 published ports as one nf_tables transaction, three ways,
// each into a freshly flushed scratch namespace:
//  1. the library: natSetup() on an open handle (it lists nlctl's table to stay idempotent, then
//     sends one batch);
//  2. `nlctl nft -f FILE` (a whole process: node start, parse, one batch);
//  3. `nft -f FILE` (nftables 1.0.6) with the same ruleset.
// Rounds alternate between the variants and each keeps its median, so load from elsewhere on the
// machine hits all alike. Run as root after `npm run build`: node dist/bench/nft.js [rounds=15]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as netns from '../src/ns/netns.js';
import { Nft } from '../src/nft/nft.js';
import { masqueradeRule, natSetup, publishRules } from '../src/nft/nat.js';
import { formatRuleset } from '../src/nft/text.js';

const ROUNDS = Number(process.argv[2] ?? 15);
const PORTS = 100;
const cli = fileURLToPath(new URL('../src/cli/launch.cjs', import.meta.url));
const ns = `nlb-nft-${process.pid}`;

const masq = { source: '10.0.0.0/24', outInterface: 'eth0' };
const ports = Array.from({ length: PORTS }, (_, i) => ({ proto: 'tcp' as const, port: 10000 + i, to: `10.0.0.${2 + (i % 200)}:80` }));

/** The same ruleset in nft's language (what natSetup makes, written as nft -f input). */
function nftFile(): string {
  const rules = [masqueradeRule(masq), ...ports.flatMap(publishRules)];
  const body = formatRuleset({
    tables: [{ family: 'ip', name: 'nlctl', handle: 0 }],
    chains: [
      { family: 'ip', table: 'nlctl', name: 'prerouting', handle: 0, type: 'nat', hook: 'prerouting', prio: -100, policy: 'accept' },
      { family: 'ip', table: 'nlctl', name: 'output', handle: 0, type: 'nat', hook: 'output', prio: -100, policy: 'accept' },
      { family: 'ip', table: 'nlctl', name: 'postrouting', handle: 0, type: 'nat', hook: 'postrouting', prio: 100, policy: 'accept' },
    ],
    rules: rules.map((r) => ({ family: 'ip', table: 'nlctl', chain: r.chain, handle: 0, expr: r.expr })),
  });
  return body;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the nft bench needs root');
  const dir = mkdtempSync(join(tmpdir(), 'nlb-nft-'));
  const file = join(dir, 'ruleset.nft');
  writeFileSync(file, nftFile());
  await netns.add(ns);
  const nft = await Nft.open({ netns: ns });
  try {
    const flush = () => nft.apply([{ flush: { ruleset: null } }]);
    const cpu: number[] = [];
    const times: Record<string, number[]> = { library: [], 'nlctl nft -f': [], 'nft -f': [], 'nlctl -n NS link show (process baseline)': [] };
    const variants: [string, () => Promise<void>][] = [
      ['library', () => natSetup({ netns: ns, masquerade: [masq], publish: ports })],
      ['nlctl nft -f', async () => run(process.execPath, [cli, '-n', ns, 'nft', '-f', file])],
      ['nft -f', async () => run('ip', ['netns', 'exec', ns, 'nft', '-f', file])],
    ];
    // What any nlctl process costs here (node start, bundle, koffi), for reading the CLI row.
    const baseline: [string, () => Promise<void>] = ['nlctl -n NS link show (process baseline)', async () => run(process.execPath, [cli, '-n', ns, 'link', 'show'])];
    // Warm up, and check all three make the same ruleset.
    const listings = new Set<string>();
    for (const [, fn] of variants) { await flush(); await fn(); listings.add(formatRuleset(await nft.ruleset())); }
    if (listings.size !== 1) throw new Error('the three variants made different rulesets');
    const rules = (await nft.rules()).length;
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, fn] of [...variants, baseline]) {
        await flush();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await fn();
        times[name]!.push(performance.now() - t0);
        if (name === 'library') { const c = process.cpuUsage(c0); cpu.push((c.user + c.system) / 1000); }
      }
    }
    const nftMs = median(times['nft -f']!);
    console.log(`library: ${median(cpu).toFixed(1)} ms of this process's CPU per setup (median)`);
    console.log(`masquerade + ${PORTS} published ports: ${rules} rules, 3 base chains, one table, one batch; median of ${ROUNDS}`);
    console.log('| way | median ms | vs nft -f |');
    console.log('|---|---|---|');
    for (const [name] of [...variants, baseline]) console.log(`| ${name} | ${median(times[name]!).toFixed(1)} | ${(median(times[name]!) / nftMs).toFixed(2)}x |`);
  } finally {
    await nft.close();
    await netns.del(ns).catch(() => {});
    await netns.shutdown();
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
