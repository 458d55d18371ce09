/**
 * sysctl inside a namespace. /proc/sys/net shows the network namespace of the task that opens
 * the file, so reads and writes for another namespace run on the worker after it entered it.
 * Only net.* keys are accepted: everything else under /proc/sys is global, and a "namespaced"
 * write there would change the whole machine.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../netlink/errors.js';
import { runIn } from './executor.js';
import type { NetnsRef } from './ref.js';
import { syscallError } from './rundir.js';

/**
 * The /proc/sys path of a net.* key. Dots separate components (`net.ipv4.ip_forward`); a key
 * with '/' uses slashes instead, as sysctl(8) allows for names with dots
 * (`net/ipv4/conf/eth0.100/forwarding`). No component may be empty, '.' or '..'.
 */
export function sysctlPath(key: string): string {
  if (typeof key !== 'string' || !key) throw new UsageError('sysctl key must not be empty');
  const parts = key.includes('/') ? key.replace(/^\/+/, '').split('/') : key.split('.');
  if (parts[0] !== 'net') throw new UsageError(`sysctl key "${key}" is not per-namespace: only net.* keys are`);
  for (const p of parts) {
    if (!p || p === '.' || p === '..' || p.includes('\0')) throw new UsageError(`invalid sysctl key "${key}"`);
  }
  if (parts.length < 2) throw new UsageError(`sysctl key "${key}" names a directory`);
  return `/proc/sys/${parts.join('/')}`;
}

/** Reads a net.* sysctl in `ns` (the caller's own when undefined); the value without its newline. */
export async function sysctlGet(ns: NetnsRef | undefined, key: string): Promise<string> {
  const path = sysctlPath(key);
  try {
    const v = ns === undefined ? readFileSync(path, 'utf8') : await runIn(ns, 'sysctlRead', path);
    return v.replace(/\n$/, '');
  } catch (e) {
    throw syscallError('read', e, `sysctl ${key}`);
  }
}

/** Writes a net.* sysctl in `ns` (the caller's own when undefined). */
export async function sysctlSet(ns: NetnsRef | undefined, key: string, value: string | number): Promise<void> {
  const path = sysctlPath(key);
  const text = String(value);
  if (text.includes('\0')) throw new UsageError(`invalid sysctl value for "${key}"`);
  try {
    if (ns === undefined) writeFileSync(path, text);
    else await runIn(ns, 'sysctlWrite', path, text);
  } catch (e) {
    throw syscallError('write', e, `sysctl ${key}`);
  }
}

/** `netns.sysctl.get(ns, key)` / `netns.sysctl.set(ns, key, value)`. */
export const sysctl = { get: sysctlGet, set: sysctlSet };
