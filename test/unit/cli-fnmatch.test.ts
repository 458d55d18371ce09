// fnmatch(3) as ip applies it to address labels: table of pattern, text, expected.
import t from 'tap';
import { fnmatch } from '../../src/cli/fnmatch.js';

const CASES: [string, string, boolean][] = [
  ['eth0:*', 'eth0:1', true], ['eth0:*', 'eth0', false], ['eth0:*', 'eth0:', true],
  ['v0:?', 'v0:1', true], ['v0:?', 'v0:22', false],
  ['v0:[0-9]*', 'v0:22', true], ['v0:[0-9]*', 'v0:x', false],
  ['v0:[!0-9]', 'v0:x', true], ['v0:[!0-9]', 'v0:1', false], ['v0:[^0-9]', 'v0:x', true],
  ['[]]x', ']x', true], ['a[', 'a[', true], ['a\\*', 'a*', true], ['a\\*', 'ab', false],
  ['a.b', 'a.b', true], ['a.b', 'axb', false], ['(x)+', '(x)+', true], ['*', '', true], ['x/y-z', 'x/y-z', true],
];

for (const [p, s, want] of CASES) t.equal(fnmatch(p, s), want, `${JSON.stringify(p)} vs ${JSON.stringify(s)}`);
