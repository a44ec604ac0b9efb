/**
 * RouteSocket: the routing socket as a typed EventEmitter.
 *
 * It opens (or adopts) the descriptor through the native shim, decodes every
 * datagram with the codec of the wire format it speaks, emits one event per
 * message kind, and matches replies to the requests it sent (by sequence number,
 * on this socket only). It is also async-iterable.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { assertOsName, decodePartial, hostOs } from './codec';
import { DecodeError, type SystemError } from './errors';
import * as linux from './linux/index';
import type {
  Abi,
  AddressMessage,
  AnnounceMessage,
  InterfaceMessage,
  Message,
  MulticastMessage,
  NetlinkControlMessage,
  OsName,
  RouteMessage,
  UnknownMessage,
} from './model';
import { native, type NativeSocket } from './native';

/** Linux multicast groups (legacy RTMGRP_* bits), by name. */
export const LINUX_GROUPS = {
  link: 0x1,
  'inet-address': 0x10,
  'inet-route': 0x40,
  'inet6-address': 0x100,
  'inet6-route': 0x400,
} as const;
export type LinuxGroup = keyof typeof LINUX_GROUPS;

export interface RouteSocketOptions {
  /** Address family to hear about: BSD socket protocol / Linux groups. Default 'unspec' (all). */
  family?: 'unspec' | 'inet' | 'inet6';
  /**
   * Linux: multicast groups to join. Default: routes, addresses and links of the family.
   * `[]` gives a socket that only sends requests and reads their replies.
   */
  groups?: LinuxGroup[];
  /** SO_RCVBUF in bytes (root may exceed the system limit on Linux via SO_RCVBUFFORCE). */
  receiveBufferSize?: number;
  /** Keep the event loop alive while open. Default true. */
  ref?: boolean;
  /** Milliseconds before a request without a reply rejects with ETIMEDOUT. Default 5000. */
  requestTimeout?: number;
  /** Also emit the kernel's notifications of this socket's own requests. Default false. */
  ownEvents?: boolean;
  /** Datagrams read per wake-up before yielding to the event loop. Default 64. */
  maxDatagramsPerWake?: number;
  /**
   * Requests sent before their replies are read. More wait in order, so a burst
   * of requests never overflows the socket's receive buffer. Default 128.
   */
  maxInFlight?: number;
}

export interface AdoptOptions extends Omit<RouteSocketOptions, 'family' | 'groups'> {
  /** The wire format spoken on the descriptor (required: an adopted fd says nothing of itself). */
  platform: OsName;
  abi?: Abi;
  /** Linux: the netlink port id of the adopted socket, if known (for reply matching). */
  portId?: number;
}

/** Event name → listener arguments. A listener for 'add' gets a RouteMessage, and so on. */
export interface RouteSocketEvents {
  message: [Message];
  add: [RouteMessage];
  delete: [RouteMessage];
  change: [RouteMessage];
  get: [RouteMessage];
  losing: [RouteMessage];
  redirect: [RouteMessage];
  miss: [RouteMessage];
  lock: [RouteMessage];
  oldadd: [RouteMessage];
  olddel: [RouteMessage];
  resolve: [RouteMessage];
  get2: [RouteMessage];
  get_silent: [RouteMessage];
  desync: [RouteMessage];
  invalidate: [RouteMessage];
  bfd: [RouteMessage];
  proposal: [RouteMessage];
  source: [RouteMessage];
  setgate: [RouteMessage];
  llinfo_upd: [RouteMessage];
  newaddr: [AddressMessage];
  deladdr: [AddressMessage];
  chgaddr: [AddressMessage];
  chgaddrattr: [AddressMessage];
  ifinfo: [InterfaceMessage];
  ifinfo2: [InterfaceMessage];
  oifinfo: [InterfaceMessage];
  ooifinfo: [InterfaceMessage];
  newlink: [InterfaceMessage];
  dellink: [InterfaceMessage];
  newmaddr: [MulticastMessage];
  delmaddr: [MulticastMessage];
  newmaddr2: [MulticastMessage];
  ifannounce: [AnnounceMessage];
  ieee80211: [AnnounceMessage];
  unknown: [UnknownMessage];
  /** The kernel dropped messages (Linux ENOBUFS, FreeBSD SO_RERROR, OpenBSD RTM_DESYNC). */
  overflow: [Error];
  error: [Error];
  close: [];
}

