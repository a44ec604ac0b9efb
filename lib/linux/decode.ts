/**
 * rtnetlink decoder: nlmsghdr walk → pfroute's one model (lib/model.ts).
 *
 * Rules: one DataView per buffer; every read is bounds-checked first; a malformed input
 * throws DecodeError (offset + field) and nothing else; the walk always advances.
 * Netlink is host byte order: multi-byte fields are read in this host's endianness.
 */
import * as addr from '../addr.js';
import { DecodeError } from '../errors.js';
import { LazyRouteMessage, type LazySource, type RouteBuilder } from '../lazy.js';
import type {
  Address,
  AddressMessage,
  AddressSet,
  InterfaceData,
  InterfaceMessage,
  LinkAddress,
  LinuxRouteInfo,
  MaskAddress,
  Message,
  NetlinkControlMessage,
  RouteMessage,
  RouteMessageType,
  Route,
  RouteMetrics,
  UnknownMessage,
} from '../model.js';
import * as K from './constants.js';

// Module-local bindings of everything the hot paths use: an imported binding may be a
// getter (CommonJS interop, tsx/esbuild), and the decoder reads these per attribute.
const NL = K.NL;
const BSD_RTF = K.BSD_RTF;
const IFA_FLAG_NAMES = K.IFA_FLAG_NAMES;
const IFA_NAMES = K.IFA_NAMES;
const IFF_FLAG_NAMES = K.IFF_FLAG_NAMES;
const IFLA_NAMES = K.IFLA_NAMES;
const RTA_NAMES = K.RTA_NAMES;
const RTAX_METRIC_KEYS = K.RTAX_METRIC_KEYS;
const RTAX_NAMES = K.RTAX_NAMES;
const RTN_NAMES = K.RTN_NAMES;
const formatHex = addr.formatHex;
const formatIPv4 = addr.formatIPv4;
const formatIPv6 = addr.formatIPv6;
const formatMac = addr.formatMac;
const prefixToMaskText = addr.prefixToMaskText;

/** True on little-endian hosts; netlink fields are in host order. */
export const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LE = HOST_LE;

/** Decodes every message of one datagram (or a concatenation); throws DecodeError with messagesBefore. */
export interface NetlinkDecodeOptions {
  /** Route messages become LazyRouteMessage views (see lib/lazy.ts); other kinds stay eager. */
  lazy?: boolean;
}

export function decodeNetlink(buf: Uint8Array, options?: NetlinkDecodeOptions): Message[] {
  const { messages, error } = decodeNetlinkPartial(buf, options);
  if (error) throw error;
  return messages;
}

/** Decodes up to the first malformed message; `error` is that fault (or null). */
export function decodeNetlinkPartial(buf: Uint8Array, options?: NetlinkDecodeOptions): { messages: Message[]; error: DecodeError | null } {
  const messages: Message[] = [];
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const lazy: LazySource | null = options?.lazy === true ? { u8: buf, dv, build: buildLazyRoute, ctx: undefined } : null;
  const end = buf.byteLength;
  let off = 0;
  try {
    while (off < end) {
      const len = nlmsgLen(dv, off, end);
      messages.push(decodeMessage(buf, dv, off, len, lazy));
      off += (len + 3) & ~3;
    }
  } catch (e) {
    if (e instanceof DecodeError) {
      e.messagesBefore = messages.length;
      return { messages, error: e };
    }
    throw e;
  }
  return { messages, error: null };
}

/** nlmsg_len of the message at `off`, checked against the header size and the bytes left. */
function nlmsgLen(dv: DataView, off: number, end: number): number {
  const left = end - off;
  if (left < 16) throw new DecodeError(off, 'nlmsghdr', `truncated header: ${left} bytes left, need 16`);
  const len = dv.getUint32(off, LE);
  if (len < 16) throw new DecodeError(off, 'nlmsg_len', `${len} is below the 16-byte header`);
  if (len > left) throw new DecodeError(off, 'nlmsg_len', `${len} runs past the buffer (${left} bytes left)`);
  return len;
}

function decodeMessage(buf: Uint8Array, dv: DataView, off: number, len: number, lazy: LazySource | null): Message {
  const type = dv.getUint16(off + 4, LE);
  switch (type) {
    case NL.RTM_NEWROUTE:
    case NL.RTM_DELROUTE:
      return lazy !== null ? lazyRoute(lazy, off, len, type) : decodeRoute(buf, dv, off, len, type);
    case NL.RTM_GETROUTE:
      // A GETROUTE request; old-style dump requests carry only an rtgenmsg.
      if (len - 16 < NL.RTMSG_SIZE) return unknown(buf, off, len, type);
      return lazy !== null ? lazyRoute(lazy, off, len, type) : decodeRoute(buf, dv, off, len, type);
    case NL.RTM_NEWLINK:
    case NL.RTM_DELLINK:
      return decodeLink(buf, dv, off, len, type);
    case NL.RTM_NEWADDR:
    case NL.RTM_DELADDR:
      return decodeAddr(buf, dv, off, len, type);
    case NL.NLMSG_ERROR:
      return decodeError(buf, dv, off, len);
    case NL.NLMSG_DONE:
    case NL.NLMSG_NOOP:
    case NL.NLMSG_OVERRUN:
      return decodeControl(dv, off, len, type);
    default:
      return unknown(buf, off, len, type);
  }
}

function unknown(buf: Uint8Array, off: number, len: number, type: number): UnknownMessage {
  return { kind: 'unknown', type: 'unknown', version: 0, typeNumber: type, length: len, raw: formatHex(buf, off, len) };
}

// ---------------------------------------------------------------------------
// attribute helpers (no closures: plain functions over (dv, offsets))

