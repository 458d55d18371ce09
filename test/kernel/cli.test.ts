// The built nlctl binary against scratch namespaces, cross-checked with ip: same text, same
// JSON, same exit codes; changes made by nlctl verified with ip -j.
import t, { type Test as TapTest } from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelSkipReason, scratchNs, scratchName, removeNs, ip, ipJson } from '../helpers/scratch.js';

import { CLI } from '../helpers/cli.js';
const skip = kernelSkipReason();

interface Run { code: number | null; out: string; err: string }
function nlctl(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function ipRun(args: string[]): Run {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A namespace with a veth pair, a bridge port, a peer in a second namespace, addresses, routes and a neighbour. */
type Test = TapTest;

function populated(t: Test): { ns: string; other: string } {
  const ns = scratchNs(t, 'cli');
  const other = scratchNs(t, 'clo');
  const n = ['-n', ns];
  ip(...n, 'link', 'set', 'lo', 'up');
  ip(...n, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
  ip(...n, 'link', 'add', 'br0', 'type', 'bridge');
  ip(...n, 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1', 'netns', other);
  ip(...n, 'link', 'set', 'v1', 'master', 'br0');
  ip(...n, 'link', 'set', 'v0', 'up');
  ip(...n, 'link', 'set', 'v1', 'up');
  ip(...n, 'addr', 'add', '10.0.0.1/24', 'brd', '+', 'dev', 'v0');
  ip(...n, 'addr', 'add', '10.0.0.2/24', 'dev', 'v0', 'label', 'v0:1', 'metric', '55');
  ip(...n, 'addr', 'add', '2001:db8::1/64', 'dev', 'v0', 'nodad');
  ip(...n, 'route', 'add', '10.50.0.0/16', 'via', '10.0.0.7', 'metric', '5');
  ip(...n, 'route', 'add', 'blackhole', '10.60.0.0/16');
  ip(...n, 'route', 'add', '10.70.0.0/16', 'dev', 'v0', 'table', '100');
  ip(...n, 'route', 'add', '10.80.0.0/16', 'nexthop', 'via', '10.0.0.7', 'weight', '2', 'nexthop', 'via', '10.0.0.8');
  ip(...n, '-6', 'route', 'add', '2001:db8:1::/64', 'via', '2001:db8::5');
  ip(...n, 'neigh', 'add', '10.0.0.9', 'lladdr', '02:00:00:00:00:09', 'dev', 'v0');
  return { ns, other };
}

// Dynamic values (IPv6 DAD flags, link-local addresses appearing) settle quickly; compare twice.
function sameAsIp(t: Test, ns: string, args: string[], textOnly = false): void {
  for (const json of textOnly ? [false] : [false, true]) {
    const a = [...(json ? ['-j'] : []), '-n', ns, ...args];
    let ours = nlctl(a);
    let theirs = ipRun(a);
    if (ours.out !== theirs.out) { ours = nlctl(a); theirs = ipRun(a); }
    t.equal(ours.code, theirs.code, `exit code: ${a.join(' ')}`);
    if (json) t.same(JSON.parse(ours.out || '[]'), JSON.parse(theirs.out || '[]'), `JSON: ${a.join(' ')}`);
    else t.equal(ours.out, theirs.out, `text: ${a.join(' ')}`);
  }
}

t.test('show commands print what ip prints', { skip }, async (t) => {
  const { ns } = populated(t);
  // Let IPv6 DAD finish (nodad on the global; link-local ones take ~1 s) so flags are stable.
  spawnSync('sleep', ['2']);
  for (const args of [
    ['link', 'show'], ['link'], ['l'], ['l', 's', 'v0'], ['link', 'show', 'dev', 'p0'], ['link', 'show', 'master', 'br0'],
    ['-br', 'link'], ['address'], ['a'], ['addr', 'show', 'dev', 'v0'], ['-4', 'a'], ['-6', 'a'], ['-br', 'a'], ['-o', 'a'], ['-o', '-4', 'a', 'show', 'dev', 'v0'],
    ['a', 'show', 'to', '10.0.0.0/8'],
    ['route'], ['r'], ['-6', 'r'], ['r', 'show', 'table', 'all'], ['r', 'show', 'table', '100'], ['r', 'show', 'dev', 'v0'],
    ['r', 'show', '10.50.0.0/16'], ['r', 'show', 'root', '10.0.0.0/8'], ['r', 'get', '10.0.0.5'], ['-6', 'r', 'get', '2001:db8::7'],
    ['r', 'get', '10.0.0.5', 'mark', '5'], ['r', 'get', '10.0.0.5', 'mark', '16'], ['r', 'get', '127.0.0.1'], ['r', 'get', '10.0.0.255'],
    ['-d', 'r', 'get', '127.0.0.1'], ['-d', 'r'], ['-d', 'r', 'show', 'table', 'all'], ['-d', 'r', 'show', 'table', '100'], ['-d', '-6', 'r'],
    ['neigh'], ['n'], ['neighbour', 'show', 'dev', 'v0'], ['n', 'show', 'nud', 'all'],
  ]) sameAsIp(t, ns, args);
  // ip 6.1 prints an empty {} for every address these filters drop; nlctl does not copy that bug.
  for (const args of [['link', 'show', 'up'], ['a', 'show', 'label', 'v0:1'], ['a', 'show', 'scope', 'link'], ['a', 'show', 'up']]) sameAsIp(t, ns, args, true);
  const pretty = nlctl(['-j', '-p', '-n', ns, 'link', 'show', 'lo']);
  t.equal(pretty.out, ipRun(['-j', '-p', '-n', ns, 'link', 'show', 'lo']).out, '-j -p layout byte for byte');
});

t.test('link-netns names the peer namespace, and nlctl link peer finds the peer', { skip }, async (t) => {
  const { ns, other } = populated(t);
  const text = nlctl(['-n', ns, 'link', 'show', 'p0']);
  t.match(text.out, new RegExp(`link-netns ${other}\\n$`));
  const peer = nlctl(['-n', ns, 'link', 'peer', 'p0']);
  const p1 = ipJson('-n', other, 'link', 'show', 'p1')[0];
  t.equal(peer.out, `p0 peer p1 netns ${other} ifindex ${p1.ifindex}\n`);
  const j = JSON.parse(nlctl(['-j', '-n', ns, 'link', 'peer', 'p0', 'v0']).out);
  t.same(j[0].peer, { ifindex: p1.ifindex, ifname: 'p1', netnsid: ipJson('-n', ns, 'link', 'show', 'p0')[0].link_netnsid, netns: other });
  t.same(j[1].peer, { ifindex: ipJson('-n', ns, 'link', 'show', 'v1')[0].ifindex, ifname: 'v1' });
});

t.test('changes made with nlctl are what ip sees', { skip }, async (t) => {
  const ns = scratchNs(t, 'clm');
  const other = scratchNs(t, 'cln');
  const run = (...a: string[]) => { const r = nlctl(['-n', ns, ...a]); t.equal(r.code, 0, `${a.join(' ')}: ${r.err}`); return r; };
  run('link', 'add', 'a0', 'mtu', '1400', 'type', 'veth', 'peer', 'name', 'a1', 'netns', other);
  t.equal(ipJson('-n', ns, 'link', 'show', 'a0')[0].mtu, 1400);
  t.equal(ipJson('-n', other, 'link', 'show', 'a1')[0].ifname, 'a1');
  run('link', 'add', 'b0', 'type', 'bridge');
  run('link', 'set', 'dev', 'a0', 'up', 'master', 'b0', 'alias', 'uplink');
  let a0 = ipJson('-n', ns, 'link', 'show', 'a0')[0];
  t.equal(a0.master, 'b0');
  t.ok(a0.flags.includes('UP'));
  t.equal(a0.ifalias, 'uplink');
  run('link', 'set', 'a0', 'nomaster');
  a0 = ipJson('-n', ns, 'link', 'show', 'a0')[0];
  t.equal(a0.master, undefined);
  run('address', 'add', '10.1.0.1/24', 'brd', '+', 'dev', 'a0', 'label', 'a0:x');
  const ai = ipJson('-n', ns, 'addr', 'show', 'dev', 'a0')[0].addr_info.find((x: any) => x.local === '10.1.0.1');
  t.same([ai.prefixlen, ai.broadcast, ai.label], [24, '10.1.0.255', 'a0:x']);
  run('route', 'add', '10.2.0.0/16', 'via', '10.1.0.7', 'metric', '9');
  t.same(ipJson('-n', ns, 'route', 'show', '10.2.0.0/16'), [{ dst: '10.2.0.0/16', gateway: '10.1.0.7', dev: 'a0', metric: 9, flags: ['linkdown'] }]);
  run('route', 'replace', '10.2.0.0/16', 'dev', 'a0', 'metric', '9');
  t.equal(ipJson('-n', ns, 'route', 'show', '10.2.0.0/16')[0].gateway, undefined);
  run('r', 'del', '10.2.0.0/16', 'metric', '9');
  t.same(ipJson('-n', ns, 'route', 'show', '10.2.0.0/16'), []);
  run('neigh', 'add', '10.1.0.9', 'lladdr', '02:00:00:00:00:09', 'dev', 'a0', 'nud', 'reachable');
  t.same(ipJson('-n', ns, 'neigh', 'show', '10.1.0.9')[0].state, ['REACHABLE']);
  run('neigh', 'replace', '10.1.0.9', 'lladdr', '02:00:00:00:00:0a', 'dev', 'a0');
  t.equal(ipJson('-n', ns, 'neigh', 'show', '10.1.0.9')[0].lladdr, '02:00:00:00:00:0a');
  run('n', 'del', '10.1.0.9', 'dev', 'a0');
  t.same(ipJson('-n', ns, 'neigh', 'show', '10.1.0.9'), []);
  run('a', 'del', '10.1.0.1/24', 'dev', 'a0');
  t.equal(ipJson('-n', ns, 'addr', 'show', 'dev', 'a0')[0].addr_info.filter((x: any) => x.family === 'inet').length, 0);
  run('address', 'add', '10.3.0.1/24', 'dev', 'a0');
  run('address', 'flush', 'dev', 'a0');
  t.equal(ipJson('-n', ns, '-4', 'addr', 'show', 'dev', 'a0').length, 0);
  run('link', 'del', 'a0');
  t.same(ipJson('-n', other, 'link', 'show', 'type', 'veth'), [], 'the peer went with it');
});

t.test('errors: ip text and exit codes, no stack traces', { skip }, async (t) => {
  const ns = scratchNs(t, 'cle');
  ip('-n', ns, 'link', 'add', 'e0', 'type', 'veth', 'peer', 'name', 'e1');
  ip('-n', ns, 'addr', 'add', '10.9.0.1/24', 'dev', 'e0');
  const cases: [string[], number, string][] = [
    [['link', 'show', 'nosuch0'], 1, 'Device "nosuch0" does not exist.\n'],
    [['lnik'], 1, 'Object "lnik" is unknown, did you mean "link"?\n'],
    [['link', 'foo'], 255, 'Command "foo" is unknown, try "nlctl link help".\n'],
    [['addr', 'add', '10.9.0.1/24', 'dev', 'nosuch0'], 1, 'Cannot find device "nosuch0"\n'],
    [['addr', 'add', '10.9.0.1/24', 'dev', 'e0'], 2, 'Error: ipv4: Address already assigned.\n'],
    [['addr', 'add', '10.9.0.5/24'], 1, 'Not enough information: "dev" argument is required.\n'],
    [['route', 'add', '10.1.0.0/16', 'via', '10.200.0.1'], 2, 'Error: Nexthop has invalid gateway.\n'],
    [['route', 'del', '10.99.0.0/16'], 2, 'RTNETLINK answers: No such process\n'],
    [['route', 'add', '10.30.0.0/16', 'via', '2001:db8::2'], 1, 'Error: inet address is expected rather than "2001:db8::2".\n'],
    [['-6', 'route', 'add', '2001:db8:9::/48', 'via', '10.1.1.2'], 1, 'Error: inet6 address is expected rather than "10.1.1.2".\n'],
    [['route', 'add', 'via', '2001:db8::2', '10.30.0.0/16'], 1, 'Error: inet6 prefix is expected rather than "10.30.0.0/16".\n'],
    [['route', 'add', '10.30.0.0/16', 'nexthop', 'via', '10.9.0.7', 'nexthop', 'via', '2001:db8::2'], 1, 'Error: inet address is expected rather than "2001:db8::2".\n'],
    [['link', 'add', 'e0', 'type', 'veth', 'peer', 'name', 'e9'], 2, 'RTNETLINK answers: File exists\n'],
    [['link', 'add', 'x0'], 1, 'Not enough information: "type" argument is required\n'],
    [['link', 'show', 'e0', 'e1'], 255, 'Error: either "dev" is duplicate, or "e1" is a garbage.\n'],
    [['link', 'show', 'dev'], 255, 'Command line is not complete. Try option "help"\n'],
    [['link', 'set'], 255, 'Not enough information: "dev" argument is required.\n'],
  ];
  for (const [args, code, err] of cases) {
    const ours = nlctl(['-n', ns, ...args]);
    t.equal(ours.code, code, `exit ${args.join(' ')}`);
    t.equal(ours.err, err, `stderr ${args.join(' ')}`);
    if (args[0] !== 'lnik' && args[1] !== 'foo') {
      const theirs = ipRun(['-n', ns, ...args]);
      t.equal(ours.code, theirs.code, `same exit code as ip: ${args.join(' ')}`);
    }
  }
  const noNs = nlctl(['-n', 'nlt-no-such-ns', 'link']);
  t.same([noNs.code, noNs.err], [255, 'Cannot open network namespace "nlt-no-such-ns": No such file or directory\n']);
  const opt = nlctl(['-x', 'link']);
  t.same([opt.code, opt.err], [255, 'Option "-x" is unknown, try "nlctl -help".\n']);
});

t.test('route flush cache is a silent no-op, as in ip', { skip }, async (t) => {
  const ns = scratchNs(t, 'clf');
  ip('-n', ns, 'link', 'add', 'f0', 'type', 'veth', 'peer', 'name', 'f1');
  ip('-n', ns, 'link', 'set', 'f0', 'up');
  ip('-n', ns, 'addr', 'add', '10.9.0.1/24', 'dev', 'f0');
  ip('-n', ns, 'route', 'add', '10.70.0.0/16', 'via', '10.9.0.2');
  const before = ipJson('-n', ns, 'route', 'show');
  for (const args of [['route', 'flush', 'cache'], ['-4', 'route', 'flush', 'cache'], ['-6', 'route', 'flush', 'cache'], ['-s', 'route', 'flush', 'cache'],
    ['-s', '-6', 'route', 'flush', 'cache'], ['route', 'flush', 'cloned']]) {
    const ours = nlctl(['-n', ns, ...args]);
    const theirs = ipRun(['-n', ns, ...args]);
    t.same([ours.code, ours.out, ours.err], [theirs.code, theirs.out, theirs.err], args.join(' '));
  }
  t.same(ipJson('-n', ns, 'route', 'show'), before, 'the FIB was left alone');
});

t.test('help at every level goes to stderr with exit 255, as ip', { skip }, async (t) => {
  for (const [args, head] of [[['help'], 'Usage: nlctl [ OPTIONS ] OBJECT'], [[], 'Usage: nlctl [ OPTIONS ] OBJECT'], [['link', 'help'], 'Usage: nlctl link add'],
    [['a', 'help'], 'Usage: nlctl address'], [['route', 'help'], 'Usage: nlctl route'], [['neigh', 'help'], 'Usage: nlctl neigh'],
    [['netns', 'help'], 'Usage: nlctl netns'], [['monitor', 'help'], 'Usage: nlctl monitor']] as [string[], string][]) {
    const r = nlctl(args);
    t.equal(r.code, 255, args.join(' ') || '(none)');
    t.ok(r.err.startsWith(head), `${args.join(' ')} prints its usage`);
  }
  t.match(nlctl(['-V']).out, /^nlctl utility/);
});

t.test('batch: one handle, stops at the first error unless -force, line numbers as ip', { skip }, async (t) => {
  const ns = scratchNs(t, 'clb');
  ip('-n', ns, 'link', 'add', 'b0', 'type', 'veth', 'peer', 'name', 'b1');
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-batch-'));
  const file = join(dir, 'b.txt');
  writeFileSync(file, '# set up\naddress add 10.5.0.1/24 dev b0\n\naddress add 10.5.0.1/24 dev b0\naddress add 10.5.0.3/24 dev b0\nlink set b0 up\n');
  const r = nlctl(['-n', ns, '-batch', file]);
  t.equal(r.code, 1);
  t.equal(r.err, `Error: ipv4: Address already assigned.\nCommand failed ${file}:4\n`);
  const local = () => ipJson('-n', ns, '-4', 'addr', 'show', 'dev', 'b0').flatMap((l: any) => l.addr_info.map((a: any) => a.local));
  t.same(local(), ['10.5.0.1'], 'the address add after the failing one was not applied, as with ip');
  t.ok(!ipJson('-n', ns, 'link', 'show', 'b0')[0].flags.includes('UP'), 'nor anything later');
  ip('-n', ns, 'addr', 'flush', 'dev', 'b0');
  const f = nlctl(['-n', ns, '-force', '-batch', file]);
  t.equal(f.code, 1);
  t.same(local().sort(), ['10.5.0.1', '10.5.0.3']);
  t.ok(ipJson('-n', ns, 'link', 'show', 'b0')[0].flags.includes('UP'), '-force ran the rest');
  // stdin, output in line order, many pipelined lines
  const lines = ['link show b0'];
  for (let i = 0; i < 300; i++) lines.push(`address add 10.6.${i >> 8}.${i & 255}/32 dev b0`);
  lines.push('address show dev b0 to 10.6.0.0/16');
  const s = nlctl(['-n', ns, '-batch', '-'], lines.join('\n'));
  t.equal(s.code, 0, s.err);
  t.ok(s.out.startsWith(ipRun(['-n', ns, 'link', 'show', 'b0']).out), 'first line printed first');
  t.equal((s.out.match(/inet 10\.6\./g) ?? []).length, 300, 'the show after the adds saw all 300');
  const usage = nlctl(['-n', ns, '-batch', '-'], 'link foo\nlink show b0\n');
  t.same([usage.code, usage.out], [255, ''], 'a usage error ends the batch at once, as in ip');
});

t.test('monitor prints a link that appears', { skip }, async (t) => {
  const ns = scratchNs(t, 'clw');
  // ip monitor prefixes '[LINK]' only for an explicit 'all', not for one object or for no argument.
  const cases: [boolean, string[], string][] = [[false, ['link'], ''], [true, ['link'], ''], [false, [], ''], [false, ['all'], '\\[LINK\\]']];
  for (const [k, [json, objs, banner]] of cases.entries()) {
    const child = spawn(process.execPath, [CLI, ...(json ? ['-j'] : []), '-n', ns, 'monitor', ...objs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => { err += d; });
    const name = `mon${k}0`;
    const seen = new Promise<string>((resolve, reject) => {
      // Generous: under the full suite's load, node + koffi + the namespace worker start slowly.
      const timer = setTimeout(() => reject(new Error(`no event in 40 s; got ${JSON.stringify(out)}, stderr ${JSON.stringify(err)}`)), 40000);
      child.stdout.on('data', (d: string) => { out += d; if (out.includes(`${name}@`) || out.includes(`"${name}"`)) { clearTimeout(timer); resolve(out); } });
    });
    // The subscription is made after startup; keep poking (bounded) until the first event shows.
    let i = 0;
    const poke = setInterval(() => {
      if (i++ > 100) return;
      spawnSync('ip', ['-n', ns, 'link', 'del', name], { stdio: 'ignore' });
      spawnSync('ip', ['-n', ns, 'link', 'add', name, 'type', 'veth', 'peer', 'name', `peer${i}`], { stdio: 'ignore' });
    }, 500);
    try {
      const text = await seen;
      const line = text.split('\n').find((l) => l.includes(`${name}@`) || l.includes(`"${name}"`))!;
      if (json) t.match(JSON.parse(line), { event: 'link', ifname: name });
      else t.match(line, new RegExp(`^${banner}(Deleted )?\\d+: ${name}@`), `monitor ${objs.join(' ')}`);
    } finally {
      clearInterval(poke);
      child.kill();
    }
  }
});

t.test('netns add/list/exec/pids/delete', { skip }, async (t) => {
  const name = scratchName('cnx');
  t.teardown(() => removeNs(name));
  t.equal(nlctl(['netns', 'add', name]).code, 0);
  t.ok(nlctl(['netns', 'list']).out.split('\n').some((l) => l.split(' ')[0] === name));
  t.ok(JSON.parse(nlctl(['-j', 'netns']).out).some((e: any) => e.name === name));
  const again = nlctl(['netns', 'add', name]);
  t.same([again.code, again.err], [1, `Cannot create namespace file "/run/netns/${name}": File exists\n`]);
  const ex = spawnSync(process.execPath, [CLI, 'netns', 'exec', name, 'ip', '-j', 'link', 'show'], { encoding: 'utf8' });
  t.same(JSON.parse(ex.stdout).map((l: any) => l.ifname), ['lo'], 'exec runs inside the namespace');
  t.equal(spawnSync(process.execPath, [CLI, 'netns', 'exec', name, 'sh', '-c', 'exit 3']).status, 3, 'exit status passes through');
  t.equal(nlctl(['netns', 'pids', name]).out, '');
  t.equal(nlctl(['netns', 'delete', name]).code, 0);
  const gone = nlctl(['netns', 'delete', name]);
  t.same([gone.code, gone.err], [1, `Cannot remove namespace file "/run/netns/${name}": No such file or directory\n`]);
});
