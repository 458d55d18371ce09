/** `nlctl netns`: ip netns list/add/attach/set/delete/identify/pids/exec/list-id, over src/ns. */

import { writeSync } from 'node:fs';
import { Args, invalidArg, pick, repeatedArg } from './args.js';
import { strtoul } from '../netlink/route/names.js';
import { callingThread, type Cli } from './context.js';
import { CliError, CliUsageError } from './errors.js';
import { errnoText } from '../netlink/errno.js';
import { SyscallError } from '../netlink/errors.js';
import { helpText, io, prog } from './io.js';

/** `nlctl netns help`. */
export const help = `Usage: nlctl netns list
       nlctl netns add NAME
       nlctl netns attach NAME PID
       nlctl netns set NAME NETNSID
       nlctl [-all] netns delete [NAME...]
       nlctl netns identify [PID]
       nlctl netns pids NAME
       nlctl [-all] netns exec [NAME] cmd ...
       nlctl netns list-id
       nlctl [-j] netns graph [--format tree|dot|mermaid|json]
NETNSID := auto | POSITIVE-INT`;

const COMMANDS = ['list', 'show', 'lst', 'list-id', 'add', 'attach', 'set', 'delete', 'identify', 'pids', 'exec', 'help', 'graph'] as const;

type NetnsLib = typeof import('../ns/netns.js');

// ip prints strerror() alone after its own words.
function errnoOf(e: unknown): string {
  const errno = (e as { errno?: number }).errno;
  return typeof errno === 'number' && errno !== 0 ? errnoText(Math.abs(errno)) : (e as Error)?.message ?? String(e);
}

/**
 * ip's netns commands return -1 for a missing word ("No netns name specified"), which ip turns
 * into exit 1, not the 255 of a usage error; and they read only the words they need, so
 * `ip netns del NAME (id: 0)` (a script deleting what `ip netns list` printed) deletes NAME.
 */
function one(args: Args, message = 'No netns name specified'): string {
  const v = args.shift();
  if (v === undefined) throw new CliError(message, 1);
  return v;
}

// ip's get_integer(base 0) for list-id's numbers, >= 0; ip 6.1 names argv[1] (the word after the
// value, "(null)" at the end) in the range message.
function nsidArg(args: Args, word: string): number {
  const v = args.value();
  const r = strtoul(v);
  if (!r || r.rest !== '') throw invalidArg(v, `"${word}" value is invalid`);
  if (/^\s*-/.test(v) && r.value !== 0) throw invalidArg(args.peek() ?? '(null)', `"${word}" value should be >= 0`);
  return r.value;
}

/**
 * `list-id [target-nsid N] [nsid N]`: ip 6.1's words, checked as ip checks them (any other word
 * is the netns usage). Both select in the kernel (NETNSA_TARGET_NSID, NETNSA_NSID in the dump),
 * which nlctl's nsid service does not send yet: a clear error after the words are checked.
 */
function listIdArgs(args: Args): void {
  const seen = new Set<string>();
  while (!args.done) {
    const w = args.shift()!;
    if (w !== 'target-nsid' && w !== 'nsid') throw new CliUsageError(helpText('netns', help));
    if (seen.has(w)) throw repeatedArg(w, w);
    seen.add(w);
    nsidArg(args, w);
  }
  if (seen.size) throw new CliError(`nlctl does not implement "ip netns list-id ${[...seen][0]!}".`, 255);
}

