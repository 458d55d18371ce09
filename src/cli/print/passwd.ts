/**
 * User and group names by id, read from /etc/passwd and /etc/group the way getpwuid/getgrgid
 * find them in a files-only NSS setup (tun's `user root group root`). Read once, on first use.
 */

import { readFileSync } from 'node:fs';

const cache = new Map<string, Map<number, string>>();

function table(path: string): Map<number, string> {
  let m = cache.get(path);
  if (m) return m;
  m = new Map();
  let text = '';
  try { text = readFileSync(path, 'utf8'); } catch { /* no file: ids print as numbers, as ip does */ }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && f[2] !== '' && !m.has(Number(f[2]))) m.set(Number(f[2]), f[0]!);
  }
  cache.set(path, m);
  return m;
}

/** A user name by uid, undefined when /etc/passwd has none. */
export function userName(uid: number): string | undefined { return table('/etc/passwd').get(uid); }

/** A group name by gid, undefined when /etc/group has none. */
export function groupName(gid: number): string | undefined { return table('/etc/group').get(gid); }
