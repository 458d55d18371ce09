// Address and prefix parsing: what ip accepts, what it defaults, and the errors for what it rejects.
import t from 'tap';
import { broadcastOf, hostBits, networkOf, parseAddr, parseDst, parseFamily, parsePrefix } from '../../../src/netlink/route/cidr.js';
import { AF_INET, AF_INET6 } from '../../../src/netlink/route/constants.js';

t.test('prefixes', async (t) => {
  const cases: [string, string, number, number, boolean][] = [
    ['10.0.0.1/24', '10.0.0.1', AF_INET, 24, true],
    ['10.0.0.1', '10.0.0.1', AF_INET, 32, false],
    ['10/8', '10.0.0.0', AF_INET, 8, true],
    ['192.168.1/24', '192.168.1.0', AF_INET, 24, true],
    ['10.0.0.0/255.255.255.0', '10.0.0.0', AF_INET, 24, true],
    ['0.0.0.0/0', '0.0.0.0', AF_INET, 0, true],
    ['2001:DB8:0:0::1/64', '2001:db8::1', AF_INET6, 64, true],
    ['::1', '::1', AF_INET6, 128, false],
    ['::ffff:10.0.0.1/96', '::ffff:10.0.0.1', AF_INET6, 96, true],
    // As ip reads them (strtoul base 0): a leading zero is octal, 0x hex, in parts and lengths.
    ['10.0.0.010/24', '10.0.0.8', AF_INET, 24, true],
    ['0x0a.0.0.1', '10.0.0.1', AF_INET, 32, false],
    ['10.0.0.1/024', '10.0.0.1', AF_INET, 20, true],
    ['10.0.0.1/0x18', '10.0.0.1', AF_INET, 24, true],
    ['10.0.0.0001/00', '10.0.0.1', AF_INET, 0, true],
    ['2001:db8::1/0100', '2001:db8::1', AF_INET6, 64, true],
  ];
  for (const [text, address, family, prefixlen, explicit] of cases) {
    const p = parsePrefix(text);
    t.same([p.address, p.family, p.prefixlen, p.explicit], [address, family, prefixlen, explicit], text);
    t.equal(p.bytes.length, family === AF_INET ? 4 : 16);
  }
});

t.test('errors say what is wrong', async (t) => {
  const bad: [string, RegExp][] = [
    ['10.0.0.300/24', /invalid prefix "10.0.0.300\/24": 300 is not a byte \(0-255\)/],
    ['10.0.0.1/33', /prefix length 33 is out of range for IPv4 \(0-32\)/],
    ['2001:db8::1/129', /prefix length 129 is out of range for IPv6 \(0-128\)/],
    ['garbage', /expected an IPv4 \(10.0.0.1\) or IPv6 \(2001:db8::1\) address/],
    ['10.0.0.1/x', /prefix length "x" is not a number/],
    ['10.0.0.1/', /prefix length "" is not a number/],
    ['10.0.0.1.5', /is not an IPv4 address/],
    ['10..0.1', /is not an IPv4 address/],
    ['2001:db8:::1', /expected an IPv4/],
    ['fe80::1%eth0', /expected an IPv4/],
    ['10.0.0.0/255.0.255.0', /netmask 255.0.255.0 is not contiguous/],
    ['10.0.0.08/24', /"10.0.0.08" is not an IPv4 address/],
    ['0x100.0.0.1', /0x100 is not a byte/],
    ['10.0.0.1/0x', /prefix length "0x" is not a number/],
    ['', /expected an IPv4/],
  ];
  for (const [text, re] of bad) t.throws(() => parsePrefix(text), { name: 'UsageError', message: re }, JSON.stringify(text));
  t.throws(() => parsePrefix('10.0.0.1/24', 'prefix', AF_INET6), /an IPv4 address where IPv6 is expected/);
  t.throws(() => parseAddr('10.0.0.1/24'), /without a prefix length/);
  t.throws(() => parseAddr(5 as unknown as string), /expected an address string/);
  t.throws(() => parseFamily('ipx' as never), /invalid family "ipx"/);
});

t.test('default, network, broadcast, families', async (t) => {
  t.same(parseDst('default'), { family: AF_INET, address: '0.0.0.0', bytes: Buffer.alloc(4), prefixlen: 0, explicit: true });
  t.equal(parseDst('default', AF_INET6).address, '::');
  t.equal(parseDst('any', AF_INET6).prefixlen, 0);
  t.equal(networkOf(parsePrefix('10.1.2.3/20')), '10.1.0.0');
  t.equal(broadcastOf(parsePrefix('10.1.2.3/20')), '10.1.15.255');
  t.equal(networkOf(parsePrefix('2001:db8::abcd/112')), '2001:db8::');
  t.same(hostBits(Buffer.from([0xff, 0xff]), 4, false), Buffer.from([0xf0, 0]));
  t.same([parseFamily('inet'), parseFamily(6), parseFamily(10), parseFamily(undefined)], [AF_INET, AF_INET6, AF_INET6, undefined]);
});

// parseBare() takes a canonical dotted quad by a char-code scan first (perf) and everything else
// ip accepts (1-4 parts, each strtoul base 0, so a leading zero is octal: get_addr_ipv4; the
// length likewise: get_netmask) by the general path. The reference here is that rule written
// out: the two paths must not be told apart.
t.test('IPv4 prefixes: the fast path and ip\'s general rule give the same result', async (t) => {
  const reference = (text: string): { address: string; prefixlen: number } | undefined => {
    const [a, len] = text.split('/');
    const parts = a!.split('.');
    // C's strtoul(base 0) on digits alone: 0 then octal digits, or decimal; nothing left over.
    const c = (p: string) => /^0[0-7]*$/.test(p) ? parseInt(p, 8) : /^[1-9]\d*$/.test(p) ? Number(p) : NaN;
    if (parts.length > 4 || parts.some((p) => !(c(p) <= 255))) return undefined;
    if (len !== undefined && !(c(len) <= 32)) return undefined;
    const bytes = [0, 0, 0, 0];
    parts.forEach((p, i) => { bytes[i] = c(p); });
    return { address: bytes.join('.'), prefixlen: len === undefined ? 32 : c(len) };
  };
  let seed = 99;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return (seed >>> 8) % n; };
  const part = () => [String(rand(256)), `0${rand(100)}`, String(rand(1000)), ''][rand(8) < 5 ? 0 : rand(4)]!;
  const cases = ['10.0.0.1', '10.0.0.1/24', '010.0.0.1/8', '10.0.0.01', '1.2.3.4/032', '1.2.3.4/', '1.2.3.4/33', '255.255.255.255/32'];
  for (let i = 0; i < 3000; i++) {
    const n = 1 + rand(4);
    let text = Array.from({ length: n }, part).join('.');
    if (rand(3)) text += `/${rand(40)}`;
    cases.push(text);
  }
  let ok = 0;
  for (const c of cases) {
    const want = reference(c);
    let got: { address: string; prefixlen: number } | undefined;
    try {
      const p = parsePrefix(c);
      got = { address: p.address, prefixlen: p.prefixlen };
      if (!p.bytes.equals(Buffer.from(p.address.split('.').map(Number)))) t.fail(`${c}: bytes ${p.bytes.toString('hex')}`);
      ok++;
    } catch { got = undefined; }
    if (JSON.stringify(got) !== JSON.stringify(want)) t.fail(`${JSON.stringify(c)}: got ${JSON.stringify(got)}, ip's rule says ${JSON.stringify(want)}`);
  }
  t.ok(ok > 500, `${ok} of ${cases.length} accepted`);
  t.pass('no disagreement');
});
