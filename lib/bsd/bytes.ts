/**
 * Byte helpers shared by the BSD codec: precomputed hex table, 64-bit reads as
 * numbers, IPv4/IPv6 text without regular expressions.
 */

/** HEX[b] = two lower-case hex digits of byte b. */
export const HEX: readonly string[] = (() => {
  const t: string[] = new Array(256);
  for (let i = 0; i < 256; i++) t[i] = (i < 16 ? '0' : '') + i.toString(16);
  return t;
})();

export function hexOf(u8: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += HEX[u8[i]!]!;
  return s;
}

/** Colon-separated hex (a MAC address). */
export function macOf(u8: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += (i === start ? '' : ':') + HEX[u8[i]!]!;
  return s;
}

/** Reads an unsigned little-endian integer of 1, 2, 4 or 8 bytes (8 → number, exact below 2^53). */
export function readUint(dv: DataView, off: number, size: number): number {
  switch (size) {
    case 1:
      return dv.getUint8(off);
    case 2:
      return dv.getUint16(off, true);
    case 4:
      return dv.getUint32(off, true);
    default:
      return dv.getUint32(off, true) + dv.getUint32(off + 4, true) * 4294967296;
  }
}

/** Reads a signed little-endian integer of 1, 2, 4 or 8 bytes. */
export function readInt(dv: DataView, off: number, size: number): number {
  switch (size) {
    case 1:
      return dv.getInt8(off);
    case 2:
      return dv.getInt16(off, true);
    case 4:
      return dv.getInt32(off, true);
    default:
      return dv.getUint32(off, true) + dv.getInt32(off + 4, true) * 4294967296;
  }
}

export function writeUint(dv: DataView, off: number, size: number, value: number): void {
  switch (size) {
    case 1:
      dv.setUint8(off, value & 0xff);
      return;
    case 2:
      dv.setUint16(off, value & 0xffff, true);
      return;
    case 4:
      dv.setUint32(off, value >>> 0, true);
      return;
    default: {
      const lo = value >>> 0;
      const hi = Math.floor((value - lo) / 4294967296);
      dv.setUint32(off, lo, true);
      dv.setUint32(off + 4, hi >>> 0, true);
    }
  }
}

/** Dotted quad of 4 bytes. */
export function inet4Text(b0: number, b1: number, b2: number, b3: number): string {
  return b0 + '.' + b1 + '.' + b2 + '.' + b3;
}

/** RFC 5952 text of 16 bytes (lower case, longest zero run compressed, ::ffff:a.b.c.d for mapped). */
export function inet6Text(b: Uint8Array | number[], o = 0): string {
  const g0 = (b[o]! << 8) | b[o + 1]!;
  const g = [
    g0,
    (b[o + 2]! << 8) | b[o + 3]!,
    (b[o + 4]! << 8) | b[o + 5]!,
    (b[o + 6]! << 8) | b[o + 7]!,
    (b[o + 8]! << 8) | b[o + 9]!,
    (b[o + 10]! << 8) | b[o + 11]!,
    (b[o + 12]! << 8) | b[o + 13]!,
    (b[o + 14]! << 8) | b[o + 15]!,
  ];
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return '::ffff:' + inet4Text(b[o + 12]!, b[o + 13]!, b[o + 14]!, b[o + 15]!);
  }
  let bestStart = -1;
  let bestLen = 0;
  let curStart = -1;
  for (let i = 0; i < 8; i++) {
    if (g[i] === 0) {
      if (curStart < 0) curStart = i;
      const len = i - curStart + 1;
      if (len > bestLen) {
        bestLen = len;
        bestStart = curStart;
      }
    } else curStart = -1;
  }
  if (bestLen < 2) bestStart = -1;
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += '::';
      i += bestLen - 1;
      continue;
    }
    if (s.length > 0 && !s.endsWith(':')) s += ':';
    s += g[i]!.toString(16);
  }
  return s;
}

/** Parses a dotted quad into 4 bytes; null when malformed. */
export function parseInet4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (p.length === 0 || p.length > 3) return null;
    const n = Number(p);
    if (!Number.isInteger(n) || n < 0 || n > 255) return null;
    out.push(n);
  }
  return out;
}

/** Parses IPv6 text (optionally with an embedded dotted quad) into 16 bytes; null when malformed. */
export function parseInet6(text: string): number[] | null {
  const pct = text.indexOf('%');
  if (pct >= 0) text = text.slice(0, pct);
  const dbl = text.indexOf('::');
  if (dbl >= 0 && text.indexOf('::', dbl + 1) >= 0) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (it.indexOf('.') >= 0) {
        if (i !== items.length - 1) return null;
        const q = parseInet4(it);
        if (!q) return null;
        out.push((q[0]! << 8) | q[1]!, (q[2]! << 8) | q[3]!);
        continue;
      }
      if (it.length === 0 || it.length > 4) return null;
      const n = parseInt(it, 16);
      if (Number.isNaN(n) || n.toString(16) !== it.toLowerCase().replace(/^0+(?=.)/, '')) return null;
      out.push(n);
    }
    return out;
  };
  let words: number[];
  if (dbl >= 0) {
    const head = groups(text.slice(0, dbl));
    const tail = groups(text.slice(dbl + 2));
    if (!head || !tail || head.length + tail.length > 7) return null;
    words = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = groups(text);
    if (!all || all.length !== 8) return null;
    words = all;
  }
  const bytes: number[] = [];
  for (const w of words) bytes.push(w >> 8, w & 0xff);
  return bytes;
}

/** Parses aa:bb:cc… (or aa-bb-…) into bytes; null when malformed. */
export function parseMac(text: string): number[] | null {
  if (text === '') return [];
  const parts = text.split(text.indexOf('-') >= 0 && text.indexOf(':') < 0 ? '-' : ':');
  const out: number[] = [];
  for (const p of parts) {
    if (p.length < 1 || p.length > 2) return null;
    const n = parseInt(p, 16);
    if (Number.isNaN(n)) return null;
    out.push(n);
  }
  return out;
}

export function bytesFromHex(hex: string): number[] | null {
  if (hex.length % 2 !== 0) return null;
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) {
    const n = parseInt(hex.slice(i, i + 2), 16);
    if (Number.isNaN(n)) return null;
    out.push(n);
  }
  return out;
}

/** Length of the leading run of one bits in bytes[start,end); null when not contiguous. */
export function prefixLengthOf(b: Uint8Array | number[], start: number, end: number): number | null {
  let n = 0;
  let i = start;
  for (; i < end; i++) {
    const v = b[i]!;
    if (v === 0xff) {
      n += 8;
      continue;
    }
    // leading ones of v, then the rest must be zero
    let bits = 0;
    let m = 0x80;
    while (m && v & m) {
      bits++;
      m >>= 1;
    }
    if ((v & ((0xff >> bits) & 0xff)) !== 0) return null;
    n += bits;
    i++;
    break;
  }
  for (; i < end; i++) if (b[i] !== 0) return null;
  return n;
}
