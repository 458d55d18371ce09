/**
 * `netns exec NAME cmd ...` as ip runs it: this process enters NAME on its own thread (setns,
 * a private mount namespace, /sys remounted, /etc/netns/NAME bound over /etc) and becomes the
 * program with execvp(), so the program's exit status and signals are ours and nothing stays
 * behind. A setup failure exits 255 with ip's words; a program that cannot run exits 1.
 *
 * Its own small module because it is also the whole of exec-main.ts, the entry point the launcher
 * runs for `nlctl netns exec` so that scripts calling it in loops pay for one Node start-up and
 * this file, not for the whole CLI (bench/README.md section 5).
 */

import { closeSync, openSync } from 'node:fs';
import { CliError } from './errors.js';
import { errnoText } from '../netlink/errno.js';
import { enterForExec, execInPlace } from '../ns/exec-here.js';
import { fsPath } from '../ns/ref.js';

/** Runs `argv` inside the named namespace in place of this process; throws CliError on failure. */
export function execNamed(name: string | undefined, argv: readonly string[]): never {
  // ip's netns commands return -1 for a missing word, which ip turns into exit 1.
  if (name === undefined) throw new CliError('No netns name specified', 1);
  if (!argv.length) throw new CliError('No command specified', 1);
  let fd: number;
  // ip opens /run/netns/NAME whatever NAME is (bytes too: `$'\xff'` is a name).
  try { fd = openSync(fsPath(`/run/netns/${name}`), 'r'); } catch (e) {
    throw new CliError(`Cannot open network namespace "${name}": ${errnoText(Math.abs((e as { errno?: number }).errno ?? 5))}`, 255);
  }
  try {
    enterForExec(fd, name);
  } catch (e) {
    throw new CliError((e as Error).message, 255);
  } finally {
    closeSync(fd);
  }
  throw new CliError(execInPlace(argv).message, 1);
}
