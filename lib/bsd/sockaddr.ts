/**
 * Sockaddr vectors after a routing-socket header: decode (with the kernel's quirks:
 * trimmed radix masks with meaningless family bytes, sa_len 0, unpadded last sockaddr,
 * KAME-embedded IPv6 scope, sockaddr_dl) and encode (route(8)-style).
 */
import { DecodeError } from '../errors';
import type { Address, AddressSet, MaskAddress } from '../model';
import { hexOf, inet4Text, inet6Text, macOf, prefixLengthOf } from './bytes';
import type { Layout } from './layouts';

/** RTAX indexes of mask roles and the RTAX index whose family they take. */
const RTAX_DST = 0;
const RTAX_NETMASK = 2;
const RTAX_GENMASK = 3;
const RTAX_IFA = 5;
const RTAX_SRC = 8; // OpenBSD
const RTAX_SRCMASK = 9; // OpenBSD

const RTAX_LABEL = 10; // OpenBSD RTAX_LABEL … RTAX_SEARCH
const RTAX_DNS = 12;
const RTAX_STATIC = 13;
const RTAX_SEARCH = 14;

/** OpenBSD sockaddr_rtlabel (RTA_LABEL): the route label text. */
export interface LabelAddress {
  family: 'label';
  address: string;
}

/** OpenBSD sockaddr_rtdns (RTA_DNS, RTM_PROPOSAL): name servers, `address` = servers joined by spaces. */
export interface DnsAddress {
  family: 'dns';
  address: string;
  /** sr_family: the family of the packed server addresses. */
  addressFamily: 'inet' | 'inet6' | number;
  servers: string[];
}

/** OpenBSD sockaddr_rtsearch (RTA_SEARCH, RTM_PROPOSAL): the domain search list text. */
export interface SearchAddress {
  family: 'search';
  address: string;
  addressFamily: 'inet' | 'inet6' | number;
}

/** OpenBSD sockaddr_rtstatic (RTA_STATIC, RTM_PROPOSAL): the static-route payload as hex. */
export interface StaticRoutesAddress {
  family: 'static';
  address: string;
  addressFamily: 'inet' | 'inet6' | number;
}

/** The typed forms of OpenBSD's special sockaddrs (they keep the model's `family` + `address`). */
export type OpenBsdSpecialAddress = LabelAddress | DnsAddress | SearchAddress | StaticRoutesAddress;

// Scratch space for one vector (decoding is synchronous, so one set is enough).
const OFFS = new Int32Array(32);
const LENS = new Int32Array(32);
const SCRATCH16 = new Uint8Array(16);

function roleName(L: Layout, i: number): string {
  return L.c.roles[i] ?? 'rtax' + i;
}

function isMaskIndex(L: Layout, i: number): boolean {
  return i === RTAX_NETMASK || i === RTAX_GENMASK || (i === RTAX_SRCMASK && L.os === 'openbsd');
}

/** sa_len of the sockaddr of RTAX index `i` at `off`; DecodeError when it is missing or runs past `end`. */
function saLen(u8: Uint8Array, off: number, end: number, i: number, L: Layout): number {
  if (off >= end) {
    throw new DecodeError(off, `sockaddr[${roleName(L, i)}].sa_len`, 'missing: the message ends before this sockaddr');
  }
  const len = u8[off]!;
  if (off + len > end) {
    throw new DecodeError(off, `sockaddr[${roleName(L, i)}].sa_len`, `sa_len ${len} runs past the end of the message (${end - off} bytes left)`);
  }
  return len;
}

/**
 * Finds every sockaddr of `mask` (RTA_* bits) in u8[start, end): fills OFFS/LENS and returns the
 * bits present. Throws DecodeError (absolute offsets) when a sockaddr is missing or runs past `end`.
 */
function locate(u8: Uint8Array, start: number, end: number, mask: number, L: Layout): number {
  const A = L.align;
  let off = start;
  let present = 0;
  for (let i = 0; i < 32; i++) {
    if (((mask >>> i) & 1) === 0) continue;
    const len = saLen(u8, off, end, i, L);
    OFFS[i] = off;
    LENS[i] = len;
    present |= 1 << i;
    off += len === 0 ? A : 1 + ((len - 1) | (A - 1));
    if (off > end) off = end; // the last sockaddr may be unpadded (darwin rt_msg1)
  }
  return present;
}

/** True when RTAX index `i` is decoded by decodeSockaddr (not a mask, not an OpenBSD special). */
function isPlainIndex(L: Layout, i: number, len: number): boolean {
  return !isMaskIndex(L, i) && !(i >= RTAX_LABEL && L.os === 'openbsd' && i !== RTAX_LABEL + 1 && len >= 2);
}

/**
 * Checks a sockaddr vector the way decodeSockaddrVector reads it, without building anything:
 * it throws exactly the DecodeError decoding would, so a lazy message can be decoded later
 * without a fault.
 */
