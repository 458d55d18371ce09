/**
 * The `nlctl` command behind the entry point: ip's global options, object dispatch, -batch,
 * and ip's exit codes. Objects are loaded on demand, and koffi only once a command needs the
 * kernel.
 */

import { Args, matches } from './args.js';
import type { Cli } from './context.js';
import { CliError, CliUsageError } from './errors.js';
import { execute, failure, printing } from './execute.js';
import { parseGlobals, usage, type ParsedGlobals } from './globals.js';
import { openHandle } from './handle.js';
import { OBJECTS, SUPPORTED, type ObjectModule } from './objects.js';
import { io, prog } from './io.js';
import { didYouMean } from './suggest.js';

export { parseGlobals, type ParsedGlobals };

/** Finds the module of an object word (ip's abbreviations), or throws ip's message with a suggestion. */
export async function loadObject(word: string): Promise<ObjectModule> {
  const hit = OBJECTS.find(([name]) => matches(word, name));
  if (!hit) {
    // ip exits 1 (EXIT_FAILURE) here, not 255.
    const hint = didYouMean(word, SUPPORTED);
    throw new CliError(hint ? `Object "${word}" is unknown,${hint}` : `Object "${word}" is unknown, try "${prog()} help".`, 1);
  }
  const [name, load] = hit;
  if (name === 'help') throw new CliUsageError(usage());
  if (!load) throw new CliError(`Object "${name}" is not supported by nlctl, try "${prog()} help".`, 1);
  return load();
}

/** Runs one command line (object + words) within a session; output is left in `cli`. */
export async function runCommand(cli: Cli, words: readonly string[]): Promise<void> {
  const [obj, ...rest] = words;
  if (obj === undefined) throw new CliUsageError(usage());
  const mod = await loadObject(obj);
  await mod.run(cli, new Args(rest));
}

/** Runs nlctl with `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let p: ParsedGlobals;
  try {
    p = parseGlobals(argv);
    if (p.version) {
      io.out(`${prog()} utility, nlctl-0.1.0 (pure TypeScript rtnetlink)\n`);
      return 0;
    }
    if (p.help) throw new CliUsageError(usage());
  } catch (e) {
    return failure(e);
  }
  return execute(p, async (session) => {
    if (p.batch !== undefined) {
      const { runBatch } = await import('./batch.js');
      return runBatch(session, p.batch);
    }
    if (!p.rest.length) throw new CliUsageError(usage());
    return printing(session, (cli) => runCommand(cli, p.rest));
  }, openHandle);
}
