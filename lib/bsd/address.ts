/** Address messages: ifa_msghdr (RTM_NEWADDR/DELADDR/CHGADDR…), every layout incl. NetBSD's old and 8+ ones. */
import type { Address, AddressMessage, MaskAddress } from '../model';
import { messageHead } from './fields';
import type { AddressHeader, Layout } from './layouts';
import { decodeSockaddrVector } from './sockaddr';

export function parseAddress(
  u8: Uint8Array,
  dv: DataView,
  off: number,
  end: number,
  saStart: number,
  type: string,
  h: AddressHeader,
  L: Layout,
): AddressMessage {
  const rawFlags = dv.getUint32(off + h.flags, true);
  const m = messageHead('address', type, u8, dv, off, h.index, rawFlags, L.c.rtfBits) as AddressMessage;
  if (h.metric >= 0) m.metric = dv.getInt32(off + h.metric, true);
  if (h.pid >= 0) m.pid = dv.getInt32(off + h.pid, true);
  if (h.addrflags >= 0) m.addrflags = dv.getUint32(off + h.addrflags, true);
  const addrs = decodeSockaddrVector(u8, dv, saStart, end, dv.getUint32(off + h.addrs, true), L);
  m.addrs = addrs;
  const ifa = addrs.ifa as Address | undefined;
  const nm = addrs.netmask as MaskAddress | undefined;
  if (ifa && nm && (ifa.family === 'inet' || ifa.family === 'inet6') && nm.prefixLength !== null) {
    const zone = ifa.family === 'inet6' && ifa.zone !== undefined ? '%' + ifa.zone : '';
    m.address = ifa.address + zone + '/' + nm.prefixLength;
  }
  if (h.tableid >= 0) m.tableid = dv.getUint16(off + h.tableid, true);
  return m;
}
