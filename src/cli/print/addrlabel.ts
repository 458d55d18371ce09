/** IPv6 address labels as `ip addrlabel list` prints them (`prefix ::1/128 label 0 `) and as `ip -j` objects (ip 6.1's print_addrlabel). */

import { familyColor, paint } from './color.js';
import type { JsonValue } from './json.js';
import type { AddrlabelMessage } from '../../netlink/route/addrlabel.js';

/** One label in ip's text layout (no newline), and its JSON object. */
export function addrlabelEntry(l: AddrlabelMessage, name: (i: number) => string): { text: string; json: Record<string, JsonValue> } {
  const j: Record<string, JsonValue> = {};
  let t = '';
  if (l.attrs.address !== undefined) {
    t += `prefix ${paint(familyColor(l.header.family), l.attrs.address)}/${l.header.prefixlen} `;
    j.address = l.attrs.address;
    j.prefixlen = l.header.prefixlen;
  }
  if (l.header.index) { const d = name(l.header.index); t += `dev ${paint('ifname', `${d} `)}`; j.ifname = d; }
  if (l.attrs.label !== undefined) { t += `label ${l.attrs.label} `; j.label = l.attrs.label; }
  return { text: t, json: j };
}
