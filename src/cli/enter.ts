/**
 * `nlctl -n NS`: the socket is made inside NS by the CLI's own main thread, which enters NS with
 * setns() for the one synchronous socket() call and returns home before any other code runs.
 *
 * Why not the namespace worker, as the library does: the CLI is a single-purpose process, like
 * `ip -n` (which switches its only thread for good), and starting a worker thread that loads
 * koffi again cost ~110-180 ms of every `-n` command (bench/README.md). Library callers never
 * get this: their threads are not ours to move.
 */

import { openSync, closeSync } from 'node:fs';
import * as libc from '../netlink/libc.js';
import { openNetlinkFd } from '../netlink/socket.js';
import { openNetns, type NetnsRef } from '../ns/ref.js';
import { CLONE_NEWNET } from '../ns/sys.js';

/** Opens a netlink socket inside `ref` from this thread and returns to where it was. */
export function openNetlinkFdIn(ref: NetnsRef): number {
  const ns = openNetns(ref);
  const home = openSync('/proc/thread-self/ns/net', 'r');
  try {
    libc.setns(ns.fd, CLONE_NEWNET, ns.label);
    try {
      return openNetlinkFd();
    } finally {
      try {
        libc.setns(home, CLONE_NEWNET, 'home');
      } catch (e) {
        // Never go on in the wrong namespace.
        process.stderr.write(`nlctl: cannot return to the original network namespace: ${(e as Error).message}\n`);
        process.exit(255);
      }
    }
  } finally {
    closeSync(home);
    ns.close();
  }
}
