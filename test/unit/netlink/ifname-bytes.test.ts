// Issue 9 item 10: interface names are bytes. decodeName keeps valid UTF-8 as text and turns
// every other byte into the lone surrogate U+DC00 + byte; encodeName gives the bytes back, so
// decode -> encode is the identity on any byte string, and the IFLA_IFNAME codec uses them.
import t from 'tap';
import { decodeName, encodeName, ifnameString } from '../../../src/netlink/codecs.js';
import { Writer } from '../../../src/netlink/writer.js';

t.test('decodeName / encodeName round-trip any bytes', async (t) => {
  const cases: [number[], string][] = [
    [[0x65, 0x74, 0x68, 0x30], 'eth0'],
    [[0xff, 0xfe, 0x78], '\udcff\udcfex'],
    [[0xc3, 0xa9, 0x74, 0x68], 'éth'],
    [[0xc3, 0x28], '\udcc3('],
    [[0xe2, 0x82], '\udce2\udc82'],
    [[0xf0, 0x9f, 0x98, 0x80, 0x80], '😀\udc80'],
    [[0xed, 0xa0, 0x80], '\udced\udca0\udc80'],
  ];
  for (const [bytes, text] of cases) {
    const b = Buffer.from(bytes);
    t.equal(decodeName(b), text, `decode ${b.toString('hex')}`);
    t.same([...encodeName(text)], bytes, `encode ${b.toString('hex')}`);
  }
  for (let n = 0; n < 2000; n++) {
    const b = Buffer.from(Array.from({ length: 1 + (n % 15) }, (_, i) => ((n * 131 + i * 197) % 255) + 1));
    t.ok(encodeName(decodeName(b)).equals(b), `random ${b.toString('hex')}`) || t.end();
  }
});

t.test('IFLA_IFNAME codec: bytes in, the same bytes out', async (t) => {
  const raw = Buffer.from([0xff, 0xfe, 0x78, 0x00]);
  const name = ifnameString.read(raw, 'ifname');
  t.equal(name, '\udcff\udcfex');
  const w = new Writer(16);
  ifnameString.write(w, name, 'ifname');
  t.same([...Buffer.from(w.view())], [0xff, 0xfe, 0x78, 0x00], 'sent as the kernel named it, NUL-terminated');
  t.equal(ifnameString.read(Buffer.from('veth0\0'), 'ifname'), 'veth0');
});
