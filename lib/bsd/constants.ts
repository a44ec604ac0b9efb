/**
 * Per-OS constants of the routing socket, as data (from
 * shared/reference/bsd-rtsock-layouts.{md,json}, verified against the real headers):
 * RTM_* numbers, RTF_* / IFF_* bit names, RTA_* roles, RTV_* bits, AF numbers, sysctl ops.
 */
import type { BsdOsName } from '../model';

export interface OsConstants {
  RTM_VERSION: number;
  PF_ROUTE: number;
  AF_INET: number;
  AF_INET6: number;
  AF_LINK: number;
  /** Sockaddr alignment on the 64-bit ABI. */
  saAlign64: number;
  /** Sockaddr alignment on the 32-bit ABI (NetBSD keeps 8). */
  saAlign32: number;
  RTM: Record<string, number>;
  /** Route flag names by bit number 0..31 ('' = unnamed), as route(8) prints them. */
  rtfBits: readonly string[];
  /** Interface flag names by bit number (IFF_*). */
  iffBits: readonly string[];
  /** RTAX index → role name in the model's AddressSet. */
  roles: readonly string[];
  RTV: Record<string, number>;
  NET_RT: Record<string, number>;
  /** Size of the empty AF_LINK sockaddr route(8) sends in RTM_GET's RTA_IFP. */
  emptyLinkLen: number;
  /** Minimum sockaddr_dl length the encoder emits for a non-empty link address. */
  linkMinLen: number;
  /** Whether IPv6 link-local scope is carried embedded in bytes 2-3 (KAME) when encoding. */
  kameEmbed: boolean;
}

/** Builds a 32-entry bit-name table from {name: value}; first name for a bit wins. */
function bits(map: Record<string, number>): string[] {
  const t: string[] = new Array<string>(32).fill('');
  for (const [name, value] of Object.entries(map)) {
    const b = 31 - Math.clz32(value);
    if (value !== 0 && (value & (value - 1)) === 0 && t[b] === '') t[b] = name;
  }
  return t;
}

const RTF_COMMON = { UP: 0x1, GATEWAY: 0x2, HOST: 0x4, REJECT: 0x8, DYNAMIC: 0x10, MODIFIED: 0x20, DONE: 0x40 };
const RTV_COMMON = { MTU: 0x1, HOPCOUNT: 0x2, EXPIRE: 0x4, RPIPE: 0x8, SPIPE: 0x10, SSTHRESH: 0x20, RTT: 0x40, RTTVAR: 0x80 };
const ROLES8 = ['dst', 'gateway', 'netmask', 'genmask', 'ifp', 'ifa', 'author', 'brd'];
const IFF_COMMON = {
  UP: 0x1,
  BROADCAST: 0x2,
  DEBUG: 0x4,
  LOOPBACK: 0x8,
  POINTOPOINT: 0x10,
  RUNNING: 0x40,
  NOARP: 0x80,
  PROMISC: 0x100,
  ALLMULTI: 0x200,
  OACTIVE: 0x400,
  SIMPLEX: 0x800,
  LINK0: 0x1000,
  LINK1: 0x2000,
  LINK2: 0x4000,
  MULTICAST: 0x8000,
};
const RTM_CLASSIC = { ADD: 1, DELETE: 2, CHANGE: 3, GET: 4, LOSING: 5, REDIRECT: 6, MISS: 7 };

