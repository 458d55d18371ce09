/**
 * One nlctl run after its options were parsed, for every entry point: the session, the output
 * written when the command ends (also when it failed part-way), ip's exit code and error text,
 * and the session closed.
 */

import { Cli, Session, type HandleOpener } from './context.js';
import { describeFailure } from './errors.js';
import type { ParsedGlobals } from './globals.js';
import { io } from './io.js';
import { enableColor } from './print/color.js';
import { numeric } from './print/numeric.js';

/** Prints a failure as ip would; returns its exit code. */
export function failure(e: unknown): number {
  const f = describeFailure(e);
  if (f.text) io.err(f.text + '\n');
  return f.exitCode;
}

/** Runs `body` in a session made from the parsed options; returns the exit code. */
export async function execute(p: ParsedGlobals, body: (session: Session) => Promise<number>, opener?: HandleOpener): Promise<number> {
  let session: Session | undefined;
  try {
    if (p.color) enableColor(p.color, p.g.json, process.stdout.isTTY === true);
    numeric.on = p.g.numeric === true;
    session = new Session(p.g, opener);
    return await body(session);
  } catch (e) {
    return failure(e);
  } finally {
    await session?.close();
  }
}

/** Runs one command in `session`, its output written when it ends; returns 0 (a failure throws). */
export async function printing(session: Session, command: (cli: Cli) => Promise<void>): Promise<number> {
  const cli = new Cli(session);
  try {
    await command(cli);
  } finally {
    const out = cli.take();
    if (out) io.out(out);
  }
  return 0;
}
