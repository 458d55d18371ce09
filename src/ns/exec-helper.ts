/**
 * Entry point started by exec.ts: `node exec-helper.js NAME -- PROGRAM ARGS...` with the target
 * namespace open as fd 3. Does what `ip netns exec` does between fork and exec (iproute2
 * ip/ipnetns.c netns_switch + bind_etc), then execvp()s the program in place of this process.
 * On a setup failure it prints why and exits 255, as ip does.
 *
 * Every call here is on the main thread, and execve keeps only the calling thread, so the
 * namespaces this thread joined are the program's.
 */

import { closeSync, readdirSync } from 'node:fs';
import * as libc from '../netlink/libc.js';
import { errnoText } from '../netlink/errno.js';
import { CLONE_NEWNET, CLONE_NEWNS, MNT_DETACH, MS_BIND, MS_RDONLY, MS_REC, MS_SLAVE } from './sys.js';

const NS_FD = 3;
const ETC_NETNS = '/etc/netns';

function setup(name: string): void {
  try {
    libc.setns(NS_FD, CLONE_NEWNET, name || 'fd 3');
  } catch (e) {
    // ip netns exec's words for a refused setns (an unprivileged user: it needs CAP_SYS_ADMIN).
    const errno = (e as { errno?: number }).errno;
    throw new Error(`setting the network namespace "${name || 'fd 3'}" failed: ${errno ? errnoText(errno) : (e as Error).message}`);
  }
  closeSync(NS_FD);
  // A private mount namespace, slave to the parent's so our mounts never propagate back out.
  libc.unshare(CLONE_NEWNS);
  libc.mount('', '/', 'none', MS_SLAVE | MS_REC, null);
  remountSys(name || 'sysfs');
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
      process.stderr.write(`Bind ${from} -> /etc/${e} failed: ${(err as Error).message}\n`);
    }
  }
}

function main(): void {
  const [name = '', sep, ...argv] = process.argv.slice(2);
  if (sep !== '--' || !argv.length) {
    process.stderr.write('usage: exec-helper NAME -- PROGRAM [ARGS...] (namespace open as fd 3)\n');
    process.exit(255);
  }
  try {
    setup(name);
  } catch (e) {
    const m = (e as Error).message;
    process.stderr.write(`${m.startsWith('setting the network namespace') ? m : `netns exec ${name}: ${m}`}\n`);
    process.exit(255);
  }
  try {
    for (const fd of [0, 1, 2]) libc.setCloexec(fd, false);
    libc.execvp(argv[0]!, argv);
  } catch (e) {
    // ip's words and status: `exec of "X" failed: <strerror>`, exit 1.
    const err = e as { errno?: number; message: string };
    process.stderr.write(`exec of "${argv[0]}" failed: ${err.errno ? errnoText(err.errno) : err.message}\n`);
    process.exit(1);
  }
}

main();
