/**
 * An AF_NETLINK socket with pipelined requests and streamed dumps on the event loop.
 *
 * The fd is non-blocking and watched with koffi.node.poll, so nothing blocks the event loop.
 * Requests queued in the same tick leave in one sendto(): the kernel's netlink_rcv_skb() walks
 * every message of a datagram, answers each failure, and acks the last (only it asks:
 * elideAcks), so N requests cost one syscall out and one in. Replies are matched to requests
 * by sequence number. Only one dump runs per socket at a time (a second one would get EBUSY);
 * further dumps wait their turn, requests do not.
 */

import { NLMSG_HDRLEN } from './align.js';
import {
  AF_NETLINK, MSG_TRUNC, NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK, NETLINK_ADD_MEMBERSHIP,
  NETLINK_DROP_MEMBERSHIP, NETLINK_ROUTE, NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP_INTR, NLM_F_MULTI, NLM_F_REQUEST, NLMSG_DONE,
  NLMSG_ERROR, NLMSG_NOOP, NLMSG_OVERRUN, SOCK_CLOEXEC, SOCK_NONBLOCK, SOCK_RAW, SOL_NETLINK, SOL_SOCKET,
  SO_RCVBUF, SO_RCVBUFFORCE, SO_SNDBUF, SO_SNDBUFFORCE,
} from './constants.js';
import { DecodeError, DumpInterruptedError, NetlinkError, SyscallError, type ExtAck, type RequestSummary } from './errors.js';
import { parseDone, parseError, type Ack } from './ack.js';
import { describeOffset } from './attrs.js';
import { readAt, type Codec } from './codecs.js';
import { beginMessage, checkMessages, endMessage, messageKind, typeName, type RawMessage } from './message.js';
import { Writer } from './writer.js';
import { Fifo } from './fifo.js';
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
  /**
   * Ask for this request's own ack even when it leaves in one datagram with others. By default
   * only the last request of a datagram asks (NLM_F_ACK): the kernel answers every failure
   * anyway, so the earlier ones succeeded when the last one's answer comes. What only an ack
   * carries is an ext-ack warning on success (Reply.warning): set this to get it.
   */
  ownAck?: boolean;
  /** Milliseconds to wait for the answer (a dump's NLMSG_DONE) before failing with ETIMEDOUT; overrides the handle's. */
  timeout?: number;
  /** Gives up waiting when aborted, in addition to the handle's signal. */
  signal?: AbortSignal;
  /**
   * Decodes the reply messages (not the ack) with this instead of their type's registered codec:
   * a caller that needs only a field or two of a large message reads just those (perf).
   */
  replyCodec?: Codec<unknown>;
}

/** Bounds on waiting that apply to every request of a socket (a handle's `timeout`/`signal`). */
export interface WaitLimits {
  /** Milliseconds each request (or dump) may wait for its answer; none by default. */
  timeout?: number;
  /** Aborting it fails every request still waiting, and every later one. */
  signal?: AbortSignal;
}

/** What a request returns: messages the kernel sent before its ack, and any ext-ack warning. */
export interface Reply<T = unknown> {
  messages: Message<T>[];
  warning?: ExtAck;
}

/** What a collected dump does when the kernel flags it NLM_F_DUMP_INTR (a change raced it). */
export interface DumpOptions {
  /**
   * Run the dump again up to this many times (collected dumps only; a stream's messages were
   * already handed out). Default: the socket's `dumpPolicy.retries`, 3; 0 opts out.
   */
  retries?: number;
  /**
   * When the retries are spent: called with the DumpInterruptedError, and what the last attempt
   * read is returned instead of thrown (ip's way: warn and keep it). Unset: the error is thrown.
   */
  onInterrupted?: (e: DumpInterruptedError) => void;
}

/** Retries of a collected dump that a socket makes by default. */
export const DEFAULT_DUMP_RETRIES = 3;

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

/** A request encoded into a datagram: where its bytes are, and whether it keeps its own ack. */
interface Outgoing {
  pending: Pending;
  start: number;
  end: number;
  own?: boolean;
}

