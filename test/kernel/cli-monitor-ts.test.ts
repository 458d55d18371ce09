// `nlctl -t|-ts monitor link` next to `ip -t|-ts monitor link` on one scratch namespace: each
// event carries ip's stamp ('Timestamp: <asctime> N usec' line, or a '[YYYY-MM-DDTHH:MM:SS.uuuuuu] '
// prefix), checked by shape only, and the event records themselves equal ip's byte for byte.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { CLI } from '../helpers/cli.js';
import { until, watch } from '../helpers/watch.js';

const skip = kernelSkipReason();

const LONG = /^Timestamp: (Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4} \d{1,6} usec$/;
const SHORT = /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\] /;

/** Splits monitor output into [stamp, record] pairs: records are the event's lines. */
function records(out: string, kind: '-t' | '-ts'): [string, string][] {
  const lines = out.split('\n').slice(0, -1);
  const res: [string, string][] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (kind === '-t' && l.startsWith('Timestamp: ')) res.push([l, '']);
    else if (kind === '-ts' && l.startsWith('[')) { const end = l.indexOf('] ') + 2; res.push([l.slice(0, end), l.slice(end) + '\n']); }
    else if (res.length) res[res.length - 1]![1] += l + '\n';
  }
  return res;
}

for (const kind of ['-t', '-ts'] as const) {
  t.test(`monitor ${kind}: ip's stamps, ip's event records`, { skip }, async (t) => {
    const ns = scratchNs(t, `cmt${kind.length}`);
    const ours = watch(process.execPath, [CLI, kind, '-n', ns, 'monitor', 'link']);
    const theirs = watch('ip', [kind, '-n', ns, 'monitor', 'link']);
    const json = watch(process.execPath, [CLI, '-j', kind, '-n', ns, 'monitor', 'link']);
    t.teardown(() => { for (const w of [ours, theirs, json]) w.child.kill(); });
    // Both subscribe asynchronously (nlctl after node and koffi start): poke until all three see events.
    await until(() => [ours, theirs, json].every((w) => w.out().includes('poke')), (i) => {
      spawnSync('ip', ['-n', ns, 'link', 'add', `poke${i}`, 'type', 'veth', 'peer', 'name', `pokep${i}`]);
    }, 'the monitors to start');
    spawnSync('ip', ['-n', ns, 'link', 'add', 'ts0', 'type', 'veth', 'peer', 'name', 'ts1']);
    await until(() => [ours, theirs, json].every((w) => w.out().includes('ts0')), () => {}, 'the ts0 event');
    const mine = records(ours.out(), kind);
    const ref = records(theirs.out(), kind);
    for (const [stamp] of mine) t.match(stamp, kind === '-t' ? LONG : SHORT, 'stamp shape');
    for (const [stamp] of ref) t.match(stamp, kind === '-t' ? LONG : SHORT, 'the oracle stamps the same shape');
    const event = (rs: [string, string][], dev: string) => rs.find(([, r]) => new RegExp(`^\\d+: ${dev}@`).test(r))?.[1];
    for (const dev of ['ts1', 'ts0']) {
      t.ok(event(mine, dev), `nlctl printed ${dev}`);
      t.equal(event(mine, dev), event(ref, dev), `${dev} record as ip prints it`);
    }
    const line = json.out().split('\n').find((l) => l.includes('"ts0"'))!;
    const j = JSON.parse(line);
    t.match(j, { event: 'link', ifname: 'ts0' });
    const stamp = kind === '-t' ? `Timestamp: ${j.timestamp}` : `[${j.timestamp}] `;
    t.match(stamp, kind === '-t' ? LONG : SHORT, '-j carries the same stamp text');
  });
}
