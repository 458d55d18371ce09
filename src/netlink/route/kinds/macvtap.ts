/** macvtap: a macvlan with a character device (/dev/tapN); same IFLA_INFO_DATA as macvlan. */

import { macvlanKind } from './macvlan.js';
import { registerKind } from './registry.js';

registerKind(macvlanKind('macvtap'));
