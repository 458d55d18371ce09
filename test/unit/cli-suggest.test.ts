// Issue 9 item 16: the "did you mean" suggestion is bounded. editDistance with a bound stops as
// soon as the distance must exceed it (a 1 MB word against a keyword is answered from the lengths
// alone: once 16 s and ~1 GB), and the answers within the bound are the unbounded ones. The CLI,
// given a -batch file with a 1 MB word, answers as ip does.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { didYouMean, editDistance, suggest } from '../../src/cli/suggest.js';

const huge = 'x'.repeat(1 << 20);

t.test('a bound caps the distance and the work', async (t) => {
  t.equal(editDistance(huge, 'link', 2), 3, 'lengths alone: over the bound');
  t.equal(editDistance('aaaaaaaaaa', 'bbbbbbbbbb', 2), 3, 'same length, over the bound early');
  t.equal(editDistance('lnik', 'link', 1), 1, 'a swap within the bound');
  t.equal(editDistance('adress', 'address', 2), 1);
  t.equal(editDistance('abcdef', 'badcfe', 3), 3, 'three swaps');
  t.equal(editDistance('abcdef', 'badcfe', 2), 3, 'past the bound: bound + 1');
  t.equal(editDistance('kitten', 'sitting'), 3, 'unbounded still exact');
  // Bounded answers agree with the unbounded ones wherever they are within the bound.
  const words = ['link', 'lnik', 'lik', 'address', 'adress', 'addr', 'route', 'rotue', 'neigh', 'nieghs', 'x', ''];
  for (const a of words) {
    for (const b of words) {
      const full = editDistance(a, b);
      t.equal(editDistance(a, b, 2), Math.min(full, 3), `${a} / ${b}`);
    }
  }
});

t.test('suggest with a huge word answers nothing', async (t) => {
  t.equal(suggest(huge, ['link', 'address']), undefined);
  t.equal(didYouMean(huge, ['link', 'address']), '');
  t.equal(suggest('lnik', ['link', 'address']), 'link');
});

t.test('nlctl -batch with a 1 MB word answers as ip -batch does', { skip: spawnSync('ip', ['-V']).status === 0 ? false : 'ip is not installed' }, async (t) => {
  const { CLI } = await import('../helpers/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-suggest-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'batch');
  writeFileSync(file, `${huge}\n`);
  const ours = spawnSync(CLI, ['-batch', file], { encoding: 'utf8', maxBuffer: 8 << 20 });
  const theirs = spawnSync('ip', ['-batch', file], { encoding: 'utf8', maxBuffer: 8 << 20 });
  t.equal(ours.status, theirs.status, 'exit code');
  const mine = ours.stderr.replace('"nlctl help"', '"ip help"');
  t.equal(mine.length, theirs.stderr.length, 'the same message, no suggestion');
  t.ok(mine === theirs.stderr, 'byte for byte (but the program name)');
});
