/**
 * Flag values the namespace code passes to libc (linux/sched.h, linux/mount.h, sys/file.h,
 * fcntl.h). Kept apart from the rtnetlink constants because they are not wire values.
 */

/** unshare(2)/setns(2): the network namespace. */
export const CLONE_NEWNET = 0x40000000;
/** unshare(2): the mount namespace. */
export const CLONE_NEWNS = 0x00020000;

/** mount(2) flags. */
export const MS_RDONLY = 0x1;
export const MS_BIND = 0x1000;
export const MS_REC = 0x4000;
export const MS_SLAVE = 0x80000;
export const MS_SHARED = 0x100000;

/** umount2(2) flags. */
export const MNT_DETACH = 0x2;
export const UMOUNT_NOFOLLOW = 0x8;

/** flock(2) operations. */
export const LOCK_EX = 2;
export const LOCK_NB = 4;
export const LOCK_UN = 8;
