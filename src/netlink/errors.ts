/**
 * The error types nlctl throws: NetlinkError (the kernel said no), SyscallError (a libc call
 * failed), DecodeError (bytes that do not parse) and DumpInterruptedError (a dump raced a
 * change). All are plain-data friendly so they cross the namespace worker and are rebuilt.
 */

import { errnoCode, errnoText } from './errno.js';

/** What was asked of the kernel when an error came back, for messages and debugging. */
export interface RequestSummary {
  /** The operation in nlctl's words, e.g. 'link.add veth0'. */
  op: string;
  /** The message type name, e.g. 'RTM_NEWLINK'. */
  type: string;
  flags: number;
  seq: number;
  /** The namespace the request ran in, when it was not the caller's own. */
  netns?: string;
}

/** Extended-ack details the kernel attached to an error or warning (linux/netlink.h nlmsgerr_attrs). */
export interface ExtAck {
  /** NLMSGERR_ATTR_MSG: the kernel's own explanation. */
  message?: string;
  /** NLMSGERR_ATTR_OFFS: byte offset into the request of the attribute at fault. */
  offset?: number;
  /** The attribute the offset points into, as a path of table keys ('linkinfo > data(veth) > peer'). */
  attr?: string;
  /** NLMSGERR_ATTR_MISS_TYPE: the type number of a missing attribute. */
  missingType?: number;
  /** NLMSGERR_ATTR_MISS_NEST: offset of the nest the missing attribute belongs in. */
  missingNest?: number;
  /** NLMSGERR_ATTR_POLICY: the policy of the attribute at fault, raw. */
  policy?: Record<string, number | bigint>;
  /** NLMSGERR_ATTR_COOKIE, raw. */
  cookie?: Buffer;
}

/** The kernel answered a request with a negative errno. */
export class NetlinkError extends Error {
  override name = 'NetlinkError';
  readonly errno: number;
  readonly code: string;
  readonly extack?: ExtAck;
  readonly request?: RequestSummary;

  constructor(errno: number, request?: RequestSummary, extack?: ExtAck) {
    super(NetlinkError.format(errno, request, extack));
    this.errno = errno;
    this.code = errnoCode(errno);
    if (extack) this.extack = extack;
    if (request) this.request = request;
  }

  /** `link.add veth0: File exists (EEXIST): <kernel text> [attr ifname]`. */
  static format(errno: number, request?: RequestSummary, extack?: ExtAck): string {
    let s = `${errnoText(errno)} (${errnoCode(errno)})`;
    if (request) s = `${request.op}${request.netns ? ` [netns ${request.netns}]` : ''}: ${s}`;
    if (extack?.message) s += `: ${extack.message}`;
    if (extack?.attr) s += ` [attribute ${extack.attr}]`;
    else if (extack?.missingType !== undefined) s += ` [missing attribute type ${extack.missingType}]`;
    return s;
  }
}

/** A libc call failed. */
export class SyscallError extends Error {
  override name = 'SyscallError';
  readonly syscall: string;
  readonly errno: number;
  readonly code: string;
  /** What the call was about (a path, a namespace name), when there is one. */
  readonly subject?: string;

  constructor(syscall: string, errno: number, subject?: string) {
    super(`${syscall}${subject ? ` ${subject}` : ''}: ${errnoText(errno)} (${errnoCode(errno)})`);
    this.syscall = syscall;
    this.errno = errno;
    this.code = errnoCode(errno);
    if (subject !== undefined) this.subject = subject;
  }
}

/** Bytes that do not parse; `path` names where (`linkinfo > data(veth) > peer`). */
export class DecodeError extends Error {
  override name = 'DecodeError';
  readonly path: string;
  /** What is wrong, without the path. */
  readonly detail: string;
  constructor(path: string, detail: string) {
    super(path ? `${path}: ${detail}` : detail);
    this.path = path;
    this.detail = detail;
  }
}

/**
 * A dump was interrupted by a concurrent change (NLM_F_DUMP_INTR): what was read may be
 * inconsistent. `messages` holds what was read when the collecting API was used.
 */
export class DumpInterruptedError extends Error {
  override name = 'DumpInterruptedError';
  /** What was read, for the collecting API; empty for a stream (its messages were yielded). */
  readonly messages: unknown[];
  /** How many messages were read. */
  readonly count: number;
  readonly request?: RequestSummary;
  constructor(messages: unknown[], request?: RequestSummary, count = messages.length) {
    super(`${request ? `${request.op}: ` : ''}dump interrupted by a concurrent change (NLM_F_DUMP_INTR); ` +
      `${count} messages read may be inconsistent`);
    this.messages = messages;
    this.count = count;
    if (request) this.request = request;
  }
}

/** A usage error: bad options or input, found before anything was sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const classes = { NetlinkError, SyscallError, DecodeError, DumpInterruptedError, UsageError } as const;

/** An error as plain data, for structured clone across a worker boundary. */
export interface PlainError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

/** Turns any thrown value into plain data that survives postMessage. */
export function toPlainError(e: unknown): PlainError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (k !== 'name' && k !== 'message') fields[k] = v;
  const out: PlainError = { name: e.name, message: e.message, fields };
  if (e.stack) out.stack = e.stack;
  return out;
}

/** Rebuilds an error of the right class from plain data. */
export function fromPlainError(p: PlainError): Error {
  const cls = (classes as Record<string, unknown>)[p.name] as (new (...a: never[]) => Error) | undefined;
  const e: Error = cls ? Object.create(cls.prototype) : new Error(p.message);
  Object.defineProperty(e, 'message', { value: p.message, writable: true, configurable: true });
  // Our classes carry name as an own field (class field initialiser); keep it that way.
  Object.defineProperty(e, 'name', { value: p.name, writable: true, configurable: true, enumerable: Boolean(cls) });
  Object.assign(e, p.fields);
  if (p.stack) Object.defineProperty(e, 'stack', { value: p.stack, writable: true, configurable: true });
  return e;
}
