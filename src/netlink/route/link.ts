/** PLACEHOLDER: replaced by the link family implementation. */

import type { RouteContext } from './context.js';

/** Placeholder service. */
export class LinkService {
  constructor(protected readonly ctx: RouteContext) {}
}
