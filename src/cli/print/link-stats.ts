/**
 * `ip -s link show`: a link's IFLA_STATS64 as ip 6.1's print_link_stats64 prints it: the RX/TX
 * column blocks (with -s -s also the error blocks), columns sized to the widest number, and the
 * `stats64` JSON object. rx/tx compressed, nohandler and otherhost appear only when non-zero, as
 * in ip. With -h (-iec) the text counters are scaled as ip's print_num() scales them; JSON never is.
 */

import type { JsonValue } from './json.js';

/** The decoded rtnl_link_stats64 (library keys), numbers or bigints. */
export type Stats64 = Record<string, number | bigint | undefined>;

const n = (s: Stats64, k: string): bigint => BigInt(s[k] ?? 0);

/** The `stats64` object of `ip -j -s link show`; `level` is how many -s were given. */
export function statsJson(s: Stats64, level: number, carrierChanges?: number): Record<string, JsonValue> {
  const rx: Record<string, JsonValue> = {};
  const put = (o: Record<string, JsonValue>, k: string, v: bigint): void => { o[k] = v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v; };
  for (const [k, f] of [['bytes', 'rx_bytes'], ['packets', 'rx_packets'], ['errors', 'rx_errors'], ['dropped', 'rx_dropped'],
    ['over_errors', 'rx_over_errors'], ['multicast', 'multicast']] as const) put(rx, k, n(s, f));
  if (n(s, 'rx_compressed')) put(rx, 'compressed', n(s, 'rx_compressed'));
  if (level > 1) {
    for (const [k, f] of [['length_errors', 'rx_length_errors'], ['crc_errors', 'rx_crc_errors'], ['frame_errors', 'rx_frame_errors'],
      ['fifo_errors', 'rx_fifo_errors'], ['missed_errors', 'rx_missed_errors']] as const) put(rx, k, n(s, f));
    if (n(s, 'rx_nohandler')) put(rx, 'nohandler', n(s, 'rx_nohandler'));
    if (n(s, 'rx_otherhost_dropped')) put(rx, 'otherhost', n(s, 'rx_otherhost_dropped'));
  }
  const tx: Record<string, JsonValue> = {};
  for (const [k, f] of [['bytes', 'tx_bytes'], ['packets', 'tx_packets'], ['errors', 'tx_errors'], ['dropped', 'tx_dropped'],
    ['carrier_errors', 'tx_carrier_errors'], ['collisions', 'collisions']] as const) put(tx, k, n(s, f));
  if (n(s, 'tx_compressed')) put(tx, 'compressed', n(s, 'tx_compressed'));
  if (level > 1) {
    for (const [k, f] of [['aborted_errors', 'tx_aborted_errors'], ['fifo_errors', 'tx_fifo_errors'], ['window_errors', 'tx_window_errors'],
      ['heartbeat_errors', 'tx_heartbeat_errors']] as const) put(tx, k, n(s, f));
    if (carrierChanges !== undefined) put(tx, 'carrier_changes', BigInt(carrierChanges));
  }
  return { rx, tx };
}

/** -h (-human-readable), with -iec: counters scaled by 1000 (k, M, ...) or 1024 (ki, Mi, ...). */
export interface HumanOptions { iec: boolean }

// printf's "%.*f" on a double: the exact decimal value (toFixed(60) is exact for 1 <= x < 2^53,
// which has at most 52 binary fraction digits) rounded half to even, where toFixed rounds half up.
function cFixed(x: number, p: number): string {
  const [int, frac] = x.toFixed(60).split('.') as [string, string];
  let n = BigInt(int + frac.slice(0, p));
  const rest = frac.slice(p);
  const half = '5'.padEnd(rest.length, '0');
  if (rest > half || (rest === half && n % 2n === 1n)) n += 1n;
  const d = n.toString().padStart(p + 1, '0');
  return p ? `${d.slice(0, -p)}.${d.slice(-p)}` : d;
}

/**
 * A counter as ip 6.1's print_num() writes it: as is below the base, else divided by the largest
 * power of the base (1000, or 1024 with -iec) that leaves it at least 1, with two, one or no
 * decimals for values under 10, 100 and above, and the prefix letter (k M G T P E, plus 'i').
 */
export function humanNum(count: bigint, h: HumanOptions): string {
  const base = h.iec ? 1024n : 1000n;
  if (count < base) return count.toString();
  const prefixes = 'kMGTPE';
  let k = 0;
  let powi = 1n;
  for (;;) {
    powi *= base;
    if (count / base < powi || k === prefixes.length - 1) break;
    k++;
  }
  let precision = 2;
  for (let powj = 10n; precision > 0; precision--, powj *= 10n) if (count / powi < powj) break;
  return `${cFixed(Number(count) / Number(powi), precision)}${prefixes[k]}${h.iec ? 'i' : ''}`;
}

