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
 * else is a read-only getter, so structuredClone / postMessage / Electron IPC and object spread
 * would drop those fields. Use `toJSON()` (or `plain()`) for a plain copy; JSON.stringify and
 * util.inspect show the full message. The bytes are read when a field is first accessed: do not
 * reuse the decoded buffer while its lazy messages are still to be read.
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

export class LazyRouteMessage implements RouteMessage {
  readonly kind: 'route';
  readonly type: RouteMessageType;
  // Three slots besides kind/type: the lazy form of a 100,000-route dump is small enough that
  // allocating it costs little more than walking the bytes (bench/decode.ts).
  #src: LazySource;
  #off: number;
  #m: RouteMessage | undefined;

  /** @internal Made by the decoders only, after validation. */
  constructor(type: RouteMessageType, src: LazySource, off: number) {
    if (src === null || typeof src !== 'object' || typeof src.build !== 'function' || typeof off !== 'number') {
      throw new TypeError('a LazyRouteMessage is made by decode(buf, { os, lazy: true }), not directly');
    }
    this.kind = 'route';
    this.type = type;
    this.#src = src;
    this.#off = off;
    this.#m = undefined;
  }

  #full(): RouteMessage {
    let m = this.#m;
    if (m === undefined) {
      const s = this.#src;
      m = s.build(s.u8, s.dv, this.#off, s.ctx);
      this.#m = m;
    }
    return m;
  }

  /** Offset of this message in the decoded buffer. */
  get byteOffset(): number {
    return this.#off;
  }

  get version(): number {
    return this.#full().version;
  }
  get index(): number {
    return this.#full().index;
  }
  get flags(): string[] {
    return this.#full().flags;
  }
  get rawFlags(): number {
    return this.#full().rawFlags;
  }
  get pid(): number | undefined {
    return this.#full().pid;
  }
  get seq(): number | undefined {
    return this.#full().seq;
  }
  get errno(): number | undefined {
    return this.#full().errno;
  }
  get refcnt(): number | undefined {
    return this.#full().refcnt;
  }
  get parentflags(): number | undefined {
    return this.#full().parentflags;
  }
  get use(): number | undefined {
    return this.#full().use;
  }
  get fmask(): number | undefined {
    return this.#full().fmask;
  }
  get tableid(): number | undefined {
    return this.#full().tableid;
  }
  get priority(): number | undefined {
    return this.#full().priority;
  }
  get mpls(): number | undefined {
    return this.#full().mpls;
  }
  get inits(): number | undefined {
    return this.#full().inits;
  }
  get addrs(): AddressSet {
    return this.#full().addrs;
  }
  get destination(): string | undefined {
    return this.#full().destination;
  }
  get metrics(): RouteMetrics | undefined {
    return this.#full().metrics;
  }
  get linux(): LinuxRouteInfo | undefined {
    return this.#full().linux;
  }

  /** The plain message (what eager decoding returns), built once and shared. */
  toJSON(): RouteMessage {
    return this.#full();
  }

  [inspect.custom](_depth: number, options: object): string {
    return 'LazyRouteMessage ' + inspect(this.#full(), options);
  }
}

/** The plain form of a message: a lazy message's full object, any other message as it is. */
export function plain<M extends Message>(m: M): M {
  if (m instanceof LazyRouteMessage) return m.toJSON() as M;
  if (m === null || typeof m !== 'object' || typeof (m as { kind?: unknown }).kind !== 'string') {
    throw new TypeError(`plain expects a decoded message, got ${m === null ? 'null' : typeof m}`);
  }
  return m;
}

/** True when `m` is a lazy view (fields are getters; see plain()); false for anything else. */
export function isLazy(m: unknown): m is LazyRouteMessage {
  return m instanceof LazyRouteMessage;
}
