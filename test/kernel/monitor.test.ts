// nl.monitor() in a scratch namespace: link and address events made by ip arrive decoded, with
// the right family and action, and aborting ends the iteration and closes its socket.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import type { MonitorEvent } from '../../src/monitor.js';
import { ip, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

t.test('monitor', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'mon');
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const ac = new AbortController();
  const seen: MonitorEvent[] = [];
  const done = (async () => {
    for await (const ev of nl.monitor({ groups: ['link', 'address'], signal: ac.signal })) {
      seen.push(ev);
      if (seen.some((e) => e.group === 'address' && e.action === 'new')) ac.abort();
    }
  })();
  // The subscription is made asynchronously: keep making changes (bounded) until they are seen.
  for (let i = 0; i < 40 && !seen.length; i++) {
    ip('-n', ns, 'link', 'add', `m${i}`, 'type', 'veth', 'peer', 'name', `n${i}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  t.ok(seen.length > 0, 'link events arrive');
  const link = seen.find((e) => e.group === 'link');
  t.equal(link?.action, 'new');
  t.match((link?.message.body as { attrs: { ifname: string } }).attrs.ifname, /^[mn]\d+$/);
  ip('-n', ns, 'addr', 'add', '10.42.0.1/24', 'dev', 'm0');
  await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
  const addr = seen.find((e) => e.group === 'address');
  t.equal((addr?.message.body as { attrs: { local: string } } | undefined)?.attrs.local, '10.42.0.1', 'the address event is decoded');
  t.ok(ac.signal.aborted, 'aborting ended the iteration');
  await done;
});
