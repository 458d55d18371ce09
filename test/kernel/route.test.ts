// nl.route against the kernel in a scratch namespace: every route we add shows in
// `ip -d -j route show` as requested, every route in the namespace (ours, the kernel's, and
// those ip made) decodes to what ip shows, field by field; route get agrees with ip route get.
import t, { type Test } from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError, UsageError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import { routeTable, type RouteMessage } from '../../src/netlink/route/route.js';
import { nexthopFlags, protocols, routePrefs, routeTypes, scopes, tables } from '../../src/netlink/route/names.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { settled } from '../helpers/settle.js';

type IpRoute = Record<string, any>;

/** `ip -d -j route show ARGS` for both families (for one with a prefix: its family only). */
function ipRoutes(ns: string, ...args: string[]): IpRoute[] {
  const prefix = args.find((a) => /[.:]/.test(a));
  const fams = prefix === undefined ? ['-4', '-6'] : [prefix.includes(':') ? '-6' : '-4'];
  return fams.flatMap((f) => {
    try {
      return ipJson<IpRoute[]>('-n', ns, '-d', f, 'route', 'show', ...args);
    } catch (e) {
      // A table only one family has: the other says ENOENT ("FIB table does not exist").
      if (/FIB table does not exist/.test(String((e as { stderr?: string }).stderr))) return [];
      throw e;
    }
  });
}

function dstText(r: RouteMessage): string {
  const full = r.header.family === K.AF_INET ? 32 : 128;
  if (r.header.dst_len === 0 && r.attrs.dst === undefined) return 'default';
  return r.header.dst_len === full ? r.attrs.dst! : `${r.attrs.dst}/${r.header.dst_len}`;
}

/** Our decoded route in the shape of ip -d -j route show, for the fields ip prints. */
function asIp(r: RouteMessage, names: Map<number, string>): IpRoute {
  const o: IpRoute = {
    type: routeTypes.name(r.header.type), dst: dstText(r), table: tables.name(routeTable(r)),
    protocol: protocols.name(r.header.protocol), scope: scopes.name(r.header.scope),
    flags: nexthopFlags.names(r.header.flags & 0xff),
  };
  if (r.attrs.gateway !== undefined) o.gateway = r.attrs.gateway;
  if (r.attrs.oif !== undefined) o.dev = names.get(r.attrs.oif);
  if (r.attrs.prefsrc !== undefined) o.prefsrc = r.attrs.prefsrc;
  if (r.attrs.priority !== undefined) o.metric = r.attrs.priority;
  if (r.attrs.pref !== undefined) o.pref = routePrefs.name(r.attrs.pref);
  if (r.attrs.metrics !== undefined) o.metrics = [r.attrs.metrics];
  if (r.attrs.multipath !== undefined) {
    o.nexthops = r.attrs.multipath.map((n) => ({
      ...(n.attrs.gateway !== undefined ? { gateway: n.attrs.gateway } : {}),
      dev: names.get(n.ifindex), weight: n.hops + 1, flags: nexthopFlags.names(n.flags),
    }));
  }
  return o;
}

function sameRoutes(t: Test, ours: RouteMessage[], theirs: IpRoute[], names: Map<number, string>, what: string): void {
  const key = (r: IpRoute) => `${r.table} ${r.type} ${r.dst} ${r.dev ?? ''} ${r.metric ?? ''} ${r.gateway ?? ''}`;
  // ip leaves out what a filter fixed (table, proto, type, dev), and "table" for main unless
  // asked for every table.
  const all = theirs.some((r) => r.table === 'main');
  const fixed = ['table', 'protocol', 'type', 'dev'].filter((k) => theirs.length && !theirs.some((r) => r[k] !== undefined));
  const mine = ours.map((r) => asIp(r, names)).map((r) => {
    if (r.table === 'main' && !all) delete r.table;
    for (const k of fixed) delete r[k];
    return r;
  }).sort((a, b) => key(a).localeCompare(key(b)));
  const ips = theirs.map((r) => { const c = { ...r }; delete c.cache; return c; }).sort((a, b) => key(a).localeCompare(key(b)));
  t.equal(mine.length, ips.length, `${what}: same number of routes`);
  ips.forEach((r, i) => t.same(mine[i], r, `${what}: ${key(r)}`));
}

