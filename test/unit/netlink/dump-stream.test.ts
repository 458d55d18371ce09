// The streamed dump's buffering (issue 12): messages wait raw and are decoded as they are read,
// and the socket is paused by the bytes waiting, not by a count of messages, so what a slow
// consumer holds is a few datagrams whatever the table's size. A fake source stands in for the
// socket: it delivers messages as a kernel would (a datagram at a time while not paused).
import t from 'tap';
import { streamDump, type DumpSource } from '../../../src/netlink/dump-stream.js';
import type { Message, Reply } from '../../../src/netlink/socket.js';

/** A datagram of `n` messages of `size` bytes each (nlmsg_len set, seq = index). */
function datagram(first: number, n: number, size: number): Buffer {
  const d = Buffer.alloc(n * size);
  for (let i = 0; i < n; i++) {
    d.writeUInt32LE(size, i * size);
    d.writeUInt32LE(first + i, i * size + 8);
  }
  return d;
}

interface Fake extends DumpSource { decoded: number; paused: boolean; maxWaiting: number; pauses: number }

/** A source of `total` messages of `size` bytes, `perDatagram` to a datagram, delivered while not paused. */
function fakeSource(total: number, size: number, perDatagram: number): Fake {
  let sent = 0;
  let consumed = 0;
  let onMessage!: (d: Buffer, off: number) => void;
  let finish!: (r: Reply) => void;
  const pump = () => {
    while (!src.paused && sent < total) {
      const n = Math.min(perDatagram, total - sent);
      const d = datagram(sent, n, size);
      sent += n;
      for (let i = 0; i < n; i++) onMessage(d, i * size);
      src.maxWaiting = Math.max(src.maxWaiting, (sent - consumed) * size);
    }
    if (sent === total) finish({ messages: [] });
  };
  const src: Fake = {
    decoded: 0, paused: false, maxWaiting: 0, pauses: 0,
    start: (cb) => { onMessage = cb; return new Promise<Reply>((r) => { finish = r; queueMicrotask(pump); }); },
    decode: (d, off) => { src.decoded++; consumed++; return { type: 16, flags: 2, seq: d.readUInt32LE(off + 8), pid: 0, body: null }; },
    pause: () => { src.paused = true; src.pauses++; },
    resume: () => { src.paused = false; queueMicrotask(pump); },
  };
  return src;
}

t.test('a slow consumer holds 64 KiB of raw messages plus the datagram in hand, not 4096 messages', async (t) => {
  // 100,000 messages of 100 bytes, 320 to a 32 KiB datagram: 10 MB in all.
  const src = fakeSource(100_000, 100, 320);
  let n = 0;
  let inOrder = true;
  for await (const m of streamDump<null>(src)) {
    if (m.seq !== n) inOrder = false;
    n++;
    if (n % 1000 === 0) await new Promise((r) => setImmediate(r)); // a consumer that yields to I/O
  }
  t.equal(n, 100_000, 'every message');
  t.ok(inOrder, 'in order');
  t.ok(src.pauses > 10, `paused ${src.pauses} times`);
  t.ok(src.maxWaiting <= (64 << 10) + 32_000, `at most 64 KiB + one datagram waited (${src.maxWaiting} bytes)`);
});

t.test('messages are decoded as they are read: one the consumer never reads is never decoded', async (t) => {
  const src = fakeSource(5000, 200, 160);
  let n = 0;
  for await (const _ of streamDump<null>(src)) if (++n === 10) break;
  t.equal(src.decoded, 10, 'ten read, ten decoded');
});

t.test('a message that fails to decode ends the stream there with its error', async (t) => {
  const src = fakeSource(1000, 100, 50);
  const decode = src.decode;
  src.decode = (d, off): Message => {
    if (d.readUInt32LE(off + 8) === 500) throw new Error('bad message 500');
    return decode(d, off);
  };
  let n = 0;
  await t.rejects((async () => { for await (const _ of streamDump<null>(src)) n++; })(), /bad message 500/);
  t.equal(n, 500, 'the 500 before it were read');
});
