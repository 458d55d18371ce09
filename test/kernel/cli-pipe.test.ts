// A reader that stops early (`nlctl ... | head -1`) ends nlctl quietly, as SIGPIPE ends ip:
// no stack trace, exit 0.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { ip, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

import { CLI } from '../helpers/cli.js';
const skip = kernelSkipReason();

t.test('EPIPE', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'pipe');
  ip('-n', ns, 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1');
  // Enough output that it cannot all sit in the pipe before head exits.
  const lines = Array.from({ length: 400 }, (_, i) => `address add 10.9.${i >> 8}.${i & 255}/32 dev p0`).join('\n');
  spawnSync('ip', ['-n', ns, '-batch', '-'], { input: lines });
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" -n ${ns} -j -p address show | head -c 100 >/dev/null; echo "rc=\${PIPESTATUS:-$?}"`], { encoding: 'utf8' });
  t.notMatch(r.stderr, /EPIPE|Error|at /, 'no stack trace');
  const r2 = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" -n ${ns} -j -p address show | head -c 100 >/dev/null; echo \${PIPESTATUS[0]}`], { encoding: 'utf8' });
  t.equal(r2.stdout.trim(), '0', 'exit 0');
  t.equal(r2.stderr, '', 'nothing on stderr');
});
