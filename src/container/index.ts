/** Container networking: attach, check, detach, attachments and the namespace map. */

export { attach } from './attach.js';
export { check } from './check.js';
export { detach } from './detach.js';
export { attachments, type Attachment } from './attachments.js';
export { AttachError } from './errors.js';
export type { AttachOptions, AttachResult, HostSide, RouteSpec, ResultInterface, ResultIp, ResultRoute, Difference, DifferenceKind } from './types.js';
export { topology, type Topology, type TopologyOptions, type TopoNamespace, type TopoLink, type TopoEnd, type TopoEdge } from './topology.js';
export { renderTree, renderDot, renderMermaid, renderJson, nsTitle } from './topology-render.js';
