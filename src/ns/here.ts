/**
 * One namespace operation on the calling thread: enter the target with setns(CLONE_NEWNET) (or
 * let an operation that moves the thread, such as newNetns, take it away), run the operation
 * synchronously, and return home. Shared by the namespace worker, which runs every operation
 * of a library process, and by calling-thread.ts, which runs them on the nlctl CLI's own thread.
 */

import { statSync } from 'node:fs';
import { UsageError } from '../netlink/errors.js';
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
    if (verify && statSync('/proc/thread-self/ns/net').ino !== home.ino) return 'thread is not in its home namespace after setns';
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Runs `op` inside the namespace `nsFd` (undefined: stay home) and returns home, never throwing.
 * Staying home is said with undefined only: a negative or otherwise bad fd is refused, never
 * read as "here" (issue 9: `{ fd: -1 }` once acted in the caller's namespace).
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
  try {
    if (nsFd !== undefined) {
      away = true;
      libc.setns(nsFd, CLONE_NEWNET, label);
    }
    if (moves) away = true;
    result = { ok: true, value: fn(...args) };
  } catch (e) {
    result = { ok: false, error: e };
  }
  if (away) {
    const stranded = goHome(home, moves);
    if (stranded) result.stranded = stranded;
  }
  return result;
}
