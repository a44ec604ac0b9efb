/**
 * Per-OS errno numbering, and the error pfroute throws when a kernel refuses a route
 * operation.
 *
 * A routing-socket reply carries the errno of the kernel that produced it (rtm_errno, or
 * the negated `error` of a netlink NLMSG_ERROR). The number only means something in that
 * kernel's numbering: NetBSD's 43 is EPROTONOSUPPORT while Linux's 43 is EIDRM; ENOBUFS is
 * 55 on every BSD and 105 on Linux. These tables turn such a number into its code name and
 * strerror-like text for the OS that sent it, whatever the host is.
 *
 * Sources (numbers and names):
 *  - linux: the kernel's asm-generic/errno-base.h and asm-generic/errno.h (the numbering of
 *    x86, arm, arm64, riscv, …; alpha, mips, parisc and sparc use other numbers and are
 *    not covered); messages are glibc's strerror text.
 *  - darwin: xnu bsd/sys/errno.h (1-106, EQFULL last).
 *  - freebsd: sys/sys/errno.h of FreeBSD 14 (1-97, EINTEGRITY last).
 *  - openbsd: sys/sys/errno.h (1-95, EPROTO last).
 *  - netbsd: sys/sys/errno.h (1-98, ENOTRECOVERABLE last).
 *  - dragonfly: sys/sys/errno.h (1-93 and EASYNC 99; 94-98 reserved).
 *  BSD messages are the comments of those headers, which is what their strerror prints.
 * 1-34 are the V7 numbers every system shares, except 11 (EAGAIN on Linux, EDEADLK on the
 * BSDs, whose EAGAIN is 35). A number missing from a table is reported as `E<number>`.
 */
import { getSystemErrorMap } from 'node:util';
import type { OsName } from './model';

type Row = readonly [number, string, string];

/** 1-34: shared by all six systems (11 and a few messages are overridden per flavour below). */
const COMMON: readonly Row[] = [
  [1, 'EPERM', 'Operation not permitted'],
  [2, 'ENOENT', 'No such file or directory'],
  [3, 'ESRCH', 'No such process'],
  [4, 'EINTR', 'Interrupted system call'],
  [5, 'EIO', 'Input/output error'],
  [6, 'ENXIO', 'Device not configured'],
  [7, 'E2BIG', 'Argument list too long'],
  [8, 'ENOEXEC', 'Exec format error'],
  [9, 'EBADF', 'Bad file descriptor'],
  [10, 'ECHILD', 'No child processes'],
  [11, 'EDEADLK', 'Resource deadlock avoided'],
  [12, 'ENOMEM', 'Cannot allocate memory'],
  [13, 'EACCES', 'Permission denied'],
  [14, 'EFAULT', 'Bad address'],
  [15, 'ENOTBLK', 'Block device required'],
  [16, 'EBUSY', 'Device busy'],
  [17, 'EEXIST', 'File exists'],
  [18, 'EXDEV', 'Cross-device link'],
  [19, 'ENODEV', 'Operation not supported by device'],
  [20, 'ENOTDIR', 'Not a directory'],
  [21, 'EISDIR', 'Is a directory'],
  [22, 'EINVAL', 'Invalid argument'],
  [23, 'ENFILE', 'Too many open files in system'],
  [24, 'EMFILE', 'Too many open files'],
  [25, 'ENOTTY', 'Inappropriate ioctl for device'],
  [26, 'ETXTBSY', 'Text file busy'],
  [27, 'EFBIG', 'File too large'],
  [28, 'ENOSPC', 'No space left on device'],
  [29, 'ESPIPE', 'Illegal seek'],
  [30, 'EROFS', 'Read-only file system'],
  [31, 'EMLINK', 'Too many links'],
  [32, 'EPIPE', 'Broken pipe'],
  [33, 'EDOM', 'Numerical argument out of domain'],
  [34, 'ERANGE', 'Result too large'],
];

