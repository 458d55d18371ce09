/** A growing little-endian byte writer that netlink messages and attributes are built in. */

import { align4 } from './align.js';

/**
 * A growing buffer that messages are encoded into front to back. Nests and messages reserve
 * their header, write their payload and patch the length on close, so one message is built
 * in one buffer with no intermediate copies.
 */
export class Writer {
  buf: Buffer;
  /** Bytes written. Everything past it is zero (reset() and truncate() keep it so). */
  len = 0;

  constructor(size = 512) {
    this.buf = Buffer.alloc(size);
  }

  /** Empties the writer for reuse (zeroing what was written: reserve() promises zero-filled bytes). */
  reset(): void {
    this.truncate(0);
  }

  /** Drops everything past `n` (a message whose encoding failed midway), zeroing it. */
  truncate(n: number): void {
    this.buf.fill(0, n, this.len);
    this.len = n;
  }

  /** Makes room for n more bytes and returns the offset they start at (zero-filled). */
  reserve(n: number): number {
    const need = this.len + n;
    if (need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      const next = Buffer.alloc(size);
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    const off = this.len;
    this.len = need;
    return off;
  }

  u8(v: number): void { const o = this.reserve(1); this.buf.writeUInt8(v, o); }
  u16(v: number): void { const o = this.reserve(2); this.buf.writeUInt16LE(v, o); }
  u32(v: number): void { const o = this.reserve(4); this.buf.writeUInt32LE(v, o); }
  s32(v: number): void { const o = this.reserve(4); this.buf.writeInt32LE(v, o); }
  bytes(b: Uint8Array): void { const o = this.reserve(b.length); this.buf.set(b, o); }

  /** Zero-pads to the next 4-byte boundary. */
  pad(): void {
    const target = align4(this.len);
    if (target > this.len) this.reserve(target - this.len);
  }

  /** The bytes written so far, as a view (copy it if the writer will be reused). */
  view(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}
