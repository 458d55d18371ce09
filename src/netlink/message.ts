/**
 * struct nlmsghdr: encoding a message into a Writer, splitting a received datagram into
 * messages, and a registry that names message types and knows their body codecs.
 */

import { align4, NLMSG_HDRLEN } from './align.js';
import { NLMSG_DONE, NLMSG_ERROR, NLMSG_NOOP, NLMSG_OVERRUN } from './constants.js';
import { DecodeError } from './errors.js';
import type { Codec } from './codecs.js';
import { Writer } from './writer.js';

/** The fields of struct nlmsghdr other than the length. */
export interface MessageHeader {
  type: number;
  flags: number;
  seq: number;
  /** nlmsg_pid: the sender's port id (0 for the kernel). */
  pid: number;
}

/** One message of a datagram, its body still raw. */
export interface RawMessage extends MessageHeader {
  /** The bytes after the 16-byte header, up to nlmsg_len. */
  body: Buffer;
}

/** Starts a message in `w`: reserves the header; returns the offset to pass to endMessage(). */
export function beginMessage(w: Writer, h: MessageHeader): number {
  const off = w.reserve(NLMSG_HDRLEN);
  w.buf.writeUInt16LE(h.type, off + 4);
  w.buf.writeUInt16LE(h.flags, off + 6);
  w.buf.writeUInt32LE(h.seq >>> 0, off + 8);
  w.buf.writeUInt32LE(h.pid >>> 0, off + 12);
  return off;
}

/** Patches nlmsg_len of the message started at `off` and pads to the next message. */
export function endMessage(w: Writer, off: number): void {
  w.buf.writeUInt32LE(w.len - off, off);
  w.pad();
}

/** Encodes one complete message (header + body through `codec`) into `w`. */
export function writeMessage<T>(w: Writer, h: MessageHeader, codec: Codec<T> | undefined, body: T | Buffer): void {
  const off = beginMessage(w, h);
  if (Buffer.isBuffer(body)) w.bytes(body);
  else if (codec) codec.write(w, body, typeName(h.type));
  endMessage(w, off);
}

/** Encodes one message into a fresh buffer. */
export function encodeMessage<T>(h: MessageHeader, codec: Codec<T> | undefined, body: T | Buffer): Buffer {
  const w = new Writer(256);
  writeMessage(w, h, codec, body);
  return Buffer.from(w.view());
}

/** Splits a datagram into its messages (NLMSG_ALIGN between them), checking every length. */
export function splitMessages(data: Buffer): RawMessage[] {
  const out: RawMessage[] = [];
  let off = 0;
  while (off + NLMSG_HDRLEN <= data.length) {
    const len = data.readUInt32LE(off);
    if (len < NLMSG_HDRLEN) throw new DecodeError('nlmsghdr', `message at offset ${off} has length ${len} < ${NLMSG_HDRLEN}`);
    if (off + len > data.length) throw new DecodeError('nlmsghdr', `message at offset ${off} claims ${len} bytes, only ${data.length - off} left (truncated)`);
    out.push({
      type: data.readUInt16LE(off + 4),
      flags: data.readUInt16LE(off + 6),
      seq: data.readUInt32LE(off + 8),
      pid: data.readUInt32LE(off + 12),
      body: data.subarray(off + NLMSG_HDRLEN, off + len),
    });
    off += align4(len);
  }
  if (off < data.length && data.length - off >= NLMSG_HDRLEN) throw new DecodeError('nlmsghdr', `stray bytes at offset ${off}`);
  return out;
}

/**
 * Checks that a datagram splits into whole messages, with the errors splitMessages() gives,
 * without building them (the socket walks the messages in place).
 */
export function checkMessages(data: Buffer): void {
  let off = 0;
  while (off + NLMSG_HDRLEN <= data.length) {
    const len = data.readUInt32LE(off);
    if (len < NLMSG_HDRLEN) throw new DecodeError('nlmsghdr', `message at offset ${off} has length ${len} < ${NLMSG_HDRLEN}`);
    if (off + len > data.length) throw new DecodeError('nlmsghdr', `message at offset ${off} claims ${len} bytes, only ${data.length - off} left (truncated)`);
    off += align4(len);
  }
  if (off < data.length && data.length - off >= NLMSG_HDRLEN) throw new DecodeError('nlmsghdr', `stray bytes at offset ${off}`);
}

/** What the registry knows of a message type. */
export interface MessageKind {
  name: string;
  body?: Codec<any>;
}

const kinds = new Map<number, MessageKind>([
  [NLMSG_NOOP, { name: 'NLMSG_NOOP' }],
  [NLMSG_ERROR, { name: 'NLMSG_ERROR' }],
  [NLMSG_DONE, { name: 'NLMSG_DONE' }],
  [NLMSG_OVERRUN, { name: 'NLMSG_OVERRUN' }],
]);

/** Registers a message type's name and body codec (route families call this at load). */
export function registerMessage(type: number, name: string, body?: Codec<any>): void {
  kinds.set(type, body ? { name, body } : { name });
}

/** The registered description of a message type, if any. */
export function messageKind(type: number): MessageKind | undefined {
  return kinds.get(type);
}

/** The kernel name of a message type ('RTM_NEWLINK'), or its number. */
export function typeName(type: number): string {
  return kinds.get(type)?.name ?? `type ${type}`;
}
