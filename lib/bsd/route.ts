/** Route-shaped messages: rt_msghdr (every OS) and darwin rt_msghdr2 (RTM_GET2). */
import type { Address, AddressSet, MaskAddress, RouteMessage } from '../model';
import { flagNames } from './constants';
import { fieldsReader } from './fields';
import type { Layout, RouteHeader } from './layouts';
import { decodeSockaddrVector } from './sockaddr';

type HeadReader = (u8: Uint8Array, dv: DataView, off: number, type: string) => RouteMessage;

const heads = new WeakMap<RouteHeader, HeadReader>();

/**
 * Compiles, once per header layout, one object literal with the header fields this OS has (in
 * the model's key order; fields the OS lacks are absent), so every route message of a layout
 * shares one shape with in-object properties. Only numbers from the static tables are inlined.
 */
function headReader(h: RouteHeader): HeadReader {
  let r = heads.get(h);
  if (r) return r;
  const n = (v: number): number => {
    if (!Number.isInteger(v)) throw new Error('bad layout offset');
    return v;
  };
  const p = [
    `kind: 'route'`,
    'type',
    'version: u8[off + 2]',
    `index: dv.getUint16(off + ${n(h.index)}, true)`,
    'flags: null',
    `rawFlags: dv.getUint32(off + ${n(h.flags)}, true)`,
  ];
  if (h.pid >= 0) p.push(`pid: dv.getInt32(off + ${n(h.pid)}, true)`);
  if (h.seq >= 0) p.push(`seq: dv.getInt32(off + ${n(h.seq)}, true)`);
  if (h.errno >= 0) p.push(`errno: dv.getInt32(off + ${n(h.errno)}, true)`);
  if (h.refcnt >= 0) p.push(`refcnt: dv.getInt32(off + ${n(h.refcnt)}, true)`);
  if (h.parentflags >= 0) p.push(`parentflags: dv.getUint32(off + ${n(h.parentflags)}, true)`);
  if (h.use >= 0) p.push(`use: dv.getInt32(off + ${n(h.use)}, true)`);
  if (h.fmask >= 0) p.push(`fmask: dv.getUint32(off + ${n(h.fmask)}, true)`);
  if (h.tableid >= 0) p.push(`tableid: dv.getUint16(off + ${n(h.tableid)}, true)`);
  if (h.priority >= 0) p.push(`priority: u8[off + ${n(h.priority)}]`);
  if (h.mpls >= 0) p.push(`mpls: u8[off + ${n(h.mpls)}]`);
  p.push(
    h.initsSize === 4
      ? `inits: dv.getUint32(off + ${n(h.inits)}, true)`
      : `inits: dv.getUint32(off + ${n(h.inits)}, true) + dv.getUint32(off + ${n(h.inits) + 4}, true) * 4294967296`,
  );
  p.push('addrs: null');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  r = new Function('u8', 'dv', 'off', 'type', `return { ${p.join(', ')} };`) as HeadReader;
  heads.set(h, r);
  return r;
}

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
  const m = headReader(h)(u8, dv, off, type);
  const rawFlags = m.rawFlags;
  m.flags = flagNames(L.c.rtfBits, rawFlags);
  const addrs = decodeSockaddrVector(u8, dv, saStart, end, dv.getUint32(off + h.addrs, true), L);
  m.addrs = addrs;
  const dest = destinationOf(addrs, rawFlags);
  if (dest !== undefined) m.destination = dest;
  m.metrics = fieldsReader(h.metrics)(dv, off + h.rmx);
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
