// `nlctl nexthop` changes against `ip nexthop`'s: the same command lines run, in order, through ip in one
// scratch namespace and through nlctl in a twin; each line must print the same bytes and exit
// the same way, and the two namespaces must end in the same state (listed by ip in both).
import t from 'tap';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { ipRun } from '../helpers/cli-run.js';
import { compareLines } from '../helpers/cli-par.js';

const skip = kernelSkipReason();
// Dozens of CLI start-ups: on a loaded 2-core machine each can take seconds, so this file asks the
// runner for more than its default 120 s (the root test's setTimeout reaches the runner over IPC).
t.setTimeout(360_000);

// "Unknown command" texts name the program; compared with ip's name swapped in.
const named = (s: string) => s.replace(/\bnlctl\b/g, 'ip');

const SETUP = ['link add veth0 type veth peer name eth0', 'link set lo up', 'link set veth0 up', 'link set eth0 up', 'addr add 10.0.0.1/24 dev veth0', 'addr add 2001:db8:1::1/64 dev veth0 nodad'];

const CHANGES = [
  'nexthop add id 1 via 10.0.0.2 dev veth0',
  'nexthop add id 2 via 2001:db8:1::2 dev veth0 onlink protocol static',
  'nexthop add id 3 dev veth0',
  'nexthop add id 4 blackhole',
  'nexthop add id 5 via inet 10.0.0.7 dev veth0 proto 99',
  'nexthop add id 10 group 1/3,2',
  'nexthop add id 11 group 1/3 type resilient buckets 8 idle_timer 10 unbalanced_timer 20',
  'nexthop add id 12 group 1/5 type resilient',
  'nexthop add id 13 group 3 type mpath',
  'nexthop add id 20 via 10.0.0.5 fdb',
  'nexthop add id 21 group 20 fdb',
  'nexthop replace id 3 via 10.0.0.3 dev veth0',
  'nexthop del id 4',
  'nexthop del id 4',
  'nexthop del',
  'route add 10.5.0.0/24 nhid 10',
  'route add 10.6.0.0/24 nhid 1',
  '-6 route add 2001:db8:6::/64 nhid 2',
  'route add 10.7.0.0/24 nhid 99',
];

const SHOWS = ['nexthop', '-j -p nexthop', 'route'];

t.test('nexthop add/replace/del/show/get and nhid routes: nlctl prints and exits as ip does', { skip }, async (t) => {
  const theirs = scratchNs(t, 'cni');
  const ours = scratchNs(t, 'cnn');
  for (const ns of [theirs, ours]) for (const l of SETUP) ipRun(['-n', ns, ...l.split(' ')]);
  // In order (each line may depend on the ones before), ip and nlctl side by side.
  for (const line of CHANGES) {
    const [[, a, b]] = await compareLines([line], theirs, ours);
    t.same({ ...b!, err: named(b!.err) }, a, line);
  }
  t.match(ipRun(['-n', theirs, 'nexthop', 'show']).out, /id 11 group 1\/3 type resilient buckets 8 idle_timer 10/, 'the oracle made the objects');
  // The state both made, listed by ip (nlctl's listings are cli-nexthop-show's business).
  for (const line of SHOWS) t.same(ipRun(['-n', ours, ...line.split(' ')]), ipRun(['-n', theirs, ...line.split(' ')]), `state: ${line}`);
});
