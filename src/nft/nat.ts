/**
 * NAT without binaries: masquerade a source range and publish ports (`docker run -p`), in any
 * namespace, idempotently. Everything lives in one table nlctl owns (`ip nlctl`, or `ip6 nlctl`
 * for IPv6), with three base chains: prerouting (dnat, priority dstnat), output (dnat for
 * traffic the namespace itself sends to a published address) and postrouting (masquerade,
 * priority srcnat). Deleting that table removes everything nlctl made and nothing else.
 */

import { UsageError } from '../netlink/errors.js';
import { parseIP } from '../netlink/inet.js';
import type { NetnsRef } from '../ns/ref.js';
import type { NftCommand } from './commands.js';
import { withNft, type Nft } from './nft.js';
import { encodeRule, checkPort } from './rule-encode.js';
import { decodeRule } from './rule-decode.js';
import type { Family, RuleExpr } from './types.js';

/** The name of the table nlctl owns in each family it uses. */
export const NAT_TABLE = 'nlctl';

/** `masquerade()`: source range, and optionally the way out (or the way not out). */
export interface MasqueradeOptions {
  netns?: NetnsRef;
  /** The source addresses to masquerade: '10.0.0.0/24' or one address. */
  source: string;
  /** Only traffic leaving through this interface. */
  outInterface?: string;
  /** Not traffic leaving through this interface (the bridge the range lives on, as Docker does). */
  notOutInterface?: string;
}

/** `publish()`: a port of this namespace forwarded to an address:port behind it. */
export interface PublishOptions {
  netns?: NetnsRef;
  proto: 'tcp' | 'udp';
  port: number;
  /** Where to send it: '10.0.0.2:80' (or '10.0.0.2', same port; '[2001:db8::2]:80' for IPv6). */
  to: string;
  /**
   * Only connections to this local address. With it, connections the namespace makes itself to
   * that address are published too (an output-hook rule); without it, any address, arriving
   * traffic only.
   */
  address?: string;
  /** Only traffic arriving on this interface. */
  inInterface?: string;
}

/** Masquerades and published ports to set up in one batch. */
export interface NatSetup {
  netns?: NetnsRef;
  masquerade?: Omit<MasqueradeOptions, 'netns'>[];
  publish?: Omit<PublishOptions, 'netns'>[];
}

interface Wanted { family: Family; chain: 'prerouting' | 'output' | 'postrouting'; expr: RuleExpr[] }

const CHAINS = {
  prerouting: { type: 'nat', hook: 'prerouting', prio: -100 },
  output: { type: 'nat', hook: 'output', prio: -100 },
  postrouting: { type: 'nat', hook: 'postrouting', prio: 100 },
} as const;

function familyOf(addr: string, what: string): Family {
  const b = parseIP(addr);
  if (!b) throw new UsageError(`${what}: not an address: ${JSON.stringify(addr)}`);
  return b.length === 4 ? 'ip' : 'ip6';
}

const ifMatch = (key: 'iifname' | 'oifname', op: '==' | '!=', name: string): RuleExpr => ({ match: { op, left: { meta: { key } }, right: name } });

/** The masquerade rule, in the form the kernel lists it. */
export function masqueradeRule(o: Omit<MasqueradeOptions, 'netns'>): Wanted {
  const what = `masquerade ${o.source}`;
  if (typeof o.source !== 'string') throw new UsageError('masquerade: needs a source range');
  const [addr, len, extra] = o.source.split('/');
  if (extra !== undefined || (len !== undefined && !/^\d+$/.test(len))) throw new UsageError(`${what}: bad prefix`);
  const family = familyOf(addr!, what);
  if (o.outInterface && o.notOutInterface) throw new UsageError(`${what}: outInterface and notOutInterface exclude each other`);
  const field = family === 'ip' ? 'ip' : 'ip6';
  const expr: RuleExpr[] = [{ match: { op: '==', left: { payload: { protocol: field, field: 'saddr' } }, right: len === undefined ? addr! : { prefix: { addr: addr!, len: Number(len) } } } }];
  if (o.outInterface) expr.push(ifMatch('oifname', '==', o.outInterface));
  if (o.notOutInterface) expr.push(ifMatch('oifname', '!=', o.notOutInterface));
  expr.push({ counter: null }, { masquerade: null });
  return canonical({ family, chain: 'postrouting', expr });
}

/** Splits '10.0.0.2:80', '10.0.0.2', '[2001:db8::2]:80' or '2001:db8::2'. */
function hostPort(to: string, fallback: number, what: string): { addr: string; port: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(to) ?? (/^([^:]+)(?::(\d+))?$/.exec(to)) ?? [to, to, undefined];
  return { addr: m[1]!, port: checkPort(m[2] === undefined ? fallback : Number(m[2]), what) };
}