/** glibc's wording where it differs from the BSD headers in 1-34, and Linux's 11. */
const LINUX_COMMON_OVERRIDES: readonly Row[] = [
  [6, 'ENXIO', 'No such device or address'],
  [11, 'EAGAIN', 'Resource temporarily unavailable'],
  [16, 'EBUSY', 'Device or resource busy'],
  [18, 'EXDEV', 'Invalid cross-device link'],
  [19, 'ENODEV', 'No such device'],
  [34, 'ERANGE', 'Numerical result out of range'],
];

/** 35-81: identical on macOS, FreeBSD, OpenBSD, NetBSD and DragonFly (45 differs on macOS). */
const BSD_35_81: readonly Row[] = [
  [35, 'EAGAIN', 'Resource temporarily unavailable'],
  [36, 'EINPROGRESS', 'Operation now in progress'],
  [37, 'EALREADY', 'Operation already in progress'],
  [38, 'ENOTSOCK', 'Socket operation on non-socket'],
  [39, 'EDESTADDRREQ', 'Destination address required'],
  [40, 'EMSGSIZE', 'Message too long'],
  [41, 'EPROTOTYPE', 'Protocol wrong type for socket'],
  [42, 'ENOPROTOOPT', 'Protocol not available'],
  [43, 'EPROTONOSUPPORT', 'Protocol not supported'],
  [44, 'ESOCKTNOSUPPORT', 'Socket type not supported'],
  [45, 'EOPNOTSUPP', 'Operation not supported'],
  [46, 'EPFNOSUPPORT', 'Protocol family not supported'],
  [47, 'EAFNOSUPPORT', 'Address family not supported by protocol family'],
  [48, 'EADDRINUSE', 'Address already in use'],
  [49, 'EADDRNOTAVAIL', "Can't assign requested address"],
  [50, 'ENETDOWN', 'Network is down'],
  [51, 'ENETUNREACH', 'Network is unreachable'],
  [52, 'ENETRESET', 'Network dropped connection on reset'],
  [53, 'ECONNABORTED', 'Software caused connection abort'],
  [54, 'ECONNRESET', 'Connection reset by peer'],
  [55, 'ENOBUFS', 'No buffer space available'],
  [56, 'EISCONN', 'Socket is already connected'],
  [57, 'ENOTCONN', 'Socket is not connected'],
  [58, 'ESHUTDOWN', "Can't send after socket shutdown"],
  [59, 'ETOOMANYREFS', "Too many references: can't splice"],
  [60, 'ETIMEDOUT', 'Operation timed out'],
  [61, 'ECONNREFUSED', 'Connection refused'],
  [62, 'ELOOP', 'Too many levels of symbolic links'],
  [63, 'ENAMETOOLONG', 'File name too long'],
  [64, 'EHOSTDOWN', 'Host is down'],
  [65, 'EHOSTUNREACH', 'No route to host'],
  [66, 'ENOTEMPTY', 'Directory not empty'],
  [67, 'EPROCLIM', 'Too many processes'],
  [68, 'EUSERS', 'Too many users'],
  [69, 'EDQUOT', 'Disc quota exceeded'],
  [70, 'ESTALE', 'Stale NFS file handle'],
  [71, 'EREMOTE', 'Too many levels of remote in path'],
  [72, 'EBADRPC', 'RPC struct is bad'],
  [73, 'ERPCMISMATCH', 'RPC version wrong'],
  [74, 'EPROGUNAVAIL', 'RPC prog. not avail'],
  [75, 'EPROGMISMATCH', 'Program version wrong'],
  [76, 'EPROCUNAVAIL', 'Bad procedure for program'],
  [77, 'ENOLCK', 'No locks available'],
  [78, 'ENOSYS', 'Function not implemented'],
  [79, 'EFTYPE', 'Inappropriate file type or format'],
  [80, 'EAUTH', 'Authentication error'],
  [81, 'ENEEDAUTH', 'Need authenticator'],
];

