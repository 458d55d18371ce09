/**
 * One namespace operation on the calling thread: enter the target with setns(CLONE_NEWNET) (or
 * let an operation that moves the thread, such as newNetns, take it away), run the operation
 * synchronously, and return home. Shared by the namespace worker, which runs every operation
 * of a library process, and by calling-thread.ts, which runs them on the nlctl CLI's own thread.
 */

import { statSync } from 'node:fs';
import { SyscallError, UsageError } from '../netlink/errors.js';
import * as libc from '../netlink/libc.js';
import { MOVES, OPS, type OpName } from './ops.js';
import { CLONE_NEWNET } from './sys.js';

/** Where the thread returns to: an fd of its home namespace and that namespace's inode. */
export interface Home { fd: number; ino: number }

/** What one operation gave: its value or what it threw, and why the thread is stranded if it could not get home. */
export type HereResult = { ok: true; value: unknown; stranded?: string } | { ok: false; error: unknown; stranded?: string };

/** Returns the thread home; on failure, the reason it is stranded. */
function goHome(home: Home, verify: boolean): string | undefined {
  try {
    libc.setns(home.fd, CLONE_NEWNET, 'home');
    // After an op that moved the thread itself, check rather than trust: the next op must start home.
    if (verify && !atHome(home)) return 'thread is not in its home namespace after setns';
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** True when the thread is in its home namespace (it may not have moved at all). */
function atHome(home: Home): boolean {
  try {
    return statSync('/proc/thread-self/ns/net').ino === home.ino;
  } catch {
    return false;
  }
}

/** What the privilege errors of entering or making a namespace mean, for the message. */
const NEEDS: Record<string, string> = {
  setns: 'entering a network namespace needs CAP_SYS_ADMIN in its owning user namespace (run as root)',
  unshare: 'creating a network namespace needs CAP_SYS_ADMIN (run as root)',
};

/**
 * The real cause of a failed setns into the target or unshare, worded for the caller:
 * `setns into "blue": Operation not permitted (EPERM): entering a network namespace needs ...`.
 */
function causeOf(e: unknown, call: 'setns' | 'unshare', label: string | undefined): unknown {
  if (!(e instanceof SyscallError) || e.syscall !== call) return e;
  const err = new SyscallError(call, e.errno, call === 'setns' ? `into "${label ?? 'namespace fd'}"` : 'CLONE_NEWNET');
  if (err.code === 'EPERM') err.message += `: ${NEEDS[call]}`;
  else if (call === 'unshare' && err.code === 'ENOSPC') err.message += ': the limit of network namespaces is reached (/proc/sys/user/max_net_namespaces)';
  return err;
}

/**
 * Runs `op` inside the namespace `nsFd` (undefined: stay home) and returns home, never throwing.
 * Staying home is said with undefined only: a negative or otherwise bad fd is refused, never
 * read as "here" (issue 9: `{ fd: -1 }` once acted in the caller's namespace).
 *
 * The thread goes home only if it left: a refused setns leaves it where it was (as root fails
 * the same way going home, "setns home: EPERM" once hid the real cause and discarded a healthy
 * thread), and an op that moves the thread but failed is checked before anything is done.
 */
export function runHere(home: Home, op: OpName, args: unknown[], nsFd: number | undefined, label?: string): HereResult {
  const fn = OPS[op] as ((...a: unknown[]) => unknown) | undefined;
  if (!fn) return { ok: false, error: new Error(`unknown namespace op ${op}`) };
  if (nsFd !== undefined && (!Number.isSafeInteger(nsFd) || nsFd < 0)) {
    return { ok: false, error: new UsageError(`invalid namespace fd ${String(nsFd)}${label ? ` for "${label}"` : ''}`) };
  }
  const moves = MOVES.has(op);
  let away = false;
  let result: HereResult;
  if (nsFd !== undefined) {
    try {
      libc.setns(nsFd, CLONE_NEWNET, label);
    } catch (e) {
      return { ok: false, error: causeOf(e, 'setns', label) };
    }
    away = true;
  }
  try {
    result = { ok: true, value: fn(...args) };
    if (moves) away = true;
  } catch (e) {
    result = { ok: false, error: moves ? causeOf(e, 'unshare', label) : e };
    // A moving op that failed may have moved or not: look before going home.
    if (moves && !away && !atHome(home)) away = true;
  }
  if (away) {
    const stranded = goHome(home, moves);
    if (stranded) result.stranded = stranded;
  }
  return result;
}
