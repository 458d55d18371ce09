// `nlctl rule` lines ip refuses, against ip: twin scratch namespaces; each refused line must print
// ip's message and exit with ip's code.
import t from 'tap';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { nlctl, ipRun } from '../helpers/cli-run.js';
import { compareLines } from '../helpers/cli-par.js';

const skip = kernelSkipReason();
// Dozens of CLI start-ups: on a loaded 2-core machine each can take seconds, so this file asks the
// runner for more than its default 120 s (the root test's setTimeout reaches the runner over IPC).
t.setTimeout(360_000);

// "Unknown command" texts name the program; compared with ip's name swapped in.
const named = (s: string) => s.replace(/\bnlctl\b/g, 'ip');

const REFUSED = [
  'rule add pref 3000 tos 0x10 table main suppress_prefixlength 0',
  'rule add pref 6000 l3mdev table 10',
  'rule add pref 6001 ipproto foo table 5',
  'rule add pref 6002 sport x table 5',
  'rule add pref 6003 uidrange 5 table 5',
  'rule add pref 6004 table nosuch',
  'rule add pref 6005 fwmark 0x1/zz',
  'rule add pref 6006 iif a/b',
  'rule add pref 6007 frobnicate',
  'rule add pref 6008 sport 5-1 table 5',
  'rule add from 10.0.0.300',
  'rule add pref',
  'rule add',
  'rule del',
  'rule x',
];

t.test('rule lines ip refuses: nlctl refuses them in ip\'s words and exit codes', { skip }, async (t) => {
  const theirs = scratchNs(t, 'cre');
  const ours = scratchNs(t, 'crr');
  for (const ns of [theirs, ours]) ipRun(['-n', ns, 'rule', 'add', 'pref', '3000', 'tos', '0x10', 'table', 'main', 'suppress_prefixlength', '0']);
  for (const [line, a, b] of await compareLines(REFUSED, theirs, ours)) t.same({ ...b, err: named(b.err) }, a, line);
  // nlctl's help leaves out what it does not implement (save, restore, nat); the exit code is ip's.
  const help = nlctl(['rule', 'help']);
  t.same([help.code, help.out], [ipRun(['rule', 'help']).code, ''], 'rule help: usage on stderr, exit 255');
  t.match(help.err, /^Usage: nlctl rule \{ add \| del \} SELECTOR ACTION\n/);
});
