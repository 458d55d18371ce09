// Kernel replies captured from kernel 6.18 by strace on iproute2 6.1 (see test/fixtures/README.md):
// an ext-ack error (full request echoed, NLM_F_ACK_TLVS only), an EEXIST error without TLVs, a
// capped ACK, and the NLMSG_DONE that ended a dump. Decoded through splitMessages + parseError /
// parseDone, and the ext-ack offset mapped back through the echoed request to its attribute.
import t from 'tap';
import { splitMessages } from '../../../src/netlink/message.js';
import { parseDone, parseError } from '../../../src/netlink/ack.js';
import { describeOffset } from '../../../src/netlink/attrs.js';
import { NLM_F_ACK_TLVS, NLM_F_CAPPED, NLM_F_DUMP_FILTERED, NLM_F_MULTI, NLMSG_DONE, NLMSG_ERROR } from '../../../src/netlink/constants.js';
import { linkBody } from '../../../src/netlink/route/link-attrs.js';
import { fixture } from '../../helpers/fixtures.js';

t.test('reply_error_extack: ERANGE with message, offset and policy', async (t) => {
  const [m, ...rest] = splitMessages(fixture('reply_error_extack'));
  t.equal(rest.length, 0);
  t.equal(m!.type, NLMSG_ERROR);
  t.equal(m!.flags, NLM_F_ACK_TLVS, 'ACK_TLVS without CAPPED');
  t.equal(m!.seq, 0x6b05e67a);
  const ack = parseError(m!.body, m!.flags);
  t.equal(ack.errno, 34);
  t.same(ack.extack, { message: 'Attribute failed policy validation', offset: 32, policy: { type: 11, maxLength: 15 } });
  t.same(ack.request, { len: 80, type: 16, flags: 0x605, seq: 0x6b05e67a, pid: 0 });
  // The echoed request is the whole RTM_NEWLINK: offset 32 lands in IFLA_IFNAME.
  const echoed = m!.body.subarray(4 + 16, 4 + ack.request!.len);
  t.equal(describeOffset(linkBody, echoed, ack.extack!.offset! - 16), 'ifname');
  t.same(linkBody.read(echoed, 'echo').attrs.linkinfo, { kind: 'veth' });
});

t.test('reply_error_eexist: EEXIST, no TLVs, request echoed', async (t) => {
  const [m] = splitMessages(fixture('reply_error_eexist'));
  t.equal(m!.flags, 0);
  const ack = parseError(m!.body, m!.flags);
  t.equal(ack.errno, 17);
  t.equal(ack.extack, undefined);
  t.equal(ack.request!.type, 16);
});

t.test('reply_ack: a capped success ACK', async (t) => {
  const [m] = splitMessages(fixture('reply_ack'));
  t.equal(m!.type, NLMSG_ERROR);
  t.equal(m!.flags, NLM_F_CAPPED);
  t.equal(m!.pid, 2681);
  const ack = parseError(m!.body, m!.flags);
  t.same(ack, { errno: 0, request: { len: 92, type: 16, flags: 0x605, seq: 0x6b05e3d0, pid: 0 } });
});

t.test('reply_done: NLMSG_DONE with error 0 ends a filtered dump', async (t) => {
  const [m] = splitMessages(fixture('reply_done'));
  t.equal(m!.type, NLMSG_DONE);
  t.equal(m!.flags, NLM_F_MULTI | NLM_F_DUMP_FILTERED);
  t.same(parseDone(m!.body, m!.flags), { errno: 0 });
});

t.test('several messages in one datagram split at NLMSG_ALIGN boundaries', async (t) => {
  const a = fixture('reply_ack');       // 36 bytes
  const d = fixture('reply_done');      // 20 bytes
  const e = fixture('reply_error_extack');
  const msgs = splitMessages(Buffer.concat([a, d, e]));
  t.same(msgs.map((m) => m.type), [NLMSG_ERROR, NLMSG_DONE, NLMSG_ERROR]);
  t.same(msgs.map((m) => m.body.length), [a.length - 16, d.length - 16, e.length - 16]);
  t.throws(() => splitMessages(Buffer.concat([a, d.subarray(0, 18)])), /claims 20 bytes, only 18 left/);
});
