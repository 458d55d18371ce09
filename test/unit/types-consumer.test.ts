// Issue 9 item 17: the published declarations work for a clean consumer. A strict TypeScript
// project whose `types` is empty (TypeScript 7's default) imports nlctl as installed (the package
// linked into its node_modules, @types/node beside it as the dependency installs it) and compiles
// without a single error: index.d.ts carries `/// <reference types="node" preserve="true" />`,
// and package.json lists @types/node under dependencies, so it is there to resolve.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url)); // the package: dist/test/unit -> root
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

t.test('package.json declares @types/node as a dependency', async (t) => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  t.type(pkg.dependencies?.['@types/node'], 'string', 'installed with nlctl, not only for its developers');
});

t.test('a strict consumer with types: [] compiles against the declarations', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-consumer-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'nlctl'));
  symlinkSync(join(root, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'],
      types: [], strict: true, noEmit: true, skipLibCheck: false,
    },
    include: ['index.ts'],
  }));
  writeFileSync(join(dir, 'index.ts'), [
    "import { Netlink, netns, NetlinkError, type LinkMessage } from 'nlctl';",
    'export async function main(): Promise<string[]> {',
    "  const nl = await Netlink.open({ netns: 'blue' });",
    '  try {',
    '    const links: LinkMessage[] = await nl.link.list();',
    "    await netns.exec('blue', ['true']);",
    '    return links.map((l) => l.attrs.ifname ?? "");',
    '  } catch (e) {',
    "    if (e instanceof NetlinkError && e.code === 'ENODEV') return [];",
    '    throw e;',
    '  } finally {',
    '    await nl.close();',
    '  }',
    '}',
    '',
  ].join('\n'));
  // env -u: tap's process-info hook puts its loaders into every child's NODE_OPTIONS; tsc is no test.
  const r = spawnSync('env', ['-u', 'NODE_OPTIONS', process.execPath, tsc, '-p', dir], { encoding: 'utf8' });
  t.equal(r.stdout + r.stderr, '', 'no errors');
  t.equal(r.status, 0);
});
