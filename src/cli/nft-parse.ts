/**
 * nft's grammar (nft 1.0) for what nlctl supports: commands (`add rule ip t c tcp dport 80
 * accept`), `;`- or newline-separated, and the block form of `nft -f` files (`table ip t {
 * chain c { type nat hook postrouting priority srcnat; policy accept; masquerade } }`).
 * Produces nft JSON-shaped commands; anything else is a clear "not supported by nlctl".
 */

import { CliError } from './errors.js';
import type { NftCommand, ChainSpec } from '../nft/commands.js';
import type { Family, MatchExpr, RuleExpr } from '../nft/types.js';
import { parsePrio } from '../nft/names.js';

const FAMILY_WORDS = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'];

/** A list request: `list ruleset|table|chain|tables`. */
export interface ListRequest { list: 'ruleset' | 'table' | 'chain' | 'tables'; family?: Family; table?: string; chain?: string }
/** One parsed statement. */
export type Statement = { cmd: NftCommand } | ListRequest;

interface Tok { t: string; quoted?: boolean }

/** Splits nft input into words, strings, braces and separators (newlines become ';'). */
export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '\n' || c === ';') { out.push({ t: ';' }); i++; continue; }
    if (c === '{' || c === '}') { out.push({ t: c }); i++; continue; }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw syntax('unterminated string');
      out.push({ t: src.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < src.length && !' \t\r\n;{}"#'.includes(src[j]!)) j++;
    out.push({ t: src.slice(i, j) });
    i = j;
  }
  return out;
}

function syntax(msg: string): CliError {
  return new CliError(`Error: syntax error, ${msg}`, 1);
}

function unsupported(what: string): CliError {
  return new CliError(`Error: ${what}: not supported by nlctl (nlctl nft speaks tables, chains and rules with ip/ip6 saddr/daddr, iifname/oifname, meta l4proto/nfproto, tcp/udp sport/dport, ct state; counter, accept, drop, return, continue, jump, goto, masquerade, snat, dnat)`, 1);
}

/** A cursor over tokens. */
class P {
  i = 0;
  constructor(readonly toks: Tok[]) {}
  peek(): string | undefined { return this.toks[this.i]?.t; }
  peekTok(): Tok | undefined { return this.toks[this.i]; }
  next(what: string): string {
    const t = this.toks[this.i++];
    if (t === undefined || (!t.quoted && (t.t === ';' || t.t === '{' || t.t === '}'))) throw syntax(`expected ${what}${t ? `, got "${t.t}"` : ' at end of input'}`);
    return t.t;
  }
  eat(t: string): boolean { if (this.peek() === t && !this.toks[this.i]!.quoted) { this.i++; return true; } return false; }
  expect(t: string): void { if (!this.eat(t)) throw syntax(`expected "${t}"${this.peek() !== undefined ? `, got "${this.peek()}"` : ' at end of input'}`); }
  /** True at the end of a statement (';', '}' or the end). */
  atEnd(): boolean { const t = this.peekTok(); return t === undefined || (!t.quoted && (t.t === ';' || t.t === '}')); }
  family(): Family {
    const w = this.peek();
    if (w !== undefined && FAMILY_WORDS.includes(w) && !this.toks[this.i]!.quoted) { this.i++; return w as Family; }
    return 'ip';
  }
}

/** Parses a whole input (command line or file) into statements. */
export function parse(src: string): Statement[] {
  const p = new P(tokenize(src));
  const out: Statement[] = [];
  while (p.peek() !== undefined) {
    if (p.eat(';')) continue;
    out.push(...statement(p));
    if (!p.atEnd()) throw syntax(`unexpected "${p.peek()}"`);
  }
  return out;
}

