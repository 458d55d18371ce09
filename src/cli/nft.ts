/**
 * `nlctl nft`: nft's command line for what nlctl supports, over NETLINK_NETFILTER with no nft
 * binary. Options: -j (JSON as nft -j prints it), -a (handles), -f FILE (a file applied as one
 * transaction, as nft -f does). Commands come as separate words or as one quoted string; all
 * changes of one invocation go to the kernel as one batch. `nlctl -n NS nft ...` acts in NS.
 */

import { readFileSync } from 'node:fs';
import type { Args } from './args.js';
import { callingThread, type Cli } from './context.js';
import { CliError, CliUsageError } from './errors.js';
import { errnoText } from '../netlink/errno.js';
import { parse, type ListRequest, type Statement } from './nft-parse.js';
import type { NftCommand } from '../nft/commands.js';

/** `nlctl nft help`. */
export const help = `Usage: nlctl [ -n NETNS ] nft [ -j ] [ -a ] { -f FILE | COMMANDS }
COMMANDS := COMMAND [ ; COMMAND ]...   (separate words, or one quoted string)
COMMAND := { add | create } table [ FAMILY ] TABLE [ { chain ... } ]
         | { delete | flush } table [ FAMILY ] TABLE
         | { add | create } chain [ FAMILY ] TABLE CHAIN [ { type TYPE hook HOOK priority PRIO ; [ policy { accept | drop } ; ] } ]
         | { delete | flush } chain [ FAMILY ] TABLE CHAIN
         | { add | insert } rule [ FAMILY ] TABLE CHAIN [ position HANDLE ] EXPR...
         | delete rule [ FAMILY ] TABLE CHAIN handle HANDLE
         | flush ruleset [ FAMILY ]
         | list { ruleset [ FAMILY ] | tables | table [ FAMILY ] TABLE | chain [ FAMILY ] TABLE CHAIN }
FAMILY := { ip | ip6 | inet | arp | bridge | netdev }
EXPR := { ip | ip6 } { saddr | daddr } [ != ] ADDR[/LEN] | { iifname | oifname } [ != ] NAME
      | meta { l4proto PROTO | nfproto { ipv4 | ipv6 } } | { tcp | udp } { sport | dport } [ != ] PORT
      | ct state STATE[,STATE]... | counter | accept | drop | return | continue | jump CHAIN | goto CHAIN
      | masquerade | { snat | dnat } to ADDR[:PORT]`;

interface Opts { json: boolean; handles: boolean; file?: string }

function options(args: Args): { opts: Opts; words: string[] } {
  const opts: Opts = { json: false, handles: false };
  const words = args.rest;
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-j' || w === '--json') opts.json = true;
    else if (w === '-a' || w === '--handle') opts.handles = true;
    else if (w === '-f' || w === '--file') {
      opts.file = words[++i];
      if (opts.file === undefined) throw new CliUsageError('Error: -f needs a file name');
    } else if (/^-[ja]+$/.test(w)) { opts.json ||= w.includes('j'); opts.handles ||= w.includes('a'); }
    else if (w.startsWith('-') && !/^-\d/.test(w)) throw new CliUsageError(`Error: option ${w}: not supported by nlctl nft (-j, -a, -f FILE)`);
    else break;
  }
  return { opts, words: words.slice(i) };
}

/** Runs one `nlctl nft` invocation. */
export async function run(cli: Cli, args: Args): Promise<void> {
  const { opts, words } = options(args);
  if (words[0] === 'help' || (!opts.file && !words.length)) throw new CliUsageError(help);
  let src: string;
  if (opts.file) {
    try { src = readFileSync(opts.file === '-' ? 0 : opts.file, 'utf8'); } catch (e) { throw new CliError(`Error: Could not open file "${opts.file}": ${(e as Error).message}`, 1); }
  } else src = words.join(' ');
  const statements = parse(src);
  const changes = statements.flatMap((s) => ('cmd' in s ? [s.cmd] : []));
  const lists = statements.filter((s): s is ListRequest => 'list' in s);
  await callingThread();
  const { Nft } = await import('../nft/nft.js');
  const nft = await Nft.open(cli.g.netns === undefined ? {} : { netns: cli.g.netns });
  try {
    if (changes.length) await applyOrExplain(nft, changes);
    for (const l of lists) await list(cli, nft, l, opts);
  } finally {
    await nft.close();
  }
}

async function applyOrExplain(nft: import('../nft/nft.js').Nft, changes: NftCommand[]): Promise<void> {
  try {
    await nft.apply(changes);
  } catch (e) {
    const err = e as { name?: string; errno?: number; message?: string };
    if (err.name === 'NetlinkError') throw new CliError(`Error: Could not process rule: ${errnoText(err.errno!)}\n${err.message}`, 1);
    if (err.name === 'UsageError') throw new CliError(`Error: ${err.message}`, 1);
    throw e;
  }
}

async function list(cli: Cli, nft: import('../nft/nft.js').Nft, l: ListRequest, opts: Opts): Promise<void> {
  const text = await import('../nft/text.js');
  const filter = { ...(l.family ? { family: l.family } : {}), ...(l.table ? { table: l.table } : {}) };
  const rs = await nft.ruleset(filter);
  if (l.table && !rs.tables.length) throw new CliError(`Error: No such file or directory\nlist table ${l.family} ${l.table}: table not found${cli.g.netns ? ` in netns ${cli.g.netns}` : ''}`, 1);
  if (l.list === 'tables') {
    if (opts.json) cli.print(text.nftJsonText({ nftables: [{ metainfo: text.METAINFO }, ...rs.tables.map((t) => ({ table: { family: t.family, name: t.name, handle: t.handle } }))] }) + '\n');
    else cli.print(rs.tables.map((t) => `table ${t.family} ${t.name}\n`).join(''));
    return;
  }
  if (l.list === 'chain') {
    const c = rs.chains.find((x) => x.name === l.chain);
    if (!c) throw new CliError(`Error: No such file or directory\nlist chain ${l.family} ${l.table} ${l.chain}: chain not found${cli.g.netns ? ` in netns ${cli.g.netns}` : ''}`, 1);
    const rules = rs.rules.filter((r) => r.chain === c.name);
    if (opts.json) cli.print(text.nftJsonText(text.rulesetJson({ tables: rs.tables, chains: [c], rules }, false)) + '\n');
    else cli.print(text.formatChain(rs.tables[0]!, c, rules, { handles: opts.handles }));
    return;
  }
  if (opts.json) cli.print(text.nftJsonText(text.rulesetJson(rs)) + '\n');
  else cli.print(text.formatRuleset(rs, { handles: opts.handles }));
}

/** Statements of a line, for tests. */
export function statementsOf(line: string): Statement[] {
  return parse(line);
}
