/**
 * One way to name a network namespace everywhere: a name under /run/netns, a path, a pid, an
 * open fd, or (undefined) the caller's own namespace.
 */

import { closeSync, openSync } from 'node:fs';
import { nameBytes } from '../netlink/codecs.js';
import { SyscallError, UsageError } from '../netlink/errors.js';
import * as libc from '../netlink/libc.js';
import { CLONE_NEWNET } from './sys.js';

/** Where named namespaces live, as iproute2 keeps them. */
export const NETNS_RUN_DIR = '/run/netns';

/**
 * A path for node:fs. /run/netns names are bytes, as interface names are (`ip netns add
 * $'\xff'`): runDirNames() gives a name that is not UTF-8 in decodeName()'s escaped form, and
 * such a path goes to the kernel as those bytes (codecs.ts nameBytes()).
 */
export const fsPath = nameBytes;

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

/** Says what is wrong with a reference, as a UsageError. */
function bad(ref: unknown, why: string): UsageError {
  let shown: string;
  try { shown = JSON.stringify(ref) ?? String(ref); } catch { shown = String(ref); }
  return new UsageError(`invalid network namespace reference ${shown}: ${why}`);
}

function checkPath(path: unknown, ref: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/')) throw bad(ref, 'a path must be an absolute path');
  if (path.includes('\0')) throw bad(ref, 'a path must not contain NUL');
  return path;
}

/**
 * Checks the shape of a reference before anything uses it, and returns it: a string (a /run/netns
 * name, or an absolute path when it contains '/'), or an object with exactly one of `name` (valid
 * per validateName), `path` (absolute), `pid` (a positive integer) or `fd` (a non-negative
 * integer). Anything else (null, a bare number, `{ fd: -1 }`, `{}`) is a UsageError: no
 * reference may fall through to "the caller's own namespace" by accident.
 */
export function checkRef(ref: unknown): NetnsRef {
  if (typeof ref === 'string') {
    if (ref.includes('/')) checkPath(ref, ref);
    else validateName(ref);
    return ref;
  }
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) {
    throw bad(ref, 'expected a name, an absolute path, { name }, { path }, { pid } or { fd }');
  }
  const keys = Object.keys(ref);
  if (keys.length !== 1 || !['name', 'path', 'pid', 'fd'].includes(keys[0]!)) {
    throw bad(ref, 'expected exactly one of name, path, pid or fd');
  }
  const r = ref as Record<string, unknown>;
  if ('name' in r) {
    if (typeof r.name !== 'string') throw bad(ref, 'name must be a string');
    validateName(r.name);
  } else if ('path' in r) {
    checkPath(r.path, ref);
  } else if ('pid' in r) {
    if (!Number.isSafeInteger(r.pid) || (r.pid as number) <= 0) throw bad(ref, 'pid must be a positive integer');
  } else if (!Number.isSafeInteger(r.fd) || (r.fd as number) < 0 || (r.fd as number) > 0x7fffffff) {
    throw bad(ref, 'fd must be a non-negative integer');
  }
  return ref as NetnsRef;
}

/** The filesystem path of a reference that has one (fd references return /proc/self/fd/N). */
export function netnsPath(ref: NetnsRef): string {
  checkRef(ref);
  if (typeof ref === 'string') return ref.includes('/') ? ref : `${NETNS_RUN_DIR}/${ref}`;
  if ('name' in ref) return `${NETNS_RUN_DIR}/${ref.name}`;
  if ('path' in ref) return ref.path;
  if ('pid' in ref) return `/proc/${ref.pid}/ns/net`;
  return `/proc/self/fd/${ref.fd}`;
}

/** A short human label for a reference, for error messages ('blue', 'pid 42', 'fd 7'). */
export function netnsLabel(ref: NetnsRef): string {
  checkRef(ref);
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

/**
 * Checks that `fd` is open on a network namespace, as the kernel says (ioctl NS_GET_NSTYPE):
 * setns(CLONE_NEWNET) and IFLA_NET_NS_FD would refuse a wrong type later, but with a less
 * telling EINVAL, and a file that is no namespace must never be mistaken for one.
 */
function checkNetnsFd(fd: number, label: string): void {
  let type: number;
  try {
    type = libc.nsType(fd, `network namespace "${label}" (fd ${fd})`);
  } catch (e) {
    if ((e as SyscallError).code !== 'ENOTTY') throw e; // EBADF: not open
    type = 0;
  }
  if (type !== CLONE_NEWNET) {
    throw new UsageError(`"${label}" is not a network namespace (fd ${fd} is ${type ? `a namespace of type 0x${type.toString(16)}` : 'no namespace'})`);
  }
}

/**
 * Opens a namespace reference read-only (for setns, IFLA_NET_NS_FD, NETNSA_FD), after checking
 * its shape (checkRef) and that what it opens is a network namespace.
 */
export function openNetns(ref: NetnsRef): NetnsFd {
  const label = netnsLabel(ref);
  if (typeof ref === 'object' && 'fd' in ref) {
    checkNetnsFd(ref.fd, label);
    return { fd: ref.fd, label, close() {} };
  }
  const path = netnsPath(ref);
  let fd: number;
  try {
    fd = openSync(fsPath(path), 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new SyscallError('open', err.errno ? -err.errno : 5, `network namespace "${label}" (${path})`);
  }
  try {
    checkNetnsFd(fd, label);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  let open = true;
  return { fd, label, close() { if (open) { open = false; closeSync(fd); } } };
}
