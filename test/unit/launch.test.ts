// The `nlctl` launcher (src/cli/launch.cts): runs the bundle, survives a cache V8 refuses (and
// replaces it), and falls back to the ESM entry point when there is no bundle. Each case runs a
// copy of the built files in a temporary directory, so the package's own cache is never touched.
import t, { type Test } from 'tap';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';

const here = join(CLI, '..');
const pkg = JSON.parse(readFileSync(join(here, '../../../package.json'), 'utf8')) as { bin: Record<string, string>; version: string };

function copy(t: Test, files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-launch-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of files) copyFileSync(join(here, f), join(dir, f));
  return dir;
}

function version(dir: string): { stdout: string; status: number | null } {
  return spawnSync(process.execPath, [join(dir, 'launch.cjs'), '-V'], { encoding: 'utf8' });
}

t.test('package.json ships the launcher as the bin, executable, with a shebang', async (t) => {
  t.equal(pkg.bin.nlctl, './dist/src/cli/launch.cjs');
  t.ok(statSync(CLI).mode & 0o111, 'executable');
  t.match(readFileSync(CLI, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  t.ok(existsSync(join(here, 'nlctl.bundle.cjs')), 'the build made the bundle');
  t.ok(existsSync(join(here, 'nlctl.bundle.cjs.cache')), 'the build recorded the code cache');
});

t.test('a cache V8 refuses: the command still runs, and the cache is replaced by one it takes', async (t) => {
  const dir = copy(t, ['launch.cjs', 'nlctl.bundle.cjs']);
  const cache = join(dir, 'nlctl.bundle.cjs.cache');
  writeFileSync(cache, Buffer.alloc(4096, 0x5a));
  const r = version(dir);
  t.equal(r.status, 0);
  t.equal(r.stdout, `nlctl utility, nlctl-${pkg.version} (pure TypeScript rtnetlink)\n`);
  const fresh = readFileSync(cache);
  t.not(fresh.equals(Buffer.alloc(4096, 0x5a)), true, 'rewritten');
  // Accepted now: a run that takes the cache leaves it alone (a refused one would rewrite it).
  const before = statSync(cache).mtimeMs;
  t.equal(version(dir).status, 0);
  t.equal(statSync(cache).mtimeMs, before, 'not rewritten: V8 took it');
  t.same(readFileSync(cache), fresh);
});

t.test('no cache at all: runs and records one', async (t) => {
  const dir = copy(t, ['launch.cjs', 'nlctl.bundle.cjs']);
  t.equal(version(dir).status, 0);
  t.ok(existsSync(join(dir, 'nlctl.bundle.cjs.cache')));
});

t.test('no bundle: the ESM entry point beside the launcher runs', async (t) => {
  const dir = copy(t, ['launch.cjs']);
  writeFileSync(join(dir, 'main.js'), 'console.log("esm entry", process.argv.slice(2).join(" "));\n');
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  const r = version(dir);
  t.equal(r.status, 0);
  t.equal(r.stdout, 'esm entry -V\n');
});
