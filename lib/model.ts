/**
 * The one model that every codec produces and every consumer reads.
 *
 * Objects are plain data: JSON.stringify of a message is the `pfroute decode --json`
 * output. Key order is part of the contract (codecs build objects in the order the
 * interfaces below list their fields) and a field a message type does not have is
 * absent, not undefined-valued.
 */

/** Wire formats pfroute speaks. The BSD ones are selectable on any host. */
export type OsName = 'darwin' | 'freebsd' | 'openbsd' | 'netbsd' | 'dragonfly' | 'linux';
export type BsdOsName = Exclude<OsName, 'linux'>;
export const BSD_OS_NAMES: readonly BsdOsName[] = ['darwin', 'freebsd', 'openbsd', 'netbsd', 'dragonfly'];
export const OS_NAMES: readonly OsName[] = [...BSD_OS_NAMES, 'linux'];

/** Word size of the process whose kernel ABI is spoken. 64 is the default everywhere. */
export type Abi = 32 | 64;

export interface CodecOptions {
  os: OsName;
  abi?: Abi;
  /** FreeBSD NET_RT_IFLISTL dump (if_msghdrl / ifa_msghdrl headers); ignored elsewhere. */
  iflistl?: boolean;
  /**
   * Route messages become lazy views (LazyRouteMessage): validated in full now, their
   * addresses, flags and metrics built on first access. For large dumps; see lib/lazy.ts
   * for what a view is not (plain data for structuredClone/IPC: send plain(m)).
   */
  lazy?: boolean;
}

// ---------------------------------------------------------------------------
// Addresses

export interface InetAddress {
  family: 'inet';
  /** Dotted quad. */
  address: string;
}

export interface Inet6Address {
  family: 'inet6';
  /** RFC 5952 text, never with a `%zone` suffix. */
  address: string;
  /** Interface index of the scope (KAME-embedded bytes or sin6_scope_id); absent when none. */
  zone?: number;
}

export interface LinkAddress {
  family: 'link';
  /** The MAC (aa:bb:..) when there is a link-layer address, else `link#<index>`. */
  address: string;
  index: number;
  /** IFT_* number (sdl_type). */
  type: number;
  /** Interface name from sdl_data; '' when the kernel sent none. */
  name: string;
  mac: string | null;
}

export interface UnspecAddress {
  family: 'unspec';
  /** '' for an empty sockaddr. */
  address: string;
}

/** A family pfroute does not interpret: the number and the bytes after sa_family, as hex. */
export interface RawAddress {
  family: number;
  address: string;
}

export type Address = InetAddress | Inet6Address | LinkAddress | UnspecAddress | RawAddress;

/** A netmask (or genmask): the address form of the mask plus its prefix length. */
export type MaskAddress = (InetAddress | Inet6Address | UnspecAddress | RawAddress) & {
  /** null when the mask is not contiguous or its family is unknown. */
  prefixLength: number | null;
};

/**
 * Addresses by role (RTAX_* order). OS-specific roles: NetBSD `tag`, DragonFly
 * `mpls1..3`, OpenBSD `src`, `srcmask`, `label`, `bfd`, `dns`, `static`, `search`.
 * Linux maps RTA_DST/RTA_GATEWAY/RTA_OIF/RTA_PREFSRC onto dst/gateway/ifp/ifa.
 */
export interface AddressSet {
  dst?: Address;
  gateway?: Address;
  netmask?: MaskAddress;
  genmask?: MaskAddress;
  ifp?: Address;
  ifa?: Address;
  author?: Address;
  brd?: Address;
  [role: string]: Address | MaskAddress | undefined;
}

// ---------------------------------------------------------------------------
// Messages

/** `rt_metrics` keyed by the rmx_ names without the prefix; only fields the OS has. */
export interface RouteMetrics {
  /** BSD: rmx_locks (RTV_* bits). Linux: RTAX_LOCK, whose bits are 1 << RTAX_* (MTU = 1 << 2). */
  locks?: number;
  mtu?: number;
  hopcount?: number;
  expire?: number;
  recvpipe?: number;
  sendpipe?: number;
  ssthresh?: number;
  rtt?: number;
  rttvar?: number;
  pksent?: number;
  [name: string]: number | undefined;
}

