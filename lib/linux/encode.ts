/**
 * rtnetlink request encoders. Output is host byte order, as the kernel expects.
 *
 * Defaults follow what iproute2 (`ip route add/del/get`, 6.1) sends; test/fixtures/linux/
 * requests.json holds ip's own bytes and the tests compare against them:
 *  - new:    rtm_protocol RTPROT_BOOT (3), rtm_type RTN_UNICAST, rtm_table RT_TABLE_MAIN,
 *            scope UNIVERSE with a gateway (or for inet6), LINK for an inet unicast route
 *            without gateway, HOST for local/nat, LINK for broadcast/multicast/anycast.
 *  - delete: protocol 0, type RTN_UNSPEC unless given, table MAIN, scope NOWHERE (inet) /
 *            UNIVERSE (inet6).
 *  - get:    protocol 0, type 0, table 0 unless given, scope 0.
 * Attribute order: DST, SRC, GATEWAY|VIA, TABLE, PRIORITY, PREFSRC, METRICS, OIF, IIF,
 * MARK, EXPIRES (matches ip for the common forms).
 * Invalid input throws TypeError/RangeError (never DecodeError).
 */
import { parseIPv4, parseIPv6 } from '../addr.js';
import { NL } from './constants.js';
import { HOST_LE } from './decode.js';

const LE = HOST_LE;

export interface NetlinkRouteRequest {
  type: 'new' | 'delete' | 'get';
  /** NLM_F_* beyond NLM_F_REQUEST (always set): ACK, CREATE, EXCL, REPLACE, APPEND, DUMP. */
  flags: number;
  seq: number;
  pid?: number;
  family: 'inet' | 'inet6';
  dst?: string;
  dstLen: number;
  src?: string;
  srcLen?: number;
  /** Same family → RTA_GATEWAY; the other family (IPv4 route via IPv6) → RTA_VIA. */
  gateway?: string;
  oif?: number;
  iif?: number;
  /** >255 → RTA_TABLE with rtm_table = RT_TABLE_UNSPEC; ≤255 → rtm_table and RTA_TABLE. */
  table?: number;
  /** RTA_PRIORITY, the route metric. */
  priority?: number;
  protocol?: number;
  scope?: number;
  routeType?: string | number;
  prefsrc?: string;
  /**
   * RTA_METRICS members (u32 each). `rtt`/`rttvar` are microseconds, like the decoded
   * RouteMetrics (the kernel stores 1/8 ms and 1/4 ms). `expires` (seconds) is sent as
   * RTA_EXPIRES (honoured by the kernel for inet6 routes only).
   */
  metrics?: {
    mtu?: number;
    hoplimit?: number;
    advmss?: number;
    window?: number;
    rtt?: number;
    rttvar?: number;
    ssthresh?: number;
    cwnd?: number;
    initcwnd?: number;
    initrwnd?: number;
    lock?: number;
    expires?: number;
  };
  rtmFlags?: number;
  mark?: number;
}

const RTN_BY_NAME: Readonly<Record<string, number>> = {
  unspec: 0, unicast: 1, local: 2, broadcast: 3, anycast: 4, multicast: 5, blackhole: 6, unreachable: 7,
  prohibit: 8, throw: 9, nat: 10, xresolve: 11,
};

/** [request key, RTAX number] in RTAX order. */
const METRIC_ORDER: ReadonlyArray<readonly [string, number]> = [
  ['lock', NL.RTAX_LOCK],
  ['mtu', NL.RTAX_MTU],
  ['window', NL.RTAX_WINDOW],
  ['rtt', NL.RTAX_RTT],
  ['rttvar', NL.RTAX_RTTVAR],
  ['ssthresh', NL.RTAX_SSTHRESH],
  ['cwnd', NL.RTAX_CWND],
  ['advmss', NL.RTAX_ADVMSS],
  ['hoplimit', NL.RTAX_HOPLIMIT],
  ['initcwnd', NL.RTAX_INITCWND],
  ['initrwnd', NL.RTAX_INITRWND],
];

