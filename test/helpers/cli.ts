/** Where the tests find the built `nlctl`: the executable package.json ships (the bundle's launcher). */

import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The `nlctl` bin as installed: src/cli/launch.cts, which runs the bundled CLI with its code cache. */
export const CLI = fileURLToPath(new URL('../../src/cli/launch.cjs', import.meta.url));

// The launcher runs the bundle, which only `npm run build` remakes: after a bare `tsc`, CLI tests
// would quietly test the CLI as it was before the change. Refuse instead.
const compiled = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
for (const name of ['nlctl', 'nlctl-exec', 'nlctl-show']) {
  const bundle = fileURLToPath(new URL(`../../src/cli/${name}.bundle.cjs`, import.meta.url));
  const bundled = statSync(bundle, { throwIfNoEntry: false });
  if (!bundled || bundled.mtimeMs < statSync(compiled).mtimeMs) {
    throw new Error(`${bundle} is missing or older than the compiled CLI: run \`npm run build\` (tsc alone does not rebuild the bundles the tests run)`);
  }
}
