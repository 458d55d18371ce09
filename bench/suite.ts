// `npm run bench`: nlctl side by side with ip (one process per command, and -batch), pyroute2
// and Go's vishvananda/netlink, in scratch namespaces only (nlb<pid>..., the "host" side too;
// the root namespace is never changed). Every measurement is a median of REPS (default 5)
// repetitions, tools interleaved within each repetition; results are printed as ratios in one
// run. Each W(N) run's end state is verified untimed (ip -j for the host and a sample of
// containers, nlctl for every container) and a wrong one aborts the bench.
//
//   node dist/bench/suite.js [w100] [w1000] [micro] [dumps] [ns] [cli]    (default: all)
//   REPS=5 REPS_BIG=3 N_BIG=1000 LINKS=10000 ROUTES=100000 ONLY=nlctl,Go BEFORE=<old dist/bench/nlctl-peer.js>
// Peers come from bench/setup.sh; a missing peer is skipped with the reason.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Netlink } from '../src/client.js';

const REPS = Number(process.env.REPS ?? 5);
const PREFIX = `nlb${process.pid}`;
const HERE = fileURLToPath(new URL('.', import.meta.url));
const NLCTL = [process.execPath, `${HERE}nlctl-peer.js`];
const GO = `${HERE}go-peer`;
const PY = '/usr/bin/python3';
const PYPEER = `${HERE}../../bench/peers/pyroute2_peer.py`;
const addrOf = (i: number, end: number) => `10.${100 + (i >> 6)}.${(i % 64) * 4}.${end}`;
let runs = 0;

// ---------- peers ----------
const skipped: string[] = [];
function peerAvailable(name: string, why: () => string | undefined): boolean {
  const reason = why();
  if (reason) { skipped.push(`${name}: ${reason}`); console.error(`skipping ${name}: ${reason}`); }
  return !reason;
}
const hasGo = peerAvailable('Go vishvananda/netlink', () => existsSync(GO) ? undefined : `${GO} is missing: run sh bench/setup.sh (needs golang-go and golang-github-vishvananda-netlink-dev)`);
const hasPy = peerAvailable('pyroute2', () => spawnSync(PY, ['-c', 'import pyroute2'], { stdio: 'ignore' }).status === 0 ? undefined : `${PY} cannot import pyroute2: run sh bench/setup.sh (python3-pyroute2)`);

// ---------- helpers ----------
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}
function ipBatch(lines: string[], ns?: string): void {
  const r = spawnSync('ip', [...(ns ? ['-n', ns] : []), '-batch', '-'], { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`ip ${ns ? `-n ${ns} ` : ''}-batch failed: ${r.stderr}`);
}
function cleanup(): void {
  if (!existsSync('/run/netns')) return;
  for (const n of readdirSync('/run/netns')) if (n.startsWith(PREFIX)) spawnSync('ip', ['netns', 'del', n], { stdio: 'ignore' });
}
process.on('exit', cleanup);
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => { cleanup(); process.exit(130); });

/** A JSON-lines child: the first line is the setup, then (after `between`) a line on stdin asks for the teardown. */
async function runChild(cmd: string[], between?: () => Promise<void>): Promise<Record<string, number>> {
  const child = spawn(cmd[0]!, cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => {}); // a child that never reads stdin may be gone by the time we write
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise<number>((r) => child.on('close', (code) => r(code ?? -1)));
  const result: Record<string, number> = {};
  const rl = createInterface({ input: child.stdout });
  let n = 0;
  for await (const l of rl) {
    Object.assign(result, JSON.parse(l));
    if (n++ === 0 && between) {
      try { await between(); } catch (e) { child.kill(); throw e; }
    }
    if (n === 1) child.stdin.end('\n');
  }
  const code = await exited;
  if (code !== 0) throw new Error(`${cmd.join(' ')} failed (exit ${code}): ${stderr.trim()}`);
  return result;
}

