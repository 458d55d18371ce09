// Golden pairs for nexthop objects: the requests iproute2 6.1 sent for `ip nexthop add/replace/
// del/get/show` and `ip route add ... nhid`, and nexthops kernel 6.18 dumped
// (test/fixtures/nexthop_*.hex, reply_newnexthop_*.hex, route_add_nhid.hex). ip emits attributes
// in the order of the words, our table in NHA_* order: requests are compared with top-level
// attributes sorted (test/helpers/canonical.ts).
import t from 'tap';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST } from '../../../src/netlink/constants.js';
import { UsageError } from '../../../src/netlink/errors.js';
import * as K from '../../../src/netlink/route/constants.js';
import { nhBody, nhBucketDumpMessage, nhBucketGetMessage, nhDumpMessage, nhGetMessage, nhMessage, type NhCommand, type NhOptions } from '../../../src/netlink/route/nexthop.js';
import { routeBody, routeMessage } from '../../../src/netlink/route/route.js';
import { fixture } from '../../helpers/fixtures.js';
import { canonical } from '../../helpers/canonical.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) t.plan(0, 'big-endian host: fixtures are little-endian');

const dev = (d: string | number) => (d === 'veth0' ? 3 : Number(d));

const golden: [string, NhCommand, NhOptions][] = [
  ['nexthop_add_via', 'add', { id: 1, via: '10.0.0.2', dev: 'veth0' }],
  ['nexthop_add_v6', 'add', { id: 2, via: '2001:db8:1::2', dev: 'veth0', onlink: true, protocol: 'static' }],
  ['nexthop_add_dev', 'add', { id: 3, dev: 'veth0' }],
  ['nexthop_add_blackhole', 'add', { id: 4, blackhole: true }],
  ['nexthop_add_group', 'add', { id: 10, group: [{ id: 1 }, { id: 3, weight: 2 }] }],
  ['nexthop_add_resilient', 'add', { id: 11, group: [{ id: 1 }, { id: 3 }], groupType: 'resilient', resilient: { buckets: 8, idleTimer: 10, unbalancedTimer: 20 } }],
  ['nexthop_add_fdb', 'add', { id: 20, via: '10.0.0.5', fdb: true }],
  ['nexthop_replace', 'replace', { id: 3, via: '10.0.0.3', dev: 'veth0' }],
  ['nexthop_del', 'del', { id: 4 }],
];

for (const [name, cmd, opts] of golden) {
  t.test(name, async (t) => {
    const bytes = fixture(name);
    const [m] = splitMessages(bytes);
    const req = nhMessage(cmd, opts, dev);
    t.equal(m!.type, req.type, 'message type');
    t.equal(m!.flags, req.flags | NLM_F_REQUEST | NLM_F_ACK, 'nlmsg flags as ip sent them');
    const ours = encodeMessage({ type: req.type, flags: m!.flags, seq: 0, pid: 0 }, nhBody, req.body);
    t.same(canonical(ours, 8), canonical(bytes, 8), 'nhMessage makes the bytes ip made');
    t.same(nhBody.read(m!.body, 'fixture'), req.body, 'decode(ip bytes) equals the built message');
  });
}

t.test('nexthop_get: ip nexthop get id 1 (no ACK: ip waits for the answer)', async (t) => {
  const bytes = fixture('nexthop_get');
  const [m] = splitMessages(bytes);
  t.equal(m!.flags, NLM_F_REQUEST);
  const req = nhGetMessage(1);
  t.same(encodeMessage({ type: req.type, flags: m!.flags, seq: m!.seq, pid: 0 }, nhBody, req.body), bytes);
});

for (const [name, filter] of [
  ['nexthop_dump_request', {}], ['nexthop_dump_dev', { oif: 3 }], ['nexthop_dump_groups', { groups: true }],
] as const) {
  t.test(`${name}: the dump request of ip nexthop show`, async (t) => {
    const bytes = fixture(name);
    const [m] = splitMessages(bytes);
    t.equal(m!.flags, NLM_F_REQUEST | NLM_F_DUMP);
    t.same(encodeMessage({ type: K.RTM_GETNEXTHOP, flags: m!.flags, seq: m!.seq, pid: 0 }, nhBody, nhDumpMessage(filter)), bytes);
  });
}

