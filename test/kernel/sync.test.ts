// exchangeSync (src/netlink/sync.ts) on a netlink socket the worker opened in a scratch
// namespace: a reply is collected up to its ack, a kernel refusal is a NetlinkError with the
// ext-ack attribute named, and a request the kernel never answers ends at the deadline.
import t from 'tap';
import * as netns from '../../src/ns/netns.js';
import * as libc from '../../src/netlink/libc.js';
import { NLM_F_ACK, NLM_F_REQUEST } from '../../src/netlink/constants.js';
import { NetlinkError, SyscallError } from '../../src/netlink/errors.js';
import { encodeMessage, splitMessages } from '../../src/netlink/message.js';
import { decodeMessage } from '../../src/netlink/socket.js';
import { exchangeSync } from '../../src/netlink/sync.js';
import * as K from '../../src/netlink/route/constants.js';
import { linkBody, type LinkMessage } from '../../src/netlink/route/link-attrs.js';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

const header = (index: number) => ({ family: 0, type: 0, index, flags: 0, change: 0 });

t.test('exchangeSync in a scratch namespace', async (t) => {
  const ns = scratchNs(t, 'sync');
  const fd: number = await netns.runIn(ns, 'netlinkSocket', {});
  t.teardown(() => libc.close(fd));
  const req = (type: number, flags: number, seq: number, body: LinkMessage) => encodeMessage({ type, flags, seq, pid: 0 }, linkBody, body);

  const got = exchangeSync(fd, req(K.RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, 1, { header: header(1), attrs: {} }), 2000);
  const msgs = got.flatMap((d) => splitMessages(d)).map(decodeMessage);
  t.equal((msgs[0]!.body as LinkMessage).attrs.ifname, 'lo', 'the reply, from inside the namespace');
  t.equal(msgs.at(-1)!.type, 2, 'ends with the ack');

  const e = (() => { try { exchangeSync(fd, req(K.RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, 2, { header: header(999), attrs: {} }), 2000); } catch (x) { return x; } })();
  t.type(e, NetlinkError);
  t.equal((e as NetlinkError).code, 'ENODEV');
  t.equal((e as NetlinkError).request?.seq, 2);

  const long = (() => { try { exchangeSync(fd, req(K.RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | 0x600, 3, { header: header(0), attrs: { ifname: 'x'.repeat(30), linkinfo: { kind: 'dummy' } } }), 2000); } catch (x) { return x; } })();
  t.type(long, NetlinkError);
  t.equal((long as NetlinkError).code, 'ERANGE');
  t.equal((long as NetlinkError).extack?.attr, 'ifname', 'ext-ack offset mapped through the registered body');

  // Without NLM_F_ACK a successful RTM_SETLINK gets no reply at all: the deadline ends the wait.
  const t0 = Date.now();
  const silent = (() => { try { exchangeSync(fd, req(K.RTM_SETLINK, NLM_F_REQUEST, 4, { header: header(1), attrs: {} }), 150); } catch (x) { return x; } })();
  t.type(silent, SyscallError);
  t.equal((silent as SyscallError).code, 'ETIMEDOUT');
  t.ok(Date.now() - t0 < 2000, 'bounded by the timeout');
  t.match((silent as Error).message, /RTM_SETLINK seq 4/);
});

t.teardown(() => netns.shutdown());
