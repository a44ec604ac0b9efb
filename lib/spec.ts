/**
 * The route spec accepted by addRoute / changeRoute / deleteRoute / getRoute, and its
 * validation into one normalised form the codecs encode.
 *
 * Everything is checked before a byte is sent:
 *  - TypeError for wrong types, unknown keys, unparseable addresses, mixed families,
 *    conflicting options and unknown interface names;
 *  - RangeError for numbers out of range (prefix length, metrics, table, metric).
 * Messages name the field and the value: `invalid destination "198.51.100.0/33": prefix
 * length 33 is over 32 for inet`.
 *
 * Rules (route(8) semantics unless said otherwise):
 *  - A destination is an address, `address/len`, or `default` (0.0.0.0/0, or ::/0 when the
 *    family is inet6 by hint, gateway or ifa). `0.0.0.0/0` and `::/0` are also `default`.
 *    Zones (`%en0`) are accepted only on gateways.
 *  - Host bits beyond the prefix are cleared, as route(8) and the kernels do:
 *    `198.51.100.7/24` becomes `198.51.100.0/24` (`hostBitsMasked` says it happened).
 *  - A destination without a prefix or netmask is a host route (RTF_HOST, no netmask), unless
 *    `net: true`: inet6 then takes prefix 64 (route(8)'s -prefixlen default), inet needs a
 *    prefix or netmask (pfroute does not infer classful masks). A full-length prefix without
 *    `net: true` is a host route too; `net: true` with /32 keeps the netmask.
 *  - `host: true` with a shorter prefix, or `host` with `net`, or `netmask` with
 *    `prefixLength` or with a CIDR destination, are errors. Netmasks must be contiguous.
 *  - `reject` and `blackhole` together are refused: their meanings conflict (ICMP
 *    unreachable vs silent drop) and rtnetlink can express only one route type.
 *  - `static` defaults to true for add and change (route(8) sets RTF_STATIC), false for
 *    delete and get.
 *  - add needs a gateway (address or interface), an `ifp`, or `reject`/`blackhole`.
 *    get takes only destination, netmask/prefixLength, host/net, family, ifscope, ifp and
 *    table. delete takes no metrics or locks.
 */
import { formatIPv4, formatIPv6, maskToPrefix, parseIPv4, parseIPv6, prefixToMask } from './addr';

export type RouteFamily = 'inet' | 'inet6';
export type RouteOp = 'add' | 'change' | 'delete' | 'get';

