// `nlctl nexthop add` with words or states ip refuses, against ip: twin scratch namespaces with the
// same objects (made by ip), each refused line must print ip's message and exit with ip's code.
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

const SETUP = [
  'link add veth0 type veth peer name eth0', 'link set lo up', 'link set veth0 up', 'link set eth0 up', 'addr add 10.0.0.1/24 dev veth0',
  'nexthop add id 1 via 10.0.0.2 dev veth0', 'nexthop add id 3 dev veth0',
];

const REFUSED = [
  'nexthop add id 1 via 10.0.0.2 dev veth0',
  'nexthop add id 30 dev veth0 via 2001:db8:1::9',
  'nexthop add id 30 via 10.0.0.9 via 2001:db8:1::9',
  'nexthop add id 30 via 10.0.0.9 dev nosuch',
  'nexthop add id 30 group 1/x',
  'nexthop add id 30 group 1,0',
  'nexthop add id 30 group 1,300',
  'nexthop add id 30 group 1 type foo',
  'nexthop add id 30 group 99',
  'nexthop add id x dev veth0',
  'nexthop add id 30 dev veth0 frob',
  'nexthop add id 30 dev veth0 protocol nosuch',
  'nexthop add id 30 group 1 type resilient buckets x',
  'nexthop add id 30 via',
  'nexthop x',
];

t.test('nexthop lines ip refuses: nlctl refuses them in ip\'s words and exit codes', { skip }, async (t) => {
  const theirs = scratchNs(t, 'cne');
  const ours = scratchNs(t, 'cnr');
  for (const ns of [theirs, ours]) for (const l of SETUP) ipRun(['-n', ns, ...l.split(' ')]);
  for (const [line, a, b] of await compareLines(REFUSED, theirs, ours)) t.same({ ...b, err: named(b.err) }, a, line);
});
