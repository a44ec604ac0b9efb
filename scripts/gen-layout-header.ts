/**
 * Generates native/layout_check.h from the TypeScript layout tables (lib/bsd/layouts.ts and
 * lib/bsd/constants.ts): for the OS and ABI being compiled, a static assertion for the size
 * of every struct the codec reads, the offset (and width) of every field in the tables, and
 * the value of every RTM_/RTF_/RTA_/RTAX_/RTV_/AF_/NET_RT_ constant the tables hold (each
 * guarded by #ifdef, since private or version-specific names may be absent).
 *
 * When the addon is built on macOS or a BSD (native/layout_check.cc includes the header after
 * the system headers), a table that disagrees with the system's own headers fails the build.
 * test/bsd-layout-header.test.ts checks that the committed header equals a fresh generation.
 *
 *   node --import tsx scripts/gen-layout-header.ts          # writes native/layout_check.h
 *   node --import tsx scripts/gen-layout-header.ts --check  # exit 1 if the file is stale
 */
import fs from 'node:fs';
import path from 'node:path';
import { getLayout, type Layout } from '../lib/bsd/layouts';
import type {
  AddressHeader,
  AnnounceHeader,
  Field,
  InterfaceHeader,
  MulticastHeader,
  RouteHeader,
} from '../lib/bsd/layouts';
import type { Abi, BsdOsName } from '../lib/model';

export const HEADER_PATH = path.join(__dirname, '..', 'native', 'layout_check.h');

/** Compile-time test of each OS, in the order the #if chain tries them (DragonFly before FreeBSD). */
export const OS_MACROS: ReadonlyArray<[BsdOsName, string]> = [
  ['darwin', '__APPLE__'],
  ['dragonfly', '__DragonFly__'],
  ['freebsd', '__FreeBSD__'],
  ['openbsd', '__OpenBSD__'],
  ['netbsd', '__NetBSD__'],
];

export type LayoutSource = (os: BsdOsName, abi: Abi) => Layout;

const NONE = -1;

class Out {
  lines: string[] = [];
  constructor(
    private readonly tag: string,
    private readonly abi: Abi,
  ) {}
  raw(s: string): void {
    this.lines.push(s);
  }
  /**
   * The 32-bit tables are i386's (64-bit members aligned to 4). Other ILP32 ABIs (armv7) align
   * them to 8, which changes the trailing padding of if_data (a timeval/timespec at its end) and
   * of the headers that embed it, but no field offset: those sizes are asserted on i386 only.
   */
  private i386Only(line: string, padded: boolean): void {
    if (padded && this.abi === 32) this.raw('#if defined(__i386__)');
    this.raw(line);
    if (padded && this.abi === 32) this.raw('#endif');
  }
  size(struct: string, n: number, padded = false): void {
    this.i386Only(`PFROUTE_LC_ASSERT(sizeof(struct ${struct}) == ${n}, "${this.tag}: sizeof(struct ${struct}) != ${n}");`, padded);
  }
  field(struct: string, member: string, off: number, width?: number, padded = false): void {
    if (off < 0) return;
    this.raw(`PFROUTE_LC_ASSERT(offsetof(struct ${struct}, ${member}) == ${off}, "${this.tag}: offsetof(${struct}, ${member}) != ${off}");`);
    if (width !== undefined) {
      this.i386Only(
        `PFROUTE_LC_ASSERT(PFROUTE_LC_MSIZE(struct ${struct}, ${member}) == ${width}, "${this.tag}: sizeof(${struct}.${member}) != ${width}");`,
        padded,
      );
    }
  }
  constant(name: string, value: number): void {
    const v = '0x' + (value >>> 0).toString(16) + 'u';
    this.raw(`#ifdef ${name}`);
    this.raw(`PFROUTE_LC_ASSERT((unsigned int)(${name}) == ${v}, "${this.tag}: ${name} != ${value}");`);
    this.raw('#endif');
  }
}

