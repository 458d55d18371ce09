#!/usr/bin/env node
/** The `nlctl` executable: runs the command line and exits with ip's exit code. */

import { main } from './run.js';

// process.exitCode rather than process.exit(): exit() could cut piped stdout short.
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