t.test('nexthop_bucket_get: ip nexthop bucket get id 4 index 1', async (t) => {
  const bytes = fixture('nexthop_bucket_get');
  const [m] = splitMessages(bytes);
  const req = nhBucketGetMessage(4, 1);
  t.same([m!.type, m!.flags], [K.RTM_GETNEXTHOPBUCKET, req.flags | NLM_F_REQUEST]);
  t.same(encodeMessage({ type: req.type, flags: m!.flags, seq: m!.seq, pid: 0 }, nhBody, req.body), bytes, 'the bytes ip made');
  t.same(nhBody.read(m!.body, 'fixture').attrs, { id: 4, res_bucket: { index: 1 } });
});

t.test('nexthop_bucket_dump: ip nexthop bucket show id 4 nhid 1 dev v0', async (t) => {
  const bytes = fixture('nexthop_bucket_dump');
  const [m] = splitMessages(bytes);
  t.equal(m!.flags, NLM_F_REQUEST | NLM_F_DUMP);
  const ours = encodeMessage({ type: K.RTM_GETNEXTHOPBUCKET, flags: m!.flags, seq: m!.seq, pid: 0 }, nhBody, nhBucketDumpMessage({ oif: 3, id: 4, nhid: 1 }));
  // ip writes NHA_OIF before NHA_ID; our table is in NHA_* order.
  t.same(canonical(ours, 8), canonical(bytes, 8));
});

t.test('route_add_nhid: a route through nexthop object 10', async (t) => {
  const bytes = fixture('route_add_nhid');
  const req = routeMessage('add', { dst: '10.5.0.0/24', nhid: 10 }, () => 0);
  const ours = encodeMessage({ type: req.type, flags: req.flags | NLM_F_REQUEST | NLM_F_ACK, seq: 0, pid: 0 }, routeBody, req.body);
  t.same(canonical(ours, 12), canonical(bytes, 12), 'routeMessage with nhid makes the bytes ip made (scope universe: no direct route)');
});

t.test('reply_newnexthop_via and _group: nexthops as the kernel dumps them', async (t) => {
  const [via] = splitMessages(fixture('reply_newnexthop_via'));
  t.same(nhBody.read(via!.body, 'fixture'), { header: { family: 2, scope: K.RT_SCOPE_LINK, protocol: 0, flags: 0 }, attrs: { id: 1, oif: 3, gateway: '10.0.0.2' } });
  const bytes = fixture('reply_newnexthop_group');
  const [g] = splitMessages(bytes);
  const grp = nhBody.read(g!.body, 'fixture');
  const { unknown, ...attrs } = grp.attrs;
  t.same(grp.header, { family: 0, scope: 0, protocol: 0, flags: 0 });
  t.same(attrs, { id: 10, group_type: K.NEXTHOP_GRP_TYPE_MPATH, group: [{ id: 1, weight: 0 }, { id: 3, weight: 1 }] });
  t.equal(unknown?.length, 1, 'NHA_OP_FLAGS (newer than the uapi headers here) kept raw');
  t.same(canonical(encodeMessage({ type: g!.type, flags: g!.flags, seq: g!.seq, pid: g!.pid }, nhBody, grp), 8), canonical(bytes, 8), 'decode -> encode keeps every attribute');
});

t.test('builder rules and refusals', async (t) => {
  t.equal(nhMessage('add', { id: 5, via: 'fe80::1', dev: 1 }, dev).body.header.family, K.AF_INET6, 'family follows the gateway');
  t.equal(nhMessage('add', { id: 5, group: [{ id: 1 }] }, dev).body.header.family, K.AF_UNSPEC, 'groups are AF_UNSPEC');
  t.same(nhMessage('add', { id: 5, group: [{ id: 1 }], groupType: 'mpath' }, dev).body.attrs.group_type, 0);
  t.throws(() => nhMessage('add', { id: 5, via: 'fe80::1', family: 'inet' }, dev), UsageError, 'gateway of the other family');
  t.throws(() => nhMessage('add', { id: 5, group: [{ id: 1, weight: 257 }] }, dev), /weight/);
  t.throws(() => nhMessage('add', { id: 5, group: [] }, dev), /empty/);
  t.throws(() => nhMessage('add', { id: 5, groupType: 'resilient' }, dev), /needs a group/);
  t.same(nhMessage('del', {}, dev).body.attrs, {}, 'a delete without id is sent as ip sends it; the kernel refuses it');
  t.notOk(nhMessage('add', { id: 5, group: [{ id: 1 }], groupType: 'resilient' }, dev).body.attrs.res_group, 'no resilient options, no nest (as ip)');
  t.throws(() => nhMessage('add', { id: -1 }, dev), UsageError);
});
