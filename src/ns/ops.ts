/**
 * Operations the namespace worker can run. Each runs synchronously on the worker thread after
 * it entered the target namespace, and returns plain data (fds are process-wide numbers).
 */

import { readlinkSync } from 'node:fs';
import { openNetlinkFd, type SocketOptions } from '../netlink/socket.js';

/** The operations, by name. */
export const OPS = {
  /** Opens a netlink socket inside the namespace; the fd stays bound to it wherever it is used. */
  netlinkSocket: (opts: SocketOptions = {}): number => openNetlinkFd(opts),
  /** The thread's namespace as the kernel names it ('net:[4026531840]'). */
  whoami: (): string => readlinkSync('/proc/thread-self/ns/net'),
};

/** Name of an operation. */
export type OpName = keyof typeof OPS;
