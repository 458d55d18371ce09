/**
 * gre, gretap, ip6gre, ip6gretap (linux/if_tunnel.h IFLA_GRE_*): GRE tunnels. Encode and decode;
 * this kernel lacks GRE. Keys and flags are network order.
 */

import { defineAttrs } from '../../attrs.js';
import { be16, be32, flag, ip, u8, u16, u32 } from '../../codecs.js';
import { UsageError } from '../../errors.js';
import * as K from '../constants.js';
import { ipOpt, uintOpt } from './options.js';
import { registerKind } from './registry.js';

/** GRE_KEY in IFLA_GRE_IFLAGS/OFLAGS (network order): a key is present. */
const GRE_KEY = 0x2000;

/** IFLA_INFO_DATA of a GRE tunnel (IFLA_GRE_*), in kernel-number order. */
export const greAttrs = defineAttrs('gre', {
  [K.IFLA_GRE_LINK]: { key: 'link', codec: u32 },
  [K.IFLA_GRE_IFLAGS]: { key: 'iflags', codec: be16 },
  [K.IFLA_GRE_OFLAGS]: { key: 'oflags', codec: be16 },
  [K.IFLA_GRE_IKEY]: { key: 'ikey', codec: be32 },
  [K.IFLA_GRE_OKEY]: { key: 'okey', codec: be32 },
  [K.IFLA_GRE_LOCAL]: { key: 'local', codec: ip },
  [K.IFLA_GRE_REMOTE]: { key: 'remote', codec: ip },
  [K.IFLA_GRE_TTL]: { key: 'ttl', codec: u8 },
  [K.IFLA_GRE_TOS]: { key: 'tos', codec: u8 },
  [K.IFLA_GRE_PMTUDISC]: { key: 'pmtudisc', codec: u8 },
  [K.IFLA_GRE_ENCAP_LIMIT]: { key: 'encap_limit', codec: u8 },
  [K.IFLA_GRE_FLOWINFO]: { key: 'flowinfo', codec: be32 },
  [K.IFLA_GRE_FLAGS]: { key: 'flags', codec: u32 },
  [K.IFLA_GRE_ENCAP_TYPE]: { key: 'encap_type', codec: u16 },
  [K.IFLA_GRE_ENCAP_FLAGS]: { key: 'encap_flags', codec: u16 },
  [K.IFLA_GRE_ENCAP_SPORT]: { key: 'encap_sport', codec: be16 },
  [K.IFLA_GRE_ENCAP_DPORT]: { key: 'encap_dport', codec: be16 },
  18: { key: 'collect_metadata', codec: flag },
  19: { key: 'ignore_df', codec: u8 },
  20: { key: 'fwmark', codec: u32 },
  21: { key: 'erspan_index', codec: u32 },
  22: { key: 'erspan_ver', codec: u8 },
  23: { key: 'erspan_dir', codec: u8 },
  24: { key: 'erspan_hwid', codec: u16 },
});

/** `ip link add NAME type gre|gretap|ip6gre|ip6gretap remote A [local A] [ttl N] [key K] [dev D]`. */
export interface GreOptions {
  kind: 'gre' | 'gretap' | 'ip6gre' | 'ip6gretap';
  remote?: string;
  local?: string;
  ttl?: number;
  tos?: number;
  /** Both directions' key (ip's `key`); `ikey`/`okey` set one side. */
  key?: number;
  ikey?: number;
  okey?: number;
  /** The underlying device. */
  dev?: string | number;
}

function greKind(kind: GreOptions['kind']): void {
  const family = kind.startsWith('ip6') ? 6 : 4;
  registerKind({
    kind,
    data: greAttrs,
    options: ['remote', 'local', 'ttl', 'tos', 'key', 'ikey', 'okey', 'dev'],
    infoData(o, ctx) {
      const d: Record<string, unknown> = {};
      if (o.dev !== undefined) d.link = ctx.ifindex(o.dev as string | number, `${kind} dev`);
      if (o.key !== undefined && (o.ikey !== undefined || o.okey !== undefined)) throw new UsageError(`${kind}: give key, or ikey/okey`);
      const ikey = o.ikey ?? o.key;
      const okey = o.okey ?? o.key;
      if (ikey !== undefined) { d.iflags = GRE_KEY; d.ikey = uintOpt(`${kind} ikey`, ikey); }
      if (okey !== undefined) { d.oflags = GRE_KEY; d.okey = uintOpt(`${kind} okey`, okey); }
      for (const k of ['local', 'remote'] as const) if (o[k] !== undefined) { ipOpt(`${kind} ${k}`, o[k], family); d[k] = o[k]; }
      if (o.ttl !== undefined) d.ttl = uintOpt(`${kind} ttl`, o.ttl, 255);
      if (o.tos !== undefined) d.tos = uintOpt(`${kind} tos`, o.tos, 255);
      return d;
    },
  });
}

for (const k of ['gre', 'gretap', 'ip6gre', 'ip6gretap'] as const) greKind(k);
