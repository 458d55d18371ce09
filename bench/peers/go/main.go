// The Go side of nlctl's bench: the same work done with vishvananda/netlink, the way its users
// write it. Modes (all in scratch namespaces the orchestrator names; never the root namespace):
//
//	w PREFIX N      W(N): host namespace PREFIX-h, containers PREFIX-c<i>; prints the setup time,
//	                waits for a line on stdin (the orchestrator verifies), tears down, prints that time
//	micro NS PAIRS  PAIRS address add+del pairs on lo in NS, awaited (Go is synchronous)
//	links NS        dumps every link of NS (LinkList) and prints the count
//	routes NS       dumps the IPv4 main table of NS (RouteList) and prints the count
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
)

func must(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "go peer: %s: %v\n", what, err)
		os.Exit(1)
	}
}


func addrOf(i, end int) *netlink.Addr {
	ip := net.IPv4(10, byte(100+i/64), byte((i%64)*4), byte(end)).To4()
	return &netlink.Addr{IPNet: &net.IPNet{IP: ip, Mask: net.CIDRMask(30, 32)}}
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func workload(prefix string, n int) {
	runtime.LockOSThread()
	orig, err := netns.Get()
	must(err, "netns.Get")
	t0 := time.Now()
	hostNs, err := netns.NewNamed(prefix + "-h")
	must(err, "NewNamed host")
	must(netns.Set(orig), "netns.Set home")
	host, err := netlink.NewHandleAt(hostNs)
	must(err, "NewHandleAt host")
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("%s-c%d", prefix, i)
		ns, err := netns.NewNamed(name)
		must(err, "NewNamed "+name)
		must(netns.Set(orig), "netns.Set home")
		veth := &netlink.Veth{LinkAttrs: netlink.LinkAttrs{Name: fmt.Sprintf("h%d", i)}, PeerName: "eth0", PeerNamespace: netlink.NsFd(int(ns))}
		must(host.LinkAdd(veth), "LinkAdd")
		must(host.AddrAdd(veth, addrOf(i, 1)), "AddrAdd host")
		must(host.LinkSetUp(veth), "LinkSetUp host")
		c, err := netlink.NewHandleAt(ns)
		must(err, "NewHandleAt "+name)
		eth0, err := c.LinkByName("eth0")
		must(err, "LinkByName eth0")
		must(c.AddrAdd(eth0, addrOf(i, 2)), "AddrAdd eth0")
		must(c.LinkSetUp(eth0), "LinkSetUp eth0")
		lo, err := c.LinkByName("lo")
		must(err, "LinkByName lo")
		must(c.LinkSetUp(lo), "LinkSetUp lo")
		must(c.RouteAdd(&netlink.Route{Gw: addrOf(i, 1).IP}), "RouteAdd default")
		c.Delete()
		ns.Close()
	}
	setup := time.Since(t0)
	// CPU of the whole process up to here, as nlctl's peer reports process.cpuUsage() from its start.
	var ru syscall.Rusage
	must(syscall.Getrusage(syscall.RUSAGE_SELF, &ru), "getrusage")
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec)*1e3 + float64(t.Usec)/1e3 }
	fmt.Printf("{\"setup\":%.3f,\"user\":%.3f,\"system\":%.3f}\n", ms(setup), tv(ru.Utime), tv(ru.Stime))
	bufio.NewReader(os.Stdin).ReadString('\n')
	t1 := time.Now()
	for i := 0; i < n; i++ {
		must(host.LinkDel(&netlink.Veth{LinkAttrs: netlink.LinkAttrs{Name: fmt.Sprintf("h%d", i)}}), "LinkDel")
		must(netns.DeleteNamed(fmt.Sprintf("%s-c%d", prefix, i)), "DeleteNamed")
	}
	host.Delete()
	must(netns.DeleteNamed(prefix+"-h"), "DeleteNamed host")
	fmt.Printf("{\"teardown\":%.3f}\n", ms(time.Since(t1)))
}

func inNs(name string) *netlink.Handle {
	runtime.LockOSThread()
	ns, err := netns.GetFromName(name)
	must(err, "GetFromName "+name)
	h, err := netlink.NewHandleAt(ns)
	must(err, "NewHandleAt "+name)
	return h
}

func micro(name string, pairs int) {
	h := inNs(name)
	lo, err := h.LinkByName("lo")
	must(err, "LinkByName lo")
	must(h.LinkSetUp(lo), "LinkSetUp lo")
	t0 := time.Now()
	for i := 0; i < pairs; i++ {
		a := &netlink.Addr{IPNet: &net.IPNet{IP: net.IPv4(10, 1, byte(i>>8), byte(i)).To4(), Mask: net.CIDRMask(32, 32)}}
		must(h.AddrAdd(lo, a), "AddrAdd")
		must(h.AddrDel(lo, a), "AddrDel")
	}
	fmt.Printf("{\"us_per_op\":%.3f}\n", ms(time.Since(t0))*1000/float64(2*pairs))
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: peer w PREFIX N | micro NS PAIRS | links NS | routes NS")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "w":
		n, _ := strconv.Atoi(os.Args[3])
		workload(os.Args[2], n)
	case "micro":
		n, _ := strconv.Atoi(os.Args[3])
		micro(os.Args[2], n)
	case "links":
		links, err := inNs(os.Args[2]).LinkList()
		must(err, "LinkList")
		fmt.Printf("{\"count\":%d}\n", len(links))
	case "routes":
		routes, err := inNs(os.Args[2]).RouteList(nil, netlink.FAMILY_V4)
		must(err, "RouteList")
		fmt.Printf("{\"count\":%d}\n", len(routes))
	default:
		fmt.Fprintln(os.Stderr, "unknown mode "+os.Args[1])
		os.Exit(2)
	}
}
