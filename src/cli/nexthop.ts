/** `nlctl nexthop`: ip nexthop add/replace/del/show/get/flush, word for word as ip 6.1's ipnexthop.c reads them. */

import { Args, invalidArg, matches } from './args.js';
import { helpText, io, prog } from './io.js';
import type { Cli } from './context.js';
import { devIndex, vrfIndex } from './nh-args.js';
import { CliError, CliUsageError } from './errors.js';
import { ipAddress } from './inet-args.js';
import { nhJson, nhText } from './print/nexthop.js';
import type { JsonValue } from './print/json.js';
import { protocols, strtoul } from '../netlink/route/names.js';
// Static: constants.js is in every command's closure anyway, and a dynamic import of it would make
// the CLI bundle build a namespace object of its ~900 exports at every start (~5 ms).
import { RTM_GETNEXTHOP } from '../netlink/route/constants.js';
import type { NhCommand, NhMessage, NhOptions } from '../netlink/route/nexthop.js';

/** `nlctl nexthop help` (ip 6.1's usage without encap, which nlctl does not implement). */
export const help = `Usage: nlctl nexthop { list | flush } [ protocol ID ] SELECTOR
       nlctl nexthop { add | replace } id ID NH [ protocol ID ]
       nlctl nexthop { get | del } id ID
       nlctl nexthop bucket list BUCKET_SELECTOR
       nlctl nexthop bucket get id ID index INDEX
SELECTOR := [ id ID ] [ dev DEV ] [ vrf NAME ] [ master DEV ]
            [ groups ] [ fdb ]
BUCKET_SELECTOR := SELECTOR | [ nhid ID ]
NH := { blackhole | [ via ADDRESS ] [ dev DEV ] [ onlink ] |
        group GROUP [ fdb ] [ type TYPE [ TYPE_ARGS ] ] }
GROUP := [ <id[,weight]>/<id[,weight]>/... ]
TYPE := { mpath | resilient }
TYPE_ARGS := [ RESILIENT_ARGS ]
RESILIENT_ARGS := [ buckets BUCKETS ] [ idle_timer IDLE ]
                  [ unbalanced_timer UNBALANCED ]`;

/** Runs one `nexthop` command line (ip's do_ipnh order: add, replace, delete, list/show/lst, get, flush, bucket, help). */
export async function run(cli: Cli, args: Args): Promise<void> {
  const w = args.shift();
  if (w === undefined) return list(cli, args, false);
  if (matches(w, 'add')) return modify(cli, args, 'add');
  if (matches(w, 'replace')) return modify(cli, args, 'replace');
  if (matches(w, 'delete')) return modify(cli, args, 'del');
  if (matches(w, 'list') || matches(w, 'show') || matches(w, 'lst')) return list(cli, args, false);
  if (matches(w, 'get')) return get(cli, args);
  if (matches(w, 'flush')) return list(cli, args, true);
  if (matches(w, 'bucket')) return (await import('./nexthop-bucket.js')).bucket(cli, args, help);
  if (matches(w, 'help')) throw new CliUsageError(helpText('nexthop', help));
  throw new CliUsageError(`Command "${w}" is unknown, try "${prog()} nexthop help".`);
}

/** Nexthop changes of one kind may be pipelined in a batch. */
export function pipelineKey(words: readonly string[]): string | undefined {
  const w = words[0];
  if (w === undefined) return undefined;
  return matches(w, 'add') ? 'nexthop add' : matches(w, 'replace') ? 'nexthop replace' : matches(w, 'delete') ? 'nexthop del' : undefined;
}

/** get_unsigned(base 0) with ip's invarg() message. */
function unsigned(v: string, what: string, max = 0xffffffff): number {
  const r = strtoul(v);
  if (!r || r.rest !== '' || r.value > max) throw invalidArg(v, what);
  return r.value;
}

