// Issue 9 item 1: every namespace reference is checked before use. A negative fd, null, a bare
// number, a relative path or an object of another shape is a UsageError from every entry point
// (Netlink.open, runIn, sysctl, exec, socket), before anything is opened: none of them may fall
// through to "the caller's own namespace". An fd that is open but no network namespace (stdin,
// a file) is refused too. runHere itself refuses a bad fd rather than reading it as "stay home".
import t from 'tap';
import { openSync, closeSync } from 'node:fs';
import { UsageError } from '../../src/netlink/errors.js';
import { checkRef, netnsLabel, netnsPath, openNetns } from '../../src/ns/ref.js';
import { runIn, sharedExecutor } from '../../src/ns/executor.js';
import { runHere } from '../../src/ns/here.js';
import * as netns from '../../src/ns/netns.js';
import { Netlink } from '../../src/client.js';

const bad: [unknown, string][] = [
  [{ fd: -1 }, 'negative fd'], [{ fd: -100 }, 'negative fd'], [{ fd: 1.5 }, 'fractional fd'], [{ fd: '3' }, 'fd as a string'],
  [{ fd: NaN }, 'NaN fd'], [{ fd: 2 ** 40 }, 'fd out of range'], [null, 'null'], [42, 'bare number'], [true, 'boolean'],
  [{}, 'empty object'], [[], 'array'], [{ pid: 0 }, 'pid 0'], [{ pid: -5 }, 'negative pid'], [{ pid: 1.5 }, 'fractional pid'],
  [{ name: '..' }, 'bad name'], [{ name: 7 }, 'name not a string'], [{ path: 'rel/x' }, 'relative path'], [{ path: 3 }, 'path not a string'],
  ['rel/x', 'relative path string'], ['', 'empty name'], [{ name: 'a', fd: 3 }, 'two keys'], [{ nmae: 'a' }, 'unknown key'],
  [{ path: '/a\0b' }, 'path with NUL'],
];

t.test('checkRef refuses every bad shape with a UsageError', async (t) => {
  for (const [ref, why] of bad) {
    t.throws(() => checkRef(ref), UsageError, why);
    t.throws(() => netnsPath(ref as never), UsageError, `netnsPath: ${why}`);
    t.throws(() => netnsLabel(ref as never), UsageError, `netnsLabel: ${why}`);
    t.throws(() => openNetns(ref as never), UsageError, `openNetns: ${why}`);
  }
  for (const good of ['blue', '/proc/1/ns/net', { name: 'blue' }, { path: '/x' }, { pid: 1 }, { fd: 0 }]) t.equal(checkRef(good), good);
});

t.test('every entry point refuses a bad reference before acting', async (t) => {
  for (const [ref, why] of bad) {
    await t.rejects(Netlink.open({ netns: ref as never }), UsageError, `Netlink.open: ${why}`);
    await t.rejects(runIn(ref as never, 'whoami'), UsageError, `runIn: ${why}`);
    await t.rejects(netns.sysctl.get(ref as never, 'net.ipv4.ip_forward'), UsageError, `sysctl.get: ${why}`);
    await t.rejects(netns.sysctl.set(ref as never, 'net.ipv4.ip_forward', 1), UsageError, `sysctl.set: ${why}`);
    await t.rejects(netns.exec(ref as never, ['true']), UsageError, `exec: ${why}`);
    await t.rejects(netns.socket(ref as never, 'tcp'), UsageError, `socket: ${why}`);
  }
  t.equal(sharedExecutor().running, false, 'no worker was even started');
});

t.test('an open fd that is not a network namespace is refused', async (t) => {
  const f = openSync('/proc/self/stat', 'r');
  t.teardown(() => closeSync(f));
  t.throws(() => openNetns({ fd: f }), { name: 'UsageError', message: /not a network namespace/ });
  t.throws(() => openNetns({ path: '/proc/self/stat' }), { name: 'UsageError', message: /not a network namespace/ });
  t.throws(() => openNetns({ path: '/proc/self/ns/mnt' }), { name: 'UsageError', message: /not a network namespace/ }, 'another namespace type');
  t.throws(() => openNetns({ fd: 65000 }), { name: 'SyscallError', code: 'EBADF' }, 'an fd that is not open');
  const ns = openNetns({ path: '/proc/self/ns/net' });
  t.teardown(() => ns.close());
  t.equal(openNetns({ fd: ns.fd }).fd, ns.fd, 'an fd on a network namespace is taken as is');
});

t.test('runHere refuses a bad fd instead of staying home', async (t) => {
  const home = { fd: -1, ino: 0 };
  for (const fd of [-1, -7, 1.5, NaN]) {
    const r = runHere(home, 'whoami', [], fd);
    t.equal(r.ok, false, `fd ${fd}`);
    t.match((r as { error: Error }).error, { name: 'UsageError' });
  }
  t.equal(runHere(home, 'whoami', [], undefined).ok, true, 'undefined is "here"');
});
