module nlctl.bench/peer

go 1.19

require (
	github.com/vishvananda/netlink v0.0.0
	github.com/vishvananda/netns v0.0.0
	golang.org/x/sys v0.0.0
)

replace github.com/vishvananda/netlink => /usr/share/gocode/src/github.com/vishvananda/netlink

replace github.com/vishvananda/netns => /usr/share/gocode/src/github.com/vishvananda/netns

replace golang.org/x/sys => /usr/share/gocode/src/golang.org/x/sys
