/** Alignment rules and header sizes of netlink (linux/netlink.h NLMSG_ALIGN, NLA_ALIGN). */

/** Rounds a length up to the 4-byte boundary netlink aligns messages and attributes to. */
export function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Size of struct nlmsghdr. */
export const NLMSG_HDRLEN = 16;
/** Size of struct nlattr / struct rtattr. */
export const NLA_HDRLEN = 4;
