// Golden pairs for addresses: requests iproute2 6.1 sent and a reply kernel 6.18 sent (see
// test/fixtures/README.md). ip emits IFA_LOCAL before IFA_ADDRESS and the kernel IFA_FLAGS
// before IFA_CACHEINFO, while our table emits in kernel-number order, so encodings are compared
// with attributes sorted (test/helpers/canonical.ts); headers and every attribute must match.
import t from 'tap';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { NLM_F_ACK, NLM_F_REQUEST } from '../../../src/netlink/constants.js';
import { UsageError } from '../../../src/netlink/errors.js';
import { addrBody, addrFlagNames, addrMessage, type AddrMessage, type AddrOptions } from '../../../src/netlink/route/address.js';
import * as K from '../../../src/netlink/route/constants.js';
import { fixture } from '../../helpers/fixtures.js';
import { canonical } from '../../helpers/canonical.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) t.plan(0, 'big-endian host: fixtures are little-endian');

function encodeRequest(cmd: 'add' | 'replace' | 'del', opts: AddrOptions, ifindex: number): Buffer {
  const req = addrMessage(cmd, opts, ifindex);
  return encodeMessage({ type: req.type, flags: req.flags | NLM_F_REQUEST | NLM_F_ACK, seq: 0, pid: 0 }, addrBody, req.body);
}

const golden: [string, AddrOptions, AddrMessage][] = [
  ['addr_add_v4', { dev: 'veth0', address: '10.0.0.1/24' },
    { header: { family: 2, prefixlen: 24, flags: 0, scope: 0, index: 3 }, attrs: { address: '10.0.0.1', local: '10.0.0.1' } }],
  ['addr_add_v4_brd', { dev: 'veth0', address: '10.0.1.1/24', broadcast: '+', label: 'veth0:1' },
    { header: { family: 2, prefixlen: 24, flags: 0, scope: 0, index: 3 }, attrs: { address: '10.0.1.1', local: '10.0.1.1', label: 'veth0:1', broadcast: '10.0.1.255' } }],
  ['addr_add_v6', { dev: 'veth0', address: '2001:db8::1/64', nodad: true },
    { header: { family: 10, prefixlen: 64, flags: K.IFA_F_NODAD, scope: 0, index: 3 }, attrs: { address: '2001:db8::1', local: '2001:db8::1' } }],
];

for (const [name, opts, expected] of golden) {
  t.test(name, async (t) => {
    const bytes = fixture(name);
    const [m] = splitMessages(bytes);
    t.equal(m!.type, K.RTM_NEWADDR);
    t.equal(m!.flags, 0x605, 'REQUEST|ACK|EXCL|CREATE');
    t.same(addrBody.read(m!.body, 'fixture'), expected, 'decode(bytes) equals the object');
    const again = encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: 0 }, addrBody, expected);
    t.same(canonical(again, 8), canonical(bytes, 8), 'encode(object) equals the bytes (attribute order aside)');
    t.equal(again.length, bytes.length);
    t.same(canonical(encodeRequest('add', opts, 3), 8), canonical(bytes, 8), 'addrMessage makes the bytes ip made');
  });
}

t.test('reply_newaddr: a dumped address decodes, flags and lifetimes included', async (t) => {
  const bytes = fixture('reply_newaddr');
  const [m] = splitMessages(bytes);
  const a = addrBody.read(m!.body, 'fixture') as AddrMessage;
  t.same(a.header, { family: 2, prefixlen: 24, flags: K.IFA_F_PERMANENT, scope: 0, index: 3 });
  t.same(a.attrs, {
    address: '10.0.0.1', local: '10.0.0.1', label: 'veth0', flags: K.IFA_F_PERMANENT,
    cacheinfo: { prefered: 0xffffffff, valid: 0xffffffff, cstamp: 0xccd2, tstamp: 0xccd2 },
  });
  t.same(addrFlagNames(a), ['permanent']);
  const again = encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: m!.pid }, addrBody, a);
  t.same(canonical(again, 8), canonical(bytes, 8));
});

