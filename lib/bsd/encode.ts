/**
 * Encoder for route requests (rt_msghdr + sockaddrs), laid out the way route(8) and the
 * NetBSD request captures do: full-size sockaddrs each padded to the OS's unit, masks
 * full-size unless `trimNetmask` (then IPv4 masks are cut after their last non-zero byte,
 * family kept, as route(8) sends them), the empty AF_LINK sockaddr for RTM_GET's RTA_IFP.
 */
import type { Abi, Address, BsdOsName, MaskAddress, RouteMessageType, RouteMetrics } from '../model';
import { bytesFromHex, parseInet4, parseInet6, parseMac, writeUint } from './bytes';
import { K_ROUTE, getLayout, type Layout } from './layouts';

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
    [role: string]: Address | MaskAddress | undefined;
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
export function encodeSockaddr(a: Address | MaskAddress, role: string, isMask: boolean, trim: boolean, L: Layout): number[] {
  const c = L.c;
  switch (a.family) {
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

/** Builds a route message (rt_msghdr for `os`/`abi` + sockaddrs) ready to write to a routing socket. */
export function encodeRouteMessage(req: BsdRouteRequest, os: BsdOsName, abi: Abi = 64): Buffer {
  const L = getLayout(os, abi);
  const h = L.rt;
  const rtm = L.c.RTM[String(req.type).toUpperCase()];
  const spec = rtm === undefined ? undefined : L.types[rtm];
  if (rtm === undefined || !spec || spec.kind !== K_ROUTE || spec.hdr !== h) {
    bad(`message type ${JSON.stringify(req.type)} is not a route request on ${os}`);
  }
  const roles = L.c.roles;
  for (const k of Object.keys(req.addrs)) {
    if (req.addrs[k] !== undefined && roles.indexOf(k) < 0) bad(`address role ${JSON.stringify(k)} does not exist on ${os}`);
  }
  const A = L.align;
  const parts: number[][] = [];
  let addrsMask = 0;
  let total = h.size;
  for (let i = 0; i < roles.length; i++) {
    const role = roles[i]!;
    const a = req.addrs[role];
    if (a === undefined) continue;
    const isMask = role === 'netmask' || role === 'genmask' || role === 'srcmask';
    const bytes = encodeSockaddr(a, role, isMask, req.trimNetmask === true, L);
    addrsMask |= 1 << i;
    parts.push(bytes);
    total += bytes.length === 0 ? A : 1 + ((bytes.length - 1) | (A - 1));
  }
  if (total > 0xffff) bad('message longer than 65535 bytes');
  const buf = Buffer.alloc(total);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  dv.setUint16(0, total, true);
  buf[2] = req.version ?? L.c.RTM_VERSION;
  buf[3] = rtm;
  if (h.hdrlen >= 0) dv.setUint16(h.hdrlen, h.size, true);
  dv.setUint16(h.index, req.index ?? 0, true);
  dv.setUint32(h.flags, req.flags >>> 0, true);
  dv.setUint32(h.addrs, addrsMask >>> 0, true);
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
  let off = h.size;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) buf[off + i] = p[i]!;
    off += p.length === 0 ? A : 1 + ((p.length - 1) | (A - 1));
  }
  return buf;
}
