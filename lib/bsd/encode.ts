/**
 * Encoder for route requests (rt_msghdr + sockaddrs), laid out the way route(8) and the
 * NetBSD request captures do: full-size sockaddrs each padded to the OS's unit, masks
 * full-size unless `trimNetmask` (then IPv4 masks are cut after their last non-zero byte,
 * family kept, as route(8) sends them), the empty AF_LINK sockaddr for RTM_GET's RTA_IFP.
 */
import type {
  Abi,
  Address,
  AddressMessage,
  AnnounceMessage,
  BsdOsName,
  InterfaceMessage,
  MaskAddress,
  MulticastMessage,
  RouteMessage,
  RouteMessageType,
  RouteMetrics,
} from '../model';
import { bytesFromHex, parseInet4, parseInet6, parseMac, writeUint } from './bytes';
import {
  K_ADDRESS,
  K_ANNOUNCE,
  K_INTERFACE,
  K_MULTICAST,
  K_ROUTE,
  getLayout,
  type Field,
  type Layout,
  type MsgSpec,
} from './layouts';
import type { OpenBsdSpecialAddress } from './sockaddr';

export interface BsdRouteRequest {
  /** add | delete | change | get | lock, plus OS-specific route-shaped types the OS has (resolve, get_silent, setgate, …). */
  type: Exclude<RouteMessageType, 'get2'>;
  /** Raw RTF_* bits. */
  flags: number;
  /** rtm_index (macOS RTF_IFSCOPE routes carry the scope index here). */
  index?: number;
  seq: number;
  pid?: number;
  /** Defaults to the OS's RTM_VERSION. */
  version?: number;
  addrs: {
    dst?: Address;
    gateway?: Address;
    netmask?: MaskAddress | Address;
    genmask?: MaskAddress | Address;
    ifp?: Address;
    ifa?: Address;
    author?: Address;
    brd?: Address;
    /** Any role the OS has (OpenBSD src/srcmask/label…, NetBSD tag, DragonFly mpls1..3). */
    [role: string]: Address | MaskAddress | OpenBsdSpecialAddress | undefined;
  };
  /** RTV_* bits of rtm_inits. */
  inits?: number;
  /** RTV_* bits of rmx_locks. */
  locks?: number;
  metrics?: RouteMetrics;
  /** OpenBSD header fields. */
  tableid?: number;
  priority?: number;
  mpls?: number;
  /** FreeBSD/OpenBSD rtm_fmask (extension; defaults to 0). */
  fmask?: number;
  /** Send IPv4 masks trimmed the way route(8) does (default false: full sockaddr_in, as most NetBSD captures). */
  trimNetmask?: boolean;
}

function bad(msg: string): never {
  throw new TypeError(`encodeRouteMessage: ${msg}`);
}

function isScoped6(b: number[]): boolean {
  return (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) || (b[0] === 0xff && (b[1] === 0x01 || b[1] === 0x02));
}

