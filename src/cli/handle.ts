/**
 * The CLI's whole Netlink handle (every service), opened in the -n namespace on first use. Kept
 * out of context.ts so that an entry point that never needs it (show-main.ts) does not bundle the
 * client.
 */

import type { Netlink } from '../client.js';
import { callingThread, netlinkFdIn, warnInterrupted } from './context.js';

/** Opens the client in `netns` (undefined: the caller's own), namespace work on this thread. */
export async function openHandle(netns: string | undefined): Promise<Netlink> {
  await callingThread(); // before the client can reach for the worker (peers in other namespaces)
  const { Netlink } = await import('../client.js');
  return netns === undefined ? Netlink.open({ dump: { onInterrupted: warnInterrupted } }) : Netlink.adopt(await netlinkFdIn(netns), netns, { dump: { onInterrupted: warnInterrupted } });
}
