// The main job in one run: build a two-host topology out of scratch namespaces with nothing but
// nlctl (no ip, no nsenter), show it, send TCP traffic across it, and tear it all down.
//   npm run demo        (root needed; the root namespace is never touched)
import * as net from 'node:net';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Netlink, netns } from '../src/index.js';

const tag = `nlctl-demo-${process.pid}`;
const hostA = `${tag}-a`, hostB = `${tag}-b`;
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

function show(...args: string[]): void {
  console.log(`$ nlctl ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  process.stdout.write(r.stdout + r.stderr);
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the demo needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN) to make namespaces');
  await netns.add(hostA);
  await netns.add(hostB);
  try {
    const a = await Netlink.open({ netns: hostA });
    const b = await Netlink.open({ netns: hostB });
    try {
      // One RTM_NEWLINK: the peer is created straight inside host B (IFLA_NET_NS_FD in VETH_INFO_PEER).
      await a.link.add({ kind: 'veth', name: 'eth0', peer: { name: 'eth0', netns: hostB } });
      await a.addr.add({ dev: 'eth0', address: '10.77.0.1/24' });
      await b.addr.add({ dev: 'eth0', address: '10.77.0.2/24' });
      await a.link.set({ dev: 'eth0', up: true });
      await b.link.set({ dev: 'eth0', up: true });
      await b.link.set({ dev: 'lo', up: true });
      await b.route.add({ dst: 'default', via: '10.77.0.1' });

      console.log(`host A's eth0 peer:`, await a.link.peer('eth0'));
      show('-n', hostA, '-d', 'link', 'show', 'eth0');
      show('-n', hostB, '-br', 'address');
      show('-n', hostB, 'route');

      // TCP across the veth: a server socket made inside B, a client socket made inside A.
      const sfd = await netns.socket(hostB, 'tcp', { bind: { address: '10.77.0.2', port: 0 } });
      const server = net.createServer((s) => s.end('hello from host B\n')).listen({ fd: sfd });
      await new Promise((r) => server.once('listening', r));
      const port = (server.address() as net.AddressInfo).port;
      const cfd = await netns.socket(hostA, 'tcp');
      const reply = await new Promise<string>((resolve, reject) => {
        const c = new net.Socket({ fd: cfd });
        const timer = setTimeout(() => { c.destroy(); reject(new Error('no reply within 5 s')); }, 5000);
        let got = '';
        c.once('error', reject);
        c.on('data', (d) => { got += d; });
        c.on('close', () => { clearTimeout(timer); resolve(got); });
        c.connect(port, '10.77.0.2');
      });
      server.close();
      console.log(`host A -> 10.77.0.2:${port}: ${reply.trim()}`);
    } finally {
      await a.close();
      await b.close();
    }
  } finally {
    await netns.delete(hostA);
    await netns.delete(hostB);
    await netns.shutdown();
  }
  console.log('namespaces deleted; nothing left behind');
}

main().catch((e: Error) => { console.error(`Error: ${e.message}`); process.exitCode = 1; });
