/**
 * The native shim's surface, typed. The shim does syscalls, libuv polling, safe
 * close and errno; everything else is TypeScript.
 *
 * Errors thrown by the shim are Node-style: `code` ('EPERM'), `errno` (negative),
 * `syscall` ('socket', 'sendto', …). Bad argument types throw TypeError.
 */
import { join } from 'node:path';
import { checkCompiledSizes } from './bsd/compiled-check';
import { hostOs } from './codec';
import type { SystemError } from './errors';
import loadBinding = require('node-gyp-build');

/** Called with the datagrams read in one wake-up, or with an error (ENOBUFS on overflow). */
export type ReadCallback = (err: SystemError | null, datagrams: Buffer[]) => void;

export interface NativeSocket {
  /** The descriptor, or -1 once closed. */
  readonly fd: number;
  /** Begin watching readability on the environment's loop (idempotent). */
  start(): void;
  /** Stop watching (idempotent); the socket stays open. */
  stop(): void;
  /** One datagram; returns bytes sent. Throws a system error (EAGAIN included). */
  send(data: Uint8Array): number;
  /** Stop polling and close the descriptor. Idempotent; safe from inside the read callback. */
  close(): void;
  /** Keep / stop keeping the event loop alive while polling. */
  ref(): void;
  unref(): void;
  setIntOption(level: number, name: number, value: number): void;
  getIntOption(level: number, name: number): number;
  shutdown(how: number): void;
}

export interface NativeConstants {
  PF_ROUTE: number;
  AF_UNSPEC: number;
  AF_INET: number;
  AF_INET6: number;
  AF_UNIX: number;
  SOCK_RAW: number;
  SOCK_DGRAM: number;
  SOCK_SEQPACKET: number;
  SOL_SOCKET: number;
  SO_RCVBUF: number;
  SO_SNDBUF: number;
  SO_TYPE: number;
  SHUT_RD: number;
  SHUT_WR: number;
  /** BSD/macOS only. */
  SO_USELOOPBACK?: number;
  /** FreeBSD only. */
  SO_RERROR?: number;
  /** Linux only. */
  AF_NETLINK?: number;
  NETLINK_ROUTE?: number;
  SOL_NETLINK?: number;
  NETLINK_ADD_MEMBERSHIP?: number;
  NETLINK_DROP_MEMBERSHIP?: number;
  NETLINK_EXT_ACK?: number;
  NETLINK_NO_ENOBUFS?: number;
  NETLINK_GET_STRICT_CHK?: number;
  SO_RCVBUFFORCE?: number;
  /** sysctl MIB pieces (BSD/macOS only). */
  CTL_NET?: number;
  NET_RT_DUMP?: number;
  NET_RT_FLAGS?: number;
  NET_RT_IFLIST?: number;
}

export interface NativeBinding {
  /** process.platform the shim was compiled for. */
  readonly platform: string;
  readonly constants: NativeConstants;
  /**
   * Compiled sizeof/offsetof facts of the routing structs on BSD/macOS
   * (`rt_msghdr`, `rt_metrics`, `if_msghdr`, …); empty on Linux.
   */
  readonly sizes: Record<string, number>;
  /** socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol) → fd. */
  open(domain: number, type: number, protocol: number): number;
  /**
   * Linux: bind a netlink socket with the legacy group bitmask and return the
   * port id the kernel assigned (getsockname nl_pid).
   */
  netlinkBind(fd: number, groups: number): number;
  /** Wrap an open descriptor (made non-blocking and close-on-exec); the wrapper owns it. */
  Socket: new (fd: number, onRead: ReadCallback, maxDatagramsPerWake: number) => NativeSocket;
  /** sysctl(mib) with the size probe and retry when the table grows; BSD/macOS only. */
  sysctl(mib: number[]): Buffer;
  /** 0 when there is no such interface. */
  ifNameToIndex(name: string): number;
  /** null when there is no such interface. */
  ifIndexToName(index: number): string | null;
  /** close(fd) for descriptors not owned by a Socket (test and adoption helpers). */
  closeFd(fd: number): void;
  /**
   * socketpair(AF_UNIX, type | SOCK_CLOEXEC) → [fd, fd], for adoption tests and
   * privileged-helper handover. Neither end is owned until wrapped in a Socket.
   */
  socketPair(type: number): [number, number];
}

let cached: NativeBinding | undefined;

/** Loads the shim once; a failure says which platform tuple was looked for and how to build. */
export function native(): NativeBinding {
  if (cached) return cached;
  const root = join(__dirname, '..');
  let loaded: NativeBinding;
  try {
    loaded = loadBinding(root) as NativeBinding;
  } catch (cause) {
    const err = new Error(
      `pfroute: no native build for ${process.platform}-${process.arch} (node ${process.versions.node}, napi ${process.versions.napi}). ` +
        'Build it with `npm install-scripts approve pfroute && npm rebuild pfroute`, or set npm_config_build_from_source=true. ' +
        `The codecs (decode/encode) work without it. Cause: ${(cause as Error).message}`,
      { cause },
    );
    throw err;
  }
  checkLayouts(loaded);
  cached = loaded;
  return cached;
}

/**
 * On macOS and the BSDs the shim reports the sizes and offsets its compiler saw in
 * the system headers; the codec's layout tables must agree, or every decode would
 * be quietly wrong. A mismatch is refused at load, naming each field.
 */
function checkLayouts(n: NativeBinding): void {
  const os = hostOs();
  if (!os || os === 'linux' || Object.keys(n.sizes).length === 0) return;
  const abi = process.arch === 'ia32' || process.arch === 'arm' ? 32 : 64;
  const mismatches = checkCompiledSizes(os, abi, n.sizes);
  if (mismatches.length > 0) {
    throw new Error(`pfroute: the ${os} layout tables disagree with this system's headers: ${mismatches.join('; ')}`);
  }
}
