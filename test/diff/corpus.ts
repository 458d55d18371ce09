/**
 * The differential corpus: ip command lines grown from ip's man pages (ip-link(8), ip-address(8),
 * ip-route(8), ip-neighbour(8), ip-netns(8), ip-monitor(8): their synopses and EXAMPLES) and from
 * issue 13's list of what real scripts hit. Each group starts from fresh scratch namespaces built
 * by its setup (run by ip on both sides); lines run in order. Device MACs are fixed and IPv6
 * address generation is off, so both sides' namespaces are identical.
 */

import type { Group, Line } from './harness.js';

const VETH = [
  'link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02',
  'link set v0 addrgenmode none', 'link set v1 addrgenmode none',
  'link set v0 up', 'link set v1 up',
];
const ADDRS = [
  'address add 10.0.0.1/24 dev v0', 'address add 2001:db8:1::1/64 dev v0 nodad',
  'address add 10.0.0.2/24 dev v1', 'address add 2001:db8:1::2/64 dev v1 nodad',
];
const BASE = [...VETH, ...ADDRS];
const V2 = [
  'link add v2 address 02:00:00:00:00:03 type veth peer name v3 address 02:00:00:00:00:04',
  'link set v2 addrgenmode none', 'link set v3 addrgenmode none', 'link set v2 up', 'link set v3 up',
  'address add 172.16.103.1/24 dev v2', 'address add 2001:db8:101::1/64 dev v2 nodad',
];

/** Each show line in its plain, JSON, pretty JSON, details, oneline and brief forms. */
function views(line: string, forms = ['', '-j ', '-j -p ', '-d ', '-o ', '-br ']): string[] {
  return forms.map((f) => f + line);
}