// ---------- W(N) ----------
/** Checks the end state of W(N) under `prefix`; throws loudly with what is wrong. */
async function verify(prefix: string, n: number, tool: string): Promise<void> {
  const hostNs = `${prefix}-h`;
  const links = JSON.parse(ip('-j', '-d', '-n', hostNs, 'link', 'show')) as any[];
  const addrs = JSON.parse(ip('-j', '-n', hostNs, 'addr', 'show')) as any[];
  const byName = new Map(links.map((l) => [l.ifname, l]));
  const addrByName = new Map(addrs.map((a) => [a.ifname, a]));
  const bad = (what: string) => { throw new Error(`${tool} W(${n}): wrong end state: ${what}`); };
  for (let i = 0; i < n; i++) {
    const l = byName.get(`h${i}`);
    if (!l) bad(`h${i} missing in ${hostNs}`);
    if (!l.flags.includes('UP')) bad(`h${i} not up`);
    if (l.link_netnsid === undefined) bad(`h${i} has no link-netnsid (peer not in another namespace)`);
    const a = addrByName.get(`h${i}`)?.addr_info?.find((x: any) => x.family === 'inet');
    if (a?.local !== addrOf(i, 1) || a.prefixlen !== 30) bad(`h${i} address ${JSON.stringify(a)}`);
  }
  // Every container through nlctl (fast), a sample through ip -j (the oracle).
  const sample = new Set([0, n >> 1, n - 1]);
  for (let i = 0; i < n; i++) {
    const ns = `${prefix}-c${i}`;
    let eth0: { up: boolean; addr?: string; plen?: number }, lo: boolean, gw: string | undefined;
    if (sample.has(i)) {
      const cl = JSON.parse(ip('-j', '-n', ns, 'addr', 'show')) as any[];
      const e = cl.find((x) => x.ifname === 'eth0');
      const a = e?.addr_info?.find((x: any) => x.family === 'inet');
      eth0 = { up: !!e?.flags.includes('UP'), addr: a?.local, plen: a?.prefixlen };
      lo = !!cl.find((x) => x.ifname === 'lo')?.flags.includes('UP');
      gw = (JSON.parse(ip('-j', '-n', ns, 'route', 'show', 'default')) as any[])[0]?.gateway;
    } else {
      const nl = await Netlink.open({ netns: ns });
      try {
        const ls = await nl.link.list();
        const e = ls.find((x) => x.attrs.ifname === 'eth0');
        const as = await nl.addr.list({ family: 'inet' });
        const a = as.find((x) => x.header.index === e?.header.index);
        eth0 = { up: !!e && (e.header.flags & 1) === 1, addr: a?.attrs.local, plen: a?.header.prefixlen };
        lo = ((ls.find((x) => x.attrs.ifname === 'lo')?.header.flags ?? 0) & 1) === 1;
        gw = (await nl.route.list()).find((r) => r.header.dst_len === 0)?.attrs.gateway;
      } finally { await nl.close(); }
    }
    if (!eth0.up) bad(`${ns}: eth0 missing or not up`);
    if (eth0.addr !== addrOf(i, 2) || eth0.plen !== 30) bad(`${ns}: eth0 address ${eth0.addr}/${eth0.plen}`);
    if (!lo) bad(`${ns}: lo not up`);
    if (gw !== addrOf(i, 1)) bad(`${ns}: default route via ${gw}`);
  }
}

interface WResult { setup: number; teardown: number; user?: number; system?: number }
type WTool = { name: string; run: (prefix: string, n: number) => Promise<WResult> };

function childTool(name: string, cmd: (prefix: string, n: number) => string[]): WTool {
  return {
    name,
    run: async (prefix, n) => {
      const r = await runChild(cmd(prefix, n), () => verify(prefix, n, name));
      return r as unknown as WResult;
    },
  };
}

function containerCmds(prefix: string, i: number): { host: string[]; inside: string[] } {
  const ns = `${prefix}-c${i}`;
  return {
    host: [`link add h${i} type veth peer name eth0 netns ${ns}`, `addr add ${addrOf(i, 1)}/30 dev h${i}`, `link set h${i} up`],
    inside: [`addr add ${addrOf(i, 2)}/30 dev eth0`, 'link set eth0 up', 'link set lo up', `route add default via ${addrOf(i, 1)}`],
  };
}

