/**
 * The map in four forms: a text tree for the terminal, DOT (Graphviz), Mermaid (Markdown
 * viewers) and JSON. All four show the same namespaces, links and joins; JSON also has MACs,
 * MTUs, inodes and unresolved far ends.
 */

import type { TopoEnd, TopoLink, TopoNamespace, Topology } from './topology.js';

/** How a namespace is called in every form: `netns NAME`, `pid 42 (runc:[2:INIT])`, `pid 2 (kthreadd), the root netns`. */
export function nsTitle(ns: TopoNamespace): string {
  const t = ns.name !== undefined ? `netns ${ns.name}` : `pid ${ns.pid} (${ns.comm})`;
  return ns.root ? `${t}, the root netns` : t;
}

function farText(end: TopoEnd, byId: Map<string, TopoNamespace>, here: string): string {
  const ns = end.netns === undefined ? undefined : byId.get(end.netns);
  const who = end.ifname ?? `ifindex ${end.ifindex}`;
  if (end.netns === here) return who;
  if (ns) return `${who} in ${nsTitle(ns)}`;
  return end.nsid === undefined ? who : `${who} in nsid ${end.nsid} (not listed)`;
}

function linkLine(l: TopoLink, byId: Map<string, TopoNamespace>, here: string): string {
  const parts = [l.ifname, l.kind, l.up ? 'UP' : 'DOWN'];
  if (l.addresses.length) parts.push(l.addresses.join(' '));
  if (l.master) parts.push(`port of ${l.master}`);
  if (l.peer) parts.push(`<-> ${farText(l.peer, byId, here)}`);
  if (l.lower) parts.push(`on ${farText(l.lower, byId, here)}`);
  return parts.join('  ');
}

/** The text tree: one block per namespace, one line per link, veth peers named with their namespace. */
export function renderTree(t: Topology): string {
  const byId = new Map(t.namespaces.map((n) => [n.id, n]));
  const out: string[] = [];
  for (const ns of t.namespaces) {
    out.push(ns.error ? `${nsTitle(ns)}  (cannot read: ${ns.error})` : nsTitle(ns));
    ns.links.forEach((l, i) => out.push(`${i === ns.links.length - 1 ? '└── ' : '├── '}${linkLine(l, byId, ns.id)}`));
  }
  return out.join('\n') + '\n';
}

/** Node ids that every graph language accepts: n<namespace index>_<ifindex>. */
function nodeIds(t: Topology): (netns: string, ifname: string) => string | undefined {
  const ids = new Map<string, string>();
  t.namespaces.forEach((ns, i) => { for (const l of ns.links) ids.set(`${ns.id}\0${l.ifname}`, `n${i}_${l.ifindex}`); });
  return (netns, ifname) => ids.get(`${netns}\0${ifname}`);
}

function nodeLabel(l: TopoLink): string[] {
  return [l.ifname, `${l.kind} ${l.up ? 'UP' : 'DOWN'}`, ...l.addresses];
}

const dotEsc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
const dotq = (s: string) => `"${dotEsc(s)}"`;
const EDGE_STYLE = { veth: 'penwidth=2', port: 'style=dashed', lower: 'style=dotted' } as const;

/** DOT for Graphviz (`dot -Tsvg`): one cluster per namespace, veth pairs bold, bridge ports dashed, lower devices dotted. */
export function renderDot(t: Topology): string {
  const id = nodeIds(t);
  const out = ['graph nlctl {', '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="monospace", fontsize=10];', '  edge [fontname="monospace", fontsize=9];'];
  t.namespaces.forEach((ns, i) => {
    out.push(`  subgraph cluster_${i} {`, `    label=${dotq(nsTitle(ns))};`);
    for (const l of ns.links) out.push(`    ${id(ns.id, l.ifname)} [label="${nodeLabel(l).map(dotEsc).join('\\n')}"];`);
    out.push('  }');
  });
  for (const e of t.edges) out.push(`  ${id(e.from.netns, e.from.ifname)} -- ${id(e.to.netns, e.to.ifname)} [label=${dotq(e.kind)}, ${EDGE_STYLE[e.kind]}];`);
  out.push('}');
  return out.join('\n') + '\n';
}

const mq = (s: string) => s.replace(/"/g, '#quot;');
const MERMAID_EDGE = { veth: '===', port: '-.-', lower: '-.-' } as const;

/** Mermaid (`flowchart LR`): one subgraph per namespace; veth pairs thick, ports and lower devices dotted. */
export function renderMermaid(t: Topology): string {
  const id = nodeIds(t);
  const out = ['flowchart LR'];
  t.namespaces.forEach((ns, i) => {
    out.push(`  subgraph ns${i}["${mq(nsTitle(ns))}"]`);
    for (const l of ns.links) out.push(`    ${id(ns.id, l.ifname)}["${nodeLabel(l).map(mq).join('<br/>')}"]`);
    out.push('  end');
  });
  for (const e of t.edges) out.push(`  ${id(e.from.netns, e.from.ifname)} ${MERMAID_EDGE[e.kind]}|${e.kind}| ${id(e.to.netns, e.to.ifname)}`);
  return out.join('\n') + '\n';
}

/** JSON: the Topology as is (its keys always in the same order), pretty when asked. */
export function renderJson(t: Topology, pretty = false): string {
  return JSON.stringify(t, null, pretty ? 2 : undefined) + '\n';
}