/** Validates the rtattr at `a` inside [.., end) and returns its rta_len. */
function attrLen(dv: DataView, a: number, end: number, names: readonly string[] | Readonly<Record<number, string>>, prefix: string): number {
  if (end - a < 4) throw new DecodeError(a, `${prefix}.rta_len`, `truncated attribute header: ${end - a} bytes left, need 4`);
  const alen = dv.getUint16(a, LE);
  if (alen < 4 || alen > end - a) {
    const t = dv.getUint16(a + 2, LE) & 0x3fff;
    const name = (names as Record<number, string>)[t] ?? `type ${t}`;
    throw new DecodeError(
      a,
      `${prefix}[${name}].rta_len`,
      alen < 4 ? `${alen} is below the 4-byte header` : `${alen} runs past the message (${end - a} bytes left)`,
    );
  }
  return alen;
}

function attrName(names: readonly string[] | Readonly<Record<number, string>>, t: number): string {
  return (names as Record<number, string>)[t] ?? `type ${t}`;
}

function wrongSize(a: number, prefix: string, name: string, got: number, want: string): DecodeError {
  return new DecodeError(a, `${prefix}[${name}]`, `payload is ${got} bytes, expected ${want}`);
}

function u32Attr(dv: DataView, a: number, alen: number, prefix: string, names: readonly string[] | Readonly<Record<number, string>>, t: number): number {
  if (alen !== 8) throw wrongSize(a, prefix, attrName(names, t), alen - 4, '4');
  return dv.getUint32(a + 4, LE);
}

/** NUL-terminated (or not) ASCII/UTF-8 string payload. */
function strAttr(buf: Uint8Array, start: number, end: number): string {
  let e = start;
  while (e < end && buf[e] !== 0) e++;
  let s = '';
  let ascii = true;
  for (let i = start; i < e; i++) {
    const c = buf[i]!;
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    s += String.fromCharCode(c);
  }
  return ascii ? s : Buffer.from(buf.buffer, buf.byteOffset + start, e - start).toString('utf8');
}

/** Address length (bytes) for an rtnetlink family, or 0 when pfroute does not interpret it. */
function familyAddrLen(family: number): number {
  if (family === NL.AF_INET || family === NL.RTNL_FAMILY_IPMR) return 4;
  if (family === NL.AF_INET6 || family === NL.RTNL_FAMILY_IP6MR) return 16;
  return 0;
}

function familyName(family: number): 'inet' | 'inet6' | number {
  return family === NL.AF_INET ? 'inet' : family === NL.AF_INET6 ? 'inet6' : family;
}

function isLinkLocal6(buf: Uint8Array, p: number): boolean {
  return buf[p] === 0xfe && (buf[p + 1]! & 0xc0) === 0x80;
}

/** Address object for `alen` bytes at `p` in a family of address length `flen` (4, 16 or 0 = raw). */
function makeAddress(buf: Uint8Array, p: number, alen: number, family: number, flen: number, zone: number): Address {
  if (flen === 4) return { family: 'inet', address: formatIPv4(buf, p) };
  if (flen === 16) {
    const a: Address = { family: 'inet6', address: formatIPv6(buf, p) };
    if (zone > 0 && isLinkLocal6(buf, p)) a.zone = zone;
    return a;
  }
  return { family, address: formatHex(buf, p, alen) };
}

function addrText(buf: Uint8Array, p: number, flen: number, alen: number): string {
  return flen === 4 ? formatIPv4(buf, p) : flen === 16 ? formatIPv6(buf, p) : formatHex(buf, p, alen);
}

// Gateways and preferred sources repeat across a table (a few next hops for many routes):
// their IPv4 texts are interned so 100,000 routes share a handful of strings.
const GW4_TEXT = new Map<number, string>();

let lastGwKey = -1;
let lastGw = '';

function gatewayText(buf: Uint8Array, p: number, flen: number, alen: number): string {
  if (flen !== 4) return addrText(buf, p, flen, alen);
  const key = ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!) >>> 0;
  if (key === lastGwKey) return lastGw;
  let s = GW4_TEXT.get(key);
  if (s === undefined) {
    if (GW4_TEXT.size >= 4096) GW4_TEXT.clear();
    s = formatIPv4(buf, p);
    GW4_TEXT.set(key, s);
  }
  lastGwKey = key;
  lastGw = s;
  return s;
}

function linkAddress(index: number): LinkAddress {
  return { family: 'link', address: 'link#' + index, index, type: 0, name: '', mac: null };
}

// Mask texts by prefix length, built once (len is validated against the family first).
const MASK4_TEXT: string[] = [];
const MASK6_TEXT: string[] = [];
for (let i = 0; i <= 32; i++) MASK4_TEXT.push(prefixToMaskText('inet', i));
for (let i = 0; i <= 128; i++) MASK6_TEXT.push(prefixToMaskText('inet6', i));

function maskAddress(family: number, flen: number, len: number): MaskAddress {
  if (flen === 4) return { family: 'inet', address: MASK4_TEXT[len]!, prefixLength: len };
  if (flen === 16) return { family: 'inet6', address: MASK6_TEXT[len]!, prefixLength: len };
  return { family, address: '', prefixLength: len };
}

// ---------------------------------------------------------------------------
// routes

const RTA = 'rtattr';

/** '/0' … '/128'. */
const PREFIX_SUFFIX: string[] = [];
for (let i = 0; i <= 128; i++) PREFIX_SUFFIX.push('/' + i);

/** LinuxRouteInfo plus `iif` (RTA_IIF), which lib/model.ts does not list yet. */
export type LinuxRouteInfoExt = LinuxRouteInfo & { iif?: number };

// What routeBody makes after checking a route message.
const VALIDATE = 0;
const MESSAGE = 1;
const LISTED = 2;
type RouteBodyMode = typeof VALIDATE | typeof MESSAGE | typeof LISTED;

function decodeRoute(buf: Uint8Array, dv: DataView, off: number, len: number, nlType: number): RouteMessage {
  return routeBody(buf, dv, off, len, nlType, MESSAGE, null) as RouteMessage;
}

/** Builds a lazy route message's full object (validated when the lazy message was made). */
const buildLazyRoute: RouteBuilder = (buf, dv, off) =>
  routeBody(buf, dv, off, dv.getUint32(off, LE), dv.getUint16(off + 4, LE), MESSAGE, null) as RouteMessage;

