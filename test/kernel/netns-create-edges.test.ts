// Netlink.open({ netns: NAME, create: true }) at its edges: socket options honoured in the new
// namespace (groups joined, rcvbuf set), a socket that cannot be made leaving nothing in
// /run/netns and nothing mounted, and opens raced against netns.add/del of the same name issued
// in the same tick coming out in one of their sequential orders.
import t from 'tap';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { Netlink } from '../../src/client.js';
import * as netns from '../../src/ns/netns.js';
import { getsockoptInt } from '../../src/netlink/libc.js';
import type { SocketOptions } from '../../src/netlink/socket.js';
import { kernelSkipReason, ip, removeNs, scratchName } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

const SOL_SOCKET = 1;
const SO_RCVBUF = 8;

/** How many mounts sit on `path` (a stacked second namespace would make it 2). */
function mounts(path: string): number {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.split(' ')[4] === path).length;
}

/** The netlink socket fd of a handle (its own socket). */
function fdOf(nl: Netlink): number {
  return (nl as unknown as { sock: { fd: number } }).sock.fd;
}

t.test('socket options reach the socket made in the new namespace', async (t) => {
  const name = scratchName('opt');
  t.teardown(() => removeNs(name));
  const nl = await Netlink.open({ netns: name, create: true, socket: { groups: [1, 5], rcvbuf: 1 << 16 } });
  t.teardown(() => nl.close());
  // The kernel doubles what was asked (socket(7)).
  t.equal(getsockoptInt(fdOf(nl), SOL_SOCKET, SO_RCVBUF), 2 << 16, 'rcvbuf');
  // /proc/net/netlink of the namespace lists its sockets with their first 32 groups as a bitmap.
  const rows = ip('netns', 'exec', name, 'cat', '/proc/net/netlink').trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
  t.ok(rows.some((r) => r[1] === '0' && r[3] === '00000011'), 'a NETLINK_ROUTE socket in that namespace with groups 1 and 5');
});

for (const [what, socket, code] of [
  ['a group the kernel refuses (0)', { groups: [0] }, 'EINVAL'],
  ['a protocol that does not exist', { protocol: 31 }, 'EPROTONOSUPPORT'],
] as [string, SocketOptions, string][]) {
  t.test(`${what}: the error, nothing in /run/netns, nothing mounted`, async (t) => {
    const name = scratchName('bad');
    t.teardown(() => removeNs(name));
    await t.rejects(Netlink.open({ netns: name, create: true, socket }), { code });
    t.notOk(existsSync(`/run/netns/${name}`), 'no file');
    t.equal(mounts(`/run/netns/${name}`), 0, 'no mount');
    // The name is free again: a plain create works.
    await (await Netlink.open({ netns: name, create: true })).close();
    t.ok(existsSync(`/run/netns/${name}`));
  });
}

t.test('a failed create among others issued together fails alone', async (t) => {
  const names = [scratchName('mix'), scratchName('mix'), scratchName('mix')];
  t.teardown(() => names.forEach(removeNs));
  const r = await Promise.allSettled([
    Netlink.open({ netns: names[0]!, create: true }),
    Netlink.open({ netns: names[1]!, create: true, socket: { groups: [0] } }),
    Netlink.open({ netns: names[2]!, create: true }),
  ]);
  t.same(r.map((x) => x.status), ['fulfilled', 'rejected', 'fulfilled']);
  t.same(names.map((n) => existsSync(`/run/netns/${n}`)), [true, false, true]);
  t.same(names.map((n) => mounts(`/run/netns/${n}`)), [1, 0, 1]);
  for (const x of r) if (x.status === 'fulfilled') await x.value.close();
});

