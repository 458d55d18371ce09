// Input checks of the namespace API that need no kernel: namespace names, sysctl keys, socket
// specs and sockaddr layouts. Each bad input is rejected with a UsageError before anything runs.
import t from 'tap';
import { UsageError } from '../../src/netlink/errors.js';
import { netnsPath, validateName } from '../../src/ns/ref.js';
import { sysctlPath } from '../../src/ns/sysctl.js';
import { socketArgs } from '../../src/ns/inet-socket.js';
import { sockaddrInet } from '../../src/netlink/sockaddr.js';

t.test('validateName rejects what ip netns rejects', async (t) => {
  const bad: [string, string][] = [
    ['', 'empty'], ['.', 'dot'], ['..', 'dot-dot'], ['a/b', 'slash'], ['/abs', 'leading slash'], ['a\0b', 'NUL'],
    ['x'.repeat(256), '256 bytes'], ['é'.repeat(128), '256 bytes of UTF-8 in 128 characters'],
  ];
  for (const [name, why] of bad) t.throws(() => validateName(name), UsageError, why);
  for (const good of ['a', 'nlt-1', '...', '.a', 'x'.repeat(255), 'with space', 'é'.repeat(127)]) {
    t.equal(validateName(good), good, `accepts ${JSON.stringify(good.slice(0, 12))} (${Buffer.byteLength(good)} bytes)`);
  }
});

t.test('netnsPath maps every reference kind', async (t) => {
  t.equal(netnsPath('blue'), '/run/netns/blue');
  t.equal(netnsPath({ name: 'blue' }), '/run/netns/blue');
  t.equal(netnsPath('/var/run/docker/netns/x'), '/var/run/docker/netns/x');
  t.throws(() => netnsPath({ path: 'rel' }), UsageError, 'a path must be absolute');
  t.equal(netnsPath({ pid: 42 }), '/proc/42/ns/net');
  t.equal(netnsPath({ fd: 7 }), '/proc/self/fd/7');
  t.throws(() => netnsPath({ name: '..' }), UsageError);
  t.throws(() => netnsPath({ pid: 0 }), UsageError);
  t.throws(() => netnsPath({ pid: 1.5 }), UsageError);
  t.throws(() => netnsPath({ fd: -1 }), UsageError);
});

t.test('sysctlPath keeps keys inside /proc/sys/net', async (t) => {
  t.equal(sysctlPath('net.ipv4.ip_forward'), '/proc/sys/net/ipv4/ip_forward');
  t.equal(sysctlPath('net.ipv6.conf.all.forwarding'), '/proc/sys/net/ipv6/conf/all/forwarding');
  t.equal(sysctlPath('net/ipv4/conf/eth0.100/forwarding'), '/proc/sys/net/ipv4/conf/eth0.100/forwarding', 'slash form keeps dots in names');
  t.equal(sysctlPath('/net/core/somaxconn'), '/proc/sys/net/core/somaxconn');
  const bad = [
    '', 'net', 'kernel.hostname', 'vm.swappiness', 'net..ipv4', 'net.ipv4.', 'net/../kernel/hostname', 'net/ipv4/../../kernel/x',
    'net/./ipv4/ip_forward', 'net//ipv4', 'net.ipv4.ip_forward\0', '../net/ipv4/ip_forward', 'netx.ipv4',
  ];
  for (const k of bad) t.throws(() => sysctlPath(k), UsageError, JSON.stringify(k));
});

t.test('socket specs and sockaddrs', async (t) => {
  t.same(socketArgs({ kind: 'tcp' }), [2, 1, 0]);
  t.same(socketArgs({ kind: 'udp6' }), [10, 2, 0]);
  t.same(socketArgs({ domain: 2, type: 2, protocol: 17 }), [2, 2, 17]);
  t.throws(() => socketArgs({ kind: 'sctp' as 'tcp' }), UsageError);
  t.throws(() => socketArgs({}), UsageError);
  // struct sockaddr_in: family (host order), port (network order), address, 8 bytes of zero.
  t.equal(sockaddrInet(2, '10.1.2.3', 8080).toString('hex'), '02001f900a010203' + '00'.repeat(8));
  t.equal(sockaddrInet(2, undefined).toString('hex'), '0200' + '00'.repeat(14));
  // struct sockaddr_in6: family, port, flowinfo, 16-byte address, scope id.
  t.equal(sockaddrInet(10, '::1', 53).toString('hex'), '0a000035' + '00000000' + '00'.repeat(15) + '01' + '00000000');
  t.throws(() => sockaddrInet(2, '::1'), UsageError);
  t.throws(() => sockaddrInet(10, '1.2.3.4'), UsageError);
  t.throws(() => sockaddrInet(2, '1.2.3.4', 65536), UsageError);
  t.throws(() => sockaddrInet(1, '1.2.3.4'), UsageError);
});
