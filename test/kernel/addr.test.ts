// nl.addr against the kernel in a scratch namespace, every step cross-checked field by field
// with `ip -j addr show`; addresses that ip created decode to what ip shows.
import t, { type Test } from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError, UsageError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import { addrFlagsOf, type AddrMessage } from '../../src/netlink/route/address.js';
import { addrFlags, scopes } from '../../src/netlink/route/names.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { settled } from '../helpers/settle.js';

interface IpAddr { ifindex: number; ifname: string; family: string; local: string; address?: string; prefixlen: number; scope: string; label?: string; broadcast?: string; valid_life_time: number; preferred_life_time: number; [flag: string]: unknown }

function ipAddrs(ns: string, ...args: string[]): IpAddr[] {
  return ipJson<any[]>('-n', ns, 'addr', 'show', ...args).flatMap((l) => (l.addr_info as IpAddr[]).map((a) => ({ ...a, ifindex: l.ifindex, ifname: l.ifname })));
}

const LIFE_KEYS = new Set(['valid_life_time', 'preferred_life_time']);
const FIELD_KEYS = new Set(['ifindex', 'ifname', 'family', 'local', 'address', 'prefixlen', 'scope', 'label', 'broadcast', 'anycast', 'metric', ...LIFE_KEYS]);

/** Compares one decoded address with ip's JSON for it, field by field. */
function same(t: Test, o: AddrMessage, a: IpAddr): void {
  const at = `${a.ifname} ${a.local}/${a.prefixlen}`;
  t.equal(o.header.index, a.ifindex, `${at} ifindex`);
  t.equal(o.header.family, a.family === 'inet' ? K.AF_INET : K.AF_INET6, `${at} family`);
  t.equal(o.attrs.local ?? o.attrs.address, a.local, `${at} local`);
  if (a.address !== undefined) t.equal(o.attrs.address, a.address, `${at} peer address`);
  t.equal(o.header.prefixlen, a.prefixlen, `${at} prefixlen`);
  t.equal(scopes.name(o.header.scope), a.scope, `${at} scope`);
  t.equal(o.attrs.label, a.label, `${at} label`);
  t.equal(o.attrs.broadcast, a.broadcast, `${at} broadcast`);
  t.equal(o.attrs.rt_priority, a.metric as number | undefined, `${at} metric`);
  // Finite lifetimes count down between our dump and ip's: allow a second or two.
  for (const [k, v] of [['valid_life_time', o.attrs.cacheinfo?.valid], ['preferred_life_time', o.attrs.cacheinfo?.prefered]] as const) {
    const theirs = a[k];
    if (theirs === 0xffffffff) t.equal(v, theirs, `${at} ${k} forever`);
    else t.ok(v !== undefined && v >= theirs && v - theirs <= 2, `${at} ${k} ${v} ~ ${theirs}`);
  }
  // ip prints each IFA_F_* flag as a boolean key, and 'dynamic' for a non-permanent address.
  const bits = addrFlagsOf(o);
  const ours = addrFlags.names(bits).filter((n) => n !== 'permanent').map((n) => (n === 'secondary' && a.family === 'inet6' ? 'temporary' : n));
  if (!(bits & K.IFA_F_PERMANENT)) ours.push('dynamic');
  const theirs = Object.keys(a).filter((k) => !FIELD_KEYS.has(k) && a[k] === true);
  t.same(ours.sort(), theirs.sort(), `${at} flags`);
}