/** rt_metrics fields route(8) can set, in RTV_* bit order (MTU 0x1 … RTTVAR 0x80). */
export const METRIC_NAMES = ['mtu', 'hopcount', 'expire', 'recvpipe', 'sendpipe', 'ssthresh', 'rtt', 'rttvar'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type RouteMetricValues = Partial<Record<MetricName, number>>;

export interface RouteSpec {
  /** '198.51.100.0/24', '192.0.2.7' (host), 'default', '2001:db8::/32', '::/0'. No zones. */
  destination: string;
  /** An address (inet6 may carry `%zone`: 'fe80::1%en0' or 'fe80::1%3'), or an interface
   *  name/index: a link-level gateway (route(8) `-interface` with an interface name). */
  gateway?: string | { interface: string | number };
  /** route(8) `-interface` with an address gateway: the gateway is directly reachable
   *  (a local address), RTF_GATEWAY is not set. Implied by `gateway: { interface }`. */
  interface?: boolean;
  /** '255.255.255.0' (inet) or inet6 mask text. Exclusive with a prefix in destination. */
  netmask?: string;
  /** Alternative to netmask. */
  prefixLength?: number;
  /** Force a host route (RTF_HOST). */
  host?: boolean;
  /** Force a network route. */
  net?: boolean;
  /** Family hint; must agree with the addresses. */
  family?: RouteFamily;
  /** RTF_STATIC; default true for add/change. */
  static?: boolean;
  reject?: boolean;
  blackhole?: boolean;
  proto1?: boolean;
  proto2?: boolean;
  xresolve?: boolean;
  cloning?: boolean;
  /** macOS RTF_IFSCOPE: interface name or index. */
  ifscope?: string | number;
  /** Interface for RTA_IFP (name or index). */
  ifp?: string | number;
  /** Interface address for RTA_IFA. */
  ifa?: string;
  /** Initial rt_metrics values (each sets its RTV_* bit in rtm_inits). */
  metrics?: RouteMetricValues;
  /** Metrics to lock (rmx_locks). */
  lock?: MetricName[];
  /** Lock every metric given in `metrics` (the library form of route(8) -lockrest). */
  lockRest?: boolean;
  /** FreeBSD fib, OpenBSD rtable, Linux table. */
  table?: number;
  /** Linux route priority (RTA_PRIORITY). */
  metric?: number;
  /** Cloning mask (RTA_GENMASK), mask text of the destination's family. */
  genmask?: string;
}

/** An interface by name, index or both (index filled in when a resolver was given). */
export interface InterfaceRef {
  name?: string;
  index?: number;
}

export type NormalizedGateway =
  | {
      kind: 'address';
      address: Uint8Array;
      /** Canonical address text, without the zone. */
      text: string;
      /** Scope of an inet6 gateway: the index (resolved or given) or, unresolved, the name. */
      zone?: number | string;
      /** route(8) -interface with an address: directly reachable, RTF_GATEWAY not set. */
      direct: boolean;
    }
  | ({ kind: 'interface' } & InterfaceRef);

export interface NormalizedRoute {
  op: RouteOp;
  family: RouteFamily;
  /** Destination bytes (4 or 16) with the host bits beyond the prefix cleared. */
  dst: Uint8Array;
  prefixLength: number;
  /** The netmask bytes for prefixLength (4 or 16). */
  mask: Uint8Array;
  /** The caller gave a prefix or netmask (or `default`): send a netmask for get/delete. */
  prefixGiven: boolean;
  /** RTF_HOST: no netmask is sent. */
  host: boolean;
  /** 'a.b.c.d/nn', 'x::/nn' or 'default'; host routes carry /32 or /128. */
  destinationText: string;
  /** The destination had bits set beyond its prefix and they were cleared. */
  hostBitsMasked: boolean;
  gateway: NormalizedGateway | null;
  flags: {
    /** RTF_GATEWAY: the gateway is an address reached through a router (not -interface). */
    gateway: boolean;
    static: boolean;
    reject: boolean;
    blackhole: boolean;
    proto1: boolean;
    proto2: boolean;
    xresolve: boolean;
    cloning: boolean;
  };
  ifscope?: InterfaceRef;
  ifp?: InterfaceRef;
  ifa?: Uint8Array;
  ifaText?: string;
  metrics: RouteMetricValues;
  /** Metric names set (RTV_* order). */
  inits: MetricName[];
  /** Metric names locked (RTV_* order). */
  locks: MetricName[];
  table?: number;
  metric?: number;
  genmask?: { bytes: Uint8Array; text: string; prefixLength: number };
}

export interface NormalizeOptions {
  /** Default 'add'. */
  op?: RouteOp;
  /** Interface name → index; 0 when unknown (a TypeError names it). Without a resolver,
   *  names are kept as names. */
  resolveInterface?: (name: string) => number;
}

const SPEC_KEYS: ReadonlySet<string> = new Set([
  'destination', 'gateway', 'interface', 'netmask', 'prefixLength', 'host', 'net', 'family', 'static',
  'reject', 'blackhole', 'proto1', 'proto2', 'xresolve', 'cloning', 'ifscope', 'ifp', 'ifa', 'metrics',
  'lock', 'lockRest', 'table', 'metric', 'genmask',
]);
const GET_KEYS: ReadonlySet<string> = new Set([
  'destination', 'netmask', 'prefixLength', 'host', 'net', 'family', 'ifscope', 'ifp', 'table',
]);
const BOOL_KEYS = ['interface', 'host', 'net', 'static', 'reject', 'blackhole', 'proto1', 'proto2', 'xresolve', 'cloning', 'lockRest'] as const;
const OPS: readonly RouteOp[] = ['add', 'change', 'delete', 'get'];
const U32_MAX = 0xffffffff;

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

function bitsOf(family: RouteFamily): number {
  return family === 'inet' ? 32 : 128;
}

function parseAddress(text: string): { family: RouteFamily; bytes: Uint8Array } | null {
  const v4 = parseIPv4(text);
  if (v4) return { family: 'inet', bytes: v4 };
  const v6 = parseIPv6(text);
  if (v6) return { family: 'inet6', bytes: v6 };
  return null;
}

function formatAddress(family: RouteFamily, bytes: Uint8Array): string {
  return family === 'inet' ? formatIPv4(bytes, 0) : formatIPv6(bytes, 0);
}

/** Checks a prefix length number; `what` prefixes the message. */
function checkPrefix(what: string, len: number, family: RouteFamily): void {
  if (!Number.isInteger(len)) throw new RangeError(`${what}: prefix length ${len} is not an integer`);
  if (len < 0) throw new RangeError(`${what}: prefix length ${len} is negative`);
  if (len > bitsOf(family)) throw new RangeError(`${what}: prefix length ${len} is over ${bitsOf(family)} for ${family}`);
}

function checkU32(what: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`invalid ${what}: expected a number, got ${show(v)}`);
  if (!Number.isInteger(v)) throw new RangeError(`invalid ${what} ${v}: not an integer`);
  if (v < 0 || v > U32_MAX) throw new RangeError(`invalid ${what} ${v}: out of range 0..${U32_MAX}`);
  return v;
}