/** What a request waits for. */
export type ReplyKind =
  /** Linux: NLMSG_ERROR (0 = success), collecting the messages before it (replies, NLM_F_ECHO echoes). */
  | 'ack'
  /** Linux: a multipart dump, ended by NLMSG_DONE. */
  | 'dump'
  /** BSD: the kernel's echo of the request (same seq and type). */
  | 'reply';

export interface RequestOptions {
  seq: number;
  expect: ReplyKind;
  /** BSD: the reply's message type (the request's own). */
  type?: string;
  timeout?: number;
  /**
   * The request changes the table and its replies are the kernel's notice of the
   * change (Linux NLM_F_ECHO excludes the sender from the multicast copy): with
   * `ownEvents`, they are also emitted as events.
   */
  notify?: boolean;
  /**
   * Linux dumps: each reply datagram goes to `collect` instead of being decoded into
   * messages here (listRoutes builds its Routes straight from the bytes). `collect` returns
   * the NLMSG_DONE / NLMSG_ERROR messages it met, which settle the request as usual; a
   * DecodeError it throws rejects the request. The request then resolves with [].
   */
  collect?: (datagram: Buffer) => NetlinkControlMessage[];
}

/** A refusal read from the kernel: errno in the numbering of `os`. */
export interface KernelRefusal extends Error {
  code: string;
  kernelErrno: number;
  os: OsName;
  extack?: string;
  replies: Message[];
}

/** One request waiting for its reply, matched by `seq`. */
interface Pending {
  seq: number;
  expect: ReplyKind;
  type: string | undefined;
  notify: boolean;
  collect: ((datagram: Buffer) => NetlinkControlMessage[]) | undefined;
  messages: Message[];
  /** Milliseconds allowed (for the ETIMEDOUT message) and the performance.now() it expires at. */
  timeout: number;
  deadline: number;
  /** The datagram that carries it, and its place there. */
  unit: Unit;
  slot: number;
}

/**
 * One datagram on the wire: a single request (request()), or several requests the
 * kernel answers one by one (netlink processes every nlmsghdr of a datagram).
 */
interface Unit {
  data: Uint8Array;
  /** Handed to the kernel; its unsettled requests count in #inFlight. */
  sent: boolean;
  /** Requests not settled yet. */
  left: number;
  requests: Pending[];
  /** single: settles with its one outcome; else resolves with every outcome once all are in. */
  single: boolean;
  /** Per request: its reply messages, or the error it failed with. */
  outcomes: Array<Message[] | Error>;
  resolve: (value: never) => void;
  reject: (err: Error) => void;
}

/**
 * RouteSocket[kRequestBatch](data, seqs, timeout?): sends one datagram holding one
 * rtnetlink request per seq (two of them, each with NLM_F_ACK; getRoute's lookup
 * pair) and resolves, once every one is
 * answered, with each request's reply messages or its error (a KernelRefusal,
 * ETIMEDOUT, ERR_SOCKET_CLOSED), in seq order. Never rejects; throws synchronously
 * when the socket is closed or a seq is already pending. `data` is read during the
 * call only (copied if the datagram has to wait), so the caller may reuse it.
 * Internal (lib/routes.ts).
 */
export const kRequestBatch: unique symbol = Symbol('pfroute.requestBatch');

