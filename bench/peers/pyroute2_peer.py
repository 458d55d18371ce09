"""The pyroute2 side of nlctl's bench (Debian python3-pyroute2, run with /usr/bin/python3).

    w PREFIX N   W(N) as bench/peers/go/main.go does it: prints the setup time, waits for a line
                 on stdin (the orchestrator verifies), tears down, prints that time
    micro NS PAIRS   PAIRS address add+del pairs on lo in NS
    links NS         dumps every link of NS and prints the count
All work happens in the scratch namespaces the orchestrator names.
"""
import json
import sys
import time

from pyroute2 import NetNS, netns


def addr(i, end):
    return '10.%d.%d.%d' % (100 + i // 64, (i % 64) * 4, end)


def workload(prefix, n):
    t0 = time.perf_counter()
    netns.create(prefix + '-h')
    host = NetNS(prefix + '-h')
    for i in range(n):
        name = '%s-c%d' % (prefix, i)
        netns.create(name)
        h = 'h%d' % i
        host.link('add', ifname=h, kind='veth', peer={'ifname': 'eth0', 'net_ns_fd': name})
        idx = host.link_lookup(ifname=h)[0]
        host.addr('add', index=idx, address=addr(i, 1), prefixlen=30)
        host.link('set', index=idx, state='up')
        c = NetNS(name)
        eth0 = c.link_lookup(ifname='eth0')[0]
        c.addr('add', index=eth0, address=addr(i, 2), prefixlen=30)
        c.link('set', index=eth0, state='up')
        c.link('set', index=c.link_lookup(ifname='lo')[0], state='up')
        c.route('add', dst='0.0.0.0/0', gateway=addr(i, 1))
        c.close()
    print(json.dumps({'setup': (time.perf_counter() - t0) * 1000}), flush=True)
    sys.stdin.readline()
    t1 = time.perf_counter()
    for i in range(n):
        host.link('del', index=host.link_lookup(ifname='h%d' % i)[0])
        netns.remove('%s-c%d' % (prefix, i))
    host.close()
    netns.remove(prefix + '-h')
    print(json.dumps({'teardown': (time.perf_counter() - t1) * 1000}), flush=True)


def micro(name, pairs):
    ns = NetNS(name)
    lo = ns.link_lookup(ifname='lo')[0]
    ns.link('set', index=lo, state='up')
    t0 = time.perf_counter()
    for i in range(pairs):
        a = '10.1.%d.%d' % (i >> 8, i & 255)
        ns.addr('add', index=lo, address=a, prefixlen=32)
        ns.addr('del', index=lo, address=a, prefixlen=32)
    print(json.dumps({'us_per_op': (time.perf_counter() - t0) * 1e6 / (2 * pairs)}), flush=True)
    ns.close()


def main():
    mode = sys.argv[1]
    if mode == 'w':
        workload(sys.argv[2], int(sys.argv[3]))
    elif mode == 'micro':
        micro(sys.argv[2], int(sys.argv[3]))
    elif mode == 'links':
        ns = NetNS(sys.argv[2])
        print(json.dumps({'count': len(ns.get_links())}), flush=True)
        ns.close()
    else:
        sys.exit('unknown mode ' + mode)


if __name__ == '__main__':
    main()