const skip = kernelSkipReason();
t.test('nl.route', { skip: skip ? `kernel route tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'route');
  ip('-n', ns, 'link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1');
  for (const d of ['veth0', 'veth1', 'lo']) ip('-n', ns, 'link', 'set', d, 'up');
  ip('-n', ns, 'addr', 'add', '10.0.0.1/24', 'dev', 'veth0');
  ip('-n', ns, 'addr', 'add', '2001:db8::1/64', 'dev', 'veth0', 'nodad');
  // Made by ip, for the decode cross-check.
  ip('-n', ns, 'route', 'add', '198.51.100.0/24', 'nexthop', 'via', '10.0.0.4', 'dev', 'veth0', 'weight', '3', 'nexthop', 'via', '10.0.0.5', 'weight', '1');
  ip('-n', ns, 'route', 'add', '203.0.113.0/24', 'via', '10.0.0.6', 'proto', '99', 'metric', '9');
  await settled(ns);
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const names = new Map(ipJson<any[]>('-n', ns, 'link', 'show').map((l) => [l.ifindex as number, l.ifname as string]));

  t.test('add: each shows in ip as requested', async (t) => {
    await nl.route.add({ dst: 'default', via: '10.0.0.254' });
    await nl.route.add({ dst: '10.1.0.0/16', dev: 'veth0', src: '10.0.0.1', metric: 10, protocol: 'static' });
    await nl.route.add({ dst: '10.2.0.0/16', via: '10.0.0.2', table: 1000 });
    await nl.route.add({ dst: '10.2.0.0/16', via: '10.0.0.2', table: 100 });
    await nl.route.add({ dst: '10.3.0.0/16', type: 'blackhole' });
    await nl.route.add({ dst: '10.4.0.0/16', type: 'unreachable' });
    await nl.route.add({ dst: '10.5.0.0/16', type: 'prohibit' });
    await nl.route.add({ dst: '10.0.0.50', type: 'local', dev: 'veth0' });
    await nl.route.add({ dst: '10.8.0.0/16', via: '10.9.9.9', dev: 'veth0', onlink: true, metrics: { mtu: 1400 } });
    await nl.route.add({ dst: '2001:db8:1::/48', via: '2001:db8::2', pref: 'high' });
    await nl.route.add({ dst: 'default', via: 'fe80::1', dev: 'veth0' });
    await nl.route.add({ dst: '192.0.2.0/24', nexthops: [{ via: '10.0.0.2', weight: 1 }, { via: '10.0.0.3', dev: 'veth0', weight: 2 }] });
    const show = (...a: string[]) => ipRoutes(ns, ...a);
    t.match(show('default'), [{ type: 'unicast', dst: 'default', gateway: '10.0.0.254', dev: 'veth0', protocol: 'boot', scope: 'global' }, { dst: 'default', gateway: 'fe80::1', dev: 'veth0', protocol: 'boot' }]);
    t.match(show('10.1.0.0/16'), [{ dev: 'veth0', prefsrc: '10.0.0.1', metric: 10, protocol: 'static', scope: 'link' }]);
    t.match(show('table', '1000'), [{ dst: '10.2.0.0/16', gateway: '10.0.0.2' }]);
    t.match(show('table', '100'), [{ dst: '10.2.0.0/16' }]);
    t.match(show('table', 'all', '10.2.0.0/16').map((r) => r.table).sort(), ['100', '1000']);
    t.match(show('type', 'blackhole'), [{ dst: '10.3.0.0/16', type: 'blackhole' }]);
    t.match(show('10.4.0.0/16'), [{ type: 'unreachable' }]);
    t.match(show('10.5.0.0/16'), [{ type: 'prohibit' }]);
    t.match(show('table', 'all', '10.0.0.50'), [{ type: 'local', scope: 'host', table: 'local', dev: 'veth0' }]);
    t.match(show('10.8.0.0/16'), [{ gateway: '10.9.9.9', flags: ['onlink'], metrics: [{ mtu: 1400 }] }]);
    t.match(show('2001:db8:1::/48'), [{ gateway: '2001:db8::2', pref: 'high' }]);
    t.match(show('192.0.2.0/24'), [{ nexthops: [{ gateway: '10.0.0.2', dev: 'veth0', weight: 1 }, { gateway: '10.0.0.3', dev: 'veth0', weight: 2 }] }]);
  });

  t.test('list, every table and both families, equals ip -d -j route show table all field by field', async (t) => {
    sameRoutes(t, await nl.route.list({ table: 'all', family: 'all' }), ipRoutes(ns, 'table', 'all'), names, 'all');
    const made = (await nl.route.list()).find((r) => r.attrs.dst === '198.51.100.0');
    t.same(made?.attrs.multipath?.map((n) => [n.attrs.gateway, n.hops + 1]), [['10.0.0.4', 3], ['10.0.0.5', 1]], 'the multipath route ip made');
  });

  t.test('list filters agree with ip', async (t) => {
    sameRoutes(t, await nl.route.list(), ipJson<IpRoute[]>('-n', ns, '-d', 'route', 'show'), names, 'default list = ip route show');
    sameRoutes(t, await nl.route.list({ table: 1000 }), ipRoutes(ns, 'table', '1000'), names, 'table 1000');
    sameRoutes(t, await nl.route.list({ table: 'local', family: 'inet6' }), ipJson<IpRoute[]>('-n', ns, '-d', '-6', 'route', 'show', 'table', 'local'), names, 'local v6');
    // The kernel's dev filter also matches multipath routes with a hop on the device; ip then
    // drops those in userspace (it compares RTA_OIF only). We keep the kernel's answer.
    const byDev = await nl.route.list({ dev: 'veth0' });
    t.same(byDev.filter((r) => r.attrs.multipath).map((r) => r.attrs.dst).sort(), ['192.0.2.0', '198.51.100.0']);
    sameRoutes(t, byDev.filter((r) => !r.attrs.multipath), ipJson<IpRoute[]>('-n', ns, '-d', '-4', 'route', 'show', 'dev', 'veth0'), names, 'dev veth0');
    sameRoutes(t, await nl.route.list({ protocol: 'static' }), ipJson<IpRoute[]>('-n', ns, '-d', 'route', 'show', 'proto', 'static'), names, 'proto static');
    sameRoutes(t, await nl.route.list({ type: 'blackhole' }), ipJson<IpRoute[]>('-n', ns, '-d', 'route', 'show', 'type', 'blackhole'), names, 'type blackhole');
    t.same(await nl.route.list({ table: 4242 }), [], 'a table that does not exist is empty');
  });

  t.test('get agrees with ip route get', async (t) => {
    const cases: [Parameters<typeof nl.route.get>[0], string[]][] = [
      [{ to: '10.1.2.3' }, ['10.1.2.3']],
      [{ to: '8.8.8.8' }, ['8.8.8.8']],
      [{ to: '192.0.2.9' }, ['192.0.2.9']],
      [{ to: '10.0.0.77', oif: 'veth0', from: '10.0.0.1' }, ['10.0.0.77', 'oif', 'veth0', 'from', '10.0.0.1']],
      [{ to: '2001:db8:1::5' }, ['2001:db8:1::5']],
      [{ to: '10.1.2.3', fibmatch: true }, ['fibmatch', '10.1.2.3']],
    ];
    for (const [opts, args] of cases) {
      const r = await nl.route.get(opts);
      const [g] = ipJson<IpRoute[]>('-n', ns, 'route', 'get', ...args);
      const at = `get ${args.join(' ')}`;
      t.equal(dstText(r).replace(/^default$/, '0.0.0.0/0'), g!.dst === 'default' ? '0.0.0.0/0' : g!.dst, `${at}: dst`);
      t.equal(r.attrs.gateway, g!.gateway, `${at}: gateway`);
      t.equal(r.attrs.oif === undefined ? undefined : names.get(r.attrs.oif), g!.dev, `${at}: dev`);
      t.equal(r.attrs.prefsrc, g!.prefsrc, `${at}: prefsrc`);
      if (g!.table !== undefined) t.equal(tables.name(routeTable(r)), g!.table, `${at}: table`);
      if (g!.metric !== undefined) t.equal(r.attrs.priority, g!.metric, `${at}: metric`);
      if (g!.uid !== undefined) t.equal(r.attrs.uid, g!.uid, `${at}: uid`);
    }
  });

  t.test('replace, append, change, del', async (t) => {
    await nl.route.replace({ dst: '10.2.0.0/16', via: '10.0.0.3', table: 100 });
    t.match(ipRoutes(ns, 'table', '100'), [{ gateway: '10.0.0.3' }]);
    await nl.route.append({ dst: '10.1.0.0/16', dev: 'veth1', metric: 10, protocol: 'static' });
    t.same(ipRoutes(ns, '10.1.0.0/16').map((r) => r.dev).sort(), ['veth0', 'veth1'], 'append adds a second route');
    await nl.route.del({ dst: '10.1.0.0/16', dev: 'veth1' });
    await nl.route.change({ dst: '10.1.0.0/16', dev: 'veth0', metric: 10, protocol: 'static', src: '10.0.0.1', metrics: { mtu: 1300 } });
    t.match(ipRoutes(ns, '10.1.0.0/16'), [{ dev: 'veth0', metrics: [{ mtu: 1300 }] }]);
    await nl.route.del({ dst: '10.3.0.0/16', type: 'blackhole' });
    await nl.route.del({ dst: 'default', family: 'inet' });
    await nl.route.del({ dst: '192.0.2.0/24' });
    await nl.route.del({ dst: '10.2.0.0/16', table: 1000 });
    t.same(ipRoutes(ns, '10.3.0.0/16'), []);
    t.same(ipJson<IpRoute[]>('-n', ns, 'route', 'show', 'default'), []);
    t.same(ipRoutes(ns, '192.0.2.0/24'), []);
    t.same(ipRoutes(ns, 'table', '1000'), []);
    t.match(ipJson<IpRoute[]>('-n', ns, '-6', 'route', 'show', 'default'), [{ gateway: 'fe80::1' }], 'the IPv6 default stays');
  });

  t.test('kernel errors: code and ext-ack text', async (t) => {
    const unreachable = await nl.route.add({ dst: '10.20.0.0/16', via: '10.50.0.1' }).catch((e: unknown) => e) as NetlinkError;
    t.type(unreachable, NetlinkError);
    t.equal(unreachable.code, 'ENETUNREACH');
    t.match(unreachable.extack?.message, /Nexthop has invalid gateway/);
    t.match(unreachable.message, /^route\.add 10\.20\.0\.0\/16 \[netns .*\]: .*\(ENETUNREACH\): Nexthop has invalid gateway/);
    const hostBits = await nl.route.add({ dst: '10.0.0.1/8', dev: 'veth0' }).catch((e: unknown) => e) as NetlinkError;
    t.equal(hostBits.code, 'EINVAL');
    t.match(hostBits.extack?.message, /Invalid prefix for given prefix length/);
    t.match(await nl.route.add({ dst: '10.5.0.0/16', type: 'prohibit' }).catch((e: unknown) => e), { code: 'EEXIST' });
    t.match(await nl.route.del({ dst: '10.77.0.0/16' }).catch((e: unknown) => e), { code: 'ESRCH' });
    t.match(await nl.route.get({ to: '10.4.0.1' }).catch((e: unknown) => e), { code: 'EHOSTUNREACH' }, 'get through an unreachable route');
  });

  t.test('validation errors send nothing', async (t) => {
    let sent = 0;
    const orig = nl.sock.request.bind(nl.sock);
    (nl.sock as { request: unknown }).request = (...a: Parameters<typeof orig>) => { sent++; return orig(...a); };
    try {
      await t.rejects(nl.route.add({ dst: '10.0.0.0/33', dev: 'veth0' }), UsageError);
      await t.rejects(nl.route.add({ dst: '10.0.0.300/24', dev: 'nosuch' }), /300 is not a byte/);
      await t.rejects(nl.route.add({ dst: '10.0.0.0/8', table: 'nosuch' }), /invalid table/);
      await t.rejects(nl.route.get({ to: 'garbage' }), UsageError);
    } finally {
      (nl.sock as { request: unknown }).request = orig;
    }
    t.equal(sent, 0);
  });
});