/** ip's add_nh_group_attr(): `ID[,WEIGHT]/...`. */
function group(v: string): NonNullable<NhOptions['group']> {
  // ip cuts its argv at each separator as it parses, so its message shows the word up to the first one.
  const bad = () => invalidArg(v.split(/[/,]/)[0]!, '"group" value is invalid\n');
  if (v === '') throw bad();
  return v.split('/').map((part) => {
    const comma = part.indexOf(',');
    const id = strtoul(comma < 0 ? part : part.slice(0, comma));
    if (!id || id.rest !== '' || id.value > 0xffffffff) throw bad();
    if (comma < 0) return { id: id.value };
    const ws = part.slice(comma + 1);
    const w = strtoul(ws);
    if (!w || w.rest !== '' || w.value === 0 || w.value > 256) throw invalidArg(ws, '"weight" is invalid\n');
    return { id: id.value, weight: w.value };
  });
}

// ip's read_family() words for `via FAMILY ADDR`.
const FAMILIES: Record<string, number> = { inet: 2, inet6: 10 };

/** The resilient group words after `type resilient` (ip's parse_nh_group_type_res). */
function resilient(args: Args, o: NhOptions): void {
  if (args.done) return; // nothing follows: ip sends no NHA_RES_GROUP nest at all
  const r: NonNullable<NhOptions['resilient']> = {};
  o.resilient = r;
  for (;;) {
    const w = args.peek();
    if (w === 'buckets') { args.shift(); const v = args.value(); r.buckets = unsigned(v, 'invalid buckets value', 0xffff); }
    else if (w === 'idle_timer') { args.shift(); const v = args.value(); r.idleTimer = unsigned(v, 'invalid idle timer value', Math.floor(0xffffffff / 100) - 1); }
    else if (w === 'unbalanced_timer') { args.shift(); const v = args.value(); r.unbalancedTimer = unsigned(v, 'invalid unbalanced timer value', Math.floor(0xffffffff / 100) - 1); }
    else return;
  }
}

/** Parses `nexthop add|replace|del ...` words; `family` follows ip: -4/-6, then dev/blackhole (inet) or the first gateway. */
async function parseModify(cli: Cli, args: Args): Promise<NhOptions> {
  const o: NhOptions = {};
  let family = cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0;
  while (!args.done) {
    const w = args.shift()!;
    if (w === 'id') o.id = unsigned(args.value(), 'invalid id value');
    else if (w === 'dev') { o.dev = await devIndex(cli, args.value()); family ||= 2; }
    else if (w === 'via') {
      let v = args.value();
      let fam = family;
      if (v in FAMILIES) { fam = FAMILIES[v]!; v = args.value(); }
      const a = ipAddress({ family: fam }, v);
      if (!family) family = a.family;
      else if (family !== a.family) throw invalidArg(v, 'address family mismatch\n');
      o.via = a.address;
    } else if (w === 'encap') throw new CliError('nlctl does not implement nexthop "encap".', 255);
    else if (w === 'blackhole') { o.blackhole = true; family ||= 2; }
    else if (w === 'fdb') o.fdb = true;
    else if (w === 'onlink') o.onlink = true;
    else if (w === 'group') o.group = group(args.value());
    else if (w === 'type') {
      const v = args.value();
      if (v !== 'mpath' && v !== 'resilient') throw invalidArg(v, '"type" value is invalid\n');
      o.groupType = v;
      if (v === 'resilient') resilient(args, o);
    } else if (matches(w, 'protocol')) {
      const v = args.value();
      if (protocols.lookup(v) === undefined) throw invalidArg(v, '"protocol" value is invalid\n');
      o.protocol = v;
    } else if (w === 'help') throw new CliUsageError(helpText('nexthop', help));
    else throw invalidArg(w, '');
  }
  if (family) o.family = family === 10 ? 'inet6' : 'inet';
  return o;
}

async function modify(cli: Cli, args: Args, cmd: NhCommand): Promise<void> {
  const o = await parseModify(cli, args);
  const nl = await cli.nl();
  const { nhMessage, nhBody } = await import('../netlink/route/nexthop.js');
  // Straight to the socket: ip sends a delete without an id too, and the kernel words the refusal.
  await nl.request({ ...nhMessage(cmd, o, (d) => d as number), codec: nhBody });
}

function print(cli: Cli, list: NhMessage[], name: (i: number) => string): void {
  const o = { name, details: cli.g.details };
  if (cli.g.json) { cli.printJson(list.map((n) => nhJson(n, o))); return; }
  cli.print(list.map((n) => nhText(n, o) + '\n').join(''));
}

