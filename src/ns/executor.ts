/**
 * Caller side of the namespace worker: operations are posted to one worker_threads Worker that
 * runs them in order, entering the target namespace for each. The caller's own threads never
 * change namespace. Errors come back as plain data and are rebuilt into their classes.
 *
 * A worker that reports itself poisoned (it could not get back to its home namespace) is
 * dropped at once; the operations queued behind it never ran there, so they are re-posted to a
 * fresh worker. The worker is unref'd whenever nothing is pending, so an idle worker never keeps
 * the process alive; shutdownWorker() ends it explicitly.
 */

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { fromPlainError } from '../netlink/errors.js';
import type { OPS, OpName } from './ops.js';
import { openNetns, type NetnsRef } from './ref.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

type Args<K extends OpName> = Parameters<(typeof OPS)[K]>;
type Result<K extends OpName> = ReturnType<(typeof OPS)[K]>;

interface Job {
  req: WorkerRequest;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/**
 * The worker's script: the build's one-file bundle of worker.js (scripts/bundle-cli.ts) when it
 * is there and not older than worker.js, else worker.js. Loading worker.js's ~20 ES modules made
 * a worker's first answer take ~145 ms, the bundle ~86 ms (an empty worker: ~74 ms). The age check
 * keeps a bare `tsc` after a change from starting the worker as it was before it.
 */
export function workerScript(dir: URL = new URL('.', import.meta.url)): URL {
  const esm = new URL('worker.js', dir);
  const bundle = new URL('worker.bundle.cjs', dir);
  const b = statSync(fileURLToPath(bundle), { throwIfNoEntry: false });
  const e = statSync(fileURLToPath(esm), { throwIfNoEntry: false });
  return b && (!e || b.mtimeMs >= e.mtimeMs) ? bundle : esm;
}

/** Runs worker operations on one Worker at a time, replacing it when it is poisoned or dies. */
export class Executor {
  private worker: Worker | null = null;
  /** Jobs posted to the current worker, in posting order (the worker answers in that order). */
  private jobs = new Map<number, Job>();
  private nextId = 1;
  /** How many workers were discarded as poisoned (for tests and diagnostics). */
  poisoned = 0;

  /** Worker trips so far: messages posted to a worker (a batch is one). For tests and the bench. */
  trips = 0;
  /** Jobs posted in this tick, sent together as one batch (when batching). */
  private outbox: Job[] = [];

  /**
   * `spawn` makes a worker; the default runs workerScript(). With `batch`, jobs posted in the same
   * tick travel to the worker as one message ({ batch: [...] }) and come back as one: 100
   * `netns.add`s issued together cost one thread wake-up and one structured clone each way, not
   * 100. The worker runs them in order, as it would have one by one.
   */
  // node:worker_threads is loaded when the first worker starts, not by every importer.
  constructor(private readonly spawn: () => Worker = () => {
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    return new Worker(workerScript());
  }, private readonly batch = false) {}

  /** Posts a request; resolves with the op's value or rejects with its rebuilt error. */
  post(req: Omit<WorkerRequest, 'id'>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const job: Job = { req: { ...req, id: this.nextId++ }, resolve, reject };
      if (!this.batch) return this.send([job]);
      if (this.outbox.push(job) === 1) queueMicrotask(() => { const jobs = this.outbox; this.outbox = []; this.send(jobs); });
    });
  }

  private send(jobs: Job[]): void {
    if (!jobs.length) return;
    const w = this.worker ?? this.start();
    for (const job of jobs) this.jobs.set(job.req.id, job);
    w.ref();
    if (this.batch && jobs.length > 1) {
      this.trips++;
      w.postMessage({ batch: jobs.map((j) => j.req) });
      return;
    }
    for (const j of jobs) { this.trips++; w.postMessage(j.req); }
  }

  private start(): Worker {
    const w = this.spawn();
    this.worker = w;
    w.on('message', (r: WorkerReply | { batch: WorkerReply[] }) => {
      if ('batch' in r) for (const x of r.batch) this.onReply(w, x);
      else this.onReply(w, r);
    });
    w.on('error', (e) => this.onDeath(w, e));
    w.on('exit', (code) => this.onDeath(w, new Error(`namespace worker exited (code ${code})`)));
    w.unref();
    return w;
  }

  private onReply(w: Worker, r: WorkerReply): void {
    if (w !== this.worker) return;
    const job = this.jobs.get(r.id);
    this.jobs.delete(r.id);
    if (r.poisoned) this.discard(w);
    else if (!this.jobs.size) w.unref();
    if (!job) return;
    if (r.ok) job.resolve(r.value);
    else job.reject(fromPlainError(r.error!));
  }

  /** Drops a poisoned worker and re-posts what it had not started to a fresh one. */
  private discard(w: Worker): void {
    this.poisoned++;
    this.worker = null;
    const rest = [...this.jobs.values()];
    this.jobs.clear();
    void w.terminate().catch(() => {});
    this.send(rest);
  }

  private onDeath(w: Worker, e: Error): void {
    if (w !== this.worker) return;
    this.worker = null;
    const rest = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of rest) job.reject(e);
  }

  /** Jobs waiting for an answer. */
  get pending(): number {
    return this.jobs.size;
  }

  /** True while a worker thread exists. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Ends the worker; pending jobs are rejected. The next post starts a new one. */
  async shutdown(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.onDeath(w, new Error('namespace worker shut down'));
    await w.terminate();
  }
}

const shared = new Executor(undefined, true);

/** Messages posted to the shared namespace worker so far (a batch is one): for tests and the bench. */
export function workerTrips(): number {
  return shared.trips;
}

type Runner = (ref: NetnsRef | undefined, op: OpName, args: unknown[]) => Promise<unknown>;
let runner: Runner | undefined;

/**
 * Runs every operation of this process through `r` instead of the worker (undefined: the worker
 * again). Only for a process that is one command and nothing else: see calling-thread.ts.
 */
export function setRunner(r: Runner | undefined): void {
  runner = r;
}

/**
 * Runs a worker operation inside a namespace (or, with `ref` undefined, in the worker's home
 * namespace, which is the process's at the time the worker started).
 */
export async function runIn<K extends OpName>(ref: NetnsRef | undefined, op: K, ...args: Args<K>): Promise<Result<K>> {
  if (runner) return (await runner(ref, op, args)) as Result<K>;
  const ns = ref === undefined ? undefined : openNetns(ref);
  try {
    const req: Omit<WorkerRequest, 'id'> = { op, args };
    if (ns) { req.nsFd = ns.fd; req.label = ns.label; }
    return (await shared.post(req)) as Result<K>;
  } finally {
    ns?.close();
  }
}

/** Stops the shared namespace worker (it is restarted on demand). */
export async function shutdownWorker(): Promise<void> {
  await shared.shutdown();
}

/** The shared executor, for diagnostics (poisoned count, whether a worker is running). */
export function sharedExecutor(): Executor {
  return shared;
}
