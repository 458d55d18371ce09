/**
 * Named network namespaces and acting inside any namespace, as one module: the public
 * `netns` API (`import { netns } from 'nlctl'`). Each function takes a NetnsRef where it acts
 * on a namespace: a /run/netns name, a path, `{ pid }`, `{ fd }`, `{ name }` or `{ path }`.
 */

export { add, attach, del, del as delete, list, type NetnsEntry } from './named.js';
export { identify, pids, nsIdentity, type NsId } from './identity.js';
export { setId, getId, listIds, type IdOptions } from './ids.js';
export { sysctl, sysctlGet, sysctlSet, sysctlPath } from './sysctl.js';
export { socket, type SocketKind, type SocketSpec } from './sockets.js';
export { exec, spawn, type ExecOptions, type ExecResult } from './exec.js';
export { runIn, shutdownWorker as shutdown } from './executor.js';
export { validateName, netnsPath, openNetns, type NetnsRef, type NetnsFd } from './ref.js';
