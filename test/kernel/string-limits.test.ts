// Issue 9 item 11 against the kernel: the longest strings the kernel's policies allow are
// accepted, as ip accepts them, and read back equal by ip; one byte more is refused before
// sending. An empty alias removes the alias, as `ip link set DEV alias ""` does.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { UsageError } from '../../src/netlink/errors.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

t.test('alias, name and label at their limits', async (t) => {
  const ns = scratchNs(t, 'str');
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const alias = 'a'.repeat(255);
  await nl.link.set({ dev: 'lo', alias });
  t.equal(ipJson('-n', ns, 'link', 'show', 'lo')[0].ifalias, alias, 'a 255-byte alias, as ip shows it');
  t.equal((await nl.link.get('lo')).attrs.ifalias, alias, 'and as we read it');
  ip('-n', ns, 'link', 'set', 'lo', 'alias', 'b'.repeat(255));
  t.equal((await nl.link.get('lo')).attrs.ifalias, 'b'.repeat(255), 'what ip set reads back');
  await t.rejects(nl.link.set({ dev: 'lo', alias: 'a'.repeat(256) }), UsageError, '256 bytes: refused before sending');
  await nl.link.set({ dev: 'lo', alias: '' });
  t.equal(ipJson('-n', ns, 'link', 'show', 'lo')[0].ifalias, undefined, 'an empty alias removes it');

  const name = 'n'.repeat(15);
  await nl.link.add({ kind: 'veth', name, peer: { name: 'p'.repeat(15) } });
  t.same(ipJson('-n', ns, 'link', 'show', name).map((l: { ifname: string }) => l.ifname), [name], 'a 15-byte name');
  await nl.addr.add({ dev: name, address: '10.7.0.1/24', label: name });
  const label = ipJson('-n', ns, 'addr', 'show', 'dev', name)[0].addr_info.find((a: { family: string }) => a.family === 'inet').label;
  t.equal(label, name, 'a 15-byte label');
});
