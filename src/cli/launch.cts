#!/usr/bin/env node
/**
 * The `nlctl` executable: runs the CLI from one bundled CommonJS file compiled with V8's code cache.
 *
 * Why not just `main.js`: on Node 20 the ESM loader spends ~40 ms resolving, reading and
 * compiling the ~40 modules a command touches, more than half of a cold start. The build
 * (scripts/bundle-cli.ts) bundles those modules into `nlctl.bundle.cjs` and records V8's code
 * cache after a `link show`, so a start-up here deserializes compiled code instead of parsing
 * it. The cache is only an accelerator: V8 refuses one made by another node or V8 flags, and
 * then this run compiles from source and, where the directory is writable, leaves a fresh cache
 * for the next (written to a temporary name and renamed, so concurrent runs never read half a
 * file). Without a bundle (a plain `tsc` build) the ESM entry point runs instead.
 */

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const BUNDLE = join(__dirname, 'nlctl.bundle.cjs');
const CACHE = `${BUNDLE}.cache`;

function readOrUndefined(file: string): Buffer | undefined {
  try { return readFileSync(file); } catch { return undefined; }
}

function saveCache(script: Script): void {
  const tmp = `${CACHE}.${process.pid}`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, CACHE);
  } catch { /* read-only install: the next run compiles from source again */ }
}

function runBundle(source: string): void {
  const cachedData = readOrUndefined(CACHE);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  // After the command ran, so that the functions it compiled lazily are in the cache too.
  if (process.env.NLCTL_CODE_CACHE === 'write' || !cachedData || script.cachedDataRejected) {
    process.once('exit', () => saveCache(script));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, __dirname);
}

const source = readOrUndefined(BUNDLE);
if (source) runBundle(source.toString('utf8'));
else void import('./main.js');
