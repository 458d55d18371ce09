/**
 * Worker entry: runs one operation at a time inside a network namespace. For each request it
 * enters the target with setns(CLONE_NEWNET), runs the operation synchronously, and returns
 * home in a finally. If it cannot return home, it reports itself poisoned and exits, so the
 * executor never reuses a thread stranded in a foreign namespace.
 */

import { parentPort } from 'node:worker_threads';
import { openSync } from 'node:fs';
import { toPlainError } from '../netlink/errors.js';
import * as libc from '../netlink/libc.js';
import { OPS, type OpName } from './ops.js';

const CLONE_NEWNET = 0x40000000;

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
  poisoned?: boolean;
}

// The thread's own namespace at start: where every operation returns to.
const home = openSync('/proc/thread-self/ns/net', 'r');

parentPort!.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  let entered = false;
  try {
    if (req.nsFd >= 0) {
      libc.setns(req.nsFd, CLONE_NEWNET, req.label);
      entered = true;
    }
    const fn = OPS[req.op] as (...a: unknown[]) => unknown;
    if (!fn) throw new Error(`unknown worker op ${req.op}`);
    reply = { id: req.id, ok: true, value: fn(...req.args) };
  } catch (e) {
    reply = { id: req.id, ok: false, error: toPlainError(e) };
  } finally {
    if (entered) {
      try {
        libc.setns(home, CLONE_NEWNET, 'home');
      } catch (e) {
        parentPort!.postMessage({ ...reply!, poisoned: true } satisfies WorkerReply);
        process.exit(1);
      }
    }
  }
  parentPort!.postMessage(reply);
});