function u8(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new RangeError(`${what} must be an integer 0..255, got ${v}`);
  return v;
}

function u32(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`${what} must be an integer 0..2^32-1, got ${v}`);
  return v;
}

function parseFamily(family: 'inet' | 'inet6', text: string, what: string): Uint8Array {
  const b = family === 'inet' ? parseIPv4(text) : parseIPv6(text);
  if (b === null) throw new TypeError(`${what}: '${text}' is not an ${family === 'inet' ? 'IPv4' : 'IPv6'} address`);
  return b;
}

/** Tiny append-only writer (one Buffer per request). */
class Writer {
  buf: Buffer;
  dv: DataView;
  len = 0;
  constructor(size: number) {
    this.buf = Buffer.alloc(size);
    this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const nb = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(nb, 0, 0, this.len);
    this.buf = nb;
    this.dv = new DataView(nb.buffer, nb.byteOffset, nb.byteLength);
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.len++] = v;
  }
  u16(v: number): void {
    this.ensure(2);
    this.dv.setUint16(this.len, v, LE);
    this.len += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.dv.setUint32(this.len, v, LE);
    this.len += 4;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  pad(): void {
    while (this.len & 3) this.u8(0);
  }
  attr(type: number, data: Uint8Array): void {
    this.u16(4 + data.length);
    this.u16(type);
    this.bytes(data);
    this.pad();
  }
  attrU32(type: number, v: number): void {
    this.u16(8);
    this.u16(type);
    this.u32(v);
  }
  /** Starts a nested attribute; returns its offset for end(). */
  begin(type: number): number {
    const at = this.len;
    this.u16(0);
    this.u16(type);
    return at;
  }
  end(at: number): void {
    this.dv.setUint16(at, this.len - at, LE);
  }
  header(type: number, flags: number, seq: number, pid: number): void {
    this.u32(0); // nlmsg_len, patched by finish()
    this.u16(type);
    this.u16(flags);
    this.u32(seq >>> 0);
    this.u32(pid >>> 0);
  }
  finish(): Buffer {
    this.dv.setUint32(0, this.len, LE);
    return this.buf.subarray(0, this.len);
  }
}

/** RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE request bytes. */
export function encodeRouteRequest(req: NetlinkRouteRequest): Buffer {
  if (req === null || typeof req !== 'object') throw new TypeError('encodeRouteRequest: the request must be an object');
  const fam = req.family;
  if (fam !== 'inet' && fam !== 'inet6') throw new TypeError(`family must be 'inet' or 'inet6', got ${String(fam)}`);
  const bits = fam === 'inet' ? 32 : 128;
  const nlType = req.type === 'new' ? NL.RTM_NEWROUTE : req.type === 'delete' ? NL.RTM_DELROUTE : req.type === 'get' ? NL.RTM_GETROUTE : -1;
  if (nlType < 0) throw new TypeError(`type must be 'new', 'delete' or 'get', got ${String(req.type)}`);
  if (!Number.isInteger(req.dstLen) || req.dstLen < 0 || req.dstLen > bits) {
    throw new RangeError(`dstLen must be 0..${bits}, got ${req.dstLen}`);
  }
  const srcLen = req.srcLen ?? (req.src !== undefined ? bits : 0);
  if (!Number.isInteger(srcLen) || srcLen < 0 || srcLen > bits) throw new RangeError(`srcLen must be 0..${bits}, got ${srcLen}`);

  let rtype: number;
  if (req.routeType === undefined) rtype = req.type === 'new' ? NL.RTN_UNICAST : NL.RTN_UNSPEC;
  else if (typeof req.routeType === 'number') rtype = u8(req.routeType, 'routeType');
  else {
    const n = RTN_BY_NAME[req.routeType];
    if (n === undefined) throw new TypeError(`unknown routeType '${req.routeType}'`);
    rtype = n;
  }

  // gateway: same family → RTA_GATEWAY; other family → RTA_VIA
  let gw: Uint8Array | null = null;
  let via: Uint8Array | null = null;
  let viaFamily = 0;
  if (req.gateway !== undefined) {
    const same = fam === 'inet' ? parseIPv4(req.gateway) : parseIPv6(req.gateway);
    if (same !== null) gw = same;
    else {
      const other = fam === 'inet' ? parseIPv6(req.gateway) : parseIPv4(req.gateway);
      if (other === null) throw new TypeError(`gateway: '${req.gateway}' is not an IP address`);
      via = other;
      viaFamily = fam === 'inet' ? NL.AF_INET6 : NL.AF_INET;
    }
  }

  let scope: number;
  if (req.scope !== undefined) scope = u8(req.scope, 'scope');
  else if (req.type === 'get') scope = NL.RT_SCOPE_UNIVERSE;
  else if (rtype === NL.RTN_LOCAL || rtype === NL.RTN_NAT) scope = NL.RT_SCOPE_HOST;
  else if (rtype === NL.RTN_BROADCAST || rtype === NL.RTN_MULTICAST || rtype === NL.RTN_ANYCAST) scope = NL.RT_SCOPE_LINK;
  else if (rtype === NL.RTN_UNICAST || rtype === NL.RTN_UNSPEC) {
    if (fam === 'inet6') scope = NL.RT_SCOPE_UNIVERSE;
    else if (req.type === 'delete') scope = NL.RT_SCOPE_NOWHERE;
    else scope = gw !== null || via !== null ? NL.RT_SCOPE_UNIVERSE : NL.RT_SCOPE_LINK;
  } else scope = NL.RT_SCOPE_UNIVERSE;

  const protocol = req.protocol !== undefined ? u8(req.protocol, 'protocol') : req.type === 'new' ? NL.RTPROT_BOOT : NL.RTPROT_UNSPEC;
  let rtmTable: number;
  let rtaTable = -1;
  if (req.table !== undefined) {
    u32(req.table, 'table');
    rtmTable = req.table > 255 ? NL.RT_TABLE_UNSPEC : req.table;
    rtaTable = req.table;
  } else {
    rtmTable = req.type === 'get' ? NL.RT_TABLE_UNSPEC : NL.RT_TABLE_MAIN;
  }

  const w = new Writer(128);
  w.header(nlType, (NL.NLM_F_REQUEST | u32(req.flags, 'flags')) & 0xffff, u32(req.seq, 'seq'), u32(req.pid ?? 0, 'pid'));
  w.u8(fam === 'inet' ? NL.AF_INET : NL.AF_INET6);
  w.u8(req.dstLen);
  w.u8(srcLen);
  w.u8(0); // tos
  w.u8(rtmTable);
  w.u8(protocol);
  w.u8(scope);
  w.u8(rtype);
  w.u32(u32(req.rtmFlags ?? 0, 'rtmFlags'));

  if (req.dst !== undefined) w.attr(NL.RTA_DST, parseFamily(fam, req.dst, 'dst'));
  if (req.src !== undefined) w.attr(NL.RTA_SRC, parseFamily(fam, req.src, 'src'));
  if (gw !== null) w.attr(NL.RTA_GATEWAY, gw);
  else if (via !== null) {
    const v = new Uint8Array(2 + via.length);
    new DataView(v.buffer).setUint16(0, viaFamily, LE);
    v.set(via, 2);
    w.attr(NL.RTA_VIA, v);
  }
  if (rtaTable >= 0) w.attrU32(NL.RTA_TABLE, rtaTable);
  if (req.priority !== undefined) w.attrU32(NL.RTA_PRIORITY, u32(req.priority, 'priority'));
  if (req.prefsrc !== undefined) w.attr(NL.RTA_PREFSRC, parseFamily(fam, req.prefsrc, 'prefsrc'));
  const m = req.metrics;
  if (m !== undefined) {
    let any = false;
    for (let i = 0; i < METRIC_ORDER.length; i++) {
      if ((m as Record<string, number | undefined>)[METRIC_ORDER[i]![0]] !== undefined) any = true;
    }
    if (any) {
      const at = w.begin(NL.RTA_METRICS);
      for (let i = 0; i < METRIC_ORDER.length; i++) {
        const [key, rtax] = METRIC_ORDER[i]!;
        const v = (m as Record<string, number | undefined>)[key];
        if (v === undefined) continue;
        u32(v, `metrics.${key}`);
        // microseconds → kernel units (1/8 ms for RTT, 1/4 ms for RTTVAR)
        const raw = rtax === NL.RTAX_RTT ? Math.round(v / 125) : rtax === NL.RTAX_RTTVAR ? Math.round(v / 250) : v;
        w.attrU32(rtax, raw);
      }
      w.end(at);
    }
  }
  if (req.oif !== undefined) w.attrU32(NL.RTA_OIF, u32(req.oif, 'oif'));
  if (req.iif !== undefined) w.attrU32(NL.RTA_IIF, u32(req.iif, 'iif'));
  if (req.mark !== undefined) w.attrU32(NL.RTA_MARK, u32(req.mark, 'mark'));
  if (m?.expires !== undefined) w.attrU32(NL.RTA_EXPIRES, u32(m.expires, 'metrics.expires'));
  return w.finish();
}