const skip = kernelSkipReason();
t.test('nl.addr', { skip: skip ? `kernel address tests skipped: ${skip}` : false }, async (t) => {
  const ns = scratchNs(t, 'addr');
  ip('-n', ns, 'link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1');
  ip('-n', ns, 'link', 'set', 'veth0', 'up');
  ip('-n', ns, 'link', 'set', 'veth1', 'up');
  // Made by ip: a plain address and a point-to-point one, which we must decode as ip shows them.
  ip('-n', ns, 'addr', 'add', '10.1.0.1', 'peer', '10.1.0.2/32', 'dev', 'veth1');
  ip('-n', ns, 'addr', 'add', '10.2.0.1/16', 'dev', 'veth1', 'metric', '77');
  await settled(ns);
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const find = (list: AddrMessage[], local: string) => list.find((x) => (x.attrs.local ?? x.attrs.address) === local);

  t.test('IPv4 add: broadcast +, label, scope', async (t) => {
    await nl.addr.add({ dev: 'veth0', address: '10.0.0.1/24', broadcast: '+', label: 'veth0:1' });
    await nl.addr.add({ dev: 'veth0', address: '10.0.1.1/24', scope: 'link' });
    const a = ipAddrs(ns, 'dev', 'veth0').find((x) => x.local === '10.0.0.1')!;
    t.match(a, { prefixlen: 24, broadcast: '10.0.0.255', label: 'veth0:1', scope: 'global', family: 'inet' }, 'ip shows it as requested');
    t.equal(ipAddrs(ns, 'dev', 'veth0').find((x) => x.local === '10.0.1.1')?.scope, 'link');
  });

  t.test('IPv6 add: nodad, noprefixroute, lifetimes', async (t) => {
    await nl.addr.add({ dev: 'veth0', address: '2001:db8::1/64', nodad: true, noprefixroute: true, validLft: 300, preferredLft: 100 });
    const a = ipAddrs(ns, 'dev', 'veth0').find((x) => x.local === '2001:db8::1')!;
    t.match(a, { prefixlen: 64, nodad: true, noprefixroute: true, dynamic: true, family: 'inet6' });
    t.ok(a.valid_life_time <= 300 && a.valid_life_time >= 298, 'valid_lft 300');
    t.ok(a.preferred_life_time <= 100 && a.preferred_life_time >= 98, 'preferred_lft 100');
    t.notOk(ipJson<any[]>('-n', ns, '-6', 'route', 'show', '2001:db8::/64').length, 'noprefixroute: no prefix route');
  });

  t.test('list matches ip -j addr show, field by field, for everything in the namespace', async (t) => {
    const ours = await nl.addr.list();
    const theirs = ipAddrs(ns);
    t.equal(ours.length, theirs.length, 'same number of addresses');
    for (const a of theirs) {
      const o = ours.find((x) => x.header.index === a.ifindex && (x.attrs.local ?? x.attrs.address) === a.local);
      t.ok(o, `${a.ifname} ${a.local} listed`);
      if (o) same(t, o, a);
    }
    t.ok(find(ours, '10.1.0.1')?.attrs.address === '10.1.0.2', 'the peer address ip made');
    t.equal(find(ours, '10.2.0.1')?.attrs.rt_priority, 77, 'the metric ip set');
  });

  t.test('list filters: dev and family (kernel-side), scope, to', async (t) => {
    const v0 = await nl.addr.list({ dev: 'veth0' });
    t.same(v0.map((a) => a.attrs.local ?? a.attrs.address).sort(), ipAddrs(ns, 'dev', 'veth0').map((a) => a.local).sort());
    const v6 = await nl.addr.list({ family: 'inet6' });
    t.same(v6.map((a) => a.attrs.address).sort(), ipAddrs(ns).filter((a) => a.family === 'inet6').map((a) => a.local).sort());
    t.ok(v6.every((a) => a.header.family === K.AF_INET6));
    const link = await nl.addr.list({ scope: 'link', family: 'inet' });
    t.same(link.map((a) => a.attrs.local), ['10.0.1.1']);
    t.same((await nl.addr.list({ to: '10.0.0.0/8', dev: 'veth0' })).map((a) => a.attrs.local).sort(), ['10.0.0.1', '10.0.1.1']);
  });

  t.test('replace updates in place; add of an existing address is EEXIST', async (t) => {
    await nl.addr.replace({ dev: 'veth0', address: '2001:db8::1/64', nodad: true, validLft: 600, preferredLft: 600 });
    const a = ipAddrs(ns, 'dev', 'veth0').find((x) => x.local === '2001:db8::1')!;
    t.ok(a.valid_life_time > 590, `valid_lft now ${a.valid_life_time}`);
    t.notOk(a.noprefixroute, 'flags replaced too');
    const err = await nl.addr.add({ dev: 'veth0', address: '10.0.0.1/24' }).catch((e: unknown) => e);
    t.type(err, NetlinkError);
    t.match(err, { code: 'EEXIST', errno: 17, request: { op: 'addr.add 10.0.0.1/24 dev veth0', type: 'RTM_NEWADDR', netns: ns } });
  });

  t.test('kernel errors carry the code and the ext-ack text', async (t) => {
    const err = await nl.addr.add({ dev: 999, address: '10.9.0.1/24' }).catch((e: unknown) => e) as NetlinkError;
    t.type(err, NetlinkError);
    t.equal(err.code, 'ENODEV');
    t.match(err.extack?.message, /Device not found/, `ext-ack: ${err.extack?.message}`);
    const gone = await nl.addr.del({ dev: 'veth0', address: '10.99.0.1/24' }).catch((e: unknown) => e) as NetlinkError;
    t.equal(gone.code, 'EADDRNOTAVAIL');
  });

  t.test('validation errors send nothing', async (t) => {
    let sent = 0;
    const orig = nl.sock.request.bind(nl.sock);
    (nl.sock as { request: unknown }).request = (...a: Parameters<typeof orig>) => { sent++; return orig(...a); };
    try {
      for (const address of ['10.0.0.300/24', '10.0.0.1/33', '2001:db8::1/129', 'garbage']) {
        await t.rejects(nl.addr.add({ dev: 'veth0', address }), UsageError, address);
      }
      await t.rejects(nl.addr.add({ dev: 'nosuch0', address: '10.0.0.300/24' }), /300 is not a byte/, 'input checked before the device is looked up');
    } finally {
      (nl.sock as { request: unknown }).request = orig;
    }
    t.equal(sent, 0, 'no request reached the socket');
  });

  t.test('del: exact, and a bare IPv4 address matching any prefix length', async (t) => {
    await nl.addr.del({ dev: 'veth0', address: '10.0.1.1/24' });
    t.notOk(ipAddrs(ns, 'dev', 'veth0').some((a) => a.local === '10.0.1.1'));
    await nl.addr.del({ dev: 'veth0', address: '10.0.0.1' });
    t.notOk(ipAddrs(ns, 'dev', 'veth0').some((a) => a.local === '10.0.0.1'), 'wildcard delete');
  });

  t.test('flush: by dev, everything goes (secondaries and IPv6 link-local too)', async (t) => {
    await nl.addr.add({ dev: 'veth0', address: '10.3.0.1/24' });
    await nl.addr.add({ dev: 'veth0', address: '10.3.0.2/24' }); // secondary: goes with its primary
    const before = ipAddrs(ns, 'dev', 'veth0').length;
    t.ok(before >= 3);
    const n = await nl.addr.flush({ dev: 'veth0' });
    t.ok(n >= before - 1 && n <= before, `deleted ${n} of ${before}`);
    t.same(ipAddrs(ns, 'dev', 'veth0'), [], 'ip shows none left on veth0');
    t.ok(ipAddrs(ns, 'dev', 'veth1').length >= 2, 'veth1 untouched');
    await t.rejects(nl.addr.flush({}), UsageError);
  });
});
