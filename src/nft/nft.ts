/**
 * The nftables handle: one NETLINK_NETFILTER socket in one namespace (opened there by the
 * namespace worker, like the rtnetlink handle), the ruleset listed and decoded, and changes
 * applied as batches: NFNL_MSG_BATCH_BEGIN, the commands, NFNL_MSG_BATCH_END in one datagram,
 * which the kernel commits as one transaction or not at all.
 */

import { openNetlinkFd, NetlinkSocket, type Message, type RequestSpec } from '../netlink/socket.js';
import { NetlinkError } from '../netlink/errors.js';
import { close as closeFd } from '../netlink/libc.js';
import * as N from '../netfilter/constants.js';
import { batchBody, BATCH_GENMSG, genmsg, type ChainMessage, type RuleMessage, type TableMessage } from '../netfilter/messages.js';
import { runIn } from '../ns/executor.js';
import { netnsLabel, type NetnsRef } from '../ns/ref.js';
import { commandSpecs, type ChainSpec, type NftCommand, type RuleSpec, type TableRef } from './commands.js';
import { familyName, familyNumber, hookName } from './names.js';
import { decodeRule } from './rule-decode.js';
import type { Family, NftChain, NftRule, NftRuleset, NftTable } from './types.js';

/** How to open an nftables handle. */
export interface NftOpenOptions {
  /** The namespace to act in; the caller's own when absent. */
  netns?: NetnsRef;
}

/** What to list: everything, one family, one table, or one chain. */
export interface ListFilter { family?: Family; table?: string; chain?: string }

/** An nftables handle in one namespace. Close it when done. */
export class Nft {
  readonly sock: NetlinkSocket;
  readonly netns: NetnsRef | undefined;

  /** Tables: `nft list tables`, `add|delete|flush table` (each change one transaction). */
  readonly table = {
    list: (filter: ListFilter = {}) => this.tables(filter),
    add: (t: TableRef) => this.apply([{ add: { table: t } }]),
    del: (t: TableRef) => this.apply([{ delete: { table: t } }]),
    flush: (t: TableRef) => this.apply([{ flush: { table: t } }]),
  };
  /** Chains: `add chain` (base chains with type/hook/prio/policy), `delete|flush chain`. */
  readonly chain = {
    list: (filter: ListFilter = {}) => this.chains(filter),
    add: (c: ChainSpec) => this.apply([{ add: { chain: c } }]),
    del: (c: { family: Family; table: string; name: string }) => this.apply([{ delete: { chain: c } }]),
    flush: (c: { family: Family; table: string; name: string }) => this.apply([{ flush: { chain: c } }]),
  };
  /** Rules in the typed form: `add|insert rule`, `delete rule ... handle N`. */
  readonly rule = {
    list: (filter: ListFilter = {}) => this.rules(filter),
    add: (r: RuleSpec) => this.apply([{ add: { rule: r } }]),
    insert: (r: RuleSpec) => this.apply([{ insert: { rule: r } }]),
    del: (r: RuleSpec & { handle: number }) => this.apply([{ delete: { rule: r } }]),
  };

  private constructor(sock: NetlinkSocket, netns: NetnsRef | undefined) {
    this.sock = sock;
    this.netns = netns;
  }

  /** Opens a handle in the caller's namespace, or in `netns` (by name, path, pid or fd). */
  static async open(opts: NftOpenOptions = {}): Promise<Nft> {
    const sockOpts = { protocol: N.NETLINK_NETFILTER };
    const fd = opts.netns === undefined ? openNetlinkFd(sockOpts) : await runIn(opts.netns, 'netlinkSocket', sockOpts);
    let sock: NetlinkSocket;
    try {
      sock = new NetlinkSocket(fd, opts.netns === undefined ? undefined : netnsLabel(opts.netns));
    } catch (e) {
      closeFd(fd);
      throw e;
    }
    return new Nft(sock, opts.netns);
  }

