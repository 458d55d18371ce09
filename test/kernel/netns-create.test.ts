// Netlink.open({ netns: NAME, create: true }): the named namespace made as netns.add makes it
// (visible to `ip netns`), the handle's socket made inside it by the same worker trip, EEXIST
// for a name that exists (which is left alone), bad input refused before anything is made, and
// creates issued together made in one trip.
import t from 'tap';
import { existsSync, statSync } from 'node:fs';
import { Netlink } from '../../src/client.js';
import { workerTrips } from '../../src/ns/executor.js';
import { kernelSkipReason, ip, ipJson, removeNs, scratchName } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

t.test('makes the namespace and a handle inside it in one trip', async (t) => {
  const name = scratchName('mk');
  t.teardown(() => removeNs(name));
  const warm = scratchName('warm');
  t.teardown(() => removeNs(warm));
  await (await Netlink.open({ netns: warm, create: true })).close(); // the worker's start, not counted below
  const before = workerTrips();
  const nl = await Netlink.open({ netns: name, create: true });
  t.equal(workerTrips() - before, 1, 'one worker trip');
  try {
    t.ok(ip('netns', 'list').split('\n').some((l) => l.split(' ')[0] === name), 'ip netns list shows it');
    t.equal(nl.netnsLabel, name);
    await nl.link.set({ dev: 'lo', up: true });
    const lo = ipJson<{ flags: string[] }[]>('-n', name, 'link', 'show', 'lo');
    t.ok(lo[0]!.flags.includes('UP'), 'the handle acts inside it: lo is up there');
  } finally {
    await nl.close();
  }
});

t.test('a name that exists: EEXIST, and that namespace is left as it was', async (t) => {
  const name = scratchName('ex');
  t.teardown(() => removeNs(name));
  ip('netns', 'add', name);
  const ino = statSync(`/run/netns/${name}`).ino;
  await t.rejects(Netlink.open({ netns: name, create: true }), { code: 'EEXIST' });
  t.equal(statSync(`/run/netns/${name}`).ino, ino, 'the same namespace is mounted there');
});

t.test('bad input is refused before anything is made', async (t) => {
  await t.rejects(Netlink.open({ netns: { pid: process.pid }, create: true }), { name: 'UsageError', message: /create needs netns to be a name/ });
  await t.rejects(Netlink.open({ create: true }), { name: 'UsageError' });
  await t.rejects(Netlink.open({ netns: 'nlt-a/b', create: true }), { name: 'UsageError' });
  t.notOk(existsSync('/run/netns/nlt-a'), 'nothing made');
});

t.test('creates issued together: one trip for all', async (t) => {
  const names = Array.from({ length: 10 }, () => scratchName('many'));
  t.teardown(() => names.forEach(removeNs));
  const before = workerTrips();
  const handles = await Promise.all(names.map((netns) => Netlink.open({ netns, create: true })));
  t.equal(workerTrips() - before, 1, 'one trip for 10 namespaces and their sockets');
  const inodes = new Set(names.map((n) => statSync(`/run/netns/${n}`).ino));
  t.equal(inodes.size, 10, 'ten distinct namespaces');
  for (const h of handles) await h.close();
});
