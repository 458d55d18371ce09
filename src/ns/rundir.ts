/**
 * /run/netns as iproute2 keeps it: a directory that is a shared mount point, so a namespace
 * bind-mounted into it propagates to (and is unmounted from) every mount namespace that sees it.
 */

import { closeSync, constants as F, existsSync, mkdirSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SyscallError } from '../netlink/errors.js';
import * as libc from '../netlink/libc.js';
import { NETNS_RUN_DIR, fsPath } from './ref.js';
import { LOCK_EX, LOCK_NB, LOCK_UN, MS_BIND, MS_REC, MS_SHARED } from './sys.js';

/**
 * Creates /run/netns (0755) if missing and makes it a shared mount, under an flock on the
 * directory as iproute2 does: concurrent `ip netns add`s once stacked recursive bind mounts
 * until the machine locked up (iproute2 issue 17).
 */
export async function prepareRunDir(): Promise<void> {
  await withRunDir(async () => {});
}

/**
 * Runs `fn` holding the flock on /run/netns (after preparing it, or, with `prepare` false, only
 * if the directory exists: a delete must not create it). nlctl processes hold it for a whole
 * add/attach/delete, so operations on one name from several processes come out in some
 * sequential order; ip takes the same lock only around preparing the directory.
 */
export async function withRunDir<T>(fn: () => Promise<T>, prepare = true): Promise<T> {
  if (prepare && !existsSync(NETNS_RUN_DIR)) shared = false;
  if (prepare) mkdirSync(NETNS_RUN_DIR, { recursive: true, mode: 0o755 });
  let lock: number;
  try {
    lock = openSync(NETNS_RUN_DIR, F.O_RDONLY | F.O_DIRECTORY);
  } catch (e) {
    if (!prepare && (e as NodeJS.ErrnoException).code === 'ENOENT') return fn();
    throw e;
  }
  try {
    await lockDir(lock);
    try {
      // The shared mount is made once per process (perf: each `ip netns add` is a process of its
      // own and makes it every time); again if someone removed the directory meanwhile.
      if (prepare && !shared) { makeShared(); shared = true; }
      return await fn();
    } finally {
      libc.flock(lock, LOCK_UN, NETNS_RUN_DIR);
    }
  } finally {
    closeSync(lock);
  }
}

let shared = false;

// Non-blocking attempts with a short sleep: a blocking flock would stall the event loop while
// another process holds the lock. The lock is only held for two mount calls.
async function lockDir(fd: number): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      libc.flock(fd, LOCK_EX | LOCK_NB, NETNS_RUN_DIR);
      return;
    } catch (e) {
      if ((e as SyscallError).code !== 'EAGAIN' || i >= 2000) throw e;
      await sleep(i < 10 ? 1 : 5);
    }
  }
}

function makeShared(): void {
  let madeMountPoint = false;
  for (;;) {
    try {
      libc.mount('', NETNS_RUN_DIR, 'none', MS_SHARED | MS_REC, null);
      return;
    } catch (e) {
      // EINVAL: /run/netns is not a mount point yet; make it one by binding it onto itself, once.
      if ((e as SyscallError).code !== 'EINVAL' || madeMountPoint) throw e;
      libc.mount(NETNS_RUN_DIR, NETNS_RUN_DIR, 'none', MS_BIND | MS_REC, null);
      madeMountPoint = true;
    }
  }
}

/** Creates the empty file a namespace is bound onto; EEXIST when the name is taken. */
export function createNsFile(path: string, label: string): void {
  try {
    closeSync(openSync(fsPath(path), F.O_RDONLY | F.O_CREAT | F.O_EXCL, 0));
  } catch (e) {
    throw syscallError('open', e, `netns "${label}" (${path})`);
  }
}

/** Turns a Node fs error (also one rebuilt after crossing from the worker) into a SyscallError. */
export function syscallError(call: string, e: unknown, subject: string): Error {
  if (e instanceof SyscallError) return e;
  const errno = (e as NodeJS.ErrnoException).errno;
  // Node reports errno negated (-2 for ENOENT).
  return typeof errno === 'number' ? new SyscallError(call, Math.abs(errno), subject) : (e as Error);
}
