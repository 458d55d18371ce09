// A streamed dump whose consumer stops reading (issue 9 item 3) pauses the socket once 4096
// messages wait; other requests and dumps on the handle must still be answered, and the stream,
// read later, must still yield everything.
import t from 'tap';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Netlink } from '../../src/client.js';
import * as K from '../../src/netlink/route/constants.js';
import { ip, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
const ROUTES = 6000; // past the stream's high-water mark of 4096 messages

/** Settles `p`, or says 'hung' when it has not after `ms` (a guard against hanging the run, not a timing assert). */
function orHung<T>(p: Promise<T>, ms = 20000): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<'hung'>((r) => { timer = setTimeout(() => r('hung'), ms); })]).finally(() => clearTimeout(timer));
}

t.test('a paused dump does not stall the handle', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'pause');
  const dir = mkdtempSync(join(tmpdir(), 'nlt-pause-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const batch = join(dir, 'routes');
  writeFileSync(batch, ['link set lo up', ...Array.from({ length: ROUTES }, (_, i) => `route add 10.${i >> 8}.${i & 255}.0/24 dev lo`)].join('\n') + '\n');
  ip('-n', ns, '-batch', batch);

  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const it = nl.dump<{ header: { family: number } }>({ type: K.RTM_GETROUTE, body: { header: { family: 2 }, attrs: {} } });
  const first = await it.next();
  t.notOk(first.done, 'the stream started');
  // Let the socket read on until the stream's buffer passes the high-water mark and pauses it.
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));

  const lo = await orHung(nl.link.get('lo'));
  t.not(lo, 'hung', 'a request is answered while the dump is paused');
  if (lo !== 'hung') t.equal(lo.header.index, 1);
  const links = await orHung(nl.link.list());
  t.not(links, 'hung', 'a dump queued behind the paused one is answered');
  if (links !== 'hung') t.equal(links.length, 1, 'lo');

  let n = 1;
  for await (const m of it) { void m; n++; }
  t.ok(n >= ROUTES, `the stream still yielded every route (${n})`);
  t.equal((await nl.link.get('lo')).header.index, 1, 'and the handle works afterwards');
});
