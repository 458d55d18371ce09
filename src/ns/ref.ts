/**
 * One way to name a network namespace everywhere: a name under /run/netns, a path, a pid, an
 * open fd, or (undefined) the caller's own namespace.
 */

import { closeSync, openSync } from 'node:fs';
import { SyscallError, UsageError } from '../netlink/errors.js';

/** Where named namespaces live, as iproute2 keeps them. */
export const NETNS_RUN_DIR = '/run/netns';

/** A network namespace: `'blue'` (a name), `'/proc/1/ns/net'` (a path), `{ pid }`, `{ fd }`, `{ name }`, `{ path }`. */
export type NetnsRef = string | { name: string } | { path: string } | { pid: number } | { fd: number };

/** Checks a namespace name as `ip netns` does: not empty, no '/', not '.' or '..', at most 255 bytes. */
export function validateName(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new UsageError('netns name must not be empty');
  if (name.includes('/')) throw new UsageError(`invalid netns name "${name}": must not contain '/'`);
  if (name === '.' || name === '..') throw new UsageError(`invalid netns name "${name}"`);
  if (name.includes('\0')) throw new UsageError(`invalid netns name ${JSON.stringify(name)}: contains NUL`);
  if (Buffer.byteLength(name) > 255) throw new UsageError(`invalid netns name "${name.slice(0, 20)}...": longer than 255 bytes`);
  return name;
}

/** The filesystem path of a reference that has one (fd references return /proc/self/fd/N). */
export function netnsPath(ref: NetnsRef): string {
  if (typeof ref === 'string') return ref.includes('/') ? ref : `${NETNS_RUN_DIR}/${validateName(ref)}`;
  if ('name' in ref) return `${NETNS_RUN_DIR}/${validateName(ref.name)}`;
  if ('path' in ref) return ref.path;
  if ('pid' in ref) {
    if (!Number.isInteger(ref.pid) || ref.pid <= 0) throw new UsageError(`invalid pid ${ref.pid}`);
    return `/proc/${ref.pid}/ns/net`;
  }
  if (!Number.isInteger(ref.fd) || ref.fd < 0) throw new UsageError(`invalid fd ${ref.fd}`);
  return `/proc/self/fd/${ref.fd}`;
}

/** A short human label for a reference, for error messages ('blue', 'pid 42', 'fd 7'). */
export function netnsLabel(ref: NetnsRef): string {
  if (typeof ref === 'string') return ref;
  if ('name' in ref) return ref.name;
  if ('path' in ref) return ref.path;
  if ('pid' in ref) return `pid ${ref.pid}`;
  return `fd ${ref.fd}`;
}

/** An open namespace fd; close() releases it unless it was the caller's own `{ fd }`. */
export interface NetnsFd {
  fd: number;
  label: string;
  close(): void;
}

/** Opens a namespace reference read-only (for setns, IFLA_NET_NS_FD, NETNSA_FD). */
export function openNetns(ref: NetnsRef): NetnsFd {
  const label = netnsLabel(ref);
  if (typeof ref === 'object' && 'fd' in ref) return { fd: ref.fd, label, close() {} };
  const path = netnsPath(ref);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new SyscallError('open', err.errno ? -err.errno : 5, `network namespace "${label}" (${path})`);
  }
  let open = true;
  return { fd, label, close() { if (open) { open = false; closeSync(fd); } } };
}
