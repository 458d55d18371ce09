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
  for (const v of VALUES) {
    for (const m of ['rtt', 'rttvar', 'rto_min']) {
      const words = ['route', 'add', '10.1.0.0/24', 'dev', 'lo', m, v];
      const a = ipRun(['-n', theirs, ...words]);
      const b = nlctl(['-n', ours, ...words]);
      t.same([b.code, b.out, b.err], [a.code, a.out, a.err], `${m} ${v}: exit and messages`);
      const shown = (ns: string) => ipRun(['-n', ns, '-j', 'route', 'show', '10.1.0.0/24']).out;
      t.equal(shown(ours), shown(theirs), `${m} ${v}: the route made`);
      for (const ns of [theirs, ours]) ipRun(['-n', ns, 'route', 'del', '10.1.0.0/24']);
    }
  }
  // A value ip accepts must really have been tried: guard against both sides failing alike.
  t.match(ipRun(['-n', theirs, '-j', 'route', 'show']).out, /^\[/);
  const a = ipRun(['-n', theirs, 'route', 'add', '10.2.0.0/24', 'dev', 'lo', 'rtt', 'lock', '1.5s', 'rto_min', '20ms']);
  const b = nlctl(['-n', ours, 'route', 'add', '10.2.0.0/24', 'dev', 'lo', 'rtt', 'lock', '1.5s', 'rto_min', '20ms']);
  t.equal(a.code, 0);
  t.equal(b.code, 0);
  t.equal(ipRun(['-n', ours, 'route', 'show', '10.2.0.0/24']).out, ipRun(['-n', theirs, 'route', 'show', '10.2.0.0/24']).out);
  t.match(ipRun(['-n', ours, 'route', 'show', '10.2.0.0/24']).out, /rtt lock 1\.5s rto_min lock 20ms/);
});
