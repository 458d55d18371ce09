// The nlctl side of the bench, run as a child process per measurement (as the Go and pyroute2
// peers are), in scratch namespaces the orchestrator (bench/suite.ts) names:
//
//   w PREFIX N awaited|concurrent   W(N), as the natural code writes it; prints the setup time,
//                                   waits for a line on stdin (the orchestrator verifies), tears
//                                   down, prints that time and the process's CPU split
//   micro NS PAIRS awaited|pipelined   PAIRS address add+del pairs on lo in NS
//   links NS | routes NS            collected dumps (link.list / route.list), prints the count and
//                                   where the process's time went: ready_ms (node start and
//                                   loading the modules), open_ms (Netlink.open), dump_ms
//   links-here NS | routes-here NS  the same with namespace operations on the calling thread (the
//                                   CLI's opt-in, src/ns/calling-thread.ts): no worker to start
//   stream-links NS | stream-routes NS   streamed raw dumps, prints the count and the peak heap
//   first-op NS                     the first namespace operation of a process: open + one request
//   nsadd PREFIX N seq|conc         N netns.add one by one or all at once (deleted untimed)
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
// The library as its users import it: the package's entry point, one bundled ES module
// (dist/src/index.bundle.mjs), by its package name. The '-here' modes load the modules
// themselves, as the CLI does: the calling-thread opt-in (src/ns/calling-thread.ts) is not part
// of the package's API, and it must switch the executor of the same module instances it uses.
const here = process.argv[2]?.endsWith('-here') || process.argv[5]?.endsWith('-here'); // links-here NS, w PREFIX N awaited-here
const lib: typeof import('../src/index.js') = here ? await import('../src/index.js') : await import('nlctl');
if (here) (await import('../src/ns/calling-thread.js')).useCallingThread();
const { Netlink, netns, rt: K } = lib;
type Netlink = import('../src/index.js').Netlink;

const ms = (t0: number) => performance.now() - t0;
const out = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const addrOf = (i: number, end: number) => `10.${100 + (i >> 6)}.${(i % 64) * 4}.${end}`;

function line(): Promise<void> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin });
    rl.once('line', () => { rl.close(); resolve(); });
    rl.once('close', () => resolve());
  });
}

/**
 * One container, awaited step by step: the code a user writes first. The namespace and the
 * handle inside it come from one call (`create`: one worker trip, where netns.add() then
 * Netlink.open() take two).
 */
async function containerAwaited(host: Netlink, prefix: string, i: number): Promise<void> {
  const name = `${prefix}-c${i}`;
  const c = await Netlink.open({ netns: name, create: true });
  try {
    const h = `h${i}`;
    await host.link.add({ kind: 'veth', name: h, peer: { name: 'eth0', netns: name } });
    await host.addr.add({ dev: h, address: `${addrOf(i, 1)}/30` });
    await host.link.set({ dev: h, up: true });
    await c.addr.add({ dev: 'eth0', address: `${addrOf(i, 2)}/30` });
    await c.link.set({ dev: 'eth0', up: true });
    await c.link.set({ dev: 'lo', up: true });
    await c.route.add({ dst: 'default', via: addrOf(i, 1) });
  } finally {
    await c.close();
  }
}

/**
 * One container with its independent requests issued together (call order is wire order). Here
 * netns.add() and then an open issued alongside the host's requests beat one `create` open: the
 * worker opens the sockets while this thread makes the veths (W(100) 304 vs 363-375 ms).
 */
async function containerConcurrent(host: Netlink, prefix: string, i: number): Promise<void> {
  const name = `${prefix}-c${i}`;
  await netns.add(name);
  const h = `h${i}`;
  const opened = Netlink.open({ netns: name });
  await Promise.all([
    host.link.add({ kind: 'veth', name: h, peer: { name: 'eth0', netns: name } }),
    host.addr.add({ dev: h, address: `${addrOf(i, 1)}/30` }),
    host.link.set({ dev: h, up: true }),
  ]);
  const c = await opened;
  try {
    await Promise.all([
      c.addr.add({ dev: 'eth0', address: `${addrOf(i, 2)}/30` }),
      c.link.set({ dev: 'eth0', up: true }),
      c.link.set({ dev: 'lo', up: true }),
      c.route.add({ dst: 'default', via: addrOf(i, 1) }),
    ]);
  } finally {
    await c.close();
  }
}