/** The bytes of one sockaddr, sa_len long (an sa_len 0 sockaddr is returned as []). */
export function encodeSockaddr(
  a: Address | MaskAddress | OpenBsdSpecialAddress,
  role: string,
  isMask: boolean,
  trim: boolean,
  L: Layout,
): number[] {
  const c = L.c;
  switch (a.family) {
    case 'label':
    case 'dns':
    case 'search':
    case 'static':
      return encodeOpenbsdSpecial(a, role, L);
    case 'inet': {
      const ip = parseInet4(a.address) ?? bad(`addrs.${role}: bad IPv4 address ${JSON.stringify(a.address)}`);
      if (isMask && trim) {
        let last = 3;
        while (last >= 0 && ip[last] === 0) last--;
        const len = last < 0 ? 2 : 4 + last + 1;
        return [len, c.AF_INET, 0, 0, ...ip].slice(0, len);
      }
      return [16, c.AF_INET, 0, 0, ...ip, 0, 0, 0, 0, 0, 0, 0, 0];
    }
    case 'inet6': {
      const ip = parseInet6(a.address) ?? bad(`addrs.${role}: bad IPv6 address ${JSON.stringify(a.address)}`);
      let scope = 0;
      const zone = 'zone' in a && typeof a.zone === 'number' ? a.zone : 0;
      if (zone && !isMask) {
        if (c.kameEmbed && isScoped6(ip)) {
          ip[2] = (zone >> 8) & 0xff;
          ip[3] = zone & 0xff;
        } else scope = zone;
      }
      return [28, c.AF_INET6, 0, 0, 0, 0, 0, 0, ...ip, scope & 0xff, (scope >>> 8) & 0xff, (scope >>> 16) & 0xff, scope >>> 24];
    }
    case 'link': {
      const name = a.name ?? '';
      const mac = a.mac ? (parseMac(a.mac) ?? bad(`addrs.${role}: bad MAC ${JSON.stringify(a.mac)}`)) : [];
      const index = a.index ?? 0;
      const type = a.type ?? 0;
      if (index === 0 && type === 0 && name === '' && mac.length === 0) {
        const out = new Array<number>(c.emptyLinkLen).fill(0);
        out[0] = c.emptyLinkLen;
        out[1] = c.AF_LINK;
        return out;
      }
      const nameBytes: number[] = [];
      for (let i = 0; i < name.length; i++) nameBytes.push(name.charCodeAt(i) & 0xff);
      const len = Math.max(8 + nameBytes.length + mac.length, c.linkMinLen);
      if (len > 255) bad(`addrs.${role}: sockaddr_dl longer than 255 bytes`);
      const out = new Array<number>(len).fill(0);
      out[0] = len;
      out[1] = c.AF_LINK;
      out[2] = index & 0xff;
      out[3] = (index >> 8) & 0xff;
      out[4] = type;
      out[5] = nameBytes.length;
      out[6] = mac.length;
      for (let i = 0; i < nameBytes.length; i++) out[8 + i] = nameBytes[i]!;
      for (let i = 0; i < mac.length; i++) out[8 + nameBytes.length + i] = mac[i]!;
      return out;
    }
    case 'unspec': {
      if (a.address === '') return [];
      const b = bytesFromHex(a.address) ?? bad(`addrs.${role}: bad hex ${JSON.stringify(a.address)}`);
      return [2 + b.length, 0, ...b];
    }
    default: {
      if (typeof a.family !== 'number') bad(`addrs.${role}: unknown family ${JSON.stringify((a as { family: unknown }).family)}`);
      const b = bytesFromHex(a.address) ?? bad(`addrs.${role}: bad hex ${JSON.stringify(a.address)}`);
      if (2 + b.length > 255) bad(`addrs.${role}: sockaddr longer than 255 bytes`);
      return [2 + b.length, a.family & 0xff, ...b];
    }
  }
}

const RT_SPECIAL_LEN = 128; // RTDNS_LEN, RTSTATIC_LEN, RTSEARCH_LEN
const RTLABEL_LEN = 32;

function afNumber(f: 'inet' | 'inet6' | number, L: Layout): number {
  return f === 'inet' ? L.c.AF_INET : f === 'inet6' ? L.c.AF_INET6 : f & 0xff;
}

