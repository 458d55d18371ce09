// attach/check/detach/attachments against the kernel in scratch namespaces (a host-side one and a
// container one; the root namespace is never touched): what attach() made is what `ip -j` shows
// in both namespaces; check() is empty, then names each difference we cause; detach() leaves
// nothing and is idempotent; every failing step (a duplicate address, an unreachable gateway, a
// missing bridge, a name taken inside the container) is rolled back to exactly what was there.
import t from 'tap';
import { attach, check, detach, attachments, AttachError } from '../../src/container/index.js';
import { Netlink } from '../../src/client.js';
import { UsageError } from '../../src/netlink/errors.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

/** Everything a namespace holds that attach() could change: links (name, state, master, alias), addresses, routes. */
function snapshot(ns: string): unknown {
  const links = ipJson('-n', ns, '-d', 'link', 'show').map((l: any) => ({ ifname: l.ifname, flags: l.flags, master: l.master, ifalias: l.ifalias }));
  const addrs = ipJson('-n', ns, 'addr', 'show').flatMap((l: any) => l.addr_info.map((a: any) => `${l.ifname} ${a.local}/${a.prefixlen}`));
  const routes = [...ipJson('-n', ns, 'route', 'show'), ...ipJson('-n', ns, '-6', 'route', 'show')].map((r: any) => `${r.dst} ${r.gateway ?? ''} ${r.dev}`);
  return { links, addrs, routes };
}

const base = (h: string, c: string) => ({
  id: 'c1', netns: c, ifname: 'eth0', addresses: ['10.50.0.2/24', 'fd50::2/64'], gateway: ['10.50.0.1', 'fd50::1'],
  routes: [{ dst: '10.60.0.0/16', gw: '10.50.0.1' }],
  host: { netns: h, ifname: 'hv-c1', addresses: ['10.50.0.1/24', 'fd50::1/64'] },
});

t.test('attach builds both ends; check, attachments and detach read them back', async (t) => {
  const h = scratchNs(t, 'ah'), c = scratchNs(t, 'ac');
  const r = await attach({ ...base(h, c), mtu: 1400, mac: '02:00:00:00:50:02' });
  t.same(r.interfaces, [
    { name: 'hv-c1', mac: ipJson('-n', h, 'link', 'show', 'hv-c1')[0].address },
    { name: 'eth0', mac: '02:00:00:00:50:02', sandbox: `/run/netns/${c}` },
  ]);
  t.same(r.ips, [
    { address: '10.50.0.2/24', gateway: '10.50.0.1', interface: 1 }, { address: 'fd50::2/64', gateway: 'fd50::1', interface: 1 },
    { address: '10.50.0.1/24', interface: 0 }, { address: 'fd50::1/64', interface: 0 },
  ]);
  t.same(r.routes, [{ dst: '0.0.0.0/0', gw: '10.50.0.1' }, { dst: '::/0', gw: 'fd50::1' }, { dst: '10.60.0.0/16', gw: '10.50.0.1' }]);
  t.same(r.nlctl, { id: 'c1', hostNetns: `/run/netns/${h}` });

  // ip's view: the container end was born in c (link-netns names h from there), both up, mtu, alias, routes.
  const [he] = ipJson('-n', h, '-d', 'link', 'show', 'hv-c1');
  const [ce] = ipJson('-n', c, '-d', 'link', 'show', 'eth0');
  t.equal(he.ifalias, 'nlctl:c1');
  t.equal(he.mtu, 1400); t.equal(ce.mtu, 1400);
  t.ok(he.flags.includes('UP') && ce.flags.includes('UP'));
  t.equal(ce.link_netnsid, ipJson('-n', c, 'netns', 'list-id').find((x: any) => x.name === h)?.nsid);
  t.ok(ipJson('-n', c, 'link', 'show', 'lo')[0].flags.includes('UP'));
  t.match(ip('-n', c, 'route'), /default via 10\.50\.0\.1 dev eth0/);
  t.match(ip('-n', c, 'route'), /10\.60\.0\.0\/16 via 10\.50\.0\.1 dev eth0/);
  t.match(ip('-n', c, '-6', 'route'), /default via fd50::1 dev eth0/);

  t.same(await check(r), [], 'check: nothing differs');
  const found = await attachments({ netns: h });
  t.same(found.map((a) => [a.id, a.ifname, a.hostNetns, a.peer?.ifindex, a.peer?.netns]), [['c1', 'hv-c1', `/run/netns/${h}`, ce.ifindex, c]]);

  // Differences, one cause at a time.
  ip('-n', c, 'route', 'del', '10.60.0.0/16');
  t.same((await check(r)).map((d) => [d.kind, d.object]), [['route-missing', '10.60.0.0/16 via 10.50.0.1 dev eth0']]);
  ip('-n', c, 'addr', 'del', 'fd50::2/64', 'dev', 'eth0');
  t.same((await check(r)).map((d) => d.kind), ['address-missing', 'route-missing']);
  ip('-n', h, 'link', 'set', 'hv-c1', 'down');
  const down = await check(r);
  t.equal(down[0]!.kind, 'link-down');
  t.equal(down[0]!.message, `link-down: hv-c1 in netns /run/netns/${h} is down`);

  await detach(r);
  t.same(ipJson('-n', h, 'link', 'show').map((l: any) => l.ifname), ['lo']);
  t.same(ipJson('-n', c, 'link', 'show').map((l: any) => l.ifname), ['lo']);
  t.same(await attachments({ netns: h }), []);
  await detach(r); // idempotent
  t.same((await check(r)).map((d) => d.kind), ['link-missing', 'link-missing'], 'check after detach: both ends missing');
});

