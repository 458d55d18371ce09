/**
 * The objects `nlctl` knows, in ip's own order (so `ip a`, `ip r`, `ip n`, `ip l` resolve the
 * same way), each loaded with a dynamic import only when used: `nlctl link show` never parses
 * the route or namespace code.
 */

import type { Args } from './args.js';
import type { Cli } from './context.js';

/** An object module: `src/cli/<object>.ts`. */
export interface ObjectModule {
  /** Runs one command line of this object (the words after the object name). */
  run(cli: Cli, args: Args): Promise<void>;
  /** The `nlctl <object> help` text. */
  help: string;
  /**
   * For -batch: a key naming the commands that may be pipelined with their neighbours
   * ('address add'), or undefined when the line must run alone (it changes links, or prints).
   */
  pipelineKey?(words: readonly string[]): string | undefined;
}

type Loader = () => Promise<ObjectModule>;

/** ip's object list, in ip's order; undefined loaders are ip objects nlctl does not implement. */
export const OBJECTS: readonly (readonly [string, Loader | undefined])[] = [
  ['address', () => import('./addr.js')],
  ['addrlabel', () => import('./addrlabel.js')],
  ['maddress', undefined],
  ['route', () => import('./route.js')],
  ['rule', () => import('./rule.js')],
  ['neighbor', () => import('./neigh.js')],
  ['neighbour', () => import('./neigh.js')],
  ['ntable', undefined],
  ['ntbl', undefined],
  ['link', () => import('./link.js')],
  ['l2tp', undefined],
  ['fou', undefined],
  ['ila', undefined],
  ['macsec', undefined],
  ['tunnel', undefined],
  ['tuntap', undefined],
  ['tap', undefined],
  ['token', undefined],
  ['tcpmetrics', undefined],
  ['tcp_metrics', undefined],
  ['monitor', () => import('./monitor.js')],
  ['xfrm', undefined],
  ['mroute', undefined],
  ['mrule', undefined],
  ['netns', () => import('./netns.js')],
  ['netconf', () => import('./netconf.js')],
  ['vrf', undefined],
  ['sr', undefined],
  ['nexthop', () => import('./nexthop.js')],
  ['mptcp', undefined],
  ['ioam', undefined],
  ['stats', undefined],
  ['help', undefined],
  // Not an ip object: nft's command line over NETLINK_NETFILTER.
  ['nft', () => import('./nft.js')],
];

/** Objects nlctl implements, for suggestions and help. */
export const SUPPORTED = ['address', 'route', 'rule', 'neighbour', 'link', 'monitor', 'netns', 'nexthop', 'netconf', 'addrlabel', 'nft'] as const;
