// nlctl netns subcommands against ip netns: set/list-id, attach, identify, pids, exec exit
// codes, and add/delete/list interop both ways. Every namespace is a scratch one (nlt-<pid>-...)
// and nsids are only ever set inside a scratch viewer namespace (-n), never in the root one.
import t from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { kernelSkipReason, scratchNs, scratchName, removeNs, ip, ipJson } from '../helpers/scratch.js';

import { CLI } from '../helpers/cli.js';
const skip = kernelSkipReason();

interface Run { code: number | null; out: string; err: string; signal?: NodeJS.Signals | null }
function nlctl(args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}
function ipRun(args: string[]): Run {
  const r = spawnSync('ip', args, { encoding: 'utf8', timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}
const seen = (a: Run): [number | null, string, string] => [a.code, a.out, a.err];

/** `sleep 30` running inside `ns` (ip netns exec execs in place, so the pid is sleep's); killed by pid in teardown. */
async function sleeper(t: { teardown(fn: () => unknown): void }, ns: string): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', ns, 'sleep', '30'], { stdio: 'ignore' });
  t.teardown(() => { if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL'); });
  // Wait (bounded) until the exec has happened: the process is in the namespace.
  const want = statSync(`/run/netns/${ns}`).ino;
  for (let i = 0; i < 100; i++) {
    try { if (statSync(`/proc/${child.pid}/ns/net`).ino === want) return child; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`sleep did not enter ${ns}`);
}

t.test('netns set NAME ID / list-id, inside a scratch viewer, as ip sees them', { skip }, async (t) => {
  const viewer = scratchNs(t, 'vw');
  const a = scratchNs(t, 'ida');
  const b = scratchNs(t, 'idb');
  const c = scratchNs(t, 'idc');
  t.equal(nlctl(['-n', viewer, 'netns', 'set', a, '5']).code, 0, 'nlctl set a 5');
  t.same(ipJson('-n', viewer, 'netns', 'list-id'), [{ nsid: 5, name: a }], 'ip sees the id nlctl set');
  ip('-n', viewer, 'netns', 'set', b, '9');
  t.equal(nlctl(['-n', viewer, 'netns', 'set', c, 'auto']).code, 0, 'nlctl set c auto');
  for (const args of [['netns', 'list-id'], ['-j', 'netns', 'list-id']]) {
    const a = args[0] === '-j' ? ['-j', '-n', viewer, ...args.slice(1)] : ['-n', viewer, ...args];
    // ip (and nlctl) name ids by opening every /run/netns entry; another test file deleting one of
    // its own namespaces mid-walk makes that open fail ("Peer netns reference is invalid."), so a
    // run that raced is repeated (bounded): the comparison is of two quiet walks.
    let ours = seen(nlctl(a));
    let theirs = seen(ipRun(a));
    for (let i = 0; i < 5 && /reference is invalid/.test(ours[2] + theirs[2]); i++) [ours, theirs] = [seen(nlctl(a)), seen(ipRun(a))];
    t.same(ours, theirs, `${args.join(' ')} as ip prints it`);
  }
  const ids = ipJson<{ nsid: number; name: string }[]>('-n', viewer, 'netns', 'list-id');
  t.same(ids.map((e) => e.name).sort(), [a, b, c].sort(), 'three ids, one each');
  t.ok(ids.find((e) => e.name === b)?.nsid === 9, 'ip\'s own set is kept');
  // A clash: the kernel's words and ip's exit code (2), from both.
  t.same(seen(nlctl(['-n', viewer, 'netns', 'set', a, '6'])), seen(ipRun(['-n', viewer, 'netns', 'set', a, '6'])), 'clash: same code and text');
  const missing = scratchName('none');
  t.same(seen(nlctl(['-n', viewer, 'netns', 'set', missing, '3'])), seen(ipRun(['-n', viewer, 'netns', 'set', missing, '3'])), 'missing name: same code and text');
  t.same(seen(nlctl(['netns', 'set', a, 'x'])).slice(0, 1), [255], 'bad id is a usage error');
});

t.test('netns attach NAME PID, identify PID, pids NAME', { skip }, async (t) => {
  const home = scratchNs(t, 'home');
  const child = await sleeper(t, home);
  const pid = String(child.pid);
  const alias = scratchName('att');
  t.teardown(() => removeNs(alias));
  const r = nlctl(['netns', 'attach', alias, pid]);
  t.same([r.code, r.err], [0, ''], 'attach succeeds');
  const st = (p: string) => { const s = statSync(p); return [s.dev, s.ino]; };
  t.same(st(`/run/netns/${alias}`), st(`/run/netns/${home}`), 'the new name is the sleeper\'s namespace');
  t.ok(ipRun(['netns', 'list']).out.split('\n').some((l) => l.split(' ')[0] === alias), 'ip lists the attached name');

  const ours = nlctl(['netns', 'identify', pid]);
  const theirs = ipRun(['netns', 'identify', pid]);
  t.equal(ours.code, 0);
  // ip 6.1 keeps only the last matching name in /run/netns order; nlctl prints what ip prints.
  t.equal(ours.out, theirs.out, 'identify as ip prints it');
  t.ok([home, alias].includes(ours.out.trim()), 'one of the two names');

  const p = nlctl(['netns', 'pids', home]);
  t.equal(p.code, 0);
  t.ok(p.out.split('\n').includes(pid), 'pids lists the sleeper');
  t.equal(p.out, ipRun(['netns', 'pids', home]).out, 'pids as ip prints it');
  t.equal(nlctl(['netns', 'pids', alias]).out, p.out, 'same pids by either name');

  // Errors, word for word with ip 6.1.
  const gone = scratchName('gone');
  t.same(seen(nlctl(['netns', 'pids', gone])), seen(ipRun(['netns', 'pids', gone])), 'pids of a missing name');
  t.same(seen(nlctl(['netns', 'identify', '999999999'])), seen(ipRun(['netns', 'identify', '999999999'])), 'identify of a missing pid');
  const bad = scratchName('bad');
  t.teardown(() => removeNs(bad));
  t.same(seen(nlctl(['netns', 'attach', bad, '999999999'])), seen(ipRun(['netns', 'attach', bad, '999999999'])), 'attach to a missing pid');
});

t.test('netns exec passes the exit status through', { skip }, async (t) => {
  const ns = scratchNs(t, 'exc');
  for (const code of [0, 1, 3, 42, 255]) {
    const r = spawnSync(process.execPath, [CLI, 'netns', 'exec', ns, 'sh', '-c', `exit ${code}`]);
    t.equal(r.status, code, `exit ${code}`);
    t.equal(spawnSync('ip', ['netns', 'exec', ns, 'sh', '-c', `exit ${code}`]).status, code, `ip agrees on ${code}`);
  }
  // Like ip, nlctl execs the program in place (one process, not a child): a signal that kills
  // the program ends nlctl's process itself, with that signal.
  const killed = spawnSync(process.execPath, [CLI, 'netns', 'exec', ns, 'sh', '-c', 'kill -TERM $$']);
  const ipKilled = spawnSync('ip', ['netns', 'exec', ns, 'sh', '-c', 'kill -TERM $$']);
  t.same([killed.status, killed.signal], [ipKilled.status, ipKilled.signal], 'killed by SIGTERM, as ip');
  t.same([killed.status, killed.signal], [null, 'SIGTERM'], 'the process itself was killed');
  const pid = spawnSync(process.execPath, [CLI, 'netns', 'exec', ns, 'sh', '-c', 'echo $$; grep -E "^(PPid|SigIgn|SigBlk):" /proc/self/status'], { encoding: 'utf8' });
  const [shPid, ...status] = pid.stdout.trim().split('\n');
  t.equal(Number(shPid), pid.pid, 'the program is the process nlctl started as (execvp in place, no second Node)');
  t.same(status.filter((l) => !l.startsWith('PPid')), ['SigBlk:\t0000000000000000', 'SigIgn:\t0000000000000000'], 'no signal ignored or blocked (Node ignores SIGPIPE)');
  const piped = spawnSync(process.execPath, [CLI, 'netns', 'exec', ns, 'sh', '-c', 'grep ^flags: /proc/self/fdinfo/1'], { encoding: 'utf8' });
  t.equal((parseInt(piped.stdout.split(/\s+/)[1] ?? '0', 8) & 0o4000), 0, 'stdout is blocking again (Node made the pipe O_NONBLOCK)');
  const inside = spawnSync(process.execPath, [CLI, 'netns', 'exec', ns, 'ip', '-j', 'link', 'show'], { encoding: 'utf8' });
  t.same(JSON.parse(inside.stdout).map((l: { ifname: string }) => l.ifname), ['lo'], 'the program runs inside');
  const missing = scratchName('nox');
  const a = nlctl(['netns', 'exec', missing, 'true']);
  const b = ipRun(['netns', 'exec', missing, 'true']);
  t.same([a.code, a.err], [b.code, b.err], 'missing namespace: ip\'s words and 255');
});

t.test('-all netns exec runs in every named namespace, as ip does', { skip }, async (t) => {
  const a = scratchNs(t, 'ala');
  const b = scratchNs(t, 'alb');
  // Read-only in every namespace (other tests' ones included): print which namespace we are in.
  const cmd = ['sh', '-c', 'readlink /proc/self/ns/net; exit 3'];
  for (const opt of ['-all', '-a']) {
    // Other test files add and delete namespaces meanwhile (tap runs two at once), so the two runs
    // may see different sets: compare what each printed for this test's own namespaces, in full.
    const ours = nlctl([opt, 'netns', 'exec', ...cmd]);
    const theirs = ipRun(['-all', 'netns', 'exec', ...cmd]);
    const mine = (out: string) => out.split(/\n(?=netns: )/).filter((blk) => [a, b].some((n) => blk.startsWith(`netns: ${n}\n`))).sort();
    // (stderr is left out: a namespace deleted mid-run by another test is reported there.)
    t.same([ours.code, mine(ours.out)], [theirs.code, mine(theirs.out)], `${opt} netns exec: same output and exit code (0 though the program failed)`);
    t.equal(mine(ours.out).length, 2, 'both of ours');
    for (const name of [a, b]) {
      const ino = statSync(`/run/netns/${name}`).ino;
      t.ok(ours.out.includes(`\nnetns: ${name}\nnet:[${ino}]\n`), `ran inside ${name}`);
    }
  }
  for (const args of [['-all', 'netns', 'exec'], ['netns', 'exec'], ['netns', 'exec', a]]) t.same(seen(nlctl(args)), seen(ipRun(args)), `${args.join(' ')}: ip's words and exit 1`);
  t.match(nlctl(['netns', 'help']).err, /\[-all\] netns delete \[NAME/, 'help offers -all netns delete, as ip\'s does');
});

t.test('netns add/delete/list interop with ip, both ways', { skip }, async (t) => {
  const ours = scratchName('ours');
  const theirs = scratchName('theirs');
  t.teardown(() => { removeNs(ours); removeNs(theirs); });
  const listed = (out: string, name: string) => out.split('\n').some((l) => l.split(' ')[0] === name);
  t.equal(nlctl(['netns', 'add', ours]).code, 0);
  ip('netns', 'add', theirs);
  t.ok(listed(ipRun(['netns', 'list']).out, ours), 'ip lists what nlctl made');
  t.ok(listed(nlctl(['netns', 'list']).out, theirs), 'nlctl lists what ip made');
  t.ok(ipJson<{ name: string }[]>('netns', 'list').some((e) => e.name === ours), 'ip -j too');
  t.ok((JSON.parse(nlctl(['-j', 'netns', 'list']).out) as { name: string }[]).some((e) => e.name === theirs), 'nlctl -j too');
  // What each made works for the other: links made by ip in ours, shown by nlctl in theirs' sense.
  ip('-n', ours, 'link', 'add', 'd0', 'type', 'ifb');
  t.same(JSON.parse(nlctl(['-j', '-n', ours, 'link', 'show', 'd0']).out).map((l: { ifname: string }) => l.ifname), ['d0']);
  // The lines for our two names read the same in both listings (the id part included).
  const line = (out: string, n: string) => out.split('\n').find((l) => l.split(' ')[0] === n);
  for (const n of [ours, theirs]) t.equal(line(nlctl(['netns', 'list']).out, n), line(ipRun(['netns', 'list']).out, n), `list line for ${n}`);
  t.equal(nlctl(['netns', 'delete', theirs]).code, 0, 'nlctl deletes what ip made');
  t.notOk(listed(ipRun(['netns', 'list']).out, theirs), 'ip no longer lists it');
  ip('netns', 'delete', ours);
  t.notOk(listed(nlctl(['netns', 'list']).out, ours), 'nlctl no longer lists what ip deleted');
});

// `-all netns delete` removes every named namespace on the machine, so it only ever runs in a
// private mount namespace (unshare -m, test-only) over a fresh tmpfs on /run/netns: the script
// refuses to go on unless mountinfo shows that tmpfs, empty, at /run/netns. The namespaces made
// in there die with it. ip and nlctl each get an identical directory: a, b, a directory that
// cannot be unlinked (so the walk stops there, as ip's does), then c.
t.test('-all netns delete: ip\'s order, stop at the first failure, exit 0 (in a private /run/netns)', { skip }, async (t) => {
  const tag = `nlt-all-${process.pid}`;
  const script = `
set -u
fresh() {
  mount -t tmpfs ${tag} /run/netns || exit 90
  grep -q ' /run/netns .* - tmpfs ${tag} ' /proc/self/mountinfo || exit 91
  [ -z "$(ls -A /run/netns)" ] || exit 92
  ip netns add ${tag}-a && ip netns add ${tag}-b && mkdir /run/netns/${tag}-dir && ip netns add ${tag}-c || exit 93
}
for tool in nlctl ip; do
  fresh
  echo "== $tool order: $(ls -U /run/netns | tr '\\n' ' ')"
  if [ $tool = nlctl ]; then "$NODE" "$CLI" -all netns delete 2>&1; else ip -all netns delete 2>&1; fi
  echo "== $tool exit $?; left: $(ls -A /run/netns | tr '\\n' ' ')"
  rmdir /run/netns/${tag}-dir
  umount -l /run/netns || exit 94
done
fresh
"$NODE" "$CLI" -all netns del 2>/dev/null; rmdir /run/netns/${tag}-dir; "$NODE" "$CLI" -all netns delete
echo "== alias and second pass exit $?; left: $(ls -A /run/netns | tr '\\n' ' ')"
`;
  const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
    encoding: 'utf8', timeout: 60000, env: { ...process.env, NODE: process.execPath, CLI },
  });
  t.equal(r.status, 0, `sandbox script: ${r.stderr}`);
  const part = (tool: string) => r.stdout.split(`== ${tool} order:`)[1]!.split('\n== ')[0]!;
  const exit = (tool: string) => new RegExp(`== ${tool} exit (\\d+); left: (.*)`).exec(r.stdout)!;
  t.equal(part('nlctl'), part('ip'), 'same directory order and the same failure message');
  t.match(part('nlctl'), /Cannot remove namespace file "\/run\/netns\/nlt-all-\d+-dir": Is a directory/);
  const ours = exit('nlctl');
  const theirs = exit('ip');
  t.equal(ours[1], '0', 'exit 0 after a failure, as ip');
  t.equal(ours[1], theirs[1]);
  t.equal(ours[2], theirs[2], 'the same entries left behind');
  t.match(r.stdout, new RegExp(`== alias and second pass exit 0; left: $`, 'm'), 'del alias; with the blocker gone, everything goes');
  t.equal(statSync('/run/netns', { throwIfNoEntry: false })?.isDirectory() ?? true, true);
  t.notOk(spawnSync('ls', ['/run/netns'], { encoding: 'utf8' }).stdout.includes(tag), 'nothing of the sandbox reached the real /run/netns');
});