export const CORPUS: readonly Group[] = [
  {
    name: 'global options, objects and help',
    setup: [],
    lines: [
      'help', '-help', '-h', 'link help', 'address help', 'route help', 'neigh help', 'neighbour help', 'netns help',
      'monitor help', 'link help vxlan', 'link help veth', 'link help bridge', 'link help macvlan', 'link help nosuchkind',
      'foo', 'lin foo', 'address foo', 'route foo', 'neigh foo', 'netns foo', 'monitor foo', '-foo link', '-family foo link',
      '-4', 'link add type vxlan help', 'link add type veth help', 'link add type bridge help', 'route get', 'neigh get',
      'l', 'a', 'r', 'n', '-o l', '-4 a', '-6 a', '-0 a', '-f inet a', '-family inet6 a', '-br l', '-br a', '-j l', '-j a',
      '-j r', '-j n', '-s l', '-s -s l', '-d l', '-details link', '-oneline link', '-brief link', '-json link',
      '-stats link', '-statistics link', '-V', '-Version', '-N route', '-Numeric route', '-N -j route', '-N neigh', '-N -4 route',
    ],
  },
  {
    name: 'link show',
    settleMs: 1200,
    setup: [...BASE, 'link add br0 address 02:00:00:00:01:00 type bridge', 'link set v1 master br0', 'link set br0 up'],
    lines: [
      ...views('link show'), ...views('link show dev v0'), ...views('link show v1'), ...views('link show type veth'),
      ...views('link show type bridge'), ...views('link show master br0'),
      'link show up', 'link show dev nosuch', 'link show nosuch', 'link show master nosuch', 'link show group 0',
      'link show group default', 'link show nomaster', 'link show type bridge_slave', '-d link show dev v1',
      'link list', 'link lst', 'link ls', 'link sh', 'link show v0 v1', 'link show dev v0 up', 'link show lo',
      '-s link show dev lo', '-s -s link show dev lo', '-j -s link show dev lo', '-h -s link show dev lo', '-br -j link show up',
    ],
  },
  {
    name: 'link add, set, delete',
    setup: [...BASE],
    lines: [
      'link add br0 address 02:00:00:00:01:00 type bridge', 'link show br0',
      'link set v0 master br0', 'link show v0', 'link set v0 nomaster', 'link set v0 master nosuch',
      'link set dev nosuch up', 'link set nosuch mtu 1400', 'link set dev v0 mtu 1400', 'link show v0',
      'link set dev v0 mtu 70000', 'link set dev v0 mtu foo', 'link set dev v0 txqueuelen 500', 'link set dev v0 txqlen 600',
      'link set dev v0 qlen 700', 'link set dev v0 alias uplink', 'link show v0', 'link set dev v0 alias ""',
      'link set dev v0 address 02:00:00:00:00:11', 'link set dev v0 address zz', 'link set dev v0 broadcast ff:ff:ff:ff:ff:fe',
      'link set dev v0 promisc on', 'link set dev v0 promisc off', 'link set dev v0 promisc maybe',
      'link set dev v0 allmulticast on', 'link set dev v0 multicast off', 'link set dev v0 arp off', 'link show v0',
      'link set dev v0 arp on', 'link set dev v0 down', 'link set dev v0 up', 'link set v0 name w0', 'link show w0',
      'link set w0 name v0', 'link set dev v0 carrier off', 'link set dev v0 carrier on', 'link set dev v0 carrier foo',
      'link set dev v0 group 5', 'link show group 5', 'link set dev v0 group 0', 'link set v0', 'link set dev v0 dev v1',
      'link set v0 netns nosuchns', 'link set v0 netns 999999',
      'link add v4 address 02:00:00:00:04:04 type veth peer name v5 address 02:00:00:00:04:05', 'link del v4', 'link show v5',
      'link add v4 type veth peer name v5', 'link del dev v4', 'link add v4 type veth peer name v5', 'link del name v4', 'link del nosuch', 'link del dev nosuch',
      'link del name nosuch', 'link del', 'link add v0 type veth', 'link add type veth', 'link add v6', 'link add v6 type nosuchkind',
      'link add v6 mtu 1300 txqueuelen 10 address 02:00:00:00:04:06 type veth peer name v7 mtu 1200 address 02:00:00:00:04:07', 'link show v6', 'link show v7',
      'link add link nosuch name mv0 type macvlan', 'link add mv0 link v0 address 02:00:00:00:04:08 type macvlan mode bridge', 'link show mv0',
      'link add v8 master nosuch type veth peer name v9', 'link add dev v8 address 02:00:00:00:04:09 type veth peer v9 address 02:00:00:00:04:0a', 'link show v9',
      'link delete v8', 'link add v10 index 50 address 02:00:00:00:04:0b type veth peer name v11 address 02:00:00:00:04:0c', 'link show v10', 'link del v10',
    ],
  },
  {
    name: 'link set type KIND: only what was named',
    setup: [...BASE, 'link add vx0 address 02:00:00:00:02:00 type vxlan id 42 dstport 4789',
      'link add br0 address 02:00:00:00:01:00 type bridge', 'link add mv0 address 02:00:00:00:03:00 link v0 type macvlan mode bridge'],
    lines: [
      'link set dev vx0 type vxlan ttl 64', '-d link show vx0', 'link set dev vx0 type vxlan id 42 ttl 32', '-d link show vx0',
      'link set dev vx0 type vxlan vni 43', 'link set dev vx0 type vxlan id 43', 'link set dev vx0 type vxlan vni 42 tos 8',
      '-d link show vx0', 'link set dev vx0 type vxlan ageing 120', 'link set dev vx0 type vxlan nolearning',
      'link set dev vx0 type vxlan learning', '-d -j link show vx0', 'link set dev vx0 type vxlan dstport 4790',
      'link set dev vx0 type vxlan ttl auto', 'link set vx0 type vxlan remote 10.0.0.9', '-d link show vx0',
      'link set dev br0 type bridge stp_state 1', 'link set dev br0 type bridge forward_delay 500',
      'link set dev br0 type bridge ageing_time 1000', 'link set dev br0 type bridge vlan_filtering 1',
      '-d link show br0', 'link set dev br0 type bridge hello_time 300 max_age 2500', '-d -j link show br0',
      'link set dev mv0 type macvlan mode private', '-d link show mv0', 'link set dev mv0 type macvlan mode vepa',
      'link set dev mv0 type macvlan mode nosuch', '-d link show mv0', 'link set dev v0 type veth',
      'link set dev v0 type veth peer name zz', 'link add vx1 type vxlan dstport 4789', 'link add vx1 address 02:00:00:00:02:01 type vxlan vni 7 dstport 4789',
      '-d link show vx1', 'link add vx2 type vxlan id 8 dstport 4789 dev nosuch', 'link add vx2 address 02:00:00:00:02:02 type vxlan id 8 dev v0 group 239.1.1.1 dstport 0',
      '-d link show vx2',
    ],
  },
  {
    name: 'altnames',
    setup: [...BASE],
    lines: [
      'link property add dev v0 altname uplink0', 'link show v0', '-j link show v0', 'link show uplink0',
      'link property add dev v0 altname second altname third', 'link show dev v0', '-o link show v0',
      'link set uplink0 mtu 1300', 'link show v0', 'address show dev uplink0', 'link property del dev v0 altname second',
      'link show v0', 'link property del dev v0 altname nosuch', 'link property add dev nosuch altname a1',
      'link property add dev v0', 'link property add v0 altname x1', 'link property', 'link property foo dev v0 altname y',
      'link prop add dev v0 altname short1', '-br link show v0', 'link property del dev v0 altname uplink0 altname third',
      'link show v0',
    ],
  },
  {
    name: 'address',
    setup: [...VETH],
    lines: [
      'address add 10.0.0.1/24 dev v0', 'address add 10.0.0.1/24 dev v0', 'address add 10.0.0.5/24 brd + dev v0 label v0:1',
      'address add 10.0.0.6/24 broadcast 10.0.0.255 dev v0', 'address add 10.0.1.1 peer 10.0.1.2/32 dev v0',
      'address add 10.0.2.1/24 dev v0 scope link', 'address add 10.0.3.1/24 dev v0 valid_lft 300 preferred_lft 100',
      'address add 2001:db8:1::1/64 dev v0 nodad', 'address add 2001:db8:2::1/64 dev v0 nodad noprefixroute',
      'address add 2001:db8:3::1/64 dev v0 nodad home', 'address add 10.0.4.1/24 dev v0 metric 50', 'address add 10.0.6.1/24 dev nosuch', 'address add dev v0',
      ...views('address show'), ...views('address show dev v0'), '-4 address show', '-6 address show', '-4 -j address show',
      'address show dev v0 scope global', 'address show dev v0 scope link', 'address show label v0:1', 'address show to 10.0.0.0/24',
      'address show dev v0 primary', 'address show dev v0 secondary', 'address show dev v0 permanent', 'address show dev v0 dynamic',
      'address show up', 'address show dev nosuch', 'address show type veth', 'address show nomaster', 'address show master nosuch',
      'address list', 'address lst', 'addr', 'a s', 'address show dev v0 -4', 'address change 10.0.3.1/24 dev v0 valid_lft 200 preferred_lft 50',
      'address replace 10.0.0.7/24 dev v0', 'address del 10.0.0.7/24 dev v0', 'address del 10.0.0.7/24 dev v0',
      'address del 10.0.0.5/24 dev v0', 'address delete 2001:db8:3::1/64 dev v0', 'address show dev v0',
      'address flush dev v0 scope link', 'address flush dev v0 label v0:1', '-6 address flush dev v0', 'address show dev v0',
      'address flush dev v0', 'address show dev v0', 'address flush dev nosuch', 'address add 10.0.0.300/24 dev v0',
      'address add 10.0.0.1/33 dev v0', 'address add 2001:db8::1/129 dev v0',
    ],
  },
  {
    name: 'route',
    setup: [...BASE, ...V2],
    lines: [
      'route add 192.0.2.0/24 via 10.0.0.2', 'route add 198.51.100.0/24 dev v0', 'route add 203.0.113.0/24 via 10.0.0.2 metric 50',
      'route add 203.0.113.0/24 via 10.0.0.2 metric 50', 'route add default via 10.0.0.254', 'route add 10.10.0.0/16 via 10.0.0.2 src 10.0.0.1',
      'route add 10.11.0.0/16 via 10.0.0.2 proto static', 'route add 10.12.0.0/16 via 10.0.0.2 table 100',
      'route add blackhole 10.13.0.0/16', 'route add unreachable 10.14.0.0/16', 'route add prohibit 10.15.0.0/16',
      'route add throw 10.16.0.0/16', 'route add local 10.17.0.1 dev v0', 'route add 10.18.0.0/16 via 10.0.0.2 mtu 1300 advmss 1200',
      'route add 10.19.0.0/16 via 10.0.0.2 mtu lock 1300', 'route add 10.20.0.0/16 via 10.0.0.2 congctl cubic',
      'route add 10.21.0.0/16 via 10.0.0.2 congctl lock cubic', 'route add 10.22.0.0/16 via 10.0.0.2 window 1000 rtt 100 initcwnd 10',
      'route add 10.23.0.0/16 via 10.0.0.2 scope global onlink', 'route add 10.24.0.0/16 dev nosuch', 'route add 10.25.0.0/16 via 10.99.0.1',
      'route add 10.26.0.0/16 nexthop via 10.0.0.2 weight 1 nexthop via 172.16.103.2 weight 2',
      'route add 172.16.104.0/24 nexthop via inet6 2001:db8:101::2 dev v2 nexthop via 10.0.0.2 dev v0',
      'route add 172.16.105.0/24 via inet6 2001:db8:1::2 dev v0',
      ...views('route show', ['', '-j ', '-d ', '-o ', '-N ']), ...views('route show table 100', ['', '-j ']),
      'route show 172.16.104.0/24', '-j route show 172.16.104.0/24', '-j -p route show 172.16.104.0/24', 'route show 172.16.105.0/24',
      '-j route show 172.16.105.0/24', 'route show 10.20.0.0/16', 'route show 10.21.0.0/16', '-j route show 10.21.0.0/16',
      'route show 10.19.0.0/16', 'route show 10.18.0.0/16', 'route show 10.22.0.0/16', '-j route show 10.22.0.0/16',
      'route show table all', 'route show table local', 'route show table main', 'route show table nosuch', 'route show proto static',
      'route show proto kernel', 'route show scope link', 'route show type blackhole', 'route show type unicast', 'route show dev v0',
      'route show dev nosuch', 'route show via 10.0.0.2', 'route show root 10.0.0.0/8', 'route show match 10.26.1.1', 'route show exact 10.26.0.0/16',
      'route show default', 'route show 192.0.2.0/24', 'route list', 'route lst', 'route show cache', '-4 route show cache', '-6 route show cache',
      'route get 192.0.2.1', '-j route get 192.0.2.1', 'route get 10.0.0.2', 'route get 10.0.0.2 from 10.0.0.1', 'route get 192.0.2.1 oif v0',
      'route get 192.0.2.1 oif nosuch', 'route get 192.0.2.1 iif nosuch', 'route get 10.13.0.1', 'route get 10.14.0.1', 'route get fibmatch 192.0.2.1',
      'route get 192.0.2.1 mark 5', 'route get 192.0.2.1 uid 1000', 'route get 192.0.2.1 ipproto tcp dport 80 sport 1000',
      'route get 2001:db8:1::2', '-6 route get 2001:db8:1::2', 'route get to 192.0.2.1', 'route get 192.0.2.1 connected',
      'route change 192.0.2.0/24 via 10.0.0.2 metric 0 mtu 1400', 'route show 192.0.2.0/24', 'route replace 192.0.2.0/24 dev v0',
      'route show 192.0.2.0/24', 'route append 203.0.113.0/24 via 172.16.103.2 metric 50', 'route prepend 203.0.113.0/24 via 10.0.0.3 metric 50',
      'route show 203.0.113.0/24', 'route del 203.0.113.0/24 via 10.0.0.3 metric 50', 'route del 203.0.113.0/24',
      'route del 10.99.0.0/16', 'route delete 192.0.2.0/24', 'route del 10.12.0.0/16 table 100', 'route flush table 100',
      'route flush 10.13.0.0/16', 'route flush proto static', 'route flush dev nosuch', 'route show',
      '-6 route add 2001:db8:9::/64 via 2001:db8:1::2', '-6 route add 2001:db8:a::/64 via 2001:db8:1::2 expires 300',
      '-6 route show 2001:db8:a::/64', '-6 -j route show 2001:db8:a::/64', '-6 route show', '-6 -j route show',
      '-6 route add 2001:db8:b::/64 dev v0 metric 10 pref high', '-6 route show 2001:db8:b::/64', '-6 route add 2001:db8:c::/64 via fe80::1 dev v0',
      '-6 route add 2001:db8:d::/64 nexthop via 2001:db8:1::2 dev v0 nexthop via 2001:db8:101::2 dev v2', '-6 route show 2001:db8:d::/64',
      '-6 -j route show 2001:db8:d::/64', '-6 route add 2001:db8:e::/64 via 2001:db8:1::2 congctl lock reno', '-6 route show 2001:db8:e::/64',
      '-6 route del 2001:db8:a::/64', '-6 route flush 2001:db8:9::/64', '-6 route show table local', '-6 route get 2001:db8:9::1',
      '-6 -j route get 2001:db8:9::1', 'route add 10.30.0.0/16 via 10.0.0.2 expires 300', '-6 route add 2001:db8:f::/64 dev v0 expires 0',
      'route add 10.31.0.0/16 via 10.0.0.2 congctl', 'route add 10.31.0.0/16 via 10.0.0.2 congctl lock',
    ],
  },
  {
    name: 'neighbour',
    unordered: true,
    setup: [...BASE],
    lines: [
      'neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v0', 'neigh add 10.0.0.10 lladdr 02:00:00:00:00:0a dev v0 nud perm',
      // REACHABLE decays to STALE after 15-45 s, and the two sides run at their own pace: shown and gone at once.
      'neigh add 10.0.0.11 lladdr 02:00:00:00:00:0b dev v0 nud reach', 'neigh show 10.0.0.11', 'neigh del 10.0.0.11 dev v0',
      'neigh add 10.0.0.12 lladdr 02:00:00:00:00:0c dev v0 nud stale',
      'neigh add 10.0.0.13 dev v0 nud fail', 'neigh add 10.0.0.14 lladdr 02:00:00:00:00:0e dev v0 nud noarp',
      'neigh add 10.0.0.15 lladdr 02:00:00:00:00:0f dev v0 nud permanent router', 'neigh add 10.0.0.16 lladdr 02:00:00:00:00:10 dev v0 nud p',
      'neigh add 10.0.0.17 lladdr 02:00:00:00:00:11 dev v0 nud none', 'neigh add 10.0.0.18 lladdr 02:00:00:00:00:12 dev v0 nud incomplete',
      'neigh add 10.0.0.19 lladdr 02:00:00:00:00:13 dev v0 nud bogus', 'neigh add 2001:db8:1::9 lladdr 02:00:00:00:00:19 dev v0',
      'neigh add 2001:db8:1::10 lladdr 02:00:00:00:00:1a dev v0 router nud perm', 'neigh add proxy 10.0.0.50 dev v0',
      'neigh add 10.0.0.20 lladdr 02:00:00:00:00:14 dev nosuch', 'neigh add 10.0.0.20 lladdr 02:00:00:00:00:14',
      'neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v0', 'neigh add 10.0.0.21 lladdr 02:00:00:00:00:15 dev v0 protocol static',
      ...views('neigh show', ['', '-j ', '-j -p ', '-4 ', '-6 ']), 'neigh show dev v0', 'neigh show dev nosuch', 'neigh show nud permanent',
      'neigh show nud perm', 'neigh show nud stale', 'neigh show nud reach', 'neigh show nud fail', 'neigh show nud all',
      'neigh show nud noarp', 'neigh show to 10.0.0.0/28', 'neigh show 10.0.0.9', 'neigh show proxy', '-j neigh show proxy',
      'neigh show router', 'neigh get 10.0.0.9 dev v0', '-j neigh get 10.0.0.9 dev v0', 'neigh get 10.0.0.99 dev v0',
      'neigh get 10.0.0.9', 'neigh get proxy 10.0.0.50 dev v0', 'neigh change 10.0.0.9 lladdr 02:00:00:00:00:99 dev v0',
      'neigh replace 10.0.0.30 lladdr 02:00:00:00:00:30 dev v0 nud reachable', 'neigh show 10.0.0.30', 'neigh del 10.0.0.30 dev v0',
      'neigh show 10.0.0.9', 'neigh del 10.0.0.9 dev v0',
      'neigh del 10.0.0.9 dev v0', 'neigh del proxy 10.0.0.50 dev v0', 'neigh flush dev v0 nud stale', 'neigh show',
      'neigh flush dev v0', 'neigh flush nud perm', 'neigh show', 'neigh flush all', 'neighbour', 'neighbor show', 'n s', 'neigh list',
    ],
  },
  {
    // ip's iplink_parse(): a stray word is the device (duparg2 "dev" when one is named), `name` and
    // a bare word must agree on a create, once-only options (duparg), each kind's own complaint.
    name: 'trailing and garbage words: link',
    setup: [...BASE, 'link add br0 address 02:00:00:00:01:00 type bridge'],
    lines: [
      'link show dev v0 foo', 'link show v0 foo', 'link show up foo', 'link show type veth foo', 'link show group 0 foo',
      'link show master br0 extra', 'link show dev v0 dev v1', 'link show foo', 'link show dev', 'link show group', 'link show help',
      'link set v0 up foo', 'link set dev v0 up foo', 'link set dev v0 mtu 1400 extra words', 'link set v0 v1', 'link set dev v0 foo bar',
      'link set dev v0 name', 'link set v0 mtu 1400 mtu 1500', 'link set v0 group 1 group 2', 'link set name v0 mtu 1400',
      'link set v0 name v0', 'link set v0 mtu', 'link set help', 'link set v0 type veth peer',
      'link set dev v0 type veth peer name v1', 'link set dev br0 type bridge foo', 'link set dev br0 type bridge stp_state 1 foo',
      'link set dev br0 type bridge foo 5',
      'link del v0 foo', 'link del dev v0 foo', 'link delete v0 v1', 'link del help',
      'link add v4 type veth peer name v5 foo', 'link add v4 type veth foo', 'link add v4 type veth foo 5', 'link add v4 foo type veth',
      'link add name v4 v5 type veth', 'link add name v4 name v5 type veth', 'link add v4 mtu 1400 mtu 1500 type veth',
      'link add v4 txqlen 5 qlen 6 type veth', 'link add v4 type veth peer name v5 name v6', 'link add v4 type veth peer v5 v6',
      'link add v4 address 02:00:00:00:04:04 type veth peer name v5 dev v5 address 02:00:00:00:04:05', 'link show v5', 'link del v4',
      'link add dev v4 name v4 address 02:00:00:00:04:04 type veth peer name v5 address 02:00:00:00:04:05', 'link show v4', 'link del v4',
      'link add v4 type veth peer', 'link add br1 type bridge foo', 'link add br1 type bridge stp_state 1 foo', 'link add br1 type bridge foo 5',
      'link add br2 type bridge stp_state 1 learning', 'link add vx9 type vxlan id 5 dstport 4789 foo', 'link add vx1 type vxlan id 5 foo 5',
      'link add mv9 link v0 type macvlan mode bridge foo', 'link add mv1 link v0 type macvlan foo 5', 'link add help', 'link add br2 type bridge help',
      'link property add dev v0 altname x1 foo', 'link property add dev v0 altname x2 altname', 'link property del dev v0 altname x1 foo',
      'link property add dev v0 foo altname x3', 'link help foo', 'link help veth foo', 'link foo bar',
      'link afstats', 'link afstats dev v0', 'link afstats dev nosuch', 'link afstats foo', 'link afstats dev v0 dev v1', 'link afstats help', 'link af',
    ],
  },
  {
    name: 'monitor file (an rtmon recording)',
    setup: [...VETH],
    lines: ['monitor file $F', 'monitor all file $F', 'monitor link file $F', 'monitor address route file $F', '-o monitor file $F',
      'monitor file', 'monitor file /nonexistent/rtmon', 'monitor f $F', '-j monitor file $F'],
  },
  {
    name: 'words ip 6.1 does not know',
    setup: [...VETH],
    lines: ['address add 10.0.5.1/24 dev v0 proto 99', 'address show dev v0'],
  },
  {
    name: 'netns',
    setup: [],
    lines: [
      'netns add $X', 'netns add $X', 'netns pids $X', 'netns identify', 'netns identify abc', '-n $NS netns set $X 7', '-n $NS netns set $X auto',
      '-n $NS netns set $X foo', '-n $NS netns set nosuch 5', 'netns add', 'netns attach', 'netns pids', 'netns pids nosuch',
      'netns del $X (id: 0)', 'netns del $X', 'netns add $X', 'netns delete $X extra words', 'netns del nosuch', 'netns del',
      { line: 'netns exec $NS true', spawn: true }, { line: "netns exec $NS sh -c 'exit 3'", spawn: true },
      { line: 'netns exec nosuch true', spawn: true }, { line: 'netns exec $NS nosuchprogram', spawn: true },
      'netns exec', 'netns exec $NS',
    ],
  },
];

/** The number of lines in the corpus. */
export function corpusSize(groups: readonly Group[] = CORPUS): number {
  return groups.reduce((n, g) => n + g.lines.length, 0);
}

export type { Line };