  /**
   * Applies commands as one transaction: all of them, or (when any fails) none. The error names
   * the command that failed, the kernel's reason and, from the ext-ack offset, the attribute.
   */
  async apply(commands: readonly NftCommand[]): Promise<void> {
    if (!commands.length) return;
    const specs = commands.flatMap((c) => commandSpecs(c)); // throws on bad input, before sending
    const delim = (type: number, what: string): RequestSpec => ({ type, flags: 0, codec: batchBody, body: BATCH_GENMSG, op: `nft batch ${what}` });
    const results = await this.sock.requestBatch([delim(N.NFNL_MSG_BATCH_BEGIN, 'begin'), ...specs, delim(N.NFNL_MSG_BATCH_END, 'end')]);
    // The kernel reports the real failures; messages it acked before aborting are not errors,
    // and ones it never reached say so only when nothing else failed.
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as Error);
    const real = failed.find((e) => e instanceof NetlinkError) ?? failed[0];
    if (real) throw real;
  }

  /** Tables, in the kernel's order (creation order per family). */
  async tables(filter: ListFilter = {}): Promise<NftTable[]> {
    const msgs = await this.dump<TableMessage>(N.NFT_MSG_GETTABLE, filter.family);
    return msgs.map((m) => m.body).filter((b) => !filter.table || b.attrs.name === filter.table).map((b) => {
      const t: NftTable = { family: familyName(b.header.family), name: b.attrs.name!, handle: Number(b.attrs.handle ?? 0n) };
      if (b.attrs.flags) t.flags = b.attrs.flags;
      return t;
    });
  }

  /** Chains; base chains with their type, hook, priority and policy. */
  async chains(filter: ListFilter = {}): Promise<NftChain[]> {
    const msgs = await this.dump<ChainMessage>(N.NFT_MSG_GETCHAIN, filter.family);
    return msgs.map((m) => m.body)
      .filter((b) => (!filter.table || b.attrs.table === filter.table) && (!filter.chain || b.attrs.name === filter.chain))
      .map((b) => {
        const a = b.attrs;
        const c: NftChain = { family: familyName(b.header.family), table: a.table!, name: a.name!, handle: Number(a.handle ?? 0n) };
        if (a.hook) {
          c.type = (a.type ?? 'filter') as NftChain['type'];
          c.hook = hookName(a.hook.hooknum ?? -1);
          c.prio = a.hook.priority ?? 0;
          c.policy = a.policy === N.NF_DROP ? 'drop' : 'accept';
          if (a.hook.dev) c.dev = a.hook.dev;
        }
        return c;
      });
  }

  /** Rules, decoded into the typed form (what nlctl cannot express is kept as `unsupported`). */
  async rules(filter: ListFilter = {}): Promise<NftRule[]> {
    const msgs = await this.dump<RuleMessage>(N.NFT_MSG_GETRULE, filter.family);
    return msgs.map((m) => m.body)
      .filter((b) => (!filter.table || b.attrs.table === filter.table) && (!filter.chain || b.attrs.chain === filter.chain))
      .map((b) => {
        const family = familyName(b.header.family);
        return { family, table: b.attrs.table!, chain: b.attrs.chain!, handle: Number(b.attrs.handle ?? 0n), expr: decodeRule(family, b.attrs.expressions?.elem ?? []) };
      });
  }

  /** Tables, chains and rules in one read. */
  async ruleset(filter: ListFilter = {}): Promise<NftRuleset> {
    const [tables, chains, rules] = await Promise.all([this.tables(filter), this.chains(filter), this.rules(filter)]);
    return { tables, chains, rules };
  }

  private async dump<T>(msg: number, family?: Family): Promise<Message<T>[]> {
    const fam = family === undefined ? N.NFPROTO_UNSPEC : familyNumber(family);
    return this.sock.dumpAll<T>({ type: N.nftType(msg), body: { header: genmsg(fam), attrs: {} }, op: `nft list (${msg === N.NFT_MSG_GETTABLE ? 'tables' : msg === N.NFT_MSG_GETCHAIN ? 'chains' : 'rules'})` }, { retries: 3 });
  }

  /** Closes the socket. */
  async close(): Promise<void> {
    this.sock.close();
  }
}

/** Opens a handle in `netns`, runs `fn`, and closes it. */
export async function withNft<T>(netns: NetnsRef | undefined, fn: (nft: Nft) => Promise<T>): Promise<T> {
  const nft = await Nft.open(netns === undefined ? {} : { netns });
  try { return await fn(nft); } finally { await nft.close(); }
}