t.test('check sees a container end moved away (peer moved) and detach still cleans up', async (t) => {
  const h = scratchNs(t, 'mh'), c = scratchNs(t, 'mc'), x = scratchNs(t, 'mx');
  const r = await attach(base(h, c));
  ip('-n', c, 'link', 'set', 'eth0', 'netns', x);
  const kinds = (await check(r)).map((d) => d.kind);
  t.same(kinds, ['link-missing', 'peer-moved']);
  await detach(r);
  t.same(ipJson('-n', h, 'link', 'show').map((l: any) => l.ifname), ['lo']);
  t.same(ipJson('-n', x, 'link', 'show').map((l: any) => l.ifname), ['lo']);
});

t.test('a bridge port: the host end is enslaved, check compares the master', async (t) => {
  const h = scratchNs(t, 'bh'), c = scratchNs(t, 'bc');
  ip('-n', h, 'link', 'add', 'br0', 'type', 'bridge');
  ip('-n', h, 'addr', 'add', '10.51.0.1/24', 'dev', 'br0');
  ip('-n', h, 'link', 'set', 'br0', 'up');
  const r = await attach({ id: 'b1', netns: c, addresses: ['10.51.0.2/24'], gateway: '10.51.0.1', host: { netns: h, ifname: 'hv-b1', bridge: 'br0' } });
  t.equal(ipJson('-n', h, 'link', 'show', 'hv-b1')[0].master, 'br0');
  t.same(await check(r), []);
  ip('-n', h, 'link', 'set', 'hv-b1', 'nomaster');
  t.same((await check(r)).map((d) => [d.kind, d.expected, d.actual]), [['master-changed', 'br0', 'none']]);
  await detach(r);
  t.same(ipJson('-n', h, 'link', 'show').map((l: any) => l.ifname), ['lo', 'br0']);
});

t.test('each failing step is rolled back: nothing remains in either namespace', async (t) => {
  const h = scratchNs(t, 'rh'), c = scratchNs(t, 'rc');
  ip('-n', c, 'link', 'add', 'taken', 'type', 'veth', 'peer', 'name', 'taken-p');
  const before = [snapshot(h), snapshot(c)];
  const cases: [string, Record<string, unknown>, string, string, RegExp][] = [
    ['name taken inside the container', { ifname: 'taken' }, 'create veth', 'EEXIST', /File exists/],
    ['an address that already exists', { addresses: ['10.50.0.2/24', '10.50.0.2/24'] }, 'container address', 'EEXIST', /File exists/],
    ['an unreachable gateway', { gateway: '10.99.0.1', routes: [] }, 'default route', 'ENETUNREACH', /Network is unreachable/],
    ['a bridge that does not exist', { host: { netns: h, ifname: 'hv-c1', bridge: 'nobr0' } }, 'enslave host end to bridge', '', /Cannot find device "nobr0"/],
    ['a host address that already exists', { host: { netns: h, ifname: 'hv-c1', addresses: ['10.50.0.1/24', '10.50.0.1/24'] } }, 'host address', 'EEXIST', /File exists/],
  ];
  for (const [name, change, step, code, reason] of cases) {
    const e = await attach({ ...base(h, c), ...change } as never).then(() => undefined, (x: unknown) => x);
    t.ok(e instanceof AttachError, `${name}: an AttachError`);
    const a = e as AttachError;
    t.equal(a.step, step, `${name}: the step`);
    t.match(a.reason, reason, `${name}: the reason`);
    if (code) t.equal(a.code, code, `${name}: errno`);
    t.equal(a.rollback, 'complete');
    t.match(a.message, new RegExp(`^attach: ${step} .* in netns (${h}|${c}) failed: `), `${name}: ${a.message}`);
    t.same([snapshot(h), snapshot(c)], before, `${name}: nothing remains`);
  }
  // lo was down in the container before: a rolled-back attach leaves it down.
  t.notOk(ipJson('-n', c, 'link', 'show', 'lo')[0].flags.includes('UP'));
});