function statement(p: P): Statement[] {
  const verb = p.next('a command');
  if (verb === 'table') return tableBlock(p, 'add');
  if (verb === 'list') return [listStatement(p)];
  if (!['add', 'create', 'insert', 'delete', 'destroy', 'flush'].includes(verb)) throw unsupported(`command "${verb}"`);
  const kind = p.next('table, chain or rule');
  if (verb === 'flush' && kind === 'ruleset') {
    const f = p.atEnd() ? undefined : p.family();
    return [{ cmd: { flush: { ruleset: f ? { family: f } : null } } }];
  }
  if (kind === 'table') {
    if (verb === 'add' || verb === 'create') return tableBlock(p, verb);
    const family = p.family();
    const name = p.next('a table name');
    if (verb === 'delete') return [{ cmd: { delete: { table: { family, name } } } }];
    if (verb === 'flush') return [{ cmd: { flush: { table: { family, name } } } }];
    throw unsupported(`${verb} table`);
  }
  if (kind === 'chain') {
    const family = p.family();
    const table = p.next('a table name');
    const name = p.next('a chain name');
    if (verb === 'add' || verb === 'create') {
      const spec: ChainSpec = { family, table, name };
      if (p.eat('{')) { chainProps(p, spec); p.expect('}'); }
      return [{ cmd: verb === 'add' ? { add: { chain: spec } } : { create: { chain: spec } } }];
    }
    if (verb === 'delete') return [{ cmd: { delete: { chain: { family, table, name } } } }];
    if (verb === 'flush') return [{ cmd: { flush: { chain: { family, table, name } } } }];
    throw unsupported(`${verb} chain`);
  }
  if (kind === 'rule') {
    const family = p.family();
    const table = p.next('a table name');
    const chain = p.next('a chain name');
    if (verb === 'delete') {
      if (p.next('"handle"') !== 'handle') throw syntax('expected "handle N"');
      const h = p.next('a handle');
      if (!/^\d+$/.test(h)) throw syntax(`bad handle "${h}"`);
      return [{ cmd: { delete: { rule: { family, table, chain, handle: Number(h) } } } }];
    }
    if (verb !== 'add' && verb !== 'insert') throw unsupported(`${verb} rule`);
    let handle: number | undefined;
    if (p.peek() === 'position' || p.peek() === 'handle') {
      p.next('position');
      const h = p.next('a handle');
      if (!/^\d+$/.test(h)) throw syntax(`bad position "${h}"`);
      handle = Number(h);
    }
    const expr = ruleExprs(p);
    const r = handle === undefined ? { family, table, chain, expr } : { family, table, chain, expr, handle };
    return [{ cmd: verb === 'add' ? { add: { rule: r } } : { insert: { rule: r } } }];
  }
  throw unsupported(`${verb} ${kind}`);
}

function listStatement(p: P): ListRequest {
  const kind = p.next('ruleset, table, chain or tables');
  if (kind === 'ruleset') return p.atEnd() ? { list: 'ruleset' } : { list: 'ruleset', family: p.family() };
  if (kind === 'tables') return p.atEnd() ? { list: 'tables' } : { list: 'tables', family: p.family() };
  if (kind === 'table') { const family = p.family(); return { list: 'table', family, table: p.next('a table name') }; }
  if (kind === 'chain') { const family = p.family(); const table = p.next('a table name'); return { list: 'chain', family, table, chain: p.next('a chain name') }; }
  throw unsupported(`list ${kind}`);
}

/** `table FAMILY NAME [{ chain NAME { ... } ... }]`, after the word `table`. */
function tableBlock(p: P, verb: 'add' | 'create'): Statement[] {
  const family = p.family();
  const name = p.next('a table name');
  const out: Statement[] = [{ cmd: verb === 'add' ? { add: { table: { family, name } } } : { create: { table: { family, name } } } }];
  if (!p.eat('{')) return out;
  for (;;) {
    if (p.eat(';')) continue;
    if (p.eat('}')) break;
    const w = p.next('chain or "}"');
    if (w !== 'chain') throw unsupported(`"${w}" in a table block`);
    const spec: ChainSpec = { family, table: name, name: p.next('a chain name') };
    const rules: RuleExpr[][] = [];
    p.expect('{');
    chainProps(p, spec, rules);
    p.expect('}');
    out.push({ cmd: { add: { chain: spec } } }, ...rules.map((expr): Statement => ({ cmd: { add: { rule: { family, table: name, chain: spec.name, expr } } } })));
  }
  return out;
}

/** The inside of a chain's braces: `type T hook H priority P;`, `policy X;`, and (in blocks) rules. */
function chainProps(p: P, spec: ChainSpec, rules?: RuleExpr[][]): void {
  for (;;) {
    if (p.eat(';')) continue;
    if (p.peek() === undefined || p.peek() === '}') return;
    if (p.peek() === 'type') {
      p.next('type');
      spec.type = p.next('a chain type') as ChainSpec['type'];
      if (p.next('"hook"') !== 'hook') throw syntax('expected "hook"');
      spec.hook = p.next('a hook');
      if (p.peek() === 'device') { p.next('device'); spec.dev = p.next('a device'); }
      if (p.next('"priority"') !== 'priority') throw syntax('expected "priority"');
      const words: string[] = [];
      while (!p.atEnd()) words.push(p.next('a priority'));
      try { spec.prio = parsePrio(words); } catch (e) { throw syntax((e as Error).message); }
    } else if (p.peek() === 'policy') {
      p.next('policy');
      const v = p.next('accept or drop');
      if (v !== 'accept' && v !== 'drop') throw syntax(`bad policy "${v}"`);
      spec.policy = v;
    } else {
      if (rules === undefined) throw syntax(`unexpected "${p.peek()}"`);
      rules.push(ruleExprs(p));
    }
  }
}

