/**
 * Lazy route messages: what `decode(buf, { lazy: true })` returns for route-shaped messages.
 *
 * Why: decoding a 100,000-route dump eagerly builds about ten objects and three strings per
 * route (address objects, their text, flag lists, metrics), and most of the time goes to the
 * garbage collector, not to decoding. A lazy message is one small object per route holding
 * where its bytes are; the addresses, flags and metrics are built on first access, once.
 *
 * What is not lazy: validation. Every length, bound and size the eager decoder checks has been
 * checked before a lazy message exists (the same DecodeError, same offset, same field), so a
 * getter never throws; the fuzzer holds lazy and eager decoding to the same result for every
 * input it makes.
 *
 * What a lazy message is not: plain data. `kind` and `type` are own properties and everything
 * else is a getter (no setter) over one object built on first access, so structuredClone /
 * postMessage / Electron IPC and object spread would drop those fields. `plain()` gives a plain
 * copy of its own; JSON.stringify and util.inspect show the full message. Reading any field but
 * kind/type builds that message in full: laziness pays when few of many messages are read. The
 * bytes are read when a field is first accessed: a buffer changed before then gives an Error
 * saying so, or (refilled with other valid bytes) the new bytes' values.
 */
import { inspect } from 'node:util';
import type { AddressSet, LinuxRouteInfo, Message, RouteMessage, RouteMessageType, RouteMetrics } from './model';

/**
 * Builds the eager message at `off` (cannot throw: validated). The message's length and type
 * are read again from its header rather than kept in every lazy message.
 */
export type RouteBuilder = (u8: Uint8Array, dv: DataView, off: number, ctx: unknown) => RouteMessage;

/** What every lazy message of one decode call shares (one object per call, not per message). */
export interface LazySource {
  u8: Uint8Array;
  dv: DataView;
  build: RouteBuilder;
  /** Codec context (the BSD layout). */
  ctx: unknown;
}

// The slots of a lazy message: symbol keys, so Object.keys, JSON and structuredClone see only
// kind and type. (Private #fields cost twice the time of the whole lazy decode in
// bench/decode.ts: every instance first defines each field, then assigns it.)
const SRC: unique symbol = Symbol('pfroute.lazy.source');
const OFF: unique symbol = Symbol('pfroute.lazy.offset');
const MSG: unique symbol = Symbol('pfroute.lazy.message');

/** The message's full object, built on first use (a function, not a private method: those brand every instance). */
function full(l: LazyRouteMessage): RouteMessage {
  let m = l[MSG];
  if (m === undefined) {
    const s = l[SRC];
    try {
      m = s.build(s.u8, s.dv, l[OFF], s.ctx);
    } catch (e) {
      // Validated bytes cannot fail to build: these were changed after decode.
      throw new Error(
        `the route message at offset ${l[OFF]} cannot be read: its buffer was changed after decode(…, { lazy: true }) (${(e as Error).message})`,
      );
    }
    l[MSG] = m;
  }
  return m;
}

export class LazyRouteMessage implements RouteMessage {
  // `declare`: no field definitions emitted; the constructor makes every slot, in one order.
  declare readonly kind: 'route';
  declare readonly type: RouteMessageType;
  // Unexported symbols: unreachable from outside this module.
  declare readonly [SRC]: LazySource;
  declare readonly [OFF]: number;
  declare [MSG]: RouteMessage | undefined;

  /** @internal Made by the decoders only, after validation. */
  constructor(type: RouteMessageType, src: LazySource, off: number) {
    if (src === null || typeof src !== 'object' || typeof src.build !== 'function' || typeof off !== 'number') {
      throw new TypeError('a LazyRouteMessage is made by decode(buf, { os, lazy: true }), not directly');
    }
    const self = this as { -readonly [K in keyof LazyRouteMessage]: LazyRouteMessage[K] } & Record<symbol, unknown>;
    self.kind = 'route';
    self.type = type;
    self[SRC] = src;
    self[OFF] = off;
    self[MSG] = undefined;
  }

  /** Offset of this message in the decoded buffer. */
  get byteOffset(): number {
    return this[OFF];
  }

  get version(): number {
    return full(this).version;
  }
  get index(): number {
    return full(this).index;
  }
  get flags(): string[] {
    return full(this).flags;
  }
  get rawFlags(): number {
    return full(this).rawFlags;
  }
  get pid(): number | undefined {
    return full(this).pid;
  }
  get seq(): number | undefined {
    return full(this).seq;
  }
  get errno(): number | undefined {
    return full(this).errno;
  }
  get refcnt(): number | undefined {
    return full(this).refcnt;
  }
  get parentflags(): number | undefined {
    return full(this).parentflags;
  }
  get use(): number | undefined {
    return full(this).use;
  }
  get fmask(): number | undefined {
    return full(this).fmask;
  }
  get tableid(): number | undefined {
    return full(this).tableid;
  }
  get priority(): number | undefined {
    return full(this).priority;
  }
  get mpls(): number | undefined {
    return full(this).mpls;
  }
  get inits(): number | undefined {
    return full(this).inits;
  }
  get addrs(): AddressSet {
    return full(this).addrs;
  }
  get destination(): string | undefined {
    return full(this).destination;
  }
  get metrics(): RouteMetrics | undefined {
    return full(this).metrics;
  }
  get linux(): LinuxRouteInfo | undefined {
    return full(this).linux;
  }

  /** The plain message (what eager decoding returns), built once and shared. */
  toJSON(): RouteMessage {
    return full(this);
  }

  [inspect.custom](_depth: number, options: object): string {
    return 'LazyRouteMessage ' + inspect(full(this), options);
  }
}

/**
 * The plain form of a message: for a lazy message, a copy of its full object (plain data, its
 * own to change, safe for structuredClone / IPC); any other message as it is.
 */
export function plain<M extends Message>(m: M): M {
  if (m instanceof LazyRouteMessage) return structuredClone(m.toJSON()) as M;
  if (m === null || typeof m !== 'object' || typeof (m as { kind?: unknown }).kind !== 'string') {
    throw new TypeError(`plain expects a decoded message, got ${m === null ? 'null' : typeof m}`);
  }
  return m;
}

/** True when `m` is a lazy view (fields are getters; see plain()); false for anything else. */
export function isLazy(m: unknown): m is LazyRouteMessage {
  return m instanceof LazyRouteMessage;
}
