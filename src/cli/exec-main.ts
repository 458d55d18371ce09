/**
 * The entry point the launcher (launch.cts) runs instead of the whole CLI for the command lines
 * scripts call in loops, `nlctl netns exec NAME cmd ...` (`net`/`netn`/`netns`, `e`/`ex`/`exe`/
 * `exec`, no global options): one Node start-up plus this file's few kilobytes, where the CLI
 * bundle costs ~20 ms more to load (bench/README.md section 5). Every other command line, and
 * any run of this one that the launcher does not recognise, goes through main.ts, which runs the
 * same netns-exec.ts.
 */

import { describeFailure } from './errors.js';
import { execNamed } from './netns-exec.js';
import { rawArgv } from './raw-argv.js';

/** Runs `netns exec NAME cmd ...` (argv without node, script, object and command words). */
export function runExec(argv: readonly string[]): void {
  const [name, ...cmd] = rawArgv(argv);
  try {
    execNamed(name, cmd);
  } catch (e) {
    const f = describeFailure(e);
    if (f.text) process.stderr.write(f.text + '\n');
    process.exitCode = f.exitCode;
  }
}
