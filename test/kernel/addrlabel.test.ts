// nl.addrlabel against the kernel in a scratch namespace: labels we add show in
// `ip -j addrlabel` as asked, the kernel's defaults decode to what ip shows, del and flush.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError } from '../../src/netlink/errors.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

t.test('add, list, del, flush against ip -j addrlabel', { skip }, async (t) => {
  const ns = scratchNs(t, 'al');
  ip('-n', ns, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const v0 = await nl.ifindex('v0');

  const defaults = ipJson<any[]>('-n', ns, 'addrlabel');
  const ours = await nl.addrlabel.list();
  t.same(ours.map((l) => ({ address: l.attrs.address, prefixlen: l.header.prefixlen, label: l.attrs.label })), defaults, 'the kernel\'s default table decodes as ip shows it');

  await nl.addrlabel.add({ prefix: '2001:db8:5::/48', dev: 'v0', label: 100 });
  await nl.addrlabel.add({ prefix: '2001:db8:6::1', label: 101 });
  const after = ipJson<any[]>('-n', ns, 'addrlabel');
  t.same(after.find((l) => l.label === 100), { address: '2001:db8:5::', prefixlen: 48, ifname: 'v0', label: 100 });
  t.same(after.find((l) => l.label === 101), { address: '2001:db8:6::1', prefixlen: 128, label: 101 });
  t.equal((await nl.addrlabel.list()).find((l) => l.attrs.label === 100)?.header.index, v0);
  const dup = await nl.addrlabel.add({ prefix: '2001:db8:5::/48', dev: 'v0', label: 100 }).catch((e: unknown) => e);
  t.ok(dup instanceof NetlinkError && dup.code === 'EEXIST', 'the same prefix and device twice: EEXIST');
  await nl.addrlabel.del({ prefix: '2001:db8:5::/48', dev: 'v0', label: 100 });
  t.notOk(ipJson<any[]>('-n', ns, 'addrlabel').some((l) => l.label === 100), 'deleted');
  t.equal(await nl.addrlabel.flush(), defaults.length + 1, 'flush deletes every label, the defaults too, as ip addrlabel flush does');
  t.same(ipJson<any[]>('-n', ns, 'addrlabel'), []);
});
