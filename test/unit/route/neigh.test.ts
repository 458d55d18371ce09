// Golden pairs for neighbours: the request iproute2 6.1 sent for `ip neigh add` and an entry
// kernel 6.18 dumped (see test/fixtures/README.md). The kernel fills NDA_PROBES before
// NDA_CACHEINFO, so the reply's re-encoding is compared with attributes sorted.
import t from 'tap';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { NLM_F_ACK, NLM_F_REPLACE, NLM_F_REQUEST } from '../../../src/netlink/constants.js';
import * as K from '../../../src/netlink/route/constants.js';
import { neighBody, neighMessage, parseNudState, type NeighMessage, type NeighOptions } from '../../../src/netlink/route/neigh.js';
import { fixture } from '../../helpers/fixtures.js';
import { canonical } from '../../helpers/canonical.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) t.plan(0, 'big-endian host: fixtures are little-endian');

t.test('neigh_add', async (t) => {
  const bytes = fixture('neigh_add');
  const [m] = splitMessages(bytes);
  const expected: NeighMessage = {
    header: { family: 2, ifindex: 3, state: K.NUD_PERMANENT, flags: 0, type: 0 },
    attrs: { dst: '10.0.0.9', lladdr: '02:00:00:00:00:09' },
  };
  t.equal(m!.type, K.RTM_NEWNEIGH);
  t.same(neighBody.read(m!.body, 'fixture'), expected, 'decode(bytes) equals the object');
  t.same(encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: 0 }, neighBody, expected), bytes, 'encode(object) equals the bytes');
  const req = neighMessage('add', { dst: '10.0.0.9', lladdr: '02:00:00:00:00:09', dev: 'veth0', state: 'permanent' }, 3);
  t.same(encodeMessage({ type: req.type, flags: req.flags | NLM_F_REQUEST | NLM_F_ACK, seq: m!.seq, pid: 0 }, neighBody, req.body), bytes, 'neighMessage makes the bytes ip made');
});

t.test('reply_newneigh', async (t) => {
  const bytes = fixture('reply_newneigh');
  const [m] = splitMessages(bytes);
  const n = neighBody.read(m!.body, 'fixture') as NeighMessage;
  t.same(n, {
    header: { family: 2, ifindex: 3, state: K.NUD_PERMANENT, flags: 0, type: 1 },
    attrs: { dst: '10.0.0.9', lladdr: '02:00:00:00:00:09', probes: 0, cacheinfo: { confirmed: 0xf8b0, used: 0xf8b0, updated: 0xf8b0, refcnt: 0 } },
  });
  const again = encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: m!.pid }, neighBody, n);
  t.same(canonical(again, 12), canonical(bytes, 12));
});

t.test('options map as ip neigh maps them', async (t) => {
  const d = neighMessage('add', { dst: '10.0.0.9', dev: 'x' }, 4);
  t.equal(d.body.header.state, K.NUD_PERMANENT, 'permanent by default');
  t.equal(d.flags, 0x600);
  const r = neighMessage('replace', { dst: '2001:db8::9', lladdr: '02:00:00:00:00:0a', dev: 'x', state: 'reachable', router: true }, 4);
  t.equal(r.flags, 0x500);
  t.same(r.body.header, { family: K.AF_INET6, ifindex: 4, state: K.NUD_REACHABLE, flags: K.NTF_ROUTER, type: 0 });
  const p = neighMessage('add', { dst: '10.0.0.7', dev: 'x', proxy: true }, 4).body.header;
  t.equal(p.flags, K.NTF_PROXY);
  t.equal(neighMessage('change', { dst: '10.0.0.7', dev: 'x', state: 'stale' }, 4).flags, NLM_F_REPLACE);
  // As `ip neigh add 10.0.0.12 lladdr 02:00:00:00:00:0c dev v0 managed` sends it (strace, iproute2 6.1):
  // NDA_FLAGS_EXT (15) = NTF_EXT_MANAGED, state NONE.
  const m = neighMessage('add', { dst: '10.0.0.12', lladdr: '02:00:00:00:00:0c', dev: 'x', managed: true, state: 0 }, 3).body;
  t.same([m.header.state, m.attrs.flags_ext], [0, 1], 'managed: NDA_FLAGS_EXT NTF_EXT_MANAGED');
  const del = neighMessage('del', { dst: '10.0.0.7', dev: 'x' }, 4);
  t.same([del.type, del.flags], [K.RTM_DELNEIGH, 0]);
  t.equal(neighMessage('add', { dst: '10.0.0.7', dev: 'x', protocol: 'static' }, 4).body.attrs.protocol, K.RTPROT_STATIC);
  t.same(['permanent', 'noarp', 'reachable', 'stale', 'none', 'incomplete', 'delay', 'probe', 'failed'].map((s) => parseNudState(s)),
    [0x80, 0x40, 0x2, 0x4, 0, 0x1, 0x8, 0x10, 0x20]);
  t.equal(parseNudState(['stale', 'delay']), 0xc);
});

t.test('validation errors before anything is sent', async (t) => {
  const bad: [NeighOptions, RegExp][] = [
    [{ dst: '10.0.0.256', dev: 'x' }, /256 is not a byte/],
    [{ dst: '10.0.0.1/24', dev: 'x' }, /without a prefix length/],
    [{ dst: '10.0.0.1', dev: 'x', lladdr: 'zz:00' }, /invalid lladdr "zz:00"/],
    [{ dst: '10.0.0.1', dev: 'x', state: 'sleepy' }, /invalid neighbour state "sleepy"/],
    [{ dst: '10.0.0.1', dev: 'x', state: 0x10000 }, /invalid neighbour state 65536/],
  ];
  for (const [opts, re] of bad) t.throws(() => neighMessage('add', opts, 1), { name: 'UsageError', message: re }, JSON.stringify(opts));
  t.throws(() => neighMessage('add', { dst: '10.0.0.1' } as NeighOptions, 1), /dev is required/);
});
