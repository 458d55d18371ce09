/**
 * The entry point the launcher (launch.cts) runs instead of the whole CLI for `nlctl [OPTIONS]
 * link [show|list|lst] [FILTER]`, the command scripts and people run most (issue 13's `-n NS link
 * show` start-up target): a bundle of its own (nlctl-show.bundle.cjs) with the options parser, the
 * link table, the printer and a bare socket, where the CLI bundle carries every object, service
 * and kind, three times the source to read and deserialize at every start.
 *
 * The same modules run as under main.ts (globals.ts, execute.ts, link-show.ts, context.ts), so
 * the output, errors and exit codes are the CLI's. What needs more than this bundle is declined
 * (runShow returns false and the launcher runs the CLI bundle): -d (the kinds' tables), -peer
 * (a peer in another namespace needs the client), -batch, -V, -help, -color, -all. The launcher
 * recognises the plain spellings only, so a declined line costs nothing in practice.
 */

import { Args, matches, pick } from './args.js';
import { execute, printing } from './execute.js';
import { parseGlobals, type ParsedGlobals } from './globals.js';
import { io, progFromPath } from './io.js';
import { COMMANDS, show } from './link-show.js';
import { rawArgv } from './raw-argv.js';

/** Whether this entry point runs `p` exactly as the whole CLI would; the words after `link` when it does. */
function showWords(p: ParsedGlobals): string[] | undefined {
  if (p.batch !== undefined || p.version || p.help || p.color || p.g.details || p.g.peer || p.g.all) return undefined;
  const [obj, cmd, ...rest] = p.rest;
  // `l`..`link`: no object before `link` in ip's order starts with an l (objects.ts).
  if (!matches(obj, 'link')) return undefined;
  if (cmd === undefined) return [];
  const c = pick(cmd, COMMANDS);
  return c === 'show' || c === 'list' || c === 'lst' ? rest : undefined;
}

/** Runs the command line when it is `link show`'s (argv without node and script); false when the CLI must. */
export function runShow(argv: readonly string[]): boolean {
  let p: ParsedGlobals;
  try {
    p = parseGlobals(rawArgv(argv));
  } catch {
    return false; // the CLI words the error
  }
  const words = showWords(p);
  if (words === undefined) return false;
  io.prog = progFromPath(process.argv[1]);
  void execute(p, (session) => printing(session, (cli) => show(cli, new Args(words))))
    .then((code) => { process.exitCode = code; });
  return true;
}
