/** geneve (linux/if_link.h IFLA_GENEVE_*): Geneve tunnels. Encode and decode; this kernel lacks geneve. */

import { defineAttrs } from '../../attrs.js';
import { be16, be32, flag, ip, struct, u8, u32 } from '../../codecs.js';
import { UsageError } from '../../errors.js';
import * as K from '../constants.js';
import { enumOpt, ipOpt, uintOpt } from './options.js';
import { registerKind } from './registry.js';

/** struct ifla_geneve_port_range, network order. */
const portRange = struct('ifla_geneve_port_range', [['low', 'be16'], ['high', 'be16']] as const);

/** IFLA_INFO_DATA of a geneve (IFLA_GENEVE_*), in kernel-number order. */
export const geneveAttrs = defineAttrs('geneve', {
  [K.IFLA_GENEVE_ID]: { key: 'id', codec: u32 },
  [K.IFLA_GENEVE_REMOTE]: { key: 'remote', codec: ip },
  [K.IFLA_GENEVE_TTL]: { key: 'ttl', codec: u8 },
  [K.IFLA_GENEVE_TOS]: { key: 'tos', codec: u8 },
  [K.IFLA_GENEVE_PORT]: { key: 'port', codec: be16 },
  [K.IFLA_GENEVE_COLLECT_METADATA]: { key: 'collect_metadata', codec: flag },
  [K.IFLA_GENEVE_REMOTE6]: { key: 'remote6', codec: ip },
  [K.IFLA_GENEVE_UDP_CSUM]: { key: 'udp_csum', codec: u8 },
  [K.IFLA_GENEVE_UDP_ZERO_CSUM6_TX]: { key: 'udp_zero_csum6_tx', codec: u8 },
  [K.IFLA_GENEVE_UDP_ZERO_CSUM6_RX]: { key: 'udp_zero_csum6_rx', codec: u8 },
  [K.IFLA_GENEVE_LABEL]: { key: 'label', codec: be32 },
  [K.IFLA_GENEVE_TTL_INHERIT]: { key: 'ttl_inherit', codec: u8 },
  [K.IFLA_GENEVE_DF]: { key: 'df', codec: u8 },
  [K.IFLA_GENEVE_INNER_PROTO_INHERIT]: { key: 'inner_proto_inherit', codec: flag },
  15: { key: 'port_range', codec: portRange },
});

/** `ip link add NAME type geneve id VNI remote A [ttl N] [dstport P]` (this kernel lacks geneve). */
export interface GeneveOptions {
  kind: 'geneve';
  id: number;
  remote?: string;
  ttl?: number | 'inherit';
  tos?: number;
  dstport?: number;
  df?: 'unset' | 'set' | 'inherit';
}

registerKind({
  kind: 'geneve',
  data: geneveAttrs,
  options: ['id', 'remote', 'ttl', 'tos', 'dstport', 'df'],
  infoData(o) {
    if (o.id === undefined) throw new UsageError('geneve needs an id (VNI)');
    const d: Record<string, unknown> = { id: uintOpt('geneve id', o.id, 0xffffff) };
    if (o.remote !== undefined) d[ipOpt('geneve remote', o.remote) === 4 ? 'remote' : 'remote6'] = o.remote;
    if (o.ttl === 'inherit') d.ttl_inherit = 1;
    else if (o.ttl !== undefined) d.ttl = uintOpt('geneve ttl', o.ttl, 255);
    if (o.tos !== undefined) d.tos = uintOpt('geneve tos', o.tos, 255);
    if (o.dstport !== undefined) d.port = uintOpt('geneve dstport', o.dstport, 0xffff);
    if (o.df !== undefined) d.df = enumOpt('geneve df', o.df, { unset: 0, set: 1, inherit: 2 });
    return d;
  },
});
