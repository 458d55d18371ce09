/**
 * The `nlctl` command behind the entry point: ip's global options, object dispatch, -batch,
 * and ip's exit codes. Objects are loaded on demand, and koffi only once a command needs the
 * kernel.
 */

import { rawText } from './raw-argv.js';
import { Args, matches } from './args.js';
import { Cli, defaultGlobals, Session, type Globals } from './context.js';
import { CliError, CliUsageError, describeFailure } from './errors.js';
import { OBJECTS, SUPPORTED, USAGE, type ObjectModule } from './objects.js';
import { didYouMean } from './suggest.js';
import { colorOption, enableColor } from './print/color.js';

/** The result of parsing the global options: the options, and the words after them. */
export interface ParsedGlobals {
  g: Globals;
  rest: string[];
  batch?: string;
  version?: boolean;
  help?: boolean;
  /** -color[=WHEN]; ip's default is never. */
  color?: 'always' | 'auto' | 'never';
}

const FAMILIES: Record<string, number> = { inet: 2, inet6: 10, link: 17, packet: 17, any: 0, unspec: 0 };

/** Parses ip's global options (`-n NS -j -p -d -br -4 -6 -t -ts -h -iec -b FILE -force -V ...`), abbreviations included. */
export function parseGlobals(argv: readonly string[]): ParsedGlobals {
  const g = defaultGlobals();
  const out: ParsedGlobals = { g, rest: [] };
  let i = 0;
  const next = (opt: string): string => {
    const v = argv[++i];
    if (v === undefined) throw new CliUsageError(opt === '-batch' ? USAGE.trimEnd() : 'Command line is not complete. Try option "help"');
    return v;
  };
  for (; i < argv.length; i++) {
    let opt = argv[i]!;
    if (opt === '--') { i++; break; }
    if (!opt.startsWith('-') || opt === '-') break;
    if (opt.startsWith('--')) opt = opt.slice(1);
    // Tried in ip's order: "-f" is -family and "-b" is -batch, as in ip.
    if (matches(opt, '-family')) {
      const f = next(opt);
      if (!(f in FAMILIES)) throw new CliUsageError(`Error: argument "${f}" is wrong: invalid address family`);
      g.family = FAMILIES[f]!;
    } else if (opt === '-4') g.family = 2;
    else if (opt === '-6') g.family = 10;
    else if (opt === '-0') g.family = 17;
    // -h is -human, as in ip, where -human comes before -help.
    else if (matches(opt, '-human') || matches(opt, '-human-readable')) g.human = true;
    else if (matches(opt, '-iec')) g.iec = true;
    else if (matches(opt, '-stats') || matches(opt, '-statistics')) g.stats++;
    else if (matches(opt, '-details')) g.details = true;
    else if (matches(opt, '-oneline')) g.oneline = true;
    // -tshort wins over -timestamp whatever their order, as in ip.
    else if (matches(opt, '-timestamp')) g.timestamp ??= 'long';
    else if (matches(opt, '-tshort')) g.timestamp = 'short';
    else if (matches(opt, '-Version')) out.version = true;
    else if (matches(opt, '-force')) g.force = true;
    else if (matches(opt, '-batch')) out.batch = next('-batch');
    else if (matches(opt, '-brief')) g.brief = true;
    else if (matches(opt, '-json')) g.json = true;
    else if (matches(opt, '-pretty')) g.pretty = true;
    else if (colorOption(opt)) out.color = colorOption(opt);
    else if (matches(opt, '-help')) out.help = true;
    else if (matches(opt, '-netns')) g.netns = next(opt);
    else if (matches(opt, '-all')) g.all = true;
    else if (opt === '-peer') g.peer = true;
    else throw new CliUsageError(`Option "${opt}" is unknown, try "nlctl -help".`);
  }
  out.rest = argv.slice(i);
  return out;
}

/** Finds the module of an object word (ip's abbreviations), or throws ip's message with a suggestion. */
export async function loadObject(word: string): Promise<ObjectModule> {
  const hit = OBJECTS.find(([name]) => matches(word, name));
  if (!hit) {
    // ip exits 1 (EXIT_FAILURE) here, not 255.
    const hint = didYouMean(word, SUPPORTED);
    throw new CliError(hint ? `Object "${word}" is unknown,${hint}` : `Object "${word}" is unknown, try "nlctl help".`, 1);
  }
  const [name, load] = hit;
  if (name === 'help') throw new CliUsageError(USAGE.trimEnd());
  if (!load) throw new CliError(`Object "${name}" is not supported by nlctl, try "nlctl help".`, 1);
  return load();
}

/** Runs one command line (object + words) within a session; output is left in `cli`. */
export async function runCommand(cli: Cli, words: readonly string[]): Promise<void> {
  const [obj, ...rest] = words;
  if (obj === undefined) throw new CliUsageError(USAGE.trimEnd());
  const mod = await loadObject(obj);
  await mod.run(cli, new Args(rest));
}

/** Runs nlctl with `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let session: Session | undefined;
  try {
    const p = parseGlobals(argv);
    if (p.version) {
      process.stdout.write('nlctl utility, nlctl-0.1.0 (pure TypeScript rtnetlink)\n');
      return 0;
    }
    if (p.help) throw new CliUsageError(USAGE.trimEnd());
    if (p.color) enableColor(p.color, p.g.json, process.stdout.isTTY === true);
    session = new Session(p.g);
    if (p.batch !== undefined) {
      const { runBatch } = await import('./batch.js');
      return await runBatch(session, p.batch);
    }
    if (!p.rest.length) throw new CliUsageError(USAGE.trimEnd());
    const cli = new Cli(session);
    try {
      await runCommand(cli, p.rest);
    } finally {
      const out = cli.take();
      if (out) process.stdout.write(rawText(out));
    }
    return 0;
  } catch (e) {
    const f = describeFailure(e);
    if (f.text) process.stderr.write(f.text + '\n');
    return f.exitCode;
  } finally {
    await session?.close();
  }
}

