/**
 * Struct layouts of the routing-socket headers per OS and ABI, as data.
 *
 * Offsets are bytes from the start of the message; -1 = the OS has no such field.
 * 64-bit values are the ones in shared/reference/bsd-rtsock-layouts.json (checked
 * field by field in test/bsd-layouts.test.ts). 32-bit values follow the same headers
 * with u_long = 4 bytes and i386 alignment (u64 aligned to 4), as noted per OS below.
 *
 * The walker (walk.ts) only asks `layout.types[rtm_type]` for the header and parser kind.
 */
import type { Abi, BsdOsName } from '../model';
import { OS_CONSTANTS, type OsConstants } from './constants';

export interface Field {
  name: string;
  off: number;
  size: 1 | 2 | 4 | 8;
  signed: boolean;
}

export interface RouteHeader {
  size: number;
  hdrlen: number;
  index: number;
  flags: number;
  addrs: number;
  pid: number;
  seq: number;
  errno: number;
  use: number;
  fmask: number;
  refcnt: number;
  parentflags: number;
  tableid: number;
  priority: number;
  mpls: number;
  inits: number;
  initsSize: 4 | 8;
  /** Offset of rt_metrics. */
  rmx: number;
  /** rt_metrics fields, offsets relative to rmx, in struct order. */
  metrics: readonly Field[];
}

export interface InterfaceHeader {
  size: number;
  hdrlen: number;
  index: number;
  flags: number;
  addrs: number;
  tableid: number;
  xflags: number;
  /** NetBSD: ifm_flags is a sign-extended short; keep only the low 16 bits. */
  flagsMask: number;
  /** FreeBSD if_msghdrl: offset of ifm_data_off (the if_data offset carried in the message); -1 elsewhere. */
  dataOff: number;
  /** Offset of if_data. */
  data: number;
  /** sizeof(struct if_data) (less than size - data where the header pads after it: NetBSD i386). */
  dataSize: number;
  /** if_data fields (relative to data) in the model's key order; extra header fields are absolute. */
  dataFields: readonly Field[];
  extraFields: readonly Field[];
}

export interface AddressHeader {
  size: number;
  hdrlen: number;
  index: number;
  flags: number;
  addrs: number;
  metric: number;
  pid: number;
  addrflags: number;
  tableid: number;
  /** FreeBSD ifa_msghdrl: offset of ifam_data_off; -1 elsewhere. */
  dataOff: number;
}

export interface MulticastHeader {
  size: number;
  hdrlen: number;
  index: number;
  flags: number;
  addrs: number;
  refcount: number;
}

export interface AnnounceHeader {
  size: number;
  hdrlen: number;
  index: number;
  name: number;
  what: number;
}

export const K_ROUTE = 1;
export const K_INTERFACE = 2;
export const K_ADDRESS = 3;
export const K_MULTICAST = 4;
export const K_ANNOUNCE = 5;

/** What the walker needs for one rtm_type; size/hdrlen copied up so every spec has one shape. */
interface SpecBase {
  type: string;
  size: number;
  hdrlen: number;
}
export type MsgSpec =
  | (SpecBase & { kind: typeof K_ROUTE; hdr: RouteHeader })
  | (SpecBase & { kind: typeof K_INTERFACE; hdr: InterfaceHeader })
  | (SpecBase & { kind: typeof K_ADDRESS; hdr: AddressHeader })
  | (SpecBase & { kind: typeof K_MULTICAST; hdr: MulticastHeader })
  | (SpecBase & { kind: typeof K_ANNOUNCE; hdr: AnnounceHeader });

function spec<K extends MsgSpec['kind'], H extends { size: number; hdrlen: number }>(kind: K, type: string, hdr: H) {
  return { kind, type, size: hdr.size, hdrlen: hdr.hdrlen, hdr };
}

export interface Layout {
  os: BsdOsName;
  abi: Abi;
  c: OsConstants;
  /** Sockaddr padding unit. */
  align: number;
  /** The header used for encoding route requests. */
  rt: RouteHeader;
  /** rtm_type → spec (undefined = unknown message). */
  types: ReadonlyArray<MsgSpec | undefined>;
  /** Every header of this OS/ABI by role (the source of native/layout_check.h). */
  headers: OsHeaders;
  /** Whether `types` maps RTM_IFINFO/RTM_NEWADDR to FreeBSD's NET_RT_IFLISTL headers. */
  iflistl: boolean;
}

