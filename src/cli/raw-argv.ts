/**
 * The command line as bytes. Node decodes argv as UTF-8 and turns bytes that are not UTF-8 into
 * U+FFFD, so `nlctl link set dev $'\xff\xfex' up` would name a device that does not exist. ip
 * takes argv as bytes; here each argument Node mangled is read again from /proc/self/cmdline and
 * decoded with decodeName() (the lone-surrogate escape the library uses for such names).
 */

import { readFileSync } from 'node:fs';
import { decodeName, encodeName } from '../netlink/codecs.js';

/** `args` (process.argv.slice(2)) with every argument Node decoded lossily restored from the kernel's copy. */
export function rawArgv(args: readonly string[]): string[] {
  if (!args.some((a) => a.includes('\uFFFD'))) return [...args];
  let raw: Buffer[];
  try {
    const b = readFileSync('/proc/self/cmdline');
    raw = [];
    for (let i = 0; i < b.length;) {
      const nul = b.indexOf(0, i);
      const end = nul < 0 ? b.length : nul;
      raw.push(b.subarray(i, end));
      i = end + 1;
    }
  } catch {
    return [...args];
  }
  // The user's arguments are the last ones of the kernel's argv (node options and the script come first).
  if (raw.length < args.length) return [...args];
  const tail = raw.slice(raw.length - args.length);
  return args.map((a, i) => (a.includes('\uFFFD') ? decodeName(tail[i]!) : a));
}

/**
 * Output text as the bytes ip would print: names decoded with escapes (non-UTF-8 bytes as lone
 * surrogates) go out as their original bytes; everything else is written as is.
 */
export function rawText(s: string): string | Buffer {
  return /[\udc80-\udcff]/.test(s) ? encodeName(s) : s;
}