const DARWIN_REST: readonly Row[] = [
  [45, 'ENOTSUP', 'Operation not supported'],
  [82, 'EPWROFF', 'Device power is off'],
  [83, 'EDEVERR', 'Device error'],
  [84, 'EOVERFLOW', 'Value too large to be stored in data type'],
  [85, 'EBADEXEC', 'Bad executable (or shared library)'],
  [86, 'EBADARCH', 'Bad CPU type in executable'],
  [87, 'ESHLIBVERS', 'Shared library version mismatch'],
  [88, 'EBADMACHO', 'Malformed Mach-o file'],
  [89, 'ECANCELED', 'Operation canceled'],
  [90, 'EIDRM', 'Identifier removed'],
  [91, 'ENOMSG', 'No message of desired type'],
  [92, 'EILSEQ', 'Illegal byte sequence'],
  [93, 'ENOATTR', 'Attribute not found'],
  [94, 'EBADMSG', 'Bad message'],
  [95, 'EMULTIHOP', 'EMULTIHOP (Reserved)'],
  [96, 'ENODATA', 'No message available on STREAM'],
  [97, 'ENOLINK', 'ENOLINK (Reserved)'],
  [98, 'ENOSR', 'No STREAM resources'],
  [99, 'ENOSTR', 'Not a STREAM'],
  [100, 'EPROTO', 'Protocol error'],
  [101, 'ETIME', 'STREAM ioctl timeout'],
  [102, 'EOPNOTSUPP', 'Operation not supported on socket'],
  [103, 'ENOPOLICY', 'Policy not found'],
  [104, 'ENOTRECOVERABLE', 'State not recoverable'],
  [105, 'EOWNERDEAD', 'Previous owner died'],
  [106, 'EQFULL', 'Interface output queue is full'],
];

const FREEBSD_REST: readonly Row[] = [
  [82, 'EIDRM', 'Identifier removed'],
  [83, 'ENOMSG', 'No message of desired type'],
  [84, 'EOVERFLOW', 'Value too large to be stored in data type'],
  [85, 'ECANCELED', 'Operation canceled'],
  [86, 'EILSEQ', 'Illegal byte sequence'],
  [87, 'ENOATTR', 'Attribute not found'],
  [88, 'EDOOFUS', 'Programming error'],
  [89, 'EBADMSG', 'Bad message'],
  [90, 'EMULTIHOP', 'Multihop attempted'],
  [91, 'ENOLINK', 'Link has been severed'],
  [92, 'EPROTO', 'Protocol error'],
  [93, 'ENOTCAPABLE', 'Capabilities insufficient'],
  [94, 'ECAPMODE', 'Not permitted in capability mode'],
  [95, 'ENOTRECOVERABLE', 'State not recoverable'],
  [96, 'EOWNERDEAD', 'Previous owner died'],
  [97, 'EINTEGRITY', 'Integrity check failed'],
];

const OPENBSD_REST: readonly Row[] = [
  [82, 'EIPSEC', 'IPsec processing failure'],
  [83, 'ENOATTR', 'Attribute not found'],
  [84, 'EILSEQ', 'Illegal byte sequence'],
  [85, 'ENOMEDIUM', 'No medium found'],
  [86, 'EMEDIUMTYPE', 'Wrong medium type'],
  [87, 'EOVERFLOW', 'Value too large to be stored in data type'],
  [88, 'ECANCELED', 'Operation canceled'],
  [89, 'EIDRM', 'Identifier removed'],
  [90, 'ENOMSG', 'No message of desired type'],
  [91, 'ENOTSUP', 'Not supported'],
  [92, 'EBADMSG', 'Bad message'],
  [93, 'ENOTRECOVERABLE', 'State not recoverable'],
  [94, 'EOWNERDEAD', 'Previous owner died'],
  [95, 'EPROTO', 'Protocol error'],
];

const NETBSD_REST: readonly Row[] = [
  [82, 'EIDRM', 'Identifier removed'],
  [83, 'ENOMSG', 'No message of desired type'],
  [84, 'EOVERFLOW', 'Value too large to be stored in data type'],
  [85, 'EILSEQ', 'Illegal byte sequence'],
  [86, 'ENOTSUP', 'Not supported'],
  [87, 'ECANCELED', 'Operation canceled'],
  [88, 'EBADMSG', 'Bad or Corrupt message'],
  [89, 'ENODATA', 'No message available'],
  [90, 'ENOSR', 'No STREAM resources'],
  [91, 'ENOSTR', 'Not a STREAM'],
  [92, 'ETIME', 'STREAM ioctl timeout'],
  [93, 'ENOATTR', 'Attribute not found'],
  [94, 'EMULTIHOP', 'Multihop attempted'],
  [95, 'ENOLINK', 'Link has been severed'],
  [96, 'EPROTO', 'Protocol error'],
  [97, 'EOWNERDEAD', 'Previous owner died'],
  [98, 'ENOTRECOVERABLE', 'State not recoverable'],
];

