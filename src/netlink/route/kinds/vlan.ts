/** vlan (linux/if_link.h IFLA_VLAN_*): 802.1Q/802.1ad sub-interfaces of a parent (`link`). */

import { defineAttrs, nested } from '../../attrs.js';
import { be16, struct, u16 } from '../../codecs.js';
import { UsageError } from '../../errors.js';
import * as K from '../constants.js';
import { enumOpt, uintOpt } from './options.js';
import { registerKind } from './registry.js';

/** struct ifla_vlan_flags. */
const vlanFlags = struct('ifla_vlan_flags', [['flags', 'u32'], ['mask', 'u32']] as const);
/** struct ifla_vlan_qos_mapping. */
const qosMapping = struct('ifla_vlan_qos_mapping', [['from', 'u32'], ['to', 'u32']] as const);

/** IFLA_VLAN_EGRESS_QOS / INGRESS_QOS: a list of mappings. */
export const vlanQosAttrs = defineAttrs('vlan_qos', {
  [K.IFLA_VLAN_QOS_MAPPING]: { key: 'mapping', codec: qosMapping, multi: true },
});

/** IFLA_INFO_DATA of a vlan (IFLA_VLAN_*). */
export const vlanAttrs = defineAttrs('vlan', {
  [K.IFLA_VLAN_ID]: { key: 'id', codec: u16 },
  [K.IFLA_VLAN_FLAGS]: { key: 'flags', codec: vlanFlags },
  [K.IFLA_VLAN_EGRESS_QOS]: { key: 'egress_qos', codec: nested(() => vlanQosAttrs) },
  [K.IFLA_VLAN_INGRESS_QOS]: { key: 'ingress_qos', codec: nested(() => vlanQosAttrs) },
  [K.IFLA_VLAN_PROTOCOL]: { key: 'protocol', codec: be16 },
});

/** `ip link add link PARENT NAME type vlan id N [protocol 802.1Q|802.1ad]` (this kernel lacks vlan). */
export interface VlanOptions {
  kind: 'vlan';
  /** 0..4094. Required. */
  id: number;
  protocol?: '802.1Q' | '802.1ad';
}

registerKind({
  kind: 'vlan',
  data: vlanAttrs,
  options: ['id', 'protocol'],
  infoData(o) {
    if (o.id === undefined) throw new UsageError('vlan needs an id');
    const d: Record<string, unknown> = { id: uintOpt('vlan id', o.id, 4094) };
    if (o.protocol !== undefined) d.protocol = enumOpt('vlan protocol', o.protocol, { '802.1Q': 0x8100, '802.1ad': 0x88a8 });
    return d;
  },
});
