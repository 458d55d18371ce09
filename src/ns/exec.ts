/**
 * Running a program inside a namespace, as `ip netns exec` does. Node cannot run code between
 * fork and exec, so a small helper (exec-helper.js, started with this Node binary) receives the
 * namespace as fd 3, sets the child up and then execvp()s the program in its own place: the
 * program's exit code or signal is the helper process's, and stdio passes straight through.
 */

import type { ChildProcess, IOType, StdioNull, StdioPipe } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../netlink/errors.js';
import { openNetns, type NetnsRef } from './ref.js';

/** Options of exec()/spawn(). */
export interface ExecOptions {
  /** The child's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** The child's working directory. */
  cwd?: string;
  /** stdin/stdout/stderr as child_process takes them (default 'inherit'). */
  stdio?: IOType | (IOType | StdioNull | StdioPipe | number)[];
}

/** How the program ended: its exit code, or the signal that killed it. */
export interface ExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The helper's path next to this file (dist/src/ns/exec-helper.js once compiled). */
export const EXEC_HELPER = fileURLToPath(new URL('./exec-helper.js', import.meta.url));

/** The /run/netns name of a reference, when it is one (only names get the /etc/netns overlay). */
function nameOf(ns: NetnsRef): string {
  if (typeof ns === 'string') return ns.includes('/') ? '' : ns;
  return 'name' in ns ? ns.name : '';
}

function checkArgv(argv: readonly string[]): void {
  if (!Array.isArray(argv) || argv.length === 0) throw new UsageError('netns exec needs a program to run');
  for (const a of argv) if (typeof a !== 'string' || a.includes('\0')) throw new UsageError(`invalid argument ${JSON.stringify(a)}`);
}

/**
 * Starts `argv` inside `ns` with a private mount namespace, /sys showing the namespace's
 * devices and /etc/netns/NAME/* bound over /etc/*; returns the child process.
 */
export function spawn(ns: NetnsRef, argv: readonly string[], opts: ExecOptions = {}): ChildProcess {
  checkArgv(argv);
  const fd = openNetns(ns);
  try {
    const base = opts.stdio ?? 'inherit';
    const stdio = Array.isArray(base) ? [...base.slice(0, 3)] : [base, base, base];
    while (stdio.length < 3) stdio.push('inherit');
    stdio.push(fd.fd); // becomes the helper's fd 3
    // Loaded on use: node:child_process brings net, dgram and streams (~10 ms), which every
    // importer of the netns module (`nlctl netns add`) would otherwise pay for.
    const { spawn: spawnChild } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    const o: Parameters<typeof spawnChild>[2] = { stdio, env: opts.env ?? process.env };
    if (opts.cwd !== undefined) o.cwd = opts.cwd;
    return spawnChild(process.execPath, [EXEC_HELPER, nameOf(ns), '--', ...argv], o);
  } finally {
    // uv_spawn has forked and duplicated the fd by the time spawn() returns.
    fd.close();
  }
}

/** Runs `argv` inside `ns` (`ip netns exec`) and resolves with its exit code or signal. */
export function exec(ns: NetnsRef, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try { child = spawn(ns, argv, opts); } catch (e) { reject(e); return; }
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}
