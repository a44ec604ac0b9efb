/**
 * Route management with kernel-confirmed results: add, change, delete, get, flush,
 * default gateway. Each operation validates its spec before anything is sent,
 * builds the request for the wire format spoken (BSD rt_msghdr or rtnetlink),
 * sends it with its own sequence number and resolves with the kernel's reply:
 * the BSD echo of the request, or the rtnetlink NLM_F_ECHO copy of the change.
 */
import { formatIPv4, formatIPv6 } from './addr';
import { bsdConstants, encodeRouteMessage, type BsdRouteRequest } from './bsd/index';
import { decode, hostOs } from './codec';
import { routeError } from './errno';
import { encodeRouteRequest, HOST_LE, NL, type NetlinkRouteRequest } from './linux/index';
import { listRoutes, netlinkDump, toRoute } from './list';
import type { Abi, Address, BsdOsName, LinkAddress, MaskAddress, Message, OsName, Route, RouteMessage } from './model';
import { native } from './native';
import { kRequestBatch, RouteSocket, type KernelRefusal } from './socket';
import { checkOptionsObject, describeRoute, METRIC_NAMES, normalizeRoute, type InterfaceRef, type NormalizedRoute, type RouteOp, type RouteSpec } from './spec';

export interface OperationOptions {
  /** The socket to send on. Default: a shared module-level socket (unref'd, opened on first use). */
  socket?: RouteSocket;
  /** Build the request and return its bytes and decoding; send nothing. */
  dryRun?: boolean;
  /** Dry run only: the wire format to build for (default: this host's). */
  os?: OsName;
  /** Dry run only: the ABI of that format. */
  abi?: Abi;
  /** Milliseconds to wait for the kernel's reply. */
  timeout?: number;
}

export interface DryRunResult {
  dryRun: true;
  op: RouteOp;
  os: OsName;
  /** describeRoute text of the request. */
  route: string;
  bytes: Buffer;
  hex: string;
  /** The request decoded by the same codec that reads the kernel's messages. */
  messages: Message[];
}

export interface RouteChangeResult {
  dryRun: false;
  op: 'add' | 'change' | 'delete';
  route: string;
  /** The kernel's own record of the change (BSD: the echoed reply; Linux: the NLM_F_ECHO copy). */
  message: RouteMessage | null;
  /** The same as a plain Route. */
  result: Route | null;
}

/** What `route get` reports: the route the kernel would use for an address. */
export interface RouteLookup extends Route {
  /** The address (or prefix) that was looked up. */
  routeTo: string;
  /** The kernel's reply. */
  message: RouteMessage;
}

let shared: RouteSocket | null = null;

/** The module-level socket the operations use when none is given (unref'd). */
export function sharedSocket(): RouteSocket {
  if (!shared || shared.closed) {
    shared = RouteSocket.open({ groups: [], ref: false, maxInFlight: 128 });
  }
  return shared;
}

/** Closes the module-level socket (it reopens on next use). */
export function closeSharedSocket(): void {
  shared?.close();
  shared = null;
}

function targetOs(opts: OperationOptions): { os: OsName; abi: Abi } {
  if (opts.os !== undefined && !opts.dryRun) {
    throw new TypeError('options.os selects a wire format for dry runs only; a live request speaks the host format');
  }
  const os = opts.os ?? hostOs();
  if (!os) throw Object.assign(new Error(`pfroute: no routing socket on ${process.platform}`), { code: 'ENOTSUP' });
  const abi = opts.abi ?? 64;
  if (abi !== 32 && abi !== 64) throw new RangeError(`abi must be 32 or 64, got ${String(abi)}`);
  return { os, abi };
}

const NO_OPTIONS: OperationOptions = Object.freeze({});

