// Issue 9 item 15: "not found" has one shape across services. Every call that names a device
// that does not exist rejects with the kernel's NetlinkError ENODEV (link.get/del as the kernel
// answers them, link.set/addr/route/neigh through the device lookup, which names the device and
// the namespace), so idempotent teardown needs one catch. The CLI still speaks ip's words.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { Netlink } from '../../src/client.js';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

t.test('a missing device is NetlinkError ENODEV from every service', async (t) => {
  const ns = scratchNs(t, 'nf');
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const enodev = { name: 'NetlinkError', code: 'ENODEV', errno: 19 };
  const calls: [string, () => Promise<unknown>][] = [
    ['link.get', () => nl.link.get('nosuch0')],
    ['link.del', () => nl.link.del('nosuch0')],
    ['link.set', () => nl.link.set({ dev: 'nosuch0', up: true })],
    ['link.set master', () => nl.link.set({ dev: 'lo', master: 'nosuch0' })],
    ['link.add macvlan link', () => nl.link.add({ kind: 'macvlan', name: 'mv', link: 'nosuch0' })],
    ['addr.add', () => nl.addr.add({ dev: 'nosuch0', address: '10.9.0.1/24' })],
    ['addr.del', () => nl.addr.del({ dev: 'nosuch0', address: '10.9.0.1/24' })],
    ['route.add', () => nl.route.add({ dst: '10.9.0.0/24', dev: 'nosuch0' })],
    ['neigh.add', () => nl.neigh.add({ dev: 'nosuch0', dst: '10.9.0.2', lladdr: '02:00:00:00:00:01' })],
  ];
  for (const [what, call] of calls) {
    const e = await call().then(() => undefined, (x: unknown) => x);
    t.match(e, enodev, `${what}: NetlinkError ENODEV`);
  }
  const e = await nl.link.set({ dev: 'nosuch0', up: true }).catch((x: unknown) => x) as Error;
  t.match(e.message, /"nosuch0"/, 'names the device');
  t.match(e.message, new RegExp(`netns ${ns}`), 'and the namespace');
});

t.test('the CLI keeps ip\'s words and exit code', async (t) => {
  const ns = scratchNs(t, 'nfc');
  const { CLI } = await import('../helpers/cli.js');
  for (const args of [['link', 'set', 'dev', 'nosuch0', 'up'], ['addr', 'add', '10.9.0.1/24', 'dev', 'nosuch0']]) {
    const ours = spawnSync(CLI, ['-n', ns, ...args], { encoding: 'utf8' });
    const theirs = spawnSync('ip', ['-n', ns, ...args], { encoding: 'utf8' });
    t.equal(ours.stderr, theirs.stderr, `${args.join(' ')}: ip's text`);
    t.equal(ours.status, theirs.status, `${args.join(' ')}: ip's exit code`);
  }
});
