// nlctl -d against ip -d for every link kind this kernel has: each kind made with ip in a
// scratch namespace, then linkinfo (info_kind, info_data, info_slave_kind, info_slave_data)
// compared key by key and value by value, and the text kind line word for word.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { kernelSkipReason, scratchNs, ip, ipJson } from '../helpers/scratch.js';

import { CLI } from '../helpers/cli.js';
const skip = kernelSkipReason();

function nlctl(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Builds one namespace holding every kind, with non-default settings where ip prints them differently. */
function build(ns: string): void {
  const n = ['-n', ns];
  ip(...n, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
  ip(...n, 'link', 'add', 'br0', 'type', 'bridge', 'forward_delay', '400', 'group_fwd_mask', '0x4000');
  ip(...n, 'link', 'set', 'v1', 'master', 'br0');
  ip(...n, 'link', 'set', 'v1', 'type', 'bridge_slave', 'group_fwd_mask', '0x4008', 'hairpin', 'on', 'cost', '7');
  ip(...n, 'link', 'add', 'vx0', 'type', 'vxlan', 'id', '42', 'remote', '10.0.0.2', 'local', '10.0.0.1', 'dev', 'v0', 'dstport', '4789', 'ttl', '5');
  ip(...n, 'link', 'add', 'vx1', 'type', 'vxlan', 'id', '7', 'group', '239.1.1.1', 'dev', 'v0', 'nolearning', 'ttl', 'inherit',
    'tos', 'inherit', 'dstport', '0', 'df', 'set', 'l2miss', 'l3miss', 'proxy', 'noudpcsum', 'maxaddress', '5', 'ageing', '0');
  ip(...n, 'link', 'add', 'vx2', 'type', 'vxlan', 'id', '8', 'remote', '2001:db8::2', 'local', '2001:db8::1', 'srcport', '100', '200',
    'dstport', '4790', 'udp6zerocsumtx', 'udp6zerocsumrx', 'flowlabel', '5');
  ip(...n, 'link', 'add', 'vx3', 'type', 'vxlan', 'external', 'vnifilter', 'dstport', '4791');
  ip(...n, 'link', 'add', 'vx4', 'type', 'vxlan', 'id', '9', 'gbp', 'remcsumtx', 'remcsumrx', 'dstport', '4792', 'tos', '0x10');
  ip(...n, 'link', 'add', 'mv0', 'link', 'v0', 'type', 'macvlan', 'mode', 'bridge');
  ip(...n, 'link', 'add', 'mt0', 'link', 'v0', 'type', 'macvtap', 'mode', 'vepa');
  ip(...n, 'link', 'add', 'ifb0', 'type', 'ifb');
  ip(...n, 'link', 'add', 'mvp', 'link', 'ifb0', 'type', 'macvlan', 'mode', 'passthru', 'nopromisc');
  ip(...n, 'link', 'add', 'mvs', 'link', 'v0', 'type', 'macvlan', 'mode', 'private');
  ip(...n, 'tuntap', 'add', 'tun0', 'mode', 'tun');
  ip(...n, 'tuntap', 'add', 'tap0', 'mode', 'tap', 'user', '0', 'group', '0', 'multi_queue', 'pi', 'vnet_hdr');
}

const NAMES = ['v0', 'v1', 'br0', 'vx0', 'vx1', 'vx2', 'vx3', 'vx4', 'mv0', 'mt0', 'ifb0', 'mvp', 'mvs', 'tun0', 'tap0'];

t.test('-j -d linkinfo has ip\'s keys, types and values for every kind', { skip }, async (t) => {
  const ns = scratchNs(t, 'det');
  build(ns);
  const theirs = ipJson<any[]>('-d', '-n', ns, 'link', 'show');
  const r = nlctl(['-j', '-d', '-n', ns, 'link', 'show']);
  t.equal(r.code, 0, r.err);
  const ours = JSON.parse(r.out) as any[];
  for (const name of NAMES) {
    const a = ours.find((l) => l.ifname === name);
    const b = theirs.find((l) => l.ifname === name);
    t.ok(b?.linkinfo, `ip shows linkinfo for ${name}`);
    t.same(Object.keys(a?.linkinfo ?? {}), Object.keys(b.linkinfo), `${name}: linkinfo keys`);
    for (const part of ['info_data', 'info_slave_data']) {
      if (!b.linkinfo[part]) continue;
      t.same(Object.keys(a.linkinfo[part] ?? {}).sort(), Object.keys(b.linkinfo[part]).sort(), `${name}: ${part} key set`);
      for (const [k, v] of Object.entries(b.linkinfo[part])) {
        t.equal(typeof a.linkinfo[part][k], typeof v, `${name}: ${part}.${k} type`);
        t.same(a.linkinfo[part][k], v, `${name}: ${part}.${k} value`);
      }
    }
    t.equal(a.linkinfo.info_kind, b.linkinfo.info_kind, `${name}: info_kind`);
    t.equal(a.inet6_addr_gen_mode, b.inet6_addr_gen_mode, `${name}: inet6_addr_gen_mode`);
  }
  // The whole -d JSON, every link: same keys in the same order and same values.
  t.same(ours, theirs, 'whole -j -d link show');
  const pretty = nlctl(['-j', '-p', '-d', '-n', ns, 'link', 'show', 'br0']);
  t.equal(pretty.out, ip('-j', '-p', '-d', '-n', ns, 'link', 'show', 'br0'), '-j -p -d bridge byte for byte (timers as 0.00)');
});

t.test('-d text prints ip\'s kind lines', { skip }, async (t) => {
  const ns = scratchNs(t, 'dtx');
  build(ns);
  for (const name of NAMES) {
    const r = nlctl(['-d', '-n', ns, 'link', 'show', name]);
    t.equal(r.code, 0, r.err);
    t.equal(r.out, ip('-d', '-n', ns, 'link', 'show', name), `-d link show ${name}`);
  }
  const vx = nlctl(['-d', '-n', ns, 'link', 'show', 'vx0']).out;
  t.match(vx, /\n {4}vxlan id 42 remote 10\.0\.0\.2 local 10\.0\.0\.1 dev v0 srcport 0 0 dstport 4789 ttl 5 /);
  t.match(nlctl(['-d', '-n', ns, 'link', 'show', 'br0']).out, /\n {4}bridge forward_delay 400 hello_time 200 /);
});

// A source-mode macvlan's allowed MACs (IFLA_MACVLAN_MACADDR_DATA): `remotes (2) MAC MAC` in text,
// macaddr_count and the macaddr_data array in JSON, as ip prints them.
t.test('macvlan source mode: the remote MACs', { skip }, async (t) => {
  const ns = scratchNs(t, 'dsrc');
  ip('-n', ns, 'link', 'add', 'd0', 'type', 'ifb');
  ip('-n', ns, 'link', 'add', 'ms', 'link', 'd0', 'type', 'macvlan', 'mode', 'source');
  ip('-n', ns, 'link', 'set', 'ms', 'type', 'macvlan', 'macaddr', 'add', '00:11:22:33:44:55');
  ip('-n', ns, 'link', 'set', 'ms', 'type', 'macvlan', 'macaddr', 'add', '00:11:22:33:44:66');
  const b = ipJson<any[]>('-d', '-n', ns, 'link', 'show', 'ms')[0].linkinfo.info_data;
  const a = JSON.parse(nlctl(['-j', '-d', '-n', ns, 'link', 'show', 'ms']).out)[0].linkinfo.info_data;
  t.same(b.macaddr_data, ['00:11:22:33:44:55', '00:11:22:33:44:66'], 'ip shows both');
  t.same(a, b, 'nlctl -j -d shows what ip -j -d shows');
  t.match(nlctl(['-d', '-n', ns, 'link', 'show', 'ms']).out, / remotes \(2\) 00:11:22:33:44:55 00:11:22:33:44:66 /);
});
