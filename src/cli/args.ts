/**
 * The argv cursor every nlctl command parses with, and ip's word matching: a word selects a
 * keyword when it is a non-empty prefix of it (`ip l s` = `ip link show`), and the first
 * keyword in ip's own order wins, so abbreviations resolve exactly as ip resolves them.
 */

import { CliUsageError } from './errors.js';
import { strtoul } from '../netlink/route/names.js';

/** True when `word` abbreviates `keyword` (ip's matches(): a non-empty prefix). */
export function matches(word: string | undefined, keyword: string): boolean {
  return word !== undefined && word.length > 0 && keyword.startsWith(word);
}

/** The first keyword (in the given order) that `word` abbreviates. */
export function pick<T extends string>(word: string, keywords: readonly T[]): T | undefined {
  return keywords.find((k) => matches(word, k));
}

/**
 * The batch pipelining key of a command line (`'address add'`): lines with equal keys may be
 * issued without waiting for each other. Only changes (`modify`) pipeline; `chg` is `change`.
 */
export function pipelineKeyOf(object: string, words: readonly string[], commands: readonly string[], modify: readonly string[]): string | undefined {
  const w = words[0];
  const cmd = w === undefined ? undefined : w === 'chg' ? 'change' : pick(w, commands);
  return cmd && modify.includes(cmd) ? `${object} ${cmd}` : undefined;
}

/** A cursor over the words of one command, with ip's error messages for missing words. */
export class Args {
  private i = 0;
  constructor(readonly words: readonly string[]) {}

  /** True when every word was consumed. */
  get done(): boolean { return this.i >= this.words.length; }
  /** The words not consumed yet. */
  get rest(): string[] { return this.words.slice(this.i); }
  /** The next word without consuming it. */
  peek(): string | undefined { return this.words[this.i]; }
  /** Consumes the next word (undefined at the end). */
  shift(): string | undefined { return this.words[this.i++]; }

  /** Consumes the value after a keyword; ip's "Command line is not complete" when there is none. */
  value(): string {
    const v = this.words[this.i++];
    if (v === undefined) throw new CliUsageError('Command line is not complete. Try option "help"');
    return v;
  }

  /** Consumes an unsigned integer value as ip's get_unsigned() reads it (base 0), with ip's message for a bad one. */
  uint(what: string, max = 0xffffffff): number {
    const v = this.value();
    const r = strtoul(v);
    if (!r || r.rest !== '' || r.value > max) throw invalidArg(v, what);
    return r.value;
  }
}


/** ip's `Error: argument "X" is wrong: <what>`. */
export function invalidArg(value: string, what: string): CliUsageError {
  return new CliUsageError(`Error: argument "${value}" is wrong: ${what}`);
}

/** ip's complaint about a word given twice or a stray word. */
export function duplicateArg(key: string, value: string): CliUsageError {
  return new CliUsageError(`Error: either "${key}" is duplicate, or "${value}" is a garbage.`);
}

/** ip's duparg(): a keyword that takes one value was given a second one. */
export function repeatedArg(key: string, value: string): CliUsageError {
  return new CliUsageError(`Error: duplicate "${key}": "${value}" is the second value.`);
}