t.test('raced with netns.add/del of the same name: one of their sequential orders', async (t) => {
  const name = scratchName('race');
  t.teardown(() => removeNs(name));
  const path = `/run/netns/${name}`;

  // open first, then add: the add finds it made.
  let [o, a] = await Promise.allSettled([Netlink.open({ netns: name, create: true }), netns.add(name)]);
  t.equal(o.status, 'fulfilled', 'open then add: the open makes it');
  t.match(a, { status: 'rejected', reason: { code: 'EEXIST' } }, 'and the add finds it');
  t.equal(mounts(path), 1);
  if (o.status === 'fulfilled') await o.value.close();
  await netns.del(name);

  // add first, then open.
  [a, o] = await Promise.allSettled([netns.add(name), Netlink.open({ netns: name, create: true })]);
  t.equal(a.status, 'fulfilled', 'add then open: the add makes it');
  t.match(o, { status: 'rejected', reason: { code: 'EEXIST' } }, 'and the open is EEXIST');
  t.equal(mounts(path), 1);

  // del, open, del, open: each open makes a fresh namespace on the freed name.
  const r = await Promise.allSettled([
    netns.del(name), Netlink.open({ netns: name, create: true }), netns.del(name), Netlink.open({ netns: name, create: true }),
  ]);
  t.same(r.map((x) => x.status), ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  t.equal(mounts(path), 1, 'one namespace on the name, not two stacked');
  const [h1, h2] = [r[1], r[3]].map((x) => (x as PromiseFulfilledResult<Netlink>).value);
  const loUp = () => (JSON.parse(ip('-n', name, '-j', 'link', 'show', 'lo')) as { flags: string[] }[])[0]!.flags.includes('UP');
  await h1!.link.set({ dev: 'lo', up: true });
  t.notOk(loUp(), 'the first open\'s handle is in the namespace the second del took off the name');
  await h2!.link.set({ dev: 'lo', up: true });
  t.ok(loUp(), 'the last open\'s handle is in the namespace now on the name');
  await h1!.close();
  await h2!.close();
  await netns.del(name);
  t.notOk(existsSync(path), 'nothing left');
});

t.test('the same name twice in one tick: one makes it, the other is EEXIST', async (t) => {
  const name = scratchName('twice');
  t.teardown(() => removeNs(name));
  const r = await Promise.allSettled([Netlink.open({ netns: name, create: true }), Netlink.open({ netns: name, create: true })]);
  t.equal(r[0]!.status, 'fulfilled');
  t.match(r[1], { status: 'rejected', reason: { code: 'EEXIST' } });
  t.equal(mounts(`/run/netns/${name}`), 1);
  if (r[0]!.status === 'fulfilled') await r[0]!.value.close();
});

t.test('on the calling thread (the CLI\'s mode): no worker trip, the thread home, a failure undone', async (t) => {
  const { useCallingThread } = await import('../../src/ns/calling-thread.js');
  const { setRunner, workerTrips } = await import('../../src/ns/executor.js');
  const here = () => readlinkSync('/proc/thread-self/ns/net');
  const [good, bad] = [scratchName('ctc'), scratchName('ctc')];
  t.teardown(() => { removeNs(good); removeNs(bad); });
  const home = here();
  const trips = workerTrips();
  useCallingThread();
  t.teardown(() => setRunner(undefined));
  const nl = await Netlink.open({ netns: good, create: true, socket: { groups: [1] } });
  t.equal(here(), home, 'the thread is home');
  await nl.link.set({ dev: 'lo', up: true });
  t.match(ip('-n', good, 'link', 'show', 'lo'), /<LOOPBACK,UP/, 'the handle acts inside the new namespace');
  await nl.close();
  await t.rejects(Netlink.open({ netns: bad, create: true, socket: { groups: [0] } }), { code: 'EINVAL' });
  t.equal(here(), home, 'home after the failure too');
  t.notOk(existsSync(`/run/netns/${bad}`), 'no file');
  t.equal(mounts(`/run/netns/${bad}`), 0, 'no mount');
  t.equal(workerTrips(), trips, 'the worker was not asked');
});

t.test('netns as { name }: a name too', async (t) => {
  const name = scratchName('obj');
  t.teardown(() => removeNs(name));
  const nl = await Netlink.open({ netns: { name }, create: true });
  t.equal(nl.netnsLabel, name);
  await nl.link.set({ dev: 'lo', up: true });
  t.match(ip('-n', name, 'link', 'show', 'lo'), /<LOOPBACK,UP/, 'made, and the handle is inside');
  await nl.close();
  await t.rejects(Netlink.open({ netns: { name: scratchName('obj'), pid: 1 } as never, create: true }), { name: 'UsageError' }, 'a reference that is not one');
  await t.rejects(Netlink.open({ netns: { path: `/run/netns/${scratchName('obj')}` }, create: true }), { name: 'UsageError', message: /create needs netns to be a name/ });
});