export function validateSockaddrVector(u8: Uint8Array, dv: DataView, start: number, end: number, mask: number, L: Layout): void {
  // One pass, nothing stored: this runs once per message of a lazy decode.
  const A = L.align;
  const AF_LINK = L.c.AF_LINK;
  let off = start;
  let m = mask >>> 0;
  // A bad sockaddr_dl is reported after every bound is checked, as decoding (two passes) does.
  let badLink = -1;
  let badLinkLen = 0;
  let badLinkIndex = 0;
  for (let i = 0; m !== 0; i++, m >>>= 1) {
    if ((m & 1) === 0) continue;
    const len = saLen(u8, off, end, i, L);
    if (badLink < 0 && len >= 2 && u8[off + 1] === AF_LINK && isPlainIndex(L, i, len) && linkOverruns(u8, off, len)) {
      badLink = off;
      badLinkLen = len;
      badLinkIndex = i;
    }
    off += len === 0 ? A : 1 + ((len - 1) | (A - 1));
    if (off > end) off = end;
  }
  if (badLink >= 0) checkLink(u8, dv, badLink, badLinkLen, roleName(L, badLinkIndex));
}

function linkOverruns(u8: Uint8Array, off: number, len: number): boolean {
  const nlen = len >= 6 ? u8[off + 5]! : 0;
  const alen = len >= 7 ? u8[off + 6]! : 0;
  return nlen + alen > 0 && 8 + nlen + alen > len;
}

/**
 * Decodes the sockaddrs of `mask` (RTA_* bits) found in u8[start, end).
 * Throws DecodeError (absolute offsets) when a sockaddr is missing or runs past `end`.
 */
export function decodeSockaddrVector(
  u8: Uint8Array,
  dv: DataView,
  start: number,
  end: number,
  mask: number,
  L: Layout,
): AddressSet {
  const out: AddressSet = {};
  if (mask === 0) return out;
  // Pass 1: find every sockaddr (bounds only).
  const present = locate(u8, start, end, mask, L);
  // The family that trimmed masks take: dst's, else ifa's.
  let hint = -1;
  if (present & (1 << RTAX_DST) && LENS[RTAX_DST]! >= 2) hint = u8[OFFS[RTAX_DST]! + 1]!;
  else if (present & (1 << RTAX_IFA) && LENS[RTAX_IFA]! >= 2) hint = u8[OFFS[RTAX_IFA]! + 1]!;
  let srcHint = hint;
  if (present & (1 << RTAX_SRC) && LENS[RTAX_SRC]! >= 2) srcHint = u8[OFFS[RTAX_SRC]! + 1]!;
  // Pass 2: decode in RTAX order (the model's key order).
  for (let i = 0; i < 32; i++) {
    if (((present >>> i) & 1) === 0) continue;
    const role = roleName(L, i);
    if (isMaskIndex(L, i)) {
      out[role] = decodeMask(u8, OFFS[i]!, LENS[i]!, i === RTAX_SRCMASK ? srcHint : hint, L);
    } else if (i >= RTAX_LABEL && L.os === 'openbsd' && i !== RTAX_LABEL + 1 && LENS[i]! >= 2) {
      out[role] = decodeOpenbsdSpecial(u8, OFFS[i]!, LENS[i]!, i, L) as unknown as Address;
    } else {
      out[role] = decodeSockaddr(u8, dv, OFFS[i]!, LENS[i]!, role, L);
    }
  }
  return out;
}

function isScoped6(b0: number, b1: number): boolean {
  return (b0 === 0xfe && (b1 & 0xc0) === 0x80) || (b0 === 0xff && (b1 === 0x01 || b1 === 0x02));
}

/** Decodes one (non-mask) sockaddr of length `len` at `off`. */
export function decodeSockaddr(u8: Uint8Array, dv: DataView, off: number, len: number, role: string, L: Layout): Address {
  if (len === 0) return { family: 'unspec', address: '' };
  const fam = len >= 2 ? u8[off + 1]! : 0;
  const c = L.c;
  if (fam === c.AF_INET) {
    return {
      family: 'inet',
      address: inet4Text(len > 4 ? u8[off + 4]! : 0, len > 5 ? u8[off + 5]! : 0, len > 6 ? u8[off + 6]! : 0, len > 7 ? u8[off + 7]! : 0),
    };
  }
  if (fam === c.AF_INET6) {
    const b = SCRATCH16;
    const lim = len < 24 ? len : 24;
    for (let k = 0; k < 16; k++) b[k] = 8 + k < lim ? u8[off + 8 + k]! : 0;
    let zone = 0;
    if (isScoped6(b[0]!, b[1]!)) {
      zone = (b[2]! << 8) | b[3]!;
      b[2] = 0;
      b[3] = 0;
    }
    if (zone === 0 && len >= 28) zone = dv.getUint32(off + 24, true);
    const a = inet6Text(b);
    return zone !== 0 ? { family: 'inet6', address: a, zone } : { family: 'inet6', address: a };
  }
  if (fam === c.AF_LINK) return decodeLink(u8, dv, off, len, role);
  if (fam === 0) return { family: 'unspec', address: hexOf(u8, off + 2, off + len) };
  return { family: fam, address: hexOf(u8, off + 2, off + len) };
}

