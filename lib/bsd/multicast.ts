/** Multicast messages: ifma_msghdr (RTM_NEWMADDR/DELMADDR) and darwin ifma_msghdr2 (RTM_NEWMADDR2). */
import type { MulticastMessage } from '../model';
import { messageHead } from './fields';
import type { Layout, MulticastHeader } from './layouts';
import { decodeSockaddrVector } from './sockaddr';

export function parseMulticast(
  u8: Uint8Array,
  dv: DataView,
  off: number,
  end: number,
  saStart: number,
  type: string,
  h: MulticastHeader,
  L: Layout,
): MulticastMessage {
  const rawFlags = dv.getUint32(off + h.flags, true);
  const m = messageHead('multicast', type, u8, dv, off, h.index, rawFlags, L.c.rtfBits) as MulticastMessage;
  if (h.refcount >= 0) m.refcount = dv.getInt32(off + h.refcount, true);
  m.addrs = decodeSockaddrVector(u8, dv, saStart, end, dv.getUint32(off + h.addrs, true), L);
  return m;
}
