#!/usr/bin/env node
/** The `nlctl` executable: runs the command line and exits with ip's exit code. */

import { io, progFromPath } from './io.js';
import { rawArgv } from './raw-argv.js';
import { main } from './run.js';

// Invoked as `ip` (a symlink named ip): speak as ip does.
io.prog = progFromPath(process.argv[1]);

// Output goes through io.ts's writers (write(2); a reader that went away ends the run with 0).
// process.stdout/stderr are not touched here: creating them loads Node's streams.

// process.exitCode rather than process.exit(): exit() could cut piped stdout short.
main(rawArgv(process.argv.slice(2))).then((code) => { process.exitCode = code; });
