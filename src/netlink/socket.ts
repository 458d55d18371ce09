/**
 * An AF_NETLINK socket with pipelined requests and streamed dumps on the event loop.
 *
 * The fd is non-blocking and watched with koffi.node.poll, so nothing blocks the event loop.
 * Requests queued in the same tick leave in one sendto(): the kernel's netlink_rcv_skb() walks
 * every message of a datagram and acks each one, so N requests cost one syscall out and a few
 * in. Replies are matched to requests by sequence number. Only one dump runs per socket at a
 * time (a second one would get EBUSY); further dumps wait their turn, requests do not.
 */

import { NLMSG_HDRLEN } from './align.js';
import {
  AF_NETLINK, MSG_TRUNC, NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK, NETLINK_ADD_MEMBERSHIP,
  NETLINK_DROP_MEMBERSHIP, NETLINK_ROUTE, NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP_INTR, NLM_F_REQUEST, NLMSG_DONE,
  NLMSG_ERROR, NLMSG_NOOP, NLMSG_OVERRUN, SOCK_CLOEXEC, SOCK_NONBLOCK, SOCK_RAW, SOL_NETLINK, SOL_SOCKET,
  SO_RCVBUF, SO_RCVBUFFORCE, SO_SNDBUF, SO_SNDBUFFORCE,
} from './constants.js';
import { DecodeError, DumpInterruptedError, NetlinkError, SyscallError, type ExtAck, type RequestSummary } from './errors.js';
import { parseDone, parseError, type Ack } from './ack.js';
import { describeOffset } from './attrs.js';
import type { Codec } from './codecs.js';
import { beginMessage, endMessage, messageKind, splitMessages, typeName, type RawMessage } from './message.js';
import { Writer } from './writer.js';
import { streamDump } from './dump-stream.js';
import * as libc from './libc.js';

/** How to open a netlink socket. */
export interface SocketOptions {
  /** Netlink protocol; NETLINK_ROUTE by default. */
  protocol?: number;
  /** Multicast groups to join (RTNLGRP_* numbers), for monitoring. */
  groups?: number[];
  /** Receive buffer bytes; SO_RCVBUFFORCE is tried first so root is not capped by rmem_max. */
  rcvbuf?: number;
  /** Send buffer bytes. */
  sndbuf?: number;
}

/** A decoded message: header fields plus the body through the type's registered codec. */
export interface Message<T = unknown> {
  type: number;
  flags: number;
  seq: number;
  pid: number;
  /** Decoded body, or the raw bytes when the type has no registered codec. */
  body: T;
}

/** One request to send. */
export interface RequestSpec<B = unknown> {
  type: number;
  /** Flags besides NLM_F_REQUEST (NLM_F_ACK is always added to requests, NLM_F_DUMP to dumps). */
  flags?: number;
  /** The body, encoded through `codec` (default: the type's registered codec) or raw bytes. */
  body: B | Buffer;
  codec?: Codec<B>;
  /** nlctl's name for the operation, for error messages ('link.add veth0'). */
  op?: string;
}

/** What a request returns: messages the kernel sent before its ack, and any ext-ack warning. */
export interface Reply<T = unknown> {
  messages: Message<T>[];
  warning?: ExtAck;
}

/** Options of a dump. */
export interface DumpOptions {
  /** On NLM_F_DUMP_INTR, restart up to this many times (collecting APIs only). Default 0. */
  retries?: number;
}

/** Opens, configures and binds a netlink socket in the calling thread's namespace; returns the fd. */
export function openNetlinkFd(opts: SocketOptions = {}): number {
  const fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, opts.protocol ?? NETLINK_ROUTE);
  try {
    setBuf(fd, SO_RCVBUFFORCE, SO_RCVBUF, opts.rcvbuf ?? 4 << 20);
    setBuf(fd, SO_SNDBUFFORCE, SO_SNDBUF, opts.sndbuf ?? 1 << 20);
    libc.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1, 'NETLINK_EXT_ACK');
    libc.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1, 'NETLINK_CAP_ACK');
    // Strict checking makes the kernel validate dump requests and honour filters in them.
    try { libc.setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1, 'NETLINK_GET_STRICT_CHK'); } catch { /* before 4.20 */ }
    libc.bind(fd, sockaddrNl(0, 0));
    for (const g of opts.groups ?? []) libc.setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, g, `NETLINK_ADD_MEMBERSHIP ${g}`);
    return fd;
  } catch (e) {
    libc.close(fd);
    throw e;
  }
}