const ipPerCommand: WTool = {
  name: 'ip (a process per command)',
  run: async (prefix, n) => {
    const run = (args: string[]) => { const r = spawnSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] }); if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`); };
    const t0 = performance.now();
    run(['netns', 'add', `${prefix}-h`]);
    for (let i = 0; i < n; i++) {
      run(['netns', 'add', `${prefix}-c${i}`]);
      const c = containerCmds(prefix, i);
      for (const l of c.host) run(['-n', `${prefix}-h`, ...l.split(' ')]);
      for (const l of c.inside) run(['-n', `${prefix}-c${i}`, ...l.split(' ')]);
    }
    const setup = performance.now() - t0;
    await verify(prefix, n, 'ip');
    const t1 = performance.now();
    for (let i = 0; i < n; i++) { run(['-n', `${prefix}-h`, 'link', 'del', `h${i}`]); run(['netns', 'del', `${prefix}-c${i}`]); }
    run(['netns', 'del', `${prefix}-h`]);
    return { setup, teardown: performance.now() - t1 };
  },
};

const ipBatchTool: WTool = {
  name: 'ip -batch',
  run: async (prefix, n) => {
    const t0 = performance.now();
    ipBatch([`netns add ${prefix}-h`, ...Array.from({ length: n }, (_, i) => `netns add ${prefix}-c${i}`)]);
    const all = Array.from({ length: n }, (_, i) => containerCmds(prefix, i));
    ipBatch(all.flatMap((c) => c.host), `${prefix}-h`);
    all.forEach((c, i) => ipBatch(c.inside, `${prefix}-c${i}`)); // ip -batch cannot change namespace per line
    const setup = performance.now() - t0;
    await verify(prefix, n, 'ip -batch');
    const t1 = performance.now();
    ipBatch(Array.from({ length: n }, (_, i) => `link del h${i}`), `${prefix}-h`);
    ipBatch([...Array.from({ length: n }, (_, i) => `netns del ${prefix}-c${i}`), `netns del ${prefix}-h`]);
    return { setup, teardown: performance.now() - t1 };
  },
};

const nlAwaited = childTool('nlctl awaited', (p, n) => [...NLCTL, 'w', p, String(n), 'awaited']);
const nlConcurrent = childTool('nlctl concurrent', (p, n) => [...NLCTL, 'w', p, String(n), 'concurrent']);
const nlAwaitedHere = childTool('nlctl awaited, calling thread', (p, n) => [...NLCTL, 'w', p, String(n), 'awaited-here']);
const nlConcurrentHere = childTool('nlctl concurrent, calling thread', (p, n) => [...NLCTL, 'w', p, String(n), 'concurrent-here']);
const goTool = childTool('Go vishvananda', (p, n) => [GO, 'w', p, String(n)]);
const pyTool = childTool('pyroute2', (p, n) => [PY, PYPEER, 'w', p, String(n)]);

const table: string[][] = [];
function row(work: string, cells: Record<string, string>): void { table.push([work, JSON.stringify(cells)]); }
const fmt = (x: number, unit = 'ms') => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)} ${unit}`;

