/**
 * `ip -d` field tables for vxlan, macvlan/macvtap and tun/tap, transcribed from what iproute2
 * 6.1 prints (ip/iplink_vxlan.c, ip/iplink_macvlan.c, ip/iptuntap.c) and checked against it in
 * test/kernel/cli-details.test.ts, plus the registry that picks a table by kind. Kinds ip prints
 * nothing for (veth, ifb, dummy) map to an empty table; kinds without a table here fall back to
 * the library's own keys.
 */

import { bridgeFields, bridgePortFields } from './kind-bridge.js';
import { cHex, nonzero, type Field, type KindData, type Printed } from './kind-fields.js';

const isMc4 = (a: string): boolean => { const o = Number(a.split('.')[0]); return o >= 224 && o <= 239; };
const isMc6 = (a: string): boolean => a.toLowerCase().startsWith('ff');
const unspec = (a: unknown): boolean => a === undefined || a === '0.0.0.0' || a === '::';

/** The far end of a vxlan: IFLA_VXLAN_GROUP(6) prints as `group` when multicast, `remote` otherwise. */
function far(key: 'group' | 'group6', mc: boolean): (d: KindData) => unknown {
  return (d) => {
    const a = d[key] as string | undefined;
    if (unspec(a)) return undefined;
    // ip only looks at GROUP6 when GROUP is absent.
    if (key === 'group6' && d.group !== undefined) return undefined;
    return (key === 'group' ? isMc4(a!) : isMc6(a!)) === mc ? a : undefined;
  };
}

function vxlanTtl(v: unknown, _c: unknown, d: KindData): Printed {
  if (d.ttl_inherit) return { text: 'ttl inherit' };
  return { json: Number(v), text: v ? `ttl ${Number(v)}` : 'ttl auto' };
}

/** vxlan's kind line: `vxlan id 42 remote 10.0.0.2 local 10.0.0.1 dev v0 srcport 0 0 dstport 4789 ...`. */
export const vxlanFields: readonly Field[] = [
  { from: 'collect_metadata', json: 'external', as: 'flag', when: nonzero },
  // 6.1 forgets the space after this word ("external vnifilterid 0").
  { from: 'vnifilter', as: () => ({ json: true, text: 'vnifilter', glued: true }), when: nonzero },
  { from: 'id' },
  { from: far('group', true), json: 'group', as: 'str' },
  { from: far('group', false), json: 'remote', as: 'str' },
  { from: far('group6', true), json: 'group6', text: 'group', as: 'str' },
  { from: far('group6', false), json: 'remote6', text: 'remote', as: 'str' },
  { from: (d) => (unspec(d.local) ? undefined : d.local), json: 'local', as: 'str' },
  { from: (d) => (d.local === undefined && !unspec(d.local6) ? d.local6 : undefined), json: 'local6', text: 'local', as: 'str' },
  { from: 'link', text: 'dev', as: 'ifname', when: nonzero },
  {
    from: 'port_range',
    as: (v) => { const r = v as { low: number; high: number }; return { json: { low: r.low, high: r.high }, text: `srcport ${r.low} ${r.high}` }; },
  },
  { from: 'port', text: 'dstport' },
  { from: 'learning', as: 'noOnly' },
  { from: 'proxy', as: 'flag', when: nonzero },
  { from: 'rsc', as: 'flag', when: nonzero },
  { from: 'l2miss', as: 'flag', when: nonzero },
  { from: 'l3miss', as: 'flag', when: nonzero },
  { from: 'tos', when: nonzero, as: (v) => ({ json: cHex(Number(v)), text: v === 1 ? 'tos inherit' : `tos ${cHex(Number(v))}` }) },
  { from: 'ttl', as: vxlanTtl, when: (v, d) => v !== undefined || Boolean(d.ttl_inherit) },
  { from: 'df', as: (v) => {
    const s = ['unset', 'set', 'inherit'][Number(v)] ?? String(v);
    return { json: s, text: v === 0 ? undefined : `df ${s}` };
  } },
  { from: 'label', text: 'flowlabel', as: 'hex', when: nonzero },
  { from: 'ageing', as: (v) => ({ json: Number(v), text: v === 0 ? 'ageing none' : `ageing ${Number(v)}` }) },
  { from: 'limit', text: 'maxaddr', when: nonzero },
  { from: 'udp_csum', text: 'udpcsum', as: 'noflag' },
  { from: 'udp_zero_csum6_tx', text: 'udp6zerocsumtx', as: 'noflag' },
  { from: 'udp_zero_csum6_rx', text: 'udp6zerocsumrx', as: 'noflag' },
  { from: 'remcsum_tx', text: 'remcsumtx', as: 'flag', when: nonzero },
  { from: 'remcsum_rx', text: 'remcsumrx', as: 'flag', when: nonzero },
  { from: 'gbp', as: 'flag', when: nonzero },
  { from: 'gpe', as: 'flag', when: nonzero },
];

