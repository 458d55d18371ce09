/** `nlctl route` (being written). */
import type { Args } from './args.js';
import type { Cli } from './context.js';
import { CliError } from './errors.js';
/** Help. */
export const help = 'Usage: nlctl route';
/** Runs a command line. */
export async function run(_cli: Cli, _args: Args): Promise<void> { throw new CliError('not yet', 1); }
