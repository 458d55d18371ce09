// Named namespaces against the kernel and against `ip netns`, both ways: what we add, ip lists
// and enters; what ip adds, we list and use; ids we set show in `ip netns list-id`; a namespace
// we attach is found by `ip netns identify`. Plus sysctl, sockets, exec, bad names, the add race,
// and the main thread never moving. Scratch names only; every one is deleted in teardown.
import t from 'tap';
import { execFileSync, spawn as spawnChild, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as dgram from 'node:dgram';
import * as netns from '../../src/ns/netns.js';
import { Netlink } from '../../src/client.js';
import { SyscallError, UsageError } from '../../src/netlink/errors.js';
import { ip, ipJson, kernelSkipReason, removeNs, scratchName, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

/** Adds a namespace with our add() and deletes it (with ip, independently) in teardown. */
async function ours(t: { teardown(fn: () => unknown): void }, tag: string): Promise<string> {
  const name = scratchName(tag);
  t.teardown(() => removeNs(name));
  await netns.add(name);
  return name;
}

function inode(path: string): number {
  return statSync(path).ino;
}

/** Runs argv in ns through our exec, collecting stdout and stderr. */
function run(ns: netns.NetnsRef, argv: string[]): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const c = netns.spawn(ns, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout!.on('data', (d) => { out += d; });
    c.stderr!.on('data', (d) => { err += d; });
    c.once('error', reject);
    c.once('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

t.test('netns', { skip: skip ? `netns kernel tests skipped: ${skip}` : false }, async (t) => {
  const mainNs = readlinkSync('/proc/thread-self/ns/net');
  t.teardown(() => netns.shutdown());

  t.test('a namespace we add is listed and used by ip netns', async (t) => {
    const n = await ours(t, 'add');
    t.ok(ip('netns', 'list').split('\n').some((l) => l.split(' ')[0] === n), 'ip netns list shows it');
    // ip netns exec enters it: the namespace it runs in is the one bound on /run/netns/NAME.
    const link = execFileSync('ip', ['netns', 'exec', n, 'readlink', '/proc/self/ns/net'], { encoding: 'utf8' }).trim();
    t.equal(link, `net:[${inode(`/run/netns/${n}`)}]`);
    t.not(link, mainNs, 'a new namespace, not ours');
    ip('-n', n, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1');
    const nl = await Netlink.open({ netns: n });
    t.teardown(() => nl.close());
    t.same((await nl.link.list()).map((l: any) => l.attrs.ifname).sort(), ['d0', 'd1', 'lo'], 'our handle sees what ip made there');
    t.equal(await netns.runIn(n, 'whoami'), link, 'the worker enters the same namespace');
    const mi = readFileSync('/proc/self/mountinfo', 'utf8');
    t.match(mi, new RegExp(` /run/netns/${n} .* nsfs `), 'bound as an nsfs mount');
    t.match(mi, / \/run\/netns .*shared:/, '/run/netns is a shared mount');
  });

  t.test('a namespace ip adds is listed and used by us; delete works both ways', async (t) => {
    const n = scratchNs(t, 'ipadd');
    const names = (await netns.list()).map((e) => e.name);
    t.ok(names.includes(n), 'listed');
    t.equal(await netns.runIn(n, 'whoami'), `net:[${inode(`/run/netns/${n}`)}]`);
    t.equal(await netns.sysctl.get(n, 'net.ipv4.ip_forward'), '0');
    await netns.delete(n);
    t.notOk(existsSync(`/run/netns/${n}`), 'we deleted what ip made');
    t.notOk(ip('netns', 'list').includes(n), 'ip agrees');
    const m = await ours(t, 'ipdel');
    ip('netns', 'del', m);
    t.notOk(existsSync(`/run/netns/${m}`), 'ip deleted what we made');
    t.notMatch(readFileSync('/proc/self/mountinfo', 'utf8'), ` /run/netns/${m} `, 'and its mount is gone');
  });

  t.test('ids: set from a scratch viewpoint, shown by ip netns list-id and list', async (t) => {
    const view = await ours(t, 'view');
    const a = await ours(t, 'ida');
    const b = scratchNs(t, 'idb');
    t.equal(await netns.setId(a, 7, { netns: view }), 7);
    const auto = await netns.setId(b, 'auto', { netns: view });
    t.ok(Number.isInteger(auto) && auto >= 0 && auto !== 7, `auto gave ${auto}`);
    const theirs = ipJson<{ nsid: number; name?: string }[]>('-n', view, 'netns', 'list-id');
    t.same(theirs.map((x) => [x.nsid, x.name]).sort(), [[7, a], [auto, b]].sort(), 'ip netns list-id');
    const mine = await netns.listIds({ netns: view });
    t.same(mine.map((x) => [x.nsid, x.name]).sort(), [[7, a], [auto, b]].sort(), 'listIds');
    t.equal(await netns.getId(a, { netns: view }), 7);
    t.equal(await netns.getId(view, { netns: a }), undefined, 'ids are per viewpoint');
    const listed = await netns.list({ netns: view });
    t.equal(listed.find((e) => e.name === a)?.id, 7, 'list carries the id');
    // ip netns list prints "NAME (id: N)" for the same viewpoint.
    t.match(ip('-n', view, 'netns', 'list'), new RegExp(`^${a} \\(id: 7\\)$`, 'm'));
    const e = await netns.setId(a, 8, { netns: view }).catch((x: unknown) => x);
    t.equal((e as { code?: string }).code, 'EEXIST', 'a namespace keeps its id');
  });

  t.test('attach, identify and pids agree with ip', async (t) => {
    const n = await ours(t, 'ident');
    const child = netns.spawn(n, ['sh', '-c', 'echo ready; exec sleep 30'], { stdio: ['ignore', 'pipe', 'inherit'] });
    t.teardown(() => { child.kill('SIGKILL'); });
    await new Promise<void>((res) => child.stdout!.once('data', () => res()));
    const pid = child.pid!;
    const att = scratchName('att');
    t.teardown(() => removeNs(att));
    await netns.attach(att, pid);
    t.equal(inode(`/run/netns/${att}`), inode(`/run/netns/${n}`), 'attached the same namespace');
    // iproute2 6.1 prints only the last match of its directory walk; ours lists every name.
    const theirs = ip('netns', 'identify', String(pid)).trim();
    t.ok([n, att].includes(theirs), `ip netns identify finds ${theirs}`);
    t.same(netns.identify(pid).sort(), [n, att].sort(), 'identify finds both names');
    t.ok(ip('netns', 'pids', att).trim().split('\n').includes(String(pid)), 'ip netns pids on the attached name finds the process');
    t.same(netns.identify().filter((x) => x.startsWith('nlt-')), [], 'this process is in none of them');
    const ipPids = ip('netns', 'pids', n).trim().split('\n').map(Number).sort((x, y) => x - y);
    t.same(netns.pids(n), ipPids, 'pids agrees with ip netns pids');
    t.ok(netns.pids(att).includes(pid));
    // A docker-style symlink is listed too, and deleting it leaves its target alone.
    const link = scratchName('lnk');
    t.teardown(() => rmSync(`/run/netns/${link}`, { force: true }));
    execFileSync('ln', ['-s', `/proc/${pid}/ns/net`, `/run/netns/${link}`]);
    const entry = (await netns.list()).find((e) => e.name === link);
    t.equal(entry?.link, `/proc/${pid}/ns/net`);
    t.ok(netns.identify(pid).includes(link));
    await netns.delete(link);
    t.notOk(existsSync(`/run/netns/${link}`));
    t.ok(existsSync(`/run/netns/${n}`), 'target untouched');
  });

  t.test('bad names are rejected and nothing is created', async (t) => {
    // Only this process's own entries: other test files make and delete theirs meanwhile.
    const others = /^nlt-(\d+)-/;
    const mine = () => readdirSync('/run/netns').filter((n) => others.exec(n)?.[1] === undefined || others.exec(n)![1] === String(process.pid)).sort();
    const before = mine();
    for (const bad of ['', '.', '..', 'nlt-a/b', '../nlt-x', 'x'.repeat(256), 'nlt-\0']) {
      for (const [what, p] of [['add', netns.add(bad)], ['delete', netns.delete(bad)], ['attach', netns.attach(bad, process.pid)]] as const) {
        t.rejects(p, UsageError, `${what} ${JSON.stringify(bad.slice(0, 12))}`);
      }
    }
    await new Promise((r) => setTimeout(r, 10));
    t.same(mine(), before, '/run/netns unchanged (for entries not owned by other test processes)');
    t.notOk(existsSync('/run/nlt-x'), 'nothing made outside /run/netns');
    t.notOk(existsSync('/run/nlt-x'), 'no traversal');
    // The longest legal name works end to end.
    const long = `nlt-${process.pid}-${'l'.repeat(255)}`.slice(0, 255);
    t.teardown(() => removeNs(long));
    await netns.add(long);
    t.ok(ip('netns', 'list').includes(long));
    await netns.delete(long);
    t.notOk(existsSync(`/run/netns/${long}`));
    const missing = scratchName('missing');
    const e = await netns.delete(missing).catch((x: unknown) => x);
    t.type(e, SyscallError);
    t.equal((e as SyscallError).code, 'ENOENT');
    t.equal((e as SyscallError).syscall, 'unlink', 'the call that failed');
    t.equal((e as Error).message, `Cannot remove namespace file "/run/netns/${missing}": No such file or directory`);
    const ipSays = spawnSync('ip', ['netns', 'delete', missing], { encoding: 'utf8' });
    t.equal(ipSays.status, 1);
    t.equal(ipSays.stderr.trim(), (e as Error).message, 'word for word what ip netns delete prints');
  });

  t.test('concurrent adds of one name: exactly one wins', async (t) => {
    for (let i = 0; i < 5; i++) {
      const n = scratchName('race');
      t.teardown(() => removeNs(n));
      const r = await Promise.allSettled([netns.add(n), netns.add(n), netns.add(n)]);
      t.equal(r.filter((x) => x.status === 'fulfilled').length, 1, `round ${i}: one of three in-process adds`);
      for (const x of r) if (x.status === 'rejected') t.equal(x.reason.code, 'EEXIST');
      await netns.delete(n);
      // Against ip in another process: started together, exactly one succeeds.
      const ipDone = new Promise<number>((res) => spawnChild('ip', ['netns', 'add', n], { stdio: 'ignore' }).once('exit', (c) => res(c ?? -1)));
      const mine = await netns.add(n).then(() => 0, (e: { code?: string }) => (e.code === 'EEXIST' ? 1 : 2));
      const theirs = await ipDone;
      t.same([mine, theirs].sort(), [0, 1], `round ${i}: us ${mine === 0 ? 'won' : 'lost'} against ip`);
      t.ok(existsSync(`/run/netns/${n}`) && readFileSync('/proc/self/mountinfo', 'utf8').includes(` /run/netns/${n} `), 'the winner is bound');
      await netns.delete(n);
    }
  });

  t.test('sysctl inside a namespace leaves the caller\'s alone', async (t) => {
    const n = await ours(t, 'sysctl');
    const root4 = readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();
    await netns.sysctl.set(n, 'net.ipv4.ip_forward', 1);
    await netns.sysctl.set(n, 'net.ipv6.conf.all.forwarding', '1');
    t.equal(await netns.sysctl.get(n, 'net.ipv4.ip_forward'), '1');
    t.equal(execFileSync('ip', ['netns', 'exec', n, 'cat', '/proc/sys/net/ipv6/conf/all/forwarding'], { encoding: 'utf8' }).trim(), '1', 'ip sees it');
    t.equal(readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim(), root4, 'the caller\'s namespace is unchanged');
    t.equal(await netns.sysctl.get(undefined, 'net.ipv4.ip_forward'), root4);
    const e = await netns.sysctl.get(n, 'net.ipv4.no_such_key').catch((x: unknown) => x);
    t.type(e, SyscallError);
    t.equal((e as SyscallError).code, 'ENOENT');
    await t.rejects(netns.sysctl.set(n, 'kernel.hostname', 'x'), UsageError, 'global keys refused');
    await t.rejects(netns.sysctl.get(n, 'net/../kernel/hostname'), UsageError, 'traversal refused');
  });

  t.test('TCP and UDP sockets opened inside namespaces talk over a veth', async (t) => {
    const a = await ours(t, 'sa');
    const b = await ours(t, 'sb');
    ip('-n', a, 'link', 'add', 'va', 'type', 'veth', 'peer', 'name', 'vb', 'netns', b);
    ip('-n', a, 'addr', 'add', '10.231.0.1/24', 'dev', 'va');
    ip('-n', b, 'addr', 'add', '10.231.0.2/24', 'dev', 'vb');
    ip('-n', a, 'link', 'set', 'va', 'up');
    ip('-n', b, 'link', 'set', 'vb', 'up');
    const sfd = await netns.socket(a, 'tcp', { bind: { address: '10.231.0.1', port: 0 } });
    const server = net.createServer((s) => s.pipe(s));
    await new Promise<void>((res) => server.listen({ fd: sfd }, res));
    t.teardown(() => server.close());
    const port = (server.address() as net.AddressInfo).port;
    t.ok(port > 0, `listening on ${port} inside ${a}`);
    // The address exists only inside a: binding it in the caller's namespace must fail.
    await t.rejects(netns.socket({ path: '/proc/self/ns/net' }, 'tcp', { bind: { address: '10.231.0.1' } }), { code: 'EADDRNOTAVAIL' });
    const cfd = await netns.socket(b, 'tcp');
    const echoed = await new Promise<string>((res, rej) => {
      const c = new net.Socket({ fd: cfd });
      c.once('error', rej);
      c.connect(port, '10.231.0.1', () => c.end('ping'));
      let got = '';
      c.on('data', (d) => { got += d; });
      c.on('close', () => res(got));
    });
    t.equal(echoed, 'ping', 'b reached a over the veth');
    const ufd = await netns.socket(a, 'udp', { bind: { address: '10.231.0.1', port: 0 } });
    const u = dgram.createSocket('udp4');
    await new Promise<void>((res) => u.bind({ fd: ufd }, res));
    t.teardown(() => u.close());
    const got = new Promise<string>((res) => u.once('message', (m) => res(m.toString())));
    execFileSync('ip', ['netns', 'exec', b, 'bash', '-c', `printf hello > /dev/udp/10.231.0.1/${u.address().port}`], { shell: false });
    t.equal(await Promise.race([got, new Promise<string>((r) => setTimeout(() => r('timeout'), 3000))]), 'hello', 'UDP datagram from b');
  });

  t.test('exec: exit codes, signals, /sys and the /etc/netns overlay', async (t) => {
    const n = await ours(t, 'exec');
    ip('-n', n, 'link', 'add', 'nltv0', 'type', 'veth', 'peer', 'name', 'nltv1');
    t.same(await netns.exec(n, ['sh', '-c', 'exit 42'], { stdio: 'ignore' }), { code: 42, signal: null });
    t.same(await netns.exec(n, ['true']), { code: 0, signal: null });
    t.same(await netns.exec(n, ['sh', '-c', 'kill -USR1 $$'], { stdio: 'ignore' }), { code: null, signal: 'SIGUSR1' });
    const missing = await run(n, ['/nonexistent/program']);
    // ip netns exec prints `exec of "X" failed: No such file or directory` and exits 1.
    const theirs = spawnSync('ip', ['netns', 'exec', n, '/nonexistent/program'], { encoding: 'utf8' });
    t.equal(missing.code, theirs.status, 'exec failure exits as ip does');
    t.equal(missing.err, theirs.stderr, 'with ip\'s words');
    const ns = await run(n, ['readlink', '/proc/self/ns/net']);
    t.equal(ns.out.trim(), `net:[${inode(`/run/netns/${n}`)}]`, 'runs inside the namespace');
    const sys = await run(n, ['ls', '/sys/class/net']);
    t.same(sys.out.trim().split(/\s+/).sort(), ['lo', 'nltv0', 'nltv1'], '/sys shows the namespace\'s devices');
    t.notOk(existsSync('/sys/class/net/nltv0'), 'not ours');
    const env = await new Promise<string>((res) => {
      const c = netns.spawn(n, ['sh', '-c', 'printf %s "$NLT_X"; pwd'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NLT_X: 'y' }, cwd: '/tmp' });
      let o = ''; c.stdout!.on('data', (d) => { o += d; }); c.on('close', () => res(o));
    });
    t.equal(env, 'y/tmp\n', 'env and cwd pass through');

    // /etc/netns/NAME/hosts is bound over /etc/hosts for the child only.
    const hadDir = existsSync('/etc/netns');
    const dir = `/etc/netns/${n}`;
    mkdirSync(dir, { recursive: true });
    t.teardown(() => { rmSync(dir, { recursive: true, force: true }); if (!hadDir) rmSync('/etc/netns', { recursive: true, force: true }); });
    const hosts = readFileSync('/etc/hosts', 'utf8');
    writeFileSync(`${dir}/hosts`, `10.231.9.9 nlt-overlay-${process.pid}\n`);
    const inside = await run(n, ['cat', '/etc/hosts']);
    t.equal(inside.out, `10.231.9.9 nlt-overlay-${process.pid}\n`, 'the child sees the overlay');
    t.equal(execFileSync('ip', ['netns', 'exec', n, 'cat', '/etc/hosts'], { encoding: 'utf8' }), inside.out, 'as ip netns exec shows it');
    t.equal(readFileSync('/etc/hosts', 'utf8'), hosts, '/etc untouched outside');
    t.notMatch(readFileSync('/proc/self/mountinfo', 'utf8'), / \/etc\/hosts .*\/etc\/netns/, 'no mount leaked into our mount namespace');
    // By path there is no name, so no overlay (as ip netns exec only overlays names).
    t.equal((await run({ path: `/run/netns/${n}` }, ['cat', '/etc/hosts'])).out, hosts);
  });

  t.test('the main thread never changes namespace', async (t) => {
    const names = await Promise.all(Array.from({ length: 8 }, (_, i) => ours(t, `mt${i}`)));
    const expect = new Map(names.map((n) => [n, `net:[${inode(`/run/netns/${n}`)}]`]));
    const before = readlinkSync('/proc/thread-self/ns/net');
    t.equal(before, mainNs);
    let wrong = 0;
    for (let round = 0; round < 5; round++) {
      const ops = Array.from({ length: 400 }, (_, i) => names[(i * 7 + round) % names.length]!).map(async (n, i) => {
        if (readlinkSync('/proc/thread-self/ns/net') !== before) wrong++;
        const got = i % 2 ? await netns.runIn(n, 'whoami') : `net:[${inode(`/run/netns/${n}`)}]`;
        if (i % 4 === 3) await netns.sysctl.get(n, 'net.core.somaxconn');
        if (got !== expect.get(n)) wrong++;
      });
      await Promise.all(ops);
      if (readlinkSync('/proc/thread-self/ns/net') !== before) wrong++;
    }
    t.equal(wrong, 0, '2000 operations in 8 namespaces, each in the right one, main thread never moved');
    t.equal(readlinkSync('/proc/thread-self/ns/net'), before);
    // Every thread of the process, the worker included, is home again.
    const away = readdirSync('/proc/self/task').filter((tid) => readlinkSync(`/proc/self/task/${tid}/ns/net`) !== before);
    t.same(away, [], 'no thread left in a foreign namespace');
  });
});
