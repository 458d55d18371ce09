// /run/netns names are bytes, as interface names are: `ip netns add $'nlt-\xff'` makes one that
// is not UTF-8. nlctl reads such a name in decodeName()'s escaped form and opens it by its bytes,
// so `-n NAME` enters it, link-netns names it and `netns list` prints it byte for byte as ip
// does (before: "Cannot open network namespace", `link-netnsid 1`, and U+FFFD's bytes).
// The name is made and removed through bash, the only way to put the byte in an argv here.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { Netlink } from '../../src/client.js';
import * as netns from '../../src/ns/netns.js';
import { kernelSkipReason, scratchName, scratchNs } from '../helpers/scratch.js';
import { CLI } from '../helpers/cli.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

/** Runs a bash command line; `{N}` is the name's bytes ($'...\xff'). Returns stdout bytes, stderr, status. */
function sh(cmd: string, name: string): { out: Buffer; err: string; status: number | null } {
  const line = cmd.replaceAll('{N}', () => `$'${name}\\xff'`).replaceAll('{NODE}', () => process.execPath).replaceAll('{CLI}', () => CLI);
  const r = spawnSync('bash', ['-c', line], { timeout: 30000 });
  return { out: r.stdout, err: r.stderr.toString(), status: r.status };
}

t.test('a namespace whose name is not UTF-8: -n, link-netns and netns list as ip', async (t) => {
  const base = scratchName('b');
  const raw = `${base}\udcff`; // decodeName()'s form of the name's bytes
  t.teardown(() => { sh('ip netns del {N} 2>/dev/null', base); });
  t.equal(sh('ip netns add {N}', base).status, 0);
  const a = scratchNs(t, 'by');
  t.equal(sh(`ip -n ${a} link add v0 type veth peer name p0 netns {N}`, base).status, 0);

  const same = (what: string, nl: string, ip: string) => {
    const [x, y] = [sh(nl, base), sh(ip, base)];
    t.equal(x.err, '', `${what}: no error`);
    t.equal(x.status, 0);
    t.ok(y.out.includes(Buffer.from(`${base}\xff`, 'latin1')), `${what}: ip prints the name's bytes`);
    t.equal(x.out.toString('latin1'), y.out.toString('latin1'), `${what}: nlctl prints ip's bytes`);
  };
  same('-n NAME link show', '{NODE} {CLI} -n {N} link show; {NODE} {CLI} -n {N} netns identify; {NODE} {CLI} netns pids {N}', 'ip -n {N} link show; ip -n {N} netns identify; ip netns pids {N}');
  same('link-netns NAME', `{NODE} {CLI} -n ${a} link show v0`, `ip -n ${a} link show v0`);
  same('netns exec NAME', '{NODE} {CLI} netns exec {N} ip netns identify', 'ip netns exec {N} ip netns identify');
  same('netns list', `{NODE} {CLI} netns list | grep -a ${base}`, `ip netns list | grep -a ${base}`);

  t.ok((await netns.list()).some((e) => e.name === raw), 'netns.list() gives the escaped name');
  const nl = await Netlink.open({ netns: raw });
  t.same((await nl.link.list()).map((l) => l.attrs.ifname).sort(), ['lo', 'p0'], 'and a handle opens it by that name');
  await nl.close();
});

t.test('netns add/del of a name that is not UTF-8: the name\'s bytes, as ip makes them', async (t) => {
  const base = scratchName('bad');
  const raw = `${base}\udcff`;
  t.teardown(() => { sh('ip netns del {N} 2>/dev/null', base); });
  const listed = () => sh(`ip netns list | grep -a ${base}`, base).out.toString('latin1');
  await netns.add(raw);
  t.equal(listed(), `${base}\xff\n`, 'netns.add: ip lists the name\'s bytes');
  t.equal(sh('ip netns exec {N} true', base).status, 0, 'and can enter it');
  await netns.del(raw);
  t.equal(listed(), '', 'netns.del: gone');
  t.equal(sh('{NODE} {CLI} netns add {N}', base).status, 0, 'nlctl netns add');
  t.equal(listed(), `${base}\xff\n`, 'the name\'s bytes, not U+FFFD\'s');
  const nl = await Netlink.open({ netns: `${base}\udcfe`, create: true });
  await nl.close();
  t.match(sh(`ip netns list | grep -a ${base}`, base).out.toString('latin1'), new RegExp(`^${base}\xfe$`, 'm'), 'Netlink.open create');
  t.equal(sh(`ip netns del $'${base}\\xfe'`, base).status, 0);
  t.equal(sh('{NODE} {CLI} netns del {N}', base).status, 0, 'nlctl netns del');
  t.equal(listed(), '', 'gone');
});
