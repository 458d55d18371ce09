// nl.nsid against the kernel: a handle on a scratch "view" namespace assigns, reads and lists
// the ids it gives other scratch namespaces referenced by name, { path }, { fd } and { pid },
// and every answer is cross-checked with `ip -j -n VIEW netns list-id`. Refusals (a namespace
// that has an id, an id that is taken) are EEXIST without NLM_F_CREATE|NLM_F_EXCL, as ip sends.
import t from 'tap';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Netlink } from '../../src/client.js';
import * as netns from '../../src/ns/netns.js';
import { NetlinkError } from '../../src/netlink/errors.js';
import { ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

type IpNsid = { nsid: number; name?: string };

/** Waits (bounded, 30 s: a loaded machine took over 5 s to start the helper) until `pid` runs `comm` inside the namespace at `path`. */
async function settledIn(pid: number, path: string, comm: string): Promise<boolean> {
  const want = statSync(path).ino;
  for (let i = 0; i < 1500; i++) {
    try {
      if (statSync(`/proc/${pid}/ns/net`).ino === want && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) return true;
    } catch { /* not there yet */ }
    await sleep(20);
  }
  return false;
}

t.test('get/set/list by name, path, fd and pid agree with ip netns list-id', async (t) => {
  const view = scratchNs(t, 'nsview');
  const [byName, byPath, byFd, byPid, spare] = ['nsname', 'nspath', 'nsfd', 'nspid', 'nsspare'].map((tag) => scratchNs(t, tag)) as [string, string, string, string, string];
  const fd = openSync(`/run/netns/${byFd}`, 'r');
  t.teardown(() => closeSync(fd));
  const child = netns.spawn(byPid, ['sleep', '30'], { stdio: 'ignore' });
  const pid = child.pid!;
  t.teardown(() => { if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL'); });
  t.ok(await settledIn(pid, `/run/netns/${byPid}`, 'sleep'), `sleep ${pid} runs inside ${byPid}`);

  const nl = await Netlink.open({ netns: view });
  t.teardown(() => nl.close());
  t.same(await nl.nsid.list(), [], 'a fresh namespace has assigned no ids');
  t.same(ipJson<IpNsid[]>('-n', view, 'netns', 'list-id'), [], 'ip agrees');

  t.equal(await nl.nsid.set(byName, 7), 7, 'by name');
  t.equal(await nl.nsid.set({ path: `/run/netns/${byPath}` }, 'auto'), await nl.nsid.get(byPath), "by { path }, 'auto'");
  t.equal(await nl.nsid.set({ fd }, 12), 12, 'by { fd }');
  t.equal(await nl.nsid.set({ pid }, 20), 20, 'by { pid }');
  const auto = (await nl.nsid.get({ name: byPath }))!;
  t.type(auto, 'number');
  t.not(auto, 7);

  // Every reference kind reads the same id for the same namespace.
  for (const [ns, id] of [[byName, 7], [byPath, auto], [byFd, 12], [byPid, 20]] as const) {
    t.equal(await nl.nsid.get(ns), id, `${ns} by name`);
    t.equal(await nl.nsid.get({ path: `/run/netns/${ns}` }), id, `${ns} by path`);
  }
  t.equal(await nl.nsid.get({ fd }), 12, 'by fd');
  t.equal(await nl.nsid.get({ pid }), 20, 'by pid');
  t.equal(await nl.nsid.get(spare), undefined, 'no id assigned: undefined');

  const theirs = ipJson<IpNsid[]>('-n', view, 'netns', 'list-id');
  const mine = await nl.nsid.list();
  const byId = (a: IpNsid, b: IpNsid) => a.nsid - b.nsid;
  t.same(mine.map((e) => ({ nsid: e.nsid, name: e.name })), theirs.map((e) => ({ nsid: e.nsid, name: e.name })).sort(byId), 'list = ip netns list-id, field by field');
  t.same(mine, [{ nsid: 7, name: byName }, { nsid: 12, name: byFd }, { nsid: 20, name: byPid }, { nsid: auto, name: byPath }].sort(byId));
  t.equal(await nl.nsid.name(20), byPid, 'name(id)');
  t.equal(await nl.nsid.name(99), undefined);

  // No NLM_F_CREATE|NLM_F_EXCL is sent (ip sends neither); the kernel refuses both clashes anyway.
  const again = await nl.nsid.set(byName, 8).catch((e: unknown) => e);
  t.type(again, NetlinkError);
  t.equal((again as NetlinkError).code, 'EEXIST', 'a namespace keeps its id');
  t.match((again as NetlinkError).extack?.message, /already has a nsid assigned/);
  const taken = await nl.nsid.set(spare, 7).catch((e: unknown) => e);
  t.type(taken, NetlinkError);
  t.equal((taken as NetlinkError).code, 'EEXIST', 'an id in use is refused');
  t.match((taken as NetlinkError).extack?.message, /nsid is already used/);
  t.equal((taken as NetlinkError).extack?.attr, 'nsid', 'ext-ack offset names NETNSA_NSID');
  t.equal(await nl.nsid.get(spare), undefined, 'the refused namespace still has no id');
  t.same(ipJson<IpNsid[]>('-n', view, 'netns', 'list-id').length, 4, 'ip still sees four ids');
});
