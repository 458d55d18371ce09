/** Waiting for a scratch namespace to settle before comparing a dump with ip's. */

import { ip } from './scratch.js';

/**
 * Waits (bounded, 5 s) until IPv6 DAD has finished in `ns`: a link-local address leaving the
 * tentative state adds a local route and multicast neighbour entries, which would race a dump
 * compared against ip's.
 */
export async function settled(ns: string): Promise<void> {
  for (let i = 0; i < 100 && ip('-n', ns, '-6', 'addr', 'show', 'tentative').trim(); i++) await new Promise((r) => setTimeout(r, 50));
}