/** Runs one `netns` command line. */
export async function run(cli: Cli, args: Args): Promise<void> {
  const word = args.shift();
  const cmd = word === undefined ? 'list' : pick(word, COMMANDS);
  if (cmd === 'exec' && !cli.g.all) {
    const { execNamed } = await import('./netns-exec.js');
    const name = args.shift();
    return execNamed(name, args.rest);
  }
  await callingThread();
  const ns: NetnsLib = await import('../ns/netns.js');
  const view = cli.g.netns === undefined ? {} : { netns: cli.g.netns };
  switch (cmd) {
    case 'list': case 'show': case 'lst': {
      const list = await ns.list(view);
      if (cli.g.json) { cli.printJson(list.map((e) => (e.id === undefined ? { name: e.name } : { name: e.name, id: e.id }))); return; }
      cli.print(list.map((e) => `${e.name}${e.id === undefined ? '' : ` (id: ${e.id})`}\n`).join(''));
      return;
    }
    case 'list-id': {
      listIdArgs(args);
      const ids = await ns.listIds(view);
      if (cli.g.json) { cli.printJson(ids.map((e) => (e.name === undefined ? { nsid: e.nsid } : { nsid: e.nsid, name: e.name }))); return; }
      cli.print(ids.map((e) => `nsid ${e.nsid}${e.name === undefined ? '' : ` (iproute2 netns name: ${e.name})`}\n`).join(''));
      return;
    }
    case 'add': {
      const name = one(args);
      await ns.add(name).catch((e: unknown) => { throw new CliError(`Cannot create namespace file "/run/netns/${name}": ${errnoOf(e)}`, 1); });
      return;
    }
    case 'attach': {
      if (args.rest.length < 2) throw new CliError('No netns name and PID specified', 1);
      const name = args.shift()!;
      const pid = args.shift()!;
      if (!/^\d+$/.test(pid)) throw new CliUsageError(`Error: argument "${pid}" is wrong: Invalid "pid" value`);
      await ns.attach(name, Number(pid)).catch((e: unknown) => {
        // ip 6.1 reports a failed attach by the bind mount it tried.
        throw new CliError(`Bind /proc/${pid}/ns/net -> /run/netns/${name} failed: ${errnoOf(e)}`, 1);
      });
      return;
    }
    case 'set': {
      const name = one(args);
      const id = one(args, 'No nsid specified');
      if (id !== 'auto' && !/^\d+$/.test(id)) throw new CliUsageError(`Error: argument "${id}" is wrong: Invalid "netnsid" value`);
      await ns.setId(name, id === 'auto' ? 'auto' : Number(id), view).catch((e: unknown) => {
        // The kernel's refusals (a clash: "Peer netns already has a nsid assigned.") print as
        // kernel errors; failing to open the namespace prints as ip words it.
        if (e instanceof SyscallError) throw new CliError(`Cannot open network namespace "${name}": ${errnoOf(e)}`, 1);
        throw e;
      });
      return;
    }
    case 'delete': {
      if (cli.g.all) return deleteAll(ns);
      const name = one(args);
      await ns.del(name).catch((e: unknown) => { throw new CliError(`Cannot remove namespace file "/run/netns/${name}": ${errnoOf(e)}`, 1); });
      return;
    }
    case 'identify': {
      if (args.rest.length > 1) throw new CliError('extra arguments specified', 1);
      const pid = args.shift();
      if (pid !== undefined && !/^\d+$/.test(pid)) throw new CliError(`Specified string '${pid}' is not a pid`, 1);
      let names: string[];
      // Under -n, ip has entered that namespace first: with no pid it identifies its own, that one.
      const target = pid !== undefined ? Number(pid) : cli.g.netns ?? process.pid;
      try { names = ns.identify(target); } catch (e) {
        throw new CliError(`Cannot open network namespace: ${errnoOf(e)}`, 1);
      }
      // ip 6.1 walks /run/netns and keeps the last name that matches, printing one line at most.
      const last = names.pop(); // identify() lists in directory order; ip prints the last match
      cli.print(last === undefined ? '' : `${last}\n`);
      return;
    }
    case 'pids': {
      if (args.done) throw new CliError('No netns name specified', 1);
      if (args.rest.length > 1) throw new CliError('extra arguments specified', 1);
      const name = args.shift()!;
      let pids: number[];
      // ip 6.1 leaves the name out of this one message.
      try { pids = ns.pids(name); } catch (e) { throw new CliError(`Cannot open network namespace: ${errnoOf(e)}`, 1); }
      cli.print(pids.map((p) => `${p}\n`).join(''));
      return;
    }
    case 'exec': return execAll(ns, args.rest);
    case 'graph': {
      const { graph } = await import('./netns-graph.js');
      return graph(cli, args);
    }
    case 'help': throw new CliUsageError(helpText('netns', help));
    default: throw new CliUsageError(`Command "${word}" is unknown, try "${prog()} netns help".`);
  }
}

/**
 * `-all netns exec CMD`, as ip 6.1 runs it: in /run/netns directory order, a `\nnetns: NAME`
 * header then the program, whose failure is reported by the program alone; ip exits 0 anyway.
 */
async function execAll(ns: NetnsLib, argv: string[]): Promise<void> {
  if (!argv.length) throw new CliError('No command specified', 1);
  const { runDirNames } = await import('../ns/identity.js');
  for (const name of runDirNames()) {
    // Straight to fd 1, not the output buffer: the program writes there itself, right after.
    writeSync(1, `\nnetns: ${name}\n`);
    try { await ns.exec(name, argv); } catch (e) { io.err(`Cannot open network namespace "${name}": ${errnoOf(e)}\n`); }
  }
}

/**
 * `-all netns delete`, as ip 6.1's netns_foreach() runs it: every /run/netns entry in directory
 * order, stopping at the first that cannot be removed (reported as a single delete reports it);
 * ip exits 0 either way, and so do we.
 */
async function deleteAll(ns: NetnsLib): Promise<void> {
  const { runDirNames } = await import('../ns/identity.js');
  for (const name of runDirNames()) {
    try { await ns.del(name); } catch (e) {
      io.err(`Cannot remove namespace file "/run/netns/${name}": ${errnoOf(e)}\n`);
      return;
    }
  }
}
