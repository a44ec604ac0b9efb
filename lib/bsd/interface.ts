/** Interface messages: if_msghdr (RTM_IFINFO) and darwin if_msghdr2 (RTM_IFINFO2). */
import { DecodeError } from '../errors';
import type { InterfaceData, InterfaceMessage } from '../model';
import { fieldsReader, messageHead, readFields } from './fields';
import type { InterfaceHeader, Layout } from './layouts';
import { decodeSockaddrVector } from './sockaddr';

export function parseInterface(
  u8: Uint8Array,
  dv: DataView,
  off: number,
  end: number,
  saStart: number,
  type: string,
  h: InterfaceHeader,
  L: Layout,
): InterfaceMessage {
  const rawFlags = (dv.getUint32(off + h.flags, true) & h.flagsMask) >>> 0;
  const m = messageHead('interface', type, u8, dv, off, h.index, rawFlags, L.c.iffBits) as InterfaceMessage;
  const addrs = decodeSockaddrVector(u8, dv, saStart, end, dv.getUint32(off + h.addrs, true), L);
  const ifp = addrs.ifp;
  if (ifp && ifp.family === 'link' && 'name' in ifp && ifp.name !== '') m.name = ifp.name;
  m.addrs = addrs;
  let dataAt = off + h.data;
  if (h.dataOff >= 0) {
    // FreeBSD if_msghdrl: the message says where its if_data is; it must lie inside the header.
    const rel = dv.getUint16(off + h.dataOff, true);
    if (rel < 4 || rel + h.dataSize > saStart - off) {
      throw new DecodeError(off + h.dataOff, 'ifm_data_off', `${rel} puts the ${h.dataSize}-byte if_data outside the ${saStart - off}-byte header`);
    }
    dataAt = off + rel;
  }
  const data: InterfaceData = fieldsReader(h.dataFields)(dv, dataAt);
  if (h.extraFields.length) readFields(dv, off, h.extraFields, data as Record<string, number>);
  m.data = data;
  if (h.tableid >= 0) m.tableid = dv.getUint16(off + h.tableid, true);
  if (h.xflags >= 0) m.xflags = dv.getInt32(off + h.xflags, true);
  return m;
}