// Promise executors without a closure per request: the executor hands its two
// functions over through these (the Promise constructor calls it synchronously).
let capturedResolve: ((value: never) => void) | null = null;
let capturedReject: ((err: Error) => void) | null = null;
function captureExecutor(resolve: (value: never) => void, reject: (err: Error) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

const NLMSG_ERROR = 2;
// A module-local binding: an imported re-export is a getter (CommonJS interop) and
// this runs for every datagram.
const decodeNetlinkPartial = linux.decodeNetlinkPartial;

let seqBase = (Math.random() * 0x3fffffff) >>> 0;

function closedError(): Error & { code: string } {
  return Object.assign(new Error('routing socket closed before the reply arrived'), { code: 'ERR_SOCKET_CLOSED' });
}

export class RouteSocket extends EventEmitter<RouteSocketEvents> {
  /** Wire format spoken on this socket. */
  readonly platform: OsName;
  readonly abi: Abi;
  /** Linux netlink port id (0 when unknown); BSD: undefined. */
  readonly portId: number | undefined;

  #handle: NativeSocket | null;
  #pending = new Map<number, Pending>();
  #ownSeqs = new Set<number>();
  #seq = (seqBase = (seqBase + 0x10000) & 0x3fffffff) + 1;
  #timeout: number;
  #ownEvents: boolean;
  #closed = false;
  #queue: Message[] = [];
  #waiters: Array<{ resolve: (r: IteratorResult<Message>) => void; reject: (e: Error) => void }> = [];
  #iterError: Error | null = null;
  /** Datagrams waiting for room in the window (each holds its requests). */
  #waiting: Unit[] = [];
  #inFlight = 0;
  #maxInFlight: number;
  /**
   * One timer for every request's timeout: armed for the earliest deadline, ref'd
   * while requests are pending (a pending request keeps the process alive, even on
   * an unref'd socket), left armed but unref'd when none are.
   */
  #timer: NodeJS.Timeout | null = null;
  #timerAt = 0;
  #timerRefed = false;
  readonly #onTimer = (): void => this.#sweep();

  private constructor(handle: NativeSocket, platform: OsName, abi: Abi, portId: number | undefined, opts: RouteSocketOptions) {
    super();
    this.#handle = handle;
    this.platform = platform;
    this.abi = abi;
    this.portId = portId;
    this.#timeout = opts.requestTimeout ?? 5000;
    this.#ownEvents = opts.ownEvents ?? false;
    this.#maxInFlight = opts.maxInFlight ?? 128;
    if (opts.ref === false) handle.unref();
    handle.start();
  }

  /** Opens the host's routing socket (PF_ROUTE; rtnetlink on Linux). */
  static open(options: RouteSocketOptions = {}): RouteSocket {
    checkOptions(options);
    const os = hostOs();
    if (!os) throw new Error(`pfroute: no routing socket on ${process.platform}`);
    const n = native();
    const c = n.constants;
    const family = options.family ?? 'unspec';
    if (os === 'linux') {
      const fd = n.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE ?? 0);
      try {
        const groups = options.groups ?? defaultGroups(family);
        let mask = 0;
        for (const g of groups) {
          const bit = LINUX_GROUPS[g];
          if (bit === undefined) throw new TypeError(`unknown group ${JSON.stringify(g)}: expected one of ${Object.keys(LINUX_GROUPS).join(', ')}`);
          mask |= bit;
        }
        const portId = n.netlinkBind(fd, mask);
        const sock = RouteSocket.#wrap(fd, 'linux', 64, portId, options);
        // Extended acks give the kernel's own words for a refusal; older kernels lack it.
        if (c.SOL_NETLINK !== undefined && c.NETLINK_EXT_ACK !== undefined) {
          try {
            sock.#handle?.setIntOption(c.SOL_NETLINK, c.NETLINK_EXT_ACK, 1);
          } catch {
            /* optional */
          }
        }
        return sock;
      } catch (e) {
        n.closeFd(fd);
        throw e;
      }
    }
    const proto = family === 'inet' ? c.AF_INET : family === 'inet6' ? c.AF_INET6 : c.AF_UNSPEC;
    const fd = n.open(c.PF_ROUTE, c.SOCK_RAW, proto);
    const sock = RouteSocket.#wrap(fd, os, 64, undefined, options);
    if (c.SO_RERROR !== undefined) {
      // FreeBSD: report receive-buffer overflow as ENOBUFS instead of dropping silently.
      try {
        sock.#handle?.setIntOption(c.SOL_SOCKET, c.SO_RERROR, 1);
      } catch {
        /* older kernels */
      }
    }
    return sock;
  }

  /**
   * Adopts a descriptor that is already open: one handed over by a privileged
   * helper, or any transport that keeps message boundaries (SOCK_DGRAM or
   * SOCK_SEQPACKET Unix sockets). The wire format must be named.
   */
  static adopt(fd: number, options: AdoptOptions): RouteSocket {
    if (!Number.isInteger(fd) || fd < 0) throw new TypeError(`fd must be a non-negative integer, got ${String(fd)}`);
    if (!options || typeof options !== 'object') throw new TypeError('adopt needs options with a platform');
    checkOptions(options);
    const abi = options.abi ?? 64;
    if (abi !== 32 && abi !== 64) throw new RangeError(`abi must be 32 or 64, got ${String(abi)}`);
    assertOsName(options.platform);
    return RouteSocket.#wrap(fd, options.platform, abi, options.platform === 'linux' ? (options.portId ?? 0) : undefined, options);
  }

  static #wrap(fd: number, os: OsName, abi: Abi, portId: number | undefined, options: RouteSocketOptions): RouteSocket {
    const n = native();
    let self: RouteSocket | null = null;
    const handle = new n.Socket(fd, (err, datagrams) => {
      if (self) self.#onRead(err, datagrams);
    }, options.maxDatagramsPerWake ?? 64);
    self = new RouteSocket(handle, os, abi, portId, options);
    if (options.receiveBufferSize !== undefined) {
      try {
        self.setReceiveBufferSize(options.receiveBufferSize);
      } catch (e) {
        self.close();
        throw e;
      }
    }
    return self;
  }

  /** The descriptor, or -1 once closed. */
  get fd(): number {
    return this.#handle?.fd ?? -1;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Requests waiting for their reply. */
  get pendingRequests(): number {
    return this.#pending.size;
  }

  /** A fresh sequence number for a request on this socket. */
  nextSeq(): number {
    this.#seq = this.#seq >= 0x7fffffff ? 1 : this.#seq + 1;
    return this.#seq;
  }

  /** Sends one raw message. Throws the kernel's refusal as a system error. */
  send(data: Uint8Array): number {
    if (!(data instanceof Uint8Array)) throw new TypeError('send expects a Buffer or Uint8Array');
    return this.#live('send').send(data);
  }

  /**
   * Sends a request and resolves with its reply messages, matched by `seq` on
   * this socket. A kernel refusal rejects with a KernelRefusal (errno in the
   * numbering of this socket's platform).
   */
  request(data: Uint8Array, options: RequestOptions): Promise<Message[]> {
    this.#live('send');
    if (!(data instanceof Uint8Array)) throw new TypeError('request expects a Buffer or Uint8Array');
    if (options === null || typeof options !== 'object') throw new TypeError('request needs options { seq, expect }');
    const { seq, expect } = options;
    if (typeof seq !== 'number') throw new TypeError(`seq must be a number, got ${typeof seq}`);
    if (!Number.isInteger(seq) || seq < 0 || seq > 0xffffffff) throw new RangeError(`seq must be a u32, got ${String(seq)}`);
    if (expect !== 'ack' && expect !== 'dump' && expect !== 'reply') {
      throw new TypeError(`expect must be 'ack', 'dump' or 'reply', got ${JSON.stringify(expect)}`);
    }
    if (options.timeout !== undefined && (typeof options.timeout !== 'number' || !Number.isFinite(options.timeout) || options.timeout <= 0)) {
      throw new RangeError(`timeout must be a positive number of milliseconds, got ${String(options.timeout)}`);
    }
    if (options.collect !== undefined && (typeof options.collect !== 'function' || this.platform !== 'linux' || expect !== 'dump')) {
      throw new TypeError('collect is a function, for Linux dump requests only');
    }
    if (this.#pending.has(seq)) throw new Error(`a request with seq ${seq} is already pending`);
    return this.#submit(data, seq, -1, expect, options.type, options.notify ?? false, options.collect, options.timeout ?? this.#timeout, true) as Promise<Message[]>;
  }

  [kRequestBatch](data: Uint8Array, seqs: readonly number[], timeout?: number): Promise<Array<Message[] | Error>> {
    this.#live('send');
    if (seqs.length === 2) {
      const a = seqs[0]!;
      const b = seqs[1]!;
      if (a === b || this.#pending.has(a) || this.#pending.has(b)) throw new Error(`a request with seq ${this.#pending.has(a) ? a : b} is already pending`);
      return this.#submit(data, a, b, 'ack', undefined, false, undefined, timeout ?? this.#timeout, false) as Promise<Array<Message[] | Error>>;
    }
    throw new RangeError(`a batch holds 2 requests, got ${seqs.length}`);
  }

  /** Registers the requests of one datagram (seq2 < 0: a single request), then sends it or queues it. */
  #submit(
    data: Uint8Array,
    seq: number,
    seq2: number,
    expect: ReplyKind,
    type: string | undefined,
    notify: boolean,
    collect: Pending['collect'],
    timeout: number,
    single: boolean,
  ): Promise<unknown> {
    const promise = new Promise<never>(captureExecutor);
    const unit: Unit = {
      data,
      sent: false,
      left: 0,
      requests: [],
      single,
      outcomes: [],
      resolve: capturedResolve!,
      reject: capturedReject!,
    };
    capturedResolve = capturedReject = null;
    const deadline = performance.now() + timeout;
    this.#add(unit, seq, expect, type, notify, collect, timeout, deadline);
    if (seq2 >= 0) this.#add(unit, seq2, expect, type, notify, collect, timeout, deadline);
    this.#armTimer(deadline);
    if (this.#waiting.length === 0 && this.#fits(unit)) {
      this.#transmit(unit);
    } else {
      // A batch's bytes are the caller's to reuse once the call returns: keep a copy.
      if (!single) unit.data = new Uint8Array(data);
      this.#waiting.push(unit);
    }
    return promise;
  }

  #add(
    unit: Unit,
    seq: number,
    expect: ReplyKind,
    type: string | undefined,
    notify: boolean,
    collect: Pending['collect'],
    timeout: number,
    deadline: number,
  ): void {
    const p: Pending = { seq, expect, type, notify, collect, messages: [], timeout, deadline, unit, slot: unit.requests.length };
    unit.requests.push(p);
    unit.outcomes.push(p.messages);
    unit.left++;
    this.#pending.set(seq, p);
    // Only BSD sockets hear late echoes of their own requests (see #onBsd).
    if (this.platform !== 'linux') this.#rememberOwn(seq);
  }

  /** Room in the window for this datagram's requests (an oversized one goes alone). */
  #fits(unit: Unit): boolean {
    return this.#inFlight === 0 || this.#inFlight + unit.left <= this.#maxInFlight;
  }

  #transmit(unit: Unit): void {
    unit.sent = true;
    this.#inFlight += unit.left;
    try {
      this.#live('send').send(unit.data);
    } catch (e) {
      const err = e as SystemError;
      // BSD write() returns the kernel's verdict (EEXIST, ESRCH, …) directly.
      const verdict =
        this.platform !== 'linux' && typeof err.errno === 'number' && err.code !== 'EAGAIN' && err.code !== 'EBADF'
          ? refusal(this.platform, -err.errno, err.code, undefined, [])
          : err;
      for (const p of unit.requests) this.#finish(p, verdict);
    }
  }

  /** Arms (or re-refs) the timeout timer for a request expiring at `deadline`. */
  #armTimer(deadline: number): void {
    const t = this.#timer;
    if (t === null || deadline < this.#timerAt) {
      if (t !== null) clearTimeout(t);
      this.#timerAt = deadline;
      // setTimeout takes at most 2^31-1 ms; a later deadline is checked again then.
      this.#timer = setTimeout(this.#onTimer, Math.min(0x7fffffff, Math.max(1, Math.ceil(deadline - performance.now()))));
      this.#timerRefed = true;
    } else if (!this.#timerRefed) {
      t.ref();
      this.#timerRefed = true;
    }
  }

  /** The timer fired: rejects the requests past their deadline, re-arms for the next one. */
  #sweep(): void {
    this.#timer = null;
    this.#timerRefed = false;
    if (this.#closed || this.#pending.size === 0) return;
    const now = performance.now();
    let next = Infinity;
    let expired: Pending[] | null = null;
    for (const p of this.#pending.values()) {
      if (p.deadline <= now) (expired ??= []).push(p);
      else if (p.deadline < next) next = p.deadline;
    }
    if (next !== Infinity) this.#armTimer(next);
    if (expired === null) return;
    for (const p of expired) {
      this.#finish(p, Object.assign(new Error(`no reply from the kernel within ${p.timeout} ms (seq ${p.seq})`), { code: 'ETIMEDOUT' }));
    }
  }

  /** BSD: SO_USELOOPBACK — whether this socket hears its own messages. */
  setUseLoopback(on: boolean): void {
    const c = native().constants;
    if (c.SO_USELOOPBACK === undefined) throw unsupported('SO_USELOOPBACK');
    this.#live('setsockopt').setIntOption(c.SOL_SOCKET, c.SO_USELOOPBACK, on ? 1 : 0);
  }

  /** BSD: shutdown(SHUT_RD), for a socket that only writes (route(8) does this). */
  shutdownRead(): void {
    this.#live('shutdown').shutdown(native().constants.SHUT_RD);
  }

  /** SO_RCVBUF; on Linux as root, SO_RCVBUFFORCE lifts the system cap. */
  setReceiveBufferSize(bytes: number): void {
    if (!Number.isInteger(bytes) || bytes <= 0 || bytes > 0x7fffffff) {
      throw new RangeError(`receiveBufferSize must be a positive integer, got ${String(bytes)}`);
    }
    const c = native().constants;
    const h = this.#live('setsockopt');
    if (c.SO_RCVBUFFORCE !== undefined) {
      try {
        h.setIntOption(c.SOL_SOCKET, c.SO_RCVBUFFORCE, bytes);
        return;
      } catch {
        /* not privileged: fall back to the capped option */
      }
    }
    h.setIntOption(c.SOL_SOCKET, c.SO_RCVBUF, bytes);
  }

  getReceiveBufferSize(): number {
    const c = native().constants;
    return this.#live('getsockopt').getIntOption(c.SOL_SOCKET, c.SO_RCVBUF);
  }

  ref(): this {
    this.#handle?.ref();
    return this;
  }

  /** Lets the process exit while this socket is open (pending requests still hold it: their timer is ref'd). */
  unref(): this {
    this.#handle?.unref();
    return this;
  }

  /** Closes the socket: idempotent, safe inside a listener; pending requests reject. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const h = this.#handle;
    this.#handle = null;
    h?.close();
    this.#waiting = [];
    this.#inFlight = 0;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerRefed = false;
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of all) this.#settled(p, closedError());
    for (const w of this.#waiters.splice(0)) w.resolve({ value: undefined, done: true });
    process.nextTick(() => this.emit('close'));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Message> {
    const next = (): Promise<IteratorResult<Message>> => {
      const m = this.#queue.shift();
      if (m) return Promise.resolve({ value: m, done: false });
      if (this.#iterError) {
        const e = this.#iterError;
        this.#iterError = null;
        return Promise.reject(e);
      }
      if (this.#closed) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
    };
    this.#iterating++;
    const it: AsyncIterableIterator<Message> = {
      next,
      return: async () => {
        this.#iterating--;
        this.close();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => it,
    };
    return it;
  }

  #iterating = 0;

  #live(syscall: string): NativeSocket {
    if (this.#closed || !this.#handle) {
      throw Object.assign(new Error(`${syscall} EBADF: routing socket is closed`), { code: 'EBADF', errno: -9, syscall });
    }
    return this.#handle;
  }

  #rememberOwn(seq: number): void {
    this.#ownSeqs.add(seq);
    if (this.#ownSeqs.size > 4096) {
      // Oldest first: Sets iterate in insertion order.
      const first = this.#ownSeqs.values().next().value;
      if (first !== undefined) this.#ownSeqs.delete(first);
    }
  }

  /** Settles one request with its reply messages or an error; a no-op once settled. */
  #finish(p: Pending, outcome: Message[] | Error): void {
    if (this.#pending.get(p.seq) !== p) return;
    this.#pending.delete(p.seq);
    const unit = p.unit;
    if (unit.sent) this.#inFlight--;
    this.#settled(p, outcome);
    if (unit.left === 0 && !unit.sent) {
      const i = this.#waiting.indexOf(unit);
      if (i >= 0) this.#waiting.splice(i, 1);
    }
    if (this.#pending.size === 0 && this.#timerRefed) {
      // Nothing pending: the armed timer must not hold the process.
      this.#timer?.unref();
      this.#timerRefed = false;
    }
    while (this.#waiting.length > 0 && !this.#closed && this.#fits(this.#waiting[0]!)) {
      this.#transmit(this.#waiting.shift()!);
    }
  }

  /** Records a request's outcome in its datagram; the last one settles the promise. */
  #settled(p: Pending, outcome: Message[] | Error): void {
    const unit = p.unit;
    unit.outcomes[p.slot] = outcome;
    if (--unit.left !== 0) return;
    if (!unit.single) unit.resolve(unit.outcomes as never);
    else if (outcome instanceof Error) unit.reject(outcome);
    else unit.resolve(outcome as never);
  }

  #onRead(err: SystemError | null, datagrams: Buffer[]): void {
    if (err) {
      if (err.code === 'ENOBUFS') {
        this.emit('overflow', err);
      } else if (err.code === 'EOF') {
        // The peer of an adopted stream-like descriptor went away: a clean end.
        this.close();
      } else {
        this.#fail(err);
      }
      return;
    }
    // Indexed loops on the per-datagram path: no iterator per wake-up.
    for (let i = 0; i < datagrams.length; i++) {
      if (this.#closed) return;
      this.#onDatagram(datagrams[i]!);
    }
  }

  #onDatagram(d: Buffer): void {
    if (this.platform === 'linux') {
      // A reply datagram holds only that reply's messages; its header names us.
      const seq = d.length >= 16 ? d.readUInt32LE(8) : 0;
      const pid = d.length >= 16 ? d.readUInt32LE(12) : 0;
      const mine = this.portId !== undefined && this.portId !== 0 && pid === this.portId;
      const p = mine ? this.#pending.get(seq) : undefined;
      if (p !== undefined) {
        if (p.collect !== undefined) {
          this.#collectDatagram(p, p.collect, d);
          return;
        }
        // The success ack of a pending request (a lone capped NLMSG_ERROR with error 0,
        // no TLVs) carries nothing to decode: its messages came before it.
        if (d.length === 36 && d.readUInt32LE(0) === 36 && d.readUInt16LE(4) === NLMSG_ERROR && d.readInt32LE(16) === 0) {
          this.#finish(p, p.messages);
          return;
        }
      }
      const { messages, error } = decodeNetlinkPartial(d);
      this.#onNetlink(p, mine, messages);
      if (error) this.#decodeFault(error);
      return;
    }
    const { messages, error } = decodePartial(d, { os: this.platform, abi: this.abi });
    for (const m of messages) this.#onBsd(m);
    if (error) this.#decodeFault(error);
  }

  /** A reply datagram of a request with `collect`: handed over, its control messages settle it. */
  #collectDatagram(p: Pending, collect: NonNullable<Pending['collect']>, d: Buffer): void {
    let control: NetlinkControlMessage[];
    try {
      control = collect(d);
    } catch (e) {
      this.#finish(p, e as Error);
      return;
    }
    for (const m of control) {
      if (m.type === 'error' || m.type === 'done') {
        this.#finish(p, m.errno ? refusal('linux', m.errno, undefined, m.extack, p.messages) : p.messages);
        return;
      }
    }
  }

  #onNetlink(p: Pending | undefined, mine: boolean, messages: Message[]): void {
    if (p) {
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]!;
        if (m.kind === 'control') {
          if (m.type === 'error' || m.type === 'done') {
            this.#finish(p, m.errno ? refusal('linux', m.errno, undefined, m.extack, p.messages) : p.messages);
            return;
          }
          continue;
        }
        p.messages.push(m);
        if (p.notify && this.#ownEvents) this.#deliver(m);
      }
      return;
    }
    for (const m of messages) {
      if (m.kind === 'control') continue;
      if (mine && !this.#ownEvents) continue;
      this.#deliver(m);
    }
  }

  #onBsd(m: Message): void {
    if (m.kind === 'route' && m.seq !== undefined) {
      const p = this.#pending.get(m.seq);
      if (p && (p.type === undefined || p.type === m.type)) {
        // The kernel echoes every request to every routing socket; a reply is
        // ours when it carries our seq and type (the pid may be rewritten).
        this.#finish(p, m.errno ? refusal(this.platform, m.errno, undefined, undefined, [m]) : [m]);
        if (!this.#ownEvents) return;
      } else if (this.#ownSeqs.has(m.seq) && !this.#ownEvents) {
        // A late echo of one of our requests (sequence numbers start at a random
        // base per socket, so another process's small seqs do not collide).
        return;
      }
    }
    this.#deliver(m);
  }

  #deliver(m: Message): void {
    this.emit('message', m);
    if (m.kind !== 'control') {
      // Route-shaped OpenBSD RTM_DESYNC means the kernel lost messages.
      if (m.type === 'desync') this.emit('overflow', Object.assign(new Error('routing socket desynchronised (RTM_DESYNC)'), { code: 'ENOBUFS' }));
      (this.emit as (name: string, m: Message) => boolean)(m.type, m);
    }
    if (this.#iterating > 0) {
      const w = this.#waiters.shift();
      if (w) w.resolve({ value: m, done: false });
      else this.#queue.push(m);
    }
  }

  #decodeFault(error: DecodeError): void {
    // A malformed datagram never crashes the process: it is reported, and
    // reading goes on with the next datagram.
    if (this.listenerCount('error') > 0) this.emit('error', error);
    else process.emitWarning(error.message, { code: error.code, type: 'DecodeWarning' });
  }

  #fail(err: Error): void {
    // A read error ends reading (the shim stopped polling). An iterator gets it
    // as its rejection; listeners get an 'error' event (unhandled, as in Node,
    // it becomes an uncaught exception).
    if (this.#iterating > 0) {
      const w = this.#waiters.shift();
      if (w) w.reject(err);
      else this.#iterError = err;
      if (this.listenerCount('error') === 0) return;
    }
    this.emit('error', err);
  }
}