// ---------------------------------------------------------------------------
// helpers

const NONE = -1;

function f(name: string, off: number, size: 1 | 2 | 4 | 8, signed = false): Field {
  return { name, off, size, signed }; // one shape for every field (monomorphic reads)
}

/** A list of same-width fields laid out back to back. */
function seq(names: string[], start: number, size: 4 | 8): Field[] {
  return names.map((n, i) => f(n, start + i * size, size));
}

function route(p: Partial<RouteHeader> & Pick<RouteHeader, 'size' | 'rmx' | 'metrics'>): RouteHeader {
  return {
    hdrlen: NONE, index: 4, flags: 8, addrs: 12, pid: 16, seq: 20, errno: 24, use: NONE, fmask: NONE,
    refcnt: NONE, parentflags: NONE, tableid: NONE, priority: NONE, mpls: NONE, inits: 32, initsSize: 4,
    ...p,
  };
}

function iface(p: Partial<InterfaceHeader> & Pick<InterfaceHeader, 'size' | 'data' | 'dataFields'>): InterfaceHeader {
  return { dataSize: p.size - p.data, hdrlen: NONE, index: 12, flags: 8, addrs: 4, tableid: NONE, xflags: NONE, flagsMask: 0xffffffff, dataOff: NONE, extraFields: [], ...p };
}

function addr(p: Partial<AddressHeader> & Pick<AddressHeader, 'size'>): AddressHeader {
  return { hdrlen: NONE, index: 12, flags: 8, addrs: 4, metric: 16, pid: NONE, addrflags: NONE, tableid: NONE, dataOff: NONE, ...p };
}

const COUNTERS = ['ipackets', 'ierrors', 'opackets', 'oerrors', 'collisions', 'ibytes', 'obytes', 'imcasts', 'omcasts', 'iqdrops'];

/** if_data fields in model order: type, mtu, metric, linkState, baudrate, counters…, oqdrops, noproto. */
function ifData(p: {
  type: number;
  mtu: [number, 4 | 8];
  metric: [number, 4 | 8];
  linkState?: [number, 1 | 4 | 8];
  baudrate: [number, 4 | 8];
  counters: [number, 4 | 8];
  oqdrops?: number;
  noproto: number;
}): Field[] {
  const out: Field[] = [f('type', p.type, 1), f('mtu', ...p.mtu), f('metric', ...p.metric)];
  if (p.linkState) out.push(f('linkState', p.linkState[0], p.linkState[1], p.linkState[1] === 4));
  out.push(f('baudrate', ...p.baudrate));
  out.push(...seq(COUNTERS, p.counters[0], p.counters[1]));
  if (p.oqdrops !== undefined) out.push(f('oqdrops', p.oqdrops, p.counters[1]));
  out.push(f('noproto', p.noproto, p.counters[1]));
  return out;
}

// ---------------------------------------------------------------------------
// per-OS tables

/** Sizes and offsets of the sockaddrs the codec reads (C struct facts, checked like the headers). */
export interface SockaddrFacts {
  /** sizeof(struct sockaddr_dl). */
  dl: number;
  /** sizeof(struct sockaddr_rtlabel) (OpenBSD), else -1. */
  rtlabel: number;
  /** sizeof(struct sockaddr_rtdns / rtstatic / rtsearch) (OpenBSD), else -1. */
  rtdns: number;
}

export interface OsHeaders {
  rt: RouteHeader;
  rt2?: RouteHeader;
  ifm: InterfaceHeader;
  ifm2?: InterfaceHeader;
  /** FreeBSD NET_RT_IFLISTL if_msghdrl / ifa_msghdrl. */
  ifml?: InterfaceHeader;
  ifaml?: AddressHeader;
  ifa: AddressHeader;
  ifaOld?: AddressHeader;
  ifma?: MulticastHeader;
  ifma2?: MulticastHeader;
  ifan?: AnnounceHeader;
  sa: SockaddrFacts;
}

