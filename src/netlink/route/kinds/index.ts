/** Loads every link kind nlctl knows, so each registers its IFLA_INFO_DATA table. */

import './veth.js';
import './bridge.js';
import './vxlan.js';
import './macvlan.js';
import './macvtap.js';
import './tun.js';
import './vlan.js';
import './ipvlan.js';
import './bond.js';
import './vrf.js';
import './gre.js';
import './geneve.js';

export { kindNames, linkKind, registerKind, type KindContext, type LinkKind } from './registry.js';
export type { VethOptions, VethPeerOptions } from './veth.js';
export type { BridgeOptions, BridgeId } from './bridge.js';
export type { VxlanOptions } from './vxlan.js';
export type { MacvlanOptions } from './macvlan.js';
export type { VlanOptions } from './vlan.js';
export type { IpvlanOptions } from './ipvlan.js';
export type { BondOptions } from './bond.js';
export type { VrfOptions } from './vrf.js';
export type { GreOptions } from './gre.js';
export type { GeneveOptions } from './geneve.js';
