/**
 * Parsing NLMSG_ERROR (acks and errors, with extended-ack TLVs and NLM_F_CAPPED) and the
 * error code an NLMSG_DONE may carry.
 */

import { align4, NLMSG_HDRLEN } from './align.js';
import {
  NLM_F_ACK_TLVS, NLM_F_CAPPED, NLMSGERR_ATTR_COOKIE, NLMSGERR_ATTR_MISS_NEST, NLMSGERR_ATTR_MISS_TYPE,
  NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY,
} from './constants.js';
import { DecodeError, type ExtAck } from './errors.js';
import { walkAttrs } from './attrs.js';
import { cstring } from './codecs.js';

/** A parsed NLMSG_ERROR or NLMSG_DONE. */
export interface Ack {
  /** Positive errno; 0 for success. */
  errno: number;
  extack?: ExtAck;
  /** The header of the request it answers (from the echoed nlmsghdr), for NLMSG_ERROR. */
  request?: { len: number; type: number; flags: number; seq: number; pid: number };
}

const POLICY_KEYS = ['unspec', 'type', 'minValueS', 'maxValueS', 'minValueU', 'maxValueU', 'minLength', 'maxLength',
  'policyIdx', 'policyMaxtype', 'bitfield32Mask', 'pad', 'mask'];

function parseExtAck(tlvs: Buffer): ExtAck | undefined {
  const ext: ExtAck = {};
  for (const a of walkAttrs(tlvs, 'extack')) {
    switch (a.type) {
      case NLMSGERR_ATTR_MSG: ext.message = cstring.read(a.data, 'extack > msg'); break;
      case NLMSGERR_ATTR_OFFS: if (a.data.length >= 4) ext.offset = a.data.readUInt32LE(0); break;
      case NLMSGERR_ATTR_MISS_TYPE: if (a.data.length >= 4) ext.missingType = a.data.readUInt32LE(0); break;
      case NLMSGERR_ATTR_MISS_NEST: if (a.data.length >= 4) ext.missingNest = a.data.readUInt32LE(0); break;
      case NLMSGERR_ATTR_COOKIE: ext.cookie = Buffer.from(a.data); break;
      case NLMSGERR_ATTR_POLICY: {
        const p: Record<string, number | bigint> = {};
        for (const x of walkAttrs(a.data, 'extack > policy')) {
          const k = POLICY_KEYS[x.type] ?? `attr${x.type}`;
          p[k] = x.data.length === 8 ? x.data.readBigUInt64LE(0) : x.data.length >= 4 ? x.data.readUInt32LE(0) : x.data.length;
        }
        ext.policy = p;
        break;
      }
      default: break;
    }
  }
  return Object.keys(ext).length ? ext : undefined;
}

/** Parses the body of an NLMSG_ERROR message (flags are the outer header's). */
export function parseError(body: Buffer, flags: number): Ack {
  if (body.length < 4 + NLMSG_HDRLEN) throw new DecodeError('nlmsgerr', `needs ${4 + NLMSG_HDRLEN} bytes, got ${body.length}`);
  const error = body.readInt32LE(0);
  const req = {
    len: body.readUInt32LE(4), type: body.readUInt16LE(8), flags: body.readUInt16LE(10),
    seq: body.readUInt32LE(12), pid: body.readUInt32LE(16),
  };
  const ack: Ack = { errno: -error, request: req };
  if (flags & NLM_F_ACK_TLVS) {
    // Without NLM_F_CAPPED the whole request is echoed before the TLVs.
    const echoed = flags & NLM_F_CAPPED ? NLMSG_HDRLEN : align4(req.len);
    const start = 4 + echoed;
    if (start > body.length) throw new DecodeError('nlmsgerr', `ext-ack TLVs start at ${start}, beyond the ${body.length}-byte body`);
    const ext = parseExtAck(body.subarray(start));
    if (ext) ack.extack = ext;
  }
  return ack;
}

/** Parses the body of an NLMSG_DONE: an optional error code, then ext-ack TLVs if flagged. */
export function parseDone(body: Buffer, flags: number): Ack {
  if (body.length < 4) return { errno: 0 };
  const ack: Ack = { errno: -body.readInt32LE(0) };
  if (flags & NLM_F_ACK_TLVS) {
    const ext = parseExtAck(body.subarray(4));
    if (ext) ack.extack = ext;
  }
  return ack;
}