const DRAGONFLY_REST: readonly Row[] = [
  [82, 'EIDRM', 'Identifier removed'],
  [83, 'ENOMSG', 'No message of desired type'],
  [84, 'EOVERFLOW', 'Value too large to be stored in data type'],
  [85, 'ECANCELED', 'Operation canceled'],
  [86, 'EILSEQ', 'Illegal byte sequence'],
  [87, 'ENOATTR', 'Attribute not found'],
  [88, 'EDOOFUS', 'Programming error'],
  [89, 'EBADMSG', 'Bad message'],
  [90, 'EMULTIHOP', 'Multihop attempted'],
  [91, 'ENOLINK', 'Link has been severed'],
  [92, 'EPROTO', 'Protocol error'],
  [93, 'ENOMEDIUM', 'No medium found'],
  [99, 'EASYNC', 'Unknown error: 99'],
];

/** 35-133 of asm-generic (41 and 58 are unassigned: EWOULDBLOCK and EDEADLOCK are aliases). */
const LINUX_REST: readonly Row[] = [
  [35, 'EDEADLK', 'Resource deadlock avoided'],
  [36, 'ENAMETOOLONG', 'File name too long'],
  [37, 'ENOLCK', 'No locks available'],
  [38, 'ENOSYS', 'Function not implemented'],
  [39, 'ENOTEMPTY', 'Directory not empty'],
  [40, 'ELOOP', 'Too many levels of symbolic links'],
  [42, 'ENOMSG', 'No message of desired type'],
  [43, 'EIDRM', 'Identifier removed'],
  [44, 'ECHRNG', 'Channel number out of range'],
  [45, 'EL2NSYNC', 'Level 2 not synchronized'],
  [46, 'EL3HLT', 'Level 3 halted'],
  [47, 'EL3RST', 'Level 3 reset'],
  [48, 'ELNRNG', 'Link number out of range'],
  [49, 'EUNATCH', 'Protocol driver not attached'],
  [50, 'ENOCSI', 'No CSI structure available'],
  [51, 'EL2HLT', 'Level 2 halted'],
  [52, 'EBADE', 'Invalid exchange'],
  [53, 'EBADR', 'Invalid request descriptor'],
  [54, 'EXFULL', 'Exchange full'],
  [55, 'ENOANO', 'No anode'],
  [56, 'EBADRQC', 'Invalid request code'],
  [57, 'EBADSLT', 'Invalid slot'],
  [59, 'EBFONT', 'Bad font file format'],
  [60, 'ENOSTR', 'Device not a stream'],
  [61, 'ENODATA', 'No data available'],
  [62, 'ETIME', 'Timer expired'],
  [63, 'ENOSR', 'Out of streams resources'],
  [64, 'ENONET', 'Machine is not on the network'],
  [65, 'ENOPKG', 'Package not installed'],
  [66, 'EREMOTE', 'Object is remote'],
  [67, 'ENOLINK', 'Link has been severed'],
  [68, 'EADV', 'Advertise error'],
  [69, 'ESRMNT', 'Srmount error'],
  [70, 'ECOMM', 'Communication error on send'],
  [71, 'EPROTO', 'Protocol error'],
  [72, 'EMULTIHOP', 'Multihop attempted'],
  [73, 'EDOTDOT', 'RFS specific error'],
  [74, 'EBADMSG', 'Bad message'],
  [75, 'EOVERFLOW', 'Value too large for defined data type'],
  [76, 'ENOTUNIQ', 'Name not unique on network'],
  [77, 'EBADFD', 'File descriptor in bad state'],
  [78, 'EREMCHG', 'Remote address changed'],
  [79, 'ELIBACC', 'Can not access a needed shared library'],
  [80, 'ELIBBAD', 'Accessing a corrupted shared library'],
  [81, 'ELIBSCN', '.lib section in a.out corrupted'],
  [82, 'ELIBMAX', 'Attempting to link in too many shared libraries'],
  [83, 'ELIBEXEC', 'Cannot exec a shared library directly'],
  [84, 'EILSEQ', 'Invalid or incomplete multibyte or wide character'],
  [85, 'ERESTART', 'Interrupted system call should be restarted'],
  [86, 'ESTRPIPE', 'Streams pipe error'],
  [87, 'EUSERS', 'Too many users'],
  [88, 'ENOTSOCK', 'Socket operation on non-socket'],
  [89, 'EDESTADDRREQ', 'Destination address required'],
  [90, 'EMSGSIZE', 'Message too long'],
  [91, 'EPROTOTYPE', 'Protocol wrong type for socket'],
  [92, 'ENOPROTOOPT', 'Protocol not available'],
  [93, 'EPROTONOSUPPORT', 'Protocol not supported'],
  [94, 'ESOCKTNOSUPPORT', 'Socket type not supported'],
  [95, 'EOPNOTSUPP', 'Operation not supported'],
  [96, 'EPFNOSUPPORT', 'Protocol family not supported'],
  [97, 'EAFNOSUPPORT', 'Address family not supported by protocol'],
  [98, 'EADDRINUSE', 'Address already in use'],
  [99, 'EADDRNOTAVAIL', 'Cannot assign requested address'],
  [100, 'ENETDOWN', 'Network is down'],
  [101, 'ENETUNREACH', 'Network is unreachable'],
  [102, 'ENETRESET', 'Network dropped connection on reset'],
  [103, 'ECONNABORTED', 'Software caused connection abort'],
  [104, 'ECONNRESET', 'Connection reset by peer'],
  [105, 'ENOBUFS', 'No buffer space available'],
  [106, 'EISCONN', 'Transport endpoint is already connected'],
  [107, 'ENOTCONN', 'Transport endpoint is not connected'],
  [108, 'ESHUTDOWN', 'Cannot send after transport endpoint shutdown'],
  [109, 'ETOOMANYREFS', 'Too many references: cannot splice'],
  [110, 'ETIMEDOUT', 'Connection timed out'],
  [111, 'ECONNREFUSED', 'Connection refused'],
  [112, 'EHOSTDOWN', 'Host is down'],
  [113, 'EHOSTUNREACH', 'No route to host'],
  [114, 'EALREADY', 'Operation already in progress'],
  [115, 'EINPROGRESS', 'Operation now in progress'],
  [116, 'ESTALE', 'Stale file handle'],
  [117, 'EUCLEAN', 'Structure needs cleaning'],
  [118, 'ENOTNAM', 'Not a XENIX named type file'],
  [119, 'ENAVAIL', 'No XENIX semaphores available'],
  [120, 'EISNAM', 'Is a named type file'],
  [121, 'EREMOTEIO', 'Remote I/O error'],
  [122, 'EDQUOT', 'Disk quota exceeded'],
  [123, 'ENOMEDIUM', 'No medium found'],
  [124, 'EMEDIUMTYPE', 'Wrong medium type'],
  [125, 'ECANCELED', 'Operation canceled'],
  [126, 'ENOKEY', 'Required key not available'],
  [127, 'EKEYEXPIRED', 'Key has expired'],
  [128, 'EKEYREVOKED', 'Key has been revoked'],
  [129, 'EKEYREJECTED', 'Key was rejected by service'],
  [130, 'EOWNERDEAD', 'Owner died'],
  [131, 'ENOTRECOVERABLE', 'State not recoverable'],
  [132, 'ERFKILL', 'Operation not possible due to RF-kill'],
  [133, 'EHWPOISON', 'Memory page has hardware error'],
];