/** Validates a route message completely (same DecodeErrors as decoding) and returns its lazy form. */
function lazyRoute(src: LazySource, off: number, len: number, nlType: number): RouteMessage {
  const dv = src.dv;
  routeBody(src.u8, dv, off, len, nlType, VALIDATE, null);
  return new LazyRouteMessage(routeType(nlType, dv.getUint16(off + 6, LE)), src, off);
}

/** Which routes of a dump listNetlinkRoutes keeps, and how it names interfaces. */
export interface ListFilter {
  /** A table number, or 'all'. */
  table: number | 'all';
  family: 'inet' | 'inet6' | 'unspec';
  /** Interface name of an index (> 0), or null. */
  nameOf: (index: number) => string | null;
}

/**
 * The routes of one dump datagram (or several), straight from the bytes into the Route shape
 * listRoutes returns: no message objects in between (the same values as toRoute(decode(…)),
 * which a test holds it to). Cloned (cache) entries and other tables/families are skipped.
 * Every message is checked as decode checks it; a fault throws the same DecodeError.
 * Returns the NLMSG_DONE / NLMSG_ERROR control messages met, which end a dump.
 */
export function listNetlinkRoutes(buf: Uint8Array, filter: ListFilter, out: Route[]): NetlinkControlMessage[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const end = buf.byteLength;
  const control: NetlinkControlMessage[] = [];
  let off = 0;
  while (off < end) {
    const len = nlmsgLen(dv, off, end);
    const type = dv.getUint16(off + 4, LE);
    if (type === NL.RTM_NEWROUTE) {
      const r = routeBody(buf, dv, off, len, type, LISTED, filter) as Route | null;
      if (r !== null) out.push(r);
    } else {
      const m = decodeMessage(buf, dv, off, len, null);
      if (m.kind === 'control') control.push(m);
    }
    off += (len + 3) & ~3;
  }
  return control;
}

function routeType(nlType: number, nlFlags: number): RouteMessageType {
  if (nlType === NL.RTM_DELROUTE) return 'delete';
  if (nlType === NL.RTM_GETROUTE || (nlFlags & NL.NLM_F_MULTI) !== 0) return 'get';
  if ((nlFlags & NL.NLM_F_REPLACE) !== 0) return 'change';
  return 'add';
}

/**
 * Checks every field of a route message, then makes what `mode` asks for: nothing (null), the
 * RouteMessage, or (LISTED) the Route listRoutes returns, null when `filter` leaves it out.
 */
