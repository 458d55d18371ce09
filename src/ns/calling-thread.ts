/**
 * Namespace operations on the calling thread instead of the namespace worker, for a process that
 * is one command and nothing else: the nlctl CLI, which enters a namespace the way `ip -n` and
 * `ip netns add` do (ip switches its only thread for good; this thread goes straight back).
 *
 * Why: starting the worker (a thread that loads koffi and the ops again) cost more than the rest
 * of a command: `nlctl netns add` took ~255 ms against ~90 ms for `nlctl link show`. Library
 * callers never get this: their threads are not ours to move, so the library always uses the
 * worker unless the process opts in with useCallingThread().
 *
 * Each operation runs synchronously between entering and leaving, so no other JavaScript runs
 * while the thread is away. A thread that cannot get home ends the process (exit 255): nothing
 * may run in the wrong namespace.
 */

import { closeSync, fstatSync, openSync } from 'node:fs';
import { setRunner } from './executor.js';
import { runHere } from './here.js';
import type { OPS, OpName } from './ops.js';
import { openNetns, type NetnsRef } from './ref.js';

/** Runs one operation inside `ref` (undefined: here) on this thread, and returns home. */
export function runOnCallingThread<K extends OpName>(ref: NetnsRef | undefined, op: K, ...args: Parameters<(typeof OPS)[K]>): ReturnType<(typeof OPS)[K]> {
  const ns = ref === undefined ? undefined : openNetns(ref);
  let fd = -1;
  try {
    fd = openSync('/proc/thread-self/ns/net', 'r');
    const r = runHere({ fd, ino: fstatSync(fd).ino }, op, args, ns?.fd, ns?.label);
    if (r.stranded) {
      process.stderr.write(`nlctl: cannot return to the original network namespace: ${r.stranded}\n`);
      process.exit(255);
    }
    if (!r.ok) throw r.error;
    return r.value as ReturnType<(typeof OPS)[K]>;
  } finally {
    if (fd >= 0) closeSync(fd);
    ns?.close();
  }
}

/** From now on, every namespace operation of this process runs on the calling thread. */
export function useCallingThread(): void {
  setRunner(async (ref, op, args) => runOnCallingThread(ref, op, ...(args as [])));
}