function routeHeader(o: Out, struct: string, h: RouteHeader, metricsStruct: string | null): void {
  o.size(struct, h.size);
  o.field(struct, 'rtm_msglen', 0, 2);
  o.field(struct, 'rtm_version', 2, 1);
  o.field(struct, 'rtm_type', 3, 1);
  o.field(struct, 'rtm_hdrlen', h.hdrlen, 2);
  o.field(struct, 'rtm_index', h.index, 2);
  o.field(struct, 'rtm_flags', h.flags, 4);
  o.field(struct, 'rtm_addrs', h.addrs, 4);
  o.field(struct, 'rtm_pid', h.pid, 4);
  o.field(struct, 'rtm_seq', h.seq, 4);
  o.field(struct, 'rtm_errno', h.errno, 4);
  o.field(struct, 'rtm_use', h.use, 4);
  o.field(struct, 'rtm_fmask', h.fmask, 4);
  o.field(struct, 'rtm_refcnt', h.refcnt, 4);
  o.field(struct, 'rtm_parentflags', h.parentflags, 4);
  o.field(struct, 'rtm_tableid', h.tableid, 2);
  o.field(struct, 'rtm_priority', h.priority, 1);
  o.field(struct, 'rtm_mpls', h.mpls, 1);
  o.field(struct, 'rtm_inits', h.inits, h.initsSize);
  o.field(struct, 'rtm_rmx', h.rmx, h.size - h.rmx);
  if (metricsStruct) {
    o.size(metricsStruct, h.size - h.rmx);
    for (const fl of h.metrics) o.field(metricsStruct, 'rmx_' + fl.name, fl.off, fl.size);
  }
}

const DATA_MEMBER: Record<string, string> = { linkState: 'ifi_link_state' };
const EXTRA_MEMBER: Record<string, string> = {
  sndLen: 'ifm_snd_len',
  sndMaxlen: 'ifm_snd_maxlen',
  sndDrops: 'ifm_snd_drops',
  timer: 'ifm_timer',
};

function dataFields(o: Out, struct: string, size: number, fields: readonly Field[]): void {
  o.size(struct, size, true);
  for (const fl of fields) o.field(struct, DATA_MEMBER[fl.name] ?? 'ifi_' + fl.name, fl.off, fl.size);
}

function interfaceHeader(o: Out, struct: string, h: InterfaceHeader, dataStruct: string | null, l: boolean): void {
  o.size(struct, h.size, true);
  o.field(struct, 'ifm_msglen', 0, 2);
  o.field(struct, 'ifm_version', 2, 1);
  o.field(struct, 'ifm_type', 3, 1);
  o.field(struct, l ? 'ifm_len' : 'ifm_hdrlen', h.hdrlen, 2);
  o.field(struct, 'ifm_data_off', h.dataOff, 2);
  o.field(struct, 'ifm_index', h.index, 2);
  o.field(struct, 'ifm_flags', h.flags, 4);
  o.field(struct, 'ifm_addrs', h.addrs, 4);
  o.field(struct, 'ifm_tableid', h.tableid, 2);
  o.field(struct, 'ifm_xflags', h.xflags, 4);
  o.field(struct, 'ifm_data', h.data, h.dataSize, true);
  for (const fl of h.extraFields) o.field(struct, EXTRA_MEMBER[fl.name] ?? 'ifm_' + fl.name, fl.off, fl.size);
  if (dataStruct) dataFields(o, dataStruct, h.dataSize, h.dataFields);
}

function addressHeader(o: Out, struct: string, h: AddressHeader, l: boolean): void {
  o.size(struct, h.size, l);
  o.field(struct, 'ifam_msglen', 0, 2);
  o.field(struct, 'ifam_version', 2, 1);
  o.field(struct, 'ifam_type', 3, 1);
  o.field(struct, l ? 'ifam_len' : 'ifam_hdrlen', h.hdrlen, 2);
  o.field(struct, 'ifam_data_off', h.dataOff, 2);
  o.field(struct, 'ifam_index', h.index, 2);
  o.field(struct, 'ifam_flags', h.flags, 4);
  o.field(struct, 'ifam_addrs', h.addrs, 4);
  o.field(struct, 'ifam_metric', h.metric, 4);
  o.field(struct, 'ifam_pid', h.pid, 4);
  o.field(struct, 'ifam_addrflags', h.addrflags, 4);
  o.field(struct, 'ifam_tableid', h.tableid, 2);
}

function multicastHeader(o: Out, struct: string, h: MulticastHeader): void {
  o.size(struct, h.size);
  o.field(struct, 'ifmam_msglen', 0, 2);
  o.field(struct, 'ifmam_type', 3, 1);
  o.field(struct, 'ifmam_hdrlen', h.hdrlen, 2);
  o.field(struct, 'ifmam_index', h.index, 2);
  o.field(struct, 'ifmam_flags', h.flags, 4);
  o.field(struct, 'ifmam_addrs', h.addrs, 4);
  o.field(struct, 'ifmam_refcount', h.refcount, 4);
}

