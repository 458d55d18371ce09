// Table tests of the TLV layer: padding, zero length, truncation, nesting, flag bits, unknown
// attributes, kind-dependent payloads and ext-ack offset naming. Expected bytes are written out
// by hand from linux/netlink.h's layout (struct nlattr: u16 len, u16 type; NLA_ALIGNTO 4).
import t from 'tap';
import { defineAttrs, describeOffset, headed, nested, SETTER_TIER, walkAttrs } from '../../../src/netlink/attrs.js';
import { bytes, counters, cstring, flag, ip, mac, s32, struct, u8, u16, u32, u64, uint, be16, type Codec } from '../../../src/netlink/codecs.js';
import { DecodeError } from '../../../src/netlink/errors.js';
import { Writer } from '../../../src/netlink/writer.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
function enc<T>(table: { encode(w: Writer, v: T): void }, v: T): string {
  const w = new Writer(8);
  table.encode(w, v);
  return w.view().toString('hex');
}

const inner = defineAttrs('inner', {
  1: { key: 'a', codec: u8 },
  2: { key: 'name', codec: cstring },
});
const kindData = defineAttrs('kdata', { 1: { key: 'id', codec: u32 } });
const outer = defineAttrs('outer', {
  1: { key: 'kind', codec: cstring },
  2: { key: 'data', codec: bytes, select: { on: 'kind', codec: (k) => (k === 'x' ? nested(() => kindData) : undefined), label: (k) => `data(${String(k)})` } },
  3: { key: 'mtu', codec: u32 },
  4: { key: 'nest', codec: nested(() => inner), nestFlag: true },
  5: { key: 'alt', codec: cstring, multi: true },
  6: { key: 'on', codec: flag },
});

t.test('scalar codecs encode to exact bytes', async (t) => {
  const cases: [string, Codec<any>, unknown, string][] = [
    ['u8 pads to 4', u8, 7, '05000100 07000000'],
    ['u16 pads to 4', u16, 0x1234, '06000100 34120000'],
    ['u32 no padding', u32, 0xdeadbeef, '08000100 efbeadde'],
    ['s32 negative', s32, -1, '08000100 ffffffff'],
    ['u64 bigint', u64, 1n << 40n, '0c000100 00000000 00010000'],
    ['uint small is 4 bytes', uint, 5n, '08000100 05000000'],
    ['uint large is 8 bytes', uint, 1n << 33n, '0c000100 00000000 02000000'],
    ['be16 network order', be16, 4789, '06000100 12b50000'],
    ['cstring has NUL and padding', cstring, 'eth0', '09000100 65746830 00000000'],
    ['empty cstring is one NUL', cstring, '', '05000100 00000000'],
    ['flag is zero-length', flag, true, '04000100'],
    ['ipv4', ip, '10.0.0.1', '08000100 0a000001'],
    ['ipv6 compressed input', ip, '2001:db8::1', '14000100 20010db8 00000000 00000000 00000001'],
    ['mac', mac, '02:00:00:00:00:09', '0a000100 02000000 00090000'],
  ];
  for (const [name, codec, value, want] of cases) {
    const table = defineAttrs('t', { 1: { key: 'v', codec } });
    t.equal(enc(table, { v: value } as any), want.replace(/ /g, ''), name);
    t.same(table.decode(hex(want)), { v: value }, `${name} decodes back`);
  }
});

t.test('length checks name the attribute path', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['u32 too short', '06000300 0100 0000', /outer > mtu: u32 needs 4 bytes, got 2/],
    ['u32 too long', '0c000300 01000000 00000000', /outer > mtu: u32 needs 4 bytes, got 8/],
    ['flag with payload', '05000600 01000000', /outer > on: flag needs 0 bytes, got 1/],
    ['zero length attribute', '00000300 01000000', /length 0 < 4/],
    ['length past the end (truncated)', '10000300 01000000', /claims 16 bytes, only 8 left \(truncated\)/],
    ['nested u8 wrong size', '0c000480 06000100 0102 0000', /outer > nest > a: u8 needs 1 bytes, got 2/],
    ['kind data by kind', '06000100 78000000 0a000200 06000100 01000000', /outer > data\(x\) > id: u32 needs 4 bytes, got 2/],
  ];
  for (const [name, bytesHex, re] of cases) {
    t.throws(() => outer.decode(hex(bytesHex)), re, name);
    try { outer.decode(hex(bytesHex)); } catch (e) { t.type(e, DecodeError, `${name} is a DecodeError`); }
  }
});

