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