async function showId(cli: Cli, id: number): Promise<void> {
  const [nl, idx] = await Promise.all([cli.nl(), cli.links()]);
  print(cli, [await nl.nexthop.get(id)], idx.name);
}

async function get(cli: Cli, args: Args): Promise<void> {
  let id = 0;
  while (!args.done) {
    if (args.shift() !== 'id') throw new CliUsageError(helpText('nexthop', help));
    id = unsigned(args.value(), 'invalid id value');
  }
  if (!id) throw new CliUsageError(helpText('nexthop', help));
  await showId(cli, id);
}

async function list(cli: Cli, args: Args, flush: boolean): Promise<void> {
  const f: { oif?: number; groups?: boolean; master?: number; fdb?: boolean; proto?: number } = {};
  const all = args.done;
  while (!args.done) {
    const w = args.shift()!;
    if (matches(w, 'dev')) f.oif = await devIndex(cli, args.value());
    else if (matches(w, 'groups')) f.groups = true;
    else if (matches(w, 'master')) f.master = await devIndex(cli, args.value());
    else if (matches(w, 'vrf')) f.master = await vrfIndex(cli, args.value());
    else if (w === 'id') {
      // ip acts on this id at once and reads no further words.
      const id = unsigned(args.value(), 'invalid id value');
      if (!flush) return showId(cli, id);
      const nl = await cli.nl();
      const { nhMessage, nhBody } = await import('../netlink/route/nexthop.js');
      try {
        await nl.request({ ...nhMessage('del', { id }, () => 0), codec: nhBody });
      } catch (e) {
        const { describeFailure } = await import('./errors.js');
        throw new CliError(describeFailure(e).text, 1);
      }
      return;
    } else if (matches(w, 'protocol')) f.proto = unsigned(args.value(), 'invalid protocol value');
    else if (matches(w, 'fdb')) f.fdb = true;
    else if (matches(w, 'help')) throw new CliUsageError(helpText('nexthop', help));
    else throw invalidArg(w, '');
  }
  const family = cli.g.family === 2 || cli.g.family === 10 ? cli.g.family : 0;
  const [nl, idx] = await Promise.all([cli.nl(), cli.links()]);
  const { nhDumpMessage, nhBody } = await import('../netlink/route/nexthop.js');
  const dump = async (filter: typeof f) => (await nl.dumpAll<NhMessage>({ type: RTM_GETNEXTHOP, op: 'nexthop.list', codec: nhBody, body: nhDumpMessage({ family, ...filter }) }, { retries: 3 }))
    .map((m) => m.body).filter((n) => !f.proto || n.header.protocol === f.proto);
  if (!flush) return print(cli, await dump(f), idx.name);
  // ip flush: every nexthop (groups first) when no selector was given, else the selected ones.
  let flushed = 0;
  for (const filter of all ? [{ groups: true }, {}] : [f]) {
    for (const n of await dump(filter)) {
      if (!n.attrs.id) continue;
      const { nhMessage } = await import('../netlink/route/nexthop.js');
      try {
        await nl.request({ ...nhMessage('del', { id: n.attrs.id }, () => 0), codec: nhBody });
        flushed++;
      } catch (e) {
        // ip reports each failed delete and carries on.
        const { describeFailure } = await import('./errors.js');
        io.err(describeFailure(e).text + '\n');
      }
    }
  }
  cli.print(flushed ? `Flushed ${flushed} nexthops\n` : 'Nothing to flush\n');
}

/**
 * The `nh_info` printer of `ip -d route show` for routes through nexthop objects: one dump of
 * the namespace's nexthops, each printed as `ip -d nexthop` prints it.
 */
export async function nhInfoLookup(cli: Cli): Promise<(id: number) => { text: string; json: Record<string, JsonValue> } | undefined> {
  const [nl, idx] = await Promise.all([cli.nl(), cli.links()]);
  const byId = new Map((await nl.nexthop.list()).map((n) => [n.attrs.id, n]));
  const o = { name: idx.name, details: cli.g.details };
  return (id) => {
    const n = byId.get(id);
    return n && { text: nhText(n, o), json: nhJson(n, o) };
  };
}
