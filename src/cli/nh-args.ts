/** Device words of `nexthop` and `nexthop bucket` (ipnexthop.c's ll_name_to_index and vrf checks). */

import { invalidArg } from './args.js';
import type { Cli } from './context.js';

/** The ifindex of a device named on the command line; ip's "Device does not exist" otherwise. */
export async function devIndex(cli: Cli, name: string, what = 'Device does not exist\n'): Promise<number> {
  const l = (await cli.links()).byName.get(name);
  if (!l) throw invalidArg(name, what);
  return l.header.index;
}

/** The ifindex of a VRF device named after `vrf`; ip's "Invalid VRF" for anything else. */
export async function vrfIndex(cli: Cli, name: string): Promise<number> {
  const l = (await cli.links()).byName.get(name);
  if (l?.attrs.linkinfo?.kind !== 'vrf') throw invalidArg(name, 'Invalid VRF\n');
  return l.header.index;
}
