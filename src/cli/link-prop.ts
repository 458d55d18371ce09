/**
 * `link property add|del dev DEV altname NAME...`: alternative interface names, as ip 6.1's
 * iplink_prop_mod() sends them: one RTM_NEWLINKPROP (NLM_F_CREATE|EXCL|APPEND) or RTM_DELLINKPROP
 * with the names in an IFLA_PROP_LIST nest. Names then resolve everywhere a device does.
 */

import { Args, duplicateArg, invalidArg, matches } from './args.js';
import type { Cli } from './context.js';
import { CliUsageError } from './errors.js';
import { helpText } from './io.js';
import { help } from './link-show.js';
import { RTM_DELLINKPROP, RTM_NEWLINKPROP } from '../netlink/route/constants.js';

const NLM_F_EXCL = 0x200;
const NLM_F_CREATE = 0x400;
const NLM_F_APPEND = 0x800;
const ALTIFNAMSIZ = 128;

// iproute2's check_altifname(): 1-127 bytes, not '.' or '..', no '/', ':' or whitespace.
function validAltname(v: string): boolean {
  return v.length > 0 && Buffer.byteLength(v) < ALTIFNAMSIZ && v !== '.' && v !== '..' && !/[/:\s]/.test(v);
}

/** Runs `link property ...`. */
export async function linkProperty(cli: Cli, args: Args): Promise<void> {
  const op = args.shift();
  if (op === undefined) throw new CliUsageError(helpText('link', help));
  let type: number;
  let flags = 0;
  if (matches(op, 'add')) { type = RTM_NEWLINKPROP; flags = NLM_F_CREATE | NLM_F_EXCL | NLM_F_APPEND; }
  else if (matches(op, 'del')) type = RTM_DELLINKPROP;
  else if (op === 'help') throw new CliUsageError(helpText('link', help));
  else throw new CliUsageError('Operator required'); // ip 6.1 then exits without its usage text
  const names: string[] = [];
  let dev: string | undefined;
  while (!args.done) {
    const w = args.shift()!;
    if (matches(w, 'altname')) {
      const v = args.value();
      if (!validAltname(v)) throw invalidArg(v, 'not a valid altname');
      names.push(v);
    } else if (matches(w, 'help')) throw new CliUsageError(helpText('link', help));
    else {
      const d = w === 'dev' ? args.value() : w;
      if (dev !== undefined) throw duplicateArg('dev', d);
      if (!validAltname(d)) throw invalidArg(d, '"dev" not a valid ifname');
      dev = d;
    }
  }
  if (dev === undefined) throw new CliUsageError('Not enough of information: "dev" argument is required.');
  const index = await cli.ifindex(dev);
  const [nl, { linkBody }] = await Promise.all([cli.nl(), import('../netlink/route/link-attrs.js')]);
  const header = { family: cli.g.family, type: 0, index, flags: 0, change: 0 };
  try {
    await nl.request({ type, flags, codec: linkBody, op: `link.property ${dev}`, body: { header, attrs: { prop_list: { alt_ifname: names } } } });
  } finally {
    cli.session.invalidate();
  }
}
