/**
 * How nlctl reports failures, the way ip does: one line on stderr, no stack trace, and ip's
 * exit codes. ip exits 255 for usage errors (bad words, missing arguments), 2 when the kernel
 * refused a change (rtnl_talk: "Error: <ext-ack text>." or "RTNETLINK answers: <strerror>"),
 * and 1 for lookups that found nothing ("Cannot find device", "Device ... does not exist").
 */

import { errnoText } from '../netlink/errno.js';

/** A usage error: the command line is wrong. Exit 255, as ip's exit(-1). */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
  readonly exitCode = 255;
}

/** A failure with the exact text to print and the exit code ip uses for it. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** What to print on stderr and which code to exit with. */
export interface Failure {
  text: string;
  exitCode: number;
}

/** ip's wording for a kernel error: the ext-ack text when there is one, strerror otherwise. */
export function kernelErrorText(e: { errno: number; extack?: { message?: string } }): string {
  const msg = e.extack?.message;
  if (msg) return `Error: ${msg}${msg.endsWith('.') ? '' : '.'}`;
  return `RTNETLINK answers: ${errnoText(e.errno)}`;
}

/** Maps anything thrown by a command to ip's message and exit code. */
export function describeFailure(e: unknown): Failure {
  if (e instanceof CliUsageError || e instanceof CliError) return { text: e.message, exitCode: e.exitCode };
  const err = e as { name?: string; message?: string; errno?: number; code?: string; extack?: { message?: string } };
  switch (err?.name) {
    case 'NetlinkError': {
      // The library's device lookups (nl.ifindex) fail as ENODEV naming the device in their op:
      // ip's ll_name_to_index() failure, worded and exited as ip does.
      const op = (err as { request?: { op?: string } }).request?.op ?? '';
      if (err.code === 'ENODEV' && op.startsWith('Cannot find device "')) return { text: op, exitCode: 1 };
      return { text: kernelErrorText(err as { errno: number }), exitCode: 2 };
    }
    case 'UsageError': {
      let m = err.message ?? '';
      // ip names the device only; the library adds the namespace for library users.
      m = m.replace(/^(Cannot find device "[^"]*") in netns .*$/, '$1');
      // The library's own lookups fail the way ip's ll_name_to_index() does: exit 1, text as is.
      if (/^Cannot find device|does not exist|^Cannot open network namespace/.test(m)) return { text: m, exitCode: 1 };
      return { text: m.startsWith('Error:') ? m : `Error: ${m}`, exitCode: 255 };
    }
    case 'SyscallError':
      return { text: `Error: ${err.message}`, exitCode: 1 };
    case 'DumpInterruptedError':
      return { text: 'Dump was interrupted and may be inconsistent.', exitCode: 1 };
    default: {
      // Not a user error: keep the stack reachable without printing it at everyone.
      const text = process.env.NLCTL_DEBUG ? String((e as Error)?.stack ?? e) : `nlctl: internal error: ${err?.message ?? String(e)} (NLCTL_DEBUG=1 shows the stack)`;
      return { text, exitCode: 1 };
    }
  }
}
