// Address text <-> bytes. Validity is checked against node:net (which the product no longer loads,
// for start-up time) and formatting against the RFC 5952 spellings inet_ntop and ip print.
import t from 'tap';
import { isIP } from 'node:net';
import { formatIPv6, formatMac, ipv4Number, ipVersion, parseIP, parseIPv4, parseMac } from '../../../src/netlink/inet.js';
import { ip } from '../../../src/netlink/codecs.js';
import { Writer } from '../../../src/netlink/writer.js';

t.test('parseIP accepts exactly what node:net accepts', async (t) => {
  const cases = ['1.2.3.4', '01.2.3.4', '256.1.1.1', '1.2.3', '1.2.3.4.5', '::', '::1', '1::', '2001:db8::1', '2001:db8:0:0:0:0:0:1',
    '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '::ffff:1.2.3.4', '1::2::3', 'fe80::1%eth0', '::1.2.3.4',
    '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', ':1', '1:', 'gg::1', '', '1:2:3:4:5:6:7:8::', '::1:2:3:4:5:6:7', '12345::1',
    '::1.2.3', '1.2.3.4::', 'a:b:c:d:e:f:a:b', 'ABCD::EF01', ' 1.2.3.4', '10.0.0.300'];
  for (const c of cases) {
    t.equal(parseIP(c) !== undefined, isIP(c) !== 0, JSON.stringify(c));
    t.equal(ipVersion(c), isIP(c), `${JSON.stringify(c)} version`);
  }
});

t.test('IPv6 formatting follows RFC 5952', async (t) => {
  const cases: [string, string][] = [
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],      // a single zero group is not compressed
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],                // the longest run wins
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],          // the first of equal runs wins
    ['::', '::'], ['::1', '::1'], ['fe80::', 'fe80::'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
  ];
  for (const [input, want] of cases) t.equal(formatIPv6(parseIP(input)!), want, input);
});

t.test('link-layer addresses', async (t) => {
  t.equal(formatMac(parseMac('02:00:0A:ff:00:09')!), '02:00:0a:ff:00:09');
  t.equal(formatMac(parseMac('2-0-a-ff-0-9')!), '02:00:0a:ff:00:09');
  t.equal(parseMac('02:00:0g:00:00:00'), undefined);
  t.equal(parseMac('02:000:00'), undefined);
});

// ipv4Number() scans char codes in place of a regex, split and map (perf): it must accept exactly
// the dotted quads node:net does, and give their value. Random strings over the characters that
// matter (digits, dots, a stray letter), plus the edges of each rule.
t.test('ipv4Number and parseIPv4 agree with node:net on dotted quads', async (t) => {
  const edges = ['0.0.0.0', '255.255.255.255', '256.0.0.0', '1.2.3.4', '01.2.3.4', '1.2.3.04', '1.2.3.0', '10.0.0.300',
    '1.2.3', '1.2.3.4.', '.1.2.3.4', '1..2.3', '1.2.3.4 ', '1234.1.1.1', '1.2.3.2555', '199.249.250.251', '9.99.100.200',
    '1.2.3.4/32', '', '1.2.3.-1', '1.2.3.a', '00.0.0.0', '0.0.0.00', '123.123.123.1234'];
  let seed = 12345;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return (seed >>> 8) % n; };
  const chars = '0123456789..........a';
  const random = Array.from({ length: 4000 }, () => {
    if (rand(2)) return Array.from({ length: 4 }, () => String(rand(300))).join('.'); // mostly valid-looking
    return Array.from({ length: 1 + rand(16) }, () => chars[rand(chars.length)]).join('');
  });
  let valid = 0;
  for (const c of [...edges, ...random]) {
    const want = isIP(c) === 4;
    const n = ipv4Number(c);
    if ((n >= 0) !== want) t.fail(`${JSON.stringify(c)}: ipv4Number ${n}, node:net ${want}`);
    if (!want) { if (parseIPv4(c) !== undefined) t.fail(`${JSON.stringify(c)} parsed`); continue; }
    valid++;
    const bytes = Buffer.from(c.split('.').map(Number));
    if (n !== bytes.readUInt32BE(0)) t.fail(`${c}: value ${n}`);
    if (!parseIPv4(c)!.equals(bytes)) t.fail(`${c}: bytes ${parseIPv4(c)!.toString('hex')}`);
    const w = new Writer(2); // grows inside the codec's write: the offset must be taken first
    w.u8(0xee);
    ip.write(w, c, 'ip');
    if (!w.view().equals(Buffer.concat([Buffer.from([0xee]), bytes]))) t.fail(`${c}: encoded ${w.view().toString('hex')}`);
  }
  t.ok(valid > 500, `${valid} valid addresses among the cases`);
  t.pass('no disagreement');
});