export interface ErrnoEntry {
  code: string;
  message: string;
}

function build(...parts: ReadonlyArray<readonly Row[]>): ReadonlyMap<number, ErrnoEntry> {
  const m = new Map<number, ErrnoEntry>();
  for (const rows of parts) for (const [n, code, message] of rows) m.set(n, { code, message });
  return m;
}

/** number → { code, message } for each OS numbering. */
export const ERRNO_TABLES: Readonly<Record<OsName, ReadonlyMap<number, ErrnoEntry>>> = {
  darwin: build(COMMON, BSD_35_81, DARWIN_REST),
  freebsd: build(COMMON, BSD_35_81, FREEBSD_REST),
  openbsd: build(COMMON, BSD_35_81, OPENBSD_REST),
  netbsd: build(COMMON, BSD_35_81, NETBSD_REST),
  dragonfly: build(COMMON, BSD_35_81, DRAGONFLY_REST),
  linux: build(COMMON, LINUX_COMMON_OVERRIDES, LINUX_REST),
};

function table(os: OsName): ReadonlyMap<number, ErrnoEntry> {
  const t = ERRNO_TABLES[os];
  if (!t) throw new TypeError(`unknown OS ${JSON.stringify(os)}: expected one of ${Object.keys(ERRNO_TABLES).join(', ')}`);
  return t;
}

