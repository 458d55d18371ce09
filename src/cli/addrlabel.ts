/** `nlctl addrlabel`: ip addrlabel add/del/list/flush, word for word as ip 6.1's ipaddrlabel.c reads them. */

import { Args, invalidArg, matches } from './args.js';
import { helpText, prog } from './io.js';
import type { Cli } from './context.js';
import { CliError, CliUsageError } from './errors.js';
import { ipPrefix, prefixText } from './inet-args.js';
import { addrlabelEntry } from './print/addrlabel.js';
import { strtoul } from '../netlink/route/names.js';

/** `nlctl addrlabel help`. */
export const help = `Usage: nlctl addrlabel { add | del } prefix PREFIX [ dev DEV ] [ label LABEL ]
       nlctl addrlabel [ list | flush | help ]`;

/** Runs one `addrlabel` command line (ip's do_ipaddrlabel order). */
export async function run(cli: Cli, args: Args): Promise<void> {
  const w = args.shift();
  if (w === undefined || matches(w, 'list') || matches(w, 'lst') || matches(w, 'show')) return list(cli, args);
  if (matches(w, 'add')) return modify(cli, args, 'add');
  if (matches(w, 'delete')) return modify(cli, args, 'del');
  if (matches(w, 'flush')) return flush(cli, args);
  if (matches(w, 'help')) throw new CliUsageError(helpText('addrlabel', help));
  throw new CliUsageError(`Command "${w}" is unknown, try "${prog()} addrlabel help".`);
}

async function modify(cli: Cli, args: Args, cmd: 'add' | 'del'): Promise<void> {
  const family = cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0;
  let prefix: string | undefined;
  let label: number | undefined;
  let index = 0;
  // ip skips words it does not know.
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'prefix') { const v = args.value(); prefix = prefixText(ipPrefix({ family }, v), v); }
    else if (w === 'dev') {
      const v = args.value();
      const l = (await cli.links()).byName.get(v);
      if (!l) throw invalidArg(v, 'dev is invalid\n');
      index = l.header.index;
    } else if (w === 'label') {
      const v = args.value();
      const r = strtoul(v);
      if (!r || r.rest !== '' || r.value >= 0xffffffff) throw invalidArg(v, 'label is invalid\n');
      label = r.value;
    }
  }
  // ip returns -1 here, which its main turns into exit 1.
  if (prefix === undefined) throw new CliError('Not enough information: "prefix" argument is required.', 1);
  if (label === undefined) throw new CliError('Not enough information: "label" argument is required.', 1);
  if (['default', 'all', 'any'].includes(prefix)) prefix = family === 2 ? '0.0.0.0/0' : '::/0';
  const nl = await cli.nl();
  await nl.addrlabel[cmd]({ prefix, label, ...(index ? { dev: index } : {}) });
}

async function list(cli: Cli, args: Args): Promise<void> {
  if (!args.done) throw new CliError('"ip addrlabel show" does not take any arguments.', 1);
  const [nl, idx] = await Promise.all([cli.nl(), cli.links()]);
  const out = (await nl.addrlabel.list()).map((l) => addrlabelEntry(l, idx.name));
  if (cli.g.json) { cli.printJson(out.map((e) => e.json)); return; }
  cli.print(out.map((e) => `${e.text}\n`).join(''));
}

async function flush(cli: Cli, args: Args): Promise<void> {
  if (!args.done) throw new CliError('"ip addrlabel flush" does not allow extra arguments', 1);
  const nl = await cli.nl();
  await nl.addrlabel.flush();
}
