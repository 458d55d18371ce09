// `npm run fuzz [mutations=1000000]`: the decoder fuzzer at scale, with a report per target.
// Exits 1 when a property failed; each failure prints its target, iteration and input (hex).
import { fuzz } from './engine.js';

const total = Number(process.argv[2] ?? 1_000_000);
const t0 = performance.now();
// Spread over the targets: body decoders get perTarget each, the parsers twice that.
const probe = fuzz(1);
const perTarget = Math.ceil(total / (probe.targets.length - 1 + 2));
const r = fuzz(perTarget);
const s = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`fuzz: ${r.mutants} mutations of ${r.seeds} captured messages, ${r.targets.length} targets, ${s} s`);
for (const x of r.targets) {
  // The parser target runs three parsers per mutant and has nothing to encode back.
  const tail = x.target === 'datagram+ack' ? 'parses (split, error, done); nothing to re-encode' : `decoded  ${String(x.stable).padStart(8)} round-trip stable`;
  console.log(`  ${x.target.padEnd(16)} ${String(x.mutants).padStart(8)} mutants  ${String(x.decoded).padStart(8)} ${tail}`);
}
console.log(`failures: ${r.failures.length}${r.failures.length >= 50 ? ' (first 50)' : ''}`);
for (const f of r.failures) console.log(`  ${f.target} #${f.iteration}: ${f.what}\n    input ${f.input}`);
process.exitCode = r.failures.length ? 1 : 0;
