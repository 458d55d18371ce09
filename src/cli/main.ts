#!/usr/bin/env node
/** The `nlctl` executable: runs the command line and exits with ip's exit code. */

import { io, progFromPath } from './io.js';
import { rawArgv } from './raw-argv.js';
import { main } from './run.js';

// Invoked as `ip` (a symlink named ip): speak as ip does.
io.prog = progFromPath(process.argv[1]);

// A reader that went away (`nlctl ... | head`): stop quietly, as ip does when SIGPIPE ends it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
}

// process.exitCode rather than process.exit(): exit() could cut piped stdout short.
main(rawArgv(process.argv.slice(2))).then((code) => { process.exitCode = code; });