function checkOptions(opts: unknown): OperationOptions {
  if (opts === undefined) return NO_OPTIONS;
  if (opts === null || typeof opts !== 'object') throw new TypeError('options must be an object');
  const o = opts as OperationOptions;
  if (o.socket !== undefined && !(o.socket instanceof RouteSocket)) throw new TypeError('options.socket must be a RouteSocket');
  if (o.timeout !== undefined && (!Number.isFinite(o.timeout) || o.timeout <= 0)) {
    throw new RangeError(`options.timeout must be a positive number of milliseconds, got ${String(o.timeout)}`);
  }
  return o;
}

/** Interface names resolve on the host only; a dry run for another OS keeps names as names. */
function resolverFor(os: OsName): ((name: string) => number) | undefined {
  if (os !== hostOs()) return undefined;
  return (name) => native().ifNameToIndex(name);
}

function addrText(family: 'inet' | 'inet6', b: Uint8Array): string {
  return family === 'inet' ? formatIPv4(b, 0) : formatIPv6(b, 0);
}

function needIndex(ref: InterfaceRef, what: string): number {
  if (ref.index !== undefined && ref.index > 0) return ref.index;
  throw new TypeError(
    `${what} ${JSON.stringify(ref.name ?? ref.index)}: give the interface index (a name is resolved only for requests to this host's kernel)`,
  );
}

// ---------------------------------------------------------------------------
// Linux (rtnetlink)

const LINUX_METRICS: Partial<Record<(typeof METRIC_NAMES)[number], { key: string; rtax: number }>> = {
  mtu: { key: 'mtu', rtax: NL.RTAX_MTU },
  hopcount: { key: 'hoplimit', rtax: NL.RTAX_HOPLIMIT },
  rtt: { key: 'rtt', rtax: NL.RTAX_RTT },
  rttvar: { key: 'rttvar', rtax: NL.RTAX_RTTVAR },
  ssthresh: { key: 'ssthresh', rtax: NL.RTAX_SSTHRESH },
};

/** Spec parts a Linux route cannot carry: refused rather than silently dropped. */
function refuseOnLinux(n: NormalizedRoute): void {
  const none = (what: string) => {
    throw new TypeError(`${what} has no Linux equivalent (the route would be installed without it)`);
  };
  if (n.ifscope) none('ifscope (macOS RTF_IFSCOPE)');
  if (n.flags.proto1) none('proto1 (RTF_PROTO1)');
  if (n.flags.proto2) none('proto2 (RTF_PROTO2)');
  if (n.flags.xresolve) none('xresolve (RTF_XRESOLVE)');
  if (n.flags.cloning) none('cloning (RTF_CLONING)');
  if (n.genmask) none('genmask (RTA_GENMASK)');
  if (n.op === 'get' && n.table !== undefined && n.prefixLength !== 0) {
    // The kernel ignores RTA_TABLE in RTM_GETROUTE: a lookup goes through the policy rules.
    throw new TypeError(
      `a Linux route lookup goes through the policy rules (ip rule) and cannot be confined to table ${n.table}; ` +
        'list that table with listRoutes({ table }) instead',
    );
  }
}

