// 200 add/delete cycles of our own, then a check that nothing is left behind: no /run/netns
// entries, no mounts, no fds, no threads. The worker is started before the baseline is taken so
// its one thread is counted on both sides.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import * as netns from '../../src/ns/netns.js';
import { kernelSkipReason, removeNs, scratchName } from '../helpers/scratch.js';

const skip = kernelSkipReason();

function snapshot(prefix: string) {
  return {
    files: readdirSync('/run/netns').filter((n) => n.startsWith(prefix)).length,
    // Other test files add and delete namespaces in parallel: count every mount except the
    // per-namespace ones under /run/netns (ours are counted on their own below).
    mounts: readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => !l.includes(' /run/netns/')).length,
    ours: readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(prefix)).length,
    fds: readdirSync('/proc/self/fd').length,
    threads: readdirSync('/proc/self/task').length,
  };
}

t.test('200 add/delete cycles leave nothing behind', { skip: skip ? `netns kernel tests skipped: ${skip}` : false }, async (t) => {
  t.teardown(() => netns.shutdown());
  const prefix = scratchName('cyc');
  const warm = `${prefix}-warm`;
  t.teardown(() => removeNs(warm));
  await netns.add(warm); // starts the worker, prepares /run/netns
  await netns.delete(warm);
  await new Promise((r) => setTimeout(r, 50));
  const before = snapshot(prefix);
  for (let i = 0; i < 200; i++) {
    const n = `${prefix}-${i}`;
    t.teardown(() => removeNs(n));
    await netns.add(n);
    if (i % 50 === 0) await netns.sysctl.get(n, 'net.ipv4.ip_forward');
    await netns.delete(n);
  }
  await new Promise((r) => setTimeout(r, 50));
  const after = snapshot(prefix);
  t.same(after, before, 'files, mounts, fds and threads as before');
  t.equal(after.files, 0);
  t.equal(after.ours, 0);
});
