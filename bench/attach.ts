// One attach() and one detach() (median of N, default 100, in a warm process) next to the same
// steps done by `ip`: one ip process per step, and `ip -batch` with one process per namespace.
// Everything happens in two scratch namespaces (nlb-PID-h, nlb-PID-c) made and deleted here;
// the root namespace is never touched. Run as root after `npm run build`:
//   node dist/bench/attach.js [N]
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import * as netns from '../src/ns/netns.js';
import { attach, detach } from '../src/container/index.js';

const N = Number(process.argv[2] ?? 100);
const H = `nlb-${process.pid}-h`, C = `nlb-${process.pid}-c`;

function ip(args: string[], input?: string): void {
  const r = spawnSync('ip', args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2; };

/** The steps attach() takes, as ip commands: [namespace, words]. */
const STEPS: [string, string][] = [
  [H, 'link add m0 type veth peer name eth0 netns ' + C], [H, 'link set m0 alias nlctl:bench'], [H, 'address add 10.99.0.1/24 dev m0'],
  [H, 'link set m0 up'], [C, 'address add 10.99.0.2/24 dev eth0'], [C, 'link set eth0 up'], [C, 'link set lo up'],
  [C, 'route add default via 10.99.0.1 dev eth0'],
];

async function timed(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  await netns.add(H);
  await netns.add(C);
  try {
    const opts = { id: 'bench', netns: C, addresses: ['10.99.0.2/24'], gateway: '10.99.0.1', host: { netns: H, ifname: 'm0', addresses: ['10.99.0.1/24'] } };
    const lib = { attach: [] as number[], detach: [] as number[] };
    const perStep = { attach: [] as number[], detach: [] as number[] };
    const batch = { attach: [] as number[], detach: [] as number[] };
    for (let i = 0; i < 5; i++) await detach(await attach(opts)); // warm: worker started, code compiled
    // One variant at a time: a veth deletion leaves work behind in the kernel (RCU callbacks,
    // netdev cleanup) that slowed whichever variant ran next by 20-40 ms when they alternated.
    for (let i = 0; i < N; i++) {
      let r: Awaited<ReturnType<typeof attach>> | undefined;
      lib.attach.push(await timed(async () => { r = await attach(opts); }));
      lib.detach.push(await timed(() => detach(r!)));
    }
    for (let i = 0; i < N; i++) {
      perStep.attach.push(await timed(() => { for (const [ns, words] of STEPS) ip(['-n', ns, ...words.split(' ')]); }));
      perStep.detach.push(await timed(() => ip(['-n', H, 'link', 'del', 'm0'])));
    }
    for (let i = 0; i < N; i++) {
      batch.attach.push(await timed(() => {
        for (const ns of [H, C]) ip(['-n', ns, '-batch', '-'], STEPS.filter(([n]) => n === ns).map(([, w]) => w).join('\n') + '\n');
      }));
      batch.detach.push(await timed(() => ip(['-n', H, '-batch', '-'], 'link del m0\n')));
    }
    const spawnTrue: number[] = [];
    for (let i = 0; i < N; i++) spawnTrue.push(await timed(() => spawnSync('true')));
    const f = (xs: number[]) => `${median(xs).toFixed(2)} ms`;
    console.log(`median of ${N}, warm process, node ${process.version}`);
    console.log('| | attach (8 steps) | detach |\n|---|---|---|');
    console.log(`| nlctl attach()/detach() (library) | ${f(lib.attach)} | ${f(lib.detach)} |`);
    console.log(`| ip, one process per step (8 / 1) | ${f(perStep.attach)} | ${f(perStep.detach)} |`);
    console.log(`| ip -batch, one process per namespace (2 / 1) | ${f(batch.attach)} | ${f(batch.detach)} |`);
    console.log(`| (for scale: starting /bin/true once) | ${f(spawnTrue)} | |`);
  } finally {
    await netns.delete(H).catch(() => undefined);
    await netns.delete(C).catch(() => undefined);
    await netns.shutdown();
  }
}

main().catch((e: Error) => { console.error(e.message); process.exitCode = 1; });