t.test('nesting, NLA_F_NESTED and masked flag bits', async (t) => {
  // nest (type 4) carries NLA_F_NESTED (0x8000) because the table says so.
  const want = '14000480 05000100 07000000 06000200 78000000'.replace(/ /g, '');
  t.equal(enc(outer, { nest: { a: 7, name: 'x' } }), want);
  // On decode the flag bits are masked off the type, with or without them.
  t.same(outer.decode(hex(want)), { nest: { a: 7, name: 'x' } });
  t.same(outer.decode(hex('14000400 05000100 07000000 06000200 78000000')), { nest: { a: 7, name: 'x' } });
  // NLA_F_NET_BYTEORDER (0x4000) is masked too.
  t.same(outer.decode(hex('08000340 01000000')), { mtu: 1 });
});

t.test('unknown attributes survive a round trip byte-exact, flags included', async (t) => {
  const wire = hex('08000300 05000000 07006300 aabbcc00 08006480 01020304');
  const v = outer.decode(wire);
  t.same(v.unknown, [
    { type: 99, flags: 0, data: hex('aabbcc') },
    { type: 100, flags: 0x8000, data: hex('01020304') },
  ]);
  t.equal(enc(outer, v), wire.toString('hex'));
});

t.test('repeated attributes collect in wire order; a second non-repeating one is kept raw', async (t) => {
  const wire = hex('07000500 61300000 07000500 62310000');
  t.same(outer.decode(wire), { alt: ['a0', 'b1'] });
  t.equal(enc(outer, { alt: ['a0', 'b1'] }), wire.toString('hex'));
  const dup = outer.decode(hex('08000300 01000000 08000300 02000000'));
  t.equal(dup.mtu, 1);
  t.same(dup.unknown, [{ type: 3, flags: 0, data: hex('02000000') }]);
});

t.test('kind-dependent data decodes in two passes whatever the order', async (t) => {
  const kindFirst = hex('06000100 78000000 0c000200 08000100 2a000000');
  const dataFirst = hex('0c000200 08000100 2a000000 06000100 78000000');
  t.same(outer.decode(kindFirst), { kind: 'x', data: { id: 42 } });
  t.same(outer.decode(dataFirst), { kind: 'x', data: { id: 42 } });
  // Unknown kind: raw bytes, re-emitted as they were.
  const other = outer.decode(hex('06000100 79000000 08000200 01020304'));
  t.same(other, { kind: 'y', data: hex('01020304') });
  t.equal(enc(outer, other), '0600010079000000' + '0800020001020304');
  t.throws(() => enc(outer, { kind: 'y', data: { id: 1 } }), /no codec for kind "y"; pass raw bytes/);
});

t.test('padding: trailing pad may be absent on the last attribute; stray bytes are not', async (t) => {
  t.same(outer.decode(hex('05000100 78')), { kind: 'x' }, 'last attribute without its padding');
  t.throws(() => outer.decode(hex('05000100 78000000 0400')), /stray bytes at offset 8/, 'a non-zero 2-byte remainder is not padding');
  t.same(outer.decode(hex('05000100 78000000 0000')), { kind: 'x' }, 'a zero 2-byte remainder is padding');
  t.throws(() => outer.decode(hex('05000100 78000000 01000000')), /length 1 < 4/);
});

t.test('walkAttrs reports offsets and lengths', async (t) => {
  const list = [...walkAttrs(hex('05000100 07000000 08000200 01000000'))];
  t.same(list.map((a) => [a.type, a.offset, a.length]), [[1, 0, 5], [2, 8, 8]]);
});

t.test('struct and counters', async (t) => {
  const s = struct('s', [['a', 'u8'], ['p', 'pad8'], ['b', 'u16'], ['c', 's32']] as const);
  const w = new Writer(4);
  s.write(w, { a: 1, b: 2, c: -3 }, 's');
  t.equal(w.view().toString('hex'), '01000200fdffffff');
  t.same(s.read(w.view(), 's'), { a: 1, b: 2, c: -3 });
  t.throws(() => s.read(hex('0100'), 'x'), /x: s needs 8 bytes, got 2/);
  const c = counters('c', ['x', 'y'] as const, 8);
  t.same(c.read(hex('0100000000000000 0200000000000000 0300000001000000'), 'c'), { x: 1, y: 2, field2: 3 + 2 ** 32 }, 'newer kernel fields are kept');
  const w2 = new Writer(4);
  c.write(w2, { x: 1, y: 2, field2: 3 + 2 ** 32 } as any, 'c');
  t.equal(w2.view().toString('hex'), '010000000000000002000000000000000300000001000000');
});

