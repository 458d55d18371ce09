/**
 * Deliberate, known differences between ip 6.1 and nlctl invoked as ip, each with its reason.
 * A line listed here is run and reported but not failed.
 */

/** Corpus line (exactly as written in corpus.ts) -> why nlctl differs from ip there. */
export const KNOWN: Readonly<Record<string, string>> = {
};
