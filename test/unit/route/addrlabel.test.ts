// Golden pairs for IPv6 address labels and netconf requests: the bytes iproute2 6.1 sent for
// `ip addrlabel add/del/list` and `ip netconf show [dev X]` (test/fixtures/addrlabel_*.hex,
// netconf_*.hex). ip puts IFAL_LABEL before IFAL_ADDRESS; our table emits in IFAL_* order, so
// those are compared with attributes sorted (test/helpers/canonical.ts).
import t from 'tap';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST } from '../../../src/netlink/constants.js';
import { UsageError } from '../../../src/netlink/errors.js';
import * as K from '../../../src/netlink/route/constants.js';
import { addrlabelBody, addrlabelDumpMessage, addrlabelMessage } from '../../../src/netlink/route/addrlabel.js';
import { netconfBody } from '../../../src/netlink/route/netconf.js';
import { fixture } from '../../helpers/fixtures.js';
import { canonical } from '../../helpers/canonical.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) t.plan(0, 'big-endian host: fixtures are little-endian');

const dev = (d: string | number) => (d === 'veth0' ? 3 : Number(d));

for (const [name, cmd, opts] of [
  ['addrlabel_add', 'add', { prefix: '2001:db8:5::/48', dev: 'veth0', label: 100 }],
  ['addrlabel_del', 'del', { prefix: '2001:db8:5::/48', label: 100 }],
] as const) {
  t.test(name, async (t) => {
    const bytes = fixture(name);
    const [m] = splitMessages(bytes);
    const req = addrlabelMessage(cmd, opts, dev);
    t.equal(m!.type, req.type);
    t.equal(m!.flags, req.flags | NLM_F_REQUEST | NLM_F_ACK);
    const ours = encodeMessage({ type: req.type, flags: m!.flags, seq: 0, pid: 0 }, addrlabelBody, req.body);
    t.same(canonical(ours, 12), canonical(bytes, 12), 'addrlabelMessage makes the bytes ip made');
    t.same(addrlabelBody.read(m!.body, 'fixture'), req.body, 'decode(ip bytes) equals the built message');
  });
}

t.test('addrlabel_dump_request', async (t) => {
  const bytes = fixture('addrlabel_dump_request');
  const [m] = splitMessages(bytes);
  t.equal(m!.flags, NLM_F_REQUEST | NLM_F_DUMP);
  t.same(encodeMessage({ type: K.RTM_GETADDRLABEL, flags: m!.flags, seq: m!.seq, pid: 0 }, addrlabelBody, addrlabelDumpMessage()), bytes);
});

t.test('netconf_dump_request and netconf_get_request', async (t) => {
  const dump = fixture('netconf_dump_request');
  const [d] = splitMessages(dump);
  t.same(encodeMessage({ type: K.RTM_GETNETCONF, flags: d!.flags, seq: d!.seq, pid: 0 }, netconfBody, { header: { family: 0 }, attrs: {} }), dump, 'ip netconf show');
  const get = fixture('netconf_get_request');
  const [g] = splitMessages(get);
  t.equal(g!.flags, NLM_F_REQUEST | NLM_F_ACK);
  t.same(encodeMessage({ type: K.RTM_GETNETCONF, flags: g!.flags, seq: g!.seq, pid: 0 }, netconfBody, { header: { family: 2 }, attrs: { ifindex: 3 } }), get, 'ip -4 netconf show dev veth0');
});

t.test('addrlabel refusals', async (t) => {
  t.throws(() => addrlabelMessage('add', { prefix: '2001:db8::/32', label: 0xffffffff }, dev), UsageError, 'the kernel\'s "no label" value');
  t.throws(() => addrlabelMessage('add', { prefix: 'zz', label: 1 }, dev), UsageError);
  t.equal(addrlabelMessage('add', { prefix: '2001:db8::1', label: 1 }, dev).body.header.prefixlen, 128, 'a bare address is a /128');
});
