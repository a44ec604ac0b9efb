/**
 * RouteMonitor: a live copy of the routing table that converges to the kernel's.
 *
 * It subscribes first, then dumps, then applies the events that arrived during the
 * dump (per key the last event wins, so replaying events older than the dump is
 * harmless). After that it applies add/change/delete events as they come. When the
 * kernel drops messages — an 'overflow' from the RouteSocket (Linux ENOBUFS,
 * OpenBSD RTM_DESYNC, FreeBSD SO_RERROR) — or when `resync()` is called, it dumps
 * again, replaces its view and emits the difference, so a lost event never leaves a
 * wrong picture for longer than one dump.
 */
import { EventEmitter } from 'node:events';
import { listRoutes, toRoute, type FamilyFilter } from './list';
import type { Message, Route, RouteMessage, RouteMessageType } from './model';
import { RouteSocket } from './socket';

export interface RouteMonitorFilter {
  /** Event types to emit as 'add' | 'delete' | 'change' (default all three). The view is not affected. */
  types?: Array<'add' | 'delete' | 'change'>;
  /** Track only routes carrying every one of these flag names (UP, GATEWAY, HOST, STATIC, …). */
  flags?: string[];
  /** Track only routes through one of these interfaces (names or indexes). */
  interfaces?: Array<string | number>;
}

export interface RouteMonitorOptions {
  /** Default 'unspec' (both). */
  family?: FamilyFilter;
  /** Linux table: a number, 'main' (default) or 'all'. FreeBSD fib / OpenBSD rtable number. */
  table?: number | 'main' | 'all';
  /** SO_RCVBUF of the event socket, in bytes. */
  receiveBufferSize?: number;
  /** Emit 'changed' with the snapshot difference once the table has been quiet this long. */
  debounceMs?: number;
  filter?: RouteMonitorFilter;
  /** Keep the event loop alive while started. Default true. */
  ref?: boolean;
}

export interface RouteDiff {
  added: Route[];
  removed: Route[];
  changed: Array<{ before: Route; after: Route }>;
}

export interface ResyncInfo {
  /** Why: 'overflow' (the kernel dropped messages) or 'request' (resync() was called). */
  reason: 'overflow' | 'request';
  added: number;
  removed: number;
  changed: number;
  /** Routes in the view after the resync. */
  routes: number;
}

export interface RouteMonitorEvents {
  add: [Route];
  delete: [Route];
  change: [Route, Route];
  resync: [ResyncInfo];
  changed: [RouteDiff];
  overflow: [Error];
  error: [Error];
  close: [];
}

const RT_TABLE_MAIN = 254;
const RTM_F_CLONED = 0x200;
const ROUTE_EVENTS = new Set<RouteMessageType>(['add', 'change', 'delete']);

/**
 * The identity of a route in the view: family, table, destination and metric; plus
 * the scope interface of a macOS RTF_IFSCOPE route; plus, for Linux IPv6, the
 * interface and gateway — IPv6 keeps one route per next hop (fe80::/64 on every
 * link, ECMP siblings), where IPv4 keeps one per destination and metric.
 */
export function routeKey(r: Route): string {
  const base = baseKey(r);
  return r.family === 'inet6' && r.routeType !== undefined ? `${base}|${r.interfaceIndex}|${r.gateway ?? ''}` : base;
}

function baseKey(r: Route): string {
  const k = `${r.family}|${r.table ?? 0}|${r.destination}|${r.metric ?? 0}`;
  return r.scoped ? `${k}|scope ${r.interfaceIndex}` : k;
}

function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function checkOptions(o: unknown): RouteMonitorOptions {
  if (o === undefined) return {};
  if (o === null || typeof o !== 'object') throw new TypeError('RouteMonitor options must be an object');
  const opts = o as RouteMonitorOptions;
  if (opts.debounceMs !== undefined && (!Number.isFinite(opts.debounceMs) || opts.debounceMs < 0)) {
    throw new RangeError(`debounceMs must be a non-negative number, got ${String(opts.debounceMs)}`);
  }
  const rb = opts.receiveBufferSize;
  if (rb !== undefined && (!Number.isInteger(rb) || rb <= 0 || rb > 0x7fffffff)) {
    // Checked here, before the socket opens: a refusal after open would leave a live handle behind.
    throw new RangeError(`receiveBufferSize must be a positive integer, got ${String(rb)}`);
  }
  if (opts.ref !== undefined && typeof opts.ref !== 'boolean') throw new TypeError('ref must be a boolean');
  const f = opts.filter;
  if (f !== undefined) {
    if (f === null || typeof f !== 'object') throw new TypeError('filter must be an object');
    if (f.types !== undefined && (!Array.isArray(f.types) || f.types.some((t) => t !== 'add' && t !== 'delete' && t !== 'change'))) {
      throw new TypeError(`filter.types must be an array of 'add', 'delete', 'change'`);
    }
    if (f.flags !== undefined && (!Array.isArray(f.flags) || f.flags.some((x) => typeof x !== 'string'))) {
      throw new TypeError('filter.flags must be an array of flag names');
    }
    if (f.interfaces !== undefined && (!Array.isArray(f.interfaces) || f.interfaces.some((x) => typeof x !== 'string' && !Number.isInteger(x)))) {
      throw new TypeError('filter.interfaces must be an array of interface names or indexes');
    }
  }
  return opts;
}

