/** Test-only fault injection on a NetlinkSocket: dumps flagged as interrupted by a racing change. */

import type { NetlinkSocket } from '../../src/netlink/socket.js';
import { NLM_F_DUMP_INTR } from '../../src/netlink/constants.js';

/** Makes the socket see NLM_F_DUMP_INTR on the next `times` dumps' messages, as a racing change would. */
export function injectDumpIntr(sock: NetlinkSocket, times: number): { seen: () => number } {
  const s = sock as unknown as { dispatch(d: Buffer): void };
  const orig = s.dispatch.bind(sock);
  let dumps = 0;
  s.dispatch = (d: Buffer) => {
    if (dumps < times) {
      // Flag every message of the datagram (a real interrupted dump flags the messages after the change).
      for (let off = 0; off + 16 <= d.length; off += (d.readUInt32LE(off) + 3) & ~3) {
        d.writeUInt16LE(d.readUInt16LE(off + 6) | NLM_F_DUMP_INTR, off + 6);
        if (d.readUInt16LE(off + 4) === 3 /* NLMSG_DONE */) dumps++;
      }
    }
    orig(d);
  };
  return { seen: () => dumps };
}
