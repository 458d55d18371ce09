/**
 * Named network namespaces under /run/netns, made and removed exactly as `ip netns add`,
 * `attach` and `delete` do, so each tool sees and can use what the other made.
 */

import { lstatSync, readlinkSync, unlinkSync } from 'node:fs';
import { errnoText } from '../netlink/errno.js';
import { SyscallError } from '../netlink/errors.js';
import * as libc from '../netlink/libc.js';
import type { SocketOptions } from '../netlink/socket.js';
import { runIn } from './executor.js';
import { runDirNames } from './identity.js';
import { idsOfPaths, type IdOptions } from './ids.js';
import { NETNS_RUN_DIR, fsPath, netnsPath, validateName, type NetnsRef } from './ref.js';
import { createNsFile, syscallError, withRunDir } from './rundir.js';
import { MNT_DETACH, MS_BIND, UMOUNT_NOFOLLOW } from './sys.js';

// Every add/attach/delete of this process, in call order, under the /run/netns flock. Why: issued
// together, add(N), delete(N), add(N) once interleaved (delete unlinked the file the first add was
// about to bind onto; the second add made a new file; both binds landed on it), leaving two
// namespaces stacked on /run/netns/N and a delete that failed EBUSY. Queued here and under the
// flock across processes, the operations come out in one of their sequential orders.
//
// Adds of distinct names issued in one tick (and nothing else between them) run as one step: one
// lock, their files made in call order, and their namespaces made in one worker trip (the
// executor batches jobs posted together), so 100 concurrent adds cost one trip instead of 100.
// They cannot interfere: each has its own file, and nothing else runs until all have finished.
let queue: Promise<unknown> = Promise.resolve();

interface Entry {
  /**
   * An add (batched with its neighbours), or any other operation (run alone). With `socket`, a
   * netlink socket is made inside the new namespace in the same worker trip; the add resolves
   * with its fd.
   */
  add?: { name: string; path: string; socket?: SocketOptions };
  run?: () => Promise<unknown>;
  prepare: boolean;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}
let tick: Entry[] = [];

function enqueue<T>(e: Omit<Entry, 'resolve' | 'reject'>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (tick.push({ ...e, resolve: resolve as (v: unknown) => void, reject }) === 1) queueMicrotask(drain);
  });
}

/** Queues this tick's operations: each run of adds of distinct names as one step, the rest alone. */
function drain(): void {
  const entries = tick;
  tick = [];
  for (let i = 0; i < entries.length;) {
    const names = new Set<string>();
    let j = i;
    while (j < entries.length && entries[j]!.add && !names.has(entries[j]!.add!.path)) names.add(entries[j++]!.add!.path);
    const step = j > i ? entries.slice(i, j) : [entries[j++]!];
    i = j;
    queue = queue.then(() => runStep(step));
  }
}

/**
 * Runs one step under the run-dir lock, then settles every entry; never rejects. Settled only
 * after the lock is released: a caller that goes on synchronously (say, to run `ip netns add`
 * with execFileSync, which takes the same flock) must not find it still held.
 */
async function runStep(step: Entry[]): Promise<void> {
  const first = step[0]!;
  const results = new Map<Entry, { ok: boolean; v: unknown }>();
  try {
    await withRunDir(async () => {
      if (first.run) {
        try { results.set(first, { ok: true, v: await first.run() }); } catch (err) { results.set(first, { ok: false, v: err }); }
        return;
      }
      const made: Entry[] = [];
      for (const e of step) {
        try { createNsFile(e.add!.path, e.add!.name); made.push(e); } catch (err) { results.set(e, { ok: false, v: err }); }
      }
      // Posted together: one trip to the worker, which makes them in this order.
      await Promise.all(made.map(async (e) => {
        try {
          const { path, socket } = e.add!;
          results.set(e, { ok: true, v: socket ? await runIn(undefined, 'newNetnsSocket', path, socket) : await runIn(undefined, 'newNetns', path) });
        } catch (err) {
          removeNsFile(e.add!.path);
          results.set(e, { ok: false, v: err });
        }
      }));
    }, first.prepare);
  } catch (err) {
    for (const e of step) if (!results.has(e)) results.set(e, { ok: false, v: err }); // the lock itself failed
  }
  for (const e of step) {
    const r = results.get(e) ?? { ok: false, v: new Error('netns operation was not run') };
    if (r.ok) e.resolve(r.v);
    else e.reject(r.v);
  }
}

