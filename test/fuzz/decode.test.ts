// Property tests of every decoder, from seeded mutations of valid messages (the golden fixtures
// and messages we encode), so failures reproduce: decoding arbitrary bytes throws only
// DecodeError; whatever decodes re-encodes and decodes to the same value.
import t, { type Test } from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDone, parseError } from '../../src/netlink/ack.js';
import { DecodeError } from '../../src/netlink/errors.js';
import { messageKind, splitMessages } from '../../src/netlink/message.js';
import { Writer } from '../../src/netlink/writer.js';
import '../../src/client.js'; // registers every rtnetlink family and link kind

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '../../../test/fixtures');
const ITERATIONS = 1500;

/** xorshift32: a tiny deterministic PRNG so failures reproduce from the seed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
}

function loadFixtures(): { name: string; bytes: Buffer }[] {
  let files: string[] = [];
  // rtnetlink fixtures only: nfnetlink messages reuse the same type numbers (NFNL_MSG_BATCH_END
  // is 17, RTM_DELLINK's number) with other bodies; the nf_tables decoders have their own fuzz.
  try { files = readdirSync(FIXTURES).filter((f) => f.endsWith('.hex') && !f.startsWith('nft_')); } catch { return []; }
  return files.map((f) => ({
    name: f,
    bytes: Buffer.from(readFileSync(join(FIXTURES, f), 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('').replace(/\s+/g, ''), 'hex'),
  }));
}

function mutate(src: Buffer, next: () => number): Buffer {
  const b = Buffer.from(src);
  const ops = 1 + (next() % 4);
  let out = b;
  for (let i = 0; i < ops; i++) {
    switch (next() % 5) {
      case 0: if (out.length) out[next() % out.length] = next() & 0xff; break;          // flip a byte
      case 1: out = out.subarray(0, next() % (out.length + 1)); break;                    // truncate
      case 2: if (out.length > 2) { const o = next() % (out.length - 1); out.writeUInt16LE(next() & 0xffff, o); } break; // a length or type
      case 3: out = Buffer.concat([out, Buffer.from([next() & 0xff, next() & 0xff, next() & 0xff, next() & 0xff])]); break;
      default: if (out.length > 4) { const o = (next() % (out.length >> 2)) * 4; out.writeUInt16LE(next() % 64, o); } break; // aligned len
    }
  }
  return out;
}

function onlyDecodeErrors(t: Test, what: string, fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof DecodeError)) t.fail(`${what}: threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
    return undefined;
  }
}


const fixtures = loadFixtures();
const seeds = fixtures.flatMap((f) => onlyDecodeErrors(t, f.name, () => splitMessages(f.bytes)) as ReturnType<typeof splitMessages> ?? []);

t.test('fixtures exist to seed the fuzzer', async (t) => {
  t.ok(fixtures.length >= 12, `${fixtures.length} fixtures`);
});

t.test('every registered body decoder: only DecodeError, and decode -> encode -> decode is stable', async (t) => {
  const byType = new Map<number, Buffer[]>();
  for (const m of seeds) if (messageKind(m.type)?.body) (byType.get(m.type) ?? byType.set(m.type, []).get(m.type)!).push(Buffer.from(m.body));
  t.ok(byType.size >= 4, `seeds for ${byType.size} message types`);
  for (const [type, bodies] of byType) {
    const kind = messageKind(type)!;
    const codec = kind.body!;
    // The target really calls its own decoder: a seed decodes to this family's header shape.
    const first = codec.read(bodies[0]!, kind.name) as { header: object; attrs: object };
    t.ok(first.header && first.attrs, `${kind.name} decodes its own seed`);
    const next = rng(type * 7919);
    let decoded = 0, stable = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const input = mutate(bodies[i % bodies.length]!, next);
      const v = onlyDecodeErrors(t, `${kind.name} #${i}`, () => codec.read(input, kind.name));
      if (v === undefined) continue;
      decoded++;
      const w = new Writer(64);
      try {
        codec.write(w, v, kind.name);
      } catch (e) {
        t.fail(`${kind.name} #${i}: re-encoding a decoded value threw ${(e as Error).message}`);
        continue;
      }
      const again = onlyDecodeErrors(t, `${kind.name} #${i} again`, () => codec.read(Buffer.from(w.view()), kind.name));
      // Key order may differ (wire order vs table order); values may not.
      if (isDeepStrictEqual(again, v)) stable++;
      else t.same(again, v, `${kind.name} #${i}: decode -> encode -> decode changed the value`);
    }
    t.ok(decoded > 0, `${kind.name}: ${decoded}/${ITERATIONS} mutants decoded, ${stable} stable`);
  }
});

t.test('datagram splitting and ack parsing throw only DecodeError', async (t) => {
  const next = rng(12345);
  for (let i = 0; i < ITERATIONS * 2; i++) {
    const f = fixtures[i % fixtures.length]!;
    const input = mutate(f.bytes, next);
    onlyDecodeErrors(t, `split #${i}`, () => splitMessages(input));
    const flags = next() & 0x300;
    onlyDecodeErrors(t, `error #${i}`, () => parseError(input, flags));
    onlyDecodeErrors(t, `done #${i}`, () => parseDone(input, flags));
  }
  t.pass(`${ITERATIONS * 2} mutants`);
});
