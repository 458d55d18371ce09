/**
 * Link kinds: IFLA_INFO_DATA (and IFLA_INFO_SLAVE_DATA) are decoded by the table registered
 * for the IFLA_INFO_KIND (IFLA_INFO_SLAVE_KIND) string; unknown kinds keep raw bytes.
 */

import type { Codec } from '../../codecs.js';
import { nested, type AttrTable } from '../../attrs.js';

/** What nlctl knows of one link kind. */
export interface LinkKind {
  /** IFLA_INFO_KIND string ('veth'). */
  kind: string;
  /** The IFLA_INFO_DATA table. */
  data?: AttrTable<any>;
  /** The IFLA_INFO_SLAVE_DATA table, for ports enslaved to a master of this kind. */
  slaveData?: AttrTable<any>;
}

const kinds = new Map<string, LinkKind>();
const dataCodecs = new Map<string, Codec<any>>();
const slaveCodecs = new Map<string, Codec<any>>();

/** Registers a link kind's data tables. */
export function registerKind(k: LinkKind): void {
  kinds.set(k.kind, k);
  if (k.data) { const t = k.data; dataCodecs.set(k.kind, nested(() => t)); }
  if (k.slaveData) { const t = k.slaveData; slaveCodecs.set(k.kind, nested(() => t)); }
}

/** The registered kind, if any. */
export function linkKind(kind: string): LinkKind | undefined {
  return kinds.get(kind);
}

/** The IFLA_INFO_DATA codec for a kind (undefined: raw bytes). */
export function kindDataCodec(kind: unknown): Codec<any> | undefined {
  return typeof kind === 'string' ? dataCodecs.get(kind) : undefined;
}

/** The IFLA_INFO_SLAVE_DATA codec for a slave kind (undefined: raw bytes). */
export function kindSlaveDataCodec(kind: unknown): Codec<any> | undefined {
  return typeof kind === 'string' ? slaveCodecs.get(kind) : undefined;
}
