// Property tests of the nf_tables decoders, seeded with mutations of the bytes nft sent
// (test/fixtures/nft_*.hex): decoding throws only DecodeError, decode -> encode -> decode is
// stable, and the typed rule decoder never throws on whatever the attribute layer accepts.
import t, { type Test } from 'tap';
import { readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { DecodeError } from '../../src/netlink/errors.js';
import { splitMessages } from '../../src/netlink/message.js';
import { Writer } from '../../src/netlink/writer.js';
import { chainBody, ruleBody, tableBody, type RuleMessage } from '../../src/netfilter/messages.js';
import * as N from '../../src/netfilter/constants.js';
import { decodeRule } from '../../src/nft/rule-decode.js';
import { FIXTURES_DIR, fixture } from '../helpers/fixtures.js';
import { mutate, rng } from './engine.js'; // the rtnetlink fuzzer's PRNG and mutations

const ITERATIONS = 2000;
const codecs = new Map<number, typeof tableBody | typeof chainBody | typeof ruleBody>([
  [N.nftType(N.NFT_MSG_NEWTABLE), tableBody], [N.nftType(N.NFT_MSG_DELTABLE), tableBody],
  [N.nftType(N.NFT_MSG_NEWCHAIN), chainBody], [N.nftType(N.NFT_MSG_NEWRULE), ruleBody],
]);

function only(t: Test, what: string, fn: () => unknown): unknown {
  try { return fn(); } catch (e) {
    if (!(e instanceof DecodeError)) t.fail(`${what}: threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
    return undefined;
  }
}

t.test('nf_tables bodies: only DecodeError, stable round trips, decodeRule never throws', async (t) => {
  const seeds = readdirSync(FIXTURES_DIR).filter((f) => /^nft_.*\.hex$/.test(f)).map((f) => splitMessages(fixture(f))[0]!);
  t.ok(seeds.length >= 10, `${seeds.length} seeds`);
  const next = rng(4242);
  let decoded = 0, stable = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const seed = seeds[i % seeds.length]!;
    const codec = codecs.get(seed.type)!;
    const input = mutate(seed.body, next);
    const v = only(t, `#${i}`, () => codec.read(input, 'fuzz'));
    if (v === undefined) continue;
    decoded++;
    if (codec === ruleBody) only(t, `#${i} decodeRule`, () => decodeRule('ip', (v as RuleMessage).attrs.expressions?.elem ?? []));
    const w = new Writer(64);
    try { codec.write(w, v as never, 'fuzz'); } catch (e) { t.fail(`#${i}: re-encoding threw ${(e as Error).message}`); continue; }
    const again = only(t, `#${i} again`, () => codec.read(Buffer.from(w.view()), 'fuzz'));
    if (isDeepStrictEqual(again, v)) stable++;
    else t.same(again, v, `#${i}: decode -> encode -> decode changed the value`);
  }
  t.ok(decoded > 0, `${decoded}/${ITERATIONS} mutants decoded, ${stable} stable`);
});