export function buildLinuxRequest(n: NormalizedRoute, seq: number, pid: number, extraRtmFlags = 0): Buffer {
  refuseOnLinux(n);
  const F = NL;
  const op = n.op;
  const req: NetlinkRouteRequest = {
    type: op === 'delete' ? 'delete' : op === 'get' ? 'get' : 'new',
    flags:
      F.NLM_F_ACK |
      (op === 'add' ? F.NLM_F_CREATE | F.NLM_F_EXCL | F.NLM_F_ECHO : 0) |
      (op === 'change' ? F.NLM_F_REPLACE | F.NLM_F_ECHO : 0) |
      (op === 'delete' ? F.NLM_F_ECHO : 0),
    seq,
    pid,
    family: n.family,
    dstLen: op === 'get' && n.host ? (n.family === 'inet' ? 32 : 128) : n.prefixLength,
  };
  if (n.prefixLength > 0 || op === 'get') req.dst = addrText(n.family, n.dst);
  const oif = (ref: InterfaceRef, what: string) => {
    const index = needIndex(ref, what);
    if (req.oif !== undefined && req.oif !== index) throw new TypeError(`${what} names interface ${index} but the route already uses ${req.oif}`);
    req.oif = index;
  };
  // A blackhole or unreachable route has no next hop on Linux (the kernel refuses one
  // with EINVAL); route(8) users write one anyway, as the BSDs want it, so drop it.
  const gw = n.flags.blackhole || n.flags.reject ? null : n.gateway;
  if (gw?.kind === 'address') {
    req.gateway = gw.text;
    if (gw.zone !== undefined) oif(typeof gw.zone === 'number' ? { index: gw.zone } : { name: gw.zone }, 'gateway zone');
  } else if (gw?.kind === 'interface') {
    oif(gw, 'interface');
  }
  if (n.ifp) oif(n.ifp, 'ifp');
  if (n.ifa) req.prefsrc = addrText(n.family, n.ifa);
  if (n.table !== undefined) req.table = n.table;
  if (n.metric !== undefined) req.priority = n.metric;
  if (n.flags.blackhole) req.routeType = 'blackhole';
  else if (n.flags.reject) req.routeType = 'unreachable';
  if (op === 'add' || op === 'change') req.protocol = n.flags.static ? F.RTPROT_STATIC : F.RTPROT_BOOT;
  if (n.inits.length > 0 || n.locks.length > 0) {
    const metrics: NonNullable<NetlinkRouteRequest['metrics']> = {};
    let lock = 0;
    for (const name of n.inits) {
      const value = n.metrics[name]!;
      if (name === 'expire') {
        metrics.expires = value;
        continue;
      }
      const m = LINUX_METRICS[name];
      if (!m) throw new TypeError(`metric ${name} has no Linux equivalent (Linux has mtu, hopcount, rtt, rttvar, ssthresh, expire)`);
      (metrics as Record<string, number>)[m.key] = value;
    }
    for (const name of n.locks) {
      const m = LINUX_METRICS[name];
      if (!m) throw new TypeError(`metric ${name} cannot be locked on Linux`);
      lock |= 1 << m.rtax;
    }
    if (lock) metrics.lock = lock;
    req.metrics = metrics;
  }
  if (extraRtmFlags) req.rtmFlags = extraRtmFlags;
  return encodeRouteRequest(req);
}

// ---------------------------------------------------------------------------
// BSD and macOS (rt_msghdr)

function linkAddress(ref: InterfaceRef): LinkAddress {
  const index = ref.index ?? 0;
  return { family: 'link', address: index ? `link#${index}` : '', index, type: 0, name: ref.name ?? '', mac: null };
}

function maskAddress(family: 'inet' | 'inet6', bytes: Uint8Array, prefixLength: number | null): MaskAddress {
  return { family, address: addrText(family, bytes), prefixLength };
}

function bit(flags: Record<string, number>, name: string, os: BsdOsName): number {
  const v = flags[`RTF_${name}`];
  if (v === undefined) throw new TypeError(`${name.toLowerCase()} is not a route flag on ${os}`);
  return v;
}

