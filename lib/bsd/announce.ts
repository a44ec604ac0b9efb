/** if_announcemsghdr: RTM_IFANNOUNCE (arrival/departure) and RTM_IEEE80211 (what = event code). */
import type { AnnounceMessage } from '../model';
import type { AnnounceHeader } from './layouts';

const IFNAMSIZ = 16;

export function parseAnnounce(u8: Uint8Array, dv: DataView, off: number, type: string, h: AnnounceHeader): AnnounceMessage {
  let name = '';
  const s = off + h.name;
  for (let k = s; k < s + IFNAMSIZ; k++) {
    const ch = u8[k]!;
    if (ch === 0) break;
    name += String.fromCharCode(ch);
  }
  const w = dv.getUint16(off + h.what, true);
  const what = type === 'ifannounce' && w <= 1 ? (w === 0 ? 'arrival' : 'departure') : w;
  return { kind: 'announce', type: type as AnnounceMessage['type'], version: u8[off + 2]!, index: dv.getUint16(off + h.index, true), name, what };
}