function announceHeader(o: Out, h: AnnounceHeader): void {
  const s = 'if_announcemsghdr';
  o.size(s, h.size);
  o.field(s, 'ifan_msglen', 0, 2);
  o.field(s, 'ifan_type', 3, 1);
  o.field(s, 'ifan_hdrlen', h.hdrlen, 2);
  o.field(s, 'ifan_index', h.index, 2);
  o.field(s, 'ifan_name', h.name, 16);
  o.field(s, 'ifan_what', h.what, 2);
}

/** The assertions of one OS/ABI, without the #if around them. */
export function assertionsFor(L: Layout): string[] {
  const o = new Out(`pfroute layout ${L.os}/${L.abi} (lib/bsd/layouts.ts)`, L.abi);
  const h = L.headers;
  const c = L.c;
  o.raw('/* headers */');
  routeHeader(o, 'rt_msghdr', h.rt, 'rt_metrics');
  if (h.rt2) {
    o.raw('#ifdef RTM_GET2');
    routeHeader(o, 'rt_msghdr2', h.rt2, null);
    o.raw('#endif');
  }
  interfaceHeader(o, 'if_msghdr', h.ifm, 'if_data', false);
  if (h.ifm2) {
    o.raw('#ifdef RTM_IFINFO2');
    interfaceHeader(o, 'if_msghdr2', h.ifm2, 'if_data64', false);
    o.raw('#endif');
  }
  if (h.ifml && h.ifaml) {
    o.raw('#ifdef NET_RT_IFLISTL');
    interfaceHeader(o, 'if_msghdrl', h.ifml, null, true);
    addressHeader(o, 'ifa_msghdrl', h.ifaml, true);
    o.raw('#endif');
  }
  // NetBSD's pre-8 ifa_msghdr (RTM_ONEWADDR) lives only in the kernel's compat headers.
  addressHeader(o, 'ifa_msghdr', h.ifa, false);
  if (h.ifma) {
    o.raw('#ifdef RTM_NEWMADDR');
    multicastHeader(o, 'ifma_msghdr', h.ifma);
    o.raw('#endif');
  }
  if (h.ifma2) {
    o.raw('#ifdef RTM_NEWMADDR2');
    multicastHeader(o, 'ifma_msghdr2', h.ifma2);
    o.raw('#endif');
  }
  if (h.ifan) {
    o.raw('#ifdef RTM_IFANNOUNCE');
    announceHeader(o, h.ifan);
    o.raw('#endif');
  }
  o.raw('/* sockaddrs */');
  o.size('sockaddr_dl', h.sa.dl);
  o.field('sockaddr_dl', 'sdl_len', 0, 1);
  o.field('sockaddr_dl', 'sdl_family', 1, 1);
  o.field('sockaddr_dl', 'sdl_index', 2, 2);
  o.field('sockaddr_dl', 'sdl_type', 4, 1);
  o.field('sockaddr_dl', 'sdl_nlen', 5, 1);
  o.field('sockaddr_dl', 'sdl_alen', 6, 1);
  o.field('sockaddr_dl', 'sdl_data', 8);
  o.size('sockaddr_in', 16);
  o.field('sockaddr_in', 'sin_addr', 4, 4);
  o.size('sockaddr_in6', 28);
  o.field('sockaddr_in6', 'sin6_addr', 8, 16);
  o.field('sockaddr_in6', 'sin6_scope_id', 24, 4);
  if (h.sa.rtlabel !== NONE) {
    o.raw('#ifdef RTA_LABEL');
    o.size('sockaddr_rtlabel', h.sa.rtlabel);
    o.field('sockaddr_rtlabel', 'sr_label', 2, h.sa.rtlabel - 2);
    o.raw('#endif');
  }
  if (h.sa.rtdns !== NONE) {
    for (const [bit, s, m] of [
      ['RTA_DNS', 'sockaddr_rtdns', 'sr_dns'],
      ['RTA_STATIC', 'sockaddr_rtstatic', 'sr_static'],
      ['RTA_SEARCH', 'sockaddr_rtsearch', 'sr_search'],
    ] as const) {
      o.raw(`#ifdef ${bit}`);
      o.size(s, h.sa.rtdns);
      o.field(s, m, 2, h.sa.rtdns - 2);
      o.raw('#endif');
    }
  }
  o.raw('/* constants */');
  o.constant('RTM_VERSION', c.RTM_VERSION);
  o.constant('PF_ROUTE', c.PF_ROUTE);
  o.constant('AF_INET', c.AF_INET);
  o.constant('AF_INET6', c.AF_INET6);
  o.constant('AF_LINK', c.AF_LINK);
  for (const [name, v] of Object.entries(c.RTM)) o.constant('RTM_' + name, v);
  c.rtfBits.forEach((name, b) => {
    if (name) o.constant('RTF_' + name, (1 << b) >>> 0);
  });
  c.roles.forEach((role, i) => {
    o.constant('RTA_' + role.toUpperCase(), (1 << i) >>> 0);
    o.constant('RTAX_' + role.toUpperCase(), i);
  });
  o.constant('RTAX_MAX', c.roles.length);
  for (const [name, v] of Object.entries(c.RTV)) o.constant('RTV_' + name, v);
  for (const [name, v] of Object.entries(c.NET_RT)) o.constant('NET_RT_' + name, v);
  return o.lines;
}

