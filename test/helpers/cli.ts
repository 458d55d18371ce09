/** Where the tests find the built `nlctl`: the executable package.json ships (the bundle's launcher). */

import { fileURLToPath } from 'node:url';

/** The `nlctl` bin as installed: src/cli/launch.cts, which runs the bundled CLI with its code cache. */
export const CLI = fileURLToPath(new URL('../../src/cli/launch.cjs', import.meta.url));