/** OpenBSD sockaddr_rtlabel / rtdns / rtsearch / rtstatic bytes (sr_len long). */
function encodeOpenbsdSpecial(a: OpenBsdSpecialAddress, role: string, L: Layout): number[] {
  if (L.os !== 'openbsd') bad(`addrs.${role}: family ${a.family} exists only on openbsd`);
  const ascii = (text: string, max: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0 || ch > 0xff) bad(`addrs.${role}: character ${ch} in ${JSON.stringify(text)}`);
      out.push(ch);
    }
    if (out.length > max) bad(`addrs.${role}: ${out.length} bytes exceed the ${max} the sockaddr holds`);
    return out;
  };
  switch (a.family) {
    case 'label': {
      // sockaddr_rtlabel: always the full 34 bytes, AF_UNSPEC, NUL-terminated label.
      const b = ascii(a.address, RTLABEL_LEN - 1);
      const out = new Array<number>(2 + RTLABEL_LEN).fill(0);
      out[0] = 2 + RTLABEL_LEN;
      for (let i = 0; i < b.length; i++) out[2 + i] = b[i]!;
      return out;
    }
    case 'dns': {
      const servers = a.servers ?? a.address.split(/\s+/).filter((x) => x !== '');
      const fam = a.addressFamily ?? (servers.some((x) => x.includes(':')) ? 'inet6' : 'inet');
      const bytes: number[] = [];
      for (const sv of servers) {
        const ip = fam === 'inet' ? parseInet4(sv) : fam === 'inet6' ? parseInet6(sv) : null;
        if (!ip) bad(`addrs.${role}: bad ${String(fam)} name server ${JSON.stringify(sv)}`);
        bytes.push(...ip);
      }
      if (bytes.length > RT_SPECIAL_LEN) bad(`addrs.${role}: ${servers.length} servers exceed the ${RT_SPECIAL_LEN}-byte sr_dns`);
      return [2 + bytes.length, afNumber(fam, L), ...bytes];
    }
    case 'search': {
      const b = ascii(a.address, RT_SPECIAL_LEN - 1);
      return [2 + b.length + 1, afNumber(a.addressFamily ?? 'inet', L), ...b, 0];
    }
    case 'static': {
      const b = bytesFromHex(a.address) ?? bad(`addrs.${role}: bad hex ${JSON.stringify(a.address)}`);
      if (b.length > RT_SPECIAL_LEN) bad(`addrs.${role}: ${b.length} bytes exceed the ${RT_SPECIAL_LEN}-byte sr_static`);
      return [2 + b.length, afNumber(a.addressFamily ?? 'inet', L), ...b];
    }
  }
}

interface Vector {
  parts: number[][];
  /** The RTA_* bitmask of the roles present. */
  mask: number;
  /** Their size on the wire, each padded to the OS unit (an empty one takes one unit). */
  bytes: number;
}

/**
 * The sockaddrs of `addrs` in RTAX order, as their sa_len bytes. With `emptyMaskFamily`,
 * an empty (unspec) netmask or genmask is written as the zero mask of that family.
 */
function encodeVector(
  addrs: Record<string, Address | MaskAddress | OpenBsdSpecialAddress | undefined>,
  L: Layout,
  os: BsdOsName,
  trim: boolean,
  emptyMaskFamily: 'inet' | 'inet6' | null,
): Vector {
  const roles = L.c.roles;
  for (const k of Object.keys(addrs)) {
    if (addrs[k] !== undefined && roles.indexOf(k) < 0) bad(`address role ${JSON.stringify(k)} does not exist on ${os}`);
  }
  const A = L.align;
  const v: Vector = { parts: [], mask: 0, bytes: 0 };
  for (let i = 0; i < roles.length; i++) {
    const role = roles[i]!;
    let a = addrs[role];
    if (a === undefined) continue;
    const isMask = role === 'netmask' || role === 'genmask' || role === 'srcmask';
    if (isMask && role !== 'srcmask' && emptyMaskFamily && a.family === 'unspec' && a.address === '') {
      a = { family: emptyMaskFamily, address: emptyMaskFamily === 'inet' ? '0.0.0.0' : '::', prefixLength: 0 };
    }
    const bytes = encodeSockaddr(a as Address | MaskAddress, role, isMask, trim, L);
    v.mask |= 1 << i;
    v.parts.push(bytes);
    v.bytes += bytes.length === 0 ? A : 1 + ((bytes.length - 1) | (A - 1));
  }
  return v;
}