function setBuf(fd: number, force: number, plain: number, size: number): void {
  try { libc.setsockopt(fd, SOL_SOCKET, force, size); } catch { libc.setsockopt(fd, SOL_SOCKET, plain, size); }
}

/** struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }. */
function sockaddrNl(pid: number, groups: number): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt16LE(AF_NETLINK, 0);
  b.writeUInt32LE(pid, 4);
  b.writeUInt32LE(groups, 8);
  return b;
}

interface Pending {
  seq: number;
  summary: RequestSummary;
  /** The encoded request (header included), to map an ext-ack offset back to an attribute. */
  sent?: Buffer;
  codec: Codec<any> | undefined;
  dump: boolean;
  messages: Message[];
  /** For streamed dumps: called as messages arrive; for requests: undefined. */
  onMessage?: (m: Message) => void;
  intr: boolean;
  resolve(r: Reply): void;
  reject(e: Error): void;
}

const MAX_DATAGRAM = 32 << 10; // requests per sendto(); the kernel caps a datagram at sk_sndbuf - 32
const RESOLVED = Promise.resolve();
const MAX_IN_FLIGHT = 256;     // requests awaiting replies, so acks cannot overrun the receive buffer
const RECV_BUF = 256 << 10;    // larger than any datagram the kernel builds (dumps cap at 32 KiB)

/** A netlink socket: pipelined requests, streamed dumps and multicast listening. */
export class NetlinkSocket {
  readonly fd: number;
  /** The port id the kernel assigned at bind. */
  readonly portId: number;
  /** Name of the namespace the socket lives in, for error messages. */
  netns: string | undefined;
  private seq = Math.floor(Math.random() * 0x7fffffff);
  private readonly pending = new Map<number, Pending>();
  private queue: { spec: RequestSpec; pending: Pending }[] = [];
  private dumpQueue: { go: () => void; reject: (e: Error) => void }[] = [];
  private dumping = false;
  private flushScheduled = false;
  private readonly flushTask = (): void => { this.flushScheduled = false; this.flush(); };
  private readonly watch: libc.FdWatch;
  private readonly rbuf = Buffer.allocUnsafe(RECV_BUF);
  // Reused for every datagram (each is copied out before sending): a fresh 4 KiB buffer per
  // request was a measurable share of a sequential request's cost in a short-lived process.
  private readonly writer = new Writer(4096);
  private readonly from = Buffer.alloc(12);
  private listeners = new Set<(m: Message | Error) => void>();
  private paused = 0;
  private closed = false;

  /** Opens a socket in the calling thread's namespace. */
  static open(opts: SocketOptions = {}): NetlinkSocket {
    return new NetlinkSocket(openNetlinkFd(opts));
  }

  /** Adopts an fd made by openNetlinkFd() (possibly by a worker in another namespace). */
  constructor(fd: number, netns?: string) {
    this.fd = fd;
    this.netns = netns;
    this.portId = libc.getsockname(fd, 12).readUInt32LE(4);
    this.watch = libc.watchReadable(fd, (status) => this.onReadable(status));
    this.watch.unref();
  }

  private nextSeq(): number {
    this.seq = (this.seq + 1) >>> 0 || 1;
    return this.seq;
  }

  private summary(spec: RequestSpec, seq: number, flags: number): RequestSummary {
    const s: RequestSummary = { op: spec.op ?? typeName(spec.type), type: typeName(spec.type), flags, seq };
    if (this.netns) s.netns = this.netns;
    return s;
  }