export class RouteMonitor extends EventEmitter<RouteMonitorEvents> {
  #socket: RouteSocket;
  #opts: RouteMonitorOptions;
  #family: FamilyFilter;
  #table: number | 'all';
  #view = new Map<string, Route>();
  /** Events held while a dump is in flight (null when none is). */
  #held: RouteMessage[] | null = null;
  #resyncing: Promise<ResyncInfo> | null = null;
  #again: 'overflow' | 'request' | null = null;
  #closed = false;
  /** True while start() takes the first snapshot: an overflow then only marks a redo. */
  #starting = true;
  #names = new Map<number, string>();
  #baseline: Map<string, Route> | null = null;
  #debounce: NodeJS.Timeout | null = null;
  #firstPending = 0;
  #stats = { overflows: 0, resyncs: 0, events: 0 };
  #sockOpts: Parameters<typeof RouteSocket.open>[0];
  #refd = true;

  private constructor(socket: RouteSocket, opts: RouteMonitorOptions, sockOpts: Parameters<typeof RouteSocket.open>[0]) {
    super();
    this.#socket = socket;
    this.#sockOpts = sockOpts;
    this.#refd = sockOpts?.ref !== false;
    this.#opts = opts;
    this.#family = opts.family ?? 'unspec';
    const t = opts.table;
    this.#table = t === undefined || t === 'main' ? (socket.platform === 'linux' ? RT_TABLE_MAIN : 0) : t;
  }

