// The README's TypeScript examples type-check against the library as built: an option renamed or
// a method removed breaks this test, not a reader's first try. Blocks without an import get
// `import { Netlink } from 'nlctl'`, and blocks that use `nl` without opening it get an open handle.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const TSC = join(ROOT, 'node_modules/.bin/tsc');

t.test('README TypeScript examples compile', { skip: existsSync(TSC) ? false : 'tsc is not installed' }, async (t) => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  t.ok(blocks.length >= 5, `${blocks.length} examples`);
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-readme-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const files: string[] = [];
  blocks.forEach((code, i) => {
    const prelude = (code.includes("from 'nlctl'") ? '' : "import { Netlink } from 'nlctl';\n")
      + (code.includes('const nl =') ? '' : 'const nl = await Netlink.open();\n');
    const f = join(dir, `example${i}.mts`);
    writeFileSync(f, `${prelude}${code}\nexport {};\n`);
    files.push(f);
  });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true,
      types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')],
      paths: { nlctl: [join(ROOT, 'dist/src/index.d.ts')] },
    },
    files,
  }));
  // Without tap's loaders: tap injects them into every child's NODE_OPTIONS, and they break the
  // compiler's own module loading; env(1) drops them after that injection.
  const r = spawnSync('env', ['-u', 'NODE_OPTIONS', TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  const out = (r.stdout + r.stderr).replaceAll(dir + '/', '');
  t.equal(r.status, 0, 'tsc accepts every example');
  if (r.status !== 0) t.comment(out);
});
