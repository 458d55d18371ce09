// `nlctl rule` changes against `ip rule`'s: the same command lines run, in order, through ip in one
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

// Help and "unknown command" texts name the program; they are compared with ip's name swapped in.
const named = (s: string) => s.replace(/\bnlctl\b/g, 'ip');

const CHANGES = [
  'rule add from 10.1.0.0/16 to 10.2.0.0/24 iif veth0 fwmark 0x10/0xff table 100 priority 1000',
  '-6 rule add not from 2001:db8::/64 oif veth0 table 70000 pref 2000 uidrange 1000-2000 ipproto tcp sport 80 dport 1000-2000 protocol static',
  'rule add pref 3000 tos 0x10 table main suppress_prefixlength 0',
  'rule add pref 4000 goto 5000',
  'rule add pref 4500 fwmark 7 prohibit',
  'rule add pref 4501 fwmark 8 type blackhole',
  'rule add pref 4502 unreachable',
  'rule add pref 4600 nop',
  'rule add pref 4700 to 10.9.0.0/16 realms 5/6 lookup 7',
  'rule add pref 4800 ipproto 200 dport 1-2 sport 9 table 5',
  'rule add pref 4900 from all lookup 9',
  'rule add pref 5000 l3mdev',
  'rule add pref 5100 fwmark 0x20 dsfield AF11 order 5100 table default',
  'rule add pref 5200 to 10.10.0.0/16 suppress_ifgroup 3 lookup 9',
  'rule add pref 5300 from 10.0.0.1 lookup 9 proto 99',
  'rule del pref 4502',
  'rule del pref 4502',
  'rule delete pref 4501 fwmark 8',
];

const SHOWS = ['rule', '-6 rule', '-j rule', '-d -j -p rule', 'rule show pref 4000', 'rule show table main'];

t.test('rule add/del/show/flush: nlctl prints and exits as ip does', { skip }, async (t) => {
  const theirs = scratchNs(t, 'cri');
  const ours = scratchNs(t, 'crn');
  for (const ns of [theirs, ours]) for (const l of ['link add veth0 type veth peer name eth0', 'link set lo up']) ipRun(['-n', ns, ...l.split(' ')]);
  // In order (each line may depend on the ones before), ip and nlctl side by side.
  for (const line of CHANGES) {
    const [[, a, b]] = await compareLines([line], theirs, ours);
    t.same({ ...b!, err: named(b!.err) }, a, line);
  }
  // The state both made, listed by ip (nlctl's listings are cli-rule-show's business).
  for (const line of SHOWS) t.same(ipRun(['-n', ours, ...line.split(' ')]), ipRun(['-n', theirs, ...line.split(' ')]), `state: ${line}`);
  t.match(ipRun(['-n', theirs, 'rule', 'show']).out, /4700:\tfrom all to 10.9.0.0\/16 lookup 7 realms 5\/6/, 'the oracle made the rules');
});