function parseMask(what: string, text: unknown, family: RouteFamily): { bytes: Uint8Array; prefix: number } {
  if (typeof text !== 'string') throw new TypeError(`invalid ${what}: expected a string, got ${show(text)}`);
  const a = parseAddress(text);
  if (!a) throw new TypeError(`invalid ${what} ${show(text)}: not an IPv4 or IPv6 mask`);
  if (a.family !== family) throw new TypeError(`invalid ${what} ${show(text)}: it is ${a.family} but the destination is ${family}`);
  const prefix = maskToPrefix(a.bytes);
  if (prefix === null) throw new TypeError(`invalid ${what} ${show(text)}: the mask is not contiguous`);
  return { bytes: a.bytes, prefix };
}

function interfaceRef(what: string, v: unknown, resolve: NormalizeOptions['resolveInterface']): InterfaceRef {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > U32_MAX) throw new RangeError(`invalid ${what} ${v}: an interface index is an integer 1..${U32_MAX}`);
    return { index: v };
  }
  if (typeof v !== 'string') throw new TypeError(`invalid ${what}: expected an interface name or index, got ${show(v)}`);
  if (v === '') throw new TypeError(`invalid ${what}: empty interface name`);
  if (!resolve) return { name: v };
  const index = resolve(v);
  if (!index) throw new TypeError(`invalid ${what}: unknown interface ${show(v)}`);
  return { name: v, index };
}

/**
 * Validates a RouteSpec for `opts.op` (default 'add') and returns its normalised form.
 * Throws TypeError / RangeError (see the module comment) before anything is sent.
 */
