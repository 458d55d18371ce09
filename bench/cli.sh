#!/bin/sh
# nlctl CLI benchmarks: cold start of `link show` and a 1000-line `address add` batch, each
# against bare node and ip. Runs only in scratch namespaces it creates and deletes.
# Usage: sh bench/cli.sh   (root; after `npm run build`; needs hyperfine)
# $CLI is the installed bin (the bundle with its code cache); $ESM the same CLI as plain ES modules.
set -eu
cd "$(dirname "$0")/.."
CLI=dist/src/cli/launch.cjs
ESM=dist/src/cli/main.js
NS=nlt-bench-cli-$$
RUNS=${RUNS:-30}
cleanup() { ip netns del "$NS" 2>/dev/null || true; ip netns del "$NS-add" 2>/dev/null || true; rm -f "/tmp/$NS.batch"; }
trap cleanup EXIT
ip netns add "$NS"
ip -n "$NS" link add b0 type veth peer name b1
i=0; : > "/tmp/$NS.batch"
while [ $i -lt 1000 ]; do echo "address add 10.$((i / 250)).$((i % 250)).1/32 dev b0" >> "/tmp/$NS.batch"; i=$((i + 1)); done

echo "## cold start: link show"
# `link show` in the caller's namespace reads only; -n NS also opens the namespace (a brief setns on the CLI's thread).
hyperfine -N -w 3 -r "$RUNS" \
  'node -e 0' \
  "node $CLI link show" \
  "node $ESM link show" \
  "node $CLI -n $NS link show" \
  "ip -n $NS link show" \
  --export-markdown /tmp/$NS.cold.md >/dev/null
cat /tmp/$NS.cold.md; rm -f /tmp/$NS.cold.md

echo "## one start-up per command: netns exec and -n, side by side with bare node and ip"
# `netns exec` enters NS on the CLI's own thread and execvp()s `true` in place of node.
hyperfine -N -w 3 -r "$RUNS" \
  'node -e 0' \
  "node $CLI netns exec $NS true" \
  "ip netns exec $NS true" \
  "node $CLI -n $NS link show" \
  "ip -n $NS link show" \
  --export-markdown /tmp/$NS.exec.md >/dev/null
cat /tmp/$NS.exec.md; rm -f /tmp/$NS.exec.md

echo "## netns add (the namespace deleted before each run)"
hyperfine -N -w 2 -r "$RUNS" \
  --prepare "sh -c 'ip netns del $NS-add 2>/dev/null; true'" \
  'node -e 0' \
  "node $CLI netns add $NS-add" \
  "ip netns add $NS-add" \
  --export-markdown /tmp/$NS.add.md >/dev/null
ip netns del "$NS-add" 2>/dev/null || true
cat /tmp/$NS.add.md; rm -f /tmp/$NS.add.md

echo "## batch: 1000 x address add (addresses flushed before each run)"
hyperfine -N -w 1 -r "$RUNS" \
  --prepare "ip -n $NS addr flush dev b0" \
  "node $CLI -n $NS -batch /tmp/$NS.batch" \
  "node $CLI -n $NS -force -batch /tmp/$NS.batch" \
  "ip -n $NS -batch /tmp/$NS.batch" \
  "node $CLI -n $NS -batch /dev/null" \
  --export-markdown /tmp/$NS.batch.md >/dev/null
cat /tmp/$NS.batch.md; rm -f /tmp/$NS.batch.md
