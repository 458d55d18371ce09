/**
 * ip's -N / -Numeric: protocols, scopes, tables, route types, groups and link types print as
 * numbers instead of names (iproute2's rt_names.c `numeric` switch). Set once per run by the
 * global options.
 */

/** Whether names are printed as numbers. */
export const numeric = { on: false };

/** A table's name for `n`, or the number under -N. */
export function nameOf(table: { name(n: number): string }, n: number): string {
  return numeric.on ? String(n) : table.name(n);
}
