/** veth (linux/veth.h): VETH_INFO_PEER carries a whole ifinfomsg + link attributes for the peer. */

import { defineAttrs, headed } from '../../attrs.js';
import { VETH_INFO_PEER } from '../constants.js';
import { ifinfomsg } from '../headers.js';
import { linkAttrs } from '../link-attrs.js';
import { registerKind } from './registry.js';

/** IFLA_INFO_DATA of a veth. */
export const vethAttrs = defineAttrs('veth', {
  [VETH_INFO_PEER]: { key: 'peer', codec: headed(ifinfomsg, () => linkAttrs) },
});

registerKind({ kind: 'veth', data: vethAttrs });