function darwin(_abi: Abi): OsHeaders {
  // XNU uses fixed 32-bit types in these headers: identical on ILP32 and LP64.
  const metrics = [
    ...seq(['locks', 'mtu', 'hopcount'], 0, 4),
    f('expire', 12, 4, true),
    ...seq(['recvpipe', 'sendpipe', 'ssthresh', 'rtt', 'rttvar', 'pksent'], 16, 4),
  ];
  const rt = route({ size: 92, use: 28, rmx: 36, metrics });
  const rt2 = route({ size: 92, pid: NONE, seq: NONE, errno: NONE, refcnt: 16, parentflags: 20, use: 28, rmx: 36, metrics });
  const ifm = iface({
    size: 112,
    data: 16,
    dataFields: ifData({ type: 0, mtu: [8, 4], metric: [12, 4], baudrate: [16, 4], counters: [20, 4], noproto: 60 }),
  });
  const ifm2 = iface({
    size: 160,
    data: 32,
    dataFields: ifData({ type: 0, mtu: [8, 4], metric: [12, 4], baudrate: [16, 8], counters: [24, 8], noproto: 104 }),
    extraFields: [f('sndLen', 16, 4), f('sndMaxlen', 20, 4), f('sndDrops', 24, 4), f('timer', 28, 4)],
  });
  return {
    rt,
    rt2,
    ifm,
    ifm2,
    ifa: addr({ size: 20 }),
    ifma: { size: 16, hdrlen: NONE, addrs: 4, flags: 8, index: 12, refcount: NONE },
    ifma2: { size: 20, hdrlen: NONE, addrs: 4, flags: 8, index: 12, refcount: 16 },
    sa: { dl: 20, rtlabel: NONE, rtdns: NONE },
  };
}

function freebsd(abi: Abi): OsHeaders {
  const w: 4 | 8 = abi === 64 ? 8 : 4; // u_long
  const names = ['locks', 'mtu', 'hopcount', 'expire', 'recvpipe', 'sendpipe', 'ssthresh', 'rtt', 'rttvar', 'pksent', 'weight', 'nhidx'];
  const rt = route({
    size: abi === 64 ? 152 : 92,
    fmask: 28,
    initsSize: w,
    rmx: abi === 64 ? 40 : 36,
    metrics: seq(names, 0, w),
  });
  // if_data uses fixed-width members (and unions padding time_t/timeval to 8/16): same on i386.
  const ifm = iface({
    size: 168,
    data: 16,
    dataFields: ifData({
      type: 0, mtu: [8, 4], metric: [12, 4], linkState: [4, 1], baudrate: [16, 8], counters: [24, 8], oqdrops: 104, noproto: 112,
    }),
  });
  // NET_RT_IFLISTL: ifm_len/ifam_len @16 is the header length (sockaddrs follow it), @18 the if_data offset.
  const ifml = iface({ ...ifm, size: 176, hdrlen: 16, dataOff: 18, data: 24 });
  const ifaml = addr({ size: 176, hdrlen: 16, dataOff: 18, metric: 20 });
  return {
    rt,
    ifm,
    ifml,
    ifaml,
    ifa: addr({ size: 20 }),
    ifma: { size: 16, hdrlen: NONE, addrs: 4, flags: 8, index: 12, refcount: NONE },
    ifan: { size: 24, hdrlen: NONE, index: 4, name: 6, what: 22 },
    sa: { dl: 54, rtlabel: NONE, rtdns: NONE },
  };
}

function openbsd(abi: Abi): OsHeaders {
  // All members are fixed-width; on i386 only struct timeval (int64 + long) in if_data shrinks.
  const metrics = [
    f('pksent', 0, 8),
    f('expire', 8, 8, true),
    ...seq(['locks', 'mtu', 'refcnt', 'hopcount', 'recvpipe', 'sendpipe', 'ssthresh', 'rtt', 'rttvar'], 16, 4),
  ];
  const rt = route({
    size: 96, hdrlen: 4, index: 6, tableid: 8, priority: 10, mpls: 11, addrs: 12, flags: 16, fmask: 20,
    pid: 24, seq: 28, errno: 32, inits: 36, rmx: 40, metrics,
  });
  const ifm = iface({
    size: abi === 64 ? 168 : 160,
    hdrlen: 4, index: 6, tableid: 8, addrs: 12, flags: 16, xflags: 20, data: 24,
    dataFields: ifData({
      type: 0, mtu: [4, 4], metric: [8, 4], linkState: [3, 1], baudrate: [16, 8], counters: [24, 8], oqdrops: 104, noproto: 112,
    }),
  });
  return {
    rt,
    ifm,
    ifa: addr({ size: 24, hdrlen: 4, index: 6, tableid: 8, addrs: 12, flags: 16, metric: 20 }),
    ifan: { size: 26, hdrlen: 4, index: 6, what: 8, name: 10 },
    sa: { dl: 32, rtlabel: 34, rtdns: 130 },
  };
}