/** The one fault a sockaddr_dl can have: name and address bytes past its sdl_len. */
function checkLink(u8: Uint8Array, _dv: DataView, off: number, len: number, role: string): void {
  if (linkOverruns(u8, off, len)) {
    const nlen = len >= 6 ? u8[off + 5]! : 0;
    const alen = len >= 7 ? u8[off + 6]! : 0;
    throw new DecodeError(
      off + 5,
      `sockaddr[${role}].sdl_nlen`,
      `sdl_nlen ${nlen} + sdl_alen ${alen} exceed the ${len}-byte sockaddr_dl`,
    );
  }
}

function decodeLink(u8: Uint8Array, dv: DataView, off: number, len: number, role: string): Address {
  checkLink(u8, dv, off, len, role);
  const index = len >= 4 ? dv.getUint16(off + 2, true) : 0;
  const type = len >= 5 ? u8[off + 4]! : 0;
  const nlen = len >= 6 ? u8[off + 5]! : 0;
  const alen = len >= 7 ? u8[off + 6]! : 0;
  let name = '';
  let nend = off + 8 + nlen;
  while (nend > off + 8 && u8[nend - 1] === 0) nend--;
  for (let k = off + 8; k < nend; k++) name += String.fromCharCode(u8[k]!);
  const mac = alen > 0 ? macOf(u8, off + 8 + nlen, off + 8 + nlen + alen) : null;
  return { family: 'link', address: mac ?? 'link#' + index, index, type, name, mac };
}

/** Decodes a netmask/genmask in kernel (trimmed) form; `hint` is the family of dst (or ifa). */
export function decodeMask(u8: Uint8Array, off: number, len: number, hint: number, L: Layout): MaskAddress {
  const c = L.c;
  const wire = len >= 2 ? u8[off + 1]! : 0;
  const fam = wire === c.AF_INET || wire === c.AF_INET6 ? wire : hint;
  if (fam === c.AF_INET) {
    const b0 = len > 4 ? u8[off + 4]! : 0;
    const b1 = len > 5 ? u8[off + 5]! : 0;
    const b2 = len > 6 ? u8[off + 6]! : 0;
    const b3 = len > 7 ? u8[off + 7]! : 0;
    SCRATCH16[0] = b0;
    SCRATCH16[1] = b1;
    SCRATCH16[2] = b2;
    SCRATCH16[3] = b3;
    return { family: 'inet', address: inet4Text(b0, b1, b2, b3), prefixLength: prefixLengthOf(SCRATCH16, 0, 4) };
  }
  if (fam === c.AF_INET6) {
    const b = SCRATCH16;
    const lim = len < 24 ? len : 24;
    for (let k = 0; k < 16; k++) b[k] = 8 + k < lim ? u8[off + 8 + k]! : 0;
    // A scope embedded in a mask-shaped address is cleared, never turned into a zone.
    if (isScoped6(b[0]!, b[1]!)) {
      b[2] = 0;
      b[3] = 0;
    }
    return { family: 'inet6', address: inet6Text(b), prefixLength: prefixLengthOf(b, 0, 16) };
  }
  if (len === 0) return { family: 'unspec', address: '', prefixLength: null };
  if (wire === 0) return { family: 'unspec', address: hexOf(u8, off + 2, off + len), prefixLength: null };
  return { family: wire, address: hexOf(u8, off + 2, off + len), prefixLength: null };
}

function familyName(fam: number, L: Layout): 'inet' | 'inet6' | number {
  return fam === L.c.AF_INET ? 'inet' : fam === L.c.AF_INET6 ? 'inet6' : fam;
}

function textOf(u8: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let k = start; k < end; k++) {
    const ch = u8[k]!;
    if (ch === 0) break;
    s += String.fromCharCode(ch);
  }
  return s;
}

/** OpenBSD RTA_LABEL / RTA_DNS / RTA_STATIC / RTA_SEARCH sockaddrs (len >= 2). RTA_BFD stays raw. */
export function decodeOpenbsdSpecial(u8: Uint8Array, off: number, len: number, rtax: number, L: Layout): OpenBsdSpecialAddress {
  const fam = u8[off + 1]!;
  const end = off + len;
  switch (rtax) {
    case RTAX_LABEL:
      return { family: 'label', address: textOf(u8, off + 2, end) };
    case RTAX_DNS: {
      const af = familyName(fam, L);
      const servers: string[] = [];
      const alen = af === 'inet' ? 4 : af === 'inet6' ? 16 : 0;
      if (alen > 0) {
        for (let p = off + 2; p + alen <= end; p += alen) {
          servers.push(alen === 4 ? inet4Text(u8[p]!, u8[p + 1]!, u8[p + 2]!, u8[p + 3]!) : inet6Text(u8, p));
        }
        return { family: 'dns', address: servers.join(' '), addressFamily: af, servers };
      }
      return { family: 'dns', address: hexOf(u8, off + 2, end), addressFamily: af, servers };
    }
    case RTAX_SEARCH:
      return { family: 'search', address: textOf(u8, off + 2, end), addressFamily: familyName(fam, L) };
    case RTAX_STATIC:
    default:
      return { family: 'static', address: hexOf(u8, off + 2, end), addressFamily: familyName(fam, L) };
  }
}
