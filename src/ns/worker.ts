/**
 * Worker entry: runs one operation at a time inside a network namespace. For each request it
 * enters the target with setns(CLONE_NEWNET), runs the operation synchronously, and returns
 * home in a finally. If it cannot return home, it reports itself poisoned and exits, so the
 * executor never reuses a thread stranded in a foreign namespace.
 *
 * setns/unshare go through koffi's synchronous calls: they act on the calling thread, and this
 * thread is the one that then runs the operation (koffi's async form would run on a libuv pool
 * thread, outside the namespace entered).
 */

import { parentPort } from 'node:worker_threads';
import { fstatSync, openSync, statSync } from 'node:fs';
import { toPlainError } from '../netlink/errors.js';
import * as libc from '../netlink/libc.js';
import { MOVES, OPS, type OpName } from './ops.js';
import { CLONE_NEWNET } from './sys.js';

/** A request from the executor. `nsFd` is an fd of the caller's process to enter (or -1: stay home). */
export interface WorkerRequest {
  id: number;
  op: OpName;
  args: unknown[];
  nsFd: number;
  label?: string;
}

/** The worker's answer. */
export interface WorkerReply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: ReturnType<typeof toPlainError>;
  /** Set when the thread could not return to its home namespace and is exiting. */
  poisoned?: string;
}

// The thread's own namespace at start: where every operation returns to.
const home = openSync('/proc/thread-self/ns/net', 'r');
const homeIno = fstatSync(home).ino;

/** Returns the thread home; on failure, the reason it is stranded. */
function goHome(verify: boolean): string | undefined {
  try {
    libc.setns(home, CLONE_NEWNET, 'home');
    // After an op that moved the thread itself, check rather than trust: the next op must start home.
    if (verify && statSync('/proc/thread-self/ns/net').ino !== homeIno) return 'thread is not in its home namespace after setns';
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function run(req: WorkerRequest): WorkerReply {
  const fn = OPS[req.op] as ((...a: unknown[]) => unknown) | undefined;
  if (!fn) return { id: req.id, ok: false, error: toPlainError(new Error(`unknown worker op ${req.op}`)) };
  const moves = MOVES.has(req.op);
  let away = false;
  let reply: WorkerReply;
  try {
    if (req.nsFd >= 0) {
      away = true;
      libc.setns(req.nsFd, CLONE_NEWNET, req.label);
    }
    if (moves) away = true;
    reply = { id: req.id, ok: true, value: fn(...req.args) };
  } catch (e) {
    reply = { id: req.id, ok: false, error: toPlainError(e) };
  }
  if (away) {
    const stranded = goHome(moves);
    if (stranded) reply.poisoned = stranded;
  }
  return reply;
}

parentPort!.on('message', (req: WorkerRequest) => {
  const reply = run(req);
  parentPort!.postMessage(reply);
  // Exit before taking another message: this thread must never run an op in the wrong place.
  if (reply.poisoned) process.exit(1);
});