export function buildBsdRequest(n: NormalizedRoute, os: BsdOsName, abi: Abi, seq: number, pid: number): Buffer {
  const k = bsdConstants(os);
  const F = k.RTF;
  const op = n.op;
  // Flags as route(8) sends them: a lookup is UP|STATIC (+HOST); a delete carries only
  // what selects the route (HOST, GATEWAY); add and change carry the route's own flags.
  let flags = op === 'delete' ? 0 : bit(F, 'UP', os);
  if (n.host) flags |= bit(F, 'HOST', os);
  if (op === 'get') {
    flags |= bit(F, 'STATIC', os);
  } else if (op === 'delete') {
    if (n.flags.gateway && n.gateway) flags |= bit(F, 'GATEWAY', os);
  } else {
    if (n.flags.gateway) flags |= bit(F, 'GATEWAY', os);
    if (n.flags.static) flags |= bit(F, 'STATIC', os);
    if (n.flags.reject) flags |= bit(F, 'REJECT', os);
    if (n.flags.blackhole) flags |= bit(F, 'BLACKHOLE', os);
    if (n.flags.proto1) flags |= bit(F, 'PROTO1', os);
    if (n.flags.proto2) flags |= bit(F, 'PROTO2', os);
    if (n.flags.xresolve) flags |= bit(F, 'XRESOLVE', os);
    if (n.flags.cloning) flags |= bit(F, 'CLONING', os);
  }
  const req: BsdRouteRequest = {
    type: op,
    flags: 0,
    seq,
    pid,
    addrs: {},
    trimNetmask: os === 'darwin',
  };
  if (n.ifscope) {
    flags |= bit(F, 'IFSCOPE', os);
    req.index = needIndex(n.ifscope, 'ifscope');
  }
  req.flags = flags >>> 0;
  const dst: Address = { family: n.family, address: addrText(n.family, n.dst) };
  req.addrs.dst = dst;
  const gw = n.gateway;
  if (gw?.kind === 'address') {
    const a: Address =
      n.family === 'inet6' && gw.zone !== undefined
        ? { family: 'inet6', address: gw.text, zone: needIndex(typeof gw.zone === 'number' ? { index: gw.zone } : { name: gw.zone }, 'gateway zone') }
        : { family: n.family, address: gw.text };
    req.addrs.gateway = a;
  } else if (gw?.kind === 'interface') {
    req.addrs.gateway = linkAddress(gw);
  }
  const sendMask = !n.host && (op === 'add' || op === 'change' || n.prefixGiven);
  if (sendMask) req.addrs.netmask = maskAddress(n.family, n.mask, n.prefixLength);
  if (n.genmask) req.addrs.genmask = maskAddress(n.family, n.genmask.bytes, n.genmask.prefixLength);
  if (n.ifp) req.addrs.ifp = linkAddress(n.ifp);
  else if (op === 'get') req.addrs.ifp = linkAddress({}); // asks the kernel to name the interface, as route(8) does
  if (n.ifa) req.addrs.ifa = { family: n.family, address: addrText(n.family, n.ifa) };
  if (n.inits.length > 0 || n.locks.length > 0) {
    const metrics: Record<string, number> = {};
    let inits = 0;
    let locks = 0;
    for (const name of n.inits) {
      metrics[name] = n.metrics[name]!;
      inits |= 1 << METRIC_NAMES.indexOf(name);
    }
    for (const name of n.locks) locks |= 1 << METRIC_NAMES.indexOf(name);
    req.metrics = metrics;
    req.inits = inits;
    req.locks = locks;
  }
  if (n.table !== undefined && n.table !== 0) {
    if (os === 'openbsd') req.tableid = n.table;
    else if (os === 'freebsd') throw new TypeError('FreeBSD selects the fib per socket (SO_SETFIB), not per message: table is not supported yet');
    else throw new TypeError(`${os} has a single routing table: table is not supported`);
  }
  if (n.metric !== undefined) throw new TypeError(`metric (route priority) is a Linux route attribute; ${os} has none`);
  return encodeRouteMessage(req, os, abi);
}

// ---------------------------------------------------------------------------
// Operations

interface Prepared {
  n: NormalizedRoute;
  os: OsName;
  abi: Abi;
}

function prepare(spec: RouteSpec, op: RouteOp, opts: OperationOptions): Prepared {
  const { os, abi } = targetOs(opts);
  const resolveInterface = resolverFor(os);
  const n = normalizeRoute(spec, resolveInterface ? { op, resolveInterface } : { op });
  return { n, os, abi };
}

function build(p: Prepared, seq: number, pid: number, extraRtmFlags = 0): Buffer {
  return p.os === 'linux' ? buildLinuxRequest(p.n, seq, pid, extraRtmFlags) : buildBsdRequest(p.n, p.os, p.abi, seq, pid);
}

function dryRun(p: Prepared): DryRunResult {
  const bytes = build(p, 1, p.os === 'linux' ? 0 : process.pid);
  return {
    dryRun: true,
    op: p.n.op,
    os: p.os,
    route: describeRoute(p.n),
    bytes,
    hex: bytes.toString('hex'),
    messages: decode(bytes, { os: p.os, abi: p.abi }),
  };
}

