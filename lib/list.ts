/**
 * Reading the tables: routes and interfaces as plain objects.
 * BSD/macOS: sysctl NET_RT_DUMP / NET_RT_IFLIST. Linux: rtnetlink dumps.
 */
import { bsdConstants, decodeBsd } from './bsd/index';
import { hostOs } from './codec';
import { encodeDumpRequest } from './linux/index';
import { listNetlinkRoutes, type ListFilter } from './linux/decode';
import type {
  AddressMessage,
  BsdOsName,
  InterfaceMessage,
  Message,
  NetworkInterface,
  OsName,
  Route,
  RouteMessage,
} from './model';
import { native } from './native';
import { RouteSocket } from './socket';
import { checkOptionsObject } from './spec';

export type FamilyFilter = 'inet' | 'inet6' | 'unspec';

export interface ListRoutesOptions {
  /** Default 'unspec' (both). */
  family?: FamilyFilter;
  /**
   * Linux: the table to list — a number, 'main' (254, what `ip route show` lists) or
   * 'all'. FreeBSD: the fib number. Default 'main' on Linux, fib 0 elsewhere.
   */
  table?: number | 'main' | 'all';
}

const RT_TABLE_MAIN = 254;

function checkFamily(family: unknown): FamilyFilter {
  if (family === undefined) return 'unspec';
  if (family !== 'inet' && family !== 'inet6' && family !== 'unspec') {
    throw new TypeError(`family must be 'inet', 'inet6' or 'unspec', got ${JSON.stringify(family)}`);
  }
  return family;
}

function checkTable(table: unknown): number | 'all' {
  if (table === undefined || table === 'main') return RT_TABLE_MAIN;
  if (table === 'all') return 'all';
  if (typeof table !== 'number' || !Number.isInteger(table) || table < 0 || table > 0xffffffff) {
    throw new RangeError(`table must be an integer 0..4294967295, 'main' or 'all', got ${JSON.stringify(table)}`);
  }
  return table;
}

function requireHost(): OsName {
  const os = hostOs();
  if (!os) throw Object.assign(new Error(`pfroute: no routing socket on ${process.platform}`), { code: 'ENOTSUP' });
  return os;
}

/** One rtnetlink dump on a private request-only socket. */
export async function netlinkDump(what: 'route' | 'link' | 'addr', family: FamilyFilter = 'unspec'): Promise<Message[]> {
  const sock = RouteSocket.open({ groups: [] });
  try {
    const seq = sock.nextSeq();
    return await sock.request(encodeDumpRequest(what, seq, family, sock.portId), { seq, expect: 'dump' });
  } finally {
    sock.close();
  }
}

/**
 * The routes of one rtnetlink route dump, built straight from the reply datagrams
 * (listNetlinkRoutes: no message objects in between).
 */
async function netlinkRouteDump(family: FamilyFilter, table: number | 'all', names: Map<number, string>): Promise<Route[]> {
  const sock = RouteSocket.open({ groups: [] });
  try {
    const seq = sock.nextSeq();
    const out: Route[] = [];
    const filter: ListFilter = { table, family, nameOf: (i) => nameOf(i, names) };
    await sock.request(encodeDumpRequest('route', seq, family, sock.portId), {
      seq,
      expect: 'dump',
      collect: (d) => listNetlinkRoutes(d, filter, out),
    });
    return out;
  } finally {
    sock.close();
  }
}

/** sysctl {CTL_NET, PF_ROUTE, 0, af, op, arg} on the host. */
export function bsdSysctl(os: BsdOsName, family: FamilyFilter, op: 'dump' | 'iflist', arg = 0): Buffer {
  const k = bsdConstants(os);
  const af = family === 'inet' ? 2 : family === 'inet6' ? k.AF_INET6 : 0;
  const opNum = op === 'dump' ? (k.NET_RT['NET_RT_DUMP'] ?? 1) : (k.NET_RT['NET_RT_IFLIST'] ?? 3);
  return native().sysctl([4, k.PF_ROUTE, 0, af, opNum, arg]);
}

/** The routing table, as `netstat -rn` / `ip route show` list it. */
export async function listRoutes(options: ListRoutesOptions = {}): Promise<Route[]> {
  checkOptionsObject(options, 'listRoutes', "{ family: 'inet6', table: 'main' }");
  const family = checkFamily(options.family);
  const table = checkTable(options.table);
  const os = requireHost();
  if (os === 'linux') {
    // Interface names first: the routes are named as they are read.
    const names = interfaceNames(await netlinkDump('link'));
    return netlinkRouteDump(family, table, names);
  }
  const buf = bsdSysctl(os, family, 'dump', table === 'all' || table === RT_TABLE_MAIN ? 0 : table);
  const names = new Map<number, string>();
  const out: Route[] = [];
  for (const m of decodeBsd(buf, os)) {
    if (m.kind !== 'route') continue;
    const r = toRoute(m, names);
    if (r && (family === 'unspec' || r.family === family)) out.push(r);
  }
  return out;
}

function interfaceNames(links: Message[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const m of links) if (m.kind === 'interface' && m.name !== undefined) names.set(m.index, m.name);
  return names;
}

/**
 * Interface name for an index: from `names`, else (when `names` is not frozen for
 * foreign data) from the host. Messages captured on another machine must not be
 * named after this host's interfaces: pass `hostNames: false` to toRoute for them.
 */
function nameOf(index: number, names: Map<number, string>, host = true): string | null {
  if (index <= 0) return null;
  const known = names.get(index);
  if (known !== undefined) return known;
  if (!host) return null;
  let name: string | null = null;
  try {
    name = native().ifIndexToName(index);
  } catch {
    name = null;
  }
  if (name !== null) names.set(index, name);
  return name;
}

