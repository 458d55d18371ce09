/**
 * The ruleset as `nft list` (1.0.x) prints it, and as `nft -j list` does: tabs, blank lines
 * between chains, standard priority names, implicit dependencies left out. Expressions nlctl
 * cannot decode print as `<not supported by nlctl: NAME ...>` rather than as something wrong.
 */

import { prioText } from './names.js';
import type { MatchExpr, NftChain, NftRule, NftRuleset, NftTable, RuleExpr } from './types.js';

function natTo(t: { addr: string; port?: number }): string {
  if (t.port === undefined) return t.addr;
  return t.addr.includes(':') ? `[${t.addr}]:${t.port}` : `${t.addr}:${t.port}`;
}

function matchText(m: MatchExpr['match']): string {
  const l = m.left as Record<string, any>;
  const neg = m.op === '!=' ? '!= ' : '';
  const r = m.right as unknown;
  if (l.payload) {
    const v = typeof r === 'object' && r && 'prefix' in r ? `${(r as any).prefix.addr}/${(r as any).prefix.len}` : String(r);
    return `${l.payload.protocol} ${l.payload.field} ${neg}${v}`;
  }
  if (l.meta) {
    if (l.meta.key === 'iifname' || l.meta.key === 'oifname') return `${l.meta.key} ${neg}"${String(r)}"`;
    return `meta ${l.meta.key} ${neg}${String(r)}`;
  }
  if (l.ct) return `ct ${l.ct.key} ${neg}${Array.isArray(r) ? r.join(',') : String(r)}`;
  return `<not supported by nlctl: ${JSON.stringify(m.left)}>`;
}

/** One expression as nft writes it. */
export function exprText(e: RuleExpr): string {
  const o = e as Record<string, any>;
  const k = Object.keys(o)[0]!;
  switch (k) {
    case 'match': return matchText(o.match);
    case 'counter': return `counter packets ${o.counter?.packets ?? 0} bytes ${o.counter?.bytes ?? 0}`;
    case 'jump': case 'goto': return `${k} ${o[k].target}`;
    case 'masquerade': return 'masquerade';
    case 'snat': case 'dnat': return `${k} to ${natTo(o[k])}`;
    case 'unsupported': return `<not supported by nlctl: ${(o.unsupported.names as string[]).join(' ')}>`;
    default: return k; // accept, drop, return, continue
  }
}

/** A rule's line (without indentation). */
export function ruleText(r: Pick<NftRule, 'expr'>): string {
  return r.expr.map(exprText).join(' ');
}

/** Printing options: `handles` is nft's -a (a `# handle N` comment after each object). */
export interface TextOptions { handles?: boolean }

const handle = (o: TextOptions, h: number): string => (o.handles ? ` # handle ${h}` : '');

function chainBlock(c: NftChain, rules: NftRule[], o: TextOptions): string {
  let s = `\tchain ${c.name} {${handle(o, c.handle)}\n`;
  if (c.hook) s += `\t\ttype ${c.type} hook ${c.hook}${c.dev ? ` device "${c.dev}"` : ''} priority ${prioText(c.prio ?? 0, c.hook, c.family)}; policy ${c.policy};\n`;
  for (const r of rules) s += `\t\t${ruleText(r)}${handle(o, r.handle)}\n`;
  return `${s}\t}\n`;
}

/** `table FAMILY NAME { ... }` with the given chains (all of the table's when listing it). */
function tableBlock(t: NftTable, chains: NftChain[], rules: NftRule[], o: TextOptions, tableHandle = true): string {
  const body = chains.map((c) => chainBlock(c, rules.filter((r) => r.family === c.family && r.table === c.table && r.chain === c.name), o));
  return `table ${t.family} ${t.name} {${tableHandle ? handle(o, t.handle) : ''}\n${body.join('\n')}}\n`;
}

const inTable = (t: NftTable) => (x: { family: string; table: string }) => x.family === t.family && x.table === t.name;

/** `nft list ruleset` (or `list table`, when the ruleset holds one table). */
export function formatRuleset(rs: NftRuleset, o: TextOptions = {}): string {
  return rs.tables.map((t) => tableBlock(t, rs.chains.filter(inTable(t)), rs.rules.filter(inTable(t)), o)).join('');
}

/** `nft list chain FAMILY TABLE CHAIN`: the chain inside its table's braces. */
export function formatChain(t: NftTable, c: NftChain, rules: NftRule[], o: TextOptions = {}): string {
  // nft -a prints no handle on the table line of `list chain`.
  return tableBlock(t, [c], rules, o, false);
}

/** What nlctl puts in the metainfo object (nft -j's first element). */
export const METAINFO = { version: '1.0.6', release_name: 'Lester Gooch #5', json_schema_version: 1 };

/**
 * `nft -j list ruleset`: metainfo, then per table the table, its chains, its rules. With
 * `withTables` false (`list chain`), the table objects are left out as nft does.
 */
export function rulesetJson(rs: NftRuleset, withTables = true): { nftables: unknown[] } {
  const out: unknown[] = [{ metainfo: METAINFO }];
  for (const t of rs.tables) {
    if (withTables) out.push({ table: { family: t.family, name: t.name, handle: t.handle, ...(t.flags ? { flags: t.flags } : {}) } });
    const chains = rs.chains.filter(inTable(t));
    for (const c of chains) {
      const j: Record<string, unknown> = { family: c.family, table: c.table, name: c.name, handle: c.handle };
      if (c.hook) Object.assign(j, { type: c.type, hook: c.hook, ...(c.dev ? { dev: c.dev } : {}), prio: c.prio, policy: c.policy });
      out.push({ chain: j });
    }
    for (const c of chains) {
      for (const r of rs.rules.filter((x) => inTable(t)(x) && x.chain === c.name)) {
        out.push({ rule: { family: r.family, table: r.table, chain: r.chain, handle: r.handle, expr: r.expr.map(exprJson) } });
      }
    }
  }
  return { nftables: out };
}

function exprJson(e: RuleExpr): unknown {
  const o = e as Record<string, any>;
  if (o.unsupported) return { unsupported: { names: o.unsupported.names } };
  if ('counter' in o && o.counter === null) return { counter: { packets: 0, bytes: 0 } };
  return e;
}

/** JSON as nft (jansson, no indent) writes it: `{"a": 1, "b": [1, 2]}`, one line. */
export function nftJsonText(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(nftJsonText).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => `${JSON.stringify(k)}: ${nftJsonText(x)}`).join(', ')}}`;
}
