// Bad addresses, prefixes, gateways, link-layer addresses and argument values: nlctl must print
// ip's exact stderr (blank line after invarg's "\n"-terminated texts included) and exit with
// ip's code; inputs ip reads in its own way (octal parts, netmasks, short forms, sscanf'd
// lladdr parts, any label) must make the same objects ip makes.
import t, { type Test } from 'tap';
import { kernelSkipReason, scratchNs, ip, ipJson } from '../helpers/scratch.js';
import { nlctl, ipRun } from '../helpers/cli-run.js';

const skip = kernelSkipReason();

function setup(t: Test, tag: string): string {
  const ns = scratchNs(t, tag);
  ip('-n', ns, 'link', 'add', 'e0', 'type', 'veth', 'peer', 'name', 'e1');
  ip('-n', ns, 'link', 'set', 'e0', 'up');
  ip('-n', ns, 'addr', 'add', '10.9.0.1/24', 'dev', 'e0');
  ip('-n', ns, 'addr', 'add', '2001:db8::1/64', 'dev', 'e0', 'nodad');
  return ns;
}

// Each fails before anything is sent (or is a lookup/read), so order does not matter.
const BAD: string[] = [
  'address add 10.9.0.300/24 dev e0', 'address add 10.9.0.3/33 dev e0', 'address add 10.9.0.3/abc dev e0',
  'address add foo dev e0', 'address add 10.9.0.3/ dev e0', 'address add /24 dev e0', 'address add 10.9.0.3/-1 dev e0',
  'address add 10.9.0.11/255.255.0.255 dev e0', 'address add 2001:db8::zz/64 dev e0', 'address add 2001:db8::2/129 dev e0',
  'address add 10.9.0.3/24 peer bogus dev e0', 'address add 10.9.0.3/24 peer 2001:db8::1 dev e0',
  'address add peer 2001:db8::1 10.9.0.12/24 dev e0', '-6 address add 10.9.0.12/24 dev e0',
  'address add 10.9.0.3/24 broadcast bogus dev e0', 'address add 10.9.0.3/24 broadcast 2001:db8::1 dev e0',
  'address add 10.9.0.3/24 anycast bogus dev e0', 'address add 10.9.0.4/24 peer 10.9.0.5 peer 10.9.0.6 dev e0',
  'address add 10.9.0.4/24 brd 10.9.0.255 brd 10.9.0.254 dev e0', 'address add 10.9.0.3/24 metric x dev e0',
  'address del 10.9.0.300/24 dev e0', 'address del foo dev e0', 'address del 10.9.0.77/24 dev e0', 'address show scope x',
  'route add 10.300.0.0/16 dev e0', 'route add 10.30.0.0/33 dev e0', 'route add foo dev e0', 'route add default/8 dev e0',
  'route add 10.30.0.0/16 via bogus', 'route add 10.30.0.0/16 via 10.9.0.300', 'route add 10.30.0.0/16 via inet6 bogus',
  'route add 10.30.0.0/16 dev e0 src bogus', 'route add 10.30.0.0/16 dev e0 src 2001:db8::1',
  'route add 10.30.0.0/16 nexthop via bogus', 'route add 10.1.0.0/16 via 10.9.0.2 via 10.9.0.3',
  'route add 10.1.0.0/16 nexthop via 10.9.0.2 weight 0', 'route add 10.1.0.0/16 nexthop via 10.9.0.2 foo',
  'route add 10.1.0.0/16 dev e0 metric x', 'route add 10.1.0.0/16 dev e0 tos 300', 'route add 10.1.0.0/16 dev e0 advmss x',
  'route add 10.1.0.0/16 dev e0 scope x', 'route add 10.1.0.0/16 dev e0 nhid x', 'route add 10.1.0.0/16 dev e0 expires x',
  'route del 10.300.0.0/16', 'route del 10.30.0.0/16 via bogus', 'route del 10.99.0.0/16',
  'route get 10.300.0.1', 'route get foo', 'route get 10.0.0.1 from bogus', 'route get 10.0.0.1 from 2001:db8::1',
  'route get 10.0.0.0/33', 'route get 10.1.0.1 mark x', 'route get 10.1.0.1 sport 70000', 'route get 10.1.0.1 ipproto x',
  'route get 10.1.0.1 uid x', 'route show 10.300.0.0/16', 'route show root foo', 'route show via bogus',
  'route show proto foo', 'route show scope foo', 'route show type foo', 'route show table foo',
  'neigh add 10.9.0.300 lladdr 02:00:00:00:00:01 dev e0', 'neigh add foo lladdr 02:00:00:00:00:01 dev e0',
  'neigh add 10.9.0.5/24 lladdr 02:00:00:00:00:01 dev e0', 'neigh add 10.9.0.5 lladdr zz:00 dev e0',
  'neigh add 10.9.0.5 lladdr :: dev e0', 'neigh add 10.9.0.5 lladdr 1.2.3.300 dev e0', 'neigh add proxy bogus dev e0',
  'neigh add 10.9.0.5 dev e0 protocol x', 'neigh add default lladdr 02:00:00:00:00:01 dev e0',
  'neigh del 10.9.0.300 dev e0', 'neigh del 2001:db8::zz dev e0', 'neigh del 10.9.0.77 dev e0',
  'neigh show 10.9.0.300', 'neigh show to foo',
];

