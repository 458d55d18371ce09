// -h/-human(-readable) and -iec with -s: nlctl scales link counters in text exactly as ip 6.1's
// print_num() does (columns sized by their headers alone), leaves JSON unscaled, and -iec alone
// changes nothing. Counters come from ~90 MB of UDP sent to the scratch namespace's own lo.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { kernelSkipReason, scratchNs, ip } from '../helpers/scratch.js';
import { nlctl, ipRun } from '../helpers/cli-run.js';
import { humanNum } from '../../src/cli/print/link-stats.js';

const skip = kernelSkipReason();

t.test('print_num values (expected from C-style %.*f: Python\'s "%.2f", ties to even)', async (t) => {
  const cases: [bigint, string, string][] = [
    [999n, '999', '999'], [1000n, '1.00k', '1000'], [1125n, '1.12k', '1.10ki'], [1135n, '1.14k', '1.11ki'], [1375n, '1.38k', '1.34ki'],
    [12345n, '12.3k', '12.1ki'], [99999n, '100.0k', '97.7ki'], [100000n, '100k', '97.7ki'], [999999n, '1000k', '977ki'],
    [1000000n, '1.00M', '977ki'], [5243392n, '5.24M', '5.00Mi'], [2n ** 63n, '9.22E', '8.00Ei'], [2n ** 64n - 1n, '18.4E', '16.0Ei'],
  ];
  for (const [n, dec, iec] of cases) t.same([humanNum(n, { iec: false }), humanNum(n, { iec: true })], [dec, iec], String(n));
});

t.test('-h/-iec -s link and address listings as ip prints them', { skip }, async (t) => {
  const ns = scratchNs(t, 'chu');
  ip('-n', ns, 'link', 'set', 'lo', 'up');
  ip('-n', ns, 'link', 'add', 'h0', 'type', 'veth', 'peer', 'name', 'h1');
  // Bounded: 1500 datagrams of 60000 bytes to a closed port on lo (each also bounces an ICMP error).
  const send = `const d=require('dgram').createSocket('udp4');const b=Buffer.alloc(60000);let i=0;
    const go=()=>{if(i++>=1500){d.close();return;}d.send(b,9,'127.0.0.1',go);};go();`;
  const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, '-e', send], { encoding: 'utf8', timeout: 60000 });
  t.equal(r.status, 0, `traffic sent ${r.stderr}`);
  const lo = ipRun(['-n', ns, '-s', '-h', 'link', 'show', 'lo']).out;
  t.match(lo, /\d+\.\dM +\d\.\d\dk /, 'the oracle scales these counters (M bytes, k packets)');
  for (const line of ['-s -h link show lo', '-s -h -iec link show lo', '-s -iec link show lo', '-s -s -h link', '-s -human-readable link',
    '-s -h -iec -s link show lo', '-h -o -s link show lo', '-br -h -s link', '-h -s -j link show lo', '-h -s address show lo',
    '-h -s -s -iec address', '-h link', '-s -hu link show lo']) {
    const args = ['-n', ns, ...line.split(' ')];
    t.same(nlctl(args), ipRun(args), line);
  }
});
