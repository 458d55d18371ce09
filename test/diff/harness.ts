/**
 * The differential harness: each corpus line runs through ip (iproute2 6.1) and through nlctl
 * invoked as `ip`, each side in scratch namespaces of its own built by the same setup, and the
 * two runs' stdout, stderr and exit code are compared after the namespace names are replaced by
 * placeholders. nlctl runs in-process (main() with io captured and io.prog = 'ip'): a Node
 * start-up per line would cost the whole time budget on a 2-core CI. Lines marked `spawn` (those
 * that exec or read stdin) run the real bin through a symlink named ip.
 *
 * Safety: every line runs with `-n SCRATCH` prepended, unless it names its namespaces itself
 * ($NS, $X), which then are only this run's scratch names (`netns set` runs as `-n $NS netns set`,
 * so nsids are assigned inside the scratch namespace); the root namespace is never changed.
 */

import { spawn as spawnChild } from 'node:child_process';
import { io } from '../../src/cli/io.js';
import { main } from '../../src/cli/run.js';
import { ip, removeNs, scratchName } from '../helpers/scratch.js';

/** One group of lines: built by `setup` (ip lines, each side's own namespace), then run in order. */
export interface Group {
  name: string;
  setup: string[];
  /** Compare stdout as an unordered set of entries (see unordered()). */
  unordered?: boolean;
  /**
   * Wait this long after the setup, then (bounded) until no admin-up link of either side lacks
   * carrier and the two sides' links agree: carrier changes reach `link show` through linkwatch,
   * a second late at best and later under load (a bridge's comes after its port's).
   */
  settleMs?: number;
  lines: Line[];
}

/** A corpus line: the words after `ip` (with $NS/$X placeholders), or with options. */
export type Line = string | { line: string; spawn?: boolean; stdin?: string };

/** One side's run of a line. */
export interface Run { code: number | null; out: string; err: string }

/** The outcome of one line. */
export interface Outcome { group: string; line: string; ip: Run; nlctl: Run; same: boolean }

/** Splits a line into words; single quotes group words, as a shell would. */
export function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2]!);
  return out;
}

interface Side { ns: string; x: string }

/** Files the corpus names as $F (an rtmon recording for `monitor file`). */
export const files = { rtmon: '' };

function argv(line: string, side: Side): string[] {
  const w = words(line).map((s) => s.replaceAll('$NS', side.ns).replaceAll('$X', side.x).replaceAll('$F', files.rtmon));
  // A line naming its namespaces runs as written: `netns add $X` must not run under `ip -n`, whose
  // private mount namespace would keep the new /run/netns bind mount to itself.
  return /\$(NS|X)\b/.test(line) ? w : ['-n', side.ns, ...w];
}

// What may legitimately differ between the two sides: their namespace names, and a countdown
// that can cross a second between the two runs (the number is still compared to be present).
function normalize(s: string, side: Side): string {
  return s.replaceAll(side.x, 'X').replaceAll(side.ns, 'NS')
    .replace(/\b(expires|valid_lft|preferred_lft) \d+sec/g, '$1 Nsec')
    .replace(/("expires"|"valid_life_time"|"preferred_life_time"): ?\d+/g, '$1:N')
    // Resilient nexthop buckets age between the two runs.
    .replace(/\bidle_time [\d.e+-]+/g, 'idle_time T').replace(/"idle_time": ?[\d.e+-]+/g, '"idle_time":T')
    // Bridge timers count down between the two runs.
    .replace(/\b(\w+_timer) +\d+\.\d+/g, '$1 T').replace(/"(\w+_timer)": ?[\d.]+/g, '"$1":T');
}

/**
 * For listings whose order is the kernel's hash order (neighbours: each namespace's table has
 * its own random hash seed), compare the entries as a set: text lines sorted, JSON arrays
 * compared by their sorted elements.
 */
function unordered(s: string): string {
  const t = s.trim();
  if (t.startsWith('[')) {
    try { return JSON.stringify((JSON.parse(t) as unknown[]).map((e) => JSON.stringify(e)).sort()); } catch { return s; }
  }
  return s.split('\n').sort().join('\n');
}