function writeVector(buf: Buffer, start: number, v: Vector, A: number): void {
  let off = start;
  for (const p of v.parts) {
    for (let i = 0; i < p.length; i++) buf[off + i] = p[i]!;
    off += p.length === 0 ? A : 1 + ((p.length - 1) | (A - 1));
  }
}

/** Builds a route message (rt_msghdr for `os`/`abi` + sockaddrs) ready to write to a routing socket. */
export function encodeRouteMessage(req: BsdRouteRequest, os: BsdOsName, abi: Abi = 64): Buffer {
  if (req === null || typeof req !== 'object') bad('the request must be an object');
  if (typeof req.seq !== 'number' || !Number.isInteger(req.seq)) bad(`seq must be an integer, got ${JSON.stringify(req.seq)}`);
  if (typeof req.flags !== 'number' || !Number.isInteger(req.flags)) bad(`flags must be an integer, got ${JSON.stringify(req.flags)}`);
  if (req.addrs === null || typeof req.addrs !== 'object') bad('addrs must be an object');
  const L = getLayout(os, abi);
  const h = L.rt;
  const rtm = L.c.RTM[String(req.type).toUpperCase()];
  const spec = rtm === undefined ? undefined : L.types[rtm];
  if (rtm === undefined || !spec || spec.kind !== K_ROUTE || spec.hdr !== h) {
    bad(`message type ${JSON.stringify(req.type)} is not a route request on ${os}`);
  }
  // The decoder gives an empty mask dst's family, else ifa's; an empty mask is written
  // as the zero mask of that same family, so decode and encode agree (a fixed point).
  const dstFam = req.addrs.dst?.family;
  const ifaFam = req.addrs.ifa?.family;
  const maskFamily = dstFam === 'inet' || dstFam === 'inet6' ? dstFam : ifaFam === 'inet' || ifaFam === 'inet6' ? ifaFam : null;
  const v = encodeVector(req.addrs, L, os, req.trimNetmask === true, maskFamily);
  const A = L.align;
  const total = h.size + v.bytes;
  if (total > 0xffff) bad('message longer than 65535 bytes');
  const buf = Buffer.alloc(total);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  dv.setUint16(0, total, true);
  buf[2] = req.version ?? L.c.RTM_VERSION;
  buf[3] = rtm;
  if (h.hdrlen >= 0) dv.setUint16(h.hdrlen, h.size, true);
  dv.setUint16(h.index, req.index ?? 0, true);
  dv.setUint32(h.flags, req.flags >>> 0, true);
  dv.setUint32(h.addrs, v.mask >>> 0, true);
  if (h.pid >= 0) dv.setInt32(h.pid, req.pid ?? 0, true);
  if (h.seq >= 0) dv.setInt32(h.seq, req.seq | 0, true);
  if (h.fmask >= 0 && req.fmask) dv.setUint32(h.fmask, req.fmask >>> 0, true);
  if (h.tableid >= 0 && req.tableid) dv.setUint16(h.tableid, req.tableid, true);
  if (h.priority >= 0 && req.priority) buf[h.priority] = req.priority & 0xff;
  if (h.mpls >= 0 && req.mpls) buf[h.mpls] = req.mpls & 0xff;
  if (req.inits) writeUint(dv, h.inits, h.initsSize, req.inits);
  for (const fl of h.metrics) {
    const v = fl.name === 'locks' ? (req.locks ?? req.metrics?.locks) : req.metrics?.[fl.name];
    if (v !== undefined && v !== 0) writeUint(dv, h.rmx + fl.off, fl.size, v);
  }
  writeVector(buf, h.size, v, A);
  return buf;
}

// ---------------------------------------------------------------------------
// encodeMessage: any decoded BSD message back to its wire bytes

/** The BSD message kinds encodeMessage writes (what decodeBsd returns, minus 'unknown'). */
export type BsdEncodable = RouteMessage | InterfaceMessage | AddressMessage | MulticastMessage | AnnounceMessage;

