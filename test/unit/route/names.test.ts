// Names of enum values and flag bits, both directions, as iproute2's default files spell them.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { addrFlags, neighFlags, nudStates, protocols, routeTypes, scopes, tables } from '../../../src/netlink/route/names.js';

t.test('enum tables, both directions', async (t) => {
  t.same([scopes.name(0), scopes.name(253), scopes.name(254), scopes.name(200), scopes.name(17)], ['global', 'link', 'host', 'site', '17']);
  t.same([scopes.parse('universe'), scopes.parse('global'), scopes.parse('host'), scopes.parse('0x10'), scopes.parse(5)], [0, 0, 254, 16, 5]);
  t.same([protocols.parse('kernel'), protocols.parse('boot'), protocols.parse('static'), protocols.parse('dhcp'), protocols.name(186)], [2, 3, 4, 16, 'bgp']);
  t.same([tables.parse('main'), tables.parse('local'), tables.parse('1000'), tables.name(255), tables.name(1000)], [254, 255, 1000, 'local', '1000']);
  t.same(['unicast', 'blackhole', 'unreachable', 'prohibit', 'local'].map((s) => routeTypes.parse(s)), [1, 6, 7, 8, 2]);
  t.equal(routeTypes.name(0), 'none');
  t.equal(scopes.lookup('nope'), undefined);
  t.throws(() => scopes.parse('nope'), { name: 'UsageError', message: /invalid scope "nope": expected one of global, site, link, host, nowhere, universe or a number 0-255/ });
  t.throws(() => protocols.parse(256), /invalid protocol 256/);
  t.throws(() => tables.parse(-1), /invalid table -1/);
});

t.test('flag tables', async (t) => {
  t.same(nudStates.names(0x82), ['reachable', 'permanent']);
  t.same(nudStates.names(0), []);
  t.equal(nudStates.parse(['none']), 0);
  t.same(addrFlags.names(0x280), ['permanent', 'noprefixroute']);
  t.same(addrFlags.names(0x1001), ['secondary', '0x1000'], 'unnamed bits are kept as hex');
  t.equal(addrFlags.parse(['temporary']), 1);
  t.same(neighFlags.names(0x88), ['proxy', 'router']);
  t.throws(() => nudStates.parse(['asleep']), /invalid neighbour state "asleep"/);
});

// The names must agree with the iproute2 default files where this host has them.
t.test('agree with /etc/iproute2 where present', async (t) => {
  for (const [file, table] of [['rt_protos', protocols], ['rt_scopes', scopes], ['rt_tables', tables]] as const) {
    let text: string;
    try { text = readFileSync(`/etc/iproute2/${file}`, 'utf8'); } catch { t.comment(`/etc/iproute2/${file} not present`); continue; }
    for (const line of text.split('\n')) {
      const m = /^\s*(\d+)\s+(\S+)/.exec(line);
      if (m) t.equal(table.parse(m[2]!), Number(m[1]), `${file}: ${m[2]}`);
    }
  }
});
