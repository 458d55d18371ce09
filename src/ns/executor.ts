/**
 * Caller side of the namespace worker: a queue of operations run one at a time on a
 * worker_threads Worker that enters the target namespace for each. The caller's own threads
 * never change namespace. Errors come back as plain data and are rebuilt into their classes.
 */

import { Worker } from 'node:worker_threads';
import { fromPlainError } from '../netlink/errors.js';
import type { OPS, OpName } from './ops.js';
import { openNetns, type NetnsRef } from './ref.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

type Args<K extends OpName> = Parameters<(typeof OPS)[K]>;
type Result<K extends OpName> = ReturnType<(typeof OPS)[K]>;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./worker.js', import.meta.url));
  w.on('message', (r: WorkerReply) => {
    const p = waiting.get(r.id);
    if (r.poisoned && worker === w) worker = null; // never reuse a thread stranded elsewhere
    if (!p) return;
    waiting.delete(r.id);
    if (r.ok) p.resolve(r.value);
    else p.reject(fromPlainError(r.error!));
    if (!waiting.size) w.unref();
  });
  w.on('error', (e) => { for (const p of waiting.values()) p.reject(e); waiting.clear(); if (worker === w) worker = null; });
  w.on('exit', () => {
    if (worker === w) worker = null;
    for (const p of waiting.values()) p.reject(new Error('namespace worker exited'));
    waiting.clear();
  });
  w.unref();
  worker = w;
  return w;
}

/**
 * Runs a worker operation inside a namespace (or, with `ref` undefined, in the worker's home
 * namespace, which is the process's at the time the worker started).
 */
export async function runIn<K extends OpName>(ref: NetnsRef | undefined, op: K, ...args: Args<K>): Promise<Result<K>> {
  const ns = ref === undefined ? undefined : openNetns(ref);
  try {
    const w = getWorker();
    const id = nextId++;
    const req: WorkerRequest = { id, op, args, nsFd: ns ? ns.fd : -1 };
    if (ns) req.label = ns.label;
    return await new Promise<Result<K>>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.ref();
      w.postMessage(req);
    });
  } finally {
    ns?.close();
  }
}

/** Stops the worker (it is restarted on demand). */
export async function shutdownWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
