// `route show|list|flush table N` where the table does not exist: the kernel refuses the dump
// ("Error: ipv4: FIB table does not exist.") and ip adds 'Dump terminated' / 'Flush terminated'
// and exits 2 (after a lone '[' with -j). Table 0/unspec means every table, as 'all'. nlctl
// must print the same bytes and exit the same way. A missing IPv4 main table (a namespace whose
// interfaces are all down) is no error to a listing, only to a flush, as in ip 6.1.
import t from 'tap';
import { kernelSkipReason, scratchNs, ip } from '../helpers/scratch.js';
import { nlctl, ipRun } from '../helpers/cli-run.js';

const skip = kernelSkipReason();

t.test('named tables that exist, do not, or are every table', { skip }, async (t) => {
  const ns = scratchNs(t, 'crt');
  const fresh = scratchNs(t, 'crf');
  const n = ['-n', ns];
  ip(...n, 'link', 'add', 'e0', 'type', 'veth', 'peer', 'name', 'e1');
  ip(...n, 'link', 'set', 'e0', 'up');
  ip(...n, 'addr', 'add', '10.9.0.1/24', 'dev', 'e0');
  ip(...n, 'route', 'add', '10.2.0.0/16', 'dev', 'e0', 'table', '100');
  ip(...n, 'route', 'add', '10.3.0.0/16', 'dev', 'e0', 'table', '70000');
  const lines = [
    'route show table 999', '-6 route show table 999', 'route list table 999', 'route lst table 999 dev e0', '-j route show table 999',
    '-j -6 route show table 999', 'route show table 253', 'route show table default', 'route show table 4294967295',
    'route show table 4294967296', 'route show table foo', 'route flush table 999', '-6 route flush table 999',
    'route show table 0', 'route show table unspec', '-6 route show table 0', '-d route show table 0', '-j route show table 0',
    'route show table 100', '-j route show table 100', 'route show table 70000', 'route show table local', 'route show table main',
    'route show table 100 proto static',
  ];
  for (const [where, list] of [[ns, lines], [fresh, ['route show table local', '-6 route show table local', 'route show table main', '-j route show table main', '-6 route show table main', 'route show',
    'route flush table main', 'route flush table local', '-6 route flush table main']]] as const) {
    for (const line of list) {
      const args = ['-n', where, ...line.split(' ')];
      const theirs = ipRun(args);
      t.same(nlctl(args), theirs, `${where === fresh ? 'fresh namespace: ' : ''}${line}`);
    }
  }
  t.equal(ipRun([...n, 'route', 'show', 'table', '999']).code, 2, 'ip does refuse a missing table (the oracle still behaves so)');
});
