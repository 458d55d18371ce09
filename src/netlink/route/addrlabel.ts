/**
 * IPv6 address labels (RFC 6724 policy table; linux/if_addrlabel.h): the RTM_*ADDRLABEL body is
 * a struct ifaddrlblmsg followed by IFAL_* attributes. `AddrlabelService` is `ip addrlabel
 * add/del/list/flush`; addrlabelMessage() makes the bytes ip 6.1 makes for the same words.
 */

import { defineAttrs, headed, type AttrsOf } from '../attrs.js';
import { ip, struct, u32 } from '../codecs.js';
import { NLM_F_CREATE, NLM_F_EXCL } from '../constants.js';
import { UsageError } from '../errors.js';
import { registerMessage } from '../message.js';
import { parsePrefix } from './cidr.js';
import * as K from './constants.js';
import type { RouteContext } from './context.js';

/** struct ifaddrlblmsg (12 bytes). */
export const ifaddrlblmsg = struct('ifaddrlblmsg', [
  ['family', 'u8'], ['reserved', 'pad8'], ['prefixlen', 'u8'], ['flags', 'u8'], ['index', 'u32'], ['seq', 'u32'],
] as const);
/** A decoded struct ifaddrlblmsg. */
export type IfAddrLblMsg = ReturnType<typeof ifaddrlblmsg.read>;

const addrlabelSpec = {
  [K.IFAL_ADDRESS]: { key: 'address', codec: ip },
  [K.IFAL_LABEL]: { key: 'label', codec: u32 },
} as const;

/** Address label attributes (IFAL_*). */
export const addrlabelAttrs = defineAttrs('addrlabel', addrlabelSpec);
/** Decoded address label attributes. */
export type AddrlabelAttrs = AttrsOf<typeof addrlabelSpec>;

/** The RTM_NEWADDRLABEL/DELADDRLABEL/GETADDRLABEL body. */
export const addrlabelBody = headed(ifaddrlblmsg, () => addrlabelAttrs);

/** A decoded address label message. */
export interface AddrlabelMessage {
  header: IfAddrLblMsg;
  attrs: AddrlabelAttrs;
}

registerMessage(K.RTM_NEWADDRLABEL, 'RTM_NEWADDRLABEL', addrlabelBody);
registerMessage(K.RTM_DELADDRLABEL, 'RTM_DELADDRLABEL', addrlabelBody);
registerMessage(K.RTM_GETADDRLABEL, 'RTM_GETADDRLABEL', addrlabelBody);

/** Options of addrlabel add/del, as `ip addrlabel add prefix 2001:db8::/32 dev v0 label 100`. */
export interface AddrlabelOptions {
  /** The prefix the label applies to (IPv6; a bare address is a /128). */
  prefix: string;
  /** 0-0xfffffffe (0xffffffff is the kernel's "no label"). */
  label: number;
  /** Only for addresses on this device. */
  dev?: string | number;
}

/** A request ready for the socket (flags besides REQUEST|ACK). */
export interface AddrlabelRequest {
  type: number;
  flags: number;
  body: AddrlabelMessage;
  op: string;
}

/** Maps address label options to the message `ip addrlabel add|del ...` sends. */
export function addrlabelMessage(cmd: 'add' | 'del', opts: AddrlabelOptions, dev: (d: string | number) => number): AddrlabelRequest {
  if (!opts || typeof opts.prefix !== 'string') throw new UsageError(`addrlabel.${cmd}: prefix is required`);
  if (!Number.isInteger(opts.label) || opts.label < 0 || opts.label >= 0xffffffff) throw new UsageError(`invalid label ${JSON.stringify(opts.label)}: an integer 0-4294967294`);
  const p = parsePrefix(opts.prefix, 'prefix');
  return {
    type: cmd === 'add' ? K.RTM_NEWADDRLABEL : K.RTM_DELADDRLABEL, flags: cmd === 'add' ? NLM_F_CREATE | NLM_F_EXCL : 0,
    body: { header: { family: p.family, prefixlen: p.prefixlen, flags: 0, index: opts.dev === undefined ? 0 : dev(opts.dev), seq: 0 }, attrs: { address: p.address, label: opts.label } },
    op: `addrlabel.${cmd} ${opts.prefix}`,
  };
}

/** The dump request of `ip addrlabel list` (IPv6 unless told). */
export function addrlabelDumpMessage(family: number = K.AF_INET6): AddrlabelMessage {
  return { header: { family, prefixlen: 0, flags: 0, index: 0, seq: 0 }, attrs: {} };
}

/** `nl.addrlabel`: the IPv6 address label table of this handle's namespace, as `ip addrlabel`. */
export class AddrlabelService {
  constructor(protected readonly ctx: RouteContext) {}

  private async modify(cmd: 'add' | 'del', opts: AddrlabelOptions): Promise<void> {
    addrlabelMessage(cmd, opts, () => 0);
    const index = opts.dev === undefined ? 0 : await this.ctx.ifindex(opts.dev);
    await this.ctx.sock.request({ ...addrlabelMessage(cmd, opts, () => index), codec: addrlabelBody });
  }

  /** Adds a label (`ip addrlabel add`); EEXIST when the prefix and device have one. */
  add(opts: AddrlabelOptions): Promise<void> { return this.modify('add', opts); }
  /** Deletes a label (`ip addrlabel del`): prefix, device and label must all match (ESRCH otherwise). */
  del(opts: AddrlabelOptions): Promise<void> { return this.modify('del', opts); }

  /** The label table (`ip addrlabel list`), in the kernel's order (longest prefixes first). */
  async list(): Promise<AddrlabelMessage[]> {
    const msgs = await this.ctx.sock.dumpAll<AddrlabelMessage>({ type: K.RTM_GETADDRLABEL, op: 'addrlabel.list', codec: addrlabelBody, body: addrlabelDumpMessage() }, { retries: 3 });
    return msgs.map((m) => m.body);
  }

  /** Deletes every label (`ip addrlabel flush`), the kernel's defaults too; returns how many. */
  async flush(): Promise<number> {
    const list = (await this.list()).filter((l) => l.attrs.address !== undefined);
    for (const l of list) await this.ctx.sock.request({ type: K.RTM_DELADDRLABEL, codec: addrlabelBody, op: 'addrlabel.flush', body: l });
    return list.length;
  }
}