export interface BsdEncodeOptions {
  /** FreeBSD NET_RT_IFLISTL shapes for ifinfo/newaddr (if_msghdrl / ifa_msghdrl). */
  iflistl?: boolean;
  /** NetBSD: address messages with the pre-8 header under RTM_ONEWADDR/ODELADDR/OCHGADDR. */
  netbsdPre8?: boolean;
}

const IFNAMSIZ = 16;

function typeNumber(L: Layout, kind: number, type: string, pre8: boolean): { num: number; spec: MsgSpec } {
  let found: { num: number; spec: MsgSpec } | undefined;
  for (let t = 0; t < L.types.length; t++) {
    const s = L.types[t];
    if (!s || s.kind !== kind || s.type !== type) continue;
    // NetBSD has two numbers for newaddr/deladdr/chgaddr: the pre-8 ones carry the old header.
    const old = L.headers.ifaOld !== undefined && s.hdr === L.headers.ifaOld;
    if (old === pre8) return { num: t, spec: s };
    found ??= { num: t, spec: s };
  }
  if (found && !pre8) return found;
  return bad(`message type ${JSON.stringify(type)}${pre8 ? ' (pre-8 header)' : ''} does not exist on ${L.os}`);
}

function num(v: number | undefined): number {
  return v === undefined ? 0 : v;
}

function writeFields(dv: DataView, base: number, fields: readonly Field[], values: Readonly<Record<string, number | undefined>>): void {
  for (const fl of fields) {
    const v = values[fl.name];
    if (v !== undefined && v !== 0) writeUint(dv, base + fl.off, fl.size, v);
  }
}

/**
 * Builds the wire bytes of a decoded message (any kind decodeBsd returns except 'unknown') for
 * `os`/`abi`: the OS's header with every field the layout has, then the sockaddrs of `addrs`
 * (full-size, each padded to the OS unit; masks as full sockaddrs). decodeBsd(encodeMessage(m))
 * gives back m's fields. Header fields the message does not carry are written as 0.
 */
