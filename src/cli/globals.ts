/**
 * ip's global options (`-n NS -j -p -d -br -4 -6 ...`), parsed the way ip parses them, for every
 * entry point: main.ts's whole CLI and show-main.ts's `link show`.
 */

import { matches } from './args.js';
import { defaultGlobals, type Globals } from './context.js';
import { CliUsageError } from './errors.js';
import { helpText, prog } from './io.js';
import { colorOption } from './print/color.js';
import { USAGE } from './usage.js';

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
    if (v === undefined) throw new CliUsageError(opt === '-batch' ? usage() : 'Command line is not complete. Try option "help"');
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
      if (!(f in FAMILIES)) throw new CliUsageError(`Error: argument "${f}" is wrong: invalid protocol family`);
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
    else if (matches(opt, '-Numeric')) g.numeric = true;
    else if (matches(opt, '-all')) g.all = true;
    else if (opt === '-peer') g.peer = true;
    else throw new CliUsageError(`Option "${opt}" is unknown, try "${prog()} -help".`);
  }
  out.rest = argv.slice(i);
  return out;
}

/** The top-level usage: ip's own under `ip`. */
export function usage(): string {
  return helpText('', USAGE.trimEnd());
}