export type RouteMessageType =
  | 'add'
  | 'delete'
  | 'change'
  | 'get'
  | 'losing'
  | 'redirect'
  | 'miss'
  | 'lock'
  | 'oldadd'
  | 'olddel'
  | 'resolve'
  // OS-specific route-shaped messages
  | 'get2' // darwin RTM_GET2 (rt_msghdr2)
  | 'get_silent' // darwin private
  | 'desync' // openbsd
  | 'invalidate' // openbsd
  | 'bfd' // openbsd
  | 'proposal' // openbsd
  | 'source' // openbsd
  | 'setgate' // netbsd
  | 'llinfo_upd'; // netbsd

export interface RouteMessage {
  kind: 'route';
  type: RouteMessageType;
  version: number;
  index: number;
  /** Flag names as route(8) prints them (UP, GATEWAY, HOST, STATIC, DONE, IFSCOPE, …). */
  flags: string[];
  /** Unsigned 32-bit rtm_flags. */
  rawFlags: number;
  pid?: number;
  seq?: number;
  errno?: number;
  /** darwin RTM_GET2 only. */
  refcnt?: number;
  parentflags?: number;
  use?: number;
  /** FreeBSD/OpenBSD rtm_fmask. */
  fmask?: number;
  /** OpenBSD. */
  tableid?: number;
  priority?: number;
  mpls?: number;
  /** RTV_* bits of rtm_inits, and of rmx_locks, as numbers. */
  inits?: number;
  addrs: AddressSet;
  /** CIDR of the destination (`default` for 0/0 and ::/0); host routes carry /32 or /128. */
  destination?: string;
  metrics?: RouteMetrics;
  /** Linux-only facts (rtmsg fields and attributes without a BSD equivalent). */
  linux?: LinuxRouteInfo;
}

export interface LinuxRouteInfo {
  family: 'inet' | 'inet6' | number;
  table: number;
  protocol: number;
  scope: number;
  /** RTN_* name: unicast, local, broadcast, blackhole, unreachable, prohibit, … or the number. */
  routeType: string;
  /** RTA_PRIORITY: the route metric `ip route` shows. */
  priority?: number;
  /** rtm_flags of the rtmsg (RTM_F_*, RTNH_F_*). */
  rtmFlags: number;
  /** Output interface index (RTA_OIF). */
  oif?: number;
  /** Input interface index (RTA_IIF), on lookup replies and policy routes. */
  iif?: number;
  /** RTA_PREFSRC. */
  prefsrc?: string;
  /** Source prefix length (rtm_src_len) and RTA_SRC. */
  src?: string;
  /** RTA_PREF for IPv6 router preference. */
  pref?: number;
  expires?: number;
  /** Multipath next hops (RTA_MULTIPATH). */
  nexthops?: Array<{ gateway?: string; oif: number; weight: number; flags: number }>;
}

/** RTM_IFINFO / darwin RTM_IFINFO2 / Linux RTM_NEWLINK/DELLINK. */
export interface InterfaceMessage {
  kind: 'interface';
  type: 'ifinfo' | 'ifinfo2' | 'oifinfo' | 'ooifinfo' | 'newlink' | 'dellink';
  version: number;
  index: number;
  /** IFF_* names (UP, BROADCAST, LOOPBACK, RUNNING, MULTICAST, …). */
  flags: string[];
  /** Unsigned 32-bit interface flags (NetBSD's sign extension removed). */
  rawFlags: number;
  /** Interface name when the message carries one (sockaddr_dl in ifp, or IFLA_IFNAME). */
  name?: string;
  addrs: AddressSet;
  /** if_data fields by their ifi_ names without the prefix. */
  data: InterfaceData;
  /** OpenBSD. */
  tableid?: number;
  xflags?: number;
}

export interface InterfaceData {
  type?: number;
  mtu?: number;
  metric?: number;
  linkState?: number;
  baudrate?: number;
  ipackets?: number;
  ierrors?: number;
  opackets?: number;
  oerrors?: number;
  collisions?: number;
  ibytes?: number;
  obytes?: number;
  imcasts?: number;
  omcasts?: number;
  iqdrops?: number;
  oqdrops?: number;
  noproto?: number;
  [name: string]: number | undefined;
}

