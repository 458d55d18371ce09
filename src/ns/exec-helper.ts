/**
 * Entry point started by exec.ts: `node exec-helper.js NAME -- PROGRAM ARGS...` with the target
 * namespace open as fd 3. Does what `ip netns exec` does between fork and exec (exec-here.ts:
 * iproute2 ip/ipnetns.c netns_switch + bind_etc), then execvp()s the program in place of this
 * process. On a setup failure it prints why and exits 255, as ip does; a program that cannot be
 * run exits 1, as ip's cmd_exec() does.
 *
 * Every call here is on the main thread, and execve keeps only the calling thread, so the
 * namespaces this thread joined are the program's.
 */

import { closeSync } from 'node:fs';
import { enterForExec, execInPlace } from './exec-here.js';

const NS_FD = 3;

function main(): void {
  const [name = '', sep, ...argv] = process.argv.slice(2);
  if (sep !== '--' || !argv.length) {
    process.stderr.write('usage: exec-helper NAME -- PROGRAM [ARGS...] (namespace open as fd 3)\n');
    process.exit(255);
  }
  try {
    enterForExec(NS_FD, name);
    closeSync(NS_FD);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(255);
  }
  const failed = execInPlace(argv);
  process.stderr.write(`${failed.message}\n`);
  process.exit(1); // ip's cmd_exec(): _exit(1) after a failed execvp
}

main();
