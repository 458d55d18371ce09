// Golden pair for netnsids: the RTM_NEWNSID iproute2 6.1 sent for `ip -n nlfx-a netns set nlfx-b 7`
// (see test/fixtures/README.md). ip writes NETNSA_FD before NETNSA_NSID; our table emits in
// kernel-number order (NSID 1, FD 3), so encodings are compared with attributes sorted, and
// the exact bytes are checked against a hand-reordered copy.
import t from 'tap';
import { encodeMessage, splitMessages } from '../../../src/netlink/message.js';
import { NLM_F_ACK, NLM_F_REQUEST } from '../../../src/netlink/constants.js';
import { UsageError } from '../../../src/netlink/errors.js';
import * as K from '../../../src/netlink/route/constants.js';
import { NsidService, nsidBody, nsidSetMessage } from '../../../src/netlink/route/nsid.js';
import type { RouteContext } from '../../../src/netlink/route/context.js';
import type { RequestSpec } from '../../../src/netlink/socket.js';
import { fixture } from '../../helpers/fixtures.js';
import { canonical } from '../../helpers/canonical.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) t.plan(0, 'big-endian host: fixtures are little-endian');

const bytes = fixture('nsid_set');
const [m] = splitMessages(bytes);
const expected = { header: { family: 0 }, attrs: { fd: 6, nsid: 7 } };
// The fixture with its two attributes swapped into table order (NETNSA_NSID, then NETNSA_FD).
const tableOrder = Buffer.concat([bytes.subarray(0, 20), bytes.subarray(28, 36), bytes.subarray(20, 28)]);

t.test('nsid_set decodes', async (t) => {
  t.equal(m!.type, K.RTM_NEWNSID);
  t.equal(m!.flags, NLM_F_REQUEST | NLM_F_ACK, 'ip sends neither NLM_F_CREATE nor NLM_F_EXCL');
  t.same(nsidBody.read(m!.body, 'fixture'), expected, 'decode(bytes) equals the object');
  const again = encodeMessage({ type: m!.type, flags: m!.flags, seq: m!.seq, pid: 0 }, nsidBody, expected);
  t.same(again, tableOrder, 'encode(object) is the bytes in table order');
  t.same(canonical(again, 4), canonical(bytes, 4), 'same attributes as ip sent');
});

t.test('nsidSetMessage makes the message ip made', async (t) => {
  const req = nsidSetMessage(6, 7);
  t.same(req, { type: K.RTM_NEWNSID, flags: 0, body: expected });
  const enc = encodeMessage({ type: req.type, flags: req.flags | NLM_F_REQUEST | NLM_F_ACK, seq: m!.seq, pid: 0 }, nsidBody, req.body);
  t.same(enc, tableOrder);
  t.same(nsidSetMessage(6, 'auto').body.attrs, { nsid: -1, fd: 6 }, "'auto' is NETNSA_NSID -1");
  for (const bad of [-2, 1.5, 2 ** 31, Number.NaN]) t.throws(() => nsidSetMessage(6, bad), UsageError, String(bad));
});

t.test('NsidService.set sends that message', async (t) => {
  const sent: RequestSpec[] = [];
  const closed: number[] = [];
  const ctx = {
    netnsLabel: undefined,
    ifindex: async () => { throw new Error('not used'); },
    openNetns: () => ({ fd: 6, label: 'nlfx-b', close: () => { closed.push(6); } }),
    sock: {
      request: async (spec: RequestSpec) => {
        sent.push(spec);
        // The follow-up RTM_GETNSID reads the id back.
        return { messages: spec.type === K.RTM_GETNSID ? [{ type: K.RTM_NEWNSID, flags: 0, seq: 1, pid: 0, body: { header: { family: 0 }, attrs: { nsid: 7 } } }] : [] };
      },
    },
  } as unknown as RouteContext;
  t.equal(await new NsidService(ctx).set('nlfx-b', 7), 7);
  t.equal(sent[0]!.type, K.RTM_NEWNSID);
  t.equal(sent[0]!.op, 'nsid.set nlfx-b 7');
  // The socket adds NLM_F_REQUEST|NLM_F_ACK to every request, as ip sets them.
  const enc = encodeMessage({ type: sent[0]!.type, flags: (sent[0]!.flags ?? 0) | NLM_F_REQUEST | NLM_F_ACK, seq: m!.seq, pid: 0 }, nsidBody, sent[0]!.body as typeof expected);
  t.same(canonical(enc, 4), canonical(bytes, 4), 'the bytes ip sent, up to attribute order');
  t.same(sent[1], { type: K.RTM_GETNSID, op: 'nsid.get nlfx-b', body: { header: { family: 0 }, attrs: { fd: 6 } } }, 'then reads the id back');
  t.same(closed, [6, 6], 'each namespace fd is closed');
  await t.rejects(new NsidService(ctx).set('nlfx-b', -5), UsageError);
  t.equal(sent.length, 2, 'a bad id sends nothing');
});
