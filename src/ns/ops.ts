/**
 * Operations the namespace worker can run. Each runs synchronously on the worker thread after
 * it entered the target namespace (or, for `newNetns`, after it left home for a fresh one), and
 * returns plain data: fds are numbers in the process-wide fd table, usable from any thread.
 */

import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import * as libc from '../netlink/libc.js';
import { openNetlinkFd, type SocketOptions } from '../netlink/socket.js';
import { exchange, closeExchanges } from './exchange.js';
import { openInetSocket, type SocketSpec } from './inet-socket.js';
import { CLONE_NEWNET, MNT_DETACH, MS_BIND } from './sys.js';

/** The operations, by name. */
export const OPS = {
  /** Opens a netlink socket inside the namespace; the fd stays bound to it wherever it is used. */
  netlinkSocket: (opts: SocketOptions = {}): number => openNetlinkFd(opts),

  /** The thread's namespace as the kernel names it ('net:[4026531840]'). */
  whoami: (): string => readlinkSync('/proc/thread-self/ns/net'),

  /**
   * Makes a new namespace and binds it onto `path` (an existing empty file): unshare moves this
   * thread into the new namespace, the bind mount keeps it alive after the thread goes home.
   * /proc/thread-self, not /proc/self: the latter is the main thread, which never moves.
   */
  newNetns: (path: string): void => {
    libc.unshare(CLONE_NEWNET);
    libc.mount('/proc/thread-self/ns/net', path, 'none', MS_BIND, null);
  },

  /**
   * newNetns, then a netlink socket made inside the new namespace before the thread goes home:
   * a named namespace and a handle's socket in it for one worker trip (`Netlink.open({ netns,
   * create: true })`). A socket that cannot be made undoes the mount, so the caller's cleanup
   * (unlinking the file) leaves nothing behind.
   */
  newNetnsSocket: (path: string, opts: SocketOptions = {}): number => {
    OPS.newNetns(path);
    try {
      return openNetlinkFd(opts);
    } catch (e) {
      try { libc.umount2(path, MNT_DETACH); } catch { /* the caller's cleanup tries again */ }
      throw e;
    }
  },

  /** Reads a /proc/sys file; /proc/sys/net shows the namespace of the task that opens it. */
  sysctlRead: (path: string): string => readFileSync(path, 'utf8'),

  /** Writes a /proc/sys file in the namespace (one write, as sysctl(8) does). */
  sysctlWrite: (path: string, value: string): void => writeFileSync(path, value),

  /** Opens (and optionally binds) an inet socket inside the namespace; returns its fd. */
  socket: (spec: SocketSpec): number => openInetSocket(spec),

  /**
   * One netlink request done entirely on the worker: reuse (or open) a socket in this namespace,
   * send, and read synchronously until the ack. The alternative to handing the socket to the
   * caller; bench/ns.ts compares the two.
   */
  exchange: (key: string, request: Uint8Array, timeoutMs = 5000): Uint8Array[] => exchange(key, request, timeoutMs),

  /** Closes the sockets `exchange` cached. */
  closeExchanges: (): void => closeExchanges(),
};

/** Name of an operation. */
export type OpName = keyof typeof OPS;

/** Operations that leave the thread in another namespace even when it entered none. */
export const MOVES: ReadonlySet<OpName> = new Set<OpName>(['newNetns', 'newNetnsSocket']);