/** The code name of `n` (sign ignored) in `os`'s numbering; `E<n>` when the OS has none. */
function checkErrno(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`errno must be an integer, got ${typeof n === 'string' ? JSON.stringify(n) : String(n)}`);
  return Math.abs(n);
}

export function errnoName(os: OsName, n: number): string {
  const abs = checkErrno(n);
  return table(os).get(abs)?.code ?? `E${abs}`;
}

/** strerror-like text of `n` (sign ignored) in `os`'s numbering; `Unknown error <n>` when none. */
export function errnoMessage(os: OsName, n: number): string {
  const abs = checkErrno(n);
  return table(os).get(abs)?.message ?? `Unknown error ${abs}`;
}

/** The number of `code` in `os`'s numbering, or undefined. */
export function errnoNumber(os: OsName, code: string): number | undefined {
  for (const [n, e] of table(os)) if (e.code === code) return n;
  const alias = ALIASES[code];
  if (alias) for (const [n, e] of table(os)) if (e.code === alias) return n;
  return undefined;
}

/** Codes that name the same condition (one of each pair may be missing or equal on a system). */
const ALIASES: Readonly<Record<string, string>> = {
  EOPNOTSUPP: 'ENOTSUP',
  ENOTSUP: 'EOPNOTSUPP',
  EWOULDBLOCK: 'EAGAIN',
  EAGAIN: 'EWOULDBLOCK',
  EDEADLOCK: 'EDEADLK',
  EDEADLK: 'EDEADLOCK',
};

const HOST_OS: OsName | undefined = (
  { linux: 'linux', darwin: 'darwin', freebsd: 'freebsd', openbsd: 'openbsd', netbsd: 'netbsd' } as Record<string, OsName>
)[process.platform];

let hostByCode: Map<string, number> | undefined;
/** code → positive host errno, from Node's own map (libuv-private codes, <= -1000, excluded). */
function hostCodes(): Map<string, number> {
  if (!hostByCode) {
    hostByCode = new Map();
    for (const [neg, [code]] of getSystemErrorMap()) {
      if (neg < 0 && neg > -1000 && !hostByCode.has(code)) hostByCode.set(code, -neg);
    }
  }
  return hostByCode;
}

/** The positive host errno for a code name, or undefined when this host has no such code. */
export function hostErrnoForCode(code: string): number | undefined {
  const codes = hostCodes();
  const direct = codes.get(code) ?? (HOST_OS ? tableNumber(HOST_OS, code) : undefined);
  if (direct !== undefined) return direct;
  const alias = ALIASES[code];
  if (!alias) return undefined;
  return codes.get(alias) ?? (HOST_OS ? tableNumber(HOST_OS, alias) : undefined);
}

function tableNumber(os: OsName, code: string): number | undefined {
  for (const [n, e] of table(os)) if (e.code === code) return n;
  return undefined;
}

/**
 * Maps errno `n` of `os` to the host's number for the same code (positive), e.g. NetBSD 43
 * (EPROTONOSUPPORT) → 93 on a Linux host. undefined when `os` has no name for `n` or the
 * host lacks the code.
 */
