/** PLACEHOLDER: replaced by the address family implementation. */

import type { RouteContext } from './context.js';

/** Placeholder service. */
export class AddrService {
  constructor(protected readonly ctx: RouteContext) {}
}