async function send(p: Prepared, opts: OperationOptions, extraRtmFlags = 0): Promise<Message[]> {
  const sock = opts.socket ?? sharedSocket();
  if (sock.platform !== p.os) throw new TypeError(`socket speaks ${sock.platform}, request is for ${p.os}`);
  const seq = sock.nextSeq();
  const pid = p.os === 'linux' ? (sock.portId ?? 0) : process.pid;
  const bytes = build(p, seq, pid, extraRtmFlags);
  try {
    const notify = p.n.op !== 'get';
    const req = p.os === 'linux'
      ? { seq, expect: 'ack' as const, notify }
      : { seq, expect: 'reply' as const, type: p.n.op, notify };
    return await sock.request(bytes, opts.timeout !== undefined ? { ...req, timeout: opts.timeout } : req);
  } catch (e) {
    const r = e as KernelRefusal;
    if (typeof r.kernelErrno === 'number') {
      const err = routeError(p.os, r.kernelErrno, undefined, p.n.op, describeRoute(p.n));
      if (r.extack) err.message += ` [kernel: ${r.extack}]`;
      throw err;
    }
    throw e;
  }
}

function firstRoute(messages: Message[]): RouteMessage | null {
  for (let i = 0; i < messages.length; i++) if (messages[i]!.kind === 'route') return messages[i] as RouteMessage;
  return null;
}

async function change(op: 'add' | 'change' | 'delete', spec: RouteSpec, options: OperationOptions | undefined): Promise<RouteChangeResult | DryRunResult> {
  const opts = checkOptions(options);
  const p = prepare(spec, op, opts);
  if (opts.dryRun) return dryRun(p);
  const replies = await send(p, opts);
  const message = firstRoute(replies);
  return { dryRun: false, op, route: describeRoute(p.n), message, result: message ? toRoute(message) : null };
}

/** Adds a route (RTM_ADD / RTM_NEWROUTE with create+exclusive). EEXIST when it is there. */
export function addRoute(spec: RouteSpec, options: OperationOptions & { dryRun: true }): Promise<DryRunResult>;
export function addRoute(spec: RouteSpec, options?: OperationOptions): Promise<RouteChangeResult>;
export function addRoute(spec: RouteSpec, options?: OperationOptions): Promise<RouteChangeResult | DryRunResult> {
  return change('add', spec, options);
}

/** Changes a route's gateway, interface or metrics (RTM_CHANGE / RTM_NEWROUTE replace). */
export function changeRoute(spec: RouteSpec, options: OperationOptions & { dryRun: true }): Promise<DryRunResult>;
export function changeRoute(spec: RouteSpec, options?: OperationOptions): Promise<RouteChangeResult>;
export function changeRoute(spec: RouteSpec, options?: OperationOptions): Promise<RouteChangeResult | DryRunResult> {
  return change('change', spec, options);
}

/** Deletes a route (RTM_DELETE / RTM_DELROUTE). ESRCH when it is not in the table. */
export function deleteRoute(spec: RouteSpec, options: OperationOptions & { dryRun: true }): Promise<DryRunResult>;
export function deleteRoute(spec: RouteSpec, options?: OperationOptions): Promise<RouteChangeResult>;
export function deleteRoute(spec: RouteSpec, options?: OperationOptions): Promise<RouteChangeResult | DryRunResult> {
  return change('delete', spec, options);
}

/**
 * The kernel's own lookup (RTM_GET / RTM_GETROUTE): which route, gateway and
 * interface reach `destination`. Never a userland longest-prefix match.
 */
