// Issue 9 item 13: unprivileged or failed namespace switches report the real cause. As an
// unprivileged user (setpriv to nobody), entering a namespace fails in setns: the error says
// `setns into "NS": Operation not permitted (EPERM)` and which privilege is needed, the thread
// (which never left) is kept, and unshare's refusal is reported the same way. The CLI says what
// ip says. Set up as root, run as nobody.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason() ?? (spawnSync('setpriv', ['--version']).status === 0 ? undefined : 'setpriv (util-linux) is not installed');
if (skip) t.plan(0, skip);

// env -u: tap's process-info hook puts its loaders in NODE_OPTIONS of every child; they write
// under .tap, which nobody may not.
const nobody = ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', '-u', 'NODE_OPTIONS'];
const index = fileURLToPath(new URL('../../src/index.js', import.meta.url));
const executor = fileURLToPath(new URL('../../src/ns/executor.js', import.meta.url));

t.test('the library: the real cause, and the worker is kept', async (t) => {
  const ns = scratchNs(t, 'unpriv');
  const code = `(async () => {
    const m = await import(${JSON.stringify(index)});
    const ex = (await import(${JSON.stringify(executor)})).sharedExecutor();
    const out = {};
    for (const [k, f] of [['open', () => m.Netlink.open({ netns: ${JSON.stringify(ns)} })],
                          ['sysctl', () => m.netns.sysctl.get(${JSON.stringify(ns)}, 'net.ipv4.ip_forward')],
                          ['unshare', () => m.netns.runIn(undefined, 'newNetns', '/nonexistent')]]) {
      try { await f(); out[k] = 'resolved'; } catch (e) { out[k] = { name: e.name, code: e.code, message: e.message }; }
    }
    out.home = await m.netns.runIn(undefined, 'whoami');
    out.poisoned = ex.poisoned;
    console.log(JSON.stringify(out));
    process.exit(0); })();`;
  const r = spawnSync('setpriv', [...nobody, process.execPath, '-e', code], { encoding: 'utf8', cwd: '/' });
  t.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  t.match(out.open, { name: 'SyscallError', code: 'EPERM', message: `setns into "${ns}": Operation not permitted (EPERM)` });
  t.match(out.open.message, /CAP_SYS_ADMIN/, 'says which privilege is needed');
  t.notMatch(out.open.message, /home/, 'not "setns home"');
  t.match(out.sysctl, { code: 'EPERM', message: /setns into/ });
  t.match(out.unshare, { name: 'SyscallError', code: 'EPERM', message: /^unshare CLONE_NEWNET: Operation not permitted \(EPERM\): creating a network namespace needs CAP_SYS_ADMIN/ });
  t.match(out.home, /^net:\[\d+\]$/, 'the worker still runs operations');
  t.equal(out.poisoned, 0, 'no thread was discarded: none left home');
});

t.test('the CLI says what ip says', async (t) => {
  const ns = scratchNs(t, 'unpcli');
  const { CLI } = await import('../helpers/cli.js');
  for (const args of [['-n', ns, 'link', 'show'], ['netns', 'exec', ns, 'true']]) {
    const ours = spawnSync('setpriv', [...nobody, CLI, ...args], { encoding: 'utf8', cwd: '/' });
    const theirs = spawnSync('setpriv', [...nobody.slice(0, 3), 'ip', ...args], { encoding: 'utf8', cwd: '/' });
    t.equal(ours.stderr, theirs.stderr, `${args.join(' ')}: ip's words`);
    t.equal(ours.status, theirs.status, `${args.join(' ')}: ip's exit code`);
  }
});
