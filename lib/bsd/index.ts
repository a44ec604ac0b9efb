/**
 * The BSD routing-socket (PF_ROUTE) codec: macOS, FreeBSD, OpenBSD, NetBSD, DragonFly,
 * 64-bit (default) and 32-bit ABIs, on any host.
 */
import type { BsdOsName } from '../model';
import { OS_CONSTANTS, bitNames } from './constants';

export { decodeBsd, decodeBsdPartial, decodeBsdSockaddrs } from './walk';
export type { BsdDecodeOptions } from './walk';
export type { DnsAddress, LabelAddress, OpenBsdSpecialAddress, SearchAddress, StaticRoutesAddress } from './sockaddr';
export { encodeMessage, encodeRouteMessage } from './encode';
export type { BsdEncodable, BsdEncodeOptions, BsdRouteRequest } from './encode';
export { getLayout } from './layouts';
export { checkCompiledSizes, expectedCompiledSizes } from './compiled-check';
export type { Layout } from './layouts';

function prefixed(prefix: string, m: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) out[prefix + k] = v;
  return out;
}

function fromBits(prefix: string, table: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  table.forEach((name, b) => {
    if (name) out[prefix + name] = (1 << b) >>> 0;
  });
  return out;
}

/** Numeric constants of `os` (names with their RTF_/RTM_/RTA_/RTV_/NET_RT_ prefixes). */
export function bsdConstants(os: BsdOsName): {
  RTM_VERSION: number;
  AF_INET6: number;
  AF_LINK: number;
  PF_ROUTE: number;
  RTF: Record<string, number>;
  RTM: Record<string, number>;
  RTA: Record<string, number>;
  RTV: Record<string, number>;
  NET_RT: Record<string, number>;
  errnoNames?: never;
} {
  const c = OS_CONSTANTS[os];
  if (!c) throw new TypeError(`unknown BSD OS ${String(os)}`);
  const RTA: Record<string, number> = {};
  c.roles.forEach((r, i) => {
    RTA['RTA_' + r.toUpperCase()] = 1 << i;
  });
  return {
    RTM_VERSION: c.RTM_VERSION,
    AF_INET6: c.AF_INET6,
    AF_LINK: c.AF_LINK,
    PF_ROUTE: c.PF_ROUTE,
    RTF: fromBits('RTF_', c.rtfBits),
    RTM: prefixed('RTM_', c.RTM),
    RTA,
    RTV: prefixed('RTV_', c.RTV),
    NET_RT: prefixed('NET_RT_', c.NET_RT),
  };
}

/** route(8)-style names of the RTF_* bits in `raw` for `os` (unknown bits as 0x…). */
export function routeFlagNames(os: BsdOsName, raw: number): string[] {
  const c = OS_CONSTANTS[os];
  if (!c) throw new TypeError(`unknown BSD OS ${String(os)}`);
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw new TypeError(`flags must be an integer, got ${JSON.stringify(raw)}`);
  return bitNames(c.rtfBits, raw);
}

/** IFF_* names of interface flags for `os`. */
export function interfaceFlagNames(os: BsdOsName, raw: number): string[] {
  const c = OS_CONSTANTS[os];
  if (!c) throw new TypeError(`unknown BSD OS ${String(os)}`);
  return bitNames(c.iffBits, raw);
}