export function getRoute(destination: string | RouteSpec, options: OperationOptions & { dryRun: true }): Promise<DryRunResult>;
export function getRoute(destination: string | RouteSpec, options?: OperationOptions): Promise<RouteLookup>;
export async function getRoute(destination: string | RouteSpec, options?: OperationOptions): Promise<RouteLookup | DryRunResult> {
  const opts = checkOptions(options);
  let p: Prepared;
  let target: LookupTarget | null = null;
  if (typeof destination === 'string') {
    // A destination string normalises the same way every time: done once, kept.
    const { os, abi } = targetOs(opts);
    target = lookupTarget(destination);
    p = { n: target.n, os, abi };
  } else if (destination && typeof destination === 'object') {
    p = prepare(destination, 'get', opts);
  } else {
    throw new TypeError('getRoute expects a destination string or a route spec');
  }
  if (opts.dryRun) return dryRun(p);
  const routeTo = target ? target.routeTo : lookupRouteTo(p.n);
  if (p.os === 'linux' && p.n.prefixLength === 0) {
    // `get default`: the kernel cannot look up the unspecified address; the answer
    // is the default route entry itself, as the kernel's table holds it.
    const table = p.n.table ?? 254;
    const defaults = (await netlinkDump('route', p.n.family)).filter(
      (m): m is RouteMessage => m.kind === 'route' && m.destination === 'default' && m.linux?.table === table,
    );
    defaults.sort((a, b) => (a.linux?.priority ?? 0) - (b.linux?.priority ?? 0));
    const def = defaults[0];
    const route = def ? toRoute(def) : null;
    if (!def || !route) throw routeError('linux', 3, undefined, 'get', 'default');
    return { ...route, routeTo: 'default', message: { ...def, type: 'get' } };
  }
  if (p.os === 'linux') {
    // Two lookups of the same address: the plain one says how a packet leaves
    // (gateway, device, preferred source); the FIB-match one names the route entry.
    // Both travel in one datagram (the kernel answers each nlmsghdr in turn), each
    // with its own sequence number, and their replies are matched by it.
    const sock = opts.socket ?? sharedSocket();
    if (sock.platform !== 'linux') throw new TypeError(`socket speaks ${sock.platform}, request is for linux`);
    // The request bytes are a template kept with the destination: this call's seqs and
    // port id are written into it, and the socket reads it only during the call.
    const pair = target ? (target.pair ??= lookupPair(p.n)) : lookupPair(p.n);
    const seq = sock.nextSeq();
    const seq2 = sock.nextSeq();
    const pid = (sock.portId ?? 0) >>> 0;
    const dv = pair.view;
    dv.setUint32(8, seq, HOST_IS_LE);
    dv.setUint32(12, pid, HOST_IS_LE);
    dv.setUint32(pair.second + 8, seq2, HOST_IS_LE);
    dv.setUint32(pair.second + 12, pid, HOST_IS_LE);
    const outcomes = await sock[kRequestBatch](pair.bytes, [seq, seq2], opts.timeout);
    const plain = outcomes[0]!;
    const entry = outcomes[1]!;
    // Refused: the plain lookup's reason first (its reply comes first), as two
    // separate requests awaited together would report it.
    if (plain instanceof Error) throw lookupFailure(plain, p.n);
    if (entry instanceof Error) throw lookupFailure(entry, p.n);
    const how = firstRoute(plain);
    const which = firstRoute(entry) ?? how;
    if (!which) throw Object.assign(new Error(`get ${routeTo}: the kernel sent no route`), { code: 'ESRCH' });
    const route = toRoute(which, lookupNames());
    if (!route) throw Object.assign(new Error(`get ${routeTo}: the reply has no inet destination`), { code: 'EINVAL' });
    if (how?.linux?.prefsrc !== undefined) route.source = how.linux.prefsrc;
    // The kernel answers a lookup with RTM_NEWROUTE; it is a lookup reply ('get').
    // (toRoute made `route` for this call: completing it in place gives the same keys
    // in the same order as a copy would.)
    const lookup = route as RouteLookup;
    lookup.routeTo = routeTo;
    lookup.message = { ...which, type: 'get' };
    return lookup;
  }
  const reply = firstRoute(await send(p, opts));
  if (!reply) throw Object.assign(new Error(`get ${routeTo}: the kernel sent no route`), { code: 'ESRCH' });
  const route = toRoute(reply);
  if (!route) throw Object.assign(new Error(`get ${routeTo}: the reply has no inet destination`), { code: 'EINVAL' });
  return { ...route, routeTo, message: reply };
}

