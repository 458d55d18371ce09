/** fnmatch(3) with flags 0, which ip applies to address labels: `*`, `?`, `[a-z]`, `[!x]`, `\x`. */

/** Translates a shell pattern into an anchored RegExp (a `[` without its `]` matches itself, as in glibc). */
export function fnmatchRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '\\' && i + 1 < pattern.length) re += escape(pattern[++i]!);
    else if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) { re += '\\['; continue; }
      let body = pattern.slice(i + 1, end);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\]\\^]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`, 's');
}

// The `]` closing a bracket opened at `i`; a `]` right after `[` or `[!` is a member, not the end.
function bracketEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++;
  const end = p.indexOf(']', j);
  return end;
}

function escape(c: string): string { return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'); }

/** True when `text` matches the shell pattern. */
export function fnmatch(pattern: string, text: string): boolean { return fnmatchRegExp(pattern).test(text); }