function routeBody(
  buf: Uint8Array,
  dv: DataView,
  off: number,
  len: number,
  nlType: number,
  mode: RouteBodyMode,
  filter: ListFilter | null,
): RouteMessage | Route | null {
  const nlFlags = dv.getUint16(off + 6, LE);
  const seq = dv.getUint32(off + 8, LE);
  const pid = dv.getUint32(off + 12, LE);
  const h = off + 16;
  const end = off + len;
  if (len - 16 < NL.RTMSG_SIZE) {
    throw new DecodeError(h, 'rtmsg', `payload is ${len - 16} bytes, need ${NL.RTMSG_SIZE}`);
  }
  const family = buf[h]!;
  const dstLen = buf[h + 1]!;
  const srcLen = buf[h + 2]!;
  const rtmTable = buf[h + 4]!;
  const protocol = buf[h + 5]!;
  const scope = buf[h + 6]!;
  const rtype = buf[h + 7]!;
  const rtmFlags = dv.getUint32(h + 8, LE);
  const flen = familyAddrLen(family);
  if (flen !== 0 && dstLen > flen * 8) throw new DecodeError(h + 1, 'rtm_dst_len', `${dstLen} exceeds ${flen * 8}`);
  if (flen !== 0 && srcLen > flen * 8) throw new DecodeError(h + 2, 'rtm_src_len', `${srcLen} exceeds ${flen * 8}`);

  let dstAt = -1;
  let dstAlen = 0;
  let srcAt = -1;
  let srcAlen = 0;
  let gwAt = -1;
  let gwAlen = 0;
  let viaAt = -1;
  let viaAlen = 0;
  let prefAt = -1;
  let oif = -1;
  let iif = -1;
  let priority = -1;
  let table = -1;
  let pref = -1;
  let expires = -1;
  let metrics: RouteMetrics | undefined;
  let nexthops: LinuxRouteInfo['nexthops'];
  let mpGateway = false;

  let a = h + NL.RTMSG_SIZE;
  while (a < end) {
    const alen = attrLen(dv, a, end, RTA_NAMES, RTA);
    const t = dv.getUint16(a + 2, LE) & 0x3fff;
    const plen = alen - 4;
    switch (t) {
      case NL.RTA_DST:
        if (flen !== 0 && plen !== flen) throw wrongSize(a, RTA, 'RTA_DST', plen, String(flen));
        dstAt = a + 4;
        dstAlen = plen;
        break;
      case NL.RTA_SRC:
        if (flen !== 0 && plen !== flen) throw wrongSize(a, RTA, 'RTA_SRC', plen, String(flen));
        srcAt = a + 4;
        srcAlen = plen;
        break;
      case NL.RTA_GATEWAY:
        if (flen !== 0 && plen !== flen) throw wrongSize(a, RTA, 'RTA_GATEWAY', plen, String(flen));
        gwAt = a + 4;
        gwAlen = plen;
        break;
      case NL.RTA_PREFSRC:
        if (flen !== 0 && plen !== flen) throw wrongSize(a, RTA, 'RTA_PREFSRC', plen, String(flen));
        prefAt = a + 4;
        break;
      case NL.RTA_VIA: {
        if (plen < 2) throw wrongSize(a, RTA, 'RTA_VIA', plen, 'at least 2');
        const vf = dv.getUint16(a + 4, LE);
        const vl = familyAddrLen(vf);
        if (vl !== 0 && plen - 2 !== vl) throw wrongSize(a, RTA, 'RTA_VIA', plen, String(2 + vl));
        viaAt = a + 4;
        viaAlen = plen;
        break;
      }
      case NL.RTA_OIF:
        oif = u32Attr(dv, a, alen, RTA, RTA_NAMES, t);
        break;
      case NL.RTA_IIF:
        iif = u32Attr(dv, a, alen, RTA, RTA_NAMES, t);
        break;
      case NL.RTA_PRIORITY:
        priority = u32Attr(dv, a, alen, RTA, RTA_NAMES, t);
        break;
      case NL.RTA_TABLE:
        table = u32Attr(dv, a, alen, RTA, RTA_NAMES, t);
        break;
      case NL.RTA_PREF:
        if (plen !== 1) throw wrongSize(a, RTA, 'RTA_PREF', plen, '1');
        pref = buf[a + 4]!;
        break;
      case NL.RTA_EXPIRES:
        // Requests carry u32 seconds; ipmr dumps carry u64 clock ticks (USER_HZ 100).
        if (plen === 4) expires = dv.getUint32(a + 4, LE);
        else if (plen === 8) expires = Math.floor(u64(dv, a + 4) / 100);
        else throw wrongSize(a, RTA, 'RTA_EXPIRES', plen, '4 or 8');
        break;
      case NL.RTA_CACHEINFO:
        // struct rta_cacheinfo: rta_expires (s32 clock ticks) at offset 8.
        if (plen < 12) throw wrongSize(a, RTA, 'RTA_CACHEINFO', plen, 'at least 12');
        if (expires < 0) {
          const ticks = dv.getInt32(a + 12, LE);
          if (ticks !== 0) expires = Math.trunc(ticks / 100);
        }
        break;
      case NL.RTA_METRICS:
        metrics = decodeMetrics(dv, a + 4, a + alen, metrics);
        break;
      case NL.RTA_MULTIPATH: {
        const r = decodeMultipath(buf, dv, a + 4, a + alen, family, flen);
        nexthops = r;
        for (let i = 0; i < r.length; i++) if (r[i]!.gateway !== undefined) mpGateway = true;
        break;
      }
      default:
        break;
    }
    a += (alen + 3) & ~3;
  }

  if (mode === VALIDATE) return null;
  const hasGateway = gwAt >= 0 || viaAt >= 0 || mpGateway;
  let raw: number = BSD_RTF.UP;
  if (hasGateway) raw |= BSD_RTF.GATEWAY;
  if (flen !== 0 && dstLen === flen * 8) raw |= BSD_RTF.HOST;
  if (rtype === NL.RTN_UNREACHABLE || rtype === NL.RTN_PROHIBIT) raw |= BSD_RTF.REJECT;
  if (protocol === NL.RTPROT_REDIRECT || protocol === NL.RTPROT_RA) raw |= BSD_RTF.DYNAMIC;
  if (protocol === NL.RTPROT_STATIC || protocol === NL.RTPROT_BOOT) raw |= BSD_RTF.STATIC;
  if (rtype === NL.RTN_BLACKHOLE) raw |= BSD_RTF.BLACKHOLE;
  if (rtype === NL.RTN_LOCAL) raw |= BSD_RTF.LOCAL;
  if (rtype === NL.RTN_BROADCAST) raw |= BSD_RTF.BROADCAST;
  if (rtype === NL.RTN_MULTICAST) raw |= BSD_RTF.MULTICAST;
  const flags = routeFlagNames(raw);
  if (mode === LISTED) {
    return listedRoute(buf, dv, filter!, family, flen, dstLen, dstAt, dstAlen, gwAt, gwAlen, viaAt, viaAlen, prefAt, oif, priority,
      table >= 0 ? table : rtmTable, protocol, scope, rtype, rtmFlags, expires, metrics, flags, raw >>> 0);
  }
  // --- build the message (key order is part of the contract)
  const type = routeType(nlType, nlFlags);

  const zone = oif > 0 ? oif : 0;
  const addrs: AddressSet = {};
  // The destination text is made once and shared by addrs.dst and `destination`.
  let dstText = '';
  if (dstAt >= 0) {
    dstText = addrText(buf, dstAt, flen, dstAlen);
    addrs.dst = flen === 4 ? { family: 'inet', address: dstText } : flen === 16 ? { family: 'inet6', address: dstText } : { family, address: dstText };
  } else if (flen === 4) {
    dstText = '0.0.0.0';
    addrs.dst = { family: 'inet', address: dstText };
  } else if (flen === 16) {
    dstText = '::';
    addrs.dst = { family: 'inet6', address: dstText };
  }
  if (gwAt >= 0) {
    addrs.gateway = flen === 4 ? { family: 'inet', address: gatewayText(buf, gwAt, 4, 4) } : makeAddress(buf, gwAt, gwAlen, family, flen, zone);
  } else if (viaAt >= 0) {
    const vf = dv.getUint16(viaAt, LE);
    addrs.gateway = makeAddress(buf, viaAt + 2, viaAlen - 2, vf, familyAddrLen(vf), zone);
  }
  if (flen !== 0) addrs.netmask = maskAddress(family, flen, dstLen);
  if (oif >= 0) addrs.ifp = linkAddress(oif);
  let prefText = '';
  if (prefAt >= 0) {
    prefText = gatewayText(buf, prefAt, flen, flen);
    addrs.ifa = flen === 4 ? { family: 'inet', address: prefText } : flen === 16 ? { family: 'inet6', address: prefText } : { family, address: prefText };
  }

  const msg: RouteMessage = {
    kind: 'route',
    type,
    version: 0,
    index: oif > 0 ? oif : 0,
    flags,
    rawFlags: raw >>> 0,
    pid,
    seq,
    addrs,
  };
  if (flen !== 0) {
    msg.destination = dstLen === 0 ? 'default' : dstText + PREFIX_SUFFIX[dstLen]!;
  }
  if (expires >= 0) {
    if (metrics === undefined) metrics = {};
    metrics.expire = expires;
  }
  if (metrics !== undefined) msg.metrics = metrics;

  const linux = {
    family: familyName(family),
    table: table >= 0 ? table : rtmTable,
    protocol,
    scope,
    routeType: RTN_NAMES[rtype] ?? String(rtype),
  } as LinuxRouteInfoExt;
  if (priority >= 0) linux.priority = priority;
  linux.rtmFlags = rtmFlags;
  if (oif >= 0) linux.oif = oif;
  if (prefAt >= 0) linux.prefsrc = prefText;
  if (srcAt >= 0 || srcLen > 0) {
    const s = srcAt >= 0 ? addrText(buf, srcAt, flen, srcAlen) : flen === 4 ? '0.0.0.0' : flen === 16 ? '::' : '';
    linux.src = s + '/' + srcLen;
  }
  if (iif >= 0) linux.iif = iif;
  if (pref >= 0) linux.pref = pref;
  if (expires >= 0) linux.expires = expires;
  if (nexthops !== undefined) linux.nexthops = nexthops;
  msg.linux = linux;
  return msg;
}

