#!/bin/sh
# Installs the bench's peers (Debian packages) and builds the Go peer offline against the Debian
# sources of vishvananda/netlink (replace directives in bench/peers/go/go.mod, no network for Go).
# Run as root from the repository root: sh bench/setup.sh
set -e
need=""
command -v ip >/dev/null || need="$need iproute2"
command -v go >/dev/null || need="$need golang-go"
[ -d /usr/share/gocode/src/github.com/vishvananda/netlink ] || need="$need golang-github-vishvananda-netlink-dev"
/usr/bin/python3 -c 'import pyroute2' 2>/dev/null || need="$need python3-pyroute2"
[ -x /usr/bin/time ] || need="$need time"
if [ -n "$need" ]; then
  echo "installing:$need"
  apt-get install -y -q $need >/dev/null || echo "could not install$need; the bench skips what is missing"
fi
if command -v go >/dev/null && [ -d /usr/share/gocode/src/github.com/vishvananda/netlink ]; then
  mkdir -p dist/bench
  (cd bench/peers/go && GOFLAGS=-mod=mod GOPROXY=off GOCACHE="${GOCACHE:-/tmp/nlctl-gocache}" go build -o ../../../dist/bench/go-peer .)
  echo "built dist/bench/go-peer"
fi
