// `ip link set DEV type KIND ...` changes only what it names (issue 13 item 1): the set's `dev`
// is the link being changed, never vxlan's own `dev` (its underlay: sending IFLA_VXLAN_LINK of the
// vxlan itself made the kernel answer EBUSY), and a vxlan change needs no VNI; carrier on|off is
// IFLA_CARRIER.
import t from 'tap';
import { linkAddMessage, linkSetMessage } from '../../../src/netlink/route/link.js';

t.test('vxlan change: only the named attributes', async (t) => {
  const m = linkSetMessage({ dev: 5, kind: 'vxlan', ttl: 64 });
  t.same(m.body.attrs.linkinfo, { kind: 'vxlan', data: { ttl: 64 } }, 'ttl alone, no id, no link');
  t.equal(m.body.header.index, 5);
  const same = linkSetMessage({ dev: 5, kind: 'vxlan', id: 42, ttl: 32 });
  t.same(same.body.attrs.linkinfo, { kind: 'vxlan', data: { id: 42, ttl: 32 } }, 'id when given (the kernel refuses a different one)');
  t.throws(() => linkAddMessage({ kind: 'vxlan', name: 'vx0', dstport: 4789 } as never), /vxlan needs an id/, 'a create still needs the VNI');
});

t.test('carrier on|off', async (t) => {
  t.same(linkSetMessage({ dev: 3, carrier: false }).body.attrs, { carrier: 0 });
  t.same(linkSetMessage({ dev: 3, carrier: true }).body.attrs, { carrier: 1 });
});