/**
 * The Route of a checked route message, or null when listRoutes leaves it out. Mirrors
 * toRoute (lib/list.ts) over the message decodeRoute would make, value for value and key for key.
 */
function listedRoute(
  buf: Uint8Array,
  dv: DataView,
  filter: ListFilter,
  family: number,
  flen: number,
  dstLen: number,
  dstAt: number,
  dstAlen: number,
  gwAt: number,
  gwAlen: number,
  viaAt: number,
  viaAlen: number,
  prefAt: number,
  oif: number,
  priority: number,
  table: number,
  protocol: number,
  scope: number,
  rtype: number,
  rtmFlags: number,
  expires: number,
  metrics: RouteMetrics | undefined,
  flags: string[],
  rawFlags: number,
): Route | null {
  if (filter.table !== 'all' && table !== filter.table) return null;
  if ((rtmFlags & NL.RTM_F_CLONED) !== 0) return null;
  // The family toRoute reads from addrs.dst, which decodeRoute gives every 4- and 16-byte family.
  const fam: 'inet' | 'inet6' | null = flen === 4 ? 'inet' : flen === 16 ? 'inet6' : family === NL.AF_INET ? 'inet' : family === NL.AF_INET6 ? 'inet6' : null;
  if (fam === null || (filter.family !== 'unspec' && fam !== filter.family)) return null;
  const zone = oif > 0 ? oif : 0;
  let gateway: string | null = null;
  if (gwAt >= 0) {
    if (flen === 4) gateway = gatewayText(buf, gwAt, 4, 4);
    else gateway = gatewayOf(makeAddress(buf, gwAt, gwAlen, family, flen, zone), filter);
  } else if (viaAt >= 0) {
    const vf = dv.getUint16(viaAt, LE);
    gateway = gatewayOf(makeAddress(buf, viaAt + 2, viaAlen - 2, vf, familyAddrLen(vf), zone), filter);
  }
  const index = oif > 0 ? oif : 0;
  let destination: string;
  if (flen === 0) destination = 'default';
  else if (dstLen === 0) destination = 'default';
  else if (flen === 4 && dstAt >= 0) destination = inet4Cidr(buf, dstAt, dstLen);
  else destination = (dstAt >= 0 ? addrText(buf, dstAt, flen, dstAlen) : flen === 4 ? '0.0.0.0' : '::') + PREFIX_SUFFIX[dstLen]!;
  const iface = index > 0 ? nameOfIndex(filter, index) : null;
  const routeType = RTN_NAMES[rtype] ?? String(rtype);
  const mtu = metrics?.mtu;
  if (!(expires > 0) && !mtu) {
    // The common shapes as whole literals: every property in the object itself (adding
    // properties one by one after a 7-key literal puts them in a second, separate array),
    // which is a third less heap per route in a 100,000-route table.
    if (prefAt < 0) {
      return priority < 0
        ? { family: fam, destination, gateway, interface: iface, interfaceIndex: index, flags, rawFlags, table, routeType, protocol, scope }
        : { family: fam, destination, gateway, interface: iface, interfaceIndex: index, flags, rawFlags, metric: priority, table, routeType, protocol, scope };
    }
    const source = gatewayText(buf, prefAt, flen, flen);
    return priority < 0
      ? { family: fam, destination, gateway, interface: iface, interfaceIndex: index, flags, rawFlags, table, source, routeType, protocol, scope }
      : { family: fam, destination, gateway, interface: iface, interfaceIndex: index, flags, rawFlags, metric: priority, table, source, routeType, protocol, scope };
  }
  const r: Route = { family: fam, destination, gateway, interface: iface, interfaceIndex: index, flags, rawFlags };
  if (expires > 0) r.expire = expires;
  if (mtu) r.mtu = mtu;
  if (priority >= 0) r.metric = priority;
  r.table = table;
  if (prefAt >= 0) r.source = gatewayText(buf, prefAt, flen, flen);
  r.routeType = routeType;
  r.protocol = protocol;
  r.scope = scope;
  return r;
}

// IPv4 CIDR text from shared pieces: the first three octets ("198.18.7.", interned like
// gateway texts) and the last octet with its suffix ("9/32"), so a host route's destination is
// one small string joining two shared ones (a dump of 100,000 routes repeats a few hundred /24s).
const INET4_HEAD = new Map<number, string>();
const OCTET_SLASH32: string[] = [];
for (let i = 0; i < 256; i++) OCTET_SLASH32.push(i + '/32');

// A dump lists neighbouring prefixes one after another: the last head is kept apart from the map.
let lastHeadKey = -1;
let lastHead = '';

function inet4Cidr(buf: Uint8Array, p: number, plen: number): string {
  const key = (buf[p]! << 16) | (buf[p + 1]! << 8) | buf[p + 2]!;
  let head: string | undefined;
  if (key === lastHeadKey) head = lastHead;
  else {
    head = INET4_HEAD.get(key);
    if (head === undefined) {
      if (INET4_HEAD.size >= 4096) INET4_HEAD.clear();
      head = buf[p]! + '.' + buf[p + 1]! + '.' + buf[p + 2]! + '.';
      INET4_HEAD.set(key, head);
    }
    lastHeadKey = key;
    lastHead = head;
  }
  return plen === 32 ? head + OCTET_SLASH32[buf[p + 3]!]! : head + buf[p + 3]! + PREFIX_SUFFIX[plen]!;
}

