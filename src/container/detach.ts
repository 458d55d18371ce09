/**
 * detach(): removes an attachment; succeeds when it is already gone. Deleting the host end takes
 * the container end (its veth peer) with it, and their addresses and routes go with the links.
 * The host end is deleted only when it still carries this attachment's mark, and a container end
 * left alone (its host end already gone some other way) only when its MAC is the result's.
 */

import { Netlink } from '../client.js';
import { reasonOf } from './errors.js';
import { MARK } from './plan.js';
import type { AttachResult } from './types.js';
import type { Attachment } from './attachments.js';

function gone(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ENODEV' || code === 'ENOENT' || (e instanceof Error && /Cannot find device/.test(e.message));
}

async function inNs<T>(path: string | undefined, fn: (nl: Netlink) => Promise<T>): Promise<T | undefined> {
  let nl: Netlink;
  try {
    nl = await Netlink.open(path === undefined ? {} : { netns: { path } });
  } catch (e) {
    if (gone(e)) return undefined; // the namespace itself is gone: so is everything in it
    throw e;
  }
  try { return await fn(nl); } finally { await nl.close(); }
}

/** Deletes `name` in the namespace at `path` when `keep(link)` says it is ours; missing is fine. */
async function delIf(path: string | undefined, name: string, ours: (alias: string | undefined, mac: string | undefined) => boolean): Promise<void> {
  await inNs(path, async (nl) => {
    let l;
    try { l = await nl.link.get(name); } catch (e) { if (gone(e)) return; throw e; }
    if (!ours(l.attrs.ifalias, l.attrs.address)) return;
    await nl.link.del(l.header.index).catch((e: unknown) => {
      if (!gone(e)) throw new Error(`detach: deleting ${name} in netns ${path ?? 'host'} failed: ${reasonOf(e)}`, { cause: e });
    });
  });
}

/** Removes an attachment made by attach() (or listed by attachments()); resolves when nothing of it is left. */
export async function detach(what: AttachResult | Attachment): Promise<void> {
  if ('interfaces' in what) {
    const [h, c] = what.interfaces;
    if (!h || !c) throw new TypeError('detach: the result has no host and container interface');
    const mark = MARK + what.nlctl.id;
    await delIf(what.nlctl.hostNetns, h.name, (alias) => alias === mark);
    if (c.sandbox) await delIf(c.sandbox, c.name, (_alias, mac) => mac === c.mac);
    return;
  }
  await delIf(what.hostNetns, what.ifname, (alias) => alias === MARK + what.id);
}