function lookupRouteTo(n: NormalizedRoute): string {
  return n.host ? addrText(n.family, n.dst) : n.destinationText;
}

/** A destination string, normalised for a lookup; its rtnetlink request pair built on first use. */
interface LookupTarget {
  n: NormalizedRoute;
  routeTo: string;
  pair: LookupPair | null;
}

/** The plain and the RTM_F_FIB_MATCH RTM_GETROUTE, back to back (seq and pid written per call). */
interface LookupPair {
  bytes: Buffer;
  view: DataView;
  /** Offset of the second nlmsghdr. */
  second: number;
}

// Destination strings seen by getRoute, normalised (a pure function of the string: no
// interface names, nothing read from the host). Never a kernel answer. Bounded: the
// oldest entry goes when it is full.
const LOOKUP_TARGETS_MAX = 512;
const lookupTargets = new Map<string, LookupTarget>();

function lookupTarget(destination: string): LookupTarget {
  let t = lookupTargets.get(destination);
  if (t === undefined) {
    const n = normalizeRoute({ destination }, { op: 'get' });
    t = { n, routeTo: lookupRouteTo(n), pair: null };
    if (lookupTargets.size >= LOOKUP_TARGETS_MAX) lookupTargets.delete(lookupTargets.keys().next().value!);
    lookupTargets.set(destination, t);
  }
  return t;
}

function lookupPair(n: NormalizedRoute): LookupPair {
  const plain = buildLinuxRequest(n, 0, 0);
  const fib = buildLinuxRequest(n, 0, 0, NL.RTM_F_FIB_MATCH);
  const bytes = Buffer.concat([plain, fib]);
  return { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), second: plain.length };
}

// Netlink is host byte order; bound once (an imported re-export is a getter).
const HOST_IS_LE = HOST_LE;

function lookupFailure(e: Error, n: NormalizedRoute): Error {
  const r = e as KernelRefusal;
  if (typeof r.kernelErrno !== 'number') return e;
  const err = routeError('linux', r.kernelErrno, undefined, 'get', describeRoute(n));
  if (r.extack) err.message += ` [kernel: ${r.extack}]`;
  return err;
}

// Interface names for lookup replies, kept at most one second: if_indextoname costs a
// socket, an ioctl and a close per call, the largest single item in a getRoute profile
// (measured by bench/lookup.ts). A rename shows up within that second.
let lookupNameCache = new Map<number, string>();
let lookupNameCacheAt = 0;
function lookupNames(): Map<number, string> {
  const now = Date.now();
  if (now - lookupNameCacheAt > 1000) {
    lookupNameCache = new Map();
    lookupNameCacheAt = now;
  }
  return lookupNameCache;
}

export interface FlushOptions extends OperationOptions {
  family?: 'inet' | 'inet6' | 'unspec';
  table?: number;
}

export interface FlushResult {
  /** Routes the kernel confirmed removed (or, on a dry run, would be asked to remove). */
  removed: Route[];
  failed: Array<{ route: Route; error: Error }>;
  dryRuns?: DryRunResult[];
}

/** The delete spec for a listed route, in the terms of the wire format `os`. */
function specOf(r: Route, os: OsName): RouteSpec {
  const spec: RouteSpec = { destination: r.destination, family: r.family };
  if (r.gateway && !r.gateway.startsWith('link#') && !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(r.gateway)) spec.gateway = r.gateway;
  if (os === 'linux') {
    if (r.table !== undefined) spec.table = r.table;
    if (r.metric !== undefined) spec.metric = r.metric;
  } else if (os === 'openbsd' && r.table) {
    spec.table = r.table;
  }
  return spec;
}

