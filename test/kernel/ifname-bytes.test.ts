// Issue 9 item 10 against the kernel: a name that is not UTF-8 (ip made it) comes out of
// link.list() in the escaped form and goes back into link.set/get/del; the CLI takes it on its
// command line as ip does (`nlctl link set dev $'\xff\xfex' up`) and prints it as ip prints it.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { Netlink } from '../../src/client.js';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

t.test('a non-UTF-8 name round-trips through the library and the CLI', async (t) => {
  const ns = scratchNs(t, 'bytes');
  // Node passes argv as UTF-8 text, so the raw bytes go through sh's printf (octal escapes).
  const made = spawnSync('sh', ['-c', `exec ip -n ${ns} link add "$(printf '\\377\\376x')" type veth peer name p0`]);
  t.equal(made.status, 0, String(made.stderr));
  const nl = await Netlink.open({ netns: ns });
  t.teardown(() => nl.close());
  const l = (await nl.link.list()).find((x) => x.attrs.ifname !== 'lo' && x.attrs.ifname !== 'p0');
  t.equal(l?.attrs.ifname, '\udcff\udcfex', 'decoded with escapes, not U+FFFD');
  await nl.link.set({ dev: l!.attrs.ifname!, mtu: 1400 });
  t.equal((await nl.link.get(l!.attrs.ifname!)).attrs.mtu, 1400, 'usable in link.set and link.get');
  const { CLI } = await import('../helpers/cli.js');
  const r = spawnSync('sh', ['-c', `exec "$0" -n ${ns} link set dev "$(printf '\\377\\376x')" up`, CLI]);
  t.equal(r.status, 0, `nlctl link set dev $'\\xff\\xfex' up: ${String(r.stderr)}`);
  t.equal((await nl.link.get(l!.attrs.ifname!)).header.flags & 1, 1, 'it went up (IFF_UP)');
  const ours = spawnSync(CLI, ['-n', ns, 'link', 'show']);
  const theirs = spawnSync('ip', ['-n', ns, 'link', 'show']);
  t.ok(ours.stdout.equals(theirs.stdout), 'link show prints the same bytes as ip');
  await nl.link.del(l!.attrs.ifname!);
  t.equal((await nl.link.list()).length, 1, 'and link.del removes it');
});