/** Runs `fn` after every earlier named-namespace operation of this process, under the run-dir lock. */
function serialized<T>(fn: () => Promise<T>, prepare = true): Promise<T> {
  return enqueue<T>({ run: fn, prepare });
}

/**
 * Creates the named namespace NAME (`ip netns add NAME`): prepares /run/netns, creates
 * /run/netns/NAME exclusively (a concurrent add of the same name gets EEXIST), makes a new
 * namespace on the worker thread and binds it onto the file. On failure nothing is left behind.
 * Adds issued together are made together (see `queue` above).
 */
export async function add(name: string): Promise<void> {
  await addStep<void>(name);
}

/**
 * add(), and a netlink socket made inside the new namespace by the same worker trip; returns its
 * fd (the caller owns it). For `Netlink.open({ netns: NAME, create: true })`.
 */
export async function addWithSocket(name: string, socket: SocketOptions = {}): Promise<number> {
  return addStep<number>(name, socket);
}

async function addStep<T>(name: string, socket?: SocketOptions): Promise<T> {
  const path = `${NETNS_RUN_DIR}/${validateName(name)}`;
  return enqueue<T>({ add: socket ? { name, path, socket } : { name, path }, prepare: true });
}

/**
 * Names the namespace of `target` (a pid, or any reference) NAME (`ip netns attach NAME PID`):
 * binds /proc/PID/ns/net onto /run/netns/NAME.
 */
export async function attach(name: string, target: number | NetnsRef): Promise<void> {
  const path = `${NETNS_RUN_DIR}/${validateName(name)}`;
  const source = netnsPath(typeof target === 'number' ? { pid: target } : target);
  await serialized(async () => {
    createNsFile(path, name);
    try {
      // A bind mount changes the mount namespace, which every thread shares: no worker needed.
      libc.mount(source, path, 'none', MS_BIND, null);
    } catch (e) {
      removeNsFile(path);
      throw e;
    }
  });
}

/**
 * Deletes the named namespace NAME (`ip netns delete NAME`): detaches the bind mount and removes
 * the file. The namespace itself lives on while a process or open fd still uses it.
 */
export async function del(name: string): Promise<void> {
  const path = `${NETNS_RUN_DIR}/${validateName(name)}`;
  await serialized(async () => {
    unmount(path); // a missing file is reported by unlink, as ip reports it
    try {
      unlinkSync(fsPath(path));
    } catch (e) {
      const err = syscallError('unlink', e, path);
      // ip netns delete's wording, so both tools say the same; errno and code stay for callers.
      if (err instanceof SyscallError) err.message = `Cannot remove namespace file "${path}": ${errnoText(err.errno)}`;
      throw err;
    }
  }, false);
}

/** Detaches whatever is mounted on `path`; "nothing mounted" is fine, anything else is thrown. */
function unmount(path: string): void {
  try {
    // NOFOLLOW: a docker-style symlink to /proc/PID/ns/net must not make us unmount its target.
    libc.umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW);
  } catch (e) {
    const code = (e as SyscallError).code;
    if (code !== 'EINVAL' && code !== 'ENOENT') throw e;
  }
}

/** Best-effort cleanup of a half-made namespace file. */
function removeNsFile(path: string): void {
  try { unmount(path); } catch { /* keep the original error */ }
  try { unlinkSync(fsPath(path)); } catch { /* already gone */ }
}

/** One entry of /run/netns. */
export interface NetnsEntry {
  name: string;
  path: string;
  /** The netnsid the viewpoint namespace assigned to it (`ip netns list` prints `(id: N)`). */
  id?: number;
  /** For a symlink (as people make for containers: /proc/PID/ns/net), where it points. */
  link?: string;
}

/** Every entry of /run/netns, in directory order, with its netnsid (`ip netns list`). */
export async function list(opts: IdOptions = {}): Promise<NetnsEntry[]> {
  const entries: NetnsEntry[] = runDirNames().map((name) => {
    const path = `${NETNS_RUN_DIR}/${name}`;
    const e: NetnsEntry = { name, path };
    try { if (lstatSync(fsPath(path)).isSymbolicLink()) e.link = readlinkSync(fsPath(path)); } catch { /* raced a delete */ }
    return e;
  });
  const ids = await idsOfPaths(entries.map((e) => e.path), opts);
  entries.forEach((e, i) => { if (ids[i] !== undefined) e.id = ids[i]; });
  return entries;
}