/** Removes every gateway route (RTF_GATEWAY), as `route flush` does. */
export async function flushRoutes(options: FlushOptions = {}): Promise<FlushResult> {
  const opts = checkOptions(options) as FlushOptions;
  const listOpts: { family?: 'inet' | 'inet6' | 'unspec'; table?: number } = {};
  if (opts.family !== undefined) listOpts.family = opts.family;
  if (opts.table !== undefined) listOpts.table = opts.table;
  const victims = (await listRoutes(listOpts)).filter((r) => r.flags.includes('GATEWAY'));
  const { dryRun: dry, ...rest } = opts;
  const os = opts.os ?? hostOs() ?? 'linux';
  if (dry) {
    const dryRuns = await Promise.all(victims.map((r) => deleteRoute(specOf(r, os), { ...rest, dryRun: true })));
    return { removed: victims, failed: [], dryRuns };
  }
  const settled = await Promise.allSettled(victims.map((r) => deleteRoute(specOf(r, os), rest)));
  const result: FlushResult = { removed: [], failed: [] };
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') result.removed.push(victims[i]!);
    else result.failed.push({ route: victims[i]!, error: s.reason as Error });
  });
  return result;
}

/** Every default route of the family (or both), interface-scoped ones marked `scoped`. */
export async function defaultRoutes(options: { family?: 'inet' | 'inet6' | 'unspec' } = {}): Promise<Route[]> {
  checkOptionsObject(options, 'defaultRoutes', "{ family: 'inet6' }");
  const routes = await listRoutes({ family: options.family ?? 'unspec' });
  return routes.filter((r) => r.destination === 'default');
}

export interface DefaultGateway {
  family: 'inet' | 'inet6';
  /** An address, or `link#N` / a MAC when the default route points at an interface (a utun). */
  gateway: string | null;
  gatewayType: 'address' | 'link' | 'none';
  interface: string | null;
  interfaceIndex: number;
  metric?: number;
  route: Route;
}

/**
 * The default gateway the kernel uses for traffic not bound to an interface:
 * the global default route (not an RTF_IFSCOPE one), lowest metric first.
 */
export async function defaultGateway(options: { family?: 'inet' | 'inet6' } = {}): Promise<DefaultGateway | null> {
  checkOptionsObject(options, 'defaultGateway', "{ family: 'inet6' }");
  const family = options.family ?? 'inet';
  if (family !== 'inet' && family !== 'inet6') throw new TypeError(`family must be 'inet' or 'inet6', got ${JSON.stringify(family)}`);
  return pickDefaultGateway(await defaultRoutes({ family }), family);
}

/**
 * The choice defaultGateway makes among listed routes: a default of `family` that is
 * not interface-scoped (macOS RTF_IFSCOPE defaults serve only sockets bound to their
 * interface), not reject/blackhole, lowest metric first.
 */
export function pickDefaultGateway(routes: readonly Route[], family: 'inet' | 'inet6'): DefaultGateway | null {
  if (!Array.isArray(routes)) throw new TypeError('pickDefaultGateway expects an array of routes');
  if (family !== 'inet' && family !== 'inet6') throw new TypeError(`family must be 'inet' or 'inet6', got ${JSON.stringify(family)}`);
  for (const r of routes) {
    if (r === null || typeof r !== 'object' || typeof r.destination !== 'string' || !Array.isArray(r.flags)) {
      throw new TypeError('pickDefaultGateway expects routes as listRoutes returns them');
    }
  }
  const candidates = routes
    .filter((r) => r.family === family && r.destination === 'default')
    .filter((r) => !r.scoped && !r.flags.includes('REJECT') && !r.flags.includes('BLACKHOLE'))
    .sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
  const r = candidates[0];
  if (!r) return null;
  const gatewayType = r.gateway === null ? 'none' : r.flags.includes('GATEWAY') ? 'address' : 'link';
  const out: DefaultGateway = { family, gateway: r.gateway, gatewayType, interface: r.interface, interfaceIndex: r.interfaceIndex, route: r };
  if (r.metric !== undefined) out.metric = r.metric;
  return out;
}
