/**
 * Where nlctl writes, and the name it speaks under. Invoked as `ip` (a symlink or copy named
 * `ip`), help, usage and error texts say `ip` exactly as iproute2 6.1 does, so scripts' feature
 * probes (`ip neigh help 2>&1 | grep -q 'ip neigh get'`) find what they look for; under its own
 * name it says `nlctl`. The differential harness (test/diff/) swaps the writers to capture a run.
 */

import { writeSync } from 'node:fs';
import { IP_HELP } from './ip-help.js';
import { rawText } from './raw-argv.js';

/** The program's writers and name. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** 'ip' when invoked as ip, 'nlctl' otherwise. */
  prog: 'ip' | 'nlctl';
}

/**
 * A writer to fd 1 or 2 with write(2), as ip writes: touching process.stdout or process.stderr
 * loads Node's whole stream stack (and net, for a pipe), 3-6 ms of every command's start-up
 * (bench/README.md section 5). A blocking write completes or fails; the two exceptions:
 * - EAGAIN (the fd was left non-blocking by whoever made it): everything from then on goes
 *   through Node's stream for that fd, which waits for the fd, in order;
 * - EPIPE (`nlctl ... | head` and the reader went away): stop quietly with 0, as ip stops when
 *   SIGPIPE ends it.
 */
export function fdWriter(
  fd: 1 | 2,
  write: (fd: number, b: Uint8Array) => number = writeSync,
  slow: () => NodeJS.WritableStream = () => (fd === 1 ? process.stdout : process.stderr),
): (s: string | Uint8Array) => void {
  let stream: NodeJS.WritableStream | undefined;
  return (s) => {
    if (stream) { stream.write(s); return; }
    let b = typeof s === 'string' ? Buffer.from(s) : s;
    while (b.length) {
      try {
        b = b.subarray(write(fd, b));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') process.exit(0);
        if (code !== 'EAGAIN') throw e;
        stream = slow();
        stream.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'EPIPE') process.exit(0); throw err; });
        stream.write(b);
        return;
      }
    }
  };
}

const stdout = fdWriter(1);
const stderr = fdWriter(2);

/** The process's writers and name (replaceable as a whole, for the harness). */
export const io: Io = {
  // Interface names that are not UTF-8 travel as lone surrogates; rawText writes their bytes back.
  out: (s) => { stdout(rawText(s)); },
  err: (s) => { stderr(s); },
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
