// nl.neigh against the kernel in a scratch namespace: entries we add show in `ip -j neigh show`
// as requested, every entry (ours, the kernel's, ip's) decodes to what ip shows, field by field.
import t, { type Test } from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError, UsageError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import type { NeighMessage } from '../../src/netlink/route/neigh.js';
import { neighFlags, nudStates } from '../../src/netlink/route/names.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { settled } from '../helpers/settle.js';

type IpNeigh = Record<string, any>;

/** Compares one decoded entry with ip's JSON for it, field by field. */
function same(t: Test, o: NeighMessage, n: IpNeigh, names: Map<number, string>): void {
  const at = `${n.dst} ${n.dev}`;
  t.equal(o.attrs.dst, n.dst, `${at} dst`);
  t.equal(names.get(o.header.ifindex), n.dev, `${at} dev`);
  t.equal(o.attrs.lladdr, n.lladdr, `${at} lladdr`);
  t.same(nudStates.names(o.header.state).map((s) => s.toUpperCase()), n.state ?? [], `${at} state`);
  // ip prints the router and proxy flags as keys with a null value.
  for (const f of ['router', 'proxy', 'extern_learn']) t.equal(f in n, neighFlags.names(o.header.flags).includes(f), `${at} ${f}`);
}

const skip = kernelSkipReason();
t.test('nl.neigh', { skip: skip ? `kernel neighbour tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'neigh');
  ip('-n', ns, 'link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1');
  for (const d of ['veth0', 'veth1']) ip('-n', ns, 'link', 'set', d, 'up');
  ip('-n', ns, 'addr', 'add', '10.0.0.1/24', 'dev', 'veth0');
  ip('-n', ns, 'neigh', 'add', '10.0.0.40', 'lladdr', '02:00:00:00:00:40', 'dev', 'veth0', 'nud', 'stale');
  await settled(ns);
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const names = new Map(ipJson<any[]>('-n', ns, 'link', 'show').map((l) => [l.ifindex as number, l.ifname as string]));
  const show = (...a: string[]) => ipJson<IpNeigh[]>('-n', ns, 'neigh', 'show', 'nud', 'all', ...a);

  t.test('add in several states, v4 and v6, with router and proxy flags', async (t) => {
    await nl.neigh.add({ dst: '10.0.0.9', lladdr: '02:00:00:00:00:09', dev: 'veth0' });
    await nl.neigh.add({ dst: '10.0.0.10', lladdr: '02:00:00:00:00:0a', dev: 'veth0', state: 'reachable' });
    await nl.neigh.add({ dst: '10.0.0.11', lladdr: '02:00:00:00:00:0b', dev: 'veth0', state: 'noarp' });
    await nl.neigh.add({ dst: '10.0.0.12', dev: 'veth0', state: 'incomplete' });
    await nl.neigh.add({ dst: '2001:db8::9', lladdr: '02:00:00:00:00:99', dev: 'veth0', state: 'stale', router: true });
    await nl.neigh.add({ dst: '10.0.0.77', dev: 'veth0', proxy: true });
    t.match(show('10.0.0.9'), [{ dst: '10.0.0.9', dev: 'veth0', lladdr: '02:00:00:00:00:09', state: ['PERMANENT'] }]);
    t.match(show('10.0.0.10'), [{ lladdr: '02:00:00:00:00:0a', state: ['REACHABLE'] }]);
    t.match(show('10.0.0.11'), [{ state: ['NOARP'] }]);
    t.match(show('10.0.0.12'), [{ state: ['INCOMPLETE'] }]);
    const r = show('2001:db8::9');
    t.match(r, [{ lladdr: '02:00:00:00:00:99', state: ['STALE'] }]);
    t.ok('router' in r[0]!, 'router flag');
    t.match(ipJson<IpNeigh[]>('-n', ns, 'neigh', 'show', 'proxy'), [{ dst: '10.0.0.77', dev: 'veth0' }]);
  });

  t.test('list equals ip -j neigh show nud all, field by field (ip-made entry included)', async (t) => {
    const ours = await nl.neigh.list();
    const theirs = show();
    t.equal(ours.length, theirs.length, 'same number of entries');
    for (const n of theirs) {
      const o = ours.find((x) => x.attrs.dst === n.dst && names.get(x.header.ifindex) === n.dev);
      t.ok(o, `${n.dst} ${n.dev} listed`);
      if (o) same(t, o, n, names);
    }
    t.ok(ours.some((o) => o.attrs.dst === '10.0.0.40' && o.header.state === K.NUD_STALE), 'the entry ip made');
  });

  t.test('list filters: dev (NDA_IFINDEX), family, state, proxy, dst', async (t) => {
    t.same((await nl.neigh.list({ dev: 'veth1' })).map((n) => n.attrs.dst).sort(), show('dev', 'veth1').map((n) => n.dst).sort());
    t.ok((await nl.neigh.list({ family: 'inet6' })).every((n) => n.header.family === K.AF_INET6));
    t.same((await nl.neigh.list({ family: 'inet', state: 'permanent' })).map((n) => n.attrs.dst), ['10.0.0.9']);
    t.same((await nl.neigh.list({ state: ['stale', 'reachable'], family: 'inet' })).map((n) => n.attrs.dst).sort(), ['10.0.0.10', '10.0.0.40']);
    const proxies = await nl.neigh.list({ proxy: true });
    t.same(proxies.map((n) => [n.attrs.dst, n.header.flags & K.NTF_PROXY]), [['10.0.0.77', K.NTF_PROXY]]);
    t.same((await nl.neigh.list({ dst: '10.0.0.9' })).length, 1);
  });

  t.test('replace, change, del', async (t) => {
    await nl.neigh.replace({ dst: '10.0.0.9', lladdr: '02:00:00:00:01:09', dev: 'veth0', state: 'reachable' });
    t.match(show('10.0.0.9'), [{ lladdr: '02:00:00:00:01:09', state: ['REACHABLE'] }]);
    await nl.neigh.change({ dst: '10.0.0.9', lladdr: '02:00:00:00:02:09', dev: 'veth0', state: 'permanent' });
    t.match(show('10.0.0.9'), [{ lladdr: '02:00:00:00:02:09', state: ['PERMANENT'] }]);
    await nl.neigh.replace({ dst: '10.0.0.13', lladdr: '02:00:00:00:00:0d', dev: 'veth0' });
    t.equal(show('10.0.0.13').length, 1, 'replace creates');
    await nl.neigh.del({ dst: '10.0.0.9', dev: 'veth0' });
    await nl.neigh.del({ dst: '10.0.0.77', dev: 'veth0', proxy: true });
    t.same(show('10.0.0.9').filter((n) => n.state?.[0] !== 'FAILED'), []);
    t.same(ipJson<IpNeigh[]>('-n', ns, 'neigh', 'show', 'proxy'), []);
  });

  t.test('kernel errors and validation errors', async (t) => {
    t.match(await nl.neigh.add({ dst: '10.0.0.10', lladdr: '02:00:00:00:00:0a', dev: 'veth0' }).catch((e: unknown) => e), { name: 'NetlinkError', code: 'EEXIST' });
    const gone = await nl.neigh.del({ dst: '10.0.0.200', dev: 'veth0' }).catch((e: unknown) => e) as NetlinkError;
    t.equal(gone.code, 'ENOENT');
    const nodev = await nl.neigh.add({ dst: '10.0.0.201', lladdr: '02:00:00:00:00:01', dev: 999 }).catch((e: unknown) => e) as NetlinkError;
    t.type(nodev, NetlinkError);
    t.equal(nodev.code, 'ENODEV');
    const short = await nl.neigh.add({ dst: '10.0.0.202', lladdr: '02:00', dev: 'veth0' }).catch((e: unknown) => e) as NetlinkError;
    t.equal(short.code, 'EINVAL');
    t.match(short.extack?.message, /Invalid link address/, `ext-ack: ${short.extack?.message}`);
    let sent = 0;
    const orig = nl.sock.request.bind(nl.sock);
    (nl.sock as { request: unknown }).request = (...a: Parameters<typeof orig>) => { sent++; return orig(...a); };
    try {
      await t.rejects(nl.neigh.add({ dst: '10.0.0.300', dev: 'veth0' }), UsageError);
      await t.rejects(nl.neigh.add({ dst: '10.0.0.3', dev: 'veth0', state: 'sleepy' }), /invalid neighbour state/);
      await t.rejects(nl.neigh.add({ dst: '10.0.0.3', dev: 'veth0', lladdr: 'xx' }), /invalid lladdr/);
    } finally {
      (nl.sock as { request: unknown }).request = orig;
    }
    t.equal(sent, 0, 'nothing sent');
  });
});
