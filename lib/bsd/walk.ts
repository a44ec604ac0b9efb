/**
 * The generic msglen-bounded walk over a routing-socket read or a sysctl dump.
 * It knows nothing about any OS: it asks layout.types[rtm_type] for the header and
 * parser, and every length is checked before it is used (never a RangeError, never a hang).
 */
import { DecodeError } from '../errors';
import { LazyRouteMessage, type LazySource, type RouteBuilder } from '../lazy';
import type { Abi, AddressSet, BsdOsName, Message, RouteMessage, RouteMessageType, UnknownMessage } from '../model';
import { parseAddress } from './address';
import { parseAnnounce } from './announce';
import { hexOf } from './bytes';
import { parseInterface } from './interface';
import { K_ADDRESS, K_ANNOUNCE, K_INTERFACE, K_MULTICAST, K_ROUTE, getLayout, type Layout, type MsgSpec, type RouteHeader } from './layouts';
import { parseMulticast } from './multicast';
import { parseRoute } from './route';
import { decodeSockaddrVector, validateSockaddrVector } from './sockaddr';

const PREFIX = ['', 'rtm', 'ifm', 'ifam', 'ifmam', 'ifan'];

function allZero(u8: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (u8[i] !== 0) return false;
  return true;
}

function toView(buf: Uint8Array): DataView {
  if (!(buf instanceof Uint8Array)) throw new TypeError('buffer must be a Uint8Array');
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Checks the header of one message and returns where its sockaddrs start. */
function sockaddrStart(u8: Uint8Array, dv: DataView, off: number, msglen: number, spec: MsgSpec, L: Layout): number {
  const size = spec.size;
  if (msglen < size) {
    throw new DecodeError(off, PREFIX[spec.kind]! + '_msglen', `${msglen} is shorter than the ${size}-byte header of RTM type ${u8[off + 3]}`);
  }
  let saStart = off + size;
  if (spec.hdrlen >= 0) {
    const hl = dv.getUint16(off + spec.hdrlen, true);
    if (hl < size || hl > msglen) {
      const field = L.iflistl && spec.hdrlen === 16 ? '_len' : '_hdrlen';
      throw new DecodeError(off + spec.hdrlen, PREFIX[spec.kind]! + field, `${hl} is outside [${size}, msglen ${msglen}]`);
    }
    saStart = off + hl;
  }
  return saStart;
}

function decodeOne(u8: Uint8Array, dv: DataView, off: number, msglen: number, spec: MsgSpec, L: Layout): Message {
  const saStart = sockaddrStart(u8, dv, off, msglen, spec, L);
  const end = off + msglen;
  switch (spec.kind) {
    case K_ROUTE:
      return parseRoute(u8, dv, off, end, saStart, spec.type, spec.hdr, L);
    case K_INTERFACE:
      return parseInterface(u8, dv, off, end, saStart, spec.type, spec.hdr, L);
    case K_ADDRESS:
      return parseAddress(u8, dv, off, end, saStart, spec.type, spec.hdr, L);
    case K_MULTICAST:
      return parseMulticast(u8, dv, off, end, saStart, spec.type, spec.hdr, L);
    case K_ANNOUNCE:
      return parseAnnounce(u8, dv, off, spec.type, spec.hdr);
  }
}

/** Builds a lazy route message's full object (validated when the lazy message was made). */
const buildRoute: RouteBuilder = (u8, dv, off, ctx) => {
  const L = ctx as Layout;
  return decodeOne(u8, dv, off, dv.getUint16(off, true), L.types[u8[off + 3]!]!, L) as RouteMessage;
};

/** Validates a route message completely and returns its lazy form. */
function lazyRoute(src: LazySource, off: number, msglen: number, spec: MsgSpec, L: Layout): Message {
  const u8 = src.u8;
  const dv = src.dv;
  const saStart = sockaddrStart(u8, dv, off, msglen, spec, L);
  const h = spec.hdr as RouteHeader;
  validateSockaddrVector(u8, dv, saStart, off + msglen, dv.getUint32(off + h.addrs, true), L);
  return new LazyRouteMessage(spec.type as RouteMessageType, src, off);
}

export interface BsdDecodeOptions {
  /** FreeBSD NET_RT_IFLISTL dump: RTM_IFINFO/RTM_NEWADDR carry if_msghdrl/ifa_msghdrl. */
  iflistl?: boolean;
  /** Route messages become LazyRouteMessage views (see lib/lazy.ts); other kinds stay eager. */
  lazy?: boolean;
}

export function decodeBsdPartial(
  buf: Uint8Array,
  os: BsdOsName,
  abi: Abi = 64,
  options?: BsdDecodeOptions,
): { messages: Message[]; error: DecodeError | null } {
  const L = getLayout(os, abi, options?.iflistl === true);
  const dv = toView(buf);
  const lazy: LazySource | null = options?.lazy === true ? { u8: buf, dv, build: buildRoute, ctx: L } : null;
  const u8 = buf;
  const n = u8.length;
  const messages: Message[] = [];
  let off = 0;
  try {
    while (off < n) {
      if (n - off < 4) {
        if (allZero(u8, off, n)) break;
        throw new DecodeError(off, 'rtm_msglen', `${n - off} trailing bytes are too short for a message header`);
      }
      const msglen = dv.getUint16(off, true);
      if (msglen === 0) {
        // Zero padding after the last message (an oversized sysctl buffer) ends the walk.
        if (allZero(u8, off, n)) break;
        throw new DecodeError(off, 'rtm_msglen', 'zero message length');
      }
      if (msglen < 4) throw new DecodeError(off, 'rtm_msglen', `${msglen} is shorter than the 4-byte common header`);
      if (msglen > n - off) {
        throw new DecodeError(off, 'rtm_msglen', `${msglen} exceeds the ${n - off} bytes left in the buffer`);
      }
      const type = u8[off + 3]!;
      const spec = L.types[type];
      if (spec === undefined) {
        const m: UnknownMessage = {
          kind: 'unknown',
          type: 'unknown',
          version: u8[off + 2]!,
          typeNumber: type,
          length: msglen,
          raw: hexOf(u8, off, off + msglen),
        };
        messages.push(m);
      } else if (lazy !== null && spec.kind === K_ROUTE) {
        messages.push(lazyRoute(lazy, off, msglen, spec, L));
      } else {
        messages.push(decodeOne(u8, dv, off, msglen, spec, L));
      }
      off += msglen;
    }
  } catch (e) {
    const err =
      e instanceof DecodeError
        ? e
        : e instanceof RangeError
          ? new DecodeError(off, 'message', `out of bounds: ${e.message}`)
          : null;
    if (!err) throw e;
    err.messagesBefore = messages.length;
    return { messages, error: err };
  }
  return { messages, error: null };
}

/** Decodes every message in `buf`; throws DecodeError (with messagesBefore) on the first fault. */
export function decodeBsd(buf: Uint8Array, os: BsdOsName, abi: Abi = 64, options?: BsdDecodeOptions): Message[] {
  const r = decodeBsdPartial(buf, os, abi, options);
  if (r.error) throw r.error;
  return r.messages;
}

/** Decodes a bare sockaddr vector (what follows a header) for the RTA_* bits in `addrsBitmask`. */
export function decodeBsdSockaddrs(buf: Uint8Array, addrsBitmask: number, os: BsdOsName, abi: Abi = 64): AddressSet {
  const L = getLayout(os, abi);
  const dv = toView(buf);
  try {
    return decodeSockaddrVector(buf, dv, 0, buf.length, addrsBitmask >>> 0, L);
  } catch (e) {
    if (e instanceof RangeError) throw new DecodeError(0, 'sockaddr', `out of bounds: ${e.message}`);
    throw e;
  }
}
