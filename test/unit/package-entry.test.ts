// The package's entry point is one bundled ES module (dist/src/index.bundle.mjs, made by
// scripts/bundle-cli.ts): importing it costs ~65 ms where dist/src/index.js's ~100 modules cost
// ~120 (bench/README.md section 8). It must be what package.json exports, as new as the modules
// it was made from, export exactly what index.js exports, and find the files it starts by URL
// (the namespace worker, the exec helper, koffi's binary) where the modules would.
import t from 'tap';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const src = join(root, 'dist', 'src');
const bundle = join(src, 'index.bundle.mjs');

t.test('package.json exports the bundle, and the build made it from the current modules', async (t) => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  t.equal(pkg.exports['.'].default, './dist/src/index.bundle.mjs');
  t.equal(pkg.main, './dist/src/index.bundle.mjs');
  t.equal(pkg.exports['.'].types, './dist/src/index.d.ts', 'types still come from the declarations');
  t.ok(pkg.files.includes('dist/src/**/*.mjs'), 'and it is published');
  const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(join(src, 'index.js')).mtimeMs;
  t.ok(fresh, `${bundle} is missing or older than index.js: run \`npm run build\` (tsc alone does not rebuild the bundles)`);
});

t.test('the bundle exports exactly what index.js exports', async (t) => {
  const viaBundle = await import('nlctl'); // the package by its own name: what a user imports
  const modules = await import('../../src/index.js');
  t.same(Object.keys(viaBundle).sort(), Object.keys(modules).sort());
  t.equal(typeof viaBundle.Netlink.open, 'function');
  t.not(viaBundle.Netlink, modules.Netlink, 'a copy of its own (the tests use the modules)');
});

t.test('every file the bundle finds by URL is where it looks for it', async (t) => {
  const text = readFileSync(bundle, 'utf8');
  t.equal(text.split('import.meta.url').length - 1, 1, 'import.meta.url appears once, in the prologue: each module\'s was rewritten');
  const rels = [...new Set([...text.matchAll(/__nlctlFileUrl\("([^"]+)"\)/g)].map((m) => m[1]!))];
  t.ok(rels.length >= 3, `${rels.join(', ')}`);
  for (const rel of rels) t.ok(existsSync(join(src, rel)), `${rel} exists beside the bundle`);
});