  /** Opens the event socket, takes the first snapshot and resolves once the view is complete. */
  static async start(options?: RouteMonitorOptions): Promise<RouteMonitor> {
    const opts = checkOptions(options);
    const family = opts.family ?? 'unspec';
    if (family !== 'inet' && family !== 'inet6' && family !== 'unspec') {
      throw new TypeError(`family must be 'inet', 'inet6' or 'unspec', got ${JSON.stringify(family)}`);
    }
    const t = opts.table;
    if (t !== undefined && t !== 'main' && t !== 'all' && (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > 0xffffffff)) {
      throw new RangeError(`table must be an integer 0..4294967295, 'main' or 'all', got ${JSON.stringify(t)}`);
    }
    // Subscribe before the dump, so nothing between the two is missed.
    const sockOpts: Parameters<typeof RouteSocket.open>[0] = { family };
    if (family === 'inet') sockOpts.groups = ['inet-route'];
    else if (family === 'inet6') sockOpts.groups = ['inet6-route'];
    else sockOpts.groups = ['inet-route', 'inet6-route'];
    if (opts.receiveBufferSize !== undefined) sockOpts.receiveBufferSize = opts.receiveBufferSize;
    if (opts.ref === false) sockOpts.ref = false;
    const socket = RouteSocket.open(sockOpts);
    const m = new RouteMonitor(socket, opts, sockOpts);
    try {
      m.#held = [] as RouteMessage[];
      m.#listen(socket);
      const routes = await m.#dump();
      const view = new Map<string, Route>();
      for (const r of routes) if (m.#tracked(r)) view.set(routeKey(r), r);
      m.#view = view;
      // Events that raced the dump: applied quietly (nobody listens before start resolves).
      const held = m.#held;
      m.#held = null;
      for (const e of held) m.#apply(e, m.#view, false);
      if (opts.debounceMs !== undefined) m.#lastEmitted = new Map(m.#view);
      m.#starting = false;
      // An overflow during the first dump: its events may be gone, dump again.
      if (m.#again) void m.#resyncLoop().catch((e: Error) => m.#onError(e));
      return m;
    } catch (e) {
      socket.close();
      throw e;
    }
  }

  #listen(socket: RouteSocket): void {
    socket.on('message', (msg) => {
      if (socket === this.#socket) this.#onMessage(msg);
    });
    socket.on('overflow', (err) => {
      if (socket === this.#socket) this.#onOverflow(err);
    });
    socket.on('error', (err) => {
      if (socket !== this.#socket) return;
      this.#onError(err);
      // A read error stops the socket and a malformed datagram is a message lost:
      // either way the view may now be wrong, so start over from a fresh subscription.
      void this.#requestResync('overflow').catch((e: Error) => this.#onError(e));
    });
  }

  /**
   * After an overflow the old socket's queue holds events from before the gap; applied
   * after the new dump they would undo what the lost events did (a route deleted in the
   * gap coming back). A fresh subscription carries only events newer than the gap.
   */
  #resubscribe(): void {
    const fresh = RouteSocket.open(this.#sockOpts);
    if (!this.#refd) fresh.unref();
    const stale = this.#socket;
    this.#socket = fresh;
    this.#listen(fresh);
    stale.close();
  }

  /** The current view of the table. */
  routes(): Route[] {
    return [...this.#view.values()];
  }

  /** Number of routes in the view. */
  get size(): number {
    return this.#view.size;
  }

  /** Overflows seen, resyncs done, route events applied. */
  get stats(): { overflows: number; resyncs: number; events: number } {
    return { ...this.#stats };
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Dumps the table again, replaces the view and emits the difference. */
  resync(): Promise<ResyncInfo> {
    if (this.#closed) return Promise.reject(Object.assign(new Error('RouteMonitor is closed'), { code: 'ERR_MONITOR_CLOSED' }));
    return this.#requestResync('request');
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#debounce = null;
    this.#socket.close();
    process.nextTick(() => this.emit('close'));
  }

  ref(): this {
    this.#refd = true;
    this.#socket.ref();
    return this;
  }

  unref(): this {
    this.#refd = false;
    this.#socket.unref();
    return this;
  }

  // -------------------------------------------------------------------------

  async #dump(): Promise<Route[]> {
    return listRoutes({ family: this.#family, table: this.#table === RT_TABLE_MAIN ? 'main' : this.#table });
  }

  #tracked(r: Route): boolean {
    const f = this.#opts.filter;
    if (!f) return true;
    if (f.flags && !f.flags.every((x) => r.flags.includes(x))) return false;
    if (f.interfaces && !f.interfaces.some((i) => (typeof i === 'number' ? r.interfaceIndex === i : r.interface === i))) return false;
    return true;
  }

  #emits(type: 'add' | 'delete' | 'change'): boolean {
    const t = this.#opts.filter?.types;
    return !t || t.includes(type);
  }

  #routeOf(m: RouteMessage): Route | null {
    if (m.linux) {
      if (this.#table !== 'all' && m.linux.table !== this.#table) return null;
      if (m.linux.rtmFlags & RTM_F_CLONED) return null;
    } else if (this.#table !== 'all' && typeof this.#table === 'number' && this.#table !== 0 && m.tableid !== undefined && m.tableid !== this.#table) {
      return null;
    }
    const r = toRoute(m, this.#names);
    if (!r) return null;
    if (this.#family !== 'unspec' && r.family !== this.#family) return null;
    return r;
  }

  #onMessage(msg: Message): void {
    if (this.#closed || msg.kind !== 'route' || !ROUTE_EVENTS.has(msg.type)) return;
    if (this.#held) {
      this.#held.push(msg);
      return;
    }
    this.#apply(msg, this.#view, true);
  }

  /** Applies one event to `view`; emits when `emit`. */
  #apply(msg: RouteMessage, view: Map<string, Route>, emit: boolean): void {
    const r = this.#routeOf(msg);
    if (!r || !this.#tracked(r)) return;
    this.#stats.events++;
    const key = routeKey(r);
    const before = view.get(key);
    if (msg.type === 'delete') {
      if (!before) return;
      view.delete(key);
      if (emit) this.#emitChange('delete', before);
      return;
    }
    if (msg.type === 'change' && key !== baseKey(r)) {
      // IPv6 replace: the new next hop takes the place of the route's siblings.
      const prefix = `${baseKey(r)}|`;
      for (const [k, old] of view) {
        if (k !== key && k.startsWith(prefix)) {
          view.delete(k);
          if (emit) this.#emitChange('delete', old);
        }
      }
    }
    view.set(key, r);
    if (!emit) return;
    if (!before) this.#emitChange('add', r);
    else if (!sameRoute(before, r)) this.#emitChange('change', r, before);
  }

  #emitChange(type: 'add' | 'delete' | 'change', r: Route, before?: Route): void {
    this.#touched();
    if (!this.#emits(type)) return;
    if (type === 'change') this.emit('change', r, before!);
    else this.emit(type, r);
  }

  #replayHeld(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const m of held) this.#apply(m, this.#view, true);
  }

  #onOverflow(err: Error): void {
    if (this.#closed) return;
    this.#stats.overflows++;
    if (this.listenerCount('overflow') > 0) this.emit('overflow', err);
    void this.#requestResync('overflow').catch((e: Error) => this.#onError(e));
  }

  #onError(err: Error): void {
    if (this.#closed) return;
    if (this.listenerCount('error') > 0) this.emit('error', err);
    else process.emitWarning(err.message, { type: 'RouteMonitorWarning' });
  }

  #requestResync(reason: 'overflow' | 'request'): Promise<ResyncInfo> {
    if (this.#starting) {
      // The first dump is in flight; start() dumps again when it is done.
      this.#again = 'overflow';
      return Promise.resolve({ reason, added: 0, removed: 0, changed: 0, routes: 0 });
    }
    if (this.#resyncing) {
      // One more dump after the running one: events may have been lost after it began.
      if (this.#again !== 'overflow') this.#again = reason;
      return this.#resyncing;
    }
    this.#again = reason;
    return this.#resyncLoop();
  }

  #resyncLoop(): Promise<ResyncInfo> {
    const run = async (): Promise<ResyncInfo> => {
      let info: ResyncInfo | null = null;
      try {
        while (this.#again && !this.#closed) {
          const reason = this.#again;
          this.#again = null;
          info = await this.#resyncOnce(reason);
        }
      } finally {
        this.#resyncing = null;
      }
      return info ?? { reason: 'request', added: 0, removed: 0, changed: 0, routes: this.#view.size };
    };
    this.#resyncing = run();
    return this.#resyncing;
  }

  async #resyncOnce(reason: 'overflow' | 'request'): Promise<ResyncInfo> {
    if (reason === 'overflow') this.#resubscribe();
    this.#held = [];
    let routes: Route[];
    try {
      routes = await this.#dump();
    } catch (e) {
      this.#replayHeld();
      throw e;
    }
    if (this.#closed) return { reason, added: 0, removed: 0, changed: 0, routes: 0 };
    const next = new Map<string, Route>();
    for (const r of routes) if (this.#tracked(r)) next.set(routeKey(r), r);
    const held = this.#held ?? [];
    this.#held = null;
    for (const m of held) this.#apply(m, next, false);
    const old = this.#view;
    this.#view = next;
    this.#stats.resyncs++;
    let added = 0;
    let removed = 0;
    let changed = 0;
    for (const [k, r] of old) {
      if (!next.has(k)) {
        removed++;
        this.#emitChange('delete', r);
      }
    }
    for (const [k, r] of next) {
      const before = old.get(k);
      if (!before) {
        added++;
        this.#emitChange('add', r);
      } else if (!sameRoute(before, r)) {
        changed++;
        this.#emitChange('change', r, before);
      }
    }
    const info: ResyncInfo = { reason, added, removed, changed, routes: next.size };
    this.emit('resync', info);
    return info;
  }

  /** Debounced 'changed': the difference between the view at the last emission and now. */
  #touched(): void {
    const ms = this.#opts.debounceMs;
    if (ms === undefined) return;
    if (!this.#baseline) {
      // The view before this change: copy-on-first-touch. The current map already
      // holds the change, so rebuild the baseline lazily from the last emitted state.
      this.#baseline = this.#lastEmitted ?? new Map();
      this.#firstPending = Date.now();
    }
    if (this.#debounce) clearTimeout(this.#debounce);
    // Quiet for `ms`, but never hold a difference back longer than 10 × ms under constant churn.
    const wait = Math.max(0, Math.min(ms, this.#firstPending + ms * 10 - Date.now()));
    this.#debounce = setTimeout(() => this.#flushChanged(), wait);
    if (this.#opts.ref === false) this.#debounce.unref();
  }

  #lastEmitted: Map<string, Route> | null = null;

  #flushChanged(): void {
    this.#debounce = null;
    const base = this.#baseline ?? new Map<string, Route>();
    this.#baseline = null;
    const now = new Map(this.#view);
    this.#lastEmitted = now;
    const diff: RouteDiff = { added: [], removed: [], changed: [] };
    for (const [k, r] of base) if (!now.has(k)) diff.removed.push(r);
    for (const [k, r] of now) {
      const b = base.get(k);
      if (!b) diff.added.push(r);
      else if (!sameRoute(b, r)) diff.changed.push({ before: b, after: r });
    }
    if (diff.added.length || diff.removed.length || diff.changed.length) this.emit('changed', diff);
  }
}
