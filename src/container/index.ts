/** Container networking: attach, check, detach, attachments and the namespace map. */

export { attach } from './attach.js';
export { check } from './check.js';
export { detach } from './detach.js';
export { attachments, type Attachment } from './attachments.js';
export { AttachError } from './errors.js';
export type { AttachOptions, AttachResult, HostSide, RouteSpec, ResultInterface, ResultIp, ResultRoute, Difference, DifferenceKind } from './types.js';