// ip's size_columns(): each column is as wide as its header or its widest number; with -h the
// headers alone set the widths.
function size(cols: number[], human: HumanOptions | undefined, ...vals: bigint[]): void {
  if (human) return;
  vals.forEach((v, i) => { cols[i] = Math.max(cols[i]!, v.toString().length); });
}

/** The text block (starting with a line break) that `ip -s link show` prints under a link. */
export function statsText(s: Stats64, level: number, carrierChanges?: number, human?: HumanOptions): string {
  const cols = ['*X errors:', 'packets', 'errors', 'dropped', 'heartbt', 'overrun', 'compressed', 'otherhost'].map((h) => h.length);
  const rxc = n(s, 'rx_compressed');
  const txc = n(s, 'tx_compressed');
  const noh = n(s, 'rx_nohandler');
  const oth = n(s, 'rx_otherhost_dropped');
  const cc = BigInt(carrierChanges ?? 0);
  size(cols, human, n(s, 'rx_bytes'), n(s, 'rx_packets'), n(s, 'rx_errors'), n(s, 'rx_dropped'), n(s, 'rx_missed_errors'), n(s, 'multicast'), rxc, noh);
  size(cols, human, n(s, 'tx_bytes'), n(s, 'tx_packets'), n(s, 'tx_errors'), n(s, 'tx_dropped'), n(s, 'tx_carrier_errors'), n(s, 'collisions'), txc);
  if (level > 1) {
    size(cols, human, 0n, n(s, 'rx_length_errors'), n(s, 'rx_crc_errors'), n(s, 'rx_frame_errors'), n(s, 'rx_fifo_errors'), n(s, 'rx_over_errors'), noh, oth);
    size(cols, human, 0n, n(s, 'tx_aborted_errors'), n(s, 'tx_fifo_errors'), n(s, 'tx_window_errors'), n(s, 'tx_heartbeat_errors'), cc);
  }
  const w = (i: number): number => cols[i]!;
  const num = (i: number, v: bigint): string => `${(human ? humanNum(v, human) : v.toString()).padStart(w(i))} `;
  const head = (dir: string, names: string[], extra: string): string =>
    `\n    ${dir}: ${names[0]!.padStart(w(0) - 4)} ${names.slice(1).map((h, i) => h.padStart(w(i + 1))).join(' ')} ${extra.padStart(w(6))}`;
  let t = head('RX', ['bytes', 'packets', 'errors', 'dropped', 'missed', 'mcast'], rxc ? 'compressed' : '');
  t += '\n    ' + [n(s, 'rx_bytes'), n(s, 'rx_packets'), n(s, 'rx_errors'), n(s, 'rx_dropped'), n(s, 'rx_missed_errors'), n(s, 'multicast')].map((v, i) => num(i, v)).join('');
  if (rxc) t += num(6, rxc);
  if (level > 1) {
    t += `\n    RX errors:${''.padStart(w(0) - 10)} ${['length', 'crc', 'frame', 'fifo', 'overrun'].map((h, i) => h.padStart(w(i + 1))).join(' ')}`;
    t += `${noh ? ' nohandler'.padStart(w(6) + 1) : ''}${oth ? ' otherhost'.padStart(w(7) + 1) : ''}`;
    t += `\n    ${''.padStart(w(0))} ` + [n(s, 'rx_length_errors'), n(s, 'rx_crc_errors'), n(s, 'rx_frame_errors'), n(s, 'rx_fifo_errors'), n(s, 'rx_over_errors')]
      .map((v, i) => num(i + 1, v)).join('');
    if (noh) t += num(6, noh);
    if (oth) t += num(7, oth);
  }
  t += head('TX', ['bytes', 'packets', 'errors', 'dropped', 'carrier', 'collsns'], txc ? 'compressed' : '');
  t += '\n    ' + [n(s, 'tx_bytes'), n(s, 'tx_packets'), n(s, 'tx_errors'), n(s, 'tx_dropped'), n(s, 'tx_carrier_errors'), n(s, 'collisions')].map((v, i) => num(i, v)).join('');
  if (txc) t += num(6, txc);
  if (level > 1) {
    t += `\n    TX errors:${''.padStart(w(0) - 10)} ${['aborted', 'fifo', 'window', 'heartbt', carrierChanges !== undefined ? 'transns' : ''].map((h, i) => h.padStart(w(i + 1))).join(' ')}`;
    t += `\n    ${''.padStart(w(0))} ` + [n(s, 'tx_aborted_errors'), n(s, 'tx_fifo_errors'), n(s, 'tx_window_errors'), n(s, 'tx_heartbeat_errors')]
      .map((v, i) => num(i + 1, v)).join('') + (carrierChanges !== undefined ? num(5, cc) : '');
  }
  return t;
}
