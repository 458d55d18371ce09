/** PLACEHOLDER: replaced by the neigh family implementation. */

import type { RouteContext } from './context.js';

/** Placeholder service. */
export class NeighService {
  constructor(protected readonly ctx: RouteContext) {}
}
