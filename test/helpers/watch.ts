/** Long-running commands (monitors) under test: collect their stdout, and poll for a condition. */

import { spawn, type ChildProcess } from 'node:child_process';

/** A running command and everything it has printed so far. */
export interface Watch { child: ChildProcess; out: () => string }

/** Starts `cmd args` and collects its stdout (the caller kills it in teardown). */
export function watch(cmd: string, args: string[]): Watch {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => { out += d; });
  return { child, out: () => out };
}

/** Polls `cond` every 500 ms (calling `poke` between tries) for at most 40 s. */
export async function until(cond: () => boolean, poke: (i: number) => void, what: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (cond()) return;
    poke(i);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}
