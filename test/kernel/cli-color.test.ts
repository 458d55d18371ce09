// -c/-color as ip 6.1 paints: the same escape sequences around the same words (interface names,
// link-layer addresses, IPv4/IPv6 addresses, UP/DOWN), the dark palette from COLORFGBG, none
// with -j or -color=never or (=auto) when stdout is not a terminal. ip and nlctl print the same
// namespace, so the bytes must be equal.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { kernelSkipReason, scratchNs, ip } from '../helpers/scratch.js';
import { CLI } from '../helpers/cli.js';

const skip = kernelSkipReason();

function both(ns: string, args: string[], env: NodeJS.ProcessEnv = {}): [string, string] {
  const opts = { encoding: 'utf8' as const, env: { ...process.env, ...env }, timeout: 30000 };
  const a = spawnSync('ip', ['-n', ns, ...args], opts);
  const b = spawnSync(process.execPath, [CLI, '-n', ns, ...args], opts);
  return [`${b.status}\n${b.stdout}${b.stderr}`, `${a.status}\n${a.stdout}${a.stderr}`];
}

t.test('painted output equals ip\'s, byte for byte', { skip }, async (t) => {
  const ns = scratchNs(t, 'color');
  const sh = (...a: string[]) => ip('-n', ns, ...a);
  sh('link', 'add', 'b0', 'type', 'veth', 'peer', 'name', 'b1');
  sh('link', 'add', 'b2', 'type', 'veth', 'peer', 'name', 'b3'); // stays down
  for (const d of ['lo', 'b0', 'b1']) sh('link', 'set', d, 'up');
  // ip and nlctl read at two moments: nothing may change in between. scratchNs turns DAD off, so
  // no link-local address is tentative now and none leaves that state between the reads.
  t.equal(sh('-6', 'addr', 'show', 'tentative'), '', 'no tentative address to settle between the two reads');
  sh('address', 'add', '10.0.0.1/24', 'brd', '+', 'dev', 'b0');
  sh('address', 'add', '10.0.5.1', 'peer', '10.0.5.2/32', 'dev', 'b0');
  sh('address', 'add', '2001:db8::1/64', 'dev', 'b0', 'nodad');
  sh('route', 'add', 'default', 'via', '10.0.0.3');
  sh('route', 'add', '10.1.0.0/16', 'via', '10.0.0.2', 'src', '10.0.0.1');
  sh('route', 'add', '10.2.0.0/16', 'nexthop', 'via', '10.0.0.2', 'nexthop', 'via', '10.0.0.4');
  sh('route', 'add', '2001:db8:1::/48', 'via', '2001:db8::2');
  sh('neigh', 'add', '10.0.0.9', 'lladdr', '02:00:00:00:00:09', 'dev', 'b0');
  sh('neigh', 'add', '2001:db8::9', 'lladdr', '02:00:00:00:00:0a', 'dev', 'b0');
  const cases = [
    ['-c', 'link'], ['-c', 'address'], ['-c', 'route'], ['-c', '-6', 'route'], ['-c', 'neigh'], ['-c', '-br', 'link'],
    ['-c', '-br', 'address'], ['-c', '-br', 'neigh'], ['-c', '-d', 'link', 'show', 'b0'], ['-c', '-s', 'link', 'show', 'lo'],
    ['-c', '-o', 'address'], ['-c', 'route', 'get', '10.1.2.3'], ['-color=always', 'link', 'show', 'b2'],
    ['-col', 'address', 'show', 'dev', 'b0'], ['-c=never', 'link'], ['-c=auto', 'address'], ['-c', '-j', 'link', 'show', 'b0'],
  ];
  for (const c of cases) {
    const [ours, theirs] = both(ns, c);
    t.equal(ours, theirs, c.join(' '));
  }
  const [ours, theirs] = both(ns, ['-c', 'address', 'show', 'dev', 'b0'], { COLORFGBG: '15;0' });
  t.equal(ours, theirs, 'dark background palette');
  t.match(ours, /\x1b\[1;36mb0@b1: \x1b\[0m/, 'bold cyan name');
  t.match(both(ns, ['-c', 'link', 'show', 'b0'])[0], /\x1b\[36mb0@b1: \x1b\[0m.*state \x1b\[32mUP \x1b\[0m/, 'painted: a test that cannot pass uncoloured');
  t.notMatch(both(ns, ['-c=auto', 'link'])[0], /\x1b\[/, 'auto: no colour into a pipe');
});
