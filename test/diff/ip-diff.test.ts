// The differential harness (test/diff/harness.ts): the corpus run through ip and through nlctl
// invoked as ip, in scratch namespaces; every line must match (stdout, stderr, exit code) unless
// known.ts lists it with its reason. DIFF_SHOW=1 prints each mismatch.
import t from 'tap';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelSkipReason } from '../helpers/scratch.js';
import { CLI } from '../helpers/cli.js';
import { CORPUS, corpusSize } from './corpus.js';
import { KNOWN, knownReason } from './known.js';
import { files, runCorpus, timing, type Outcome } from './harness.js';
import { fixture } from '../helpers/fixtures.js';

const skip = kernelSkipReason();
// ~530 ip processes: seconds on an idle 2-core CI, minutes on a loaded one; never cut short.
t.setTimeout(600_000);

function show(o: Outcome): string {
  const side = (r: Outcome['ip']) => `  exit ${r.code}\n  out: ${JSON.stringify(r.out)}\n  err: ${JSON.stringify(r.err)}`;
  return `[${o.group}] ip ${o.line}\n ip:\n${side(o.ip)}\n nlctl:\n${side(o.nlctl)}\n`;
}

t.test(`differential: ${corpusSize()} ip command lines, ip vs nlctl as ip`, { skip, timeout: 600000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-diff-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const asIp = join(dir, 'ip');
  symlinkSync(CLI, asIp);
  files.rtmon = join(dir, 'rtmon');
  writeFileSync(files.rtmon, fixture('rtmon_veth'));
  // DIFF_GROUP=substring runs only matching groups (while working on one).
  const only = process.env.DIFF_GROUP;
  const outcomes = await runCorpus(only ? CORPUS.filter((g) => g.name.includes(only)) : CORPUS, asIp);
  const pass = outcomes.filter((o) => o.same).length;
  const known = outcomes.filter((o) => !o.same && knownReason(o.group, o.line) !== undefined).length;
  t.comment(`${outcomes.length} lines: ${pass} identical, ${known} known differences, ${outcomes.length - pass - known} failing`);
  if (process.env.DIFF_SHOW) process.stderr.write(`timing (ms): ${JSON.stringify(timing, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}\n`);
  for (const o of outcomes) {
    if (o.same) continue;
    if (process.env.DIFF_SHOW) process.stderr.write(show(o));
    if (knownReason(o.group, o.line) === undefined) t.fail(`ip ${o.line}`, { diff: show(o) });
  }
  const stale = Object.keys(KNOWN).filter((k) => outcomes.some((o) => (k === o.line || k === `${o.group} :: ${o.line}`) && o.same));
  t.same(stale, [], 'every known difference still differs (else drop it from known.ts)');
});
