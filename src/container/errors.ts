/**
 * AttachError: which step of an attachment failed, on which object, in which namespace, and the
 * kernel's (or the input's) reason; plus what the rollback did.
 */

import { NetlinkError } from '../netlink/errors.js';

/** A failed attachment step; everything made before it was undone (see `rollback`). */
export class AttachError extends Error {
  override name = 'AttachError';
  /** The step that failed ('create veth', 'container address', 'default route', ...). */
  readonly step: string;
  /** The object it acted on ('eth0', '10.0.0.2/24', 'default via 10.0.0.1'). */
  readonly object: string;
  /** The namespace it acted in. */
  readonly netns: string;
  /** The reason alone: the kernel's errno text, code and ext-ack message, or the input error's message. */
  readonly reason: string;
  /** errno name when the kernel or libc refused ('EEXIST'). */
  readonly code?: string;
  /** 'complete' when nothing is left behind, else what could not be undone. */
  readonly rollback: string;
  override readonly cause: unknown;

  constructor(step: string, object: string, netns: string, cause: unknown, rollback: string) {
    const reason = reasonOf(cause);
    super(`attach: ${step} ${object} in netns ${netns} failed: ${reason}` +
      (rollback === 'complete' ? ' (rolled back: nothing left behind)' : ` (rollback incomplete: ${rollback})`));
    this.step = step;
    this.object = object;
    this.netns = netns;
    this.reason = reason;
    const code = (cause as { code?: unknown })?.code;
    if (typeof code === 'string') this.code = code;
    this.rollback = rollback;
    this.cause = cause;
  }
}

/** The reason of an error without the request summary NetlinkError puts in front. */
export function reasonOf(e: unknown): string {
  if (e instanceof NetlinkError) {
    // A missing device is named by the lookup that failed ('Cannot find device "br9"'): keep that,
    // since the step's object may be another link (the host end being enslaved to br9).
    const op = e.request?.op;
    const missing = op?.startsWith('Cannot find device "') ? `${op}: ` : '';
    return missing + NetlinkError.format(e.errno, undefined, e.extack);
  }
  return e instanceof Error ? e.message : String(e);
}
