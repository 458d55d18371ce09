// Property tests of every decoder (issue 9 item 12), from seeded mutations of captured messages
// (test/fixtures and test/fuzz/seeds), so failures reproduce: decoding arbitrary bytes throws only
// DecodeError; no decoded number is an inexact u64; whatever decodes encodes again and decodes
// to the same value. `npm run fuzz` runs the same at 1M+ mutations and reports per target.
import t from 'tap';
import { fuzz, loadFixtures } from './engine.js';
import { messageKind, splitMessages } from '../../src/netlink/message.js';

const PER_TARGET = 1500; // x (body targets + 2 for the parsers): 10k+ mutations per npm test

t.test('the seeds: fixtures exist and each target calls its own decoder', async (t) => {
  const fixtures = loadFixtures();
  t.ok(fixtures.length >= 17, `${fixtures.length} seed files`);
  for (const m of fixtures.flatMap((f) => splitMessages(f.bytes))) {
    const kind = messageKind(m.type);
    if (!kind?.body) continue;
    const v = kind.body.read(m.body, kind.name) as { header: object; attrs: object };
    if (!v.header || !v.attrs) t.fail(`${kind.name} does not decode its own seed to { header, attrs }`);
  }
});

t.test('every decoder: only DecodeError, exact values, decode -> encode -> decode is stable', async (t) => {
  const r = fuzz(PER_TARGET);
  t.ok(r.mutants >= 10_000, `${r.mutants} mutations`);
  t.ok(r.targets.length >= 8, `${r.targets.length} targets: ${r.targets.map((x) => x.target).join(', ')}`);
  for (const x of r.targets) t.ok(x.decoded > 0, `${x.target}: ${x.decoded}/${x.mutants} mutants decoded, ${x.stable} stable`);
  t.same(r.failures, [], 'no property failed');
});
