/**
 * Runs many independent command lines through ip and nlctl at once (a few at a time): listings
 * and refused lines change nothing, so their order does not matter, and on a loaded machine a
 * file of 30 sequential nlctl start-ups can outlast tap's per-file timeout.
 */

import { spawn } from 'node:child_process';
import { CLI } from './cli.js';
import type { Run } from './cli-run.js';

function runAsync(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    p.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), 60000);
    p.on('close', (code) => { clearTimeout(timer); resolve({ code, out, err }); });
  });
}

/** For each line: [ip's run in `theirs`, nlctl's run in `ours`], at most `width` lines at a time. */
export async function compareLines(lines: readonly string[], theirs: string, ours: string, width = 6): Promise<[string, Run, Run][]> {
  const out: [string, Run, Run][] = new Array(lines.length);
  let next = 0;
  const worker = async () => {
    while (next < lines.length) {
      const i = next++;
      const words = lines[i]!.split(' ');
      const [a, b] = await Promise.all([runAsync('ip', ['-n', theirs, ...words]), runAsync(process.execPath, [CLI, '-n', ours, ...words])]);
      out[i] = [lines[i]!, a, b];
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}
