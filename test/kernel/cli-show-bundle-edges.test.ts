// More of `link show` from its own bundle (show-main.ts via the launcher) against the whole CLI
// (main.js), byte for byte with exit codes: invoked as `ip` (a symlink named ip to each), option
// spellings and abbreviations the launcher routes, lines show-main declines (-d, -peer, -c), words
// in error (missing values, help, unknown devices and namespaces), a device whose name is not
// UTF-8 (given as bytes through bash), and vxlan, macvlan, altname and alias links.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelSkipReason, scratchNs, ip } from '../helpers/scratch.js';
import { CLI } from '../helpers/cli.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);
const MAIN = join(CLI, '..', 'main.js');

/** Runs `entry` with `args`, a bash word list (so that $'\xff' bytes reach argv); stdout as bytes. */
function run(entry: string, args: string): [number | null, string, string] {
  const r = spawnSync('bash', ['-c', `exec "$0" "$1" ${args}`, process.execPath, entry], { timeout: 30000 });
  return [r.status, r.stdout.toString('latin1'), r.stderr.toString('latin1')];
}

t.test('the show bundle = the whole CLI, also as ip', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-ipname-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const [sub, target] of [['l', CLI], ['m', MAIN]] as const) {
    symlinkSync(target, join(dir, `${sub}-ip`));
  }
  const a = scratchNs(t, 'she');
  const b = scratchNs(t, 'she');
  ip('-n', a, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'p0', 'netns', b);
  ip('-n', a, 'link', 'add', 'v1', 'type', 'veth', 'peer', 'name', 'v2');
  ip('-n', a, 'link', 'add', 'vx0', 'type', 'vxlan', 'id', '42', 'dstport', '4789', 'local', '10.9.9.1');
  ip('-n', a, 'link', 'add', 'mv0', 'link', 'v2', 'type', 'macvlan', 'mode', 'bridge');
  ip('-n', a, 'link', 'set', 'v0', 'group', '7');
  ip('-n', a, 'link', 'set', 'v2', 'alias', 'an alias');
  ip('-n', a, 'link', 'property', 'add', 'dev', 'v2', 'altname', 'v2alt');
  t.equal(spawnSync('bash', ['-c', `ip -n ${a} link add $'x\\xff\\xfe' type veth peer name y0`]).status, 0);
  // '!': also run as ip (help and error texts name the program).
  const lines = [
    `-n ${a} -s -s -h -iec link`, `-n ${a} l`, `-n ${a} li ls type macvlan`, `-n ${a} link sh v2alt`, `!-n ${a} link show help`,
    `!-n ${a} link show dev`, `-n ${a} link show up nosuch`, `-n ${a} link show group NAME`, `!-n ${a} link show $'x\\xff\\xfe'`,
    `-n ${a} -j link show dev $'x\\xff\\xfe'`, `-n ${a} -d link show vx0`, `-n ${a} -peer link show v0`, `!-n ${a}-missing link show`,
    `-n ${a}/x link show`,
  ];
  for (const mark of lines) {
    const line = mark.replace(/^!/, '');
    t.same(run(CLI, line), run(MAIN, line), line);
    if (mark.startsWith('!')) t.same(run(join(dir, 'l-ip'), line), run(join(dir, 'm-ip'), line), `as ip: ${line}`);
  }
});