function familyNumber(family: 'inet' | 'inet6' | 'unspec' | undefined): number {
  if (family === undefined || family === 'unspec') return NL.AF_UNSPEC;
  if (family === 'inet') return NL.AF_INET;
  if (family === 'inet6') return NL.AF_INET6;
  throw new TypeError(`family must be 'inet', 'inet6' or 'unspec', got ${String(family)}`);
}

/** NLM_F_REQUEST|NLM_F_DUMP request for routes (rtmsg), links (ifinfomsg) or addresses (ifaddrmsg). */
export function encodeDumpRequest(what: 'route' | 'link' | 'addr', seq: number, family?: 'inet' | 'inet6' | 'unspec', pid?: number): Buffer {
  const fam = familyNumber(family);
  const w = new Writer(32);
  const flags = NL.NLM_F_REQUEST | NL.NLM_F_DUMP;
  if (what === 'route') {
    w.header(NL.RTM_GETROUTE, flags, u32(seq, 'seq'), u32(pid ?? 0, 'pid'));
    w.u8(fam);
    for (let i = 0; i < 7; i++) w.u8(0);
    w.u32(0);
  } else if (what === 'link') {
    w.header(NL.RTM_GETLINK, flags, u32(seq, 'seq'), u32(pid ?? 0, 'pid'));
    w.u8(fam);
    w.u8(0);
    w.u16(0);
    w.u32(0);
    w.u32(0);
    w.u32(0);
  } else if (what === 'addr') {
    w.header(NL.RTM_GETADDR, flags, u32(seq, 'seq'), u32(pid ?? 0, 'pid'));
    w.u8(fam);
    w.u8(0);
    w.u8(0);
    w.u8(0);
    w.u32(0);
  } else {
    throw new TypeError(`what must be 'route', 'link' or 'addr', got ${String(what)}`);
  }
  return w.finish();
}

/** RTM_GETLINK for one interface index (reply: one RTM_NEWLINK, or NLMSG_ERROR ENODEV). */
export function encodeGetLinkRequest(seq: number, index: number): Buffer {
  const w = new Writer(32);
  w.header(NL.RTM_GETLINK, NL.NLM_F_REQUEST, u32(seq, 'seq'), 0);
  w.u8(NL.AF_UNSPEC);
  w.u8(0);
  w.u16(0);
  if (!Number.isInteger(index) || index < 1 || index > 0x7fffffff) throw new RangeError(`index must be 1..2^31-1, got ${index}`);
  w.u32(index);
  w.u32(0);
  w.u32(0);
  return w.finish();
}
