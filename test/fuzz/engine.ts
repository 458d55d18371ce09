/**
 * The fuzzer behind test/fuzz/decode.test.ts (10k+ mutations on every `npm test`) and
 * `npm run fuzz` (1M+, with a report): seeded mutations of captured messages (the golden
 * fixtures), fed to every registered body decoder and to the datagram and ack parsers. Two
 * properties: decoding arbitrary bytes throws only DecodeError; whatever decodes encodes again
 * and decodes to the same value (decode -> encode -> decode).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDone, parseError } from '../../src/netlink/ack.js';
import { readAt } from '../../src/netlink/codecs.js';
import { DecodeError } from '../../src/netlink/errors.js';
import { messageKind, splitMessages } from '../../src/netlink/message.js';
import { Writer } from '../../src/netlink/writer.js';
import '../../src/client.js'; // registers every rtnetlink family and link kind
import '../../src/monitor.js'; // and netconf

const here = dirname(fileURLToPath(import.meta.url));
// The golden fixtures, and whole dumps captured for the fuzzer (seeds/README.md).
const SEED_DIRS = [join(here, '../../../test/fixtures'), join(here, '../../../test/fuzz/seeds')];

/** xorshift32: a tiny deterministic PRNG so failures reproduce from the seed. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
}

/** The captured messages (test/fixtures/*.hex, each says where its bytes came from). */
export function loadFixtures(): { name: string; bytes: Buffer }[] {
  return SEED_DIRS.flatMap((dir) => {
    let files: string[] = [];
    try { files = readdirSync(dir).filter((f) => f.endsWith('.hex')); } catch { return []; }
    return files.map((f) => ({
      name: f,
      bytes: Buffer.from(readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('').replace(/\s+/g, ''), 'hex'),
    }));
  });
}

/** One to four random edits: a byte, a truncation, a 16-bit field, 4 appended bytes, an aligned length. */
export function mutate(src: Buffer, next: () => number): Buffer {
  let out = Buffer.from(src);
  const ops = 1 + (next() % 4);
  for (let i = 0; i < ops; i++) {
    switch (next() % 5) {
      case 0: if (out.length) out[next() % out.length] = next() & 0xff; break;
      case 1: out = out.subarray(0, next() % (out.length + 1)); break;
      case 2: if (out.length > 2) { const o = next() % (out.length - 1); out.writeUInt16LE(next() & 0xffff, o); } break;
      case 3: out = Buffer.concat([out, Buffer.from([next() & 0xff, next() & 0xff, next() & 0xff, next() & 0xff])]); break;
      default: if (out.length > 4) { const o = (next() % (out.length >> 2)) * 4; out.writeUInt16LE(next() % 64, o); } break;
    }
  }
  return out;
}

/** A property that did not hold, with what reproduces it. */
export interface Failure { target: string; iteration: number; what: string; input: string }

/** Per-target counts. */
export interface TargetStats { target: string; mutants: number; decoded: number; stable: number }

/** What a run did. */
export interface FuzzReport { mutants: number; targets: TargetStats[]; failures: Failure[]; seeds: number }

/**
 * Runs `perTarget` mutations against every body decoder that has a captured seed, and
 * `perTarget * 2` against the datagram and ack parsers. Failures are collected (up to
 * `maxFailures`), not thrown, so one run reports them all.
 */
