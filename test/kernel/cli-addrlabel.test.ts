// `nlctl addrlabel` changes against ip's, in twin scratch namespaces: each line in order with
// ip's output and exit code, then flush and the listing after it. Listings and netconf show are
// cli-netconf-show.test.ts's.
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

const CHANGES = [
  'addrlabel add prefix 2001:db8:7::/48 label 7', 'addrlabel add prefix 2001:db8:7::/48 label 7', 'addrlabel add prefix 2001:db8:8::/48 dev veth0 label 8',
  'addrlabel add prefix 2001:db8:9::1 label 9', 'addrlabel del prefix 2001:db8:7::/48 label 7', 'addrlabel del prefix 2001:db8:7::/48 label 7',
  'addrlabel del prefix 2001:db8:8::/48 label 8', 'addrlabel add label 5', 'addrlabel add prefix 2001:db8:9::/48', 'addrlabel add prefix 2001:db8:9::/48 label 0xffffffff',
  'addrlabel add prefix 2001:db8:9::/48 dev nope label 1', 'addrlabel add prefix zz label 1', 'addrlabel flush x', 'addrlabel list foo', 'addrlabel x',
];


t.test('addrlabel add/del/flush: nlctl prints and exits as ip does', { skip }, async (t) => {
  const theirs = scratchNs(t, 'cal');
  const ours = scratchNs(t, 'cam');
  for (const ns of [theirs, ours]) {
    for (const l of ['link add veth0 type veth peer name eth0', 'link set lo up', 'link set veth0 up']) ipRun(['-n', ns, ...l.split(' ')]);
    ipRun(['-n', ns, 'netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.veth0.forwarding=1']);
  }
  for (const line of CHANGES) {
    const [[, a, b]] = await compareLines([line], theirs, ours);
    t.same({ ...b!, err: named(b!.err) }, a, line);
  }
  t.match(ipRun(['-n', theirs, 'addrlabel']).out, /prefix 2001:db8:9::1\/128 label 9/, 'the oracle made the labels');
  t.same(ipRun(['-n', ours, 'addrlabel']), ipRun(['-n', theirs, 'addrlabel']), 'the same labels in both (listed by ip)');
  for (const line of ['addrlabel flush', 'addrlabel', '-j addrlabel']) {
    const [[, a, b]] = await compareLines([line], theirs, ours);
    t.same(b, a, line);
  }
});
