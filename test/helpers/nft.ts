/** The nft oracle for kernel tests (Debian package nftables; a test oracle only). */

import { execFileSync, spawnSync } from 'node:child_process';

/** True when `nft` is installed. */
export function hasNft(): boolean {
  return spawnSync('nft', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs `nft ARGS` inside `ns` (via ip netns exec) and returns stdout; throws with stderr. */
export function nftIn(ns: string, ...args: string[]): string {
  return execFileSync('ip', ['netns', 'exec', ns, 'nft', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `nft -j list ruleset` inside `ns`, without the metainfo element. */
export function nftJson(ns: string): unknown[] {
  const j = JSON.parse(nftIn(ns, '-j', 'list', 'ruleset')) as { nftables: Record<string, unknown>[] };
  return j.nftables.filter((x) => !('metainfo' in x));
}
