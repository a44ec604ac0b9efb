/** Route-shaped messages: rt_msghdr (every OS) and darwin rt_msghdr2 (RTM_GET2). */
import type { Address, AddressSet, MaskAddress, RouteMessage, RouteMessageType } from '../model';
import { bitNames } from './constants';
import { readFields } from './fields';
import type { Layout, RouteHeader } from './layouts';
import { decodeSockaddrVector } from './sockaddr';

export function parseRoute(
  u8: Uint8Array,
  dv: DataView,
  off: number,
  end: number,
  saStart: number,
  type: string,
  h: RouteHeader,
  L: Layout,
): RouteMessage {
  const rawFlags = dv.getUint32(off + h.flags, true);
  const m: RouteMessage = {
    kind: 'route',
    type: type as RouteMessageType,
    version: u8[off + 2]!,
    index: dv.getUint16(off + h.index, true),
    flags: bitNames(L.c.rtfBits, rawFlags),
    rawFlags,
  } as RouteMessage;
  if (h.pid >= 0) m.pid = dv.getInt32(off + h.pid, true);
  if (h.seq >= 0) m.seq = dv.getInt32(off + h.seq, true);
  if (h.errno >= 0) m.errno = dv.getInt32(off + h.errno, true);
  if (h.refcnt >= 0) m.refcnt = dv.getInt32(off + h.refcnt, true);
  if (h.parentflags >= 0) m.parentflags = dv.getUint32(off + h.parentflags, true);
  if (h.use >= 0) m.use = dv.getInt32(off + h.use, true);
  if (h.fmask >= 0) m.fmask = dv.getUint32(off + h.fmask, true);
  if (h.tableid >= 0) m.tableid = dv.getUint16(off + h.tableid, true);
  if (h.priority >= 0) m.priority = u8[off + h.priority]!;
  if (h.mpls >= 0) m.mpls = u8[off + h.mpls]!;
  m.inits = h.initsSize === 4 ? dv.getUint32(off + h.inits, true) : dv.getUint32(off + h.inits, true) + dv.getUint32(off + h.inits + 4, true) * 4294967296;
  const addrs = decodeSockaddrVector(u8, dv, saStart, end, dv.getUint32(off + h.addrs, true), L);
  m.addrs = addrs;
  const dest = destinationOf(addrs, rawFlags);
  if (dest !== undefined) m.destination = dest;
  const metrics: Record<string, number> = {};
  readFields(dv, off + h.rmx, h.metrics, metrics);
  m.metrics = metrics;
  return m;
}

const RTF_HOST = 0x4;

/** CIDR of dst with the netmask's prefix ('default' for 0/0 and ::/0). */
export function destinationOf(addrs: AddressSet, rawFlags: number): string | undefined {
  const dst = addrs.dst as Address | undefined;
  if (!dst) return undefined;
  if (dst.family !== 'inet' && dst.family !== 'inet6') return dst.address === '' ? undefined : dst.address;
  const full = dst.family === 'inet' ? 32 : 128;
  const nm = addrs.netmask as MaskAddress | undefined;
  let prefix: string;
  let plen = full;
  if ((rawFlags & RTF_HOST) !== 0 || !nm) plen = full;
  else if (nm.prefixLength !== null && (nm.family === dst.family || nm.family === 'unspec')) plen = nm.prefixLength;
  else plen = -1;
  if (plen === -1) prefix = '/' + (nm ? nm.address : '');
  else prefix = '/' + plen;
  if (plen === 0 && (dst.address === '0.0.0.0' || dst.address === '::')) return 'default';
  const zone = dst.family === 'inet6' && dst.zone !== undefined ? '%' + dst.zone : '';
  return dst.address + zone + prefix;
}