const OPS = new Set(['==', '!=', 'eq', 'ne']);

function opAndValue(p: P, what: string): { op: '==' | '!='; value: string; quoted: boolean } {
  let op: '==' | '!=' = '==';
  if (OPS.has(p.peek() ?? '') && !p.peekTok()!.quoted) { const o = p.next('an operator'); op = o === '!=' || o === 'ne' ? '!=' : '=='; }
  const tok = p.peekTok();
  const value = p.next(`a value for ${what}`);
  return { op, value, quoted: tok?.quoted === true };
}

function addrValue(v: string): MatchExpr['match']['right'] {
  const m = /^(.+)\/(\d+)$/.exec(v);
  return m ? { prefix: { addr: m[1]!, len: Number(m[2]) } } : v;
}

function natTarget(v: string): { addr: string; port?: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(v) ?? /^([^:]+)(?::(\d+))?$/.exec(v);
  if (!m) return { addr: v };
  return m[2] === undefined ? { addr: m[1]! } : { addr: m[1]!, port: Number(m[2]) };
}

function num(v: string, what: string): number | string {
  return /^\d+$/.test(v) ? Number(v) : (() => { throw syntax(`${what}: expected a number, got "${v}"`); })();
}

/** A rule's words up to the end of the statement. */
export function ruleExprs(p: P): RuleExpr[] {
  const out: RuleExpr[] = [];
  while (!p.atEnd()) {
    const w = p.next('an expression');
    switch (w) {
      case 'ip': case 'ip6': {
        const field = p.next('saddr or daddr');
        if (field !== 'saddr' && field !== 'daddr') throw unsupported(`${w} ${field}`);
        const { op, value } = opAndValue(p, `${w} ${field}`);
        out.push({ match: { op, left: { payload: { protocol: w, field } }, right: addrValue(value) } });
        break;
      }
      case 'tcp': case 'udp': {
        const field = p.next('sport or dport');
        if (field !== 'sport' && field !== 'dport') throw unsupported(`${w} ${field}`);
        const { op, value } = opAndValue(p, `${w} ${field}`);
        out.push({ match: { op, left: { payload: { protocol: w, field } }, right: num(value, `${w} ${field}`) as number } });
        break;
      }
      case 'meta': case 'iifname': case 'oifname': {
        const key = w === 'meta' ? p.next('a meta key') : w;
        if (!['iifname', 'oifname', 'l4proto', 'nfproto'].includes(key)) throw unsupported(`meta ${key}`);
        const { op, value } = opAndValue(p, key);
        const right = key === 'l4proto' && /^\d+$/.test(value) ? Number(value) : value;
        out.push({ match: { op, left: { meta: { key: key as 'iifname' } }, right } });
        break;
      }
      case 'ct': {
        const key = p.next('a ct key');
        if (key !== 'state') throw unsupported(`ct ${key}`);
        const { op, value } = opAndValue(p, 'ct state');
        const states = value.split(',');
        out.push({ match: { op: op === '!=' ? '!=' : 'in', left: { ct: { key: 'state' } }, right: states.length === 1 ? states[0]! : states } });
        break;
      }
      case 'counter':
        // `counter packets N bytes M` (as nft lists it) is accepted; the kernel starts at zero.
        if (p.peek() === 'packets') { p.next('packets'); p.next('a count'); p.next('bytes'); p.next('a count'); }
        out.push({ counter: null });
        break;
      case 'accept': case 'drop': case 'return': case 'continue': out.push({ [w]: null } as RuleExpr); break;
      case 'jump': case 'goto': out.push({ [w]: { target: p.next('a chain name') } } as RuleExpr); break;
      case 'masquerade': out.push({ masquerade: null }); break;
      case 'snat': case 'dnat': {
        if (p.peek() === 'ip' || p.peek() === 'ip6') throw unsupported(`${w} ${p.peek()} to (inet-family NAT)`);
        if (p.next('"to"') !== 'to') throw syntax(`expected "${w} to ADDR[:PORT]"`);
        out.push({ [w]: natTarget(p.next('an address')) } as RuleExpr);
        break;
      }
      default: throw unsupported(`expression "${w}"`);
    }
  }
  return out;
}