async function wBench(n: number, tools: WTool[], reps = REPS): Promise<void> {
  const res = new Map<string, WResult[]>(tools.map((t) => [t.name, []]));
  for (let r = 0; r < reps; r++) {
    // Rotate the order so no tool always runs right after another's teardown.
    const order = tools.map((_, k) => tools[(k + r) % tools.length]!);
    for (const t of order) {
      const prefix = `${PREFIX}r${runs++}`;
      try {
        res.get(t.name)!.push(await t.run(prefix, n));
      } finally { for (const x of readdirSync('/run/netns')) if (x.startsWith(`${prefix}-`)) spawnSync('ip', ['netns', 'del', x]); }
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  const base = res.get(goTool.name);
  const goSetup = base?.length ? median(base.map((x) => x.setup)) : NaN;
  const goDown = base?.length ? median(base.map((x) => x.teardown)) : NaN;
  for (const t of tools) {
    const xs = res.get(t.name)!;
    const s = median(xs.map((x) => x.setup));
    const d = median(xs.map((x) => x.teardown));
    const cpu = xs[0]?.user !== undefined ? `; CPU user ${fmt(median(xs.map((x) => x.user!)))} / system ${fmt(median(xs.map((x) => x.system!)))}` : '';
    console.log(`W(${n}) ${t.name.padEnd(28)} setup ${fmt(s).padStart(9)} (${(s / goSetup).toFixed(2)}x Go)  teardown ${fmt(d).padStart(9)} (${(d / goDown).toFixed(2)}x Go)${cpu}`);
    row(`W(${n}) ${t.name}`, { setup: (s / goSetup).toFixed(2), teardown: (d / goDown).toFixed(2), setup_ms: s.toFixed(0), teardown_ms: d.toFixed(0) });
  }
}

// ---------- micro ----------
async function microBench(): Promise<void> {
  const ns = `${PREFIX}m`;
  ip('netns', 'add', ns);
  const pairs = 1000;
  const warm = async (cmd: string[]) => {
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, WARM: String(pairs * 5) } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
    if (code !== 0) throw new Error(`${cmd.join(' ')} failed (exit ${code})`);
    return (JSON.parse(out.trim()) as { us_per_op: number }).us_per_op;
  };
  const variants: [string, () => Promise<number>][] = [
    ['nlctl awaited', async () => (await runChild([...NLCTL, 'micro', ns, String(pairs), 'awaited'])).us_per_op!],
    ['nlctl pipelined', async () => (await runChild([...NLCTL, 'micro', ns, String(pairs), 'pipelined'])).us_per_op!],
    // After 5000 untimed pairs in the same process: the JIT's steady state.
    ['nlctl awaited, warm', () => warm([...NLCTL, 'micro', ns, String(pairs), 'awaited'])],
    ['nlctl pipelined, warm', () => warm([...NLCTL, 'micro', ns, String(pairs), 'pipelined'])],
    ['ip -batch', async () => {
      const lines = Array.from({ length: pairs }, (_, i) => [`addr add 10.1.${i >> 8}.${i & 255}/32 dev lo`, `addr del 10.1.${i >> 8}.${i & 255}/32 dev lo`]).flat();
      const t0 = performance.now();
      ipBatch(lines, ns);
      return ((performance.now() - t0) * 1000) / (2 * pairs);
    }],
  ];
  if (hasGo) variants.push(['Go vishvananda', async () => (await runChild([GO, 'micro', ns, String(pairs)])).us_per_op!]);
  if (hasPy) variants.push(['pyroute2', async () => (await runChild([PY, PYPEER, 'micro', ns, String(pairs)])).us_per_op!]);
  const res = new Map<string, number[]>(variants.map(([n]) => [n, []]));
  for (let r = 0; r < REPS; r++) for (const [name, fn] of variants) { res.get(name)!.push(await fn()); process.stderr.write('.'); }
  process.stderr.write('\n');
  const go = hasGo ? median(res.get('Go vishvananda')!) : NaN;
  for (const [name] of variants) {
    const m = median(res.get(name)!);
    console.log(`micro ${pairs} addr add+del pairs: ${name.padEnd(16)} ${fmt(m, 'µs/op')} (${(m / go).toFixed(2)}x Go)`);
    row(`micro ${name}`, { us_per_op: m.toFixed(1), vs_go: (m / go).toFixed(2) });
  }
  ip('netns', 'del', ns);
}

// ---------- dumps ----------
/** Runs a whole process under /usr/bin/time: wall seconds and peak RSS (KiB). */
function timed(cmd: string[]): { s: number; rssKb: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '@@ %e %M', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /@@ ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.trim()}`);
  return { s: Number(m[1]), rssKb: Number(m[2]), stdout: r.stdout };
}

function countOf(stdout: string): number { return (JSON.parse(stdout.trim().split('\n').pop()!) as { count: number }).count; }

async function dumpBench(): Promise<void> {
  const LINKS = Number(process.env.LINKS ?? 10000);
  const ROUTES = Number(process.env.ROUTES ?? 100000);
  const lns = `${PREFIX}dl`;
  const rns = `${PREFIX}dr`;
  const rsmall = `${PREFIX}ds`;
  ip('netns', 'add', lns);
  ipBatch(Array.from({ length: LINKS >> 1 }, (_, i) => `link add a${i} type veth peer name b${i}`), lns);
  const routes = (ns: string, count: number) => {
    ip('netns', 'add', ns);
    ipBatch(['link add d0 type veth peer name d1', 'link set d0 up',
      ...Array.from({ length: count }, (_, i) => `route add 11.${i >> 16}.${(i >> 8) & 255}.${i & 255}/32 dev d0`)], ns);
  };
  routes(rns, ROUTES);
  routes(rsmall, ROUTES / 10);
  const jobs: [string, string[], (out: string) => number][] = [
    [`links ${LINKS}: ip -d -j link show`, ['ip', '-d', '-j', '-n', lns, 'link', 'show'], (o) => JSON.parse(o).length],
    [`links ${LINKS}: nlctl link.list()`, [...NLCTL, 'links', lns], countOf],
    // The CLI's way into a namespace (src/ns/calling-thread.ts): what the worker's start costs.
    [`links ${LINKS}: nlctl link.list(), calling thread`, [...NLCTL, 'links-here', lns], countOf],
    [`links ${LINKS}: nlctl streamed dump`, [...NLCTL, 'stream-links', lns], countOf],
    [`routes ${ROUTES}: ip -j route show`, ['ip', '-j', '-n', rns, 'route', 'show'], (o) => JSON.parse(o).length],
    [`routes ${ROUTES}: nlctl route.list()`, [...NLCTL, 'routes', rns], countOf],
    [`routes ${ROUTES}: nlctl route.list(), calling thread`, [...NLCTL, 'routes-here', rns], countOf],
    [`routes ${ROUTES}: nlctl streamed dump`, [...NLCTL, 'stream-routes', rns], countOf],
    [`routes ${ROUTES / 10}: nlctl streamed dump`, [...NLCTL, 'stream-routes', rsmall], countOf],
    // The floor under every nlctl row: a node process that does nothing (its time and RSS).
    [`links ${LINKS}: node -e 0 (no dump)`, [process.execPath, '-e', 'console.log(\'{"count":0}\')'], () => -1],
  ];
  // BEFORE=<another build's dist/bench/nlctl-peer.js>: that build's rows alongside, for a before/after in one run.
  const before = process.env.BEFORE;
  if (before) {
    jobs.push([`links ${LINKS}: nlctl BEFORE link.list()`, [process.execPath, before, 'links', lns], countOf],
      [`links ${LINKS}: nlctl BEFORE streamed dump`, [process.execPath, before, 'stream-links', lns], countOf],
      [`routes ${ROUTES}: nlctl BEFORE route.list()`, [process.execPath, before, 'routes', rns], countOf],
      [`routes ${ROUTES}: nlctl BEFORE streamed dump`, [process.execPath, before, 'stream-routes', rns], countOf],
      [`routes ${ROUTES / 10}: nlctl BEFORE streamed dump`, [process.execPath, before, 'stream-routes', rsmall], countOf]);
  }
  if (hasGo) jobs.push([`links ${LINKS}: Go LinkList`, [GO, 'links', lns], countOf], [`routes ${ROUTES}: Go RouteList`, [GO, 'routes', rns], countOf]);
  if (hasPy) jobs.push([`links ${LINKS}: pyroute2 get_links`, [PY, PYPEER, 'links', lns], countOf]);
  const res = new Map<string, { s: number; rssKb: number; heap?: number; phases?: number[] }[]>(jobs.map(([n]) => [n, []]));
  for (let r = 0; r < REPS; r++) {
    for (const [name, cmd, count] of jobs) {
      const t = timed(cmd);
      const c = count(t.stdout);
      const want = name.startsWith('links') ? LINKS + 1 : Number(/routes (\d+)/.exec(name)![1]) + 1;
      // +1: lo, or the d0 prefix-less connected route count differs: accept >= the table size.
      if (c !== -1 && c < want - 1) throw new Error(`${name}: counted ${c}, expected at least ${want - 1}`);
      const last = t.stdout.includes('{') ? JSON.parse(t.stdout.trim().split('\n').pop()!) as Record<string, number> : {};
      const heap = last.peak_heap_mb;
      const phases = last.dump_ms === undefined ? undefined : [last.ready_ms!, last.open_ms!, last.dump_ms];
      res.get(name)!.push({ s: t.s, rssKb: t.rssKb, ...(heap === undefined ? {} : { heap }), ...(phases ? { phases } : {}) });
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  const ipOf = (kind: string) => res.get(jobs.find(([n]) => n.startsWith(kind) && n.includes(': ip '))![0])!;
  for (const [name] of jobs) {
    const xs = res.get(name)!;
    const s = median(xs.map((x) => x.s));
    const rss = median(xs.map((x) => x.rssKb)) / 1024;
    const ref = ipOf(name.startsWith('links') ? 'links' : `routes ${ROUTES}`);
    const ipS = median(ref.map((x) => x.s));
    const ipRss = median(ref.map((x) => x.rssKb)) / 1024;
    const heap = xs[0]?.heap === undefined ? '' : `, peak heap ${median(xs.map((x) => x.heap!)).toFixed(1)} MB`;
    const ph = xs[0]?.phases ? `; start-up+modules ${fmt(median(xs.map((x) => x.phases![0]!)))}, open ${fmt(median(xs.map((x) => x.phases![1]!)))}, dump ${fmt(median(xs.map((x) => x.phases![2]!)))}` : '';
    console.log(`dump ${name.padEnd(52)} ${fmt(s * 1000)} (${(s / ipS).toFixed(2)}x ip), peak RSS ${rss.toFixed(0)} MB (${(rss / ipRss).toFixed(2)}x ip)${heap}${ph}`);
    row(`dump ${name}`, { ms: (s * 1000).toFixed(0), vs_ip: (s / ipS).toFixed(2), rss_mb: rss.toFixed(0), rss_vs_ip: (rss / ipRss).toFixed(2) });
  }
  for (const ns of [lns, rns, rsmall]) ip('netns', 'del', ns);
}

// ---------- namespaces ----------
async function nsBench(): Promise<void> {
  const ns = `${PREFIX}f`;
  ip('netns', 'add', ns);
  const first: number[] = [];
  const seq: number[] = [];
  const conc: number[] = [];
  for (let r = 0; r < REPS; r++) {
    first.push((await runChild([...NLCTL, 'first-op', ns])).first_op_ms!);
    seq.push((await runChild([...NLCTL, 'nsadd', `${PREFIX}s${r}`, '100', 'seq'])).ms!);
    conc.push((await runChild([...NLCTL, 'nsadd', `${PREFIX}p${r}`, '100', 'conc'])).ms!);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  ip('netns', 'del', ns);
  const s = median(seq);
  const c = median(conc);
  console.log(`first namespace operation of a process (Netlink.open({ netns }) + link.get): ${fmt(median(first))}`);
  console.log(`100 netns.add: one by one ${fmt(s)}, concurrently ${fmt(c)}: ${(s / c).toFixed(2)}x faster`);
  row('first namespace operation', { ms: median(first).toFixed(1) });
  row('100 netns.add', { seq_ms: s.toFixed(0), conc_ms: c.toFixed(0), speedup: (s / c).toFixed(2) });
}

// ---------- main ----------
async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the bench needs root (it makes scratch namespaces)');
  const want = new Set(process.argv.slice(2));
  const all = want.size === 0;
  console.log(`nlctl bench ${new Date().toISOString()} on ${cpus().length}x ${cpus()[0]?.model ?? '?'}, node ${process.version}, kernel ${execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim()}, REPS=${REPS}`);
  console.log(`load average before: ${execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim()}`);
  // ONLY='Go,ip -batch' restricts W(N) to tools whose name contains one of the words.
  const only = process.env.ONLY?.split(',');
  const peers = (tools: WTool[]) => tools.filter((t) => (t !== goTool || hasGo) && (t !== pyTool || hasPy)
    && (!only || only.some((w) => t.name.includes(w))));
  if (all || want.has('w100')) await wBench(100, peers([nlAwaited, nlConcurrent, nlAwaitedHere, nlConcurrentHere, goTool, ipBatchTool, ipPerCommand]));
  // W(1000) tears down 1000 namespaces per run (~30 s here): REPS_BIG (default 3) keeps it in minutes.
  if (all || want.has('w1000')) await wBench(Number(process.env.N_BIG ?? 1000), peers([nlAwaited, nlConcurrent, goTool, ipBatchTool]), Number(process.env.REPS_BIG ?? 3));
  // pyroute2 forks a helper process per NetNS and takes ~1 s per container here: W(10) keeps the run in minutes.
  if ((all || want.has('wpy')) && hasPy) await wBench(10, peers([goTool, pyTool, nlAwaited]));
  if (all || want.has('micro')) await microBench();
  if (all || want.has('dumps')) await dumpBench();
  if (all || want.has('ns')) await nsBench();
  const file = `${tmpdir()}/nlctl-bench-${Date.now()}.json`;
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), skipped, rows: table }, null, 1));
  console.log(`skipped: ${skipped.length ? skipped.join('; ') : 'none'}\nrows written to ${file}`);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