function defaultGroups(family: 'unspec' | 'inet' | 'inet6'): LinuxGroup[] {
  if (family === 'inet') return ['link', 'inet-address', 'inet-route'];
  if (family === 'inet6') return ['link', 'inet6-address', 'inet6-route'];
  return ['link', 'inet-address', 'inet-route', 'inet6-address', 'inet6-route'];
}

function checkOptions(o: RouteSocketOptions): void {
  if (o === null || typeof o !== 'object') throw new TypeError('options must be an object');
  if (o.family !== undefined && !['unspec', 'inet', 'inet6'].includes(o.family)) {
    throw new TypeError(`family must be 'unspec', 'inet' or 'inet6', got ${JSON.stringify(o.family)}`);
  }
  if (o.groups !== undefined && !Array.isArray(o.groups)) throw new TypeError('groups must be an array');
  if (o.requestTimeout !== undefined && (!Number.isFinite(o.requestTimeout) || o.requestTimeout <= 0)) {
    throw new RangeError(`requestTimeout must be a positive number of milliseconds, got ${String(o.requestTimeout)}`);
  }
  if (o.receiveBufferSize !== undefined && (!Number.isInteger(o.receiveBufferSize) || o.receiveBufferSize <= 0 || o.receiveBufferSize > 0x7fffffff)) {
    throw new RangeError(`receiveBufferSize must be a positive integer, got ${String(o.receiveBufferSize)}`);
  }
  if (o.maxInFlight !== undefined && (!Number.isInteger(o.maxInFlight) || o.maxInFlight < 1)) {
    throw new RangeError(`maxInFlight must be a positive integer, got ${String(o.maxInFlight)}`);
  }
  if (o.maxDatagramsPerWake !== undefined && (!Number.isInteger(o.maxDatagramsPerWake) || o.maxDatagramsPerWake < 1)) {
    throw new RangeError(`maxDatagramsPerWake must be a positive integer, got ${String(o.maxDatagramsPerWake)}`);
  }
}

function unsupported(what: string): Error {
  return Object.assign(new Error(`${what} is not available on ${process.platform}`), { code: 'ENOTSUP' });
}

function refusal(os: OsName, errno: number, code: string | undefined, extack: string | undefined, replies: Message[]): KernelRefusal {
  const n = Math.abs(errno);
  const err = new Error(`kernel refused the request: errno ${n}${extack ? ` (${extack})` : ''}`) as KernelRefusal;
  err.code = code ?? `E${n}`;
  err.kernelErrno = n;
  err.os = os;
  if (extack) err.extack = extack;
  err.replies = replies;
  return err;
}
