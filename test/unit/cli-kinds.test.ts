// The -d kind tables on hand-made decoded data: ip 6.1's JSON keys and value types, and its text
// words (what the kernel test checks against a live ip, here without root).
import t from 'tap';
import { printKind, type KindContext } from '../../src/cli/print/kind-fields.js';
import { bridgePortFields, bridgeFields } from '../../src/cli/print/kind-bridge.js';
import { macvlanFields, tunFields, vxlanFields } from '../../src/cli/print/kind-tables.js';
import { toJson } from '../../src/cli/print/json.js';

const ctx: KindContext = { name: (i) => (i === 3 ? 'v0' : `if${i}`), user: (u) => (u === 0 ? 'root' : undefined), group: () => undefined };

t.test('vxlan: remote vs group, ttl auto/inherit, tos, df, csum words', async (t) => {
  const r = printKind(vxlanFields, {
    id: 42, group: '10.0.0.2', link: 3, local: '10.0.0.1', ttl: 0, tos: 1, learning: 0, port: 4789, port_range: { low: 0, high: 0 },
    df: 0, ageing: 0, udp_csum: 0, udp_zero_csum6_tx: 1, limit: 0, proxy: 0, collect_metadata: 0,
  }, ctx);
  t.same(r.json, {
    id: 42, remote: '10.0.0.2', local: '10.0.0.1', link: 'v0', port_range: { low: 0, high: 0 }, port: 4789, learning: false,
    tos: '0x1', ttl: 0, df: 'unset', ageing: 0, udp_csum: false, udp_zero_csum6_tx: true,
  });
  t.equal(r.text, 'id 42 remote 10.0.0.2 local 10.0.0.1 dev v0 srcport 0 0 dstport 4789 nolearning tos inherit ttl auto ageing none noudpcsum udp6zerocsumtx ');
  const mc = printKind(vxlanFields, { id: 1, group: '239.1.1.1', ttl_inherit: true, ttl: 0, df: 1 }, ctx);
  t.same(mc.json, { id: 1, group: '239.1.1.1', df: 'set' }, 'ttl inherit has no JSON; multicast is group');
  t.equal(mc.text, 'id 1 group 239.1.1.1 ttl inherit df set ');
  t.equal(printKind(vxlanFields, { collect_metadata: 1, vnifilter: 1, id: 0 }, ctx).text, 'external vnifilterid 0 ', '6.1 glues vnifilter');
});

t.test('bridge: ids, timers (raw JSON numbers), boolopt bits, renamed text words', async (t) => {
  const r = printKind(bridgeFields, {
    bridge_id: { priority: 0x8000, address: '2a:09:01:11:83:3e' }, hello_timer: 250n, group_fwd_mask: 0,
    multi_boolopt: { optval: 2, optmask: 3 }, mcast_last_member_cnt: 2,
  }, ctx);
  t.equal(toJson(r.json), '{"bridge_id":"8000.2a:9:1:11:83:3e","hello_timer":2.50,"group_fwd_mask":"0","no_linklocal_learn":0,"mcast_vlan_snooping":1,"mcast_last_member_cnt":2}');
  t.equal(r.text, 'bridge_id 8000.2a:9:1:11:83:3e hello_timer    2.50 group_fwd_mask 0 no_linklocal_learn 0 mcast_vlan_snooping 1 mcast_last_member_count 2 ');
  t.same(JSON.parse(toJson(r.json)).hello_timer, 2.5);
});

t.test('bridge port: on/off booleans, hex ids, text-only mcast_fast_leave, fwd mask names', async (t) => {
  const r = printKind(bridgePortFields, { state: 3, mode: 1, fast_leave: 0, id: 0x8001, no: 1, group_fwd_mask: 0x4008, backup_port: 0 }, ctx);
  t.same(r.json, { state: 'forwarding', hairpin: true, fastleave: false, id: '0x8001', no: '0x1', group_fwd_mask: '0x4008', group_fwd_mask_str: '0x8,lldp' });
  t.equal(r.text, 'state forwarding hairpin on fastleave off port_id 0x8001 port_no 0x1 mcast_fast_leave off group_fwd_mask 0x4008 group_fwd_mask_str 0x8,lldp ');
});

t.test('macvlan and tun', async (t) => {
  t.same(printKind(macvlanFields, { mode: 8, flags: 1, bc_queue_len: 1000 }, ctx).json, { mode: 'passthru', nopromisc: true, bcqueuelen: 1000 });
  const tun = printKind(tunFields, { type: 2, pi: 0, multi_queue: 1, num_queues: 2, num_disabled_queues: 0, persist: 1, owner: 0, group: 7 }, ctx);
  t.same(tun.json, { type: 'tap', pi: false, multi_queue: true, numqueues: 2, numdisabled: 0, persist: true, user: 'root', group: 7 });
  t.equal(tun.text, 'type tap pi off multi_queue numqueues 2 numdisabled 0 persist on user root group 7 ');
  t.same(printKind(tunFields, { type: 1, multi_queue: 0, num_queues: 1 }, ctx).json, { type: 'tun', multi_queue: false }, 'queues only with multi_queue');
});
