// Dumps under churn (issue 9 item 9): how often a link dump is interrupted (NLM_F_DUMP_INTR) while
// another process adds and deletes links, with each part decoded as it is read ("inline", the
// old way) against parts kept raw and decoded at NLMSG_DONE ("deferred", the default), and `ip`
// alongside. Everything happens in a scratch namespace this script creates and deletes.
//   npm run build && node dist/bench/dump-churn.js [links=300] [dumps=100]
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Netlink } from '../src/client.js';
import { DumpInterruptedError } from '../src/netlink/errors.js';
import * as K from '../src/netlink/route/constants.js';

const LINKS = Number(process.argv[2] ?? 300);
const DUMPS = Number(process.argv[3] ?? 100);
const ns = `nlb-churn-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'nlbench-'));

/** Adds and deletes a veth pair in a loop (ip -batch, repeated) until killed. */
function churn(): ReturnType<typeof spawn> {
  const f = join(dir, 'churn');
  writeFileSync(f, Array.from({ length: 200 }, () => 'link add x0 type veth peer name x1\nlink del x0').join('\n') + '\n');
  return spawn('sh', ['-c', `while :; do ip -n ${ns} -batch ${f} >/dev/null 2>&1; done`], { stdio: 'ignore', detached: true });
}

async function main(): Promise<void> {
  execFileSync('ip', ['netns', 'add', ns]);
  const f = join(dir, 'links');
  writeFileSync(f, Array.from({ length: LINKS / 2 }, (_, i) => `link add b${i} type veth peer name c${i}`).join('\n') + '\n');
  execFileSync('ip', ['-n', ns, '-batch', f]);
  const nl = await Netlink.open({ netns: ns });
  const sock = nl.sock as unknown as { deferDecode: boolean };
  const spec = { type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: { ext_mask: K.RTEXT_FILTER_VF } } };
  const intr = { inline: 0, deferred: 0, ip: 0 };
  const ms = { inline: 0, deferred: 0 };
  const c = churn();
  try {
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < DUMPS; i++) {
      for (const mode of ['inline', 'deferred'] as const) {
        sock.deferDecode = mode === 'deferred';
        const t0 = performance.now();
        try { await nl.dumpAll(spec, { retries: 0 }); } catch (e) { if (e instanceof DumpInterruptedError) intr[mode]++; else throw e; }
        ms[mode] += performance.now() - t0;
      }
    }
    // ip's stderr says when its dump was interrupted; run it on its own so its count is honest.
    for (let i = 0; i < DUMPS; i++) {
      const out = execFileSync('sh', ['-c', `ip -n ${ns} link show 2>&1 >/dev/null`], { encoding: 'utf8' });
      if (out.includes('interrupted')) intr.ip++;
    }
  } finally {
    process.kill(-c.pid!, 'SIGKILL');
    await nl.close();
    execFileSync('ip', ['netns', 'del', ns]);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${DUMPS} dumps each of ${LINKS + 1} links while another process adds and deletes a veth pair in a loop:`);
  console.log(`| decoding | interrupted | mean time per dump |`);
  console.log(`|---|---|---|`);
  console.log(`| each part as read (inline) | ${intr.inline}/${DUMPS} | ${(ms.inline / DUMPS).toFixed(1)} ms |`);
  console.log(`| at NLMSG_DONE (deferred) | ${intr.deferred}/${DUMPS} | ${(ms.deferred / DUMPS).toFixed(1)} ms |`);
  console.log(`| ip link show | ${intr.ip}/${DUMPS} | (printing included) |`);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
