// nlctl address flush with label patterns and flag filters: two identical scratch namespaces,
// ip flushes one and nlctl the other with the same words, and what is left must be the same.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { kernelSkipReason, scratchNs, ip, ipJson } from '../helpers/scratch.js';

import { CLI } from '../helpers/cli.js';
const skip = kernelSkipReason();

function populate(ns: string): void {
  const n = ['-n', ns];
  ip(...n, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'mv0');
  ip(...n, 'addr', 'add', '10.0.0.1/24', 'dev', 'v0');
  ip(...n, 'addr', 'add', '10.0.0.2/24', 'dev', 'v0', 'label', 'v0:1');
  ip(...n, 'addr', 'add', '10.0.0.3/24', 'dev', 'v0', 'label', 'v0:22');
  ip(...n, 'addr', 'add', '10.1.0.3/24', 'dev', 'v0', 'label', 'v0:x');
  ip(...n, 'addr', 'add', '2001:db8::1/64', 'dev', 'v0', 'nodad');
  ip(...n, 'addr', 'add', '10.9.0.1/24', 'dev', 'mv0', 'label', 'mv0:1');
  ip(...n, 'addr', 'add', '2001:db8::9/64', 'dev', 'mv0', 'nodad');
}

function left(ns: string): string[] {
  return ipJson<{ ifname: string; addr_info: { local: string; prefixlen: number; label?: string }[] }[]>('-n', ns, 'addr', 'show')
    .flatMap((l) => l.addr_info.map((a) => `${l.ifname} ${a.local}/${a.prefixlen} ${a.label ?? ''}`)).sort();
}

for (const words of [
  ['label', 'v0:*'], ['label', 'v0:?'], ['label', 'mv?'], ['label', 'v0:[0-9]*'], ['dev', 'v0', 'label', 'v0*'],
  ['-4', 'label', '*'], ['dev', 'v0', 'secondary'], ['dev', 'v0', 'primary'], ['label', 'v0:1'], ['label', 'nomatch*'],
  // A missing device: ip's show/flush wording ('Device "X" does not exist.'), not ip addr add's.
  ['dev', 'nosuch0'], ['-4', 'dev', 'nosuch0'],
]) {
  t.test(`address flush ${words.join(' ')}`, { skip }, async (t) => {
    const theirs = scratchNs(t, 'fli');
    const ours = scratchNs(t, 'fln');
    populate(theirs);
    populate(ours);
    const before = left(ours);
    const global = words[0] === '-4' ? ['-4'] : [];
    const rest = words[0] === '-4' ? words.slice(1) : words;
    const a = spawnSync('ip', [...global, '-n', theirs, 'address', 'flush', ...rest], { encoding: 'utf8' });
    const b = spawnSync(process.execPath, [CLI, ...global, '-n', ours, 'address', 'flush', ...rest], { encoding: 'utf8' });
    t.same([b.status, b.stdout, b.stderr], [a.status, a.stdout, a.stderr], 'same exit code and output');
    t.same(left(ours), left(theirs), 'the same addresses are left');
    if (!words.includes('nomatch*') && !words.includes('nosuch0')) t.not(left(ours).length, before.length, 'the flush removed something');
  });
}
