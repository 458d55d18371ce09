// An IPv6 PMTU exception (issue 13 item 2): A reaches C through router B whose far link has MTU
// 1280; a 1400-byte ping from A makes B answer Packet Too Big and A's kernel clones an exception
// route with `mtu 1280` and an expiry. nlctl must print it as ip does: on one line (no IPv4
// `cache` line), with `expires NNNsec` (JSON "expires"), and list it under `route show cache`.
// Three scratch namespaces; traffic only between them.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { kernelSkipReason, scratchNs, ip } from '../helpers/scratch.js';
import { nlctl, ipRun, type Run } from '../helpers/cli-run.js';

const skip = kernelSkipReason() ?? (existsSync('/bin/busybox') ? undefined : 'busybox (ping) is not installed');

// The expiry counts down between the two runs.
const norm = (r: Run) => ({ code: r.code, out: r.out.replace(/expires \d+sec/g, 'expires Nsec').replace(/"expires":\d+/g, '"expires":N'), err: r.err });

t.test('an IPv6 exception route, as ip prints it', { skip }, async (t) => {
  const [a, b, c] = [scratchNs(t, 'pma'), scratchNs(t, 'pmb'), scratchNs(t, 'pmc')];
  ip('-n', a, 'link', 'add', 'a0', 'type', 'veth', 'peer', 'name', 'b0', 'netns', b);
  ip('-n', b, 'link', 'add', 'b1', 'mtu', '1280', 'type', 'veth', 'peer', 'name', 'c0', 'netns', c);
  ip('-n', c, 'link', 'set', 'c0', 'mtu', '1280');
  for (const [ns, dev, addr] of [[a, 'a0', '2001:db8:1::1'], [b, 'b0', '2001:db8:1::2'], [b, 'b1', '2001:db8:2::1'], [c, 'c0', '2001:db8:2::2']] as const) {
    ip('-n', ns, 'address', 'add', `${addr}/64`, 'dev', dev, 'nodad');
    ip('-n', ns, 'link', 'set', dev, 'up');
  }
  ip('-n', a, '-6', 'route', 'add', 'default', 'via', '2001:db8:1::2');
  ip('-n', c, '-6', 'route', 'add', 'default', 'via', '2001:db8:2::1');
  ip('netns', 'exec', b, 'sysctl', '-qw', 'net.ipv6.conf.all.forwarding=1');
  let exception = '';
  for (let i = 0; i < 10 && !exception.includes('mtu 1280'); i++) {
    spawnSync('ip', ['netns', 'exec', a, 'busybox', 'ping', '-c', '1', '-W', '1', '-s', '1400', '2001:db8:2::2'], { stdio: 'ignore', timeout: 5000 });
    exception = ipRun(['-n', a, '-6', 'route', 'show', 'cache']).out;
  }
  t.match(exception, /mtu 1280/, 'the kernel made the exception');
  for (const line of ['-6 route get 2001:db8:2::2', '-6 -j route get 2001:db8:2::2', '-6 route show cache', '-6 -j route show cache',
    'route show cache', '-6 route show', '-6 -d route show cache']) {
    const args = ['-n', a, ...line.split(' ')];
    t.same(norm(nlctl(args)), norm(ipRun(args)), line);
  }
  const got = nlctl(['-n', a, '-6', 'route', 'get', '2001:db8:2::2']).out;
  t.match(got, /^2001:db8:2::2 from :: via 2001:db8:1::2 dev a0 src 2001:db8:1::1 metric 1024 expires \d+sec mtu 1280 pref medium\n$/, 'one line, with its expiry');
});
