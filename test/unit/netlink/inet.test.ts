// Address text <-> bytes. Validity is checked against node:net (which the product no longer loads,
// for start-up time) and formatting against the RFC 5952 spellings inet_ntop and ip print.
import t from 'tap';
import { isIP } from 'node:net';
import { formatIPv6, formatMac, ipVersion, parseIP, parseMac } from '../../../src/netlink/inet.js';

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
