/**
 * `ip netns exec` in this very process: enter the namespace on the calling thread, set up the
 * mounts as ip's netns_switch() does, and execvp() the program in place of the process. The nlctl
 * CLI uses it so that `nlctl netns exec NS cmd` costs one Node start-up, as `ip netns exec` costs
 * one ip start-up (exec.ts, for library callers whose process must go on, starts exec-helper.js,
 * which runs the same setup in a child).
 *
 * execve() keeps only the calling thread, and the namespaces this thread joined (net by setns,
 * mount by unshare) are per-thread, so they are the program's.
 */

import { readdirSync } from 'node:fs';
import * as libc from '../netlink/libc.js';
import { errnoText } from '../netlink/errno.js';
import { CLONE_NEWNET, CLONE_NEWNS, MNT_DETACH, MS_BIND, MS_RDONLY, MS_REC, MS_SLAVE } from './sys.js';

const ETC_NETNS = '/etc/netns';

/** A setup step that failed, with ip's words for it. */
export class ExecSetupError extends Error {
  override name = 'ExecSetupError';
}

function errnoOf(e: unknown): string {
  const errno = (e as { errno?: number }).errno;
  return typeof errno === 'number' && errno !== 0 ? errnoText(Math.abs(errno)) : (e as Error).message;
}

function step(what: (why: string) => string, fn: () => void): void {
  try { fn(); } catch (e) { throw new ExecSetupError(what(errnoOf(e))); }
}

/**
 * Moves the calling thread into the namespace open as `fd` with a private mount namespace
 * (a slave of the parent's, so nothing propagates back), a /sys that shows the namespace's
 * devices, and /etc/netns/NAME/* bound over /etc/* (only for a named namespace). Throws an
 * ExecSetupError worded as ip words each failure.
 */
export function enterForExec(fd: number, name: string): void {
  step((why) => `setting the network namespace "${name}" failed: ${why}`, () => libc.setns(fd, CLONE_NEWNET, name || `fd ${fd}`));
  step((why) => `unshare failed: ${why}`, () => libc.unshare(CLONE_NEWNS));
  step((why) => `"mount --make-rslave /" failed: ${why}`, () => libc.mount('', '/', 'none', MS_SLAVE | MS_REC, null));
  step((why) => `mount of /sys failed: ${why}`, () => remountSys(name || 'sysfs'));
  if (name) bindEtc(name);
}

/** A fresh sysfs shows the devices of the namespace of the task that mounts it. */
function remountSys(source: string): void {
  let flags = 0;
  try {
    libc.umount2('/sys', MNT_DETACH);
  } catch {
    // Could not unmount (perhaps none was mounted): overlay it. A read-only /sys cannot be
    // shadowed by a read-write one, so fall back to read-only below.
  }
  try {
    libc.mount(source, '/sys', 'sysfs', flags, null);
  } catch (e) {
    flags = MS_RDONLY;
    try { libc.mount(source, '/sys', 'sysfs', flags, null); } catch { throw e; }
  }
}

/** Binds each entry of /etc/netns/NAME over /etc/ENTRY; a failed bind is a warning, as in ip. */
function bindEtc(name: string): void {
  let entries: string[];
  try { entries = readdirSync(`${ETC_NETNS}/${name}`); } catch { return; }
  for (const e of entries) {
    const from = `${ETC_NETNS}/${name}/${e}`;
    try {
      libc.mount(from, `/etc/${e}`, 'none', MS_BIND, null);
    } catch (err) {
      process.stderr.write(`Bind ${from} -> /etc/${e} failed: ${errnoOf(err)}\n`);
    }
  }
}

/** Why execvp() failed: ip's `exec of "X" failed: <strerror>`, and the errno. */
export interface ExecFailure { message: string; errno: number }

/**
 * Replaces this process with `argv` (searched in PATH), its stdio blocking and inherited, its
 * signals at their defaults. Returns only when execvp() failed.
 */
export function execInPlace(argv: readonly string[]): ExecFailure {
  try {
    for (const fd of [0, 1, 2]) {
      try { libc.setCloexec(fd, false); libc.setNonblocking(fd, false); } catch { /* closed: the program finds it closed */ }
    }
    libc.resetSignalsForExec();
    libc.execvp(argv[0]!, [...argv]);
  } catch (e) {
    const errno = Math.abs((e as { errno?: number }).errno ?? 0);
    return { message: `exec of "${argv[0]}" failed: ${errno ? errnoText(errno) : (e as Error).message}`, errno };
  }
}
