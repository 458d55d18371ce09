// nlctl -o (one record per line) and -s / -s -s (link counters) against ip, on one scratch
// namespace whose counters stand still while both run (loopback traffic sent first, then none).
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { kernelSkipReason, scratchNs, ip } from '../helpers/scratch.js';

import { CLI } from '../helpers/cli.js';
const skip = kernelSkipReason();

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', timeout: 30000 });

t.test('-o and -s print what ip prints', { skip }, async (t) => {
  const ns = scratchNs(t, 'ost');
  const n = ['-n', ns];
  ip(...n, 'link', 'set', 'lo', 'up');
  ip(...n, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
  // v0 up with its peer down: admin-up for the onlink nexthops, no carrier, so no traffic moves counters.
  ip(...n, 'link', 'set', 'v0', 'up');
  ip(...n, 'addr', 'add', '10.0.0.1/24', 'dev', 'v0');
  ip(...n, 'addr', 'add', '10.0.0.2/24', 'dev', 'v0', 'label', 'v0:2');
  ip(...n, 'addr', 'add', '2001:db8::1/64', 'dev', 'v0', 'nodad');
  ip(...n, 'route', 'add', '10.80.0.0/16', 'nexthop', 'via', '10.0.0.7', 'dev', 'v0', 'weight', '2', 'onlink', 'nexthop', 'via', '10.0.0.8', 'dev', 'v0', 'onlink');
  // ~12 MB over loopback: counters wide enough to widen ip's columns (bytes > 10 digits is not reachable quickly).
  const send = run('ip', ['netns', 'exec', ns, process.execPath, '-e',
    'const d=require("dgram").createSocket("udp4");let i=0;const b=Buffer.alloc(1400);(function go(){if(i++>4000)return d.close();d.send(b,9,"127.0.0.1",go)})()']);
  t.equal(send.status, 0, send.stderr);
  for (const args of [
    ['-o', 'link'], ['-o', 'link', 'show', 'v0'], ['-o', '-d', 'link', 'show', 'v0'], ['-o', 'address'], ['-o', '-4', 'a'], ['-o', '-6', 'a'],
    ['-o', 'a', 'show', 'label', 'v0:2'], ['-o', 'route'], ['-o', 'route', 'get', '10.0.0.5'], ['-o', '-br', 'link'],
    ['-s', 'link', 'show', 'lo'], ['-s', '-s', 'link', 'show', 'lo'], ['-j', '-s', 'link', 'show', 'lo'], ['-j', '-s', '-s', 'link', 'show', 'lo'],
    ['-s', 'link', 'show', 'v0'], ['-s', '-s', 'link', 'show', 'v1'], ['-s', 'address', 'show', 'lo'], ['-j', '-s', 'address', 'show', 'lo'],
    ['-o', '-s', 'link', 'show', 'lo'], ['-o', '-s', 'a', 'show', 'lo'],
  ]) {
    const ours = run(process.execPath, [CLI, ...n, ...args]);
    const theirs = run('ip', [...n, ...args]);
    t.same([ours.status, ours.stdout, ours.stderr], [theirs.status, theirs.stdout, theirs.stderr], args.join(' '));
  }
  const lo = run(process.execPath, [CLI, ...n, '-s', 'link', 'show', 'lo']).stdout;
  t.match(lo, /\n {4}RX: {2}bytes packets errors dropped {2}missed {3}mcast {11}\n {4} *\d{7,} +\d{4,} /, 'the traffic shows');
});
