// `nlctl nexthop flush` against ip's, in twin scratch namespaces: by id, by selector, everything;
// each followed by the listing of what is left.
import t from 'tap';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { ipRun } from '../helpers/cli-run.js';
import { compareLines } from '../helpers/cli-par.js';

const skip = kernelSkipReason();
// Dozens of CLI start-ups: on a loaded 2-core machine each can take seconds, so this file asks the
// runner for more than its default 120 s (the root test's setTimeout reaches the runner over IPC).
t.setTimeout(360_000);

const SETUP = ['link add veth0 type veth peer name eth0', 'link set lo up', 'link set veth0 up', 'link set eth0 up', 'addr add 10.0.0.1/24 dev veth0', 'addr add 2001:db8:1::1/64 dev veth0 nodad'];

t.test('nexthop flush: by id, by selector, everything', { skip }, async (t) => {
  const theirs = scratchNs(t, 'cnf');
  const ours = scratchNs(t, 'cng');
  for (const ns of [theirs, ours]) {
    for (const l of [...SETUP, 'nexthop add id 1 via 10.0.0.2 dev veth0', 'nexthop add id 2 dev veth0', 'nexthop add id 3 blackhole',
      'nexthop add id 4 via 10.0.0.4 dev veth0 proto 99', 'nexthop add id 10 group 1/2', 'nexthop add id 11 group 2']) ipRun(['-n', ns, ...l.split(' ')]);
  }
  for (const line of ['nexthop flush id 3', 'nexthop flush id 3', 'nexthop flush protocol 99', 'nexthop flush groups', 'nexthop flush dev veth0', 'nexthop flush', 'nexthop']) {
    const [[, a, b]] = await compareLines([line], theirs, ours);
    t.same(b, a, line);
    // What is left, listed by ip in both (nlctl's listing is cli-nexthop-show's business).
    t.same(ipRun(['-n', ours, 'nexthop']), ipRun(['-n', theirs, 'nexthop']), `after ${line}`);
  }
});
