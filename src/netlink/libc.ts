/**
 * The libc calls nlctl makes, bound through koffi. This is the only file that imports koffi.
 *
 * Every call is koffi's synchronous form: the namespace worker relies on the call running on
 * the thread that entered the namespace (koffi's `.async` runs on a libuv pool thread). Each
 * wrapper reads errno straight after the call and throws a SyscallError on failure.
 *
 * Netlink I/O uses sendto()/recvfrom() rather than sendmsg()/recvmsg(): they reach the same
 * kernel path (__sys_sendto builds the msghdr for us), report the sender's address and, with
 * MSG_TRUNC, the real datagram length, and save marshalling an iovec and msghdr on every call.
 */

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Koffi from 'koffi';
import { nameBytes } from './codecs.js';
import { SyscallError } from './errors.js';

/**
 * Loads koffi's native binary straight from its prebuilt package, falling back to koffi's own
 * entry point. Why: `import 'koffi'` spends ~11 ms before the first call (an ESM wrapper that
 * parses node's ELF header to pick a build, plus deprecation shims we never use), against ~1.5 ms
 * for the dlopen itself: most of the CLI's start-up budget (bench/README.md). The fast path
 * relies on the layout of koffi 3's platform packages (`@koromix/koffi-<os>-<arch>/<libc>_<arch>/
 * koffi.node`); any other layout, or a binary that will not load (musl vs glibc), falls back.
 * The binary is found by looking in each enclosing node_modules, as require() would, but with a
 * stat per directory instead of require's resolver (createRequire and resolving cost the CLI
 * ~2 ms of start-up), and loaded with process.dlopen(), as require() loads a `.node` file.
 */
function loadKoffi(): typeof Koffi {
  const { platform, arch } = process;
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const build of [`${platform}_${arch}`, `musl_${arch}`]) {
    try {
      const file = findUp(here, `node_modules/@koromix/koffi-${platform}-${arch}/${build}/koffi.node`);
      if (file === undefined) continue;
      const m = { exports: {} as typeof Koffi & { version?: string } };
      process.dlopen(m, file);
      const native = m.exports;
      // koffi's wrapper insists its binary be the same release as its JS; this path uses no koffi
      // JS at all, so what must match is the API this file is written against: koffi 3. (Comparing
      // with koffi's package.json would cost ~3 ms of resolving koffi's exports map.)
      if (native.version?.startsWith('3.') && typeof native.load === 'function' && typeof native.node?.poll === 'function') return native;
    } catch { /* not this layout or not this libc: koffi's own loader decides */ }
  }
  return createRequire(import.meta.url)('koffi') as typeof Koffi;
}

