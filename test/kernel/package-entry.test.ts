// The package's entry point (the bundle, imported by the package's name) against the real kernel:
// its namespace worker starts (a named namespace made and opened in one call), a veth is born
// across two namespaces, and its exec helper runs a program inside one; `ip -j` agrees.
import t from 'tap';
import { ipJson, kernelSkipReason, scratchName, removeNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();

t.test('the bundled package works end to end', { skip: skip ? `kernel tests skipped: ${skip}` : false }, async (t) => {
  const { Netlink, netns, shutdownWorker } = await import('nlctl');
  const a = scratchName('pkga');
  const b = scratchName('pkgb');
  t.teardown(async () => { await shutdownWorker(); removeNs(a); removeNs(b); });
  const na = await Netlink.open({ netns: a, create: true });
  const nb = await Netlink.open({ netns: b, create: true });
  t.teardown(() => Promise.all([na.close(), nb.close()]));
  const added = await na.link.add({ kind: 'veth', name: 'v0', peer: { name: 'v1', netns: b } });
  await na.addr.add({ dev: 'v0', address: '10.77.0.1/24' });
  const v0 = ipJson<{ ifname: string; ifindex: number; link_netnsid?: number; addr_info: { local: string }[] }[]>('-n', a, '-j', 'addr', 'show', 'dev', 'v0')[0]!;
  t.equal(v0.ifindex, added.ifindex, 'the echo gave the ifindex ip shows');
  t.same(v0.addr_info.map((x) => x.local), ['10.77.0.1']);
  t.equal((await nb.link.get('v1')).attrs.ifname, 'v1', 'the peer was born in the other namespace');
  const r = await netns.exec(b, ['ip', 'link', 'show', 'v1'], { stdio: 'ignore' });
  t.same(r, { code: 0, signal: null }, 'a program ran inside it through the exec helper');
  const missing = await netns.exec(b, ['ip', 'link', 'show', 'v0'], { stdio: 'ignore' });
  t.not(missing.code, 0, 'and inside that namespace only: v0 is not there');
});
