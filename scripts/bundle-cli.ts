/**
 * Builds the CLI's start-up form: dist/src/cli/nlctl.bundle.cjs (every module the CLI imports, as
 * one CommonJS file) and its V8 code cache, for src/cli/launch.cts; and the small bundles the
 * launcher runs for two command lines: nlctl-exec.bundle.cjs (`netns exec`, src/cli/exec-main.ts)
 * and nlctl-show.bundle.cjs (`link show`, src/cli/show-main.ts); and the namespace worker's
 * bundle, dist/src/ns/worker.bundle.cjs. Run after `tsc` by
 * `npm run build`; esbuild is a development dependency only, the package ships its output.
 *
 * What stays outside the bundle: node's own modules, koffi (a native binary), and the files that
 * run in their own thread or process (the namespace worker, the exec helper): the modules that
 * start those find them with `new URL(..., import.meta.url)`, so each `import.meta.url` is
 * rewritten to the URL of the module's own compiled file, wherever the bundle is installed.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliDir = join(root, 'dist', 'src', 'cli');
const launcher = join(cliDir, 'launch.cjs');

// Defined once at the top of the bundle, so that no module's own `require` can shadow it.
const FILE_URL = '__nlctlFileUrl';
const prologue = `"use strict";\nconst ${FILE_URL} = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, rel)).href;\n`;

// The library bundle is an ES module: its own URL is import.meta.url.
const esmPrologue = `const ${FILE_URL} = (rel) => new URL(rel, import.meta.url).href;\n`;

/** Rewrites each module's import.meta.url to its compiled file's URL, found from the bundle's own directory `outDir`. */
function ownImportMetaUrl(outDir: string): Plugin {
  return {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.js$/, namespace: 'file' }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta')) return { contents: text, loader: 'js' };
        const rel = JSON.stringify(relative(outDir, args.path));
        const contents = text.replaceAll('import.meta.url', `${FILE_URL}(${rel})`);
        if (contents.includes('import.meta')) throw new Error(`${args.path}: import.meta other than .url cannot be bundled`);
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * Leaves modules a small bundle's entry point never reaches out of it: each dynamic import of one
 * of `paths` (relative to dist/src) becomes a module that throws. show-main.ts declines the
 * options that would reach them (-peer needs the client, -d the kinds' tables), so a stub that
 * runs is a bug in that check, reported as one rather than printing something else.
 */
function withoutDynamic(paths: readonly string[]): Plugin {
  return {
    name: 'without-dynamic',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const target = relative(join(root, 'dist', 'src'), join(args.resolveDir, args.path));
        return paths.includes(target) ? { path: target, namespace: 'left-out' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`internal: ${args.path} is not in this bundle`)});`,
        loader: 'js',
      }));
    },
  };
}

/** esbuild's CommonJS bundle of `entry` (a compiled file), to be placed in `outDir`; prologue first. */
async function bundleText(entry: string, outDir: string, leaveOut: readonly string[] = [], format: 'cjs' | 'esm' = 'cjs'): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    external: ['koffi', '@koromix/*'],
    plugins: [ownImportMetaUrl(outDir), withoutDynamic(leaveOut)],
    write: false,
    logLevel: 'warning',
  });
  // The entry point's shebang would be a syntax error after the prologue, or inside the
  // launcher's function wrapper; the prologue starts with the bundle's "use strict" (the modules
  // were ESM, strict throughout).
  return (format === 'esm' ? esmPrologue : prologue) + result.outputFiles[0]!.text.replace(/^#![^\n]*\n/, '');
}

/** Writes under a temporary name and renames: a run starting meanwhile reads the old file or the new one, never half of one. */
async function replaceFile(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

/** Bundles a CLI entry point into `out` (a hash line naming its content, then the code); returns the hash. */
async function bundle(entry: string, out: string, leaveOut: readonly string[] = []): Promise<string> {
  // The file is CommonJS's module wrapper around the code, which the launcher compiles as it is
  // (wrapping it there made a second copy of the whole source on every start).
  const body = `(function (exports, require, module, __filename, __dirname) {${await bundleText(join(cliDir, entry), cliDir, leaveOut)}\n})`;
  // The first line names the content, and so the code cache that belongs to it (launch.cts).
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 32);
  await replaceFile(join(cliDir, out), `// nlctl-bundle ${hash}\n${body}`);
  return hash;
}

const hashes = [
  await bundle('main.js', 'nlctl.bundle.cjs'),
  await bundle('exec-main.js', 'nlctl-exec.bundle.cjs'),
  await bundle('show-main.js', 'nlctl-show.bundle.cjs', ['client.js', 'netlink/route/kinds/index.js']),
];
// The namespace worker as one plain CommonJS file (src/ns/executor.ts starts it when it is not
// older than worker.js): a worker loading ~20 ES modules took ~145 ms to answer its first
// operation, from this ~36 KB bundle ~86 ms, where an empty worker takes ~74 ms.
const nsDir = join(root, 'dist', 'src', 'ns');
await replaceFile(join(nsDir, 'worker.bundle.cjs'), await bundleText(join(nsDir, 'worker.js'), nsDir));
// The library as one ES module, the package's entry point (package.json "exports"): importing
// dist/src/index.js loads ~100 modules through Node's ES module loader, 110-125 ms on this VM;
// the bundle 63-66 ms (bench/README.md section 8). Tests import the modules themselves; a unit
// test checks that the bundle exports the same names and finds the worker and exec helper.
await replaceFile(join(root, 'dist', 'src', 'index.bundle.mjs'), await bundleText(join(root, 'dist', 'src', 'index.js'), join(root, 'dist', 'src'), [], 'esm'));
await chmod(launcher, 0o755);
await chmod(join(cliDir, 'main.js'), 0o755);

// Caches of earlier bundles can never be used again.
for (const f of await readdir(cliDir)) {
  if (/^nlctl(-exec|-show)?\.bundle\.[0-9a-f]+\.cache/.test(f) && !hashes.some((h) => f.includes(h))) await rm(join(cliDir, f), { force: true });
}
// Record each code cache after a representative command (read-only; a failure, such as no
// netlink in a build sandbox, still leaves the cache of everything compiled up to that point).
const record = { env: { ...process.env, NLCTL_CODE_CACHE: 'write' }, stdio: 'ignore' } as const;
// `link show` runs from its own bundle (show-main.ts); the CLI's is recorded on `-d link show`,
// which goes through the CLI's object dispatch, the client's kinds and the printer.
spawnSync(process.execPath, [launcher, 'link', 'show'], record);
spawnSync(process.execPath, [launcher, '-d', 'link', 'show'], record);
// `netns exec` of a namespace that cannot exist: everything up to the open runs, then the process
// exits (a successful exec would replace it before it could write the cache).
spawnSync(process.execPath, [launcher, 'netns', 'exec', 'nlctl-build/none', 'true'], record);
