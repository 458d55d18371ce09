// The socket's request queue (src/netlink/fifo.ts): first in, first out across its compaction,
// removal from the middle, and draining.
import t from 'tap';
import { Fifo } from '../../../src/netlink/fifo.js';

t.test('order survives interleaved pushes and shifts past the compaction point', async (t) => {
  const q = new Fifo<number>();
  const model: number[] = [];
  let next = 0;
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 100 + round * 7; i++) { q.push(next); model.push(next++); }
    for (let i = 0; i < 90 + round * 5; i++) if (q.shift() !== model.shift()) return t.fail(`round ${round}`);
    t.equal(q.length, model.length);
  }
  t.same(q.drain(), model, 'the rest, in order');
  t.equal(q.length, 0);
  t.equal(q.shift(), undefined, 'empty');
});

t.test('remove takes the first match only, from what is still queued', async (t) => {
  const q = new Fifo<string>();
  for (const s of ['a', 'b', 'c', 'b']) q.push(s);
  t.equal(q.shift(), 'a');
  t.notOk(q.remove((s) => s === 'a'), 'a has left already');
  t.ok(q.remove((s) => s === 'b'));
  t.same(q.drain(), ['c', 'b']);
});
