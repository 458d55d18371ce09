// Issue 9 item 14: a veth whose peer name is taken. The kernel answers EEXIST for either end
// without saying which; when the link's own name is free and the peer's is taken where the peer
// was to be made, the error names the peer and its namespace. A clash of the link's own name
// keeps blaming the link. Nothing is left half-made either way.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { ipJson, ip, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

const names = (ns: string) => ipJson<{ ifname: string }[]>('-n', ns, 'link', 'show').map((l) => l.ifname).sort();

t.test('the peer name taken in the container namespace is reported as the peer', async (t) => {
  const host = scratchNs(t, 'vch');
  const ctr = scratchNs(t, 'vcc');
  ip('-n', ctr, 'link', 'add', 'eth0', 'type', 'bridge');
  const nl = await Netlink.open({ netns: host });
  t.teardown(() => nl.close());
  const before = [names(host), names(ctr)];
  const e = await nl.link.add({ kind: 'veth', name: 'nc-veth1', peer: { name: 'eth0', netns: ctr } }).then(() => undefined, (x: unknown) => x) as Error;
  t.match(e, { name: 'NetlinkError', code: 'EEXIST', peer: { name: 'eth0', netns: ctr } });
  t.match(e.message, `peer "eth0" exists in netns ${ctr}`, 'the message names the peer and its namespace');
  t.same([names(host), names(ctr)], before, 'nothing half-made');

  ip('-n', host, 'link', 'add', 'p1', 'type', 'bridge');
  const same = await nl.link.add({ kind: 'veth', name: 'v1', peer: 'p1' }).then(() => undefined, (x: unknown) => x) as Error;
  t.match(same, { code: 'EEXIST', peer: { name: 'p1', netns: host } });
  t.match(same.message, `peer "p1" exists in netns ${host}`, 'a peer in the same namespace');

  const own = await nl.link.add({ kind: 'veth', name: 'p1', peer: { name: 'eth0', netns: ctr } }).then(() => undefined, (x: unknown) => x) as Error;
  t.match(own, { code: 'EEXIST' });
  t.notMatch(own.message, /peer/, 'the link\'s own name taken: the link is blamed');
  t.equal((own as { peer?: unknown }).peer, undefined);
});
