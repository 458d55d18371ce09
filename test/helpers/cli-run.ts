/** Runs the built nlctl and the ip oracle the same way, for tests that compare their output. */

import { spawnSync } from 'node:child_process';
import { CLI } from './cli.js';

/** Exit code, stdout and stderr of one run. */
export interface Run { code: number | null; out: string; err: string }

/** Runs the built `nlctl ARGS` (optionally with stdin). */
export function nlctl(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs `ip ARGS`, failures included. */
export function ipRun(args: string[]): Run {
  const r = spawnSync('ip', args, { encoding: 'utf8', timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
