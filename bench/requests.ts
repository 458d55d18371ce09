// Per-request cost of the socket alone, in a scratch namespace: a tiny request (RTM_GETNSID of the
// namespace itself, a ~40-byte answer) awaited one at a time and 5000 in flight, and a dump of 201
// links measured in CPU time.   npm run build && node dist/bench/requests.js
import { execFileSync, spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { Netlink } from '../src/client.js';
import * as K from '../src/netlink/route/constants.js';

const ns = `nlb-req-${process.pid}`;

async function main(): Promise<void> {
  execFileSync('ip', ['netns', 'add', ns]);
  const fd = openSync(`/run/netns/${ns}`, 'r');
  try {
    execFileSync('ip', ['-n', ns, '-batch', '-'], { input: Array.from({ length: 100 }, (_, i) => `link add b${i} type veth peer name c${i}`).join('\n') + '\n' });
    const nl = await Netlink.open({ netns: ns });
    const tiny = { type: K.RTM_GETNSID, body: { header: { family: 0 }, attrs: { fd } } };
    const dump = { type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: { ext_mask: K.RTEXT_FILTER_VF } } };
    for (let i = 0; i < 3000; i++) await nl.request(tiny);
    let seq = Infinity, pip = Infinity, dumpWall = Infinity, dumpCpu = Infinity;
    for (let r = 0; r < 5; r++) {
      let t0 = performance.now();
      for (let i = 0; i < 5000; i++) await nl.request(tiny);
      seq = Math.min(seq, (performance.now() - t0) / 5);
      t0 = performance.now();
      await Promise.all(Array.from({ length: 5000 }, () => nl.request(tiny)));
      pip = Math.min(pip, (performance.now() - t0) / 5);
      const c0 = process.cpuUsage();
      t0 = performance.now();
      for (let i = 0; i < 20; i++) await nl.dumpAll(dump);
      const c = process.cpuUsage(c0);
      dumpWall = Math.min(dumpWall, (performance.now() - t0) / 20);
      dumpCpu = Math.min(dumpCpu, (c.user + c.system) / 1000 / 20);
    }
    await nl.close();
    console.log(`node ${process.version}, kernel ${execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim()}; best of 5`);
    console.log(`| tiny request, awaited one at a time | ${seq.toFixed(1)} µs |`);
    console.log(`| tiny request, 5000 in flight | ${pip.toFixed(1)} µs |`);
    console.log(`| dump of 201 links | ${dumpWall.toFixed(2)} ms wall, ${dumpCpu.toFixed(2)} ms CPU |`);
  } finally {
    closeSync(fd);
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
