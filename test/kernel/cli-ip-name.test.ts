// Invoked through a symlink named `ip`, nlctl's help, usage and error texts are iproute2 6.1's,
// byte for byte and with ip's exit codes; under its own name it keeps saying nlctl.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasIp } from '../helpers/scratch.js';
import { CLI } from '../helpers/cli.js';

const skip = hasIp() ? undefined : 'iproute2 (ip) is not installed; it is the oracle for its own texts';

function run(file: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(file, args, { encoding: 'utf8', timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// A few through the real symlink (each is a Node start-up); the differential harness (test/diff/)
// runs the rest in-process under the name ip.
const LINES = ['help', 'neigh help', 'link help vxlan', 'link add type vxlan help', 'link foo', 'foo'];

t.test('as ip: the texts and exit codes of ip 6.1', { skip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-ip-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const asIp = join(dir, 'ip');
  symlinkSync(CLI, asIp);
  for (const line of LINES) t.same(run(asIp, line.split(' ')), run('ip', line.split(' ')), line);
  t.match(run(asIp, ['neigh', 'help']).err, /ip neigh get/, 'the probe scripts use finds ip neigh get');
});

t.test('as nlctl: its own name', async (t) => {
  const r = run(process.execPath, [CLI, 'link', 'foo']);
  t.same(r, { code: 255, out: '', err: 'Command "foo" is unknown, try "nlctl link help".\n' });
  t.match(run(process.execPath, [CLI, 'neigh', 'help']).err, /^Usage: nlctl neigh/);
});
