// The monitor's guarantees (issue 9 items 6, 7, 8, 18): it watches the namespace the handle's
// socket lives in, whatever its name means now; `ready` says the groups are joined, so a change
// made right after is seen (100 of 100); a reader who falls behind gets ENOBUFS instead of
// unbounded buffering; return() ends it at once while a next() waits; events are typed by group.
import t from 'tap';
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Netlink } from '../../src/client.js';
import { NetlinkError } from '../../src/netlink/errors.js';
import type { MonitorEvent } from '../../src/monitor.js';
import { ip, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

/** Settles `p`, or says 'hung' when it has not after `ms` (a guard against hanging the run, not a timing assert). */
function orHung<T>(p: Promise<T>, ms = 10000): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<'hung'>((r) => { timer = setTimeout(() => r('hung'), ms); })]).finally(() => clearTimeout(timer));
}

/** The link name of an event, typed by group: no cast (item 18). */
function linkName(ev: MonitorEvent): string | undefined {
  if (ev.group !== 'link') return undefined;
  const name: string | undefined = ev.message.body.attrs.ifname;
  const index: number = ev.message.body.header.index;
  void index;
  return name;
}

/** Compile-time checks only (item 18): each group's body has its own type. */
export function typeChecks(ev: MonitorEvent): void {
  if (ev.group === 'address') {
    const label: string | undefined = ev.message.body.attrs.label;
    void label;
    // @ts-expect-error an address body has no ifname: the union is discriminated by group
    void ev.message.body.attrs.ifname;
  }
  if (ev.group === 'route') { const table: number = ev.message.body.header.table; void table; }
}

t.test('monitor guarantees', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  t.test('a change made once ready resolves is seen, 100 times out of 100', async (t) => {
    const ns = scratchNs(t, 'ready');
    ip('-n', ns, 'link', 'add', 'r0', 'type', 'veth', 'peer', 'name', 'r1');
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());
    let seen = 0;
    for (let i = 0; i < 100; i++) {
      const mon = nl.monitor({ groups: ['link'] });
      await mon.ready;
      await nl.link.set({ dev: 'r0', mtu: 1000 + i });
      const ev = await orHung((async () => {
        for await (const e of mon) if (e.group === 'link' && e.message.body.attrs.mtu === 1000 + i) return e;
        return undefined;
      })());
      await mon.return();
      if (ev !== 'hung' && ev) seen++;
    }
    t.equal(seen, 100, `${seen}/100 changes made right after ready were seen`);
  });

  t.test("a handle's monitor watches its socket's namespace after the name is reused", async (t) => {
    const ns = scratchNs(t, 'reuse');
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());
    ip('netns', 'del', ns); // the namespace lives on through the handle's socket
    ip('netns', 'add', ns); // and the name now means another one
    const mon = nl.monitor({ groups: ['link'] });
    t.teardown(() => mon.return());
    await mon.ready;
    ip('-n', ns, 'link', 'add', 'new0', 'type', 'veth', 'peer', 'name', 'new1');
    await nl.link.add({ kind: 'veth', name: 'old0', peer: { name: 'old1' } });
    const names: string[] = [];
    const r = await orHung((async () => {
      for await (const ev of mon) {
        const n = linkName(ev);
        if (n) names.push(n);
        if (n === 'old0' || n === 'old1') return;
      }
    })());
    t.not(r, 'hung', 'the change in the handle\'s namespace is seen');
    t.same(names.filter((n) => n.startsWith('new')), [], 'nothing from the namespace that took the name');
  });

  t.test('a reader who falls behind gets ENOBUFS, and buffering is bounded', async (t) => {
    const ns = scratchNs(t, 'slow');
    ip('-n', ns, 'link', 'add', 's0', 'type', 'veth', 'peer', 'name', 's1');
    const dir = mkdtempSync(join(tmpdir(), 'nlt-slow-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const CHANGES = 3000; // ~1.4 KB each: ~4 MB, far past 64 events held and a 64 KiB receive buffer
    writeFileSync(join(dir, 'b'), Array.from({ length: CHANGES }, (_, i) => `link set s0 ${i % 2 ? 'up' : 'down'}`).join('\n') + '\n');
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());
    const mon = nl.monitor({ groups: ['link'], buffer: 64, rcvbuf: 64 << 10 });
    t.teardown(() => mon.return());
    await mon.ready;
    // The changes come from another process while this one's event loop runs (but nobody reads).
    await new Promise<void>((resolve, reject) => {
      const p = spawn('ip', ['-n', ns, '-batch', join(dir, 'b')], { stdio: 'ignore' });
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ip -batch exited ${code}`))));
    });
    let events = 0;
    const err = await (async () => { for await (const ev of mon) { void ev; events++; if (events >= CHANGES) return null; } return null; })().catch((e: unknown) => e);
    t.type(err, NetlinkError, 'the reader gets an error');
    t.equal((err as NetlinkError).code, 'ENOBUFS', 'ENOBUFS: events were lost');
    t.ok(events > 0 && events < CHANGES, `the events held before the loss were delivered first (${events} of ${CHANGES})`);
  });

  t.test('return() resolves at once while a next() is pending', async (t) => {
    const ns = scratchNs(t, 'ret');
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());
    const mon = nl.monitor({ groups: ['link'] });
    await mon.ready;
    const pending = mon.next();
    const r = await orHung(mon.return());
    t.not(r, 'hung', 'return() resolved');
    t.same(await orHung(pending), { done: true, value: undefined }, 'the pending next() resolves done');
  });
});
