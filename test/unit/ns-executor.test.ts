// The executor against stand-in workers (eval'd code speaking the worker protocol), so the
// poisoned-thread path can be driven without stranding a real thread: a poisoned worker is never
// reused and the jobs queued behind it are re-posted to a fresh one; a crash rejects what was
// pending; an idle worker does not keep the process alive.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { Executor } from '../../src/ns/executor.js';
import { SyscallError } from '../../src/netlink/errors.js';

// Answers each job with [workerNumber, op]; the first worker reports itself poisoned on op 'strand'.
const fake = (n: number) => new Worker(`
  const { parentPort } = require('node:worker_threads');
  parentPort.on('message', (req) => {
    if (req.op === 'crash') throw new Error('boom');
    if (req.op === 'fail') return parentPort.postMessage({ id: req.id, ok: false,
      error: { name: 'SyscallError', message: 'setns x: Invalid argument (EINVAL)', fields: { syscall: 'setns', errno: 22, code: 'EINVAL' } } });
    const poisoned = req.op === 'strand' && ${n} === 1 ? 'setns home: Bad file descriptor (EBADF)' : undefined;
    parentPort.postMessage({ id: req.id, ok: true, value: [${n}, req.op], poisoned });
    if (poisoned) process.exit(1);
  });`, { eval: true });

t.test('a poisoned worker is replaced and queued jobs move to the fresh one', async (t) => {
  let made = 0;
  const ex = new Executor(() => fake(++made));
  t.teardown(() => ex.shutdown());
  const jobs = ['a', 'strand', 'b', 'c', 'strand'].map((op) => ex.post({ op: op as 'whoami', args: [], nsFd: -1 }));
  const out = await Promise.all(jobs);
  t.same(out, [[1, 'a'], [1, 'strand'], [2, 'b'], [2, 'c'], [2, 'strand']],
    'the poisoned op keeps its answer; everything after it ran on worker 2');
  t.equal(ex.poisoned, 1);
  t.equal(made, 2, 'exactly one replacement');
  t.equal(ex.pending, 0);
});

t.test('errors are rebuilt into their classes', async (t) => {
  const ex = new Executor(() => fake(1));
  t.teardown(() => ex.shutdown());
  const e = await ex.post({ op: 'fail' as 'whoami', args: [], nsFd: -1 }).catch((x: unknown) => x);
  t.type(e, SyscallError);
  t.equal((e as SyscallError).code, 'EINVAL');
  t.same(await ex.post({ op: 'whoami', args: [], nsFd: -1 }), [1, 'whoami'], 'the worker goes on after an op error');
});

t.test('a crashing worker rejects what was pending and the next job gets a new worker', async (t) => {
  let made = 0;
  const ex = new Executor(() => fake(++made + 1));
  t.teardown(() => ex.shutdown());
  const r = await Promise.allSettled(['crash', 'x'].map((op) => ex.post({ op: op as 'whoami', args: [], nsFd: -1 })));
  t.same(r.map((x) => x.status), ['rejected', 'rejected']);
  t.same(await ex.post({ op: 'whoami', args: [], nsFd: -1 }), [3, 'whoami']);
});

t.test('shutdown ends the worker and rejects nothing when idle', async (t) => {
  const ex = new Executor(() => fake(5));
  await ex.post({ op: 'whoami', args: [], nsFd: -1 });
  t.ok(ex.running);
  await ex.shutdown();
  t.notOk(ex.running);
});

t.test('an idle worker does not keep the process alive', async (t) => {
  // A child that runs real worker ops and never calls shutdown must still exit on its own.
  const executor = fileURLToPath(new URL('../../src/ns/executor.js', import.meta.url));
  const code = `import { runIn } from ${JSON.stringify(executor)};
    const a = await runIn(undefined, 'whoami'); const b = await runIn(undefined, 'whoami');
    if (a !== b || !a.startsWith('net:[')) process.exit(3);
    console.log('done');`;
  // A file rather than --eval: tap's loaders, inherited by the child, refuse --input-type.
  const dir = mkdtempSync(join(tmpdir(), 'nlt-exec-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'idle.mjs'), code);
  const r = spawnSync(process.execPath, [join(dir, 'idle.mjs')], { encoding: 'utf8', timeout: 90000 });
  // A bound for a hang, not a timing: under load (2 cores, 8 agents) start-up alone took 11 s.
  t.equal(r.signal, null, 'not killed by the timeout');
  t.equal(r.status, 0, r.stderr);
  t.equal(r.stdout.trim(), 'done');
});