t.test('bad input is refused before anything is made', async (t) => {
  const h = scratchNs(t, 'ih'), c = scratchNs(t, 'ic');
  const before = [snapshot(h), snapshot(c)];
  await t.rejects(attach({ ...base(h, c), addresses: ['10.0.0.300/24'] }), UsageError);
  await t.rejects(attach({ ...base(h, c), gateway: ['10.0.0.1', '10.0.0.2'] }), /two IPv4 gateways/);
  await t.rejects(attach({ ...base(h, c), pid: 1 }), /one of them/);
  await t.rejects(attach({ ...base(h, c), ifname: 'a/b' }), UsageError);
  t.same([snapshot(h), snapshot(c)], before);
});

t.test('attach by pid: the namespace of a process', async (t) => {
  const h = scratchNs(t, 'ph'), c = scratchNs(t, 'pc');
  const { spawn } = await import('node:child_process');
  const child = spawn('ip', ['netns', 'exec', c, 'sleep', '30'], { stdio: 'ignore' });
  t.teardown(() => { child.kill('SIGKILL'); });
  // Wait (bounded) until the child has entered c.
  for (let i = 0; i < 100 && ip('netns', 'pids', c).trim() === ''; i++) await new Promise((r) => setTimeout(r, 20));
  const pid = Number(ip('netns', 'pids', c).trim().split('\n')[0]);
  const r = await attach({ id: 'p1', pid, addresses: ['10.52.0.2/24'], host: { netns: h, ifname: 'hv-p1', addresses: ['10.52.0.1/24'] } });
  t.equal(r.interfaces[1]!.sandbox, `/proc/${pid}/ns/net`);
  t.same(ipJson('-n', c, 'link', 'show', 'eth0')[0].ifname, 'eth0');
  t.same(await check(r), []);
  await detach(r);
  t.same(ipJson('-n', c, 'link', 'show').map((l: any) => l.ifname), ['lo']);
  const nl = await Netlink.open({ netns: h });
  t.same((await nl.link.list()).map((l) => l.attrs.ifname), ['lo']);
  await nl.close();
});

t.test('attachments() after a "restart": found by their mark alone, the stale one detached by its entry', async (t) => {
  const h = scratchNs(t, 'sh'), c1 = scratchNs(t, 'sc'), c2 = scratchNs(t, 'sd');
  await attach({ id: 'live', netns: c1, addresses: ['10.53.0.2/24'], host: { netns: h, ifname: 'hv-live', addresses: ['10.53.0.1/24'] } });
  await attach({ id: 'gone', netns: c2, addresses: ['10.54.0.2/24'], host: { netns: h, ifname: 'hv-gone', addresses: ['10.54.0.1/24'] } });
  ip('-n', h, 'link', 'add', 'other', 'type', 'veth', 'peer', 'name', 'other-p');
  ip('-n', h, 'link', 'set', 'other', 'alias', 'not ours');
  // Nothing but the kernel is asked: a fresh call finds both, with their peers' namespaces.
  const found = await attachments({ netns: h });
  t.same(found.map((a) => [a.id, a.ifname, a.up, a.peer?.netns]).sort(), [['gone', 'hv-gone', true, c2], ['live', 'hv-live', true, c1]]);
  const running = new Set(['live']);
  for (const a of found) if (!running.has(a.id)) await detach(a);
  t.same((await attachments({ netns: h })).map((a) => a.id), ['live']);
  t.same(ipJson('-n', c2, 'link', 'show').map((l: any) => l.ifname), ['lo'], 'the container end went with it');
  t.same(ipJson('-n', h, 'link', 'show').map((l: any) => l.ifname).sort(), ['hv-live', 'lo', 'other', 'other-p'], 'unmarked links are left alone');
  // A host end whose mark changed is not ours any more: detach leaves it.
  ip('-n', h, 'link', 'set', 'hv-live', 'alias', 'nlctl:someone-else');
  await detach({ ...found.find((a) => a.id === 'live')! });
  t.ok(ipJson('-n', h, 'link', 'show').some((l: any) => l.ifname === 'hv-live'));
});