async function workload(prefix: string, n: number, variant: string): Promise<void> {
  // '...-here': namespace operations on this thread (enter, one synchronous op, come home), the
  // CLI's opt-in (src/ns/calling-thread.ts), not the library's default: what the worker costs.
  variant = variant.replace(/-here$/, '');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const host = await Netlink.open({ netns: `${prefix}-h`, create: true });
  if (variant === 'awaited') {
    for (let i = 0; i < n; i++) await containerAwaited(host, prefix, i);
  } else {
    await Promise.all(Array.from({ length: n }, (_, i) => containerConcurrent(host, prefix, i)));
  }
  const setup = ms(t0);
  const cpu = process.cpuUsage(cpu0);
  out({ setup, user: cpu.user / 1000, system: cpu.system / 1000 });
  await line();
  const t1 = performance.now();
  if (variant === 'awaited') {
    for (let i = 0; i < n; i++) {
      await host.link.del(`h${i}`);
      await netns.del(`${prefix}-c${i}`);
    }
  } else {
    await Promise.all(Array.from({ length: n }, async (_, i) => {
      await host.link.del(`h${i}`);
      await netns.del(`${prefix}-c${i}`);
    }));
  }
  await host.close();
  await netns.del(`${prefix}-h`);
  out({ teardown: ms(t1) });
}

async function micro(ns: string, pairs: number, variant: string): Promise<void> {
  const nl = await Netlink.open(ns === '-' ? {} : { netns: ns }); // '-': the process's own namespace
  await nl.link.set({ dev: 'lo', up: true });
  const addr = (i: number) => ({ dev: 1, address: `10.1.${i >> 8}.${i & 255}/32` });
  // WARM pairs first, untimed: the steady state of a long-lived process (the JIT has compiled
  // the request path); without, the run includes V8 warming up, as a short process sees it.
  for (let i = 0; i < Number(process.env.WARM ?? 0); i++) { await nl.addr.add(addr(i)); await nl.addr.del(addr(i)); }
  const t0 = performance.now();
  if (variant === 'awaited') {
    for (let i = 0; i < pairs; i++) {
      await nl.addr.add(addr(i));
      await nl.addr.del(addr(i));
    }
  } else {
    const all: Promise<void>[] = [];
    for (let i = 0; i < pairs; i++) all.push(nl.addr.add(addr(i)), nl.addr.del(addr(i)));
    await Promise.all(all);
  }
  out({ us_per_op: (ms(t0) * 1000) / (2 * pairs) });
  await nl.close();
}

async function stream(ns: string, what: 'links' | 'routes'): Promise<void> {
  const nl = await Netlink.open({ netns: ns });
  const spec: { type: number; body: object } = what === 'links'
    ? { type: K.RTM_GETLINK, body: { header: { family: K.AF_PACKET }, attrs: { ext_mask: K.RTEXT_FILTER_VF } } }
    : { type: K.RTM_GETROUTE, body: { header: { family: K.AF_INET, table: K.RT_TABLE_MAIN }, attrs: {} } };
  let count = 0;
  let peak = 0;
  for await (const _ of nl.dump(spec)) {
    if (++count % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  out({ count, peak_heap_mb: peak / 2 ** 20 });
  await nl.close();
}

async function main(): Promise<void> {
  const [mode, a, b, c] = process.argv.slice(2);
  switch (mode) {
    case 'w': return workload(a!, Number(b), c ?? 'awaited');
    case 'micro': return micro(a!, Number(b), c ?? 'awaited');
    case 'links': case 'routes': case 'links-here': case 'routes-here': {
      // performance.now() counts from the process's start; the static imports above have run.
      const ready = performance.now();
      const nl = await Netlink.open({ netns: a! });
      const opened = performance.now();
      const n = (mode.startsWith('links') ? await nl.link.list() : await nl.route.list()).length;
      out({ count: n, ready_ms: ready, open_ms: opened - ready, dump_ms: ms(opened) });
      return nl.close();
    }
    case 'stream-links': return stream(a!, 'links');
    case 'stream-routes': return stream(a!, 'routes');
    case 'first-op': {
      const t0 = performance.now();
      const nl = await Netlink.open({ netns: a! });
      await nl.link.get('lo');
      out({ first_op_ms: ms(t0) });
      return nl.close();
    }
    case 'nsadd': {
      const n = Number(b);
      const names = Array.from({ length: n }, (_, i) => `${a}-${i}`);
      await netns.add(`${a}-warm`); // the worker's start is measured by first-op, not here
      await netns.del(`${a}-warm`);
      const t0 = performance.now();
      if (c === 'conc') await Promise.all(names.map((x) => netns.add(x)));
      else for (const x of names) await netns.add(x);
      const t = ms(t0);
      for (const x of names) await netns.del(x);
      out({ ms: t });
      return;
    }
    default: throw new Error(`unknown mode ${mode}`);
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