/** RTM_NEWADDR / RTM_DELADDR (every layout) and Linux RTM_NEWADDR/DELADDR. */
export interface AddressMessage {
  kind: 'address';
  type: 'newaddr' | 'deladdr' | 'chgaddr' | 'chgaddrattr';
  version: number;
  index: number;
  flags: string[];
  rawFlags: number;
  metric?: number;
  pid?: number;
  /** NetBSD 8+, DragonFly 5.8+: IN6_IFF_* style address flags. */
  addrflags?: number;
  addrs: AddressSet;
  /** The address with its prefix, e.g. 192.0.2.1/24, when ifa and netmask are present. */
  address?: string;
  tableid?: number;
}

/** RTM_NEWMADDR / RTM_DELMADDR / darwin RTM_NEWMADDR2. */
export interface MulticastMessage {
  kind: 'multicast';
  type: 'newmaddr' | 'delmaddr' | 'newmaddr2';
  version: number;
  index: number;
  flags: string[];
  rawFlags: number;
  refcount?: number;
  addrs: AddressSet;
}

/** RTM_IFANNOUNCE (FreeBSD, NetBSD, OpenBSD, DragonFly) and RTM_IEEE80211. */
export interface AnnounceMessage {
  kind: 'announce';
  type: 'ifannounce' | 'ieee80211';
  version: number;
  index: number;
  name: string;
  what: 'arrival' | 'departure' | number;
}

/** A message type the codec does not know: kept, not an error. */
export interface UnknownMessage {
  kind: 'unknown';
  type: 'unknown';
  version: number;
  /** The raw rtm_type (or nlmsg_type on Linux). */
  typeNumber: number;
  length: number;
  /** The whole message as hex. */
  raw: string;
}

/** Linux transport messages: NLMSG_ERROR (errno 0 = ack) and NLMSG_DONE. */
export interface NetlinkControlMessage {
  kind: 'control';
  type: 'error' | 'done' | 'noop' | 'overrun';
  version: number;
  seq: number;
  pid: number;
  /** Positive errno; 0 for an acknowledgement. */
  errno?: number;
  /** NLMSGERR_ATTR_MSG of an extended ack. */
  extack?: string;
  /** nlmsg_type of the request an error answers. */
  requestType?: number;
}

export type Message =
  | RouteMessage
  | InterfaceMessage
  | AddressMessage
  | MulticastMessage
  | AnnounceMessage
  | UnknownMessage
  | NetlinkControlMessage;

export type MessageType = Message['type'];

// ---------------------------------------------------------------------------
// Listing results (plain objects for listRoutes / listInterfaces)

export interface Route {
  family: 'inet' | 'inet6';
  /** CIDR or `default`. */
  destination: string;
  /** Address text, `link#N` for an interface gateway without MAC, a MAC, or null. */
  gateway: string | null;
  /** Output interface name when known. */
  interface: string | null;
  interfaceIndex: number;
  flags: string[];
  rawFlags: number;
  /** Seconds until expiry, when the route expires. */
  expire?: number;
  mtu?: number;
  /** Linux route metric (RTA_PRIORITY). */
  metric?: number;
  /** Linux table, FreeBSD fib, OpenBSD rtable. */
  table?: number;
  /** Preferred source / interface address. */
  source?: string;
  /** Linux rtm_type name (unicast, local, blackhole, …). */
  routeType?: string;
  /** Linux routing protocol number (rtm_protocol). */
  protocol?: number;
  /** Linux scope number (rtm_scope). */
  scope?: number;
  /** macOS: the route is interface-scoped (RTF_IFSCOPE). */
  scoped?: boolean;
}

export interface NetworkInterface {
  index: number;
  name: string;
  flags: string[];
  rawFlags: number;
  mtu: number | null;
  mac: string | null;
  /** IFT_* (BSD) or ARPHRD_* (Linux) number. */
  type: number | null;
  addresses: Array<{ family: 'inet' | 'inet6'; address: string; prefixLength: number | null; zone?: number; broadcast?: string }>;
}