/** Requests of one datagram sent without NLM_F_ACK, and the one after them that asked (elideAcks). */
interface AckGroup {
  /** Sequence number of the request whose ack answers for the group. */
  carrier: number;
  /** The requests before the carrier, in order: sent without NLM_F_ACK, or with their own (ownAck). */
  covered: Pending[];
  /** covered[0..next) are settled. */
  next: number;
}

interface Pending {
  seq: number;
  /** Sent before a carrier (elideAcks): without NLM_F_ACK, its success is known from the carrier's answer. */
  group?: AckGroup;
  /** What to encode, while the request waits in the queue (its flags are summary.flags). */
  spec?: RequestSpec;
  summary: RequestSummary;
  /**
   * The datagram the request left in and where in it (sentBytes()), to map an ext-ack offset back
   * to an attribute: offsets, not a view per request, which lived as long as the request (perf).
   */
  sentIn?: Buffer;
  sentAt?: number;
  codec: Codec<any> | undefined;
  dump: boolean;
  /** Replies before the ack; made on the first (most requests have none). */
  messages: Message[] | undefined;
  /**
   * A collected dump's messages, kept raw until NLMSG_DONE (see deferDecode): the datagram of
   * each and its offset there, in two flat arrays (an object per message was most of a 100k-route
   * dump's garbage).
   */
  rawData?: Buffer[];
  rawOff?: number[];
  /** For streamed dumps: called with each message, raw (the stream decodes it when it is read); for requests: undefined. */
  onMessage?: (data: Buffer, off: number) => void;
  /** RequestSpec.replyCodec (perf). */
  replyCodec?: Codec<unknown>;
  intr: boolean;
  /**
   * A request() that the kernel answers as a dump (NLM_F_DUMP in its flags on a GET, through
   * the raw escape hatch): its replies carry NLM_F_MULTI and it ends with NLMSG_DONE, never an
   * ack, so a carrier's answer does not settle it.
   */
  multi?: boolean;
  resolve(r: Reply): void;
  reject(e: Error): void;
}

const MAX_DATAGRAM = 32 << 10; // requests per sendto(); the kernel caps a datagram at sk_sndbuf - 32
const RESOLVED = Promise.resolve();
const MAX_IN_FLIGHT = 256;     // requests awaiting replies, so acks cannot overrun the receive buffer
const RECV_BUF = 256 << 10;    // larger than any datagram the kernel builds (dumps cap at 32 KiB)
const EMSGSIZE = 90;
const ETIMEDOUT = 110;

