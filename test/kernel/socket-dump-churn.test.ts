// Dumps under churn (issue 9 item 9). Collected lists run again when a concurrent change
// interrupts them (NLM_F_DUMP_INTR), a bounded number of times by default; when the retries are
// spent they throw DumpInterruptedError with what was read, or hand it to onInterrupted and keep
// it. The CLI keeps what it read and warns as ip does; under real churn it always exits 0.
import t from 'tap';
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Netlink } from '../../src/client.js';
import { DEFAULT_DUMP_RETRIES } from '../../src/netlink/socket.js';
import { DumpInterruptedError } from '../../src/netlink/errors.js';
import { ip, kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { injectDumpIntr } from '../helpers/dump-intr.js';

const skip = kernelSkipReason();


t.test('collected dumps under churn', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'churn');
  ip('-n', ns, 'link', 'add', 'k0', 'type', 'veth', 'peer', 'name', 'k1');

  t.test('link.list() retries by default and returns a clean read', async (t) => {
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());
    const inj = injectDumpIntr(nl.sock, DEFAULT_DUMP_RETRIES);
    const links = await nl.link.list();
    t.same(links.map((l) => l.attrs.ifname).sort(), ['k0', 'k1', 'lo']);
    t.equal(inj.seen(), DEFAULT_DUMP_RETRIES, `${DEFAULT_DUMP_RETRIES} interrupted attempts were run again`);
  });

  t.test('when the retries are spent: DumpInterruptedError with what was read', async (t) => {
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());
    injectDumpIntr(nl.sock, DEFAULT_DUMP_RETRIES + 1);
    const err = await nl.link.list().then(() => null, (e: unknown) => e);
    t.type(err, DumpInterruptedError);
    t.equal((err as DumpInterruptedError).messages.length, 3, 'the three links of the last attempt');
  });

  t.test('opting out per handle, and keeping what was read', async (t) => {
    const nl = await Netlink.open({ netns: ns, dump: { retries: 0 } });
    t.teardown(() => nl.close());
    const inj = injectDumpIntr(nl.sock, 1);
    await t.rejects(nl.link.list(), DumpInterruptedError, 'no retry');
    t.equal(inj.seen(), 1);
    const seen: DumpInterruptedError[] = [];
    nl.sock.dumpPolicy.onInterrupted = (e) => seen.push(e);
    injectDumpIntr(nl.sock, 1);
    t.equal((await nl.link.list()).length, 3, 'what was read is returned');
    t.equal(seen.length, 1, 'and the interruption reported');
  });
});

t.test('nlctl link show under churn prints every link and exits 0, as ip does', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const { nlctl } = await import('../helpers/cli-run.js');
  const ns = scratchNs(t, 'cchurn');
  const dir = mkdtempSync(join(tmpdir(), 'nlt-churn-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const PAIRS = 150;
  writeFileSync(join(dir, 'links'), Array.from({ length: PAIRS }, (_, i) => `link add b${i} type veth peer name c${i}`).join('\n') + '\n');
  ip('-n', ns, '-batch', join(dir, 'links'));
  writeFileSync(join(dir, 'churn'), Array.from({ length: 200 }, () => 'link add x0 type veth peer name x1\nlink del x0').join('\n') + '\n');
  // Bounded: the loop ends by itself after 600 batches if the teardown's kill were ever missed.
  const churn = spawn('sh', ['-c', `i=0; while [ $i -lt 600 ]; do ip -n ${ns} -batch ${join(dir, 'churn')} >/dev/null 2>&1; i=$((i+1)); done`], { stdio: 'ignore', detached: true });
  t.teardown(() => { try { process.kill(-churn.pid!, 'SIGKILL'); } catch { /* already gone */ } });
  const RUNS = 10;
  let warned = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = nlctl(['-n', ns, 'link', 'show']);
    t.equal(r.code, 0, `run ${i}: exit 0 (${r.err.trim()})`);
    const names = new Set([...r.out.matchAll(/^\d+: ([^:@]+)[@:]/gm)].map((m) => m[1]));
    const missing = Array.from({ length: PAIRS }, (_, k) => [`b${k}`, `c${k}`]).flat().filter((n) => !names.has(n));
    t.same(missing, [], `run ${i}: every stable link printed`);
    if (r.err.includes('Dump was interrupted and may be inconsistent.')) warned++;
    else t.equal(r.err, '', `run ${i}: nothing else on stderr`);
  }
  t.comment(`${warned}/${RUNS} runs warned that the dump was interrupted`);
});