export function fuzz(perTarget: number, maxFailures = 50): FuzzReport {
  const fixtures = loadFixtures();
  const failures: Failure[] = [];
  const fail = (f: Failure): void => { if (failures.length < maxFailures) failures.push(f); };
  const seeds = fixtures.flatMap((f) => splitMessages(f.bytes));
  const byType = new Map<number, Buffer[]>();
  for (const m of seeds) if (messageKind(m.type)?.body) (byType.get(m.type) ?? byType.set(m.type, []).get(m.type)!).push(Buffer.from(m.body));
  const targets: TargetStats[] = [];
  let mutants = 0;
  for (const [type, bodies] of byType) {
    const kind = messageKind(type)!;
    const codec = kind.body!;
    const next = rng(type * 7919);
    const st: TargetStats = { target: kind.name, mutants: 0, decoded: 0, stable: 0 };
    for (let i = 0; i < perTarget; i++) {
      const input = mutate(bodies[i % bodies.length]!, next);
      st.mutants++;
      const at = (what: string): Failure => ({ target: kind.name, iteration: i, what, input: input.toString('hex') });
      let v: unknown;
      // Dumps decode in place (readAt at the body's offset in its datagram): it must agree with
      // read() of the body alone, value and error, at any alignment, with bytes on both sides.
      const pad = i % 8; // not from next(): the mutants stay those of earlier runs
      const framed = Buffer.concat([Buffer.alloc(pad, 0xa5), input, Buffer.alloc(8, 0x5a)]);
      let inPlace: unknown;
      try { inPlace = readAt(codec, framed, pad, input.length, kind.name); } catch (e) { inPlace = e; }
      try { v = codec.read(input, kind.name); } catch (e) {
        if (!(e instanceof DecodeError)) fail(at(`decode threw ${(e as Error)?.name}: ${(e as Error)?.message}`));
        else if (!(inPlace instanceof DecodeError) || inPlace.message !== e.message) fail(at(`read() threw "${e.message}", readAt() at offset ${pad} ${inPlace instanceof Error ? `threw "${inPlace.message}"` : 'decoded'}`));
        continue;
      }
      if (!isDeepStrictEqual(inPlace, v)) fail(at(`readAt() at offset ${pad} differs from read(): ${inPlace instanceof Error ? inPlace.message : firstDifference(v, inPlace)}`));
      st.decoded++;
      // A number that is not a safe integer may already be a rounded u64: decoding lost the value.
      const lossy = unsafeNumber(v);
      if (lossy) { fail(at(`decoded an inexact number at ${lossy}`)); continue; }
      const w = new Writer(64);
      try { codec.write(w, v, kind.name); } catch (e) { fail(at(`re-encoding a decoded value threw ${(e as Error)?.name}: ${(e as Error).message}`)); continue; }
      let again: unknown;
      try { again = codec.read(Buffer.from(w.view()), kind.name); } catch (e) { fail(at(`decoding the re-encoded bytes threw ${(e as Error).message}`)); continue; }
      // Key order may differ (wire order vs table order); values may not.
      if (isDeepStrictEqual(again, v)) st.stable++;
      else fail(at(`decode -> encode -> decode changed the value: ${firstDifference(v, again)}`));
    }
    mutants += st.mutants;
    targets.push(st);
  }
  const next = rng(12345);
  const st: TargetStats = { target: 'datagram+ack', mutants: 0, decoded: 0, stable: 0 };
  for (let i = 0; i < perTarget * 2 && fixtures.length; i++) {
    const input = mutate(fixtures[i % fixtures.length]!.bytes, next);
    const flags = next() & 0x300;
    st.mutants++;
    for (const [what, fn] of [['split', () => splitMessages(input)], ['error', () => parseError(input, flags)], ['done', () => parseDone(input, flags)]] as const) {
      try { fn(); st.decoded++; } catch (e) {
        if (!(e instanceof DecodeError)) fail({ target: what, iteration: i, what: `threw ${(e as Error)?.name}: ${(e as Error)?.message}`, input: input.toString('hex') });
      }
    }
  }
  mutants += st.mutants;
  targets.push(st);
  return { mutants, targets, failures, seeds: seeds.length };
}

/** The path of the first integer-valued number above 2^53 in a decoded value, if any. */
export function unsafeNumber(v: unknown, path = ''): string | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) ? (path || '(value)') : undefined;
  if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) return undefined;
  for (const [k, x] of Object.entries(v)) {
    const p = unsafeNumber(x, path ? `${path}.${k}` : k);
    if (p) return p;
  }
  return undefined;
}

/** Where two decoded values first differ, as a path ('attrs.stats64.rx_bytes: 9007199254740993 vs 9007199254740992'). */
export function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Buffer.isBuffer(a) && !Buffer.isBuffer(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  const show = (x: unknown): string => Buffer.isBuffer(x) ? `<${x.toString('hex')}>` : typeof x === 'bigint' ? `${x}n` : JSON.stringify(x) ?? String(x);
  return `${path || '(value)'}: ${show(a)} then ${show(b)}`;
}