function netbsd(abi: Abi): OsHeaders {
  // NetBSD pins these structs with __aligned(8) and uint64_t members: same on ILP32.
  const metrics = [
    ...seq(['locks', 'mtu', 'hopcount', 'recvpipe', 'sendpipe', 'ssthresh', 'rtt', 'rttvar'], 0, 8),
    f('expire', 64, 8, true),
    f('pksent', 72, 8, true),
  ];
  const rt = route({ size: 120, use: 28, rmx: 40, metrics });
  const ifm = iface({
    size: 152,
    data: 16,
    // i386: struct timespec is 12 bytes, so if_data is 132; __aligned(8) still pads if_msghdr to 152.
    dataSize: abi === 64 ? 136 : 132,
    flagsMask: 0xffff,
    dataFields: ifData({
      type: 0, mtu: [8, 8], metric: [16, 8], linkState: [4, 4], baudrate: [24, 8], counters: [32, 8], noproto: 112,
    }),
  });
  return {
    rt,
    ifm,
    // NetBSD 8+ (RTM_NEWADDR 0x16): index @4, flags @8, addrs @12, pid @16, addrflags @20, metric @24.
    ifa: addr({ size: 32, index: 4, flags: 8, addrs: 12, pid: 16, addrflags: 20, metric: 24 }),
    // NetBSD < 8 (RTM_ONEWADDR 0xc): addrs @4, flags @8, metric @12, index @16.
    ifaOld: addr({ size: 24, addrs: 4, flags: 8, metric: 12, index: 16 }),
    ifan: { size: 24, hdrlen: NONE, index: 4, name: 6, what: 22 },
    sa: { dl: 32, rtlabel: NONE, rtdns: NONE },
  };
}

function dragonfly(abi: Abi): OsHeaders {
  // DragonFly ships only amd64; the 32-bit layout is derived (u_long = 4), untested on a kernel.
  const w: 4 | 8 = abi === 64 ? 8 : 4;
  const names1 = ['locks', 'mtu', 'pksent', 'expire', 'sendpipe', 'ssthresh', 'rtt', 'rttvar', 'recvpipe', 'hopcount'];
  const metrics = [
    ...seq(names1, 0, w),
    f('mssopt', 10 * w, 2),
    ...seq(['msl', 'iwmaxsegs', 'iwcapsegs'], abi === 64 ? 88 : 44, w),
  ];
  const rt = route({ size: abi === 64 ? 152 : 92, use: 28, initsSize: w, rmx: abi === 64 ? 40 : 36, metrics });
  const ifm = iface({
    size: abi === 64 ? 176 : 100,
    index: 4, flags: 8, addrs: 12, data: 16,
    dataFields:
      abi === 64
        ? ifData({ type: 0, mtu: [8, 8], metric: [16, 8], linkState: [24, 8], baudrate: [32, 8], counters: [40, 8], oqdrops: 136, noproto: 120 })
        : ifData({ type: 0, mtu: [8, 4], metric: [12, 4], linkState: [16, 4], baudrate: [20, 4], counters: [24, 4], oqdrops: 72, noproto: 64 }),
  });
  return {
    rt,
    ifm,
    ifa: addr({ size: 24, index: 4, flags: 8, addrs: 12, addrflags: 16, metric: 20 }),
    ifma: { size: 16, hdrlen: NONE, index: 4, flags: 8, addrs: 12, refcount: NONE },
    ifan: { size: 24, hdrlen: NONE, index: 4, name: 6, what: 22 },
    sa: { dl: 54, rtlabel: NONE, rtdns: NONE },
  };
}

