// CallOrder (src/netlink/route/call-order.ts): sends happen in ticket order whatever order the
// preparations finish in; a call that must look up waits for its turn; a failed preparation
// gives its turn up; calls ready at once are sent synchronously (same tick, same datagram).
import t from 'tap';
import { CallOrder } from '../../src/netlink/route/call-order.js';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('sends follow call order, not preparation order', async (t) => {
  const o = new CallOrder();
  const sent: string[] = [];
  const send = (x: string) => { sent.push(x); return Promise.resolve(x); };
  const calls = [
    o.run(async () => { await later(20); return 'a'; }, send),
    o.run(() => 'b', send),
    o.run(async () => { await later(5); return 'c'; }, send),
    o.run(() => 'd', send),
  ];
  t.same(sent, [], 'nothing overtakes a call still preparing');
  t.same(await Promise.all(calls), ['a', 'b', 'c', 'd']);
  t.same(sent, ['a', 'b', 'c', 'd']);
});

t.test('ready calls are sent synchronously, at the call', async (t) => {
  const o = new CallOrder();
  const sent: number[] = [];
  for (let i = 0; i < 3; i++) void o.run(() => i, (x) => { sent.push(x); return Promise.resolve(); });
  t.same(sent, [0, 1, 2]);
});

t.test('turn() waits for every earlier call to be sent', async (t) => {
  const o = new CallOrder();
  const log: string[] = [];
  const first = o.run(async () => { await later(10); return 'first'; }, (x) => { log.push(`sent ${x}`); return Promise.resolve(); });
  const second = o.run(async (turn) => { await turn(); log.push('lookup'); return 'second'; }, (x) => { log.push(`sent ${x}`); return Promise.resolve(); });
  await Promise.all([first, second]);
  t.same(log, ['sent first', 'lookup', 'sent second']);
});

t.test('a failed preparation gives up its turn', async (t) => {
  const o = new CallOrder();
  const sent: string[] = [];
  const send = (x: string) => { sent.push(x); return Promise.resolve(x); };
  const r = await Promise.allSettled([
    o.run(async () => { await later(5); throw new Error('bad input'); }, send),
    o.run(() => { throw new Error('bad at once'); }, send),
    o.run(() => 'c', send),
  ]);
  t.same(r.map((x) => x.status), ['rejected', 'rejected', 'fulfilled']);
  t.same(sent, ['c']);
});
