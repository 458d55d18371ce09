/**
 * The command switch shared by `address`, `route` and `neigh`: no word shows, a change command
 * (add/change/replace/delete, and route's append/prepend) modifies, then show, get, flush, help.
 */

import { pick, type Args } from './args.js';
import type { Cli } from './context.js';
import { CliUsageError } from './errors.js';
import { helpText, prog } from './io.js';

/** One object's commands and handlers. */
export interface ObjectCommands<M extends string> {
  /** The object word in messages ('address'). */
  object: string;
  /** Command words in ip's abbreviation order. */
  commands: readonly string[];
  /** The commands that change state (handled by `modify`). */
  modify: readonly M[];
  help: string;
  modifyCmd(cli: Cli, args: Args, cmd: M): Promise<void>;
  show(cli: Cli, args: Args): Promise<void>;
  flush(cli: Cli, args: Args): Promise<void>;
  get?(cli: Cli, args: Args): Promise<void>;
}

/** Runs one command line of an object. */
export async function dispatch<M extends string>(o: ObjectCommands<M>, cli: Cli, args: Args): Promise<void> {
  const word = args.shift();
  if (word === undefined) return o.show(cli, args);
  const cmd = word === 'chg' ? 'change' : pick(word, o.commands);
  if (cmd !== undefined && (o.modify as readonly string[]).includes(cmd)) return o.modifyCmd(cli, args, cmd as M);
  switch (cmd) {
    case 'list': case 'show': case 'lst': return o.show(cli, args);
    case 'get': if (o.get) return o.get(cli, args); break;
    case 'flush': return o.flush(cli, args);
    case 'help': throw new CliUsageError(helpText(o.object, o.help));
    default: break;
  }
  throw new CliUsageError(`Command "${word}" is unknown, try "${prog()} ${o.object} help".`);
}