t.test('headed payloads and ext-ack offsets map back to attribute paths', async (t) => {
  const hdr = struct('hdr', [['family', 'u8'], ['x', 'pad8'], ['y', 'pad16']] as const);
  const body = headed(hdr, () => outer);
  const w = new Writer(8);
  body.write(w, { header: { family: 2 }, attrs: { kind: 'x', data: { id: 5 }, nest: { a: 1, name: 'ab' } } }, 'body');
  const b = Buffer.from(w.view());
  t.same(body.read(b, 'body'), { header: { family: 2 }, attrs: { kind: 'x', data: { id: 5 }, nest: { a: 1, name: 'ab' } } });
  t.equal(describeOffset(body, b, 0), 'hdr');
  t.equal(describeOffset(body, b, 4), 'kind');
  t.equal(describeOffset(body, b, 12), 'data(x)');
  t.equal(describeOffset(body, b, 16), 'data(x) > id');
  t.equal(describeOffset(body, b, 24), 'nest');
  t.equal(describeOffset(body, b, 36), 'nest > name');
});

t.test('a reused Writer gives the same bytes as a fresh one (reserve() is zero-filled after reset)', async (t) => {
  const s = struct('s', [['a', 'u8'], ['p', 'pad8'], ['b', 'u16']] as const);
  const w = new Writer(4);
  w.bytes(hex('ffffffff ffffffff'));
  w.truncate(2); // an encode that failed midway is cut back
  t.equal(w.len, 2);
  s.write(w, { a: 1, b: 2 }, 's');
  t.equal(w.view().toString('hex'), 'ffff01000200', 'bytes past the cut are zero again: the pad byte is not the old 0xff');
  w.reset();
  t.equal(w.len, 0);
  s.write(w, { a: 3, b: 4 }, 's');
  t.equal(w.view().toString('hex'), '03000400');
  t.equal(w.buf.subarray(4).toString('hex'), '00'.repeat(w.buf.length - 4), 'nothing left past len');
});

t.test('a decoded object of many attributes keeps fast properties (issue 12: dumps)', async (t) => {
  // V8 turns an object built by keyed stores into a dictionary after a dozen properties; a link
  // has ~45 attributes, and decoding each into a dictionary was most of a link dump's time.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--allow-natives-syntax');
  const hasFast = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
  const spec: Record<number, { key: string; codec: Codec<number> }> = {};
  for (let i = 1; i <= 60; i++) spec[i] = { key: `field_${i}`, codec: u32 };
  const wide = defineAttrs('wide', spec);
  const w = new Writer(8);
  // Null-prototype input: a plain object with these keys would leave V8 transitions behind that
  // let any build of the same keys stay fast, hiding the difference.
  const value: Record<string, number> = Object.create(null);
  for (let i = 1; i <= 60; i++) value[`field_${i}`] = i - 1;
  wide.encode(w, value);
  // The named stores are compiled once a table has been used SETTER_TIER times (a short command
  // compiles none): a dump's objects from then on keep fast properties.
  const first = wide.decode(Buffer.from(w.view()));
  t.same(first, { ...value }, 'the first decodes: the same values');
  for (let i = 1; i < SETTER_TIER; i++) wide.decode(Buffer.from(w.view()));
  const decoded = wide.decode(Buffer.from(w.view()));
  t.ok(hasFast(decoded), 'not a dictionary-mode object');
  t.same(decoded, { ...value });
  t.same(Object.keys(decoded), Object.keys(value), 'wire order');
  // decodeAt() at an offset inside a larger buffer decodes the same.
  const framed = Buffer.concat([Buffer.alloc(3, 0xff), Buffer.from(w.view()), Buffer.alloc(5, 0xff)]);
  t.same(wide.decodeAt(framed, 3, 3 + w.len), { ...value });
  t.throws(() => wide.decodeAt(framed, 3, 3 + w.len - 2), /attribute type 60 at offset 472 claims 8 bytes, only 6 left/);
});