/** MACVLAN_MODE_* as ip names them. */
const MACVLAN_MODES: Record<number, string> = { 1: 'private', 2: 'vepa', 4: 'bridge', 8: 'passthru', 16: 'source' };

/**
 * macvlan and macvtap: `macvlan mode bridge bcqueuelen 1000 usedbcqueuelen 1000`; in source mode
 * also `remotes (N) MAC...` and, in JSON, `macaddr_count` and the `macaddr_data` array.
 */
export const macvlanFields: readonly Field[] = [
  { from: 'mode', as: (v) => { const s = MACVLAN_MODES[Number(v)] ?? 'unknown'; return { json: s, text: `mode ${s}` }; } },
  { from: (d) => Number(d.flags ?? 0) & 1, json: 'nopromisc', as: 'flag', when: nonzero },
  { from: (d) => Number(d.flags ?? 0) & 2, json: 'nodst', as: 'flag', when: nonzero },
  { from: 'bc_queue_len', json: 'bcqueuelen' },
  { from: 'bc_queue_len_used', json: 'usedbcqueuelen' },
  {
    from: (d) => (d.mode === 16 ? d.macaddr_count : undefined), json: 'macaddr_count',
    as: (v) => ({ json: Number(v), text: `remotes (${Number(v)})` }),
  },
  {
    from: (d) => (d.mode === 16 ? (d.macaddr_data as { macaddr?: string[] } | undefined)?.macaddr : undefined), json: 'macaddr_data',
    as: (v) => ({ json: v as string[], text: (v as string[]).join(' ') || undefined }),
  },
];

const multiQueue = (_v: unknown, d: KindData): boolean => Boolean(d.multi_queue);

/** tun/tap: `tun type tap pi off vnet_hdr off persist on [user NAME] [group NAME]`. */
export const tunFields: readonly Field[] = [
  { from: 'type', as: { 1: 'tun', 2: 'tap' } },
  { from: 'pi', as: 'onoff' },
  { from: 'vnet_hdr', as: 'onoff' },
  { from: 'multi_queue', as: (v) => ({ json: Boolean(v), text: v ? 'multi_queue' : undefined }) },
  { from: 'num_queues', json: 'numqueues', when: multiQueue },
  { from: 'num_disabled_queues', json: 'numdisabled', when: multiQueue },
  { from: 'persist', as: 'onoff' },
  { from: 'owner', json: 'user', as: (v, c) => { const n = c.user?.(Number(v)); return { json: n ?? Number(v), text: `user ${n ?? Number(v)}` }; } },
  { from: 'group', as: (v, c) => { const n = c.group?.(Number(v)); return { json: n ?? Number(v), text: `group ${n ?? Number(v)}` }; } },
];

/** Tables by IFLA_INFO_KIND. An empty table: ip prints the kind word and nothing else. */
export const KIND_FIELDS: Readonly<Record<string, readonly Field[]>> = {
  veth: [], ifb: [], dummy: [], bridge: bridgeFields, vxlan: vxlanFields, macvlan: macvlanFields, macvtap: macvlanFields, tun: tunFields,
};

/** Tables by IFLA_INFO_SLAVE_KIND. */
export const SLAVE_KIND_FIELDS: Readonly<Record<string, readonly Field[]>> = { bridge: bridgePortFields };
