// NLMSG_ERROR and NLMSG_DONE parsing and NetlinkError text, from hand-built messages laid out as
// linux/netlink.h defines them (struct nlmsgerr: int error; struct nlmsghdr msg; then, with
// NLM_F_ACK_TLVS, nlmsgerr_attrs TLVs after the echoed request, which NLM_F_CAPPED cuts to its header).
import t from 'tap';
import { parseDone, parseError } from '../../src/netlink/ack.js';
import { NLM_F_ACK_TLVS, NLM_F_CAPPED, NLMSGERR_ATTR_MISS_TYPE, NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY } from '../../src/netlink/constants.js';
import { DecodeError, NetlinkError, SyscallError, DumpInterruptedError, UsageError, fromPlainError, toPlainError } from '../../src/netlink/errors.js';
import { Writer } from '../../src/netlink/writer.js';
import { writeAttr, defineAttrs } from '../../src/netlink/attrs.js';
import { bytes, cstring, u32 } from '../../src/netlink/codecs.js';

/** An nlmsghdr of a request that was 'len' bytes long, as the kernel echoes it. */
function reqHeader(len: number, type = 16, flags = 0x605, seq = 7, pid = 1234): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(len, 0); b.writeUInt16LE(type, 4); b.writeUInt16LE(flags, 6); b.writeUInt32LE(seq, 8); b.writeUInt32LE(pid, 12);
  return b;
}

function errBody(errno: number, echoed: Buffer, tlvs?: (w: Writer) => void): Buffer {
  const w = new Writer(64);
  w.s32(-errno);
  w.bytes(echoed);
  w.pad();
  tlvs?.(w);
  return Buffer.from(w.view());
}

t.test('plain ack: error 0, capped, no TLVs', async (t) => {
  const ack = parseError(errBody(0, reqHeader(40)), NLM_F_CAPPED);
  t.equal(ack.errno, 0);
  t.equal(ack.extack, undefined);
  t.same(ack.request, { len: 40, type: 16, flags: 0x605, seq: 7, pid: 1234 });
});

t.test('error with ext-ack message and offset, capped', async (t) => {
  const body = errBody(34, reqHeader(64), (w) => {
    writeAttr(w, NLMSGERR_ATTR_MSG, cstring, 'Attribute failed policy validation', '');
    writeAttr(w, NLMSGERR_ATTR_OFFS, u32, 32, '');
    const p = defineAttrs('p', { 1: { key: 'type', codec: u32 }, 7: { key: 'maxLength', codec: u32 } });
    writeAttr(w, NLMSGERR_ATTR_POLICY, { name: 'p', write: (ww, v) => p.encode(ww, v), read: () => ({}) }, { type: 11, maxLength: 15 }, '');
  });
  const ack = parseError(body, NLM_F_CAPPED | NLM_F_ACK_TLVS);
  t.equal(ack.errno, 34);
  t.same(ack.extack, { message: 'Attribute failed policy validation', offset: 32, policy: { type: 11, maxLength: 15 } });
});

t.test('uncapped: TLVs start after the whole echoed request', async (t) => {
  const request = Buffer.concat([reqHeader(22), Buffer.from('abcdef')]); // 22 bytes, padded to 24
  const body = errBody(17, request, (w) => writeAttr(w, NLMSGERR_ATTR_MSG, cstring, 'exists', ''));
  t.equal(body.length, 4 + 24 + 12);
  const ack = parseError(body, NLM_F_ACK_TLVS);
  t.equal(ack.errno, 17);
  t.equal(ack.extack?.message, 'exists');
});

t.test('missing attribute report', async (t) => {
  const body = errBody(22, reqHeader(32), (w) => {
    writeAttr(w, NLMSGERR_ATTR_MSG, cstring, 'Missing attribute', '');
    writeAttr(w, NLMSGERR_ATTR_MISS_TYPE, u32, 3, '');
  });
  const ack = parseError(body, NLM_F_CAPPED | NLM_F_ACK_TLVS);
  t.same(ack.extack, { message: 'Missing attribute', missingType: 3 });
  const e = new NetlinkError(ack.errno, { op: 'link.add', type: 'RTM_NEWLINK', flags: 0, seq: 7 }, ack.extack);
  t.equal(e.message, 'link.add: Invalid argument (EINVAL): Missing attribute [missing attribute type 3]');
});

t.test('warning: errno 0 with a message', async (t) => {
  const body = errBody(0, reqHeader(32), (w) => writeAttr(w, NLMSGERR_ATTR_MSG, cstring, 'prefix route ignored', ''));
  const ack = parseError(body, NLM_F_CAPPED | NLM_F_ACK_TLVS);
  t.equal(ack.errno, 0);
  t.equal(ack.extack?.message, 'prefix route ignored');
});

t.test('truncated error bodies are DecodeErrors', async (t) => {
  t.throws(() => parseError(Buffer.alloc(10), 0), DecodeError);
  const body = errBody(1, reqHeader(400));
  t.throws(() => parseError(body, NLM_F_ACK_TLVS), /beyond the 20-byte body/);
});

t.test('NLMSG_DONE: empty, error code, error with ext-ack', async (t) => {
  t.same(parseDone(Buffer.alloc(0), 0), { errno: 0 });
  const b = Buffer.alloc(4); b.writeInt32LE(0, 0);
  t.same(parseDone(b, 0), { errno: 0 });
  const w = new Writer(16);
  w.s32(-95);
  writeAttr(w, NLMSGERR_ATTR_MSG, cstring, 'dump not supported', '');
  t.same(parseDone(Buffer.from(w.view()), NLM_F_ACK_TLVS), { errno: 95, extack: { message: 'dump not supported' } });
});

t.test('error text and codes', async (t) => {
  const e = new NetlinkError(17, { op: 'link.add veth0', type: 'RTM_NEWLINK', flags: 0x605, seq: 3, netns: 'blue' }, { message: 'boom', attr: 'ifname' });
  t.equal(e.message, 'link.add veth0 [netns blue]: File exists (EEXIST): boom [attribute ifname]');
  t.equal(e.code, 'EEXIST');
  t.equal(e.errno, 17);
  const s = new SyscallError('setns', 1, 'blue');
  t.equal(s.message, 'setns blue: Operation not permitted (EPERM)');
  t.equal(new DecodeError('link > mtu', 'u32 needs 4 bytes, got 2').message, 'link > mtu: u32 needs 4 bytes, got 2');
  t.match(new DumpInterruptedError([1, 2]).message, /2 messages read may be inconsistent/);
});

t.test('errors survive a round trip through plain data with their class', async (t) => {
  for (const e of [
    new NetlinkError(19, { op: 'link.get x', type: 'RTM_GETLINK', flags: 5, seq: 1 }, { message: 'no dev' }),
    new SyscallError('mount', 22, '/run/netns'),
    new UsageError('bad'),
  ]) {
    const back = fromPlainError(structuredClone(toPlainError(e)));
    t.equal(back.constructor, e.constructor, e.name);
    t.equal(back.message, e.message);
    t.same({ ...back }, { ...e });
  }
  const plain = fromPlainError(toPlainError('just a string'));
  t.equal(plain.message, 'just a string');
});

void bytes;