/** `rel` under `dir` or the nearest directory above it that has it. */
function findUp(dir: string, rel: string): string | undefined {
  for (;;) {
    const file = join(dir, rel);
    if (existsSync(file)) return file;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const koffi = loadKoffi();
const libc = koffi.load('libc.so.6');

const c = {
  socket: libc.func('int socket(int domain, int type, int protocol)'),
  bind: libc.func('int bind(int fd, void *addr, uint32_t len)'),
  getsockname: libc.func('int getsockname(int fd, _Inout_ void *addr, _Inout_ uint32_t *len)'),
  setsockopt: libc.func('int setsockopt(int fd, int level, int name, void *val, uint32_t len)'),
  getsockopt: libc.func('int getsockopt(int fd, int level, int name, _Inout_ void *val, _Inout_ uint32_t *len)'),
  sendto: libc.func('long sendto(int fd, void *buf, size_t len, int flags, void *addr, uint32_t alen)'),
  recvfrom: libc.func('long recvfrom(int fd, void *buf, size_t len, int flags, void *addr, void *alen)'),
  close: libc.func('int close(int fd)'),
  poll: libc.func('int poll(_Inout_ void *fds, unsigned long nfds, int timeout)'),
  setns: libc.func('int setns(int fd, int nstype)'),
  unshare: libc.func('int unshare(int flags)'),
  mount: libc.func('int mount(const char *src, const char *target, const char *fstype, unsigned long flags, const void *data)'),
  umount2: libc.func('int umount2(const char *target, int flags)'),
  flock: libc.func('int flock(int fd, int op)'),
  execvp: libc.func('int execvp(const char *file, const char **argv)'),
  gettid: libc.func('int gettid(void)'),
  fcntl: libc.func('int fcntl(int fd, int cmd, ...)'),
  ioctl: libc.func('int ioctl(int fd, unsigned long req, ...)'),
  signal: libc.func('void *signal(int sig, void *handler)'),
  sigprocmask: libc.func('int sigprocmask(int how, void *set, void *old)'),
};

function check(name: string, r: number | bigint, subject?: string): number {
  const n = Number(r);
  if (n < 0) throw new SyscallError(name, koffi.errno(), subject);
  return n;
}

/** socket(2). */
export function socket(domain: number, type: number, protocol: number): number {
  return check('socket', c.socket(domain, type, protocol));
}

/** bind(2) with a raw sockaddr. */
export function bind(fd: number, addr: Buffer): void {
  check('bind', c.bind(fd, addr, addr.length));
}

/** getsockname(2) into a buffer of the given size; returns the filled bytes. */
export function getsockname(fd: number, size: number): Buffer {
  const addr = Buffer.alloc(size);
  const len = [size];
  check('getsockname', c.getsockname(fd, addr, len));
  return addr.subarray(0, len[0]);
}

/** setsockopt(2) with an int value or raw bytes. */
export function setsockopt(fd: number, level: number, name: number, value: number | Buffer, what = 'setsockopt'): void {
  const b = Buffer.isBuffer(value) ? value : Buffer.alloc(4);
  if (!Buffer.isBuffer(value)) b.writeInt32LE(value, 0);
  check('setsockopt', c.setsockopt(fd, level, name, b, b.length), what);
}

/** getsockopt(2) of an int option. */
export function getsockoptInt(fd: number, level: number, name: number): number {
  const b = Buffer.alloc(4);
  check('getsockopt', c.getsockopt(fd, level, name, b, [4]));
  return b.readInt32LE(0);
}

/** sendto(2); returns bytes sent, or -errno for EAGAIN/EINTR/ENOBUFS so callers can retry. */
export function sendto(fd: number, buf: Buffer, len: number, flags: number, addr: Buffer | null): number {
  const n = Number(c.sendto(fd, buf, len, flags, addr, addr ? addr.length : 0));
  if (n >= 0) return n;
  const e = koffi.errno();
  if (e === EAGAIN || e === EINTR || e === ENOBUFS) return -e;
  throw new SyscallError('sendto', e);
}

/**
 * recvfrom(2) into `buf`; `addr` receives the sender's sockaddr. Returns the length (the real
 * datagram length with MSG_TRUNC), or -errno for EAGAIN/EINTR/ENOBUFS.
 */
export function recvfrom(fd: number, buf: Buffer, flags: number, addr: Buffer): number {
  // Plain pointers: koffi passes a Buffer's memory as is (and the kernel writes into it), where
  // an _Inout_ parameter would be copied in and out on every call.
  addrLen.writeUInt32LE(addr.length, 0);
  const n = Number(c.recvfrom(fd, buf, buf.length, flags, addr, addrLen));
  if (n >= 0) return n;
  const e = koffi.errno();
  if (e === EAGAIN || e === EINTR || e === ENOBUFS) return -e;
  throw new SyscallError('recvfrom', e);
}

const addrLen = Buffer.alloc(4);

/** close(2); errors other than EINTR are thrown. */
export function close(fd: number): void {
  if (c.close(fd) < 0) {
    const e = koffi.errno();
    if (e !== EINTR) throw new SyscallError('close', e);
  }
}

/** poll(2) on one fd for POLLIN; true when readable before `timeoutMs` (-1: forever). */
export function pollIn(fd: number, timeoutMs: number): boolean {
  const pfd = Buffer.alloc(8);
  pfd.writeInt32LE(fd, 0);
  pfd.writeInt16LE(1 /* POLLIN */, 4);
  for (;;) {
    const r = c.poll(pfd, 1, timeoutMs);
    if (r >= 0) return r > 0;
    const e = koffi.errno();
    if (e !== EINTR) throw new SyscallError('poll', e);
  }
}

/** setns(2) for the calling thread. */
export function setns(fd: number, nstype: number, subject?: string): void {
  check('setns', c.setns(fd, nstype), subject);
}

/** unshare(2) for the calling thread. */
export function unshare(flags: number): void {
  check('unshare', c.unshare(flags));
}

/** A path for a `const char *`: nameBytes()'s bytes go NUL-terminated, as koffi passes a Buffer as is. */
function cPath(path: string): string | Buffer {
  const p = nameBytes(path);
  return typeof p === 'string' ? p : Buffer.concat([p, Buffer.of(0)]);
}

/** mount(2). */
export function mount(src: string | null, target: string, fstype: string | null, flags: number, data: string | null = null): void {
  check('mount', c.mount(src === null ? null : cPath(src), cPath(target), fstype, flags, data), target);
}

/** umount2(2). */
export function umount2(target: string, flags: number): void {
  check('umount2', c.umount2(cPath(target), flags), target);
}

/** flock(2). */
export function flock(fd: number, op: number, subject?: string): void {
  check('flock', c.flock(fd, op), subject);
}

/** execvp(3): only returns by throwing. */
export function execvp(file: string, argv: string[]): never {
  c.execvp(file, [...argv, null]);
  throw new SyscallError('execvp', koffi.errno(), file);
}

/**
 * Sets or clears FD_CLOEXEC (fcntl F_GETFD/F_SETFD). Node marks its own stdio close-on-exec,
 * so a process that execvp()s in place of Node must clear it on 0-2 for the program to keep them.
 */
export function setCloexec(fd: number, on: boolean): void {
  const flags = check('fcntl', c.fcntl(fd, 1 /* F_GETFD */));
  const want = on ? flags | 1 /* FD_CLOEXEC */ : flags & ~1;
  if (want !== flags) check('fcntl', c.fcntl(fd, 2 /* F_SETFD */, 'int', want));
}

/**
 * The namespace type of an nsfs fd (ioctl NS_GET_NSTYPE, linux/nsfs.h: CLONE_NEWNET for a
 * network namespace); ENOTTY when the fd is no namespace at all.
 */
export function nsType(fd: number, subject?: string): number {
  return check('ioctl NS_GET_NSTYPE', c.ioctl(fd, 0xb703 /* _IO(0xb7, 0x3) */), subject);
}

/**
 * An fd of the network namespace socket `fd` lives in (ioctl SIOCGSKNS, Linux 4.9; needs
 * CAP_NET_ADMIN over that namespace). Unlike a name, it cannot come to mean another namespace.
 */
export function socketNetns(fd: number): number {
  return check('ioctl', c.ioctl(fd, 0x894c /* SIOCGSKNS */), `SIOCGSKNS fd ${fd}`);
}

/**
 * Sets or clears O_NONBLOCK (fcntl F_GETFL/F_SETFL). Node makes piped stdio non-blocking; a
 * program that execvp()s in Node's place must get them back blocking, as a shell would give them.
 */
export function setNonblocking(fd: number, on: boolean): void {
  const flags = check('fcntl', c.fcntl(fd, 3 /* F_GETFL */));
  const want = on ? flags | 0o4000 /* O_NONBLOCK */ : flags & ~0o4000;
  if (want !== flags) check('fcntl', c.fcntl(fd, 4 /* F_SETFL */, 'int', want));
}

/**
 * Before execvp() in Node's place: every signal back to its default action (Node ignores
 * SIGPIPE, and ignored signals survive exec) and none blocked, as a freshly started program has.
 */
export function resetSignalsForExec(): void {
  for (let sig = 1; sig < 32; sig++) if (sig !== 9 && sig !== 19) c.signal(sig, null); // SIG_DFL is 0; KILL/STOP cannot change
  check('sigprocmask', c.sigprocmask(2 /* SIG_SETMASK */, Buffer.alloc(128), null));
}

/** The calling thread's kernel thread id. */
export function gettid(): number {
  return c.gettid();
}

/** Readiness watching on the event loop for a non-blocking fd (koffi.node.poll). */
export interface FdWatch {
  start(): void;
  /** Starts again after libuv stopped the watcher itself (it does on POLLERR). */
  restart(): void;
  stop(): void;
  close(): void;
  ref(): void;
  unref(): void;
}

/** Calls `onReadable` on the event loop whenever `fd` is readable, until stopped or closed. */
export function watchReadable(fd: number, onReadable: (error: number) => void): FdWatch {
  // koffi 3.3 calls the callback with (status, events), not the (events) its typings show.
  const cb = ((status: number) => onReadable(status)) as unknown as (ev: unknown) => void;
  let handle: ReturnType<typeof koffi.node.poll> | null = koffi.node.poll(fd, { readable: true }, cb);
  let running = true;
  return {
    start() { if (handle && !running) { handle.start({ readable: true }, cb); running = true; } },
    restart() { if (handle && running) handle.start({ readable: true }, cb); },
    stop() { if (handle && running) { handle.stop(); running = false; } },
    close() { if (handle) { handle.close(); handle = null; } },
    ref() { handle?.ref(); },
    unref() { handle?.unref(); },
  };
}

const EINTR = 4;
const EAGAIN = 11;
const ENOBUFS = 105;
