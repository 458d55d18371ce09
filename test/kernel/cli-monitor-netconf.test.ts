// `nlctl monitor netconf` and `monitor all` next to ip's on one scratch namespace: a device's
// per-family netconf notifications (which come before its link event, so the name is looked up
// as ip does), a forwarding and an rp_filter change, and the deletions, byte for byte as ip 6.1
// prints them; -j gives the same fields as JSON.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { CLI } from '../helpers/cli.js';
import { until, watch, type Watch } from '../helpers/watch.js';

const skip = kernelSkipReason();

for (const objs of [['netconf'], ['all']]) {
  t.test(`monitor ${objs.join(' ')}: netconf events as ip prints them`, { skip }, async (t) => {
    const ns = scratchNs(t, `mnc${objs[0]!.length}`);
    const ours = watch(process.execPath, [CLI, '-n', ns, 'monitor', ...objs]);
    const theirs = watch('ip', ['-n', ns, 'monitor', ...objs]);
    const json = watch(process.execPath, [CLI, '-j', '-n', ns, 'monitor', ...objs]);
    t.teardown(() => { for (const w of [ours, theirs, json]) w.child.kill(); });
    // Both subscribe asynchronously: poke (a device toggling forwarding) until all three see it.
    const sh = (...a: string[]) => spawnSync('ip', ['-n', ns, ...a]);
    sh('link', 'add', 'pk0', 'type', 'veth', 'peer', 'name', 'pk1');
    await until(() => [ours, theirs, json].every((w) => /pk0.*forwarding/.test(w.out())), (i) => {
      spawnSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', `net.ipv4.conf.pk0.forwarding=${i % 2}`]);
    }, 'the monitors to start');
    const mark = [ours, theirs].map((w) => w.out().length);
    sh('link', 'add', 'nc0', 'type', 'veth', 'peer', 'name', 'nc1');
    sh('link', 'set', 'nc0', 'up');
    spawnSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv4.conf.nc0.forwarding=1']);
    spawnSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv4.conf.nc0.rp_filter=2']);
    sh('link', 'del', 'nc0');
    const done = (w: Watch) => /Deleted inet6 nc1/.test(w.out());
    const jsonDone = () => json.out().split('\n').some((l) => l.includes('"deleted":true') && l.includes('"inet6"') && l.includes('"nc1"'));
    await until(() => done(ours) && done(theirs) && jsonDone(), () => {}, 'the deletion events');
    const after = (w: Watch, i: number) => w.out().slice(mark[i]!);
    t.equal(after(ours, 0), after(theirs, 1), 'the same lines from nc0 on');
    t.match(after(ours, 0), /inet nc0 forwarding on \n/, 'a forwarding change');
    t.match(after(ours, 0), /inet nc0 rp_filter loose \n/, 'an rp_filter change');
    t.match(after(ours, 0), new RegExp(`${objs[0] === 'all' ? '\\[NETCONF\\]' : '^'}inet nc1 forwarding off rp_filter off`, 'm'), 'named before its link event');
    const events = json.out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    t.ok(events.some((e) => e.event === 'netconf' && e.interface === 'nc0' && e.family === 'inet' && e.forwarding === true), '-j: the forwarding change');
    t.ok(events.some((e) => e.event === 'netconf' && e.deleted === true && e.interface === 'nc1'), '-j: a deletion');
  });
}
