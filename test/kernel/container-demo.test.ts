// The main job: the demo (examples/topology.ts, what `npm run demo` runs) exits 0 with both
// reachability matrices as routing predicts, the map and the link-netns view, and leaves nothing
// in /run/netns; interrupted with SIGINT half way, it still tears everything down.
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kernelSkipReason } from '../helpers/scratch.js';
import { predict, type Source, type Target } from '../../examples/reachability.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

const DEMO = fileURLToPath(new URL('../../examples/topology.js', import.meta.url));
const left = (pid: number) => readdirSync('/run/netns').filter((n) => n.startsWith(`nlctl-demo-${pid}-`));

t.test('routing predicts: own side of the host without forwarding, everything with it', async (t) => {
  const targets: Target[] = [
    { address: '192.168.10.101', prefix: 24, owner: 'h', label: '' }, { address: '192.168.10.102', prefix: 24, owner: 'c1', label: '' },
    { address: '192.168.20.101', prefix: 24, owner: 'h', label: '' }, { address: '192.168.20.102', prefix: 24, owner: 'c2', label: '' },
  ];
  const sources: Source[] = [{ ns: 'h', label: '' }, { ns: 'c1', label: '', via: 'h' }, { ns: 'c2', label: '', via: 'h' }];
  t.same(predict(sources, targets, false), [[true, true, true, true], [true, true, true, false], [true, false, true, true]]);
  t.same(predict(sources, targets, true), [[true, true, true, true], [true, true, true, true], [true, true, true, true]]);
});

t.test('npm run demo: exit 0, checked matrices, the map, link-netns, nothing left', async (t) => {
  const r = spawnSync(process.execPath, [DEMO], { encoding: 'utf8', timeout: 90000 });
  t.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  t.equal(out.match(/every cell is what routing predicts/g)?.length, 2, 'both matrices checked');
  t.match(out, /net\.ipv4\.ip_forward=0 in the host namespace:\n.*\n.*\n  host +yes +yes +yes +yes +\n  testns1 +yes +yes +yes +no +\n  testns2 +yes +no +yes +yes/);
  t.match(out, /net\.ipv4\.ip_forward=1 in the host namespace:\n.*\n.*\n  host( +yes){4} +\n  testns1( +yes){4} +\n  testns2( +yes){4}/);
  t.match(out, /├── m1 {2}veth {2}UP {2}192\.168\.10\.101\/24 {2}<-> s1 in netns nlctl-demo-\d+-testns1/);
  t.match(out, /link-netns nlctl-demo-\d+-host/);
  t.match(out, /s1 peer m1 netns nlctl-demo-\d+-host/);
  t.match(out, /check\(\): both attachments match the kernel/);
  t.same(left(r.pid ?? 0), [], 'nothing left in /run/netns');
});

t.test('Ctrl-C half way still tears everything down', async (t) => {
  const child = spawn(process.execPath, [DEMO], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => { child.kill('SIGKILL'); });
  let out = '';
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 60000);
    child.stdout.on('data', (d) => { out += d; if (out.includes('Who reaches whom')) { clearTimeout(timer); resolve(); } });
  });
  t.match(out, /Who reaches whom/, 'the demo got as far as the matrix');
  t.ok(left(child.pid!).length > 0, 'its namespaces exist before the interrupt');
  child.kill('SIGINT');
  const code = await new Promise((resolve) => child.once('exit', (c) => resolve(c)));
  t.equal(code, 130);
  t.same(left(child.pid!), [], 'nothing left in /run/netns');
});
