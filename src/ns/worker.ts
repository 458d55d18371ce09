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
import { fstatSync, openSync } from 'node:fs';
import { toPlainError } from '../netlink/errors.js';
import { runHere, type Home } from './here.js';
import type { OpName } from './ops.js';

/** A request from the executor. `nsFd` is an fd of the caller's process to enter (absent: stay home). */
export interface WorkerRequest {
  id: number;
  op: OpName;
  args: unknown[];
  nsFd?: number;
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
const homeFd = openSync('/proc/thread-self/ns/net', 'r');
const home: Home = { fd: homeFd, ino: fstatSync(homeFd).ino };

function run(req: WorkerRequest): WorkerReply {
  const r = runHere(home, req.op, req.args, req.nsFd, req.label);
  const reply: WorkerReply = r.ok ? { id: req.id, ok: true, value: r.value } : { id: req.id, ok: false, error: toPlainError(r.error) };
  if (r.stranded) reply.poisoned = r.stranded;
  return reply;
}

parentPort!.on('message', (msg: WorkerRequest | { batch: WorkerRequest[] }) => {
  if (!('batch' in msg)) {
    const reply = run(msg);
    parentPort!.postMessage(reply);
    // Exit before taking another message: this thread must never run an op in the wrong place.
    if (reply.poisoned) process.exit(1);
    return;
  }
  // A batch (executor.ts): run in order, answer at once. A poisoned op ends the batch; the
  // executor re-posts the jobs that got no answer to a fresh worker.
  const replies: WorkerReply[] = [];
  for (const req of msg.batch) {
    const reply = run(req);
    replies.push(reply);
    if (reply.poisoned) break;
  }
  parentPort!.postMessage({ batch: replies });
  if (replies[replies.length - 1]?.poisoned) process.exit(1);
});
