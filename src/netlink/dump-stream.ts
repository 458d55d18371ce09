/**
 * Turns a dump's message callbacks into an async iterator with backpressure: the socket stops
 * reading while the consumer is far behind, and a consumer that stops early lets the dump run
 * to NLMSG_DONE with the rest dropped (the kernel would refuse the next dump otherwise).
 */

import { DumpInterruptedError } from './errors.js';
import type { Message, Reply } from './socket.js';

/** How the stream starts its dump, decodes its messages and throttles the socket. */
export interface DumpSource {
  /**
   * Starts the dump; `onMessage` sees each message raw, as its datagram and its offset there
   * (lengths checked); resolves at NLMSG_DONE.
   */
  start(onMessage: (data: Buffer, off: number) => void): Promise<Reply>;
  /** Decodes a message `onMessage` was given. */
  decode(data: Buffer, off: number): Message;
  pause(): void;
  resume(): void;
}

/**
 * Bytes of raw messages buffered before the socket pauses (it stops after the datagram in hand,
 * at most 32 KiB more), and the level it resumes at. Messages wait raw and are decoded as they
 * are read, so what waits is a few datagrams, whatever the table's size: counting 4096 decoded
 * messages instead let the heap grow with the table (11 MB at 10,000 routes, 24 MB at 100,000),
 * as those objects lived long enough to reach the old generation.
 */
const HIGH = 64 << 10;
const LOW = 16 << 10;
const EMPTY = Buffer.alloc(0);

/** Yields each message of a dump as it arrives; throws DumpInterruptedError at the end if flagged. */
export async function* streamDump<R>(src: DumpSource): AsyncGenerator<Message<R>> {
  // A queue of (datagram, offset) in two flat arrays, compacted now and then.
  let data: Buffer[] = [];
  let offs: number[] = [];
  let head = 0;
  let bytes = 0;
  let wake: (() => void) | null = null;
  let done = false;
  let failure = null as Error | null;
  let count = 0;
  let paused = false;
  let abandoned = false;
  const finish = src.start((d, off) => {
    if (abandoned) return;
    data.push(d);
    offs.push(off);
    bytes += d.readUInt32LE(off);
    if (bytes >= HIGH && !paused) { paused = true; src.pause(); }
    wake?.();
  });
  finish.then(() => { done = true; wake?.(); }, (e: Error) => { failure = e; done = true; wake?.(); });
  try {
    for (;;) {
      if (head < offs.length) {
        const d = data[head]!;
        data[head] = EMPTY; // read: its datagram need not stay
        const off = offs[head++]!;
        bytes -= d.readUInt32LE(off);
        // Compact now and then rather than shift() per message (O(n) each).
        if (head > 1024 && head * 2 > offs.length) { data = data.slice(head); offs = offs.slice(head); head = 0; }
        if (paused && bytes < LOW) { paused = false; src.resume(); }
        count++;
        yield src.decode(d, off) as Message<R>;
        continue;
      }
      if (done) break;
      await new Promise<void>((r) => { wake = r; });
      wake = null;
    }
    if (failure) {
      // Streamed messages were handed out, not kept: the error says how many.
      if (failure instanceof DumpInterruptedError) throw new DumpInterruptedError([], failure.request, count);
      throw failure;
    }
  } finally {
    abandoned = true;
    data = [];
    offs = [];
    if (paused) src.resume();
    finish.catch(() => {});
  }
}
