/**
 * Deliberate, known differences between ip 6.1 and nlctl invoked as ip, each with its reason.
 * A line listed here is run and reported but not failed.
 */

/** Corpus line (exactly as written in corpus.ts, or `GROUP :: LINE` for one group's) -> why nlctl differs from ip there. */
export const KNOWN: Readonly<Record<string, string>> = {
  '-Version': 'as -V',
  '-V': 'nlctl reports its own version (nlctl-0.1.0), not iproute2\'s: it is not iproute2, and a script parsing the version must not be told otherwise',
  'address add 10.0.5.1/24 dev v0 proto 99': 'address protocols (IFA_PROTO) came with iproute2 6.3; ip 6.1 refuses the word, nlctl accepts it as later ip does',
  'words ip 6.1 does not know :: address show dev v0': 'follows from the line above: the address exists on nlctl\'s side only',
  '-j neigh get 10.0.0.9 dev v0': 'ip 6.1 prints text for neigh get even with -j (fixed in later iproute2); nlctl prints the JSON',
  '-br -j link show up': 'ip 6.1 prints an empty object {} for each link the up filter drops (-br -j); nlctl leaves them out',
  '-j monitor file $F': 'ip 6.1 monitor has no JSON and prints text; nlctl prints one JSON object per event, as its live monitor does',
  'address add dev v0': 'ip 6.1 sends an address change without an address and prints the kernel\'s EOPNOTSUPP (exit 2); nlctl refuses it before sending (exit 255)',
};

/** Why a line of a group differs, when it is a known difference. */
export function knownReason(group: string, line: string): string | undefined {
  return KNOWN[`${group} :: ${line}`] ?? KNOWN[line];
}
