/**
 * `nlctl -batch FILE` (or `-` for stdin): one Netlink handle for every line, lines split the
 * way ip's makeargs() splits them (blanks, quotes, backslash escapes, `#` comments).
 *
 * With -force, consecutive lines of the same pipelinable command (`address add`, `route del`,
 * ...) are issued without waiting for each other, so their requests share sendto() calls;
 * anything else (link changes, shows, netns) waits for what came before and runs alone. Without
 * -force every line waits for the one before: the first failing line is reported as ip reports
 * it (`Command failed FILE:LINE`) and nothing after it is applied.
 */

import { rawText } from './raw-argv.js';
import { readFileSync } from 'node:fs';
import { Args } from './args.js';
import { Cli, type Session } from './context.js';
import { describeFailure } from './errors.js';
import { loadObject } from './run.js';

/** Splits one batch line into words as ip's makeargs() does; undefined for blank/comment lines. */
export function splitLine(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && i + 1 < line.length) cur += line[++i];
      else cur += c;
      continue;
    }
    if (c === '#' && !inWord) break;
    if (c === '"' || c === "'") { quote = c; inWord = true; continue; }
    if (c === '\\' && i + 1 < line.length) { cur += line[++i]; inWord = true; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (inWord) { words.push(cur); cur = ''; inWord = false; }
      continue;
    }
    cur += c;
    inWord = true;
  }
  if (inWord) words.push(cur);
  return words;
}

interface Line { no: number; words: string[] }

const WINDOW = 256; // lines in flight at once: bounded memory, and bounded overshoot on failure

/** Runs a batch file; returns the exit code (0, or 1 when a line failed). */
export async function runBatch(session: Session, file: string): Promise<number> {
  const name = file === '-' ? '-' : file;
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    process.stderr.write(`Cannot open file "${file}" for reading: ${(e as Error).message.replace(/^[A-Z]+: /, '')}\n`);
    return 255;
  }
  session.batch = true;
  const lines: Line[] = [];
  text.split('\n').forEach((l, i) => { const words = splitLine(l); if (words.length) lines.push({ no: i + 1, words }); });
  let failed = false;
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    const mod = await loadObject(first.words[0]!).catch((e: unknown) => e as Error);
    const natural = mod instanceof Error ? undefined : mod.pipelineKey?.(first.words.slice(1));
    // Without -force the batch must stop at the first failing line, as ip's does, and a request
    // already sent cannot be taken back: lines are pipelined only under -force.
    const key = session.g.force ? natural : undefined;
    // Gather the run of lines sharing this pipeline key.
    const run: Line[] = [first];
    if (key !== undefined) {
      while (i + run.length < lines.length && run.length < WINDOW) {
        const l = lines[i + run.length]!;
        if (l.words[0] !== first.words[0] || mod instanceof Error || mod.pipelineKey?.(l.words.slice(1)) !== key) break;
        run.push(l);
      }
    } else if (natural === undefined) session.invalidate();
    i += run.length;
    const results = await Promise.all(run.map(async (l) => {
      const cli = new Cli(session, `${name}:${l.no}`);
      try {
        if (mod instanceof Error) throw mod;
        await mod.run(cli, new Args(l.words.slice(1)));
        return { l, cli, err: undefined as unknown };
      } catch (err) {
        return { l, cli, err: err ?? new Error('failed') };
      }
    }));
    if (natural === undefined) session.invalidate();
    for (const r of results) {
      const out = r.cli.take();
      if (out) process.stdout.write(rawText(out));
      if (r.err === undefined) continue;
      const f = describeFailure(r.err);
      process.stderr.write(`${f.text}\n`);
      // ip exits at once on usage errors, even in a batch.
      if (f.exitCode === 255) return 255;
      process.stderr.write(`Command failed ${name}:${r.l.no}\n`);
      failed = true;
      if (!session.g.force) return 1;
    }
  }
  return failed ? 1 : 0;
}
