/**
 * `nlctl nexthop bucket`: ip 6.1's `ip nexthop bucket { list | show | lst } [ dev DEV ] [ master
 * DEV ] [ vrf NAME ] [ id ID ] [ nhid ID ]` and `bucket get id ID index INDEX`, the buckets of
 * resilient nexthop groups (RTM_GETNEXTHOPBUCKET), word for word as ipnexthop.c reads them.
 */

import { Args, invalidArg, matches } from './args.js';
import type { Cli } from './context.js';
import { devIndex, vrfIndex } from './nh-args.js';
import { CliError, CliUsageError, kernelErrorText } from './errors.js';
import { helpText, prog } from './io.js';
import { nhBucketJson, nhBucketText } from './print/nexthop.js';
import { strtoul } from '../netlink/route/names.js';
import type { NhBucketFilter, NhMessage } from '../netlink/route/nexthop.js';

/** get_unsigned(base 0) / get_u16 with ip's invarg() message. */
function unsigned(v: string, what: string, max = 0xffffffff): number {
  const r = strtoul(v);
  if (!r || r.rest !== '' || r.value > max) throw invalidArg(v, what);
  return r.value;
}

/** Runs `nexthop bucket ...` (the words after `bucket`). */
export async function bucket(cli: Cli, args: Args, help: string): Promise<void> {
  const w = args.shift();
  if (w === undefined || matches(w, 'list') || matches(w, 'show') || matches(w, 'lst')) return list(cli, args, help);
  if (matches(w, 'get')) return get(cli, args, help);
  if (matches(w, 'help')) throw new CliUsageError(helpText('nexthop', help));
  throw new CliUsageError(`Command "${w}" is unknown, try "${prog()} nexthop help".`);
}

async function list(cli: Cli, args: Args, help: string): Promise<void> {
  const f: NhBucketFilter = {};
  if (cli.g.family === 2 || cli.g.family === 10) f.family = cli.g.family === 2 ? 'inet' : 'inet6';
  while (!args.done) {
    const w = args.shift()!;
    if (matches(w, 'dev')) f.dev = await devIndex(cli, args.value());
    else if (matches(w, 'master')) f.master = await devIndex(cli, args.value());
    else if (matches(w, 'vrf')) f.master = await vrfIndex(cli, args.value());
    else if (w === 'id') f.id = unsigned(args.value(), 'invalid id value');
    else if (w === 'nhid') f.nhid = unsigned(args.value(), 'invalid id value');
    else if (matches(w, 'help')) throw new CliUsageError(helpText('nexthop', help));
    else throw invalidArg(w, '');
  }
  const nl = await cli.nl();
  let buckets: NhMessage[];
  try {
    buckets = await nl.nexthop.buckets(f);
  } catch (e) {
    // A refused dump (`id` of a nexthop that is no group): ip prints the kernel's words and
    // 'Dump terminated' (exit 2), after the `[` it opened with -j.
    const err = e as { name?: string; errno: number; extack?: { message?: string } };
    if (err.name !== 'NetlinkError') throw e;
    if (cli.g.json) cli.print('[');
    // libnetlink's rtnl_dump_done() keeps quiet about ENOENT and EOPNOTSUPP without ext-ack text.
    const quiet = !err.extack?.message && (err.errno === 2 || err.errno === 95);
    throw new CliError(`${quiet ? '' : `${kernelErrorText(err)}\n`}Dump terminated`, 2);
  }
  print(cli, buckets);
}

async function get(cli: Cli, args: Args, help: string): Promise<void> {
  let id = 0;
  let index: number | undefined;
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'id') id = unsigned(args.value(), 'invalid id value');
    else if (w === 'index') index = unsigned(args.value(), 'invalid bucket index value', 0xffff);
    else throw new CliUsageError(helpText('nexthop', help));
  }
  if (!id || index === undefined) throw new CliUsageError(helpText('nexthop', help));
  print(cli, [await (await cli.nl()).nexthop.bucket(id, index)]);
}

function print(cli: Cli, list: NhMessage[]): void {
  if (cli.g.json) { cli.printJson(list.map(nhBucketJson)); return; }
  cli.print(list.map((n) => nhBucketText(n) + '\n').join(''));
}