/** The publish rules (prerouting, and output when an address is given), as the kernel lists them. */
export function publishRules(o: Omit<PublishOptions, 'netns'>): Wanted[] {
  const what = `publish ${o.proto}/${o.port}`;
  if (o.proto !== 'tcp' && o.proto !== 'udp') throw new UsageError(`${what}: proto must be tcp or udp`);
  checkPort(o.port, what);
  if (typeof o.to !== 'string') throw new UsageError(`${what}: needs a destination (to: 'ADDR:PORT')`);
  const to = hostPort(o.to, o.port, `${what} to ${o.to}`);
  const family = familyOf(to.addr, `${what} to ${o.to}`);
  const field = family === 'ip' ? 'ip' : 'ip6';
  const match: RuleExpr[] = [];
  if (o.address !== undefined) {
    if (familyOf(o.address, `${what} address`) !== family) throw new UsageError(`${what}: address ${o.address} and destination ${o.to} differ in family`);
    match.push({ match: { op: '==', left: { payload: { protocol: field, field: 'daddr' } }, right: o.address } });
  }
  match.push({ match: { op: '==', left: { payload: { protocol: o.proto, field: 'dport' } }, right: o.port } });
  const dnat: RuleExpr = { dnat: { addr: to.addr, port: to.port } };
  const out: Wanted[] = [canonical({ family, chain: 'prerouting', expr: [...(o.inInterface ? [ifMatch('iifname', '==', o.inInterface)] : []), ...match, dnat] })];
  if (o.address !== undefined) out.push(canonical({ family, chain: 'output', expr: [...match, dnat] }));
  return out;
}

/** Encodes and decodes a rule, so it compares equal to what the kernel lists (and is checked). */
function canonical(w: Wanted): Wanted {
  return { ...w, expr: decodeRule(w.family, encodeRule(w.family, w.expr)) };
}

/** A rule's expressions with counter values zeroed, for comparison. */
function key(family: Family, chain: string, expr: RuleExpr[]): string {
  return JSON.stringify([family, chain, expr.map((e) => ('counter' in e ? { counter: null } : e))]);
}

/** Adds what is not there yet, in one batch. */
async function ensure(nft: Nft, wanted: Wanted[]): Promise<void> {
  const families = [...new Set(wanted.map((w) => w.family))];
  const cmds: NftCommand[] = [];
  for (const family of families) {
    const existing = new Set((await nft.rules({ family, table: NAT_TABLE }).catch(() => [])).map((r) => key(r.family, r.chain, r.expr)));
    const chains = new Set((await nft.chains({ family, table: NAT_TABLE })).map((c) => c.name));
    const mine = wanted.filter((w) => w.family === family && !existing.has(key(w.family, w.chain, w.expr)));
    const seen = new Set<string>();
    const todo = mine.filter((w) => { const k = key(w.family, w.chain, w.expr); if (seen.has(k)) return false; seen.add(k); return true; });
    if (!todo.length) continue;
    cmds.push({ add: { table: { family, name: NAT_TABLE } } });
    for (const [name, c] of Object.entries(CHAINS)) if (!chains.has(name)) cmds.push({ add: { chain: { family, table: NAT_TABLE, name, ...c } } });
    for (const w of todo) cmds.push({ add: { rule: { family, table: NAT_TABLE, chain: w.chain, expr: w.expr } } });
  }
  await nft.apply(cmds);
}

/** Removes matching rules, and nlctl's table once it holds no rule. */
async function remove(nft: Nft, wanted: Wanted[]): Promise<void> {
  const cmds: NftCommand[] = [];
  for (const family of new Set(wanted.map((w) => w.family))) {
    const rules = await nft.rules({ family, table: NAT_TABLE });
    const gone = new Set(wanted.filter((w) => w.family === family).map((w) => key(w.family, w.chain, w.expr)));
    const del = rules.filter((r) => gone.has(key(r.family, r.chain, r.expr)));
    if (!del.length) continue;
    if (del.length === rules.length) cmds.push({ delete: { table: { family, name: NAT_TABLE } } });
    else for (const r of del) cmds.push({ delete: { rule: { family, table: NAT_TABLE, chain: r.chain, handle: r.handle } } });
  }
  await nft.apply(cmds);
}

/** Masquerades `source` leaving this namespace (idempotent: a second call changes nothing). */
export async function masquerade(opts: MasqueradeOptions): Promise<void> {
  const w = masqueradeRule(opts);
  await withNft(opts.netns, (nft) => ensure(nft, [w]));
}

/** Removes what masquerade(opts) added (nothing when it is not there). */
export async function unmasquerade(opts: MasqueradeOptions): Promise<void> {
  const w = masqueradeRule(opts);
  await withNft(opts.netns, (nft) => remove(nft, [w]));
}

/** Publishes a port (idempotent). */
export async function publish(opts: PublishOptions): Promise<void> {
  const w = publishRules(opts);
  await withNft(opts.netns, (nft) => ensure(nft, w));
}

/** Removes what publish(opts) added (nothing when it is not there). */
export async function unpublish(opts: PublishOptions): Promise<void> {
  const w = publishRules(opts);
  await withNft(opts.netns, (nft) => remove(nft, w));
}

/** Sets up masquerades and published ports in one batch (idempotent). */
export async function natSetup(setup: NatSetup): Promise<void> {
  const w = [...(setup.masquerade ?? []).map(masqueradeRule), ...(setup.publish ?? []).flatMap(publishRules)];
  await withNft(setup.netns, (nft) => ensure(nft, w));
}

/** Deletes nlctl's NAT tables (ip and ip6) in the namespace: everything nlctl made, nothing else. */
export async function natClear(opts: { netns?: NetnsRef } = {}): Promise<void> {
  await withNft(opts.netns, async (nft) => {
    const tables = (await nft.tables()).filter((t) => t.name === NAT_TABLE && (t.family === 'ip' || t.family === 'ip6'));
    await nft.apply(tables.map((t) => ({ delete: { table: { family: t.family, name: t.name } } })));
  });
}
