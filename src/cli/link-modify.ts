/** `nlctl link add/set/del`: ip's words to the link service's options. */

import type { Args } from './args.js';
import type { Cli } from './context.js';
import { CliError } from './errors.js';

/** `link add|replace ...`. */
export async function linkAdd(_cli: Cli, _args: Args, _cmd: 'add' | 'replace'): Promise<void> {
  throw new CliError('link add: the link service is not available yet', 1);
}

/** `link set ...`. */
export async function linkSet(_cli: Cli, _args: Args): Promise<void> {
  throw new CliError('link set: the link service is not available yet', 1);
}

/** `link delete ...`. */
export async function linkDel(_cli: Cli, _args: Args): Promise<void> {
  throw new CliError('link delete: the link service is not available yet', 1);
}