export function normalizeRoute(spec: RouteSpec, opts: NormalizeOptions = {}): NormalizedRoute {
  const op = opts.op ?? 'add';
  if (!OPS.includes(op)) throw new TypeError(`invalid op ${show(op)}: expected one of ${OPS.join(', ')}`);
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new TypeError(`invalid route spec: expected an object, got ${show(spec)}`);
  }
  const s = spec as unknown as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (!SPEC_KEYS.has(key)) throw new TypeError(`invalid route spec: unknown option ${show(key)}`);
    if (op === 'get' && s[key] !== undefined && !GET_KEYS.has(key)) {
      throw new TypeError(`invalid route spec: get takes no ${key} (only a destination, netmask/prefixLength, host/net, family, ifscope, ifp, table)`);
    }
  }
  for (const key of BOOL_KEYS) {
    const v = s[key];
    if (v !== undefined && typeof v !== 'boolean') throw new TypeError(`invalid ${key}: expected a boolean, got ${show(v)}`);
  }
  if (op === 'delete') {
    for (const key of ['metrics', 'lock', 'lockRest'] as const) {
      if (s[key] !== undefined) throw new TypeError(`invalid route spec: delete takes no ${key}`);
    }
  }

  // ---- family hint
  const hint = spec.family;
  if (hint !== undefined && hint !== 'inet' && hint !== 'inet6') {
    throw new TypeError(`invalid family ${show(hint)}: expected "inet" or "inet6"`);
  }

  // ---- destination (address part)
  const destRaw: unknown = spec.destination;
  if (typeof destRaw !== 'string') throw new TypeError(`invalid destination: expected a string, got ${show(destRaw)}`);
  const dWhat = `invalid destination ${show(destRaw)}`;
  if (destRaw.includes('%')) throw new TypeError(`${dWhat}: a destination cannot carry a %zone (zones go on the gateway)`);
  let isDefault = false;
  let dstFamily: RouteFamily | undefined;
  let dstBytes: Uint8Array | undefined;
  let cidrPrefix: number | undefined;
  if (destRaw === 'default') {
    isDefault = true;
  } else {
    const slash = destRaw.indexOf('/');
    const addrText = slash < 0 ? destRaw : destRaw.slice(0, slash);
    const a = parseAddress(addrText);
    if (!a) throw new TypeError(`${dWhat}: ${show(addrText)} is not an IPv4 or IPv6 address`);
    dstFamily = a.family;
    dstBytes = a.bytes;
    if (slash >= 0) {
      const p = destRaw.slice(slash + 1);
      if (!/^[+-]?\d+(\.\d+)?$/.test(p)) throw new TypeError(`${dWhat}: prefix length ${show(p)} is not a number`);
      cidrPrefix = Number(p);
      checkPrefix(dWhat, cidrPrefix, a.family);
    }
  }

  // ---- gateway (parsed before the family of `default` is settled)
  let gwAddr: { family: RouteFamily; bytes: Uint8Array; zone?: string | number } | undefined;
  let gwIface: InterfaceRef | undefined;
  const gwRaw: unknown = spec.gateway;
  if (gwRaw !== undefined && gwRaw !== null) {
    if (typeof gwRaw === 'string') {
      const gWhat = `invalid gateway ${show(gwRaw)}`;
      const pct = gwRaw.indexOf('%');
      const addrText = pct < 0 ? gwRaw : gwRaw.slice(0, pct);
      const a = parseAddress(addrText);
      if (!a) {
        throw new TypeError(`${gWhat}: not an IPv4 or IPv6 address (for an interface use { interface: ${show(gwRaw)} })`);
      }
      gwAddr = { family: a.family, bytes: a.bytes };
      if (pct >= 0) {
        const zone = gwRaw.slice(pct + 1);
        if (a.family === 'inet') throw new TypeError(`${gWhat}: an IPv4 gateway cannot carry a %zone`);
        if (zone === '') throw new TypeError(`${gWhat}: empty %zone`);
        gwAddr.zone = /^\d+$/.test(zone) ? Number(zone) : zone;
      }
    } else if (typeof gwRaw === 'object' && !Array.isArray(gwRaw)) {
      const g = gwRaw as Record<string, unknown>;
      const keys = Object.keys(g);
      if (keys.length !== 1 || keys[0] !== 'interface') {
        throw new TypeError(`invalid gateway: expected an address string or { interface: name | index }, got keys ${keys.map((k) => show(k)).join(', ') || '(none)'}`);
      }
      gwIface = interfaceRef('gateway interface', g.interface, opts.resolveInterface);
    } else {
      throw new TypeError(`invalid gateway: expected an address string or { interface: name | index }, got ${show(gwRaw)}`);
    }
  }

  // ---- ifa
  let ifa: { family: RouteFamily; bytes: Uint8Array } | undefined;
  if (spec.ifa !== undefined) {
    if (typeof spec.ifa !== 'string') throw new TypeError(`invalid ifa: expected an address string, got ${show(spec.ifa)}`);
    const a = parseAddress(spec.ifa);
    if (!a) throw new TypeError(`invalid ifa ${show(spec.ifa)}: not an IPv4 or IPv6 address`);
    ifa = a;
  }

  // ---- family
  const family: RouteFamily = dstFamily ?? hint ?? gwAddr?.family ?? ifa?.family ?? 'inet';
  if (hint !== undefined && hint !== family) {
    throw new TypeError(`${dWhat}: it is ${family} but family is ${show(hint)}`);
  }
  if (gwAddr && gwAddr.family !== family) {
    throw new TypeError(`invalid gateway ${show(gwRaw)}: it is ${gwAddr.family} but the destination ${show(destRaw)} is ${family}`);
  }
  if (ifa && ifa.family !== family) {
    throw new TypeError(`invalid ifa ${show(spec.ifa)}: it is ${ifa.family} but the destination ${show(destRaw)} is ${family}`);
  }
  const bits = bitsOf(family);
  if (isDefault) {
    dstBytes = new Uint8Array(bits / 8);
    cidrPrefix = 0;
  }
  const dst = dstBytes!;

  // ---- prefix: CIDR, netmask or prefixLength (exactly one at most)
  let prefix: number | undefined = cidrPrefix;
  let prefixSource = isDefault ? 'default' : cidrPrefix !== undefined ? 'destination' : '';
  if (spec.netmask !== undefined) {
    if (prefixSource) throw new TypeError(`${dWhat}: netmask ${show(spec.netmask)} given with a prefix in the destination`);
    prefix = parseMask('netmask', spec.netmask, family).prefix;
    prefixSource = 'netmask';
  }
  if (spec.prefixLength !== undefined) {
    if (prefixSource === 'netmask') throw new TypeError(`invalid route spec: both netmask ${show(spec.netmask)} and prefixLength ${spec.prefixLength} given`);
    if (prefixSource) throw new TypeError(`${dWhat}: prefixLength ${show(spec.prefixLength)} given with a prefix in the destination`);
    if (typeof spec.prefixLength !== 'number') throw new TypeError(`invalid prefixLength: expected a number, got ${show(spec.prefixLength)}`);
    checkPrefix(`invalid prefixLength`, spec.prefixLength, family);
    prefix = spec.prefixLength;
    prefixSource = 'prefixLength';
  }
  const prefixGiven = prefix !== undefined;

  // ---- host / net
  if (spec.host && spec.net) throw new TypeError(`${dWhat}: host and net are exclusive`);
  if (spec.host && isDefault) throw new TypeError(`${dWhat}: the default route cannot be a host route`);
  if (spec.host && prefix !== undefined && prefix !== bits) {
    throw new TypeError(`${dWhat}: a host route needs a full-length prefix (${bits} for ${family}), got ${prefix}`);
  }
  if (prefix === undefined) {
    if (spec.net && op !== 'get') {
      if (family === 'inet6') prefix = 64;
      else throw new TypeError(`${dWhat}: a network route needs a prefix length or netmask (e.g. ${formatAddress(family, dst)}/24)`);
    } else {
      prefix = bits;
    }
  }
  const host = spec.host === true || (!spec.net && prefix === bits);

  // ---- mask the host bits
  const mask = prefixToMask(family, prefix);
  const masked = new Uint8Array(dst.length);
  let hostBitsMasked = false;
  for (let i = 0; i < dst.length; i++) {
    masked[i] = dst[i]! & mask[i]!;
    if (masked[i] !== dst[i]) hostBitsMasked = true;
  }
  const destinationText = prefix === 0 ? 'default' : `${formatAddress(family, masked)}/${prefix}`;

  // ---- flags
  if (spec.reject && spec.blackhole) throw new TypeError(`invalid route spec: reject and blackhole are exclusive`);
  if (spec.interface && !gwAddr && !gwIface) throw new TypeError(`invalid route spec: interface: true needs a gateway`);

  let gateway: NormalizedGateway | null = null;
  if (gwAddr) {
    let zone = gwAddr.zone;
    if (typeof zone === 'string' && opts.resolveInterface) {
      const idx = opts.resolveInterface(zone);
      if (!idx) throw new TypeError(`invalid gateway ${show(gwRaw)}: unknown interface ${show(zone)}`);
      zone = idx;
    }
    gateway = { kind: 'address', address: gwAddr.bytes, text: formatAddress(family, gwAddr.bytes), direct: spec.interface === true };
    if (zone !== undefined) gateway.zone = zone;
  } else if (gwIface) {
    gateway = { kind: 'interface', ...gwIface };
  }

  if (op === 'add' && !gateway && spec.ifp === undefined && !spec.reject && !spec.blackhole) {
    throw new TypeError(`route to ${show(destRaw)} has no gateway: add needs a gateway (an address or { interface }), an ifp, or reject/blackhole`);
  }

  const out: NormalizedRoute = {
    op,
    family,
    dst: masked,
    prefixLength: prefix,
    mask,
    prefixGiven,
    host,
    destinationText,
    hostBitsMasked,
    gateway,
    flags: {
      gateway: gateway?.kind === 'address' && !gateway.direct,
      static: spec.static ?? (op === 'add' || op === 'change'),
      reject: spec.reject === true,
      blackhole: spec.blackhole === true,
      proto1: spec.proto1 === true,
      proto2: spec.proto2 === true,
      xresolve: spec.xresolve === true,
      cloning: spec.cloning === true,
    },
    metrics: {},
    inits: [],
    locks: [],
  };

  if (spec.ifscope !== undefined) out.ifscope = interfaceRef('ifscope', spec.ifscope, opts.resolveInterface);
  if (spec.ifp !== undefined) out.ifp = interfaceRef('ifp', spec.ifp, opts.resolveInterface);
  if (ifa) {
    out.ifa = ifa.bytes;
    out.ifaText = formatAddress(family, ifa.bytes);
  }

  // ---- metrics and locks
  if (spec.metrics !== undefined) {
    const m: unknown = spec.metrics;
    if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new TypeError(`invalid metrics: expected an object, got ${show(m)}`);
    for (const key of Object.keys(m)) {
      if (!(METRIC_NAMES as readonly string[]).includes(key)) {
        throw new TypeError(`invalid metrics: unknown metric ${show(key)} (known: ${METRIC_NAMES.join(', ')})`);
      }
    }
    for (const name of METRIC_NAMES) {
      const v = (m as Record<string, unknown>)[name];
      if (v === undefined) continue;
      out.metrics[name] = checkU32(`metric ${name}`, v);
      out.inits.push(name);
    }
  }
  const locked = new Set<MetricName>();
  if (spec.lock !== undefined) {
    if (!Array.isArray(spec.lock)) throw new TypeError(`invalid lock: expected an array of metric names, got ${show(spec.lock)}`);
    for (const name of spec.lock as unknown[]) {
      if (typeof name !== 'string' || !(METRIC_NAMES as readonly string[]).includes(name)) {
        throw new TypeError(`invalid lock: unknown metric ${show(name)} (known: ${METRIC_NAMES.join(', ')})`);
      }
      locked.add(name as MetricName);
    }
  }
  if (spec.lockRest) for (const name of out.inits) locked.add(name);
  out.locks = METRIC_NAMES.filter((n) => locked.has(n));

  if (spec.table !== undefined) out.table = checkU32('table', spec.table);
  if (spec.metric !== undefined) out.metric = checkU32('metric', spec.metric);
  if (spec.genmask !== undefined) {
    const g = parseMask('genmask', spec.genmask, family);
    out.genmask = { bytes: g.bytes, text: formatAddress(family, g.bytes), prefixLength: g.prefix };
  }
  return out;
}