t.test('bad inputs: same stderr, stdout and exit code as ip', { skip }, async (t) => {
  const ns = setup(t, 'cer');
  for (const line of BAD) {
    const args = ['-n', ns, ...line.split(' ')];
    const ours = nlctl(args);
    const theirs = ipRun(args);
    t.not(theirs.code, 0, `ip refuses ${line}`);
    t.same(ours, theirs, line);
  }
});

t.test('route get reads a prefix as ip does: warning, host route, default', { skip }, async (t) => {
  const ns = setup(t, 'ceg');
  for (const line of ['route get 10.9.0.7/24', 'route get 10.9.0.1/0', '-6 route get 2001:db8::1/64', 'route get default', '-4 route get any',
    '-6 route get default', 'route get 10.9.0.7 ipproto tcp', 'route get 10.9.0.7 ipproto 17 dport 53']) {
    const args = ['-n', ns, ...line.split(' ')];
    t.same(nlctl(args), ipRun(args), line);
  }
});

t.test('accepted the way ip accepts them: the same objects', { skip }, async (t) => {
  const ns = setup(t, 'cea');
  const a = ['-n', ns];
  for (const line of ['address add 010.9.0.9/0x18 dev e0', 'address add 10.9.0.10/255.255.255.0 dev e0', 'address add 10.9 dev e0',
    'address add 10.9.0.3/24 dev e0 label other', 'address add 2001:db8::3/64 dev e0 label e0:x nodad',
    'route add 10.77/16 dev e0', 'route add 10.78.0.0/255.255.0.0 via 10.9.0.2',
    'neigh add 10.9.0.20 lladdr 0x02:1:0g:00:00:01 dev e0', 'neigh add 10.9.0.21 lladdr 2:0:0:0:0:1:2:3:4 dev e0']) {
    const r = nlctl([...a, ...line.split(' ')]);
    t.same([r.code, r.err], [0, ''], line);
  }
  const addrs = ipJson(...a, 'addr', 'show', 'dev', 'e0')[0].addr_info.map((x: any) => `${x.local}/${x.prefixlen} ${x.label ?? ''}`.trim());
  for (const want of ['8.9.0.9/24 e0', '10.9.0.10/24 e0', '10.9.0.0/32 e0', '10.9.0.3/24 other', '2001:db8::3/64']) t.ok(addrs.includes(want), `ip sees ${want}`);
  const dsts = ipJson(...a, 'route', 'show').map((r: any) => r.dst);
  t.ok(dsts.includes('10.77.0.0/16') && dsts.includes('10.78.0.0/16'), 'short and netmask route prefixes');
  const ll = Object.fromEntries(ipJson(...a, 'neigh', 'show', 'dev', 'e0').map((n: any) => [n.dst, n.lladdr]));
  t.equal(ll['10.9.0.20'], '02:01:00:00:00:01', "lladdr parts read by sscanf('%x'), as ip");
  t.equal(ll['10.9.0.21'], '02:00:00:00:00:01', 'a longer lladdr is sent (the kernel keeps the device\'s 6 bytes), as by ip');
  // The same words given to ip make the same state (ip refuses as EEXIST what nlctl already made).
  for (const line of ['address add 010.9.0.9/0x18 dev e0', 'route add 10.77/16 dev e0', 'neigh add 10.9.0.20 lladdr 0x02:1:0g:00:00:01 dev e0']) {
    t.equal(ipRun([...a, ...line.split(' ')]).code, 2, `ip finds ${line} already there`);
  }
});
