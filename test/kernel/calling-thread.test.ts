// Namespace operations on the calling thread (src/ns/calling-thread.ts, what the nlctl CLI uses
// instead of the worker): the operation runs inside the target, the thread is home afterwards,
// newNetns makes a namespace ip sees, errors come back as thrown, and with useCallingThread()
// runIn() never starts the worker.
import t from 'tap';
import { readlinkSync, statSync } from 'node:fs';
import { runOnCallingThread, useCallingThread } from '../../src/ns/calling-thread.js';
import { runIn, setRunner, sharedExecutor } from '../../src/ns/executor.js';
import * as netns from '../../src/ns/netns.js';
import { SyscallError } from '../../src/netlink/errors.js';
import { kernelSkipReason, scratchNs, scratchName, removeNs, ip } from '../helpers/scratch.js';

const skip = kernelSkipReason();
const here = () => readlinkSync('/proc/thread-self/ns/net');

t.test('runs inside the target and comes home', { skip }, async (t) => {
  const ns = scratchNs(t, 'ct');
  const home = here();
  const inside = runOnCallingThread(ns, 'whoami');
  t.equal(inside, `net:[${statSync(`/run/netns/${ns}`).ino}]`, 'the op ran in the target');
  t.not(inside, home);
  t.equal(here(), home, 'and the thread is back home');
  t.throws(() => runOnCallingThread(ns, 'sysctlRead', '/proc/sys/net/nosuch'), { code: 'ENOENT' }, 'what the op throws is thrown');
  t.equal(here(), home, 'home after a failure too');
  t.throws(() => runOnCallingThread(scratchName('missing'), 'whoami'), SyscallError, 'a namespace that does not exist');
  t.equal(here(), home);
});

t.test('newNetns: a new namespace bound onto the file, which ip sees; the thread comes home', { skip }, async (t) => {
  const name = scratchName('ctnew');
  t.teardown(() => removeNs(name));
  const home = here();
  useCallingThread();
  t.teardown(() => setRunner(undefined));
  await netns.add(name);
  t.equal(here(), home, 'back home');
  t.ok(ip('netns', 'list').split('\n').some((l) => l.split(' ')[0] === name), 'ip lists it');
  t.not(ip('netns', 'exec', name, 'readlink', '/proc/self/ns/net').trim(), home, 'a namespace of its own');
  t.equal(await runIn(name, 'whoami'), `net:[${statSync(`/run/netns/${name}`).ino}]`, 'runIn goes to the calling thread too');
  t.equal(sharedExecutor().running, false, 'no worker was started (nothing else in this file starts one)');
});

// The CLI end to end: commands that work in other namespaces start no worker thread (a preload
// reports any Worker constructed) and leave the main thread home (checked at exit).
t.test('nlctl netns add / -n NS netns list-id / link peer: no worker, main thread home', { skip }, async (t) => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { CLI } = await import('../helpers/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-hook-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const hook = join(dir, 'hook.cjs');
  writeFileSync(hook, `const wt = require('node:worker_threads'); const W = wt.Worker;
wt.Worker = class extends W { constructor(...a) { process.stderr.write('WORKER STARTED\\n'); super(...a); } };
const home = require('node:fs').readlinkSync('/proc/self/ns/net');
process.on('exit', () => { if (require('node:fs').readlinkSync('/proc/thread-self/ns/net') !== home) process.stderr.write('NOT HOME\\n'); });
`);
  const a = scratchNs(t, 'cta');
  const b = scratchNs(t, 'ctb');
  const c = scratchNs(t, 'ctc');
  const made = scratchName('ctadd');
  t.teardown(() => removeNs(made));
  ip('-n', a, 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1', 'netns', b);
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${hook}` } });
  for (const args of [['netns', 'add', made], ['-n', a, 'netns', 'set', c, 'auto'], ['-n', a, 'netns', 'list-id'], ['-n', a, 'link', 'peer', 'p0'], ['netns', 'del', made]]) {
    const r = run(...args);
    t.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    t.notMatch(r.stderr, /WORKER STARTED|NOT HOME/, `${args.join(' ')}: no worker, home at exit`);
  }
  t.match(run('-n', a, 'link', 'peer', 'p0').stdout, new RegExp(`p0 peer p1 netns ${b}`), 'the peer was found in the other namespace');
});