function ifaceText(r: InterfaceRef): string {
  return r.name ?? `#${r.index}`;
}

/**
 * A short text of the route for messages: `198.51.100.0/24 via 192.0.2.1`,
 * `192.0.2.7 via fe80::1%en0`, `default dev en0`, `10.0.0.0/8 reject table 3`.
 * Host routes print without /32 or /128.
 */
export function describeRoute(n: NormalizedRoute): string {
  let out = n.host && n.prefixLength === (n.family === 'inet' ? 32 : 128) ? formatAddress(n.family, n.dst) : n.destinationText;
  const g = n.gateway;
  if (g?.kind === 'address') {
    out += ` via ${g.text}${g.zone !== undefined ? `%${g.zone}` : ''}`;
    if (g.direct) out += ' (interface)';
  } else if (g?.kind === 'interface') {
    out += ` dev ${ifaceText(g)}`;
  }
  if (n.ifscope) out += ` ifscope ${ifaceText(n.ifscope)}`;
  if (n.flags.reject) out += ' reject';
  if (n.flags.blackhole) out += ' blackhole';
  if (n.table !== undefined) out += ` table ${n.table}`;
  if (n.metric !== undefined) out += ` metric ${n.metric}`;
  return out;
}

/**
 * An options argument must be an object: `defaultGateway('inet6')` or `listRoutes('inet6')`
 * would otherwise be read as `{}`.
 */
export function checkOptionsObject(options: unknown, fn: string, example: string): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const got = options === null ? 'null' : typeof options === 'string' ? JSON.stringify(options) : typeof options;
    throw new TypeError(`${fn} takes an options object such as ${example}, got ${got}`);
  }
}
