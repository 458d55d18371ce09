// `nlctl rule show|flush` against ip's: rules made by ip in two twin scratch namespaces, then
// every selector ip's filter_nlmsg() knows, listed by both in text, -j and -d, and flushes
// with selectors followed by listings of what is left.
import t from 'tap';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { ipRun } from '../helpers/cli-run.js';
import { compareLines } from '../helpers/cli-par.js';

const skip = kernelSkipReason();
// Dozens of CLI start-ups: on a loaded 2-core machine each can take seconds, so this file asks the
// runner for more than its default 120 s (the root test's setTimeout reaches the runner over IPC).
t.setTimeout(360_000);

const SETUP = [
  'link add veth0 type veth peer name eth0', 'link set lo up',
  'rule add from 10.1.0.0/16 to 10.2.0.0/24 iif veth0 fwmark 0x10/0xff table 100 priority 1000',
  '-6 rule add not from 2001:db8::/64 oif veth0 table 70000 pref 2000 uidrange 1000-2000 ipproto tcp sport 80 dport 1000-2000 protocol static',
  'rule add pref 3000 tos 0x10 table main suppress_prefixlength 0', 'rule add pref 4000 goto 5000', 'rule add pref 4500 fwmark 7 prohibit',
  'rule add pref 4600 nop', 'rule add pref 4700 to 10.9.0.0/16 realms 5/6 lookup 7', 'rule add pref 4900 from all lookup 9', 'rule add pref 5000 l3mdev',
  'rule add pref 5300 from 10.0.0.1 lookup 9 proto 99',
];

const SHOWS = [
  'rule', 'rule show', 'rule list', 'rule lst', '-6 rule', '-j rule', '-j -p rule', '-6 -j -p rule', '-d rule', '-d -j rule',
  'rule show pref 4000', 'rule show table main', 'rule show lookup 9', 'rule show from 10.1.0.0/16', 'rule show from 10.1.0.0/8',
  'rule show from 10.0.0.0/8', '-6 rule show not', 'rule list iif veth0', 'rule list dev nope', 'rule show to 10.9.0.0/16',
  'rule show to 10.9.1.0/24', '-6 rule show from 2001:db8::/32', 'rule show fwmark 7', 'rule show fwmark 0x10/0xff', 'rule show l3mdev',
  '-6 rule show uidrange 1000-2000', '-6 rule show ipproto tcp', '-6 rule show sport 80', '-6 rule show dport 1000-2000', 'rule show tos 0x10',
  'rule show from 2001:db8::1', 'rule show table nosuch', 'rule show protocol static',
];

// Half of the selectors per run, picked by RULE_SHOW_PART (the second half runs in cli-rule-show2.test.ts), so
// each file stays well inside tap's 120 s on a loaded machine.
const part = Number(process.env.RULE_SHOW_PART ?? 0);
const half = Math.ceil(SHOWS.length / 2);

t.test('rule show selectors and flush: nlctl prints and exits as ip does', { skip }, async (t) => {
  const theirs = scratchNs(t, 'crs');
  const ours = scratchNs(t, 'crt');
  for (const ns of [theirs, ours]) for (const l of SETUP) ipRun(['-n', ns, ...l.split(' ')]);
  for (const [line, a, b] of await compareLines(SHOWS.slice(part * half, (part + 1) * half), theirs, ours)) t.same(b, a, line);
  if (part) return;
  for (const line of ['rule flush pref 4000', 'rule flush table 9', '-6 rule flush protocol static', 'rule flush', '-6 rule flush']) {
    const [[, a, b]] = await compareLines([line], theirs, ours);
    t.same(b, a, line);
    // What is left, listed by ip in both (nlctl's listing is compared above).
    const show = line.startsWith('-6') ? ['-6', 'rule'] : ['rule'];
    t.same(ipRun(['-n', ours, ...show]), ipRun(['-n', theirs, ...show]), `after ${line}: ${show.join(' ')}`);
  }
});
