// CLI start-up, interleaved: each round runs every command once, in turn, so load from elsewhere
// on the machine (this 2-core VM is rarely quiet) hits all commands alike; medians per command and
// each median's ratio to bare `node -e 0` (issue 13's targets: netns exec <= 1.3x, -n NS link show
// <= 1.25x; issue 12's: link show <= 1.25x). Scratch namespace only; root; after `npm run build`.
//   node dist/bench/startup.js [ROUNDS]
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.argv[2] ?? 40);
const CLI = fileURLToPath(new URL('../src/cli/launch.cjs', import.meta.url));
const NS = `nlb-start-${process.pid}`;

const commands: [string, string[]][] = [
  ['node -e 0', [process.execPath, '-e', '0']],
  ['nlctl netns exec NS true', [process.execPath, CLI, 'netns', 'exec', NS, 'true']],
  ['nlctl -n NS link show', [process.execPath, CLI, '-n', NS, 'link', 'show']],
  ['nlctl link show', [process.execPath, CLI, 'link', 'show']],
  ['nlctl -j link show', [process.execPath, CLI, '-j', 'link', 'show']],
  ['ip netns exec NS true', ['ip', 'netns', 'exec', NS, 'true']],
  ['ip -n NS link show', ['ip', '-n', NS, 'link', 'show']],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

execFileSync('ip', ['netns', 'add', NS]);
try {
  const wall = commands.map(() => [] as number[]);
  for (let r = -3; r < ROUNDS; r++) { // three warm-up rounds
    // Rotate the order each round, so no command always follows the same one.
    for (let k = 0; k < commands.length; k++) {
      const i = (k + r + 3) % commands.length;
      const [file, ...args] = commands[i]![1];
      const t0 = process.hrtime.bigint();
      const res = spawnSync(file!, args, { stdio: ['ignore', 'pipe', 'pipe'] }); // stdout a pipe, as in a script's $(...)
      const t1 = process.hrtime.bigint();
      if (res.status !== 0) throw new Error(`${commands[i]![0]}: exit ${res.status}: ${res.stderr}`);
      if (r < 0) continue;
      wall[i]!.push(Number(t1 - t0) / 1e6);
    }
  }
  const base = median(wall[0]!);
  console.log(`| command (${ROUNDS} interleaved rounds, ${new Date().toISOString().slice(0, 16)}Z) | median wall | vs node -e 0 |`);
  console.log('|---|---:|---:|');
  commands.forEach(([name], i) => console.log(`| \`${name}\` | ${median(wall[i]!).toFixed(1)} ms | ${(median(wall[i]!) / base).toFixed(2)}x |`));
} finally {
  execFileSync('ip', ['netns', 'del', NS]);
}
