/**
 * Scratch namespaces for kernel tests: uniquely named, created with `ip netns add` (iproute2 is
 * a test oracle only) or by the caller, and always deleted in teardown, even when a test fails.
 * Tests never touch the root namespace.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** The prefix every scratch namespace carries, so leftovers are easy to find. */
export const PREFIX = 'nlt';

let counter = 0;

/** A unique scratch namespace name (not created). */
export function scratchName(tag = 'ns'): string {
  return `${PREFIX}-${process.pid}-${tag}-${counter++}`.slice(0, 60);
}

/** Why kernel tests cannot run here, or undefined when they can. */
export function kernelSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'kernel tests need root (CAP_NET_ADMIN and CAP_SYS_ADMIN in the initial namespaces); run npm test as root';
  if (!hasIp()) return 'iproute2 (ip) is not installed; it is the test oracle for kernel tests';
  return undefined;
}

/** True when the `ip` oracle is available. */
export function hasIp(): boolean {
  return spawnSync('ip', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** Runs `ip ARGS` and returns stdout; throws with stderr on failure. */
export function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `ip -j ARGS` and parses the JSON. */
export function ipJson<T = any>(...args: string[]): T {
  const out = ip('-j', ...args).trim();
  return (out ? JSON.parse(out) : []) as T;
}

/** Minimal view of a tap Test for teardown registration. */
interface Teardownable { teardown(fn: () => unknown): void }

/**
 * Creates a scratch namespace with `ip netns add` and deletes it when `t` ends. IPv6 duplicate
 * address detection is off in it (accept_dad=0 for all and default, so for every link made
 * there): a test that reads the namespace twice (ip, then nlctl) must not see an address leave
 * the tentative state in between (issue 9 item 20: cli-color's "-c address" failed that way
 * under load). No test here is about DAD itself.
 */
export function scratchNs(t: Teardownable, tag = 'ns'): string {
  const name = scratchName(tag);
  ip('netns', 'add', name);
  t.teardown(() => removeNs(name));
  noDad(name);
  return name;
}

/** Turns IPv6 DAD off in `ns` for links made from now on (and for 'all'). */
export function noDad(ns: string): void {
  execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Deletes a namespace by name if it exists (used in teardown). */
export function removeNs(name: string): void {
  if (existsSync(`/run/netns/${name}`)) spawnSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
}

/** Deletes every scratch namespace this process made (safety net at exit). */
export function removeAllScratch(): void {
  if (!existsSync('/run/netns')) return;
  for (const n of readdirSync('/run/netns')) if (n.startsWith(`${PREFIX}-${process.pid}-`)) removeNs(n);
}

/**
 * Deletes scratch namespaces left by test processes that are gone (a test file killed on timeout
 * runs no teardown). Names carry the creating pid, so a live run's namespaces are never touched.
 */
export function sweepStale(): void {
  if (!existsSync('/run/netns')) return;
  for (const n of readdirSync('/run/netns')) {
    const m = /^nlt-(\d+)-/.exec(n);
    if (!m || Number(m[1]) === process.pid) continue;
    if (!existsSync(`/proc/${m[1]}`)) removeNs(n);
  }
}

process.on('exit', removeAllScratch);
// tap ends a timed-out test file with SIGTERM: clean up before going.
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.once(sig, () => { removeAllScratch(); process.exit(128 + (sig === 'SIGTERM' ? 15 : 2)); });
}
if (process.getuid?.() === 0) sweepStale();