// The last interface named in one listing: most routes of a table leave by the same one.
let lastNameFilter: ListFilter | null = null;
let lastNameIndex = -1;
let lastName: string | null = null;

function nameOfIndex(filter: ListFilter, index: number): string | null {
  if (filter === lastNameFilter && index === lastNameIndex) return lastName;
  const name = filter.nameOf(index);
  lastNameFilter = filter;
  lastNameIndex = index;
  lastName = name;
  return name;
}

/** toRoute's gateway text for a (non-IPv4-fast-path) gateway address. */
function gatewayOf(gw: Address, filter: ListFilter): string | null {
  if (gw.family === 'inet') return gw.address;
  if (gw.family === 'inet6') {
    const zoneName = gw.zone !== undefined ? (filter.nameOf(gw.zone) ?? String(gw.zone)) : null;
    return zoneName ? `${gw.address}%${zoneName}` : gw.address;
  }
  return gw.family !== 'unspec' ? String(gw.address) : null;
}

const RTF_ORDER: ReadonlyArray<readonly [number, string]> = [
  [BSD_RTF.UP, 'UP'],
  [BSD_RTF.GATEWAY, 'GATEWAY'],
  [BSD_RTF.HOST, 'HOST'],
  [BSD_RTF.REJECT, 'REJECT'],
  [BSD_RTF.DYNAMIC, 'DYNAMIC'],
  [BSD_RTF.STATIC, 'STATIC'],
  [BSD_RTF.BLACKHOLE, 'BLACKHOLE'],
  [BSD_RTF.LOCAL, 'LOCAL'],
  [BSD_RTF.BROADCAST, 'BROADCAST'],
  [BSD_RTF.MULTICAST, 'MULTICAST'],
];

// Flag-name lists by raw value (few distinct values occur), shared by every message with
// that value and frozen so one message's list can never change another's (a 100,000-route
// dump then holds ~10 arrays instead of 100,000).
const FLAG_CACHE = new Map<number, string[]>();

let lastFlagsRaw = -1;
let lastFlags: string[] = [];

function routeFlagNames(raw: number): string[] {
  if (raw === lastFlagsRaw) return lastFlags;
  let names = FLAG_CACHE.get(raw);
  if (names === undefined) {
    names = [];
    for (let i = 0; i < RTF_ORDER.length; i++) {
      const e = RTF_ORDER[i]!;
      if ((raw & e[0]) !== 0) names.push(e[1]);
    }
    Object.freeze(names);
    FLAG_CACHE.set(raw, names);
  }
  lastFlagsRaw = raw;
  lastFlags = names;
  return names;
}

function u64(dv: DataView, p: number): number {
  const lo = dv.getUint32(p + (LE ? 0 : 4), LE);
  const hi = dv.getUint32(p + (LE ? 4 : 0), LE);
  return hi * 4294967296 + lo;
}

const MET = 'rtattr[RTA_METRICS]';

function decodeMetrics(dv: DataView, start: number, end: number, into: RouteMetrics | undefined): RouteMetrics {
  const m: RouteMetrics = into ?? {};
  let a = start;
  while (a < end) {
    const alen = attrLen(dv, a, end, RTAX_NAMES, MET);
    const t = dv.getUint16(a + 2, LE) & 0x3fff;
    const key = RTAX_METRIC_KEYS[t];
    if (t === NL.RTAX_CC_ALGO) {
      // string (congestion control name): not a number, not reported
    } else if (key !== undefined && key !== null) {
      if (alen !== 8) throw wrongSize(a, MET, RTAX_NAMES[t]!, alen - 4, '4');
      let v = dv.getUint32(a + 4, LE);
      // Kernel units: RTT in 1/8 ms, RTTVAR in 1/4 ms; report microseconds as rmx_rtt does.
      if (t === NL.RTAX_RTT) v *= 125;
      else if (t === NL.RTAX_RTTVAR) v *= 250;
      m[key] = v;
    }
    a += (alen + 3) & ~3;
  }
  return m;
}

const MP = 'rtattr[RTA_MULTIPATH]';

function decodeMultipath(
  buf: Uint8Array,
  dv: DataView,
  start: number,
  end: number,
  family: number,
  flen: number,
): NonNullable<LinuxRouteInfo['nexthops']> {
  const out: NonNullable<LinuxRouteInfo['nexthops']> = [];
  let p = start;
  while (p < end) {
    if (end - p < NL.RTNEXTHOP_SIZE) {
      throw new DecodeError(p, `${MP}.rtnh_len`, `truncated rtnexthop: ${end - p} bytes left, need 8`);
    }
    const nlen = dv.getUint16(p, LE);
    if (nlen < NL.RTNEXTHOP_SIZE || nlen > end - p) {
      throw new DecodeError(
        p,
        `${MP}.rtnh_len`,
        nlen < NL.RTNEXTHOP_SIZE ? `${nlen} is below the 8-byte rtnexthop` : `${nlen} runs past the attribute (${end - p} bytes left)`,
      );
    }
    const nflags = buf[p + 2]!;
    const hops = buf[p + 3]!;
    const ifindex = dv.getInt32(p + 4, LE);
    let gateway: string | undefined;
    const nend = p + nlen;
    let a = p + NL.RTNEXTHOP_SIZE;
    while (a < nend) {
      const alen = attrLen(dv, a, nend, RTA_NAMES, MP);
      const t = dv.getUint16(a + 2, LE) & 0x3fff;
      const plen = alen - 4;
      if (t === NL.RTA_GATEWAY) {
        if (flen !== 0 && plen !== flen) throw wrongSize(a, MP, 'RTA_GATEWAY', plen, String(flen));
        gateway = addrText(buf, a + 4, flen, plen);
      } else if (t === NL.RTA_VIA) {
        if (plen < 2) throw wrongSize(a, MP, 'RTA_VIA', plen, 'at least 2');
        const vf = dv.getUint16(a + 4, LE);
        const vl = familyAddrLen(vf);
        if (vl !== 0 && plen - 2 !== vl) throw wrongSize(a, MP, 'RTA_VIA', plen, String(2 + vl));
        gateway = addrText(buf, a + 6, vl, plen - 2);
      }
      a += (alen + 3) & ~3;
    }
    const nh: { gateway?: string; oif: number; weight: number; flags: number } =
      gateway !== undefined ? { gateway, oif: ifindex, weight: hops + 1, flags: nflags } : { oif: ifindex, weight: hops + 1, flags: nflags };
    out.push(nh);
    p += (nlen + 3) & ~3;
  }
  void family;
  return out;
}

