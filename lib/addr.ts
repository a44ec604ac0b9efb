/**
 * Address text helpers shared by every codec (BSD sockaddrs and Linux rtattrs).
 *
 * All formatters read raw bytes at an offset and never allocate intermediate arrays;
 * callers check bounds first (these helpers read exactly 4, 16 or `len` bytes from `off`).
 * Parsers are strict (inet_pton semantics): no leading zeros in dotted quads, no zone
 * suffixes, no surrounding blanks; they return null for anything else.
 */

/** Two lower-case hex digits for every byte value. */
const HEX2: string[] = [];
for (let i = 0; i < 256; i++) HEX2.push(i < 16 ? '0' + i.toString(16) : i.toString(16));

/** Dotted quad of the 4 bytes at `off`. */
export function formatIPv4(bytes: Uint8Array, off = 0): string {
  return bytes[off]! + '.' + bytes[off + 1]! + '.' + bytes[off + 2]! + '.' + bytes[off + 3]!;
}

/**
 * RFC 5952 text of the 16 bytes at `off`: lower-case hex, no leading zeros in a group,
 * the longest run of two or more zero groups (the first one on ties) replaced by `::`.
 * Embedded IPv4 notation is not used (::ffff:192.0.2.1 prints as ::ffff:c000:201).
 */
export function formatIPv6(bytes: Uint8Array, off = 0): string {
  // Find the longest run of zero 16-bit groups.
  let bestStart = -1;
  let bestLen = 0;
  let curStart = -1;
  let curLen = 0;
  for (let g = 0; g < 8; g++) {
    const p = off + g * 2;
    if (bytes[p] === 0 && bytes[p + 1] === 0) {
      if (curStart < 0) {
        curStart = g;
        curLen = 1;
      } else {
        curLen++;
      }
      if (curLen > bestLen) {
        bestLen = curLen;
        bestStart = curStart;
      }
    } else {
      curStart = -1;
      curLen = 0;
    }
  }
  if (bestLen < 2) bestStart = -1;
  let out = '';
  for (let g = 0; g < 8; g++) {
    if (g === bestStart) {
      out += g === 0 ? '::' : ':';
      g += bestLen - 1;
      continue;
    }
    const p = off + g * 2;
    const v = (bytes[p]! << 8) | bytes[p + 1]!;
    out += v.toString(16);
    if (g < 7) out += ':';
  }
  return out;
}

/** Lower-case colon-separated hex of `len` bytes at `off` (aa:bb:cc:dd:ee:ff); '' for len 0. */
export function formatMac(bytes: Uint8Array, off: number, len: number): string {
  if (len <= 0) return '';
  let out = HEX2[bytes[off]!]!;
  for (let i = 1; i < len; i++) out += ':' + HEX2[bytes[off + i]!]!;
  return out;
}

/** Lower-case hex of `len` bytes at `off`, no separators. */
export function formatHex(bytes: Uint8Array, off: number, len: number): string {
  let out = '';
  for (let i = 0; i < len; i++) out += HEX2[bytes[off + i]!]!;
  return out;
}

/** Parses a strict dotted quad (inet_pton AF_INET): 4 decimal parts 0..255, no leading zeros. */
export function parseIPv4(text: string): Uint8Array | null {
  const out = new Uint8Array(4);
  return parseIPv4Into(text, 0, text.length, out, 0) ? out : null;
}

