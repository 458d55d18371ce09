// The socket against the real kernel, in a scratch namespace: a link dump matches `ip -j link
// show`, the kernel's ext-ack text reaches NetlinkError, and 200 pipelined requests on one socket
// are all answered and matched to their requests.
import t from 'tap';
import { Netlink } from '../../src/client.js';
import { NetlinkError } from '../../src/netlink/errors.js';
import * as K from '../../src/netlink/route/constants.js';
import type { LinkMessage } from '../../src/netlink/route/link-attrs.js';
import { NLM_F_CREATE, NLM_F_EXCL } from '../../src/netlink/constants.js';
import { ip, ipJson, kernelSkipReason, scratchNs } from '../helpers/scratch.js';

const skip = kernelSkipReason();
{
  t.test('kernel socket', { skip: skip ? `kernel socket tests skipped: ${skip}` : false }, async (t) => {
    const ns = scratchNs(t, 'sock');
    ip('-n', ns, 'link', 'add', 'va', 'mtu', '1400', 'type', 'veth', 'peer', 'name', 'vb');
    ip('-n', ns, 'link', 'set', 'va', 'up');
    const nl = await Netlink.open({ netns: ns });
    t.teardown(() => nl.close());

    t.test('a link dump matches ip -j link show', async (t) => {
      const msgs = await nl.dumpAll<LinkMessage>({ type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: { ext_mask: K.RTEXT_FILTER_VF } } });
      const ours = msgs.map((m) => m.body);
      const theirs = ipJson<any[]>('-n', ns, 'link', 'show');
      t.equal(ours.length, theirs.length, 'same number of links');
      t.ok(theirs.length >= 3, 'lo and the veth pair');
      for (const l of theirs) {
        const o = ours.find((x) => x.header.index === l.ifindex);
        t.ok(o, `ifindex ${l.ifindex} present`);
        if (!o) continue;
        t.equal(o.attrs.ifname, l.ifname, `${l.ifname} name`);
        t.equal(o.attrs.mtu, l.mtu, `${l.ifname} mtu`);
        t.equal(o.attrs.address, l.address, `${l.ifname} address`);
        t.equal(o.attrs.txqlen, l.txqlen, `${l.ifname} txqlen`);
        // ip prints the IFF_* flags it knows by name; check each one it prints is set in ours.
        const bits: Record<string, number> = { UP: K.IFF_UP, BROADCAST: K.IFF_BROADCAST, LOOPBACK: K.IFF_LOOPBACK, MULTICAST: K.IFF_MULTICAST, NOARP: K.IFF_NOARP, LOWER_UP: K.IFF_LOWER_UP };
        for (const f of l.flags as string[]) if (bits[f] !== undefined) t.ok(o.header.flags & bits[f]!, `${l.ifname} flag ${f}`);
        if (!(l.flags as string[]).includes('UP')) t.notOk(o.header.flags & K.IFF_UP, `${l.ifname} not UP`);
      }
    });

    t.test('the streamed dump yields what the collected dump returns', async (t) => {
      const all = (await nl.dumpAll<LinkMessage>({ type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: {} } })).map((m) => m.body.attrs.ifname);
      const streamed: (string | undefined)[] = [];
      for await (const m of nl.dump<LinkMessage>({ type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: {} } })) streamed.push(m.body.attrs.ifname);
      t.same(streamed, all);
      // Stopping early must not wedge the socket: the next request still gets its answer.
      for await (const m of nl.dump<LinkMessage>({ type: K.RTM_GETLINK, body: { header: { family: 0 }, attrs: {} } })) { void m; break; }
      const r = await nl.request<LinkMessage>({ type: K.RTM_GETLINK, body: { header: { index: 1 }, attrs: {} } });
      t.equal(r.messages[0]?.body.attrs.ifname, 'lo');
    });

    t.test('a 30-character IFLA_IFNAME brings back the kernel ext-ack text', async (t) => {
      const name = 'x'.repeat(30);
      const err = await nl.request({
        type: K.RTM_NEWLINK, flags: NLM_F_CREATE | NLM_F_EXCL, op: `link.add ${name}`,
        body: { header: { family: 0 }, attrs: { ifname: name, linkinfo: { kind: 'veth' } } },
      }).then(() => null, (e: unknown) => e);
      t.type(err, NetlinkError);
      const e = err as NetlinkError;
      t.equal(e.code, 'ERANGE');
      t.equal(e.extack?.message, 'Attribute failed policy validation');
      t.equal(e.extack?.attr, 'ifname', 'the ext-ack offset is mapped back to the attribute');
      t.equal(e.request?.netns, ns);
      t.match(e.message, new RegExp(`^link\\.add x{30} \\[netns ${ns}\\]: Numerical result out of range \\(ERANGE\\): Attribute failed policy validation`));
      t.equal(ipJson<any[]>('-n', ns, 'link', 'show').length, 3, 'nothing was created');
    });

    t.test('200 pipelined requests on one socket are all answered and matched', async (t) => {
      const links = ipJson<any[]>('-n', ns, 'link', 'show');
      const indexes = Array.from({ length: 200 }, (_, i) => links[i % links.length].ifindex as number);
      const replies = await Promise.all(indexes.map((index) =>
        nl.request<LinkMessage>({ type: K.RTM_GETLINK, body: { header: { index }, attrs: { ext_mask: K.RTEXT_FILTER_SKIP_STATS } } })));
      t.equal(replies.length, 200);
      t.ok(replies.every((r, i) => r.messages.length === 1 && r.messages[0]!.body.header.index === indexes[i]), 'each reply answers its own request');
      t.equal(nl.sock.inFlight, 0, 'nothing left in flight');
      // Errors in the middle of a pipeline fail only their own request.
      const mixed = await Promise.allSettled([1, 999999, 1].map((index) =>
        nl.request<LinkMessage>({ type: K.RTM_GETLINK, body: { header: { index }, attrs: {} } })));
      t.same(mixed.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
      t.equal((mixed[1] as PromiseRejectedResult).reason.code, 'ENODEV');
    });
  });
}