// ---------------------------------------------------------------------------
// links

const IFLA = 'rtattr';

function decodeLink(buf: Uint8Array, dv: DataView, off: number, len: number, nlType: number): InterfaceMessage {
  const h = off + 16;
  const end = off + len;
  if (len - 16 < NL.IFINFOMSG_SIZE) {
    throw new DecodeError(h, 'ifinfomsg', `payload is ${len - 16} bytes, need ${NL.IFINFOMSG_SIZE}`);
  }
  const ifType = dv.getUint16(h + 2, LE);
  const index = dv.getInt32(h + 4, LE);
  const ifFlags = dv.getUint32(h + 8, LE);
  let name: string | undefined;
  let macAt = -1;
  let macLen = 0;
  let brdAt = -1;
  let brdLen = 0;
  let mtu = -1;
  let oper = -1;
  let st64 = -1;
  let st64Len = 0;
  let st32 = -1;
  let st32Len = 0;

  let a = h + NL.IFINFOMSG_SIZE;
  while (a < end) {
    const alen = attrLen(dv, a, end, IFLA_NAMES, IFLA);
    const t = dv.getUint16(a + 2, LE) & 0x3fff;
    const plen = alen - 4;
    switch (t) {
      case NL.IFLA_IFNAME:
        name = strAttr(buf, a + 4, a + alen);
        break;
      case NL.IFLA_ADDRESS:
        macAt = a + 4;
        macLen = plen;
        break;
      case NL.IFLA_BROADCAST:
        brdAt = a + 4;
        brdLen = plen;
        break;
      case NL.IFLA_MTU:
        mtu = u32Attr(dv, a, alen, IFLA, IFLA_NAMES, t);
        break;
      case NL.IFLA_OPERSTATE:
        if (plen !== 1) throw wrongSize(a, IFLA, 'IFLA_OPERSTATE', plen, '1');
        oper = buf[a + 4]!;
        break;
      case NL.IFLA_STATS64:
        st64 = a + 4;
        st64Len = plen;
        break;
      case NL.IFLA_STATS:
        st32 = a + 4;
        st32Len = plen;
        break;
      default:
        break;
    }
    a += (alen + 3) & ~3;
  }

  const flags: string[] = [];
  for (let i = 0; i < IFF_FLAG_NAMES.length; i++) if ((ifFlags & (1 << i)) !== 0) flags.push(IFF_FLAG_NAMES[i]!);
  const mac = macAt >= 0 && macLen > 0 ? formatMac(buf, macAt, macLen) : null;
  const ifName = name ?? '';
  const ifp: LinkAddress = { family: 'link', address: mac ?? 'link#' + index, index, type: ifType, name: ifName, mac };
  const addrs: AddressSet = { ifp };
  if (brdAt >= 0 && brdLen > 0) {
    const b = formatMac(buf, brdAt, brdLen);
    addrs.brd = { family: 'link', address: b, index, type: ifType, name: ifName, mac: b };
  }
  const data: InterfaceData = { type: ifType };
  if (mtu >= 0) data.mtu = mtu;
  if (oper >= 0) data.linkState = oper;
  if (st64 >= 0) stats(dv, data, st64, st64Len, 8);
  else if (st32 >= 0) stats(dv, data, st32, st32Len, 4);

  const msg = {
    kind: 'interface',
    type: nlType === NL.RTM_DELLINK ? 'dellink' : 'ifinfo',
    version: 0,
    index,
    flags,
    rawFlags: ifFlags >>> 0,
  } as InterfaceMessage;
  if (name !== undefined) msg.name = name;
  msg.addrs = addrs;
  msg.data = data;
  return msg;
}

/** rtnl_link_stats(64) leading fields → if_data names. Fields not fully present are skipped. */
const STAT_KEYS: readonly string[] = [
  'ipackets', 'opackets', 'ibytes', 'obytes', 'ierrors', 'oerrors', 'iqdrops', 'oqdrops', 'imcasts', 'collisions',
];

function stats(dv: DataView, data: InterfaceData, p: number, plen: number, width: number): void {
  for (let i = 0; i < STAT_KEYS.length; i++) {
    const q = p + i * width;
    if ((i + 1) * width > plen) break;
    data[STAT_KEYS[i]!] = width === 8 ? u64(dv, q) : dv.getUint32(q, LE);
  }
}

// ---------------------------------------------------------------------------
// addresses

const IFA = 'rtattr';

