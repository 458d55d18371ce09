/**
 * Telling namespaces apart: two paths name the same namespace when stat() gives the same
 * device and inode (nsfs), which is what `ip netns identify` and `ip netns pids` compare.
 */

import { opendirSync, readdirSync, statSync } from 'node:fs';
import { decodeName } from '../netlink/codecs.js';
import { NETNS_RUN_DIR, fsPath, netnsPath, type NetnsRef } from './ref.js';
import { syscallError } from './rundir.js';

/** A namespace's identity: nsfs device and inode. */
export interface NsId {
  dev: number;
  ino: number;
}

/** The identity of the namespace at `path` (following symlinks), or undefined if it cannot be read. */
export function nsIdentity(path: string): NsId | undefined {
  try {
    const s = statSync(fsPath(path));
    return { dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}

function same(a: NsId | undefined, b: NsId | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/** The path of a pid's namespace, or of any other reference. */
function targetPath(target: number | NetnsRef): string {
  return typeof target === 'number' ? netnsPath({ pid: target }) : netnsPath(target);
}

/** Names under /run/netns that are the namespace of `target` (a pid, by default this process, or any reference). */
export function identify(target: number | NetnsRef = process.pid): string[] {
  const path = targetPath(target);
  const id = mustIdentify(path);
  return runDirNames().filter((n) => same(nsIdentity(`${NETNS_RUN_DIR}/${n}`), id));
}

/** Process ids whose network namespace is `ns` (`ip netns pids`), ascending. */
export function pids(ns: NetnsRef): number[] {
  const path = netnsPath(ns);
  const id = mustIdentify(path);
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(e)) continue;
    // Processes come and go while we read; one that vanished is simply not listed.
    if (same(nsIdentity(`/proc/${e}/ns/net`), id)) out.push(Number(e));
  }
  return out.sort((a, b) => a - b);
}

/** Entries of /run/netns in directory order (as `ip netns list` walks them); none if it is missing. */
export function runDirNames(): string[] {
  // opendir, not readdirSync: readdirSync sorts, and ip lists (and identify picks) in the
  // order the directory gives.
  let dir;
  // As bytes: a name that is not UTF-8 comes out in decodeName()'s escaped form, which fsPath()
  // turns back into the file's bytes (Node's own decoding would make it U+FFFD, a name that
  // is no file).
  // (Node's types know only text encodings here; 'buffer' works, and its names are Buffers.)
  try { dir = opendirSync(NETNS_RUN_DIR, { encoding: 'buffer' as BufferEncoding }); } catch { return []; }
  const out: string[] = [];
  try {
    for (let e = dir.readSync(); e; e = dir.readSync()) out.push(decodeName(e.name as unknown as Buffer));
  } finally {
    dir.closeSync();
  }
  return out;
}

function mustIdentify(path: string): NsId {
  try {
    const s = statSync(fsPath(path));
    return { dev: s.dev, ino: s.ino };
  } catch (e) {
    throw syscallError('stat', e, path);
  }
}
