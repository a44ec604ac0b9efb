/** Turns a decoded route message back into an encoder request (for decode → re-encode tests). */
import type { BsdRouteRequest } from '../../lib/bsd/index';
import { getLayout } from '../../lib/bsd/index';
import type { Abi, Address, BsdOsName, RouteMessage } from '../../lib/model';

/**
 * `bytes` is the message the request was decoded from: it tells whether the netmask was
 * sent trimmed (sa_len < a full sockaddr), which the model does not keep.
 */
export function requestFromMessage(m: RouteMessage, bytes: Uint8Array, os: BsdOsName, abi: Abi = 64): BsdRouteRequest {
  const L = getLayout(os, abi);
  const addrs: BsdRouteRequest['addrs'] = {};
  for (const [k, v] of Object.entries(m.addrs)) if (v) addrs[k] = v as Address;
  let trim = false;
  if (m.addrs.netmask) {
    // Walk to the netmask: dst and gateway come first.
    let off = L.rt.size;
    for (const role of ['dst', 'gateway']) {
      if (m.addrs[role]) {
        const len = bytes[off]!;
        off += len === 0 ? L.align : Math.ceil(len / L.align) * L.align;
      }
    }
    trim = bytes[off]! < 16;
  }
  const metrics = { ...m.metrics };
  const locks = metrics.locks;
  delete metrics.locks;
  const req: BsdRouteRequest = {
    type: m.type as BsdRouteRequest['type'],
    flags: m.rawFlags,
    index: m.index,
    seq: m.seq ?? 0,
    pid: m.pid ?? 0,
    version: m.version,
    addrs,
    inits: m.inits ?? 0,
    locks: locks ?? 0,
    metrics,
    trimNetmask: trim,
  };
  if (m.tableid !== undefined) req.tableid = m.tableid;
  if (m.priority !== undefined) req.priority = m.priority;
  if (m.mpls !== undefined) req.mpls = m.mpls;
  if (m.fmask !== undefined) req.fmask = m.fmask;
  return req;
}
