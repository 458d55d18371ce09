/** ip's -oneline (-o): every record on one line, its inner line breaks printed as `\`. */

/** A record's text with each line break inside it replaced by `\`, as ip's `_SL_` does in -o mode. */
export function oneline(record: string): string { return record.replace(/\n/g, '\\'); }

/** `record` as one line when `on`, unchanged otherwise. */
export function maybeOneline(record: string, on: boolean): string { return on ? oneline(record) : record; }