const BUILDERS: Record<BsdOsName, (abi: Abi) => OsHeaders> = { darwin, freebsd, openbsd, netbsd, dragonfly };

/** RTM name → model type for route-shaped messages. */
const ROUTE_TYPES: Record<string, string> = {
  ADD: 'add', DELETE: 'delete', CHANGE: 'change', GET: 'get', LOSING: 'losing', REDIRECT: 'redirect', MISS: 'miss',
  LOCK: 'lock', OLDADD: 'oldadd', OLDDEL: 'olddel', RESOLVE: 'resolve', GET_SILENT: 'get_silent', DESYNC: 'desync',
  INVALIDATE: 'invalidate', BFD: 'bfd', PROPOSAL: 'proposal', SOURCE: 'source', SETGATE: 'setgate', LLINFO_UPD: 'llinfo_upd',
};

function typeTable(os: BsdOsName, h: OsHeaders, c: OsConstants, iflistl: boolean): Array<MsgSpec | undefined> {
  const t: Array<MsgSpec | undefined> = new Array(256).fill(undefined);
  for (const [name, num] of Object.entries(c.RTM)) {
    const rtType = ROUTE_TYPES[name];
    if (rtType) {
      t[num] = spec(K_ROUTE, rtType, h.rt);
      continue;
    }
    switch (name) {
      case 'GET2':
        if (h.rt2) t[num] = spec(K_ROUTE, 'get2', h.rt2);
        break;
      case 'IFINFO':
        t[num] = spec(K_INTERFACE, 'ifinfo', iflistl && h.ifml ? h.ifml : h.ifm);
        break;
      case 'IFINFO2':
        if (h.ifm2) t[num] = spec(K_INTERFACE, 'ifinfo2', h.ifm2);
        break;
      case 'NEWADDR':
      case 'DELADDR':
      case 'CHGADDR':
      case 'CHGADDRATTR':
        t[num] = spec(K_ADDRESS, name.toLowerCase(), iflistl && h.ifaml && name === 'NEWADDR' ? h.ifaml : h.ifa);
        break;
      case 'ONEWADDR':
      case 'ODELADDR':
      case 'OCHGADDR':
        if (h.ifaOld) t[num] = spec(K_ADDRESS, name.slice(1).toLowerCase(), h.ifaOld);
        break;
      case 'NEWMADDR':
      case 'DELMADDR':
        if (h.ifma) t[num] = spec(K_MULTICAST, name.toLowerCase(), h.ifma);
        break;
      case 'NEWMADDR2':
        if (h.ifma2) t[num] = spec(K_MULTICAST, 'newmaddr2', h.ifma2);
        break;
      case 'IFANNOUNCE':
      case 'IEEE80211':
        if (h.ifan) t[num] = spec(K_ANNOUNCE, name.toLowerCase(), h.ifan);
        break;
      default:
        // GET_EXT (darwin private), 80211INFO (openbsd), OOIFINFO/OIFINFO (netbsd < 1.5 / < 8):
        // not laid out in the reference; they decode as kind 'unknown'.
        void os;
    }
  }
  return t;
}

const cache = new Map<string, Layout>();

/**
 * The layout of `os`/`abi`. `iflistl` (FreeBSD only) selects the NET_RT_IFLISTL dump shape:
 * RTM_IFINFO carries if_msghdrl and RTM_NEWADDR ifa_msghdrl (same type numbers as the normal headers).
 */
export function getLayout(os: BsdOsName, abi: Abi = 64, iflistl = false): Layout {
  const key = os + abi + (iflistl ? 'l' : '');
  let l = cache.get(key);
  if (l) return l;
  const c = OS_CONSTANTS[os];
  const build = BUILDERS[os];
  if (!c || !build) throw new TypeError(`unknown BSD OS ${String(os)}`);
  if (abi !== 64 && abi !== 32) throw new TypeError(`unknown ABI ${String(abi)}`);
  const h = build(abi);
  if (iflistl && !h.ifml) throw new TypeError(`iflistl: NET_RT_IFLISTL is FreeBSD-only, not ${os}`);
  l = { os, abi, c, align: abi === 64 ? c.saAlign64 : c.saAlign32, rt: h.rt, types: typeTable(os, h, c, iflistl), headers: h, iflistl };
  cache.set(key, l);
  return l;
}
