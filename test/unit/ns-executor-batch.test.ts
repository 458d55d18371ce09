// Worker trips are batched: jobs posted in one tick reach the worker as one message and are run
// in order; a poisoned op in a batch re-posts the jobs after it to a fresh worker.
import t from 'tap';
import { Worker } from 'node:worker_threads';
import { Executor } from '../../src/ns/executor.js';

t.test('jobs posted in one tick make one trip to the real worker, in order', async (t) => {
  const ex = new Executor(undefined, true);
  t.teardown(() => ex.shutdown());
  const out = await Promise.all(Array.from({ length: 20 }, () => ex.post({ op: 'whoami', args: [] })));
  t.equal(new Set(out).size, 1, 'every job ran');
  t.match(out[0], /^net:\[\d+\]$/);
  t.equal(ex.trips, 1, 'one message to the worker');
  await ex.post({ op: 'whoami', args: [] });
  await ex.post({ op: 'whoami', args: [] });
  t.equal(ex.trips, 3, 'awaited one by one: a trip each');
});

// Speaks the batch protocol; on worker 1, op 'strand' is poisoned and ends the batch.
const fake = (n: number) => new Worker(`
  const { parentPort } = require('node:worker_threads');
  const one = (req) => ({ id: req.id, ok: true, value: [${n}, req.op], poisoned: req.op === 'strand' && ${n} === 1 ? 'stranded' : undefined });
  parentPort.on('message', (msg) => {
    if (!msg.batch) { const r = one(msg); parentPort.postMessage(r); if (r.poisoned) process.exit(1); return; }
    const replies = [];
    for (const req of msg.batch) { const r = one(req); replies.push(r); if (r.poisoned) break; }
    parentPort.postMessage({ batch: replies });
    if (replies[replies.length - 1].poisoned) process.exit(1);
  });`, { eval: true });

t.test('a poisoned op in a batch: the jobs after it run on a fresh worker', async (t) => {
  let made = 0;
  const ex = new Executor(() => fake(++made), true);
  t.teardown(() => ex.shutdown());
  const out = await Promise.all(['a', 'strand', 'b', 'c'].map((op) => ex.post({ op: op as 'whoami', args: [], nsFd: -1 })));
  t.same(out, [[1, 'a'], [1, 'strand'], [2, 'b'], [2, 'c']]);
  t.equal(ex.poisoned, 1);
  t.equal(ex.trips, 2, 'the batch, then the re-posted rest as one');
});
