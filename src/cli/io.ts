/**
 * Where nlctl writes, and the name it speaks under. Invoked as `ip` (a symlink or copy named
 * `ip`), help, usage and error texts say `ip` exactly as iproute2 6.1 does, so scripts' feature
 * probes (`ip neigh help 2>&1 | grep -q 'ip neigh get'`) find what they look for; under its own
 * name it says `nlctl`. The differential harness (test/diff/) swaps the writers to capture a run.
 */

import { IP_HELP } from './ip-help.js';
import { rawText } from './raw-argv.js';

/** The program's writers and name. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** 'ip' when invoked as ip, 'nlctl' otherwise. */
  prog: 'ip' | 'nlctl';
}

/** The process's writers and name (replaceable as a whole, for the harness). */
export const io: Io = {
  // Interface names that are not UTF-8 travel as lone surrogates; rawText writes their bytes back.
  out: (s) => { process.stdout.write(rawText(s)); },
  err: (s) => { process.stderr.write(s); },
  prog: 'nlctl',
};

/** The name nlctl was invoked under, from argv[1]: `ip` when the file's basename is `ip`. */
export function progFromPath(path: string | undefined): 'ip' | 'nlctl' {
  return path !== undefined && /(^|\/)ip$/.test(path) ? 'ip' : 'nlctl';
}

/** The program name to print in messages (`try "ip link help"`). */
export function prog(): string {
  return io.prog;
}

/**
 * A help text: nlctl's own under its name; ip 6.1's verbatim under `ip` (`key` is the object, or
 * `link TYPE`), or nlctl's own with ip's name where ip has no such text.
 */
export function helpText(key: string, own: string): string {
  if (io.prog !== 'ip') return own;
  return IP_HELP[key] ?? own.replace(/\bnlctl\b/g, 'ip');
}
