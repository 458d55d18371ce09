#!/usr/bin/env node
/**
 * The `nlctl` executable: runs the CLI from one bundled CommonJS file compiled with V8's code cache.
 *
 * Why not just `main.js`: on Node 20 the ESM loader spends ~40 ms resolving, reading and
 * compiling the ~40 modules a command touches, more than half of a cold start. The build
 * (scripts/bundle-cli.ts) bundles those modules into `nlctl.bundle.cjs` and records V8's code
 * cache after a `link show`, so a start-up here deserializes compiled code instead of parsing it.
 *
 * The cache is only an accelerator, and must never be able to break a run:
 * - Its name carries the bundle's content hash, which the build writes on the bundle's first
 *   line: V8 itself checks only the source's length, so a rebuilt bundle must never meet the
 *   cache of the one before (hashing the bundle here instead would cost ~7 ms of loading crypto).
 * - V8 is told to verify the cache's checksum (off by default in Node 20): a damaged cache is
 *   then refused instead of crashing V8.
 * - A cache V8 refuses (another node, other V8 flags) costs one run compiled from source, which
 *   leaves a fresh cache for the next where the directory is writable (a temporary name, then a
 *   rename, so concurrent runs never read half a file); a read-only install does not try.
 * Without a bundle, or with one that does not compile, the ES module entry point runs instead.
 *
 * Two command lines have bundles of their own, because loading the CLI's bundle costs ~20 ms of
 * reading and deserializing code they never run:
 * - `netns exec NAME cmd` (the command scripts run in loops): `nlctl-exec.bundle.cjs`
 *   (exec-main.ts, a few kilobytes). Only the plain spelling is recognised (no global options;
 *   ip's abbreviations of `netns` and `exec`).
 * - `[OPTIONS] link [show] [FILTER]`: `nlctl-show.bundle.cjs` (show-main.ts), for the options
 *   scripts write in their usual spellings; show-main.ts may still decline (returns false).
 * Everything else, a missing bundle and a declined line go to the CLI's bundle, which runs the
 * same code.
 */

import { accessSync, constants, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const BUNDLE = join(__dirname, 'nlctl.bundle.cjs');
const EXEC_BUNDLE = join(__dirname, 'nlctl-exec.bundle.cjs');
const SHOW_BUNDLE = join(__dirname, 'nlctl-show.bundle.cjs');
// The words that resolve to `netns` and to its `exec` in ip's (and nlctl's) abbreviation order.
const NETNS_WORDS = ['net', 'netn', 'netns'];
const EXEC_WORDS = ['e', 'ex', 'exe', 'exec'];
// `link` (no object before it in ip's order starts with l) and the words of its show/lst/list
// (`s` is `set`, `l` is `lst`), and the options show-main.ts takes, as scripts spell them.
const LINK_WORDS = ['l', 'li', 'lin', 'link'];
const SHOW_WORDS = ['sh', 'sho', 'show', 'l', 'ls', 'lst', 'li', 'lis', 'list'];
const SHOW_FLAGS = ['-j', '-json', '-p', '-pretty', '-s', '-stats', '-o', '-oneline', '-br', '-brief', '-N', '-Numeric', '-h', '-human', '-iec'];
const NETNS_OPTIONS = ['-n', '-netns'];
const HASH_LINE = /^\/\/ nlctl-bundle ([0-9a-f]{16,64})\n/;

function readOrUndefined(file: string): Buffer | undefined {
  try { return readFileSync(file); } catch { return undefined; }
}

function writable(dir: string): boolean {
  try { accessSync(dir, constants.W_OK); return true; } catch { return false; }
}

function saveCache(script: Script, cache: string): void {
  const tmp = `${cache}.${process.pid}`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cache);
  } catch {
    rmSync(tmp, { force: true }); // a full disk: the next run compiles from source again
  }
}

/**
 * Turns on V8's check of a code cache's checksum. Through process.binding('v8') rather than
 * require('node:v8'): node:v8 loads Node's heap utilities and with them the whole stream stack,
 * ~10 ms of a ~120 ms start (interleaved runs of both alone: 1.09x vs 1.01x `node -e 0`). The
 * binding warns once (DEP0111, a pending deprecation); that one warning is muted for this call.
 * A Node without the binding gets node:v8.
 */
function verifyCacheChecksums(): void {
  const FLAG = '--verify-snapshot-checksum';
  const emitWarning = process.emitWarning;
  try {
    process.emitWarning = () => {};
    const v8 = (process as unknown as { binding(name: string): { setFlagsFromString?: (flags: string) => void } }).binding('v8');
    if (typeof v8.setFlagsFromString === 'function') return v8.setFlagsFromString(FLAG);
  } catch {
    // no binding: below
  } finally {
    process.emitWarning = emitWarning;
  }
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(FLAG);
}

function compile(file: string, source: string, cache: string | undefined): { script: Script; cachedData: Buffer | undefined } | undefined {
  const cachedData = cache ? readOrUndefined(cache) : undefined;
  verifyCacheChecksums();
  try {
    // The bundle is the module wrapper itself (scripts/bundle-cli.ts): no copy of its source here.
    const script = new Script(source, {
      filename: file,
      ...(cachedData ? { cachedData } : {}),
    });
    return { script, cachedData };
  } catch (e) {
    if (e instanceof SyntaxError) return undefined; // a damaged bundle: the ES modules still work
    throw e;
  }
}

/** Runs a bundle; returns its exports, or undefined when there is no bundle or it does not compile. */
function runBundle(file: string): Record<string, unknown> | undefined {
  const source = readOrUndefined(file)?.toString('utf8');
  if (source === undefined) return undefined;
  const hash = HASH_LINE.exec(source)?.[1];
  const cache = hash ? `${file.slice(0, -'.cjs'.length)}.${hash}.cache` : undefined;
  const compiled = compile(file, source, cache);
  if (!compiled) return undefined;
  const { script, cachedData } = compiled;
  // After the command ran, so that the functions it compiled lazily are in the cache too.
  const refused = !cachedData || script.cachedDataRejected === true;
  if (cache && (process.env.NLCTL_CODE_CACHE === 'write' || (refused && writable(__dirname)))) {
    process.once('exit', () => saveCache(script, cache));
  }
  const module = { exports: {} as Record<string, unknown> };
  script.runInThisContext()(module.exports, createRequire(file), module, file, __dirname);
  return module.exports;
}

/** Whether argv is a `link show` show-main.ts takes: options from the lists above, then the words. */
function isLinkShow(argv: readonly string[]): boolean {
  let i = 0;
  for (;;) {
    if (SHOW_FLAGS.includes(argv[i]!)) i++;
    else if (NETNS_OPTIONS.includes(argv[i]!) && argv[i + 1] !== undefined) i += 2;
    else break;
  }
  return LINK_WORDS.includes(argv[i]!) && (argv[i + 1] === undefined || SHOW_WORDS.includes(argv[i + 1]!));
}

/** Runs a small bundle's entry function; false when there is none or it declined the line. */
function runSmall(file: string, entry: string, args: readonly string[]): boolean {
  const run = runBundle(file)?.[entry];
  return typeof run === 'function' && run(args) !== false;
}

const argv = process.argv.slice(2);
const small = NETNS_WORDS.includes(argv[0]!) && EXEC_WORDS.includes(argv[1]!) ? runSmall(EXEC_BUNDLE, 'runExec', argv.slice(2))
  : isLinkShow(argv) ? runSmall(SHOW_BUNDLE, 'runShow', argv)
  : false;
if (!small && !runBundle(BUNDLE)) void import('./main.js');