/** Runs a program to its end (asynchronously: ip's side runs while nlctl's runs in-process). */
function runProgram(file: string, args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(file, args, { timeout: 20000, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d; });
    if (stdin !== undefined) child.stdin!.on('error', () => { /* the program need not read it all */ }).end(stdin);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

async function runNlctl(args: string[], asIp: string, spawn: boolean, stdin?: string): Promise<Run> {
  if (spawn) return runProgram(asIp, args, stdin);
  const saved = { ...io };
  let out = '';
  let err = '';
  Object.assign(io, { out: (s: string) => { out += s; }, err: (s: string) => { err += s; }, prog: 'ip' });
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    Object.assign(io, saved);
  }
}

// Each link's name, flags and operstate, as `ip -j link show` gives them.
function linkStates(ns: string): string[] {
  const links = JSON.parse(ip('-j', '-n', ns, 'link', 'show')) as { ifname: string; flags: string[]; operstate: string }[];
  return links.map((l) => `${l.ifname} ${l.flags.join(',')} ${l.operstate}`);
}

// Settled: no admin-up link still without carrier (a bridge gets it once linkwatch has brought its
// port up, a second or more later), and the two sides agree.
function settled(namespaces: string[]): boolean {
  const states = namespaces.map(linkStates);
  if (states.some((s) => s.some((l) => / (\S*,)?UP(,\S*)? /.test(l) && l.includes('NO-CARRIER')))) return false;
  return states.every((s) => s.join('\n') === states[0]!.join('\n'));
}

// Bounded: at most 10 s past `ms`; a side still unsettled then is reported by the lines that differ.
async function settle(ms: number, namespaces: string[]): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 50 && !settled(namespaces); i++) await new Promise((r) => setTimeout(r, 200));
}

function sideNames(tag: string): Side {
  return { ns: scratchName(tag), x: scratchName(`${tag}x`) };
}

/** Where the time went (ms): ip lines, nlctl lines, namespace teardown, whole groups. */
export const timing = { ip: 0, nlctl: 0, teardown: 0, group: 0 };

/** Runs every group; `asIp` is a symlink named ip to the built bin (for `spawn` lines). */
export async function runCorpus(groups: readonly Group[], asIp: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const g of groups) {
    const a = sideNames('dfa');
    const b = sideNames('dfb');
    const t0 = performance.now();
    try {
      for (const s of [a, b]) {
        ip('netns', 'add', s.ns);
        for (const l of g.setup) ip(...argv(l, s));
      }
      if (g.settleMs) await settle(g.settleMs, [a.ns, b.ns]);
      const lines = g.lines.map((l) => (typeof l === 'string' ? { line: l } : l));
      // The two sides are independent (their own namespaces): ip's runs while nlctl's does.
      const ipSide = (async () => {
        const t0 = performance.now();
        const runs: Run[] = [];
        for (const l of lines) runs.push(await runProgram('ip', argv(l.line, a), l.stdin));
        timing.ip += performance.now() - t0;
        return runs;
      })();
      const t0n = performance.now();
      const ours: Run[] = [];
      for (const l of lines) ours.push(await runNlctl(argv(l.line, b), asIp, l.spawn === true, l.stdin));
      timing.nlctl += performance.now() - t0n;
      const theirs = await ipSide;
      lines.forEach((l, i) => {
        const order = g.unordered ? unordered : (x: string) => x;
        const ipRun = { code: theirs[i]!.code, out: order(normalize(theirs[i]!.out, a)), err: normalize(theirs[i]!.err, a) };
        const nlRun = { code: ours[i]!.code, out: order(normalize(ours[i]!.out, b)), err: normalize(ours[i]!.err, b) };
        const same = ipRun.code === nlRun.code && ipRun.out === nlRun.out && ipRun.err === nlRun.err;
        outcomes.push({ group: g.name, line: l.line, ip: ipRun, nlctl: nlRun, same });
      });
    } finally {
      const t1 = performance.now();
      for (const s of [a, b]) { removeNs(s.x); removeNs(s.ns); }
      timing.teardown += performance.now() - t1;
      timing.group += performance.now() - t0;
    }
  }
  return outcomes;
}
