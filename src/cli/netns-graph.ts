/**
 * `nlctl netns graph [-j] [--format tree|dot|mermaid]`: the map of every network namespace
 * (named, and unnamed ones processes hold), its links, and the veth pairs, bridge ports and lower
 * devices joining them. Read only.
 */

import type { Args } from './args.js';
import type { Cli } from './context.js';
import { CliUsageError } from './errors.js';
import type { JsonValue } from './print/json.js';

const FORMATS = ['tree', 'dot', 'mermaid', 'json'] as const;

/** Runs `netns graph ARGS`. */
export async function graph(cli: Cli, args: Args): Promise<void> {
  let format = cli.g.json ? 'json' : 'tree';
  while (!args.done) {
    const w = args.shift()!;
    if (w === '--format' || w === '-format' || w === 'format') {
      const v = args.value();
      if (!(FORMATS as readonly string[]).includes(v)) throw new CliUsageError(`Error: unknown graph format "${v}": tree, dot, mermaid or json.`);
      format = v;
    } else if (w.startsWith('--format=')) {
      format = w.slice('--format='.length);
      if (!(FORMATS as readonly string[]).includes(format)) throw new CliUsageError(`Error: unknown graph format "${format}": tree, dot, mermaid or json.`);
    } else throw new CliUsageError(`Error: either "format" is duplicate, or "${w}" is garbage.`);
  }
  const { topology } = await import('../container/topology.js');
  const r = await import('../container/topology-render.js');
  const t = await topology();
  if (format === 'json') { cli.printJson(t as unknown as JsonValue); return; }
  cli.print(format === 'dot' ? r.renderDot(t) : format === 'mermaid' ? r.renderMermaid(t) : r.renderTree(t));
}
