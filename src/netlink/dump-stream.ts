/**
 * Turns a dump's message callbacks into an async iterator with backpressure: the socket stops
 * reading while the consumer is far behind, and a consumer that stops early lets the dump run
 * to NLMSG_DONE with the rest dropped (the kernel would refuse the next dump otherwise).
 */

import { DumpInterruptedError } from './errors.js';
import type { Message, Reply } from './socket.js';

/** How the stream starts its dump and throttles the socket. */
export interface DumpSource {
  /** Starts the dump; `onMessage` sees each message; resolves at NLMSG_DONE. */
  start(onMessage: (m: Message) => void): Promise<Reply>;
  pause(): void;
  resume(): void;
}

const HIGH = 4096;

/** Yields each message of a dump as it arrives; throws DumpInterruptedError at the end if flagged. */
export async function* streamDump<R>(src: DumpSource): AsyncGenerator<Message<R>> {
  const buffered: Message[] = [];
  let head = 0;
  let wake: (() => void) | null = null;
  let done = false;
  let failure = null as Error | null;
  let count = 0;
  let paused = false;
  let abandoned = false;
  const finish = src.start((m) => {
    if (abandoned) return;
    buffered.push(m);
    if (buffered.length - head >= HIGH && !paused) { paused = true; src.pause(); }
    wake?.();
  });
  finish.then(() => { done = true; wake?.(); }, (e: Error) => { failure = e; done = true; wake?.(); });
  try {
    for (;;) {
      if (head < buffered.length) {
        const m = buffered[head++]!;
        // Compact now and then rather than shift() per message (O(n) each).
        if (head > 1024 && head * 2 > buffered.length) { buffered.splice(0, head); head = 0; }
        if (paused && buffered.length - head < HIGH / 4) { paused = false; src.resume(); }
        count++;
        yield m as Message<R>;
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
    buffered.length = 0;
    if (paused) src.resume();
    finish.catch(() => {});
  }
}
