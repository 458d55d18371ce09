/**
 * Checks src/netlink/route/constants.ts against the Linux uapi headers it mirrors
 * (linux/rtnetlink.h, if_link.h, if_tunnel.h, if_addr.h, neighbour.h, net_namespace.h,
 * veth.h, if_bridge.h, if_arp.h, if.h, netconf.h, fib_rules.h, nexthop.h, if_addrlabel.h) by parsing the header text: `#define NAME value`
 * lines and enum bodies (implicit numbering, `= expr` assignments, comments and
 * preprocessor lines inside the body). Skipped when the headers are not installed.
 */
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import * as C from '../../src/netlink/route/constants.js';

const INCLUDE_DIR = '/usr/include/linux';
const HEADERS = [
  'rtnetlink.h',
  'if_link.h',
  'if_tunnel.h',
  'if_addr.h',
  'neighbour.h',
  'net_namespace.h',
  'veth.h',
  'if_bridge.h',
  'if_arp.h',
  'if.h',
  'netconf.h',
  'fib_rules.h',
  'nexthop.h',
  'if_addrlabel.h',
];

/** Well-known constants that must be found in the headers and match. */
const SAMPLE = [
  'RTM_NEWLINK', 'RTM_DELLINK', 'RTM_GETLINK', 'RTM_SETLINK', 'RTM_NEWADDR', 'RTM_GETADDR',
  'RTM_NEWROUTE', 'RTM_NEWNEIGH', 'RTM_NEWNSID', 'RTM_DELNSID', 'RTM_GETNSID',
  'RTN_UNICAST', 'RTN_LOCAL', 'RTPROT_KERNEL', 'RTPROT_STATIC', 'RT_SCOPE_UNIVERSE',
  'RT_SCOPE_LINK', 'RT_SCOPE_HOST', 'RT_TABLE_MAIN', 'RT_TABLE_LOCAL', 'RT_TABLE_MAX',
  'RTM_F_FIB_MATCH', 'RTNH_F_ONLINK', 'RTA_DST', 'RTA_GATEWAY', 'RTA_MULTIPATH',
  'RTA_TABLE', 'RTA_NH_ID', 'RTMGRP_LINK', 'RTMGRP_IPV4_IFADDR', 'RTNLGRP_LINK',
  'RTNLGRP_NSID', 'RTEXT_FILTER_VF', 'IFLA_ADDRESS', 'IFLA_IFNAME', 'IFLA_MTU',
  'IFLA_LINK', 'IFLA_MASTER', 'IFLA_OPERSTATE', 'IFLA_LINKINFO', 'IFLA_NET_NS_PID',
  'IFLA_NET_NS_FD', 'IFLA_LINK_NETNSID', 'IFLA_IF_NETNSID', 'IFLA_TARGET_NETNSID',
  'IFLA_PROP_LIST', 'IFLA_ALT_IFNAME', 'IFLA_PERM_ADDRESS', 'IFLA_PARENT_DEV_NAME',
  'IFLA_INFO_KIND', 'IFLA_INFO_DATA', 'IFLA_INFO_SLAVE_KIND', 'IFLA_BR_VLAN_FILTERING',
  'IFLA_BRPORT_STATE', 'IFLA_VXLAN_ID', 'IFLA_VXLAN_PORT', 'IFLA_MACVLAN_MODE',
  'MACVLAN_MODE_BRIDGE', 'IFLA_VLAN_ID', 'IFLA_IPVLAN_MODE', 'IFLA_VRF_TABLE',
  'IFLA_BOND_MODE', 'IFLA_GENEVE_ID', 'IFLA_XDP_FD', 'IFLA_GRE_LOCAL',
  'VETH_INFO_PEER', 'IFA_ADDRESS', 'IFA_LOCAL', 'IFA_FLAGS', 'IFA_F_PERMANENT',
  'IFA_F_TEMPORARY', 'NDA_DST', 'NDA_LLADDR', 'NUD_PERMANENT', 'NTF_SELF',
  'NETNSA_NSID', 'NETNSA_FD', 'NETNSA_NSID_NOT_ASSIGNED', 'IFLA_BRIDGE_VLAN_INFO',
  'BRIDGE_VLAN_INFO_PVID', 'ARPHRD_ETHER', 'ARPHRD_LOOPBACK', 'ARPHRD_NONE',
  'ARPHRD_VOID', 'ARPHRD_HDLC', 'IFF_UP', 'IFF_LOWER_UP', 'IFF_ECHO', 'IF_OPER_UP',
  'IF_LINK_MODE_DORMANT', 'FRA_PRIORITY', 'FRA_DPORT_RANGE', 'FR_ACT_PROHIBIT', 'FIB_RULE_INVERT',
  'NHA_ID', 'NHA_FDB', 'NHA_RES_BUCKET_NH_ID', 'NEXTHOP_GRP_TYPE_RES', 'IFAL_LABEL',
];