export function toHostErrno(os: OsName, n: number): number | undefined {
  const entry = table(os).get(Math.abs(n));
  if (!entry) return undefined;
  return hostErrnoForCode(entry.code);
}

/** The syscall a route operation's failure is reported under: `write` on a BSD routing
 *  socket, `sendmsg` for a Linux rtnetlink request (its NLMSG_ERROR answers a sendmsg). */
export function routeSyscall(os: OsName): 'write' | 'sendmsg' {
  return os === 'linux' ? 'sendmsg' : 'write';
}

export type RouteErrorOp = 'add' | 'change' | 'delete' | 'get' | 'flush' | string;

/**
 * A kernel refusal. Shaped like Node's system errors (code, errno, syscall) plus:
 *  - `errno`: NEGATIVE, in the HOST's numbering when the host knows the code (so it compares
 *    with `os.constants.errno` and Node's own errors); otherwise the negated OS number.
 *  - `osErrno` / `os`: the positive number as the kernel that answered sent it, and its OS.
 */
export interface RouteError extends Error {
  code: string;
  errno: number;
  syscall: string;
  os: OsName;
  osErrno: number;
  op: string;
  route: string;
  hint?: string;
}

const ROOT_HINT_BSD = 'writing routes needs root';
const ROOT_HINT_LINUX = 'writing routes needs root or CAP_NET_ADMIN';

/** route(8)'s wording for the errors a route operation commonly meets. */
function phrase(os: OsName, code: string, op: string): string | undefined {
  switch (code) {
    case 'EEXIST':
      return 'route already exists';
    case 'ESRCH':
      return 'not in table';
    case 'ENOENT':
      return op === 'delete' || op === 'get' || op === 'change' ? 'not in table' : undefined;
    case 'ENETUNREACH':
      return op === 'get' ? 'no route to destination: Network is unreachable' : 'gateway unreachable: Network is unreachable';
    case 'EHOSTUNREACH':
      return op === 'get' ? 'no route to host' : 'gateway unreachable: No route to host';
    case 'ENOBUFS':
      return os === 'linux' ? 'no buffer space available' : 'routing table overflow (no buffer space)';
    case 'EINVAL':
      return 'invalid argument';
    case 'EBUSY':
      return 'entry in use';
    case 'EADDRINUSE':
      return 'gateway uses the same route';
    case 'EPERM':
      return 'operation not permitted';
    case 'EACCES':
      return 'permission denied';
    case 'EAFNOSUPPORT':
      return 'address family not supported';
    case 'ENODEV':
    case 'ENXIO':
      return 'no such interface';
    default:
      return undefined;
  }
}

/**
 * Builds the error for a kernel refusal of a route operation.
 *
 *   routeError('netbsd', 17, 'write', 'add', '198.51.100.0/24 via 192.0.2.1').message
 *   → 'add 198.51.100.0/24 via 192.0.2.1: route already exists (EEXIST, errno 17)'
 *
 * `osErrno` may be given positive or negative (netlink's error field is negative); the number
 * in the message is the OS's own. `syscall` defaults to routeSyscall(os).
 */
export function routeError(
  os: OsName,
  osErrno: number,
  syscall: string | undefined,
  op: string,
  routeText: string,
): RouteError {
  const n = checkErrno(osErrno);
  const code = errnoName(os, n);
  const text = phrase(os, code, op) ?? lowerFirst(errnoMessage(os, n));
  const err = new Error(`${op} ${routeText}: ${text} (${code}, errno ${n})`) as RouteError;
  err.code = code;
  const host = toHostErrno(os, n);
  err.errno = -(host ?? n);
  err.syscall = syscall || routeSyscall(os);
  err.os = os;
  err.osErrno = n;
  err.op = op;
  err.route = routeText;
  if (code === 'EPERM' || code === 'EACCES') err.hint = os === 'linux' ? ROOT_HINT_LINUX : ROOT_HINT_BSD;
  return err;
}

function lowerFirst(s: string): string {
  // Keep acronyms (RPC, STREAM, IPsec) intact: only lower a capital followed by a lower-case letter.
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
