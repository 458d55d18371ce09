// `nlctl link show` runs from a bundle of its own (src/cli/show-main.ts, nlctl-show.bundle.cjs).
// Its output must be the whole CLI's, byte for byte: the launcher's `link show` against the ES
// module entry point (main.js, the whole CLI, no bundle), on links that exercise the printer's
// lookups: a veth whose peer lives in another named namespace (link-netns NAME in text, the
// nsid in JSON), a bridge port (master), a down link, and -n.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { kernelSkipReason, scratchNs, ip } from '../helpers/scratch.js';
import { CLI } from '../helpers/cli.js';

const skip = kernelSkipReason();
const MAIN = join(CLI, '..', 'main.js');

function run(entry: string, args: string[]): [number | null, string, string] {
  const r = spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', timeout: 30000 });
  return [r.status, r.stdout, r.stderr];
}

t.test('link show from the show bundle = the whole CLI', { skip }, async (t) => {
  const a = scratchNs(t, 'shw');
  const b = scratchNs(t, 'shw');
  ip('-n', a, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'p0', 'netns', b);
  ip('-n', a, 'link', 'add', 'br0', 'type', 'bridge');
  ip('-n', a, 'link', 'add', 'v1', 'type', 'veth', 'peer', 'name', 'v2');
  ip('-n', a, 'link', 'set', 'v1', 'master', 'br0');
  ip('-n', a, 'link', 'set', 'v1', 'up');
  ip('-n', a, 'link', 'set', 'br0', 'up');
  for (const words of [
    ['-n', a, 'link', 'show'], ['-n', a, '-j', 'link', 'show'], ['-n', a, '-j', '-p', 'link'], ['-n', b, 'link'],
    ['-n', a, '-o', 'link', 'show', 'up'], ['-n', a, '-s', '-s', 'link', 'show', 'v0'], ['-n', a, '-br', 'link'],
    ['-n', a, 'link', 'show', 'master', 'br0'], ['-n', a, 'link', 'ls', 'type', 'veth'], ['-n', a, 'link', 'show', 'nosuch'],
    ['-n', a, 'link', 'show', 'master', 'nosuch'], ['-n', a, 'link', 'show', 'v0', 'v1'], ['-n', a, '-N', 'link', 'show', 'group', 'default'],
  ]) {
    const viaShow = run(CLI, words);
    t.same(viaShow, run(MAIN, words), words.join(' '));
    if (words.includes('show') && words.length === 4) t.match(viaShow[1], /link-netns nlt/, 'the peer\'s namespace by name');
  }
});
