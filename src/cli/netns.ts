/** `nlctl netns`: ip netns list/add/attach/set/delete/identify/pids/exec/list-id, over src/ns. */

import { writeSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { Args, pick } from './args.js';
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

function one(args: Args, what = 'NAME'): string {
  const v = args.shift();
  if (v === undefined) throw new CliUsageError(`No netns name specified`.replace('name', what === 'NAME' ? 'name' : what));
  return v;
}

/** Runs one `netns` command line. */
export async function run(cli: Cli, args: Args): Promise<void> {
  const word = args.shift();
  const cmd = word === undefined ? 'list' : pick(word, COMMANDS);
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
      const name = one(args);
      const pid = args.shift();
      if (pid === undefined || !/^\d+$/.test(pid)) throw new CliUsageError('No pid specified');
      await ns.attach(name, Number(pid)).catch((e: unknown) => {
        // ip 6.1 reports a failed attach by the bind mount it tried.
        throw new CliError(`Bind /proc/${pid}/ns/net -> /run/netns/${name} failed: ${errnoOf(e)}`, 1);
      });
      return;
    }
    case 'set': {
      const name = one(args);
      const id = args.shift();
      if (id === undefined) throw new CliUsageError('No nsid specified');
      if (id !== 'auto' && !/^\d+$/.test(id)) throw new CliUsageError(`Invalid "netnsid" value`);
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
      if (args.done) throw new CliUsageError('No netns name specified');
      for (const name of args.rest) {
        await ns.del(name).catch((e: unknown) => { throw new CliError(`Cannot remove namespace file "/run/netns/${name}": ${errnoOf(e)}`, 1); });
      }
      return;
    }
    case 'identify': {
      const pid = args.shift();
      if (pid !== undefined && !/^\d+$/.test(pid)) throw new CliUsageError(`Invalid pid "${pid}"`);
      let names: string[];
      try { names = ns.identify(pid === undefined ? process.pid : Number(pid)); } catch (e) {
        throw new CliError(`Cannot open network namespace: ${errnoOf(e)}`, 1);
      }
      // ip 6.1 walks /run/netns and keeps the last name that matches, printing one line at most.
      const last = names.pop(); // identify() lists in directory order; ip prints the last match
      cli.print(last === undefined ? '' : `${last}\n`);
      return;
    }
    case 'pids': {
      const name = one(args);
      let pids: number[];
      // ip 6.1 leaves the name out of this one message.
      try { pids = ns.pids(name); } catch (e) { throw new CliError(`Cannot open network namespace: ${errnoOf(e)}`, 1); }
      cli.print(pids.map((p) => `${p}\n`).join(''));
      return;
    }
    case 'exec': {
      // ip exits 1, not 255, for a missing name or command here.
      if (cli.g.all) return execAll(ns, args.rest);
      if (args.done) throw new CliError('No netns name specified', 1);
      const name = args.shift()!;
      const argv = args.rest;
      if (!argv.length) throw new CliError('No command specified', 1);
      let r;
      try { r = await ns.exec(name, argv); } catch (e) { throw new CliError(`Cannot open network namespace "${name}": ${errnoOf(e)}`, 255); }
      // The program's exit status is ours, as with ip netns exec.
      // ip execs in place, so a signal ends ip itself; a shell sees that as 128+N, which is what we exit with.
      if (r.code !== 0) throw new CliError('', r.code ?? 128 + (r.signal ? osConstants.signals[r.signal] ?? 9 : 9));
      return;
    }
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