/** A netlink socket: pipelined requests, streamed dumps and multicast listening. */
export class NetlinkSocket {
  readonly fd: number;
  /** The port id the kernel assigned at bind. */
  readonly portId: number;
  /** Name of the namespace the socket lives in, for error messages. */
  netns: string | undefined;
  private seq = Math.floor(Math.random() * 0x7fffffff);
  private readonly pending = new Map<number, Pending>();
  /** The ack groups of datagrams whose answers are still coming, by their carrier's sequence number (elideAcks). */
  private readonly covering = new Map<number, AckGroup>();
  /** The handle-wide bounds on waiting; each request's own options take precedence. */
  limits: WaitLimits = {};
  /**
   * Collected dumps keep each part raw and decode at NLMSG_DONE. The kernel builds a dump's
   * next part as the previous one is read, so time spent decoding between reads stretches the
   * window in which a concurrent change interrupts the dump (NLM_F_DUMP_INTR): a link decodes
   * in ~25 us, the read of a 32 KiB part costs a few. Measured in bench/dump-churn.ts.
   */
  deferDecode = true;
  /** What collected dumps on this socket do when interrupted, unless a call says otherwise. */
  dumpPolicy: DumpOptions = { retries: DEFAULT_DUMP_RETRIES };
  private readonly queue = new Fifo<Pending>();
  private dumpQueue: { go: () => void; reject: (e: Error) => void }[] = [];
  private dumping = false;
  /** Sequence number of the running dump when it is streamed (the one a pause concerns). */
  private activeStream: number | undefined;
  private flushScheduled = false;
  private readonly flushTask = (): void => { this.flushScheduled = false; this.flush(); };
  private readonly watch: libc.FdWatch;
  private readonly rbuf = Buffer.allocUnsafe(RECV_BUF);
  // Reused for every datagram (each is copied out before sending): a fresh 4 KiB buffer per
  // request was a measurable share of a sequential request's cost in a short-lived process.
  private readonly writer = new Writer(4096);
  private readonly from = Buffer.alloc(12);
  /** Bytes one datagram may hold: the kernel refuses more than sk_sndbuf - 32 (netlink_sendmsg). */
  private readonly maxDatagram: number;
  private listeners = new Set<(m: Message | Error) => void>();
  /** Set by holdEvents(): a listener is far behind. */
  private eventsHeld = false;
  /** The streamed dump whose consumer is far behind, if any. */
  private pausedStream: number | undefined;
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
    let sndbuf = MAX_DATAGRAM + 32;
    try { sndbuf = libc.getsockoptInt(fd, SOL_SOCKET, SO_SNDBUF); } catch { /* keep the default cap */ }
    this.maxDatagram = Math.max(NLMSG_HDRLEN, Math.min(MAX_DATAGRAM, sndbuf - 32));
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
    let pending: Pending | undefined;
    const work = new Promise<Reply<R>>((resolve, reject) => {
      if (this.closed) return reject(closedError());
      const seq = this.nextSeq();
      const flags = NLM_F_REQUEST | NLM_F_ACK | (spec.flags ?? 0);
      pending = {
        seq, summary: this.summary(spec, seq, flags), codec: spec.codec ?? messageKind(spec.type)?.body,
        dump: false, messages: undefined, intr: false, resolve: resolve as (r: Reply) => void, reject,
      };
      if (spec.replyCodec) pending.replyCodec = spec.replyCodec; // perf: decode replies on demand
      pending.spec = spec as RequestSpec;
      this.queue.push(pending);
      this.scheduleFlush();
    });
    return this.bounded(spec, work, () => pending?.summary ?? this.summary(spec, 0, spec.flags ?? 0), () => { if (pending) this.abandon(pending); });
  }

  /**
   * Streams a dump: yields each decoded message as it arrives, so a large table never sits in
   * memory. Throws DumpInterruptedError at the end if the kernel flagged NLM_F_DUMP_INTR.
   */
  dump<R = unknown, B = unknown>(spec: RequestSpec<B>): AsyncGenerator<Message<R>> {
    const codec = spec.replyCodec;
    return streamDump<R>({
      start: (onMessage) => this.startDump(spec as RequestSpec, onMessage),
      decode: (data, off) => decodeMessageAt(data, off, codec),
      pause: () => this.pause(),
      resume: () => this.resume(),
    });
  }

  /**
   * Runs a dump to completion and returns every message. On NLM_F_DUMP_INTR it runs the dump
   * again, a bounded number of times (`retries`, the socket's `dumpPolicy` by default); when
   * they are spent it throws DumpInterruptedError holding what the last attempt read, or hands
   * that error to `onInterrupted` and returns what was read.
   */
  async dumpAll<R = unknown, B = unknown>(spec: RequestSpec<B>, opts: DumpOptions = {}): Promise<Message<R>[]> {
    const retries = opts.retries ?? this.dumpPolicy.retries ?? DEFAULT_DUMP_RETRIES;
    const onInterrupted = opts.onInterrupted ?? this.dumpPolicy.onInterrupted;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.startDump(spec)).messages as Message<R>[];
      } catch (e) {
        if (!(e instanceof DumpInterruptedError) || attempt < retries) {
          if (e instanceof DumpInterruptedError) continue;
          throw e;
        }
        if (!onInterrupted) throw e;
        onInterrupted(e);
        return e.messages as Message<R>[];
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
          pending = { seq, summary: this.summary(spec, seq, flags), codec: spec.codec ?? messageKind(spec.type)?.body, dump: false, messages: undefined, intr: false, resolve, reject };
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
    sent.forEach((p, i) => { p.sentIn = data; p.sentAt = spans[i]![0]; this.pending.set(p.seq, p); });
    // One transaction only when it arrives whole: never split on EMSGSIZE.
    this.send(data, sent.map((p, i) => ({ pending: p, start: spans[i]![0], end: spans[i]![1] })), false);
    this.onReadable(0);
    for (const p of sent) {
      if (!this.pending.has(p.seq)) continue;
      if (p.summary.flags & NLM_F_ACK) this.settle(p, new Error(`${p.summary.op}: no answer from the kernel: the batch was rejected before this message`));
      else this.settle(p, null);
    }
    return Promise.allSettled(results);
  }

  private startDump(spec: RequestSpec, onMessage?: (data: Buffer, off: number) => void): Promise<Reply> {
    let pending: Pending | undefined;
    let waiting: { go: () => void; reject: (e: Error) => void } | undefined;
    const work = new Promise<Reply>((resolve, reject) => {
      if (this.closed) return reject(closedError());
      const go = () => {
        waiting = undefined;
        const seq = this.nextSeq();
        const flags = NLM_F_REQUEST | NLM_F_DUMP | (spec.flags ?? 0);
        pending = {
          seq, summary: this.summary(spec, seq, flags), codec: spec.codec ?? messageKind(spec.type)?.body,
          dump: true, messages: undefined, intr: false, resolve, reject,
        };
        if (onMessage) { pending.onMessage = onMessage; this.activeStream = seq; }
        pending.spec = spec;
        this.queue.push(pending);
        this.scheduleFlush();
      };
      if (this.dumping) {
        waiting = { go, reject };
        this.dumpQueue.push(waiting);
        if (this.pausedStream !== undefined) this.syncWatch();
      } else { this.dumping = true; go(); }
    });
    return this.bounded(spec, work, () => pending?.summary ?? this.summary(spec, 0, NLM_F_REQUEST | NLM_F_DUMP | (spec.flags ?? 0)), () => {
      if (pending) this.abandon(pending);
      else if (waiting) this.dumpQueue.splice(this.dumpQueue.indexOf(waiting), 1);
    });
  }

  /**
   * `work`, failed early when the request's (or else the handle's) timeout passes or a signal
   * aborts; `abandon` then stops the socket waiting for it. The error names the request.
   */
  private bounded<T>(spec: RequestSpec, work: Promise<T>, what: () => RequestSummary, abandon: () => void): Promise<T> {
    const ms = spec.timeout ?? this.limits.timeout;
    const signals = [spec.signal, this.limits.signal].filter((x): x is AbortSignal => x !== undefined);
    if (ms === undefined && !signals.length) return work;
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (): void => {
        if (timer) clearTimeout(timer);
        for (const s of signals) s.removeEventListener('abort', onAbort);
      };
      const giveUp = (e: Error): void => { done(); abandon(); reject(e); };
      const onAbort = (ev?: Event): void => {
        const signal = (ev?.target as AbortSignal | undefined) ?? signals.find((s) => s.aborted)!;
        giveUp(abortError(what(), signal.reason));
      };
      work.then((v) => { done(); resolve(v); }, (e: Error) => { done(); reject(e); });
      if (signals.some((s) => s.aborted)) return onAbort();
      for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
      if (ms !== undefined) {
        timer = setTimeout(() => giveUp(timeoutError(what(), ms)), ms);
        timer.unref(); // the socket's watcher keeps the process alive while anything waits
      }
    });
  }

  /** Stops waiting for a request the caller gave up on (timeout or abort). */
  private abandon(p: Pending): void {
    if (this.queue.remove((q) => q === p)) {
      if (p.dump) this.dumpFinished();
      return;
    }
    if (!this.pending.delete(p.seq)) return;
    // A late answer is dropped as unmatched. For a dump this frees the socket for the next one
    // at once: if the kernel is in fact still dumping, that one fails EBUSY, which says so,
    // where waiting for a NLMSG_DONE that was lost would hang every later dump.
    if (p.dump) this.dumpFinished();
    if (this.pausedStream !== undefined || this.eventsHeld) this.syncWatch();
    if (this.queue.length) this.scheduleFlush(); // its slot in the in-flight window is free
  }

  private dumpFinished(): void {
    this.activeStream = undefined;
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
      const batch: Outgoing[] = [];
      while (this.queue.length && this.pending.size + batch.length < MAX_IN_FLIGHT && w.len < this.maxDatagram) {
        const pending = this.queue.shift()!;
        const spec = pending.spec!;
        pending.spec = undefined; // only the queue needs it
        const start = w.len;
        try {
          const off = beginMessage(w, { type: spec.type, flags: pending.summary.flags, seq: pending.seq, pid: 0 });
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
        batch.push({ pending, start, end: w.len, own: spec.ownAck === true });
      }
      if (!batch.length) continue;
      if (batch.length > 1) this.elideAcks(w.buf, batch);
      const data = Buffer.from(w.view());
      for (const b of batch) {
        b.pending.sentIn = data;
        b.pending.sentAt = b.start;
        this.pending.set(b.pending.seq, b.pending);
      }
      this.send(data, batch);
      // rtnetlink handles a request inside sendto(): its replies (and a dump's first part) are
      // queued before sendto returns, so read them now instead of after an event-loop turn.
      this.onReadable(0, true);
    }
    if (this.pending.size) this.watch.ref();
    if (this.pausedStream !== undefined || this.eventsHeld) this.syncWatch();
  }

  /**
   * One ack per datagram instead of one per request (perf: pipelined requests). The kernel's
   * netlink_rcv_skb() runs a datagram's messages in order and sends NLMSG_ERROR for each that
   * fails whether or not it asked for an ack; so only the last request asks, and its answer
   * (success or failure) says that every earlier one without an error of its own succeeded.
   * Each ack was an skb for the kernel to build and queue and a recvfrom() for us: ~40% of a
   * pipelined request (bench/README.md section 8). Dumps are left as they are (they end with
   * NLMSG_DONE), as is a request that asks for its own ack (RequestSpec.ownAck).
   */
  private elideAcks(buf: Buffer, batch: Outgoing[]): void {
    let last = batch.length - 1;
    while (last >= 0 && batch[last]!.pending.dump) last--;
    if (last <= 0) return;
    const group: AckGroup = { carrier: batch[last]!.pending.seq, covered: [], next: 0 };
    for (let i = 0; i < last; i++) {
      const b = batch[i]!;
      if (b.pending.dump) continue;
      // A request with its own ack joins the group too, keeping its ack: when that ack comes,
      // the covered ones before it settle first (call order), and the carrier skips it.
      if (!b.own) {
        buf.writeUInt16LE(buf.readUInt16LE(b.start + 6) & ~NLM_F_ACK, b.start + 6);
        b.pending.summary.flags &= ~NLM_F_ACK;
      }
      b.pending.group = group;
      group.covered.push(b.pending);
    }
    if (group.covered.length) this.covering.set(group.carrier, group);
  }

  /**
   * An NLMSG_ERROR for `p` (or for `seq`, a carrier given up on) came. The kernel runs a
   * datagram in order, so every covered request before it that has not failed succeeded:
   * settled now, before `p`, so that promises settle in the order of the calls.
   */
  private settleCovered(seq: number, p: Pending | undefined): void {
    const g = p?.group ?? this.covering.get(seq);
    if (!g) return;
    while (g.next < g.covered.length) {
      const q = g.covered[g.next++]!;
      if (q === p) break;
      if (!(q.summary.flags & NLM_F_ACK) && !q.multi) this.settle(q, null); // one with its own ack (or a dump's end) waits for it
    }
    if (g.next >= g.covered.length) this.covering.delete(g.carrier);
  }

  /**
   * Sends one datagram and never throws: this runs in the flush callback, where a throw would be
   * uncaught and end the process. A datagram the kernel finds too big (EMSGSIZE: it caps one at
   * sk_sndbuf - 32 bytes, netlink_sendmsg) is split and its messages sent one by one, so only a
   * message too big on its own fails; any other refusal fails exactly the requests it carried.
   */
  private send(data: Buffer, sent: Outgoing[], split = true): void {
    let n: number;
    for (;;) {
      try { n = libc.sendto(this.fd, data, data.length, 0, null); } catch (e) { n = -((e as SyscallError).errno ?? 22); }
      if (n !== -4 /* EINTR */) break;
    }
    if (n === data.length) return;
    if (n === -EMSGSIZE && sent.length > 1 && split) {
      // One by one, each asking for its own ack again (elideAcks): the request whose ack was to
      // answer for the others may be the one too big to send.
      for (const b of sent) {
        this.covering.delete(b.pending.seq);
        if (!b.pending.group) continue;
        b.pending.group = undefined;
        b.pending.summary.flags |= NLM_F_ACK;
        data.writeUInt16LE(data.readUInt16LE(b.start + 6) | NLM_F_ACK, b.start + 6);
      }
      for (const b of sent) this.send(data.subarray(b.start, b.end), [{ pending: b.pending, start: 0, end: b.end - b.start }]);
      return;
    }
    // EAGAIN/ENOBUFS (no memory for the skb), EMSGSIZE for a lone message, or a short write.
    for (const { pending: p } of sent) {
      const err = new SyscallError('sendto', n < 0 ? -n : EMSGSIZE, `${p.summary.op}${p.summary.netns ? ` [netns ${p.summary.netns}]` : ''} (${sentBytes(p)?.length ?? 0} bytes)`);
      this.settle(p, err);
    }
  }

  /*
   * A streamed dump's backpressure (issue 9 item 3). Its consumer pauses the socket when far
   * behind; the kernel then builds no further part (netlink_recvmsg builds the next one as it
   * reads). But one socket carries everything on the handle, so a pause must not hold others:
   * while anything else waits (a request, or a dump queued behind this one), the socket reads
   * on and the paused stream buffers what arrives. For a request that is a part or two (its
   * reply queues right behind the part already waiting, and reading stops once it is answered);
   * for a queued dump it is the rest of the paused dump, since the kernel runs one dump per socket.
   * Why not a socket per dump: in another namespace each would cost a worker trip, on every
   * dump, to save memory only in the case where a caller stops reading a stream while asking
   * for more; and the memory so spent is what a collected dump would hold anyway.
   */
  // Called by the running stream only (pause comes from its message callback).
  private pause(): void { this.pausedStream = this.activeStream; this.syncWatch(); }
  private resume(): void { this.pausedStream = undefined; if (!this.closed) { this.syncWatch(); this.onReadable(0); } }

  /**
   * Stops (true) or restarts reading while no request waits, for a listener that is far behind:
   * the kernel then queues up to the receive buffer and drops the rest, flagging ENOBUFS, which
   * the listener gets when reading restarts. Unbounded buffering in here would hide the loss.
   */
  holdEvents(on: boolean): void {
    if (this.eventsHeld === on) return;
    this.eventsHeld = on;
    this.syncWatch();
    if (!on && !this.closed) this.onReadable(0);
  }

  /** True while a paused stream (or a held listener) is all that waits on the socket: then it stops reading. */
  private held(): boolean {
    if (this.eventsHeld && !this.pending.size && !this.queue.length) return true;
    // A stream paused after its dump ended holds nothing: its rest is already buffered.
    return this.pausedStream !== undefined && this.pausedStream === this.activeStream &&
      this.pending.size === 1 && !this.queue.length && !this.dumpQueue.length;
  }

  private syncWatch(): void {
    if (this.closed) return;
    if (this.held()) this.watch.stop();
    else this.watch.start();
  }

  /**
   * Reads until EAGAIN, or (`afterSend`) until nothing waits: then the read that would only say
   * EAGAIN is skipped, one syscall of every sequential request; anything unexpected that did
   * arrive is read when the level-triggered watcher reports it.
   */
  private onReadable(status: number, afterSend = false): void {
    if (this.closed || this.held()) return;
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
      if (n > RECV_BUF) {
        this.failAll(new DecodeError('recv', `datagram of ${n} bytes truncated to ${RECV_BUF}`));
        continue;
      }
      // Only the kernel (port 0) may answer; anything else is spoofed or stray.
      if (this.from.readUInt32LE(4) !== 0) continue;
      // One copy per datagram, so decoded Buffers never alias the reused receive buffer. (Copying
      // into one larger arena instead was measured no faster: the cost is the fresh pages the
      // copies fill, ~5.6 ms per MB on this VM, as for any memory the dump keeps.)
      this.dispatch(Buffer.from(this.rbuf.subarray(0, n)));
      if (this.held()) { this.watch.stop(); break; }
      if (afterSend && !this.pending.size && !this.listeners.size) break;
    }
    if (!this.pending.size && !this.queue.length && !this.listeners.size) this.watch.unref();
    if (this.queue.length) this.flush();
  }

  private dispatch(d: Buffer): void {
    // Every length is checked before any message is acted on, as splitMessages() does.
    try { checkMessages(d); } catch (e) { this.failAll(e as Error); return; }
    for (let off = 0; off + NLMSG_HDRLEN <= d.length; off += (d.readUInt32LE(off) + 3) & ~3) {
      const seq = d.readUInt32LE(off + 8);
      const p = this.pending.get(seq);
      // Before the request's own answer, so that promises settle in the requests' order. A
      // request() answered as a dump ends with NLMSG_DONE, without an ack (netlink_dump_start()
      // returns -EINTR: netlink_rcv_skb() skips the ack); as a carrier, that is its answer.
      if (this.covering.size) {
        const type = d.readUInt16LE(off + 4);
        if (type === NLMSG_ERROR || type === NLMSG_DONE) this.settleCovered(seq, p);
      }
      if (!p || seq === 0) { this.deliverEvent(rawMessage(d, off)); continue; }
      try {
        this.onReply(p, d, off);
      } catch (e) {
        // A reply that fails to decode settles `p` before its ack: what `p` answers for (every
        // covered request before it; all of them when it is the carrier) settles now, since the
        // carrier's ack will find nothing left to answer for.
        if (this.covering.size) this.settleCovered(seq, p);
        this.settle(p, e as Error);
      }
    }
  }

  /** Handles the message at `off` of datagram `d` (lengths checked) for `p`. */
  private onReply(p: Pending, d: Buffer, off: number): void {
    const type = d.readUInt16LE(off + 4);
    const flags = d.readUInt16LE(off + 6);
    if (flags & NLM_F_DUMP_INTR) p.intr = true;
    if (flags & NLM_F_MULTI && !p.dump) p.multi = true;
    if (type === NLMSG_ERROR || type === NLMSG_DONE) {
      const body = d.subarray(off + NLMSG_HDRLEN, off + d.readUInt32LE(off));
      const ack = type === NLMSG_ERROR ? parseError(body, flags) : parseDone(body, flags);
      if (ack.errno !== 0) return this.settle(p, this.toError(p, ack));
      if (type === NLMSG_DONE) {
        if (p.rawData) p.messages = decodeAll(p.rawData, p.rawOff!, p.replyCodec);
        if (p.intr) return this.settle(p, new DumpInterruptedError(p.messages ?? [], p.summary));
      }
      return this.settle(p, null, ack.extack);
    }
    if (type === NLMSG_NOOP || type === NLMSG_OVERRUN) return;
    if (p.onMessage) return p.onMessage(d, off);
    if (p.dump && this.deferDecode) {
      (p.rawData ??= []).push(d);
      (p.rawOff ??= []).push(off);
      return;
    }
    (p.messages ??= []).push(decodeMessageAt(d, off, p.replyCodec));
  }

  private settle(p: Pending, err: Error | null, warning?: ExtAck): void {
    if (!this.pending.delete(p.seq)) return;
    // Failed without the kernel's answer (sendto refused it, close, overrun): what it covered
    // is failed by the same cause, each on its own.
    if (this.covering.size) this.covering.delete(p.seq);
    if (p.dump) this.dumpFinished();
    if (err) p.reject(err);
    else p.resolve(warning ? { messages: p.messages ?? [], warning } : { messages: p.messages ?? [] });
  }

  private toError(p: Pending, ack: Ack): NetlinkError {
    const ext = ack.extack;
    const sent = sentBytes(p);
    if (ext?.offset !== undefined && sent && p.codec && ext.offset >= NLMSG_HDRLEN) {
      try {
        const attr = describeOffset(p.codec, sent.subarray(NLMSG_HDRLEN), ext.offset - NLMSG_HDRLEN);
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
    // The error (and its stack) only when something waits: a handle closed when done has nothing
    // pending, and W(N) closes one per container.
    if (this.pending.size || this.queue.length || this.dumpQueue.length) {
      const err = closedError();
      for (const p of this.pending.values()) p.reject(err);
      for (const q of this.queue.drain()) q.reject(err);
      for (const d of this.dumpQueue) d.reject(err);
    }
    this.pending.clear();
    this.covering.clear();
    this.queue.drain();
    this.dumpQueue = [];
    libc.close(this.fd);
  }
}

/** The bytes of request `p` as sent (header included), if it was. */
function sentBytes(p: Pending): Buffer | undefined {
  if (!p.sentIn) return undefined;
  const at = p.sentAt!;
  return p.sentIn.subarray(at, at + p.sentIn.readUInt32LE(at));
}

/** The error for requests on (or left waiting by) a closed socket. */
function closedError(): Error {
  return Object.assign(new Error('netlink socket is closed'), { code: 'ERR_NETLINK_CLOSED' });
}

/** A request that got no answer within `ms`: NetlinkError ETIMEDOUT naming it. */
function timeoutError(request: RequestSummary, ms: number): NetlinkError {
  const e = new NetlinkError(ETIMEDOUT, request);
  e.message += `: no answer within ${ms} ms (seq ${request.seq})`;
  return e;
}

/** A request whose signal aborted: an AbortError naming it, the signal's reason as `cause`. */
function abortError(request: RequestSummary, reason: unknown): Error {
  const where = request.netns ? ` [netns ${request.netns}]` : '';
  return Object.assign(new Error(`${request.op}${where}: aborted${reason instanceof Error ? ` (${reason.message})` : ''}`, { cause: reason }),
    { name: 'AbortError', code: 'ABORT_ERR', request });
}

/** Decodes a raw message's body through its type's registered codec (raw bytes otherwise). */
export function decodeMessage(m: RawMessage): Message {
  const codec = messageKind(m.type)?.body;
  const body = codec ? codec.read(m.body, typeName(m.type)) : Buffer.from(m.body);
  return { type: m.type, flags: m.flags, seq: m.seq, pid: m.pid, body };
}

/**
 * Decodes the message at `off` of datagram `d` (its length already checked) in place: as
 * decodeMessage() of it, through `codec` when given (RequestSpec.replyCodec; perf).
 */
function decodeMessageAt(d: Buffer, off: number, codec?: Codec<unknown>): Message {
  const type = d.readUInt16LE(off + 4);
  const c = codec ?? messageKind(type)?.body;
  const start = off + NLMSG_HDRLEN;
  const len = d.readUInt32LE(off) - NLMSG_HDRLEN;
  const body = c ? readAt(c, d, start, len, typeName(type)) : Buffer.from(d.subarray(start, start + len));
  return { type, flags: d.readUInt16LE(off + 6), seq: d.readUInt32LE(off + 8), pid: d.readUInt32LE(off + 12), body };
}

/** Decodes a collected dump's messages, kept as (datagram, offset) pairs. */
function decodeAll(data: Buffer[], offs: number[], codec?: Codec<unknown>): Message[] {
  const out = new Array<Message>(offs.length);
  for (let i = 0; i < offs.length; i++) out[i] = decodeMessageAt(data[i]!, offs[i]!, codec);
  return out;
}

/** The message at `off` of datagram `d` (its length already checked), its body a view. */
function rawMessage(d: Buffer, off: number): RawMessage {
  return {
    type: d.readUInt16LE(off + 4), flags: d.readUInt16LE(off + 6), seq: d.readUInt32LE(off + 8), pid: d.readUInt32LE(off + 12),
    body: d.subarray(off + NLMSG_HDRLEN, off + d.readUInt32LE(off)),
  };
}