export const OS_CONSTANTS: Readonly<Record<BsdOsName, OsConstants>> = {
  darwin: {
    RTM_VERSION: 5,
    PF_ROUTE: 17,
    AF_INET: 2,
    AF_INET6: 30,
    AF_LINK: 18,
    saAlign64: 4,
    saAlign32: 4,
    RTM: {
      ...RTM_CLASSIC, LOCK: 8, OLDADD: 9, OLDDEL: 10, RESOLVE: 11, NEWADDR: 12, DELADDR: 13, IFINFO: 14,
      NEWMADDR: 15, DELMADDR: 16, GET_SILENT: 17, IFINFO2: 18, NEWMADDR2: 19, GET2: 20, GET_EXT: 21,
    },
    rtfBits: bits({
      ...RTF_COMMON, DELCLONE: 0x80, CLONING: 0x100, XRESOLVE: 0x200, LLINFO: 0x400, STATIC: 0x800,
      BLACKHOLE: 0x1000, NOIFREF: 0x2000, PROTO2: 0x4000, PROTO1: 0x8000, PRCLONING: 0x10000,
      WASCLONED: 0x20000, PROTO3: 0x40000, PINNED: 0x100000, LOCAL: 0x200000, BROADCAST: 0x400000,
      MULTICAST: 0x800000, IFSCOPE: 0x1000000, CONDEMNED: 0x2000000, IFREF: 0x4000000, PROXY: 0x8000000,
      ROUTER: 0x10000000, DEAD: 0x20000000, GLOBAL: 0x40000000,
    }),
    iffBits: bits({ ...IFF_COMMON, NOTRAILERS: 0x20 }),
    roles: ROLES8,
    RTV: { ...RTV_COMMON, REFRESH_HOST: 0x100 },
    NET_RT: { DUMP: 1, FLAGS: 2, IFLIST: 3, STAT: 4, TRASH: 5, IFLIST2: 6, DUMP2: 7, DUMPX: 8, DUMPX_FLAGS: 9, FLAGS_PRIV: 10, STAT_64: 11 },
    emptyLinkLen: 20,
    linkMinLen: 20,
    kameEmbed: true,
  },
  freebsd: {
    RTM_VERSION: 5,
    PF_ROUTE: 17,
    AF_INET: 2,
    AF_INET6: 28,
    AF_LINK: 18,
    saAlign64: 8,
    saAlign32: 4,
    RTM: {
      ...RTM_CLASSIC, LOCK: 8, RESOLVE: 11, NEWADDR: 12, DELADDR: 13, IFINFO: 14, NEWMADDR: 15, DELMADDR: 16,
      IFANNOUNCE: 17, IEEE80211: 18,
    },
    rtfBits: bits({
      ...RTF_COMMON, XRESOLVE: 0x200, LLINFO: 0x400, STATIC: 0x800, BLACKHOLE: 0x1000, PROTO2: 0x4000,
      PROTO1: 0x8000, PROTO3: 0x40000, FIXEDMTU: 0x80000, PINNED: 0x100000, LOCAL: 0x200000,
      BROADCAST: 0x400000, MULTICAST: 0x800000, STICKY: 0x10000000, GWFLAG_COMPAT: 0x80000000,
    }),
    iffBits: bits({
      ...IFF_COMMON, NEEDSEPOCH: 0x20, PPROMISC: 0x10000, MONITOR: 0x20000, STATICARP: 0x40000,
      STICKYARP: 0x80000, DYING: 0x200000, RENAMING: 0x400000,
    }),
    roles: ROLES8,
    RTV: { ...RTV_COMMON, WEIGHT: 0x100 },
    NET_RT: { DUMP: 1, FLAGS: 2, IFLIST: 3, IFMALIST: 4, IFLISTL: 5, NHOP: 6, NHGRP: 7 },
    emptyLinkLen: 54,
    linkMinLen: 54,
    kameEmbed: false,
  },
  openbsd: {
    RTM_VERSION: 5,
    PF_ROUTE: 17,
    AF_INET: 2,
    AF_INET6: 24,
    AF_LINK: 18,
    saAlign64: 8,
    saAlign32: 4,
    RTM: {
      ...RTM_CLASSIC, RESOLVE: 11, NEWADDR: 12, DELADDR: 13, IFINFO: 14, IFANNOUNCE: 15, DESYNC: 16,
      INVALIDATE: 17, BFD: 18, PROPOSAL: 19, CHGADDRATTR: 20, '80211INFO': 21, SOURCE: 22,
    },
    rtfBits: bits({
      ...RTF_COMMON, CLONING: 0x100, MULTICAST: 0x200, LLINFO: 0x400, STATIC: 0x800, BLACKHOLE: 0x1000,
      PROTO3: 0x2000, PROTO2: 0x4000, PROTO1: 0x8000, CLONED: 0x10000, CACHED: 0x20000, MPATH: 0x40000,
      MPLS: 0x100000, LOCAL: 0x200000, BROADCAST: 0x400000, CONNECTED: 0x800000, BFD: 0x1000000,
    }),
    iffBits: bits({ ...IFF_COMMON, STATICARP: 0x20 }),
    roles: [...ROLES8, 'src', 'srcmask', 'label', 'bfd', 'dns', 'static', 'search'],
    RTV: { ...RTV_COMMON },
    NET_RT: { DUMP: 1, FLAGS: 2, IFLIST: 3, STATS: 4, TABLE: 5, IFNAMES: 6, SOURCE: 7 },
    emptyLinkLen: 32,
    linkMinLen: 32,
    kameEmbed: true,
  },
  netbsd: {
    RTM_VERSION: 4,
    PF_ROUTE: 34,
    AF_INET: 2,
    AF_INET6: 24,
    AF_LINK: 18,
    saAlign64: 8,
    saAlign32: 8,
    RTM: {
      ...RTM_CLASSIC, LOCK: 8, OLDADD: 9, OLDDEL: 10, ONEWADDR: 12, ODELADDR: 13, OOIFINFO: 14, OIFINFO: 15,
      IFANNOUNCE: 16, IEEE80211: 17, SETGATE: 18, LLINFO_UPD: 19, IFINFO: 20, OCHGADDR: 21, NEWADDR: 22,
      DELADDR: 23, CHGADDR: 24,
    },
    rtfBits: bits({
      ...RTF_COMMON, MASK: 0x80, CONNECTED: 0x100, LLDATA: 0x400, STATIC: 0x800, BLACKHOLE: 0x1000,
      PROTO2: 0x4000, PROTO1: 0x8000, SRC: 0x10000, ANNOUNCE: 0x20000, LOCAL: 0x40000, BROADCAST: 0x80000,
      UPDATING: 0x100000, DONTCHANGEIFA: 0x200000,
    }),
    iffBits: bits({ ...IFF_COMMON, NOTRAILERS: 0x20 }),
    roles: [...ROLES8, 'tag'],
    RTV: { ...RTV_COMMON },
    NET_RT: { DUMP: 1, FLAGS: 2, OOOIFLIST: 3, OOIFLIST: 4, OIFLIST: 5, IFLIST: 6 },
    // The request captures (route(8)-style RTM_GET) carry a 20-byte empty sockaddr_dl.
    emptyLinkLen: 20,
    linkMinLen: 20,
    kameEmbed: true,
  },
  dragonfly: {
    RTM_VERSION: 7,
    PF_ROUTE: 17,
    AF_INET: 2,
    AF_INET6: 28,
    AF_LINK: 18,
    saAlign64: 8,
    saAlign32: 4,
    RTM: {
      ...RTM_CLASSIC, LOCK: 8, OLDADD: 9, OLDDEL: 10, RESOLVE: 11, NEWADDR: 12, DELADDR: 13, IFINFO: 14,
      NEWMADDR: 15, DELMADDR: 16, IFANNOUNCE: 17, IEEE80211: 18,
    },
    rtfBits: bits({
      ...RTF_COMMON, CLONING: 0x100, XRESOLVE: 0x200, LLINFO: 0x400, STATIC: 0x800, BLACKHOLE: 0x1000,
      PROTO2: 0x4000, PROTO1: 0x8000, PRCLONING: 0x10000, WASCLONED: 0x20000, PROTO3: 0x40000,
      PINNED: 0x100000, LOCAL: 0x200000, BROADCAST: 0x400000, MULTICAST: 0x800000, MPLSOPS: 0x1000000,
    }),
    iffBits: bits({
      ...IFF_COMMON, SMART: 0x20, POLLING: 0x10000, PPROMISC: 0x20000, MONITOR: 0x40000, STATICARP: 0x80000,
      NPOLLING: 0x100000, IDIRECT: 0x200000,
    }),
    roles: [...ROLES8, 'mpls1', 'mpls2', 'mpls3'],
    RTV: { ...RTV_COMMON, MSL: 0x100, IWMAXSEGS: 0x200, IWCAPSEGS: 0x400 },
    NET_RT: { DUMP: 1, FLAGS: 2, IFLIST: 3 },
    emptyLinkLen: 54,
    linkMinLen: 54,
    kameEmbed: true,
  },
};

/** Names of the set bits (unknown bits as 0x…), lowest bit first. */
export function bitNames(table: readonly string[], raw: number): string[] {
  const out: string[] = [];
  let v = raw >>> 0;
  while (v !== 0) {
    const b = 31 - Math.clz32(v & -v);
    v = (v & ~(1 << b)) >>> 0;
    const name = table[b];
    out.push(name ? name : '0x' + ((1 << b) >>> 0).toString(16));
  }
  return out;
}

const flagCache = new WeakMap<readonly string[], Map<number, readonly string[]>>();

/**
 * bitNames with a per-table cache of the computed names (dumps repeat a handful of flag
 * combinations); every call returns a fresh array the caller may keep or change.
 */
export function flagNames(table: readonly string[], raw: number): string[] {
  let m = flagCache.get(table);
  if (!m) {
    m = new Map();
    flagCache.set(table, m);
  }
  const key = raw >>> 0;
  let names = m.get(key);
  if (!names) {
    names = bitNames(table, key);
    if (m.size < 4096) m.set(key, names);
  }
  return names.slice();
}
