// Route metrics that take times (rtt, rttvar, rto_min) read as ip 6.1's get_time_rtt() reads
// them: units s/sec/secs and ms/msec/msecs in any case, rounded up, unitless values taken raw,
// rtt stored as 8x and rttvar as 4x, rto_min always locked. Each value is added by ip in one
// scratch namespace and by nlctl in another; the routes (ip -j) and the errors must match.
import t from 'tap';
import { kernelSkipReason, scratchNs, ip } from '../helpers/scratch.js';
import { nlctl, ipRun } from '../helpers/cli-run.js';

const skip = kernelSkipReason();
const VALUES = ['10', '10ms', '1s', '3SEC', '10msecs', '1.5ms', '.5', '0x10', '010', '500us', '08', '1e1ms', 'lock'];

t.test('rtt / rttvar / rto_min values as ip takes them', { skip }, async (t) => {
  const theirs = scratchNs(t, 'rtip');
  const ours = scratchNs(t, 'rtnl');
  for (const ns of [theirs, ours]) ip('-n', ns, 'link', 'set', 'lo', 'up');
  let made = 0;
  for (const v of VALUES) {
    for (const m of ['rtt', 'rttvar', 'rto_min']) {
      const words = ['route', 'add', '10.1.0.0/24', 'dev', 'lo', m, v];
      const a = ipRun(['-n', theirs, ...words]);
      const b = nlctl(['-n', ours, ...words]);
      t.same([b.code, b.out, b.err], [a.code, a.out, a.err], `${m} ${v}: exit and messages`);
      const shown = (ns: string) => ipRun(['-n', ns, '-j', 'route', 'show', '10.1.0.0/24']).out;
      t.equal(shown(ours), shown(theirs), `${m} ${v}: the route made`);
      if (shown(ours).includes(`"${m}"`)) made++;
      for (const ns of [theirs, ours]) ipRun(['-n', ns, 'route', 'del', '10.1.0.0/24']);
    }
  }
  // Both sides failing alike would pass the loop: the nine values ip takes must have made routes.
  t.equal(made, 9 * 3, 'a route with the metric for every value ip accepts');
  const a = ipRun(['-n', theirs, 'route', 'add', '10.2.0.0/24', 'dev', 'lo', 'rtt', 'lock', '1.5s', 'rto_min', '20ms']);
  const b = nlctl(['-n', ours, 'route', 'add', '10.2.0.0/24', 'dev', 'lo', 'rtt', 'lock', '1.5s', 'rto_min', '20ms']);
  t.equal(a.code, 0);
  t.equal(b.code, 0);
  t.equal(ipRun(['-n', ours, 'route', 'show', '10.2.0.0/24']).out, ipRun(['-n', theirs, 'route', 'show', '10.2.0.0/24']).out);
  t.match(ipRun(['-n', ours, 'route', 'show', '10.2.0.0/24']).out, /rtt lock 1\.5s rto_min lock 20ms/);
});

// ip reads numbers with strtoul(base 0) (0x hex, 0 octal) and a TOS byte in hex (rtnl_dsfield_a2n):
// `metric 010` is 8 and `tos 10` is 0x10. Each line is run by ip in one namespace, nlctl in the other.
t.test('numbers as ip reads them: octal, hex, and hex TOS', { skip }, async (t) => {
  const theirs = scratchNs(t, 'nmip');
  const ours = scratchNs(t, 'nmnl');
  for (const ns of [theirs, ours]) {
    ip('-n', ns, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1');
    ip('-n', ns, 'link', 'set', 'd0', 'up');
  }
  const lines = [
    ['route', 'add', '10.8.0.0/16', 'dev', 'd0', 'metric', '010', 'table', '010', 'tos', '10'],
    ['route', 'add', '10.9.0.0/16', 'dev', 'd0', 'tos', '0x10', 'proto', '0x10', 'scope', '0375'],
    ['route', 'add', '10.10.0.0/16', 'dev', 'd0', 'tos', '1f'],
    ['route', 'add', '10.11.0.0/16', 'dev', 'd0', 'metric', '08'],
    ['route', 'add', '10.12.0.0/16', 'dev', 'd0', 'tos', '100'],
    ['route', 'add', '10.13.0.0/16', 'dev', 'd0', 'tos', 'AF11'],
    ['route', 'add', '10.14.0.0/16', 'dev', 'd0', 'tos', 'cs1'],
    ['route', 'add', '10.15.0.0/16', 'dev', 'd0', 'metric', '-0', 'table', ' +7'],
    ['route', 'add', '10.16.0.0/16', 'dev', 'd0', 'metric', '\u00a07'],
    ['route', 'add', '10.17.0.0/16', 'dev', 'd0', 'metric', '-1'],
    ['link', 'set', 'd0', 'mtu', '01400'],
    ['link', 'set', 'd0', 'txqueuelen', '0x100'],
  ];
  for (const words of lines) {
    const a = ipRun(['-n', theirs, ...words]);
    const b = nlctl(['-n', ours, ...words]);
    t.same([b.code, b.out, b.err], [a.code, a.out, a.err], `${words.join(' ')}: exit and messages`);
  }
  const state = (ns: string) => [ipRun(['-n', ns, '-j', 'route', 'show', 'table', 'all']).out + nlctl(['-n', ns, 'route', 'show', 'table', 'all']).out, ipRun(['-n', ns, 'link', 'show', 'd0']).out.replace(/link\/ether \S+ brd/, 'link/ether X brd')];
  t.same(state(ours), state(theirs), 'the same routes and link');
  t.match(state(ours)[0], /"table":"8".*"metric":8|"metric":8.*"table":"8"/, 'metric 010 and table 010 are 8');
  t.match(state(ours)[0], /10\.13\.0\.0\/16 tos AF11 /, 'a DS field name is read and printed as ip does');
  t.match(state(ours)[1], /mtu 768 .*qlen 256/, 'mtu 01400 is 768, txqueuelen 0x100 is 256');
});
