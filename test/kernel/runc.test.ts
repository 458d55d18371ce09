// A real OCI container (runc, busybox-static root filesystem made here; no ip in it, no image
// registry) whose config.json puts it in a scratch namespace that attach() networked. From inside,
// busybox nc receives a line from a TCP server this test runs in the host-side scratch namespace;
// check() is empty while it runs and reports the container's link down after we set it down;
// detach() and `runc delete -f` leave nothing behind. Skips with the reason without runc or busybox.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, openSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as net from 'node:net';
import { attach, check, detach } from '../../src/container/index.js';
import { Netlink } from '../../src/client.js';
import { socket } from '../../src/ns/sockets.js';
import { ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
const hasRunc = spawnSync('runc', ['--version'], { stdio: 'ignore' }).status === 0;
const skip = kernelSkipReason()
  ?? (hasRunc ? undefined : 'runc is not installed (Debian package runc; .ci/run installs it)')
  ?? (BUSYBOX ? undefined : 'busybox is not installed (Debian package busybox-static; .ci/run installs it)');
if (skip) t.plan(0, skip);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runc = (...args: string[]) => spawnSync('runc', args, { encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'pipe'] });

/** A bundle: rootfs with static busybox and its applets as symlinks (no ip), config.json from `runc spec`. */
function bundle(dir: string, netnsPath: string, cmd: string): void {
  const rootfs = join(dir, 'rootfs');
  mkdirSync(join(rootfs, 'bin'), { recursive: true });
  for (const d of ['tmp', 'proc', 'dev', 'sys']) mkdirSync(join(rootfs, d));
  copyFileSync(BUSYBOX!, join(rootfs, 'bin/busybox'));
  for (const applet of ['sh', 'nc', 'sleep', 'cat', 'echo']) symlinkSync('busybox', join(rootfs, 'bin', applet));
  const spec = runc('spec', '--bundle', dir);
  if (spec.status !== 0) throw new Error(`runc spec: ${spec.stderr}`);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  config.process.terminal = false;
  config.process.args = ['sh', '-c', cmd];
  config.root.readonly = false;
  config.hostname = 'nlt-runc';
  config.linux.namespaces = config.linux.namespaces.map((n: { type: string }) => (n.type === 'network' ? { type: 'network', path: netnsPath } : n));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
}

t.test('runc container networked by attach(): traffic, check, link down, detach', async (t) => {
  const h = scratchNs(t, 'rch'), c = scratchNs(t, 'rcc');
  const id = `nlt-${process.pid}-runc`;
  const dir = mkdtempSync(join(tmpdir(), 'nlt-runc-'));
  t.teardown(() => { runc('delete', '-f', id); rmSync(dir, { recursive: true, force: true }); });

  const r = await attach({ id, netns: c, addresses: ['10.210.0.2/24'], gateway: '10.210.0.1', host: { netns: h, ifname: 'hv-runc', addresses: ['10.210.0.1/24'] } });
  t.teardown(() => detach(r));

  // A TCP server in the host-side namespace, on the host end's address.
  const fd = await socket(h, 'tcp', { bind: { address: '10.210.0.1', port: 0 } });
  const server = net.createServer((s) => s.end('hello from the host side\n')).listen({ fd });
  t.teardown(() => { server.close(); });
  await new Promise((res) => server.once('listening', res));
  const port = (server.address() as net.AddressInfo).port;

  bundle(dir, `/run/netns/${c}`, `nc 10.210.0.1 ${port} > /tmp/got; sleep 60`);
  t.notOk(existsSync(join(dir, 'rootfs/bin/ip')), 'no ip in the container');
  // The container inherits runc's stdio: a pipe there would hold spawnSync until the container ends, so stderr goes to a file.
  const errFile = join(dir, 'runc.err');
  const errFd = openSync(errFile, 'w');
  const run = spawnSync('runc', ['run', '-d', '--bundle', dir, id], { stdio: ['ignore', 'ignore', errFd], timeout: 20000 });
  closeSync(errFd);
  const runErr = () => (existsSync(errFile) ? readFileSync(errFile, 'utf8') : '');
  t.equal(run.status, 0, `runc run -d ${runErr()}`);
  if (run.status !== 0) return;

  const state = JSON.parse(runc('state', id).stdout);
  t.equal(state.status, 'running');
  t.equal(statSync(`/proc/${state.pid}/ns/net`).ino, statSync(`/run/netns/${c}`).ino, 'the container runs in the attached namespace');

  const got = join(dir, 'rootfs/tmp/got');
  for (let i = 0; i < 200 && !(existsSync(got) && readFileSync(got, 'utf8').includes('\n')); i++) await sleep(50);
  t.equal(existsSync(got) ? readFileSync(got, 'utf8') : '(nothing)', 'hello from the host side\n', 'busybox nc inside the container received the line');

  t.same(await check(r), [], 'check(): nothing differs while the container runs');
  const nl = await Netlink.open({ netns: c });
  await nl.link.set({ dev: 'eth0', up: false });
  await nl.close();
  const diffs = await check(r);
  t.same(diffs[0], { kind: 'link-down', netns: `/run/netns/${c}`, object: 'eth0', expected: 'up', actual: 'down', message: `link-down: eth0 in netns /run/netns/${c} is down` });
  // IPv4 drops routes through a link that goes down (6.18): the default route goes too.
  t.same(diffs.slice(1).map((d) => d.kind), ['route-missing']);

  await detach(r);
  t.equal(runc('delete', '-f', id).status, 0, 'runc delete -f');
  t.not(runc('state', id).status, 0, 'runc no longer knows the container');
  t.same(ipJson('-n', c, 'link', 'show').map((l: { ifname: string }) => l.ifname), ['lo']);
  t.same(ipJson('-n', h, 'link', 'show').map((l: { ifname: string }) => l.ifname), ['lo']);
  t.same(ipJson('-n', h, 'addr', 'show').flatMap((l: { addr_info: unknown[] }) => l.addr_info), []);
});