function decodeAddr(buf: Uint8Array, dv: DataView, off: number, len: number, nlType: number): AddressMessage {
  const pid = dv.getUint32(off + 12, LE);
  const h = off + 16;
  const end = off + len;
  if (len - 16 < NL.IFADDRMSG_SIZE) {
    throw new DecodeError(h, 'ifaddrmsg', `payload is ${len - 16} bytes, need ${NL.IFADDRMSG_SIZE}`);
  }
  const family = buf[h]!;
  const prefixLen = buf[h + 1]!;
  let ifaFlags = buf[h + 2]!;
  const index = dv.getUint32(h + 4, LE);
  const flen = family === NL.AF_INET ? 4 : family === NL.AF_INET6 ? 16 : 0;
  if (flen !== 0 && prefixLen > flen * 8) throw new DecodeError(h + 1, 'ifa_prefixlen', `${prefixLen} exceeds ${flen * 8}`);
  let addrAt = -1;
  let addrLen = 0;
  let localAt = -1;
  let localLen = 0;
  let brdAt = -1;
  let brdLen = 0;
  let metric = -1;

  let a = h + NL.IFADDRMSG_SIZE;
  while (a < end) {
    const alen = attrLen(dv, a, end, IFA_NAMES, IFA);
    const t = dv.getUint16(a + 2, LE) & 0x3fff;
    const plen = alen - 4;
    switch (t) {
      case NL.IFA_ADDRESS:
        if (flen !== 0 && plen !== flen) throw wrongSize(a, IFA, 'IFA_ADDRESS', plen, String(flen));
        addrAt = a + 4;
        addrLen = plen;
        break;
      case NL.IFA_LOCAL:
        if (flen !== 0 && plen !== flen) throw wrongSize(a, IFA, 'IFA_LOCAL', plen, String(flen));
        localAt = a + 4;
        localLen = plen;
        break;
      case NL.IFA_BROADCAST:
        if (flen !== 0 && plen !== flen) throw wrongSize(a, IFA, 'IFA_BROADCAST', plen, String(flen));
        brdAt = a + 4;
        brdLen = plen;
        break;
      case NL.IFA_FLAGS:
        ifaFlags = u32Attr(dv, a, alen, IFA, IFA_NAMES, t);
        break;
      case NL.IFA_RT_PRIORITY:
        metric = u32Attr(dv, a, alen, IFA, IFA_NAMES, t);
        break;
      default:
        break;
    }
    a += (alen + 3) & ~3;
  }

  const flags: string[] = [];
  for (let i = 0; i < IFA_FLAG_NAMES.length; i++) {
    if ((ifaFlags & (1 << i)) !== 0) flags.push(i === 0 && family === NL.AF_INET6 ? 'TEMPORARY' : IFA_FLAG_NAMES[i]!);
  }

  // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
  const ifaAt = localAt >= 0 ? localAt : addrAt;
  const ifaLen = localAt >= 0 ? localLen : addrLen;
  const addrs: AddressSet = {};
  if (localAt >= 0 && addrAt >= 0 && !sameBytes(buf, localAt, addrAt, localLen, addrLen)) {
    addrs.dst = makeAddress(buf, addrAt, addrLen, family, flen, index);
  }
  if (flen !== 0) addrs.netmask = maskAddress(family, flen, prefixLen);
  addrs.ifp = linkAddress(index);
  if (ifaAt >= 0) addrs.ifa = makeAddress(buf, ifaAt, ifaLen, family, flen, index);
  if (brdAt >= 0) addrs.brd = makeAddress(buf, brdAt, brdLen, family, flen, 0);

  const msg = {
    kind: 'address',
    type: nlType === NL.RTM_DELADDR ? 'deladdr' : 'newaddr',
    version: 0,
    index,
    flags,
    rawFlags: ifaFlags >>> 0,
  } as AddressMessage;
  if (metric >= 0) msg.metric = metric;
  msg.pid = pid;
  msg.addrs = addrs;
  if (ifaAt >= 0 && flen !== 0) msg.address = addrText(buf, ifaAt, flen, ifaLen) + '/' + prefixLen;
  return msg;
}

function sameBytes(buf: Uint8Array, p: number, q: number, n: number, m: number): boolean {
  if (n !== m) return false;
  for (let i = 0; i < n; i++) if (buf[p + i] !== buf[q + i]) return false;
  return true;
}

// ---------------------------------------------------------------------------
// control messages

const CONTROL_TYPES = ['', 'noop', 'error', 'done', 'overrun'] as const;

function decodeControl(dv: DataView, off: number, len: number, type: number): NetlinkControlMessage {
  const msg: NetlinkControlMessage = {
    kind: 'control',
    type: CONTROL_TYPES[type] as NetlinkControlMessage['type'],
    version: 0,
    seq: dv.getUint32(off + 8, LE),
    pid: dv.getUint32(off + 12, LE),
  };
  if (type === NL.NLMSG_DONE && len >= 20) {
    const err = dv.getInt32(off + 16, LE);
    if (err < 0) msg.errno = -err;
  }
  return msg;
}

const ERR = 'nlmsgerr';

function decodeError(buf: Uint8Array, dv: DataView, off: number, len: number): NetlinkControlMessage {
  const nlFlags = dv.getUint16(off + 6, LE);
  const h = off + 16;
  const end = off + len;
  if (len - 16 < 4) throw new DecodeError(h, `${ERR}.error`, `payload is ${len - 16} bytes, need 4`);
  const err = dv.getInt32(h, LE);
  const msg: NetlinkControlMessage = {
    kind: 'control',
    type: 'error',
    version: 0,
    seq: dv.getUint32(off + 8, LE),
    pid: dv.getUint32(off + 12, LE),
    errno: err < 0 ? -err : err,
  };
  let requestType = -1;
  if (len - 16 >= 20) {
    const o = h + 4;
    requestType = dv.getUint16(o + 4, LE);
    if ((nlFlags & NL.NLM_F_ACK_TLVS) !== 0) {
      let tlv: number;
      if ((nlFlags & NL.NLM_F_CAPPED) !== 0 || err === 0) {
        tlv = o + 16;
      } else {
        const olen = dv.getUint32(o, LE);
        if (olen < 16 || olen > end - o) {
          throw new DecodeError(o, `${ERR}.msg.nlmsg_len`, `${olen} does not fit the error payload (${end - o} bytes left)`);
        }
        tlv = o + ((olen + 3) & ~3);
      }
      let a = tlv;
      while (a < end) {
        const alen = attrLen(dv, a, end, EXTACK_NAMES, 'nlattr');
        const t = dv.getUint16(a + 2, LE) & 0x3fff;
        if (t === NL.NLMSGERR_ATTR_MSG) msg.extack = strAttr(buf, a + 4, a + alen);
        a += (alen + 3) & ~3;
      }
    }
  }
  if (requestType >= 0) msg.requestType = requestType;
  return msg;
}

const EXTACK_NAMES: readonly string[] = [
  'NLMSGERR_ATTR_UNUSED', 'NLMSGERR_ATTR_MSG', 'NLMSGERR_ATTR_OFFS', 'NLMSGERR_ATTR_COOKIE', 'NLMSGERR_ATTR_POLICY',
  'NLMSGERR_ATTR_MISS_TYPE', 'NLMSGERR_ATTR_MISS_NEST',
];