t.test('IPv4 details as ip builds them', async (t) => {
  const peer = addrMessage('add', { dev: 'ppp0', address: '10.9.0.1', peer: '10.9.0.2/30', broadcast: '+' }, 7).body;
  t.same(peer.header, { family: 2, prefixlen: 30, flags: 0, scope: 0, index: 7 }, 'prefix length from the peer');
  t.same(peer.attrs, { local: '10.9.0.1', address: '10.9.0.2', broadcast: '10.9.0.3' }, "brd + from the peer's prefix");
  t.equal(addrMessage('add', { dev: 'x', address: '10.0.0.1/24', broadcast: '-' }, 1).body.attrs.broadcast, '10.0.0.0');
  t.equal(addrMessage('add', { dev: 'x', address: '10.0.0.1/31', broadcast: '+' }, 1).body.attrs.broadcast, undefined, 'no broadcast beyond /30');
  t.equal(addrMessage('add', { dev: 'x', address: '10.0.0.1/24', broadcast: '10.0.0.127' }, 1).body.attrs.broadcast, '10.0.0.127');
  t.equal(addrMessage('add', { dev: 'lo', address: '127.0.0.2/8' }, 1).body.header.scope, K.RT_SCOPE_HOST, '127/8 is host scope');
  t.equal(addrMessage('add', { dev: 'x', address: '10.0.0.1/24', scope: 'link' }, 1).body.header.scope, K.RT_SCOPE_LINK);
  const host = addrMessage('add', { dev: 'x', address: '10.0.0.1' }, 1).body;
  t.equal(host.header.prefixlen, 32, 'a bare address is /32');
  const wild = addrMessage('del', { dev: 'x', address: '10.0.0.1' }, 1);
  t.equal(wild.type, K.RTM_DELADDR);
  t.equal(wild.flags, 0);
  t.same(wild.body.attrs, { local: '10.0.0.1' }, 'del without a length leaves IFA_ADDRESS out (any prefix)');
  t.same(addrMessage('del', { dev: 'x', address: '10.0.0.1/24' }, 1).body.attrs, { local: '10.0.0.1', address: '10.0.0.1' });
  const rep = addrMessage('replace', { dev: 'x', address: '10.0.0.1/24', metric: 50, proto: 'kernel_ra' }, 1);
  t.equal(rep.flags, 0x500, 'CREATE|REPLACE');
  t.equal(rep.body.attrs.rt_priority, 50);
  t.equal(rep.body.attrs.proto, K.IFAPROT_KERNEL_RA);
});

t.test('IPv6 flags and lifetimes', async (t) => {
  const a = addrMessage('add', { dev: 'x', address: '2001:db8::5/64', noprefixroute: true, nodad: true, home: true, validLft: 300, preferredLft: 100 }, 2).body;
  t.equal(a.header.flags, 0, 'flags above 0xff go in IFA_FLAGS only, as ip does');
  t.equal(a.attrs.flags, K.IFA_F_NOPREFIXROUTE | K.IFA_F_NODAD | K.IFA_F_HOMEADDRESS);
  t.same(a.attrs.cacheinfo, { prefered: 100, valid: 300, cstamp: 0, tstamp: 0 });
  const f = addrMessage('add', { dev: 'x', address: '2001:db8::5/64', validLft: 'forever', preferredLft: 0 }, 2).body;
  t.same(f.attrs.cacheinfo, { prefered: 0, valid: 0xffffffff, cstamp: 0, tstamp: 0 }, 'preferred 0 = deprecated at once');
  t.equal(addrMessage('add', { dev: 'x', address: '2001:db8::5/64', mngtmpaddr: true }, 2).body.header.flags, 0, 'mngtmpaddr is 0x100');
  t.equal(addrMessage('add', { dev: 'x', address: 'fe80::1/64', optimistic: true }, 2).body.header.flags, K.IFA_F_OPTIMISTIC);
  t.equal(addrMessage('add', { dev: 'x', address: '2001:db8::1' }, 2).body.header.prefixlen, 128, 'a bare IPv6 address is /128');
});

t.test('validation errors are UsageErrors, thrown before anything is sent', async (t) => {
  const bad: [AddrOptions, RegExp][] = [
    [{ dev: 'x', address: '10.0.0.300/24' }, /300 is not a byte/],
    [{ dev: 'x', address: '10.0.0.1/33' }, /prefix length 33 is out of range for IPv4 \(0-32\)/],
    [{ dev: 'x', address: '2001:db8::1/129' }, /out of range for IPv6 \(0-128\)/],
    [{ dev: 'x', address: 'garbage' }, /expected an IPv4 .* or IPv6/],
    [{ dev: 'x', address: '10.0.0.1/' }, /prefix length "" is not a number/],
    [{ dev: 'x', address: '2001:db8::1/64', broadcast: '+' }, /broadcast can be set only for IPv4/],
    [{ dev: 'x', address: '2001:db8::1/64', label: 'x:1' }, /label can be set only for IPv4/],
    [{ dev: 'veth0', address: '10.0.0.1/24', label: 'eth0:1' }, /must be "veth0" or start with "veth0:"/],
    [{ dev: 'x', address: '10.0.0.1/24', peer: '2001:db8::2' }, /an IPv6 address where IPv4 is expected/],
    [{ dev: 'x', address: '10.0.0.1/24', scope: 'galaxy' }, /invalid scope "galaxy"/],
    [{ dev: 'x', address: '10.0.0.1/24', validLft: 10, preferredLft: 20 }, /preferred_lft is greater than valid_lft/],
    [{ dev: 'x', address: '10.0.0.1/24', validLft: 0 }, /valid_lft is zero/],
    [{ dev: 'x', address: '10.0.0.1/24', validLft: -1 }, /invalid valid_lft/],
  ];
  for (const [opts, re] of bad) {
    t.throws(() => addrMessage('add', opts, 1), { name: 'UsageError', message: re }, JSON.stringify(opts));
  }
  t.throws(() => addrMessage('add', { dev: 'x', address: '10.0.0.300/24' }, 1), UsageError);
});
