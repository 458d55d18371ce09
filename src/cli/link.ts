/**
 * `nlctl link`: ip link show/add/set/del, plus the nlctl-only `link peer DEV` (a veth peer's
 * namespace and name). Words are parsed here; the work is the link service's. `show` and its
 * filter live in link-show.ts.
 */

import { duplicateArg, matches, pick, type Args } from './args.js';
import type { Cli } from './context.js';
import { CliUsageError } from './errors.js';
import { linkAdd, linkDel, linkSet } from './link-modify.js';
import { COMMANDS, help, show } from './link-show.js';
import { printPeers } from './link-peer.js';
import { helpText, io, prog } from './io.js';
import { IP_HELP } from './ip-help.js';

export { help };


/** Runs one `link` command line. */
export async function run(cli: Cli, args: Args): Promise<void> {
  const word = args.shift();
  if (word === undefined) return show(cli, args);
  const cmd = pick(word, COMMANDS);
  switch (cmd) {
    case 'add': return linkAdd(cli, args, 'add');
    case 'replace': return linkAdd(cli, args, 'replace');
    case 'set': case 'change': return linkSet(cli, args);
    case 'delete': return linkDel(cli, args);
    case 'show': case 'lst': case 'list': return show(cli, args);
    case 'afstats': return afstats(cli, args);
    case 'property': return (await import('./link-prop.js')).linkProperty(cli, args);
    case 'peer': return printPeers(cli, args);
    case 'help': return linkHelp(cli, args.shift());
    default: throw new CliUsageError(`Command "${word}" is unknown, try "${prog()} link help".`);
  }
}

/** `link help [TYPE]`: a kind's own usage on stdout (exit 0) as ip prints it, else the link usage. */
function linkHelp(cli: Cli, kind: string | undefined): void {
  const text = kind === undefined ? undefined : IP_HELP[`link ${kind}`];
  if (text === undefined) throw new CliUsageError(helpText('link', help));
  cli.print(text + '\n');
}

/**
 * `link afstats [dev DEV]`: ip prints the per-family statistics only MPLS reports (IFLA_STATS_AF_SPEC),
 * which this kernel has no module for, so there is nothing to print; the words are ip's, and so is
 * its complaint about a missing device (on stderr, exit 0).
 */
async function afstats(cli: Cli, args: Args): Promise<void> {
  let dev: string | undefined;
  while (!args.done) {
    const w = args.shift()!;
    if (w !== 'dev') {
      if (matches(w, 'help')) throw new CliUsageError(helpText('link', help));
      throw new CliUsageError(`Command "${w}" is unknown, try "${prog()} link help".`);
    }
    const v = args.value();
    if (dev !== undefined) throw duplicateArg('dev', v);
    dev = v;
  }
  if (dev !== undefined && !(await cli.links()).byName.has(dev)) io.err(`Device "${dev}" does not exist.\n`);
}

/** Pipelining in a batch: link commands change the names everything else resolves; never. */
export function pipelineKey(): undefined { return undefined; }
