// The `nlctl` launcher (src/cli/launch.cts): runs the bundle with the code cache named by the
// bundle's hash line, survives a cache V8 refuses or that is damaged (and replaces it), ignores
// caches of other bundles, and falls back to the ESM entry point when there is no usable bundle.
// Each case runs a copy of the built files in a temporary directory, so the package's own cache
// is never touched.
import t, { type Test } from 'tap';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';

const here = join(CLI, '..');
const pkg = JSON.parse(readFileSync(join(here, '../../../package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
const bundleText = readFileSync(join(here, 'nlctl.bundle.cjs'), 'utf8');
const hash = /^\/\/ nlctl-bundle ([0-9a-f]+)\n/.exec(bundleText)?.[1];
const cacheName = `nlctl.bundle.${hash}.cache`;
const execText = readFileSync(join(here, 'nlctl-exec.bundle.cjs'), 'utf8');
const execCacheName = `nlctl-exec.bundle.${/^\/\/ nlctl-bundle ([0-9a-f]+)\n/.exec(execText)?.[1]}.cache`;
const showText = readFileSync(join(here, 'nlctl-show.bundle.cjs'), 'utf8');
const showCacheName = `nlctl-show.bundle.${/^\/\/ nlctl-bundle ([0-9a-f]+)\n/.exec(showText)?.[1]}.cache`;
const VERSION = `nlctl utility, nlctl-${pkg.version} (pure TypeScript rtnetlink)\n`;

/** Copies built files to a temporary directory (beside the built ones when they must find koffi). */
function copy(t: Test, files: string[], near = false): string {
  const dir = mkdtempSync(near ? join(here, '.launch-test-') : join(tmpdir(), 'nlctl-launch-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of files) copyFileSync(join(here, f), join(dir, f));
  return dir;
}

function version(dir: string): { stdout: string; stderr: string; status: number | null } {
  return spawnSync(process.execPath, [join(dir, 'launch.cjs'), '-V'], { encoding: 'utf8' });
}

t.test('package.json ships the launcher as the bin; the build made the bundle and its cache', async (t) => {
  t.equal(pkg.bin.nlctl, './dist/src/cli/launch.cjs');
  t.ok(statSync(CLI).mode & 0o111, 'executable');
  t.match(readFileSync(CLI, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  t.ok(hash, 'the bundle names its content on its first line');
  t.ok(existsSync(join(here, cacheName)), 'the build recorded the code cache under that name');
  t.ok(existsSync(join(here, execCacheName)), 'and the cache of the netns exec bundle');
  t.ok(existsSync(join(here, showCacheName)), 'and the cache of the link show bundle');
  t.same(readdirSync(here).filter((f) => f.endsWith('.cache')).sort(), [execCacheName, showCacheName, cacheName].sort(), 'no cache of an earlier bundle left');
});

t.test('a damaged cache: the command still runs, and the cache is replaced by one V8 takes', async (t) => {
  const dir = copy(t, ['launch.cjs', 'nlctl.bundle.cjs', cacheName]);
  const cache = join(dir, cacheName);
  const damaged = readFileSync(cache);
  for (let i = 1000; i < 1200 && i < damaged.length; i++) damaged[i]! ^= 0x5a; // V8 would crash on it unchecked
  writeFileSync(cache, damaged);
  const r = version(dir);
  t.equal(r.status, 0, r.stderr);
  t.equal(r.stdout, VERSION);
  const fresh = readFileSync(cache);
  t.not(fresh.equals(damaged), true, 'rewritten');
  // Accepted now: a run that takes the cache leaves it alone (a refused one would rewrite it).
  const before = statSync(cache).mtimeMs;
  t.equal(version(dir).status, 0);
  t.equal(statSync(cache).mtimeMs, before, 'not rewritten: V8 took it');
});

t.test('garbage for a cache, or none at all: runs and records one', async (t) => {
  const dir = copy(t, ['launch.cjs', 'nlctl.bundle.cjs']);
  t.equal(version(dir).stdout, VERSION);
  t.ok(existsSync(join(dir, cacheName)), 'recorded');
  writeFileSync(join(dir, cacheName), Buffer.alloc(4096, 0x5a));
  t.equal(version(dir).stdout, VERSION);
  t.not(readFileSync(join(dir, cacheName)).equals(Buffer.alloc(4096, 0x5a)), true, 'replaced');
  t.same(readdirSync(dir).filter((f) => f.includes('.cache.')), [], 'no temporary file left');
});

t.test('a rebuilt bundle never meets the cache of the one before', async (t) => {
  const dir = copy(t, ['launch.cjs', cacheName]);
  // The same length, other content (V8 alone checks only the length), and a new hash line.
  const other = bundleText.replace(`nlctl-${pkg.version}`, `nlctl-${'9'.repeat(pkg.version.length)}`).replace(hash!, 'f'.repeat(hash!.length));
  t.equal(other.length, bundleText.length);
  writeFileSync(join(dir, 'nlctl.bundle.cjs'), other);
  t.match(version(dir).stdout, /nlctl-9+ /, 'runs the new bundle, not code cached from the old one');
  t.ok(existsSync(join(dir, `nlctl.bundle.${'f'.repeat(hash!.length)}.cache`)), 'its own cache');
});

t.test('no bundle, or one that does not compile: the ESM entry point beside the launcher runs', async (t) => {
  const dir = copy(t, ['launch.cjs']);
  writeFileSync(join(dir, 'main.js'), 'console.log("esm entry", process.argv.slice(2).join(" "));\n');
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  t.equal(version(dir).stdout, 'esm entry -V\n');
  writeFileSync(join(dir, 'nlctl.bundle.cjs'), bundleText.slice(0, bundleText.length >> 1)); // cut in half
  const r = version(dir);
  t.equal(r.status, 0, r.stderr);
  t.equal(r.stdout, 'esm entry -V\n');
});

// esbuild gives a module a namespace object (a getter per export, built when the bundle starts)
// when it is imported dynamically; constants.js has ~900 exports, which cost every command ~5 ms
// of start-up while one `await import('../netlink/route/constants.js')` existed (bench/README.md
// section 5). Start-up modules may be imported dynamically only if their export lists are small.
t.test('the bundle builds no large namespace object at start-up', async (t) => {
  const big = [...bundleText.matchAll(/__export\((\w+), \{\n([\s\S]*?)\n\}\);/g)]
    .map((m) => [m[1], m[2]!.split('\n').length] as const).filter(([, n]) => n > 40);
  t.same(big, [], 'namespace objects with more than 40 getters');
});

// `netns exec` runs from its own small bundle (exec-main.ts): the CLI bundle is not even read.
// The copies below have no CLI bundle and no main.js, so any other path would fail to start.
t.test('netns exec: the launcher runs the exec bundle alone, with ip\'s words and exit codes', async (t) => {
  t.ok(execText.length < 64 * 1024, `the exec bundle stays small (${execText.length} bytes)`);
  const dir = copy(t, ['launch.cjs', 'nlctl-exec.bundle.cjs'], true); // koffi: ../../../node_modules
  const run = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'launch.cjs'), ...args], { encoding: 'utf8' });
  for (const [obj, cmd] of [['netns', 'exec'], ['net', 'e'], ['netn', 'exe']]) {
    const r = run(obj!, cmd!, 'nlt-launch/none', 'true');
    t.equal(r.stderr, 'Cannot open network namespace "nlt-launch/none": No such file or directory\n', `${obj} ${cmd}`);
    t.equal(r.status, 255);
  }
  const none = run('netns', 'exec', 'nlt-launch-x');
  t.same([none.stderr, none.status], ['No command specified\n', 1]);
  const nameless = run('netns', 'exec');
  t.same([nameless.stderr, nameless.status], ['No netns name specified\n', 1]);
  // Anything else needs the CLI bundle, absent here: not the exec bundle's business.
  t.not(run('-V').status, 0);
});

// The launcher turns on V8's cache checksum through process.binding('v8'): node:v8 would load
// Node's heap utilities and the whole stream stack (~10 ms) on every start. The binding's
// deprecation warning must not reach the user.
t.test('start-up loads neither node:v8 nor streams, and prints no warning', async (t) => {
  // What a bare `node -e` loads is the baseline (tap's own hooks may load streams in children).
  const modules = (run: string): string[] => {
    const probe = `process.argv = [process.argv[0], ${JSON.stringify(CLI)}, '-V'];
process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));
${run}`;
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    return JSON.parse(r.stderr) as string[];
  };
  const base = new Set(modules(''));
  const added = modules(`require(${JSON.stringify(CLI)});`).filter((m) => !base.has(m));
  t.same(added.filter((m) => /^NativeModule (v8|stream|internal\/streams\/|internal\/heap_utils)/.test(m)), [], 'no node:v8, no streams');
  t.ok(added.includes('Internal Binding v8'), 'the checksum flag was set through the binding');
  const plain = version(here);
  t.same([plain.stdout, plain.stderr, plain.status], [VERSION, '', 0], 'no DEP0111 warning');
});

// `link show` runs from its own bundle (show-main.ts), without the client or the kinds' tables.
// The copies below have no CLI bundle and no main.js, so any other path would fail to start.
t.test('link show: the launcher runs the show bundle alone for its words; everything else is not its business', async (t) => {
  t.ok(showText.length < 256 * 1024, `the show bundle stays small (${showText.length} bytes)`);
  for (const left of ['client.js', 'netlink/route/kinds/index.js', 'cli/link-modify.js', 'cli/objects.js']) {
    t.notOk(showText.includes(`// dist/src/${left}\n`), `${left} is not in it`);
  }
  const dir = copy(t, ['launch.cjs', 'nlctl-show.bundle.cjs'], true); // koffi: ../../../node_modules
  const run = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'launch.cjs'), ...args], { encoding: 'utf8' });
  for (const words of [['link', 'show'], ['l'], ['li', 'ls'], ['link', 'lst', 'lo'], ['-j', 'link', 'list', 'dev', 'lo'], ['-o', '-s', 'link', 'sh', 'up'], ['-br', 'link']]) {
    const r = run(...words);
    t.same([r.status, r.stderr], [0, ''], words.join(' '));
    t.match(r.stdout, /\blo\b/);
  }
  const missing = run('link', 'show', 'dev', 'nlt-launch-none');
  t.same([missing.stdout, missing.stderr, missing.status], ['', 'Device "nlt-launch-none" does not exist.\n', 1], "ip's words for a missing device");
  const ns = run('-n', 'nlt-launch/none', 'link', 'show');
  t.same([ns.stderr, ns.status], ['Cannot open network namespace "nlt-launch/none": No such file or directory\n', 255]);
  // Not show's: -d (kinds), -peer (the client), other commands, other objects. Without the CLI
  // bundle and main.js these cannot start.
  for (const words of [['-d', 'link', 'show'], ['-peer', 'link', 'show'], ['link', 'set', 'lo', 'up'], ['link', 's'], ['address', 'show'], ['-V']]) {
    t.not(run(...words).status, 0, `${words.join(' ')}: the CLI bundle's`);
  }
});