/**
 * Evaluates the small C constant expressions found in uapi headers: integer literals
 * (with U/L suffixes), identifiers, parentheses, unary - ~, binary + - << >> & |.
 * Returns undefined for anything else (casts, function-like macros, unknown names).
 */
function evaluate(expr: string, lookup: (name: string) => bigint | undefined): bigint | undefined {
  const tokens = expr.match(/0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|<<|>>|\S/g) ?? [];
  let pos = 0;
  const fail = (): never => {
    throw new Error(`cannot evaluate ${expr}`);
  };
  const primary = (): bigint => {
    const tok = tokens[pos++] ?? fail();
    if (tok === '(') {
      const v = orExpr();
      if (tokens[pos++] !== ')') fail();
      return v;
    }
    if (tok === '-') return -primary();
    if (tok === '~') return ~primary();
    if (/^\d|^0[xX]/.test(tok)) return BigInt(tok.replace(/[uUlL]+$/, ''));
    if (/^[A-Za-z_]/.test(tok)) return lookup(tok) ?? fail();
    return fail();
  };
  const binary = (ops: string[], next: () => bigint) => (): bigint => {
    let v = next();
    while (pos < tokens.length && ops.includes(tokens[pos]!)) {
      const op = tokens[pos++]!;
      const r = next();
      if (op === '+') v += r;
      else if (op === '-') v -= r;
      else if (op === '<<') v <<= r;
      else if (op === '>>') v >>= r;
      else if (op === '&') v &= r;
      else v |= r;
    }
    return v;
  };
  const additive = binary(['+', '-'], primary);
  const shift = binary(['<<', '>>'], additive);
  const andExpr = binary(['&'], shift);
  const orExpr = binary(['|'], andExpr);
  try {
    const v = orExpr();
    return pos === tokens.length ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Parses the `#define`s and enum members of one header into name -> value. */
function parseHeader(text: string): Map<string, number> {
  const src = text
    // Block comments: keep line structure so `#define` lines stay intact.
    .replace(/\/\*[\s\S]*?\*\//g, (c) => (c.includes('\n') ? c.replace(/[^\n]/g, '') : ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\\\n/g, ' ');

  const defines = new Map<string, string>();
  for (const line of src.split('\n')) {
    // An object-like macro: the name is followed by blanks (a `(` would make it function-like).
    const m = /^\s*#\s*define\s+([A-Za-z_]\w*)[ \t]+(\S.*?)\s*$/.exec(line);
    if (m) defines.set(m[1]!, m[2]!);
  }

  const enums = new Map<string, bigint>();
  const resolving = new Set<string>();
  const lookup = (name: string): bigint | undefined => {
    const e = enums.get(name);
    if (e !== undefined) return e;
    const d = defines.get(name);
    if (d === undefined || resolving.has(name)) return undefined;
    resolving.add(name);
    try {
      return evaluate(d, lookup);
    } finally {
      resolving.delete(name);
    }
  };

  for (const m of src.matchAll(/\benum\b[^{};]*\{([^}]*)\}/g)) {
    const body = m[1]!
      .split('\n')
      .filter((l) => !/^\s*#/.test(l))
      .join('\n');
    let next: bigint | undefined = 0n;
    for (const raw of body.split(',')) {
      const entry = raw.trim();
      if (entry === '') continue;
      const em = /^([A-Za-z_]\w*)\s*(?:=\s*([\s\S]+))?$/.exec(entry);
      if (!em) throw new Error(`unexpected enum entry: ${entry}`);
      const value: bigint | undefined = em[2] !== undefined ? evaluate(em[2], lookup) : next;
      if (value !== undefined) enums.set(em[1]!, value);
      next = value === undefined ? undefined : value + 1n;
    }
  }

  const out = new Map<string, number>();
  for (const name of defines.keys()) {
    const v = lookup(name);
    if (v !== undefined) out.set(name, Number(v));
  }
  for (const [name, v] of enums) out.set(name, Number(v));
  return out;
}

const ours = new Map<string, number>();
for (const [name, value] of Object.entries(C as Record<string, unknown>)) {
  if (typeof value === 'number') ours.set(name, value);
}

t.test('header parser', async (t) => {
  const parsed = parseHeader(`
#define A_ONE\t1 /* one */
#define A_HEX 0x10U
#define A_SHIFT (1 << 3)
#define A_ALIAS A_ONE
#define A_FUNC(x) ((x) + 1)
enum foo {
\tB_ZERO,
#define B_ZERO B_ZERO
\tB_ONE, /* a, comment */
\t/* multi
\t * line, comment */
\tB_TEN = 10,
\tB_ELEVEN,
\tB_ALIAS = B_ONE,
\tB_TWO,
\tB_NEG = -1,
\t__B_MAX
};
enum { C_BIT = 1<<4, C_BIG = 0xFFFFFFFF };
`);
  t.same(Object.fromEntries(parsed), {
    A_ONE: 1,
    A_HEX: 16,
    A_SHIFT: 8,
    A_ALIAS: 1,
    B_ZERO: 0,
    B_ONE: 1,
    B_TEN: 10,
    B_ELEVEN: 11,
    B_ALIAS: 1,
    B_TWO: 2,
    B_NEG: -1,
    __B_MAX: 0,
    C_BIT: 16,
    C_BIG: 4294967295,
  });
});

const missing = HEADERS.filter((h) => !existsSync(`${INCLUDE_DIR}/${h}`));
const fromHeaders = new Map<string, { header: string; value: number }>();
for (const h of HEADERS) {
  if (missing.includes(h)) continue;
  for (const [name, value] of parseHeader(readFileSync(`${INCLUDE_DIR}/${h}`, 'utf8'))) {
    if (!fromHeaders.has(name)) fromHeaders.set(name, { header: h, value });
  }
}

t.test(
  'well-known constants match the uapi headers',
  { skip: missing.length > 0 ? `uapi headers not found: ${missing.map((h) => `${INCLUDE_DIR}/${h}`).join(', ')}` : false },
  async (t) => {
    t.ok(SAMPLE.length >= 40, 'sample has at least 40 names');
    for (const name of SAMPLE) {
      const h = fromHeaders.get(name);
      t.ok(h, `${name} found in a header`);
      t.ok(ours.has(name), `${name} exported`);
      if (h) t.equal(ours.get(name), h.value, `${name} = ${h.value} (linux/${h.header})`);
    }
  },
);

t.test(
  'every exported constant found in the headers has the header value',
  { skip: missing.length === HEADERS.length ? `no uapi headers under ${INCLUDE_DIR}` : false },
  async (t) => {
    let checked = 0;
    const mismatches: string[] = [];
    for (const [name, value] of ours) {
      const h = fromHeaders.get(name);
      if (!h) continue;
      checked++;
      if (h.value !== value) mismatches.push(`${name}: ours ${value}, linux/${h.header} ${h.value}`);
    }
    t.same(mismatches, [], 'no mismatches');
    t.ok(checked >= 40, `checked ${checked} constants`);
  },
);
