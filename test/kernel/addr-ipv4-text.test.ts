// IPv4 text as ip reads it (get_addr_ipv4 / get_netmask: each part and the length by strtoul
// base 0, so a leading zero is octal and 0x hex): nl.addr.add in one scratch namespace, `ip addr
// add` of the same text in another, and the addresses `ip -j` shows must be the same, as must
// the texts both refuse.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

const texts = [
  '10.0.0.010/24', '010.6.0.1/24', '10.7.00.1/24', '0x0b.0.0.1/24', '10.2.0.1/024', '10.3.0.1/0x18',
  '10.8.0.0001/24', '10.1/16', '10.4.0.1/255.255.255.0', '10.5.0.1/0377.0.0.0', '10.9.0.1',
  // refused by both
  '10.0.0.08/24', '10.4.0.2/255.255.0255.0', '10.0.0.1/0x', '0x100.0.0.1/24',
];

const shown = (ns: string) => ipJson<{ addr_info: { family: string; local: string; prefixlen: number }[] }[]>('-n', ns, '-j', 'addr', 'show', 'dev', 'lo')[0]!
  .addr_info.filter((a) => a.family === 'inet' && a.local !== '127.0.0.1').map((a) => `${a.local}/${a.prefixlen}`).sort();

t.test('addr.add reads IPv4 text as ip does', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const mine = scratchNs(t, 'v4lib');
  const theirs = scratchNs(t, 'v4ip');
  const nl = await Netlink.open({ netns: mine });
  t.teardown(() => nl.close());
  for (const text of texts) {
    let ipOk = true;
    try { ip('-n', theirs, 'addr', 'add', text, 'dev', 'lo'); } catch { ipOk = false; }
    const r = await nl.addr.add({ dev: 'lo', address: text }).then(() => true, (e: Error) => e.message);
    t.equal(r === true, ipOk, `${text}: ip ${ipOk ? 'adds it' : 'refuses it'}${r === true ? '' : `; nlctl: ${r}`}`);
  }
  t.same(shown(mine), shown(theirs), 'the same addresses and lengths');
});
