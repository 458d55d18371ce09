/**
 * Link kinds: IFLA_INFO_DATA (and IFLA_INFO_SLAVE_DATA) are decoded by the table registered
 * for the IFLA_INFO_KIND (IFLA_INFO_SLAVE_KIND) string; unknown kinds keep raw bytes. A kind
 * may also map ip-style options (`id`, `dstport`, `mode`) to its IFLA_INFO_DATA.
 */

import type { Codec } from '../../codecs.js';
import { nested, type AttrTable } from '../../attrs.js';
import type { NetnsRef } from '../../../ns/ref.js';

/**
 * What a kind's option mapper may ask for: names turned into numbers. Synchronous, so message
 * builders stay pure; the link service resolves names first and hands in a lookup table.
 */
export interface KindContext {
  /** The ifindex of a device in the handle's namespace (numbers pass through). */
  ifindex(dev: string | number, what: string): number;
  /** An open fd for a namespace reference. */
  netnsFd(ref: NetnsRef, what: string): number;
  /** True for `link.set` (a change): send only what was given, require nothing a create needs. */
  change?: boolean;
  /** Link attributes (IFLA_*) for ip-style link options: what a veth peer carries. */
  linkAttrs(opts: Record<string, unknown>, what: string): Record<string, unknown>;
}

/** What nlctl knows of one link kind. */
export interface LinkKind {
  /** IFLA_INFO_KIND string ('veth'). */
  kind: string;
  /** The IFLA_INFO_DATA table. */
  data?: AttrTable<any>;
  /** The IFLA_INFO_SLAVE_DATA table, for ports enslaved to a master of this kind. */
  slaveData?: AttrTable<any>;
  /** Option names (besides the common link options) this kind accepts on add/set. */
  options?: readonly string[];
  /** Maps those options to IFLA_INFO_DATA attributes (undefined: send no data). */
  infoData?(opts: Record<string, unknown>, ctx: KindContext): Record<string, unknown> | undefined;
}

const kinds = new Map<string, LinkKind>();
const dataCodecs = new Map<string, Codec<any>>();
const slaveCodecs = new Map<string, Codec<any>>();

/** Registers a link kind's data tables and option mapper. */
export function registerKind(k: LinkKind): void {
  kinds.set(k.kind, k);
  if (k.data) { const t = k.data; dataCodecs.set(k.kind, nested(() => t)); }
  if (k.slaveData) { const t = k.slaveData; slaveCodecs.set(k.kind, nested(() => t)); }
}

/** The registered kind, if any. */
export function linkKind(kind: string): LinkKind | undefined {
  return kinds.get(kind);
}

/** Every registered kind name. */
export function kindNames(): string[] {
  return [...kinds.keys()].sort();
}

/** The IFLA_INFO_DATA codec for a kind (undefined: raw bytes). */
export function kindDataCodec(kind: unknown): Codec<any> | undefined {
  return typeof kind === 'string' ? dataCodecs.get(kind) : undefined;
}

/** The IFLA_INFO_SLAVE_DATA codec for a slave kind (undefined: raw bytes). */
export function kindSlaveDataCodec(kind: unknown): Codec<any> | undefined {
  return typeof kind === 'string' ? slaveCodecs.get(kind) : undefined;
}