export function encodeMessage(m: BsdEncodable, os: BsdOsName, abi: Abi = 64, options?: BsdEncodeOptions): Buffer {
  if (m === null || typeof m !== 'object') bad('the message must be an object');
  const L = getLayout(os, abi, options?.iflistl === true);
  const kind = KIND_NUMBER[m.kind] ?? bad(`kind ${JSON.stringify((m as { kind: unknown }).kind)} cannot be encoded`);
  const { num: rtm, spec } = typeNumber(L, kind, m.type, options?.netbsdPre8 === true);
  const A = L.align;
  const v = spec.kind === K_ANNOUNCE ? { parts: [], mask: 0, bytes: 0 } : encodeVector((m as RouteMessage).addrs ?? {}, L, os, false, null);
  const total = spec.size + v.bytes;
  if (total > 0xffff) bad('message longer than 65535 bytes');
  const buf = Buffer.alloc(total);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  dv.setUint16(0, total, true);
  buf[2] = m.version ?? L.c.RTM_VERSION;
  buf[3] = rtm;
  if (spec.hdrlen >= 0) dv.setUint16(spec.hdrlen, spec.size, true);
  switch (spec.kind) {
    case K_ROUTE: {
      const h = spec.hdr;
      const r = m as RouteMessage;
      dv.setUint16(h.index, num(r.index), true);
      dv.setUint32(h.flags, num(r.rawFlags) >>> 0, true);
      dv.setUint32(h.addrs, v.mask >>> 0, true);
      if (h.pid >= 0) dv.setInt32(h.pid, num(r.pid) | 0, true);
      if (h.seq >= 0) dv.setInt32(h.seq, num(r.seq) | 0, true);
      if (h.errno >= 0) dv.setInt32(h.errno, num(r.errno) | 0, true);
      if (h.refcnt >= 0) dv.setInt32(h.refcnt, num(r.refcnt) | 0, true);
      if (h.parentflags >= 0) dv.setUint32(h.parentflags, num(r.parentflags) >>> 0, true);
      if (h.use >= 0) dv.setInt32(h.use, num(r.use) | 0, true);
      if (h.fmask >= 0) dv.setUint32(h.fmask, num(r.fmask) >>> 0, true);
      if (h.tableid >= 0) dv.setUint16(h.tableid, num(r.tableid), true);
      if (h.priority >= 0) buf[h.priority] = num(r.priority) & 0xff;
      if (h.mpls >= 0) buf[h.mpls] = num(r.mpls) & 0xff;
      writeUint(dv, h.inits, h.initsSize, num(r.inits));
      writeFields(dv, h.rmx, h.metrics, (r.metrics ?? {}) as Record<string, number | undefined>);
      break;
    }
    case K_INTERFACE: {
      const h = spec.hdr;
      const f = m as InterfaceMessage;
      dv.setUint16(h.index, num(f.index), true);
      dv.setUint32(h.flags, num(f.rawFlags) >>> 0, true);
      dv.setUint32(h.addrs, v.mask >>> 0, true);
      if (h.tableid >= 0) dv.setUint16(h.tableid, num(f.tableid), true);
      if (h.xflags >= 0) dv.setInt32(h.xflags, num(f.xflags) | 0, true);
      if (h.dataOff >= 0) dv.setUint16(h.dataOff, h.data, true);
      const data = (f.data ?? {}) as Record<string, number | undefined>;
      writeFields(dv, h.data, h.dataFields, data);
      writeFields(dv, 0, h.extraFields, data);
      break;
    }
    case K_ADDRESS: {
      const h = spec.hdr;
      const a = m as AddressMessage;
      dv.setUint16(h.index, num(a.index), true);
      dv.setUint32(h.flags, num(a.rawFlags) >>> 0, true);
      dv.setUint32(h.addrs, v.mask >>> 0, true);
      if (h.metric >= 0) dv.setInt32(h.metric, num(a.metric) | 0, true);
      if (h.pid >= 0) dv.setInt32(h.pid, num(a.pid) | 0, true);
      if (h.addrflags >= 0) dv.setUint32(h.addrflags, num(a.addrflags) >>> 0, true);
      if (h.tableid >= 0) dv.setUint16(h.tableid, num(a.tableid), true);
      if (h.dataOff >= 0) dv.setUint16(h.dataOff, IFA_MSGHDRL_DATA, true);
      break;
    }
    case K_MULTICAST: {
      const h = spec.hdr;
      const a = m as MulticastMessage;
      dv.setUint16(h.index, num(a.index), true);
      dv.setUint32(h.flags, num(a.rawFlags) >>> 0, true);
      dv.setUint32(h.addrs, v.mask >>> 0, true);
      if (h.refcount >= 0) dv.setInt32(h.refcount, num(a.refcount) | 0, true);
      break;
    }
    case K_ANNOUNCE: {
      const h = spec.hdr;
      const a = m as AnnounceMessage;
      dv.setUint16(h.index, num(a.index), true);
      const name = a.name ?? '';
      if (name.length >= IFNAMSIZ) bad(`name ${JSON.stringify(name)} is longer than ${IFNAMSIZ - 1} bytes`);
      for (let i = 0; i < name.length; i++) buf[h.name + i] = name.charCodeAt(i) & 0xff;
      const what = a.what === 'arrival' ? 0 : a.what === 'departure' ? 1 : a.what;
      dv.setUint16(h.what, num(what), true);
      break;
    }
  }
  writeVector(buf, spec.size, v, A);
  return buf;
}

/** offsetof(struct ifa_msghdrl, ifam_data) on FreeBSD. */
const IFA_MSGHDRL_DATA = 24;

const KIND_NUMBER: Record<string, number> = {
  route: K_ROUTE,
  interface: K_INTERFACE,
  address: K_ADDRESS,
  multicast: K_MULTICAST,
  announce: K_ANNOUNCE,
};
