/** PLACEHOLDER: replaced by the route family implementation. */

import type { RouteContext } from './context.js';

/** Placeholder service. */
export class RouteService {
  constructor(protected readonly ctx: RouteContext) {}
}