/**
 * Converts one decoded route message to the plain Route shape (null when it has no
 * inet/inet6 destination). Interface names come from the message, then `names`, then
 * (unless `hostNames` is false, as for captures from other machines) the host.
 */
export function toRoute(m: RouteMessage, names: Map<number, string> = new Map(), hostNames = true): Route | null {
  const dst = m.addrs.dst;
  let family: 'inet' | 'inet6';
  if (dst && (dst.family === 'inet' || dst.family === 'inet6')) family = dst.family;
  else if (m.linux && (m.linux.family === 'inet' || m.linux.family === 'inet6')) family = m.linux.family;
  else return null;
  const gw = m.addrs.gateway;
  let gateway: string | null = null;
  if (gw) {
    if (gw.family === 'inet') gateway = gw.address;
    else if (gw.family === 'inet6') {
      const zoneName = gw.zone !== undefined ? (nameOf(gw.zone, names, hostNames) ?? String(gw.zone)) : null;
      gateway = zoneName ? `${gw.address}%${zoneName}` : gw.address;
    } else if (gw.family === 'link') gateway = gw.mac ?? `link#${gw.index}`;
    else if (gw.family !== 'unspec') gateway = String(gw.address);
  }
  const ifp = m.addrs.ifp;
  let iface: string | null = ifp && ifp.family === 'link' && ifp.name ? ifp.name : null;
  let index = m.index;
  if (!index && gw && gw.family === 'link' && !m.linux) index = gw.index;
  if (iface === null && gw && gw.family === 'link' && gw.name && gw.index === index) iface = gw.name;
  if (iface === null) iface = nameOf(index, names, hostNames);
  const r: Route = {
    family,
    destination: m.destination ?? (family === 'inet' ? 'default' : 'default'),
    gateway,
    interface: iface,
    interfaceIndex: index,
    flags: m.flags,
    rawFlags: m.rawFlags,
  };
  const met = m.metrics;
  if (met?.expire) r.expire = met.expire;
  if (met?.mtu) r.mtu = met.mtu;
  if (m.linux) {
    if (m.linux.priority !== undefined) r.metric = m.linux.priority;
    r.table = m.linux.table;
    if (m.linux.prefsrc !== undefined) r.source = m.linux.prefsrc;
    r.routeType = m.linux.routeType;
    r.protocol = m.linux.protocol;
    r.scope = m.linux.scope;
  } else {
    const ifa = m.addrs.ifa;
    if (ifa && (ifa.family === 'inet' || ifa.family === 'inet6')) r.source = ifa.address;
    if (m.tableid !== undefined) r.table = m.tableid;
    if (m.flags.includes('IFSCOPE')) r.scoped = true;
  }
  return r;
}

/** Interfaces with their addresses. */
export async function listInterfaces(): Promise<NetworkInterface[]> {
  const os = requireHost();
  let messages: Message[];
  if (os === 'linux') {
    const [links, addrs] = await Promise.all([netlinkDump('link'), netlinkDump('addr')]);
    messages = [...links, ...addrs];
  } else {
    messages = decodeBsd(bsdSysctl(os, 'unspec', 'iflist'), os);
  }
  return interfacesFromMessages(messages);
}

/** Builds NetworkInterface objects from ifinfo and newaddr messages (any OS). */
export function interfacesFromMessages(messages: Message[]): NetworkInterface[] {
  if (!Array.isArray(messages)) throw new TypeError('interfacesFromMessages expects an array of decoded messages');
  for (const m of messages) {
    if (m === null || typeof m !== 'object' || typeof (m as { kind?: unknown }).kind !== 'string') {
      throw new TypeError('interfacesFromMessages expects decoded messages (objects with a kind)');
    }
  }
  const byIndex = new Map<number, NetworkInterface>();
  const get = (index: number): NetworkInterface => {
    let i = byIndex.get(index);
    if (!i) {
      i = { index, name: '', flags: [], rawFlags: 0, mtu: null, mac: null, type: null, addresses: [] };
      byIndex.set(index, i);
    }
    return i;
  };
  for (const m of messages) {
    if (m.kind === 'interface' && m.type !== 'dellink') addInterface(get(m.index), m);
    else if (m.kind === 'address' && m.type === 'newaddr') addAddress(get(m.index), m);
  }
  for (const i of byIndex.values()) {
    if (!i.name) i.name = nameOf(i.index, new Map()) ?? '';
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

function addInterface(i: NetworkInterface, m: InterfaceMessage): void {
  if (m.name) i.name = m.name;
  i.flags = m.flags;
  i.rawFlags = m.rawFlags;
  i.mtu = m.data.mtu ?? null;
  i.type = m.data.type ?? null;
  const ifp = m.addrs.ifp;
  if (ifp && ifp.family === 'link') {
    i.mac = ifp.mac;
    if (!i.name && ifp.name) i.name = ifp.name;
  }
}

function addAddress(i: NetworkInterface, m: AddressMessage): void {
  const a = m.addrs.ifa;
  if (!a || (a.family !== 'inet' && a.family !== 'inet6')) return;
  const mask = m.addrs.netmask;
  const entry: NetworkInterface['addresses'][number] = {
    family: a.family,
    address: a.address,
    prefixLength: mask ? mask.prefixLength : null,
  };
  if (a.family === 'inet6' && a.zone !== undefined) entry.zone = a.zone;
  const brd = m.addrs.brd;
  if (brd && brd.family === 'inet') entry.broadcast = brd.address;
  i.addresses.push(entry);
}
