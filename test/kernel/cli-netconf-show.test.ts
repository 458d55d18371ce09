// `nlctl addrlabel list` and `nlctl netconf show` against ip's, in twin scratch namespaces with
// the same labels (made by ip): the netconf dump and single-device requests in text and -j
// (where ip, asked for one device and one family, prints text even with -j).
import t from 'tap';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { ipRun } from '../helpers/cli-run.js';
import { compareLines } from '../helpers/cli-par.js';

const skip = kernelSkipReason();
// Dozens of CLI start-ups: on a loaded 2-core machine each can take seconds, so this file asks the
// runner for more than its default 120 s (the root test's setTimeout reaches the runner over IPC).
t.setTimeout(360_000);


const SHOWS = [
  'addrlabel', 'addrlabel list', '-j addrlabel', '-j -p addrlabel', 'netconf', 'netconf show', '-j netconf', '-j -p netconf show', '-4 netconf', '-6 -j netconf',
  'netconf show dev veth0', '-j netconf show dev veth0', '-4 netconf show dev veth0', '-6 -j netconf show dev veth0', 'netconf show dev nope', 'netconf show foo bar',
];

t.test('addrlabel list and netconf show: nlctl prints and exits as ip does', { skip }, async (t) => {
  const theirs = scratchNs(t, 'cal');
  const ours = scratchNs(t, 'cam');
  for (const ns of [theirs, ours]) {
    for (const l of ['link add veth0 type veth peer name eth0', 'link set lo up', 'link set veth0 up']) ipRun(['-n', ns, ...l.split(' ')]);
    ipRun(['-n', ns, 'netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.veth0.forwarding=1']);
  }
  for (const ns of [theirs, ours]) for (const l of ['addrlabel add prefix 2001:db8:8::/48 dev veth0 label 8', 'addrlabel add prefix 2001:db8:9::1 label 9']) ipRun(['-n', ns, ...l.split(' ')]);
  for (const [line, a, b] of await compareLines(SHOWS, theirs, ours)) t.same(b, a, line);
});
