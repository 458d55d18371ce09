/**
 * `nlctl netconf`: ip netconf show [dev NAME], as ip 6.1's ipnetconf.c does it: a dump of every
 * family's per-device IP configuration (forwarding, rp_filter, ...), or with -4/-6 and a device
 * one RTM_GETNETCONF request, whose answer ip prints as text even with -j.
 */

import { Args, matches } from './args.js';
import { helpText, prog } from './io.js';
import type { Cli } from './context.js';
import { CliError, CliUsageError } from './errors.js';
import { netconfEvent, type NetconfMessage } from './print/netconf.js';
import { RTM_GETNETCONF } from '../netlink/route/constants.js';

/** `nlctl netconf help`. */
export const help = 'Usage: nlctl netconf show [ dev STRING ]';

/** Runs one `netconf` command line. */
export async function run(cli: Cli, args: Args): Promise<void> {
  const w = args.shift();
  if (w === undefined || matches(w, 'show') || matches(w, 'lst') || matches(w, 'list')) return show(cli, args);
  if (matches(w, 'help')) throw new CliUsageError(helpText('netconf', help));
  throw new CliUsageError(`Command "${w}" is unknown, try "${prog()} netconf help".`);
}

async function show(cli: Cli, args: Args): Promise<void> {
  let ifindex = 0;
  // ip reads `dev NAME` and steps over every other word without a look.
  while (!args.done) {
    const w = args.shift()!;
    if (w !== 'dev') continue;
    const name = args.value();
    const l = (await cli.links()).byName.get(name);
    if (!l) throw new CliError(`Device "${name}" does not exist.`, 1);
    ifindex = l.header.index;
  }
  const family = cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0;
  const [nl, idx] = await Promise.all([cli.nl(), cli.links()]);
  const { netconfBody } = await import('../netlink/route/netconf.js');
  if (ifindex && family) {
    const r = await nl.request<NetconfMessage>({ type: RTM_GETNETCONF, codec: netconfBody, op: 'netconf.get', body: { header: { family }, attrs: { ifindex } } })
      .catch(() => ({ messages: [] })); // ip's listener stops at the error without a word
    for (const m of r.messages) cli.print(`${netconfEvent(m.body, idx.name, false).text}\n`);
    return;
  }
  const msgs = await nl.dumpAll<NetconfMessage>({ type: RTM_GETNETCONF, codec: netconfBody, op: 'netconf.list', body: { header: { family }, attrs: {} } }, { retries: 3 });
  const list = msgs.map((m) => m.body).filter((m) => (!family || m.header.family === family) && (!ifindex || m.attrs.ifindex === ifindex));
  const out = list.map((m) => netconfEvent(m, idx.name, false));
  if (cli.g.json) { cli.printJson(out.map((e) => e.json)); return; }
  cli.print(out.map((e) => `${e.text}\n`).join(''));
}
