/** "Did you mean" suggestions for mistyped objects, commands and keywords. */

/**
 * Optimal string alignment distance: edits, with a swap of two neighbours counting as one. With
 * `max`, gives up as soon as the distance must exceed it and returns `max + 1`: two words whose
 * lengths differ by more than `max` cost nothing, and each row stops once its best cell is over
 * the bound. Why: a 1 MB word in a -batch file once took 16 s and ~1 GB here (issue 9).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < best) best = v;
    }
    // A transposition can reach back two rows, so stop only when both rows are past the bound.
    if (best > max && Math.min(...prev) > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** The candidate closest to `word`, if it is close enough to be a plausible typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  // One edit for short words, two for longer ones: beyond that the guess is noise.
  const max = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = Infinity;
  // Lowercase only what can be within reach: every candidate is a short keyword.
  const longest = candidates.reduce((n, c) => Math.max(n, c.length), 0);
  if (word.length > longest + max) return undefined;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const dist = editDistance(w, c, max);
    if (dist < bestD) { best = c; bestD = dist; }
  }
  return best !== undefined && bestD <= max ? best : undefined;
}

/** ` did you mean "X"?` or empty. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const s = suggest(word, candidates);
  return s ? ` did you mean "${s}"?` : '';
}