function parseIPv4Into(text: string, start: number, end: number, out: Uint8Array, outOff: number): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false; // leading zero
      value = value * 10 + (c - 48);
      if (value > 255) return false;
      digits++;
    } else if (c === 46) {
      if (digits === 0 || part >= 3) return false;
      out[outOff + part] = value;
      part++;
      value = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (digits === 0 || part !== 3) return false;
  out[outOff + 3] = value;
  return true;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parses IPv6 text (inet_pton AF_INET6): hex groups of 1..4 digits, at most one `::`,
 * an optional trailing dotted quad. A `%zone` suffix is rejected (strip it first).
 */
export function parseIPv6(text: string): Uint8Array | null {
  const n = text.length;
  if (n < 2) return null;
  const out = new Uint8Array(16);
  let i = 0;
  let g = 0; // next group index
  let gap = -1; // group index where `::` sits
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return null;
    gap = 0;
    i = 2;
    if (i === n) return out; // '::'
  }
  for (;;) {
    // Parse one group (or a trailing IPv4).
    const start = i;
    let value = 0;
    let digits = 0;
    while (i < n) {
      const h = hexVal(text.charCodeAt(i));
      if (h < 0) break;
      value = (value << 4) | h;
      digits++;
      i++;
      if (digits > 4) return null;
    }
    if (i < n && text.charCodeAt(i) === 46) {
      // Embedded IPv4 tail: must fit in the last 32 bits and end the text.
      if (g > 6) return null;
      if (!parseIPv4Into(text, start, n, out, g * 2)) return null;
      g += 2;
      break;
    }
    if (digits === 0) return null;
    if (g >= 8) return null;
    out[g * 2] = value >> 8;
    out[g * 2 + 1] = value & 0xff;
    g++;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return null;
    i++;
    if (i < n && text.charCodeAt(i) === 58) {
      if (gap >= 0) return null;
      gap = g;
      i++;
      if (i === n) break;
    } else if (i === n) {
      return null; // trailing single ':'
    }
  }
  if (gap >= 0) {
    if (g >= 8) return null; // '::' must stand for at least one group
    const tail = g - gap;
    const shift = 8 - g;
    for (let k = tail - 1; k >= 0; k--) {
      const from = (gap + k) * 2;
      const to = (gap + k + shift) * 2;
      out[to] = out[from]!;
      out[to + 1] = out[from + 1]!;
    }
    for (let k = gap * 2; k < (gap + shift) * 2; k++) out[k] = 0;
  } else if (g !== 8) {
    return null;
  }
  return out;
}

/** Address-family selector for the mask helpers. */
export type InetFamily = 'inet' | 'inet6';

/**
 * The netmask bytes (4 or 16) for a prefix length. Throws RangeError when `len` is not an
 * integer in 0..32 (inet) or 0..128 (inet6): validate untrusted lengths before calling.
 */
export function prefixToMask(family: InetFamily, len: number): Uint8Array {
  const size = family === 'inet' ? 4 : 16;
  if (!Number.isInteger(len) || len < 0 || len > size * 8) {
    throw new RangeError(`prefix length ${len} out of range for ${family}`);
  }
  const out = new Uint8Array(size);
  let rest = len;
  for (let i = 0; i < size && rest > 0; i++) {
    if (rest >= 8) {
      out[i] = 0xff;
      rest -= 8;
    } else {
      out[i] = (0xff00 >> rest) & 0xff;
      rest = 0;
    }
  }
  return out;
}

/** The mask text for a prefix length (255.255.255.0, ffff:ffff:ffff:ffff::). Same range rule. */
export function prefixToMaskText(family: InetFamily, len: number): string {
  const m = prefixToMask(family, len);
  return family === 'inet' ? formatIPv4(m, 0) : formatIPv6(m, 0);
}

/**
 * The prefix length of a contiguous mask (`len` bytes at `off`, default the whole array);
 * null when the ones are not contiguous. A trimmed BSD mask may pass fewer bytes.
 */
export function maskToPrefix(bytes: Uint8Array, off = 0, len = bytes.length - off): number | null {
  let prefix = 0;
  let i = 0;
  for (; i < len; i++) {
    const b = bytes[off + i]!;
    if (b === 0xff) {
      prefix += 8;
      continue;
    }
    // Partial byte: must be 1s followed by 0s.
    const inv = ~b & 0xff;
    if ((inv & (inv + 1)) !== 0) return null;
    prefix += 8 - bitLength(inv);
    i++;
    break;
  }
  for (; i < len; i++) if (bytes[off + i] !== 0) return null;
  return prefix;
}

function bitLength(v: number): number {
  return v === 0 ? 0 : 32 - Math.clz32(v);
}
