// `nlctl nexthop show/get` and routes through nexthop objects against ip's: objects made by ip in
// twin scratch namespaces, then every listing compared byte for byte with its exit code.
import t from 'tap';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { ipRun } from '../helpers/cli-run.js';
import { compareLines } from '../helpers/cli-par.js';

const skip = kernelSkipReason();
// Dozens of CLI start-ups: on a loaded 2-core machine each can take seconds, so this file asks the
// runner for more than its default 120 s (the root test's setTimeout reaches the runner over IPC).
t.setTimeout(360_000);

const SETUP = ['link add veth0 type veth peer name eth0', 'link set lo up', 'link set veth0 up', 'link set eth0 up', 'addr add 10.0.0.1/24 dev veth0', 'addr add 2001:db8:1::1/64 dev veth0 nodad'];

const OBJECTS = [
  'nexthop add id 1 via 10.0.0.2 dev veth0', 'nexthop add id 2 via 2001:db8:1::2 dev veth0 onlink protocol static', 'nexthop add id 3 via 10.0.0.3 dev veth0',
  'nexthop add id 4 blackhole', 'nexthop add id 5 via 10.0.0.7 dev veth0 proto 99', 'nexthop add id 10 group 1/3,2',
  'nexthop add id 11 group 1/3 type resilient buckets 8 idle_timer 10 unbalanced_timer 20', 'nexthop add id 20 via 10.0.0.5 fdb', 'nexthop add id 21 group 20 fdb',
  'route add 10.5.0.0/24 nhid 10', 'route add 10.6.0.0/24 nhid 1', '-6 route add 2001:db8:6::/64 nhid 2',
];

const SHOWS = [
  'nexthop', 'nexthop show', 'nexthop list', 'nexthop lst', '-j nexthop', '-j -p nexthop', '-d nexthop', '-d -j nexthop',
  '-4 nexthop', '-6 nexthop', 'nexthop show dev veth0', 'nexthop show groups', 'nexthop show fdb', 'nexthop show protocol 99',
  'nexthop show id 11', '-j nexthop show id 10', 'nexthop get id 2', 'nexthop get id 99', 'nexthop show dev nosuch', 'nexthop show frob',
  'nexthop show protocol static', 'route', '-j route', '-d route', '-6 route', 'route show 10.5.0.0/24', 'route get 10.6.0.9',
];

// Half of the lines per run, picked by NH_SHOW_PART (the other half runs in cli-nexthop-show2.test.ts),
// so each file stays well inside tap's 120 s on a loaded machine.
const part = Number(process.env.NH_SHOW_PART ?? 0);
const half = Math.ceil(SHOWS.length / 2);

t.test('nexthop show/get and nhid routes: nlctl prints and exits as ip does', { skip }, async (t) => {
  const theirs = scratchNs(t, 'cns');
  const ours = scratchNs(t, 'cnt');
  for (const ns of [theirs, ours]) for (const l of [...SETUP, ...OBJECTS]) ipRun(['-n', ns, ...l.split(' ')]);
  for (const [line, a, b] of await compareLines(SHOWS.slice(part * half, (part + 1) * half), theirs, ours)) t.same(b, a, line);
});