/** The whole header text for every OS and ABI of `source` (default: the shipped tables). */
export function generateLayoutHeader(source: LayoutSource = (os, abi) => getLayout(os, abi)): string {
  const out: string[] = [
    '/* GENERATED by scripts/gen-layout-header.ts from lib/bsd/layouts.ts and lib/bsd/constants.ts.',
    ' * Do not edit: change the tables and run `node --import tsx scripts/gen-layout-header.ts`.',
    ' *',
    ' * Static assertions that the codec\'s layout tables equal the system headers of the OS and',
    ' * ABI being compiled. Include after <sys/socket.h>, <net/if.h>, <net/if_dl.h>, <net/route.h>',
    ' * (native/layout_check.cc). Constants are checked only where the system defines them. */',
    '#ifndef PFROUTE_LAYOUT_CHECK_H',
    '#define PFROUTE_LAYOUT_CHECK_H',
    '',
    '#ifndef offsetof',
    '#include <stddef.h>',
    '#endif',
    '',
    '#ifndef PFROUTE_LAYOUT_ABI',
    '#if defined(__LP64__) || defined(_LP64)',
    '#define PFROUTE_LAYOUT_ABI 64',
    '#else',
    '#define PFROUTE_LAYOUT_ABI 32',
    '#endif',
    '#endif',
    '',
    '#ifdef __cplusplus',
    '#define PFROUTE_LC_ASSERT(cond, msg) static_assert(cond, msg)',
    '#else',
    '#define PFROUTE_LC_ASSERT(cond, msg) _Static_assert(cond, msg)',
    '#endif',
    '#define PFROUTE_LC_MSIZE(type, member) sizeof(((type *)0)->member)',
    '',
  ];
  OS_MACROS.forEach(([os, macro], i) => {
    out.push(`${i === 0 ? '#if' : '#elif'} defined(${macro}) /* ${os} */`);
    out.push('#define PFROUTE_LAYOUT_CHECKED 1');
    for (const abi of [64, 32] as const) {
      out.push(`#${abi === 64 ? 'if' : 'elif'} PFROUTE_LAYOUT_ABI == ${abi}`);
      out.push(...assertionsFor(source(os, abi)));
    }
    out.push('#endif /* PFROUTE_LAYOUT_ABI */');
  });
  out.push('#endif /* OS */', '', '#endif /* PFROUTE_LAYOUT_CHECK_H */', '');
  return out.join('\n');
}

function main(argv: string[]): number {
  const text = generateLayoutHeader();
  if (argv.includes('--check')) {
    const cur = fs.existsSync(HEADER_PATH) ? fs.readFileSync(HEADER_PATH, 'utf8') : '';
    if (cur !== text) {
      process.stderr.write(`${HEADER_PATH} is stale: run node --import tsx scripts/gen-layout-header.ts\n`);
      return 1;
    }
    return 0;
  }
  fs.writeFileSync(HEADER_PATH, text);
  process.stdout.write(`wrote ${HEADER_PATH} (${text.split('\n').length} lines)\n`);
  return 0;
}

if (/gen-layout-header\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) process.exitCode = main(process.argv.slice(2));
