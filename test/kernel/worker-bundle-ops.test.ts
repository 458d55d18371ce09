// Every namespace worker operation (src/ns/ops.ts) gives the same answers from the build's
// one-file bundle (dist/src/ns/worker.bundle.cjs, what executor.workerScript() starts) as from
// the ES module worker (worker.js): the bundle rewrites import.meta.url and finds koffi from its
// own directory, and an op that only ran in the ESM worker would go untested. Each op runs in a
// scratch namespace and is checked against what ip and /proc say there.
import t from 'tap';
import { closeSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { Executor } from '../../src/ns/executor.js';
import { openNetns } from '../../src/ns/ref.js';
import { Netlink } from '../../src/client.js';
import { NLM_F_ACK, NLM_F_REQUEST } from '../../src/netlink/constants.js';
import { encodeMessage, splitMessages } from '../../src/netlink/message.js';
import { decodeMessage } from '../../src/netlink/socket.js';
import * as K from '../../src/netlink/route/constants.js';
import { linkBody, type LinkMessage } from '../../src/netlink/route/link-attrs.js';
import { kernelSkipReason, ip, removeNs, scratchName, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
if (skip) t.plan(0, skip);

const SCRIPTS = { bundle: new URL('../../src/ns/worker.bundle.cjs', import.meta.url), esm: new URL('../../src/ns/worker.js', import.meta.url) };

for (const [which, script] of Object.entries(SCRIPTS)) {
  t.test(`every op from the ${which} worker`, async (t) => {
    const ex = new Executor(() => new Worker(script));
    t.teardown(() => ex.shutdown());
    const ns = scratchNs(t, `w${which}`);
    ip('-n', ns, 'link', 'add', 'wb0', 'type', 'veth', 'peer', 'name', 'wb1');
    const inside = <T>(op: string, ...args: unknown[]): Promise<T> => {
      const ref = openNetns(ns);
      return (ex.post({ op: op as never, args, nsFd: ref.fd, label: ref.label }) as Promise<T>).finally(() => ref.close());
    };
    const home = (op: string, ...args: unknown[]) => ex.post({ op: op as never, args });

    t.equal(await home('whoami'), readlinkSync('/proc/self/ns/net'), 'whoami at home');
    t.equal(await inside('whoami'), `net:[${statSync(`/run/netns/${ns}`).ino}]`, 'whoami inside');

    const nl = Netlink.adopt(await inside<number>('netlinkSocket', { rcvbuf: 1 << 16 }), ns);
    t.same((await nl.link.list()).map((l) => l.attrs.ifname).sort(), ['lo', 'wb0', 'wb1'], 'netlinkSocket: a socket inside');
    await nl.close();

    t.equal(await inside('sysctlRead', '/proc/sys/net/ipv4/ip_forward'), '0\n', 'sysctlRead');
    await inside('sysctlWrite', '/proc/sys/net/ipv4/ip_forward', '1');
    t.equal(ip('netns', 'exec', ns, 'cat', '/proc/sys/net/ipv4/ip_forward'), '1\n', 'sysctlWrite, as ip sees it');

    const udp = await inside<number>('socket', { kind: 'udp', bind: { address: '127.0.0.1', port: 0 } });
    const ino = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${udp}`))![1]!;
    const table = ip('netns', 'exec', ns, 'cat', '/proc/net/udp').trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/)[9]);
    t.ok(table.includes(ino), 'socket: a bound udp socket of that namespace');
    closeSync(udp);

    const body = { header: { family: 0, type: 0, index: 1, flags: 0, change: 0 }, attrs: { ext_mask: K.RTEXT_FILTER_SKIP_STATS } };
    const req = encodeMessage({ type: K.RTM_GETLINK, flags: NLM_F_REQUEST | NLM_F_ACK, seq: 1, pid: 0 }, linkBody, body);
    const dgrams = await inside<Uint8Array[]>('exchange', ns, req);
    const msgs = dgrams.flatMap((d) => splitMessages(Buffer.from(d.buffer, d.byteOffset, d.byteLength))).map(decodeMessage);
    t.equal((msgs[0]?.body as LinkMessage).attrs.ifname, 'lo', 'exchange: the request answered inside');
    t.equal(await inside('closeExchanges'), undefined, 'closeExchanges');

    for (const op of ['newNetns', 'newNetnsSocket'] as const) {
      const name = scratchName(`w${op}`);
      t.teardown(() => removeNs(name));
      writeFileSync(`/run/netns/${name}`, '', { flag: 'wx' });
      const r = await home(op, `/run/netns/${name}`, {});
      t.match(ip('netns', 'exec', name, 'ip', '-o', 'link'), /^1: lo:[^\n]*\n$/, `${op}: a fresh namespace ip can enter`);
      if (op === 'newNetnsSocket') {
        const made = Netlink.adopt(r as number, name);
        await made.link.set({ dev: 'lo', up: true });
        t.match(ip('-n', name, 'link', 'show', 'lo'), /<LOOPBACK,UP/, `${op}: its socket is inside`);
        await made.close();
      }
      t.equal(await home('whoami'), readlinkSync('/proc/self/ns/net'), `${op}: the worker went home`);
    }

    await t.rejects(inside('netlinkSocket', { protocol: 31 }), { name: 'SyscallError', code: 'EPROTONOSUPPORT' }, 'an op\'s error comes back as its class');
    await t.rejects(inside('sysctlRead', '/proc/sys/net/nosuch'), { code: 'ENOENT', path: '/proc/sys/net/nosuch' }, 'and node\'s with its fields');
    await t.rejects(home('nosuch'), /unknown namespace op nosuch/, 'an unknown op');
    t.equal(ex.poisoned, 0, 'never poisoned');
  });
}
