// A lost reply must not hang a call forever (issue 9 item 4): a timeout or an AbortSignal, per
// request or per handle, fails the call with an error that names it, and the handle goes on.
// Replies are "lost" by dropping the datagrams that carry them before the socket sees them.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError } from '../../src/netlink/errors.js';
import type { NetlinkSocket } from '../../src/netlink/socket.js';
import * as K from '../../src/netlink/route/constants.js';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

/** Drops every datagram the socket receives while `on()` says so, as a lost reply would. */
function loseReplies(sock: NetlinkSocket): { lose(on: boolean): void } {
  const s = sock as unknown as { dispatch(d: Buffer): void };
  const orig = s.dispatch.bind(sock);
  let losing = false;
  s.dispatch = (d: Buffer) => { if (!losing) orig(d); };
  return { lose: (on) => { losing = on; } };
}

const getLo = { type: K.RTM_GETLINK, body: { header: { family: 0, index: 1 }, attrs: {} } };
const dumpLinks = { type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: {} } };

t.test('timeouts and aborts', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'tmo');

  t.test('per request: the error names the request, and the socket works after', async (t) => {
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());
    const net = loseReplies(nl.sock);
    net.lose(true);
    const err = await nl.request({ ...getLo, op: 'probe.lost', timeout: 30 }).then(() => null, (e: unknown) => e);
    t.type(err, NetlinkError);
    t.equal((err as NetlinkError).code, 'ETIMEDOUT');
    t.match((err as Error).message, new RegExp(`^probe\\.lost \\[netns ${ns}\\]: .*\\(ETIMEDOUT\\): no answer within 30 ms \\(seq \\d+\\)$`));
    const dumpErr = await nl.dumpAll({ ...dumpLinks, op: 'probe.dump', timeout: 30 }).then(() => null, (e: unknown) => e);
    t.match((dumpErr as Error).message, /^probe\.dump .*ETIMEDOUT/, 'a dump times out too');
    net.lose(false);
    t.equal((await nl.request(getLo)).messages.length, 1, 'a request after the timeouts is answered');
    t.equal((await nl.dumpAll(dumpLinks)).length, 1, 'and so is a dump');
  });

  t.test('per handle: every request is bounded by the handle timeout', async (t) => {
    const nl = await Netlink.open({ netns: ns, timeout: 30 });
    t.teardown(() => nl.close());
    const net = loseReplies(nl.sock);
    net.lose(true);
    await t.rejects(nl.link.get('lo'), { code: 'ETIMEDOUT', message: /^link\.get lo/ }, 'a service call names itself');
    await t.rejects(nl.link.list(), { code: 'ETIMEDOUT', message: /^link\.list/ });
    net.lose(false);
    t.equal((await nl.link.get('lo')).header.index, 1);
  });

  t.test('signals: per request and per handle, before and while waiting', async (t) => {
    const handle = new AbortController();
    const nl = await Netlink.open({ netns: ns, signal: handle.signal });
    t.teardown(() => nl.close());
    const net = loseReplies(nl.sock);
    net.lose(true);
    const ac = new AbortController();
    const p = nl.request({ ...getLo, op: 'probe.abort', signal: ac.signal });
    ac.abort(new Error('caller left'));
    await t.rejects(p, { name: 'AbortError', code: 'ABORT_ERR', message: /^probe\.abort \[netns .*\]: aborted \(caller left\)$/ });
    await t.rejects(nl.request({ ...getLo, signal: AbortSignal.abort() }), { name: 'AbortError' }, 'an aborted signal fails at once');
    const waiting = [nl.request({ ...getLo, op: 'a' }), nl.dumpAll({ ...dumpLinks, op: 'b' })];
    handle.abort();
    const r = await Promise.allSettled(waiting);
    t.same(r.map((x) => x.status === 'rejected' && (x.reason as Error).name), ['AbortError', 'AbortError'], 'the handle signal fails what waits');
    await t.rejects(nl.request(getLo), { name: 'AbortError' }, 'and what comes later');
  });
});