  /** Sends one request and resolves with the messages answered before its ack. */
  request<R = unknown, B = unknown>(spec: RequestSpec<B>): Promise<Reply<R>> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(closedError());
      const seq = this.nextSeq();
      const flags = NLM_F_REQUEST | NLM_F_ACK | (spec.flags ?? 0);
      const pending: Pending = {
        seq, summary: this.summary(spec, seq, flags), codec: spec.codec ?? messageKind(spec.type)?.body,
        dump: false, messages: [], intr: false, resolve: resolve as (r: Reply) => void, reject,
      };
      this.queue.push({ spec: { ...spec, flags } as RequestSpec, pending });
      this.scheduleFlush();
    });
  }

  /**
   * Streams a dump: yields each decoded message as it arrives, so a large table never sits in
   * memory. Throws DumpInterruptedError at the end if the kernel flagged NLM_F_DUMP_INTR.
   */
  dump<R = unknown, B = unknown>(spec: RequestSpec<B>): AsyncGenerator<Message<R>> {
    return streamDump<R>({
      start: (onMessage) => this.startDump(spec as RequestSpec, onMessage),
      pause: () => this.pause(),
      resume: () => this.resume(),
    });
  }

  /** Runs a dump to completion and returns every message; retries on NLM_F_DUMP_INTR if asked. */
  async dumpAll<R = unknown, B = unknown>(spec: RequestSpec<B>, opts: DumpOptions = {}): Promise<Message<R>[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.startDump(spec)).messages as Message<R>[];
      } catch (e) {
        if (!(e instanceof DumpInterruptedError) || attempt >= (opts.retries ?? 0)) throw e;
      }
    }
  }

  /**
   * Sends `specs` in one datagram, in order, with nothing between them: an nfnetlink batch
   * (NFNL_MSG_BATCH_BEGIN ... END) is one kernel transaction only when it arrives whole. Flags
   * are used as given (NLM_F_REQUEST added). The kernel handles the datagram inside sendto(), so
   * every answer is queued when it returns: after reading them, a message still unanswered
   * resolves when it did not ask for NLM_F_ACK (it succeeded, or the batch never got that far)
   * and rejects when it did (the kernel skipped it). Resolves with one settled result per spec.
   */
  requestBatch(specs: RequestSpec[]): Promise<PromiseSettledResult<Reply>[]> {
    if (this.closed) return Promise.reject(closedError());
    if (!specs.length) return Promise.resolve([]);
    if (this.paused) return Promise.reject(new Error('requestBatch: a streamed dump is paused on this socket; its replies would be read first'));
    const w = new Writer(4096);
    const results: Promise<Reply>[] = [];
    const sent: Pending[] = [];
    const spans: [number, number][] = [];
    try {
      for (const spec of specs) {
        const seq = this.nextSeq();
        const flags = NLM_F_REQUEST | (spec.flags ?? 0);
        let pending!: Pending;
        results.push(new Promise<Reply>((resolve, reject) => {
          pending = { seq, summary: this.summary(spec, seq, flags), codec: spec.codec ?? messageKind(spec.type)?.body, dump: false, messages: [], intr: false, resolve, reject };
        }));
        const start = w.len;
        const off = beginMessage(w, { type: spec.type, flags, seq, pid: 0 });
        if (Buffer.isBuffer(spec.body)) w.bytes(spec.body);
        else if (pending.codec) pending.codec.write(w, spec.body, pending.summary.type);
        else throw new TypeError(`${pending.summary.op}: no codec for ${pending.summary.type}; pass the body as bytes`);
        endMessage(w, off);
        spans.push([start, w.len]);
        sent.push(pending);
      }
    } catch (e) {
      return Promise.reject(e); // nothing was sent
    }
    const data = Buffer.from(w.view());
    sent.forEach((p, i) => { p.sent = data.subarray(spans[i]![0], spans[i]![1]); this.pending.set(p.seq, p); });
    this.send(data, sent);
    this.onReadable(0);
    for (const p of sent) {
      if (!this.pending.has(p.seq)) continue;
      if (p.summary.flags & NLM_F_ACK) this.settle(p, new Error(`${p.summary.op}: no answer from the kernel: the batch was rejected before this message`));
      else this.settle(p, null);
    }
    return Promise.allSettled(results);
  }

  private startDump(spec: RequestSpec, onMessage?: (m: Message) => void): Promise<Reply> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(closedError());
      const go = () => {
        const seq = this.nextSeq();
        const flags = NLM_F_REQUEST | NLM_F_DUMP | (spec.flags ?? 0);
        const pending: Pending = {
          seq, summary: this.summary(spec, seq, flags), codec: spec.codec ?? messageKind(spec.type)?.body,
          dump: true, messages: [], intr: false, resolve, reject,
        };
        if (onMessage) pending.onMessage = onMessage;
        this.queue.push({ spec: { ...spec, flags }, pending });
        this.scheduleFlush();
      };
      if (this.dumping) this.dumpQueue.push({ go, reject });
      else { this.dumping = true; go(); }
    });
  }

  private dumpFinished(): void {
    const next = this.dumpQueue.shift();
    if (next) next.go();
    else this.dumping = false;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A resolved promise's then() rather than queueMicrotask(): Node wraps every queueMicrotask
    // callback in an AsyncResource, a measurable cost per request in a sequential batch.
    RESOLVED.then(this.flushTask);
  }

  /** Encodes queued requests into as few datagrams as fit, within the in-flight window. */
  private flush(): void {
    while (this.queue.length && this.pending.size < MAX_IN_FLIGHT && !this.closed) {
      const w = this.writer;
      w.reset();
      const batch: { pending: Pending; start: number; end: number }[] = [];
      while (this.queue.length && this.pending.size + batch.length < MAX_IN_FLIGHT && w.len < MAX_DATAGRAM) {
        const { spec, pending } = this.queue.shift()!;
        const start = w.len;
        try {
          const off = beginMessage(w, { type: spec.type, flags: spec.flags!, seq: pending.seq, pid: 0 });
          if (Buffer.isBuffer(spec.body)) w.bytes(spec.body);
          else if (pending.codec) pending.codec.write(w, spec.body, pending.summary.type);
          else throw new TypeError(`${pending.summary.op}: no codec registered for ${pending.summary.type}; pass the body as bytes`);
          endMessage(w, off);
        } catch (e) {
          w.truncate(start); // zeroed: the next message's reserved bytes must not inherit this one's
          pending.reject(e as Error);
          if (pending.dump) this.dumpFinished();
          continue;
        }
        batch.push({ pending, start, end: w.len });
      }
      if (!batch.length) continue;
      const data = Buffer.from(w.view());
      for (const b of batch) {
        b.pending.sent = data.subarray(b.start, b.end);
        this.pending.set(b.pending.seq, b.pending);
      }
      this.send(data, batch.map((b) => b.pending));
      // rtnetlink handles a request inside sendto(): its replies (and a dump's first part) are
      // queued before sendto returns, so read them now instead of after an event-loop turn.
      this.onReadable(0, true);
    }
    if (this.pending.size) this.watch.ref();
  }

  private send(data: Buffer, sent: Pending[]): void {
    for (;;) {
      const n = libc.sendto(this.fd, data, data.length, 0, null);
      if (n === data.length) return;
      if (n === -4 /* EINTR */) continue;
      // EAGAIN/ENOBUFS on send, or a short write: fail what this datagram carried.
      const err = n < 0 ? new SyscallError('sendto', -n) : new SyscallError('sendto', 90 /* EMSGSIZE */);
      for (const p of sent) { this.pending.delete(p.seq); p.reject(err); if (p.dump) this.dumpFinished(); }
      return;
    }
  }

  private pause(): void { if (this.paused++ === 0) this.watch.stop(); }
  private resume(): void { if (--this.paused === 0 && !this.closed) { this.watch.start(); this.onReadable(0); } }

  /**
   * Reads until EAGAIN, or (`afterSend`) until nothing waits: then the read that would only say
   * EAGAIN is skipped, one syscall of every sequential request; anything unexpected that did
   * arrive is read when the level-triggered watcher reports it.
   */
  private onReadable(status: number, afterSend = false): void {
    if (this.closed || this.paused) return;
    // libuv reports POLLERR as UV_EBADF and stops the watcher. On a netlink socket POLLERR means
    // a pending socket error (ENOBUFS after an overrun), which the next recvfrom() returns: read
    // on, and re-arm the watcher.
    if (status < 0) this.watch.restart();
    for (;;) {
      let n: number;
      // Runs from the poll callback: a throw here would be uncaught, so fail the waiters instead.
      try { n = libc.recvfrom(this.fd, this.rbuf, MSG_TRUNC, this.from); } catch (e) { this.failAll(e as Error); break; }
      if (n === -11 /* EAGAIN */) break;
      if (n === -4 /* EINTR */) continue;
      if (n === -105 /* ENOBUFS */) {
        // The receive queue overran: replies or events were dropped.
        this.failAll(new NetlinkError(105, { op: 'recv (receive buffer overrun: replies or events were dropped)', type: 'overrun', flags: 0, seq: 0, ...(this.netns ? { netns: this.netns } : {}) }));
        continue;
      }
      if (n > this.rbuf.length) {
        this.failAll(new DecodeError('recv', `datagram of ${n} bytes truncated to ${this.rbuf.length}`));
        continue;
      }
      // Only the kernel (port 0) may answer; anything else is spoofed or stray.
      if (this.from.readUInt32LE(4) !== 0) continue;
      // One copy per datagram, so decoded Buffers never alias the reused receive buffer.
      this.dispatch(Buffer.from(this.rbuf.subarray(0, n)));
      if (this.paused) break;
      if (afterSend && !this.pending.size && !this.listeners.size) break;
    }
    if (!this.pending.size && !this.queue.length && !this.listeners.size) this.watch.unref();
    if (this.queue.length) this.flush();
  }

  private dispatch(datagram: Buffer): void {
    let msgs: RawMessage[];
    try { msgs = splitMessages(datagram); } catch (e) { this.failAll(e as Error); return; }
    for (const m of msgs) {
      const p = this.pending.get(m.seq);
      if (!p || m.seq === 0) { this.deliverEvent(m); continue; }
      try {
        this.onReply(p, m);
      } catch (e) {
        this.settle(p, e as Error);
      }
    }
  }

  private onReply(p: Pending, m: RawMessage): void {
    if (m.flags & NLM_F_DUMP_INTR) p.intr = true;
    if (m.type === NLMSG_ERROR) {
      const ack = parseError(m.body, m.flags);
      if (ack.errno !== 0) return this.settle(p, this.toError(p, ack));
      return this.settle(p, null, ack.extack);
    }
    if (m.type === NLMSG_DONE) {
      const ack = parseDone(m.body, m.flags);
      if (ack.errno !== 0) return this.settle(p, this.toError(p, ack));
      if (p.intr) return this.settle(p, new DumpInterruptedError(p.messages, p.summary));
      return this.settle(p, null, ack.extack);
    }
    if (m.type === NLMSG_NOOP || m.type === NLMSG_OVERRUN) return;
    const msg = decodeMessage(m);
    if (p.onMessage) p.onMessage(msg);
    else p.messages.push(msg);
  }

  private settle(p: Pending, err: Error | null, warning?: ExtAck): void {
    if (!this.pending.delete(p.seq)) return;
    if (p.dump) this.dumpFinished();
    if (err) p.reject(err);
    else p.resolve(warning ? { messages: p.messages, warning } : { messages: p.messages });
  }

  private toError(p: Pending, ack: Ack): NetlinkError {
    const ext = ack.extack;
    if (ext?.offset !== undefined && p.sent && p.codec && ext.offset >= NLMSG_HDRLEN) {
      try {
        const attr = describeOffset(p.codec, p.sent.subarray(NLMSG_HDRLEN), ext.offset - NLMSG_HDRLEN);
        if (attr) ext.attr = attr;
      } catch { /* the offset is advisory */ }
    }
    return new NetlinkError(ack.errno, p.summary, ext);
  }

  private failAll(err: Error): void {
    for (const p of [...this.pending.values()]) this.settle(p, err);
    for (const l of this.listeners) l(err);
  }

  private deliverEvent(m: RawMessage): void {
    if (!this.listeners.size) return;
    let msg: Message;
    try { msg = decodeMessage(m); } catch (e) { for (const l of this.listeners) l(e as Error); return; }
    for (const l of this.listeners) l(msg);
  }

  /** Joins a multicast group (RTNLGRP_*). */
  addMembership(group: number): void {
    libc.setsockopt(this.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, `NETLINK_ADD_MEMBERSHIP ${group}`);
  }

  /** Leaves a multicast group. */
  dropMembership(group: number): void {
    libc.setsockopt(this.fd, SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, group, `NETLINK_DROP_MEMBERSHIP ${group}`);
  }

  /**
   * Receives unsolicited messages (multicast notifications) until the returned function is
   * called. Errors (ENOBUFS: events were lost) are passed as Error values.
   */
  listen(listener: (m: Message | Error) => void): () => void {
    this.listeners.add(listener);
    this.watch.ref();
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size && !this.pending.size) this.watch.unref();
    };
  }

  /** Number of requests and dumps awaiting replies. */
  get inFlight(): number {
    return this.pending.size + this.queue.length;
  }

  /** Closes the fd; requests still waiting are rejected. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watch.close();
    const err = closedError();
    for (const p of this.pending.values()) p.reject(err);
    for (const q of this.queue) q.pending.reject(err);
    for (const d of this.dumpQueue) d.reject(err);
    this.pending.clear();
    this.queue = [];
    this.dumpQueue = [];
    libc.close(this.fd);
  }
}

/** The error for requests on (or left waiting by) a closed socket. */
function closedError(): Error {
  return Object.assign(new Error('netlink socket is closed'), { code: 'ERR_NETLINK_CLOSED' });
}

/** Decodes a raw message's body through its type's registered codec (raw bytes otherwise). */
export function decodeMessage(m: RawMessage): Message {
  const codec = messageKind(m.type)?.body;
  const body = codec ? codec.read(m.body, typeName(m.type)) : Buffer.from(m.body);
  return { type: m.type, flags: m.flags, seq: m.seq, pid: m.pid, body };
}
