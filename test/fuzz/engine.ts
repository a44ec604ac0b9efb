/**
 * The decoder fuzzer: structure-aware mutation over every codec pfroute has
 * (each BSD OS × ABI 32/64, and Linux rtnetlink), seeded with every real vector
 * in test/fixtures plus encoder output for each format.
 *
 * Invariants checked on every input:
 *  - decode returns an array of message objects or throws DecodeError, nothing else;
 *  - it terminates: each decode is timed (a slow input is a fault) and a watchdog
 *    thread kills the process and keeps the input if one never returns;
 *  - memory stays bounded: heapUsed is sampled every few thousand inputs;
 *  - a decoded route request re-encodes canonically: encode(decode(x)) = y, then
 *    encode(decode(y)) = y, and x = y whenever x was itself canonical;
 *  - lazy decoding agrees with eager decoding: the same DecodeError (offset, field, text)
 *    or messages whose full form (built by the getters) is the same JSON.
 *
 * Deterministic for a given seed (a xorshift PRNG; the time budget only decides
 * how many inputs are tried, not which ones).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from '../../lib/codec';
import { DecodeError } from '../../lib/errors';
import { encodeRouteMessage, getLayout } from '../../lib/bsd/index';
import { encodeRouteRequest, NL, type NetlinkRouteRequest } from '../../lib/linux/index';
import { BSD_OS_NAMES, type Abi, type BsdOsName, type Message, type OsName, type RouteMessage } from '../../lib/model';
import { requestFromMessage } from '../support/bsd-request';

export const ROOT = join(__dirname, '..', '..');
export const REGRESSIONS = join(__dirname, 'regressions');

export interface Decoder {
  name: string;
  os: OsName;
  abi: Abi;
}

export const DECODERS: Decoder[] = [
  ...BSD_OS_NAMES.flatMap((os) => ([64, 32] as Abi[]).map((abi) => ({ name: `${os}-${abi}`, os, abi }))),
  { name: 'linux-64', os: 'linux', abi: 64 },
];

export interface Fault {
  decoder: string;
  kind: 'exception' | 'bad-result' | 'slow' | 'memory' | 'reencode' | 'lazy';
  detail: string;
  file: string | null;
  input: Buffer;
}

export interface DecoderStats {
  inputs: number;
  decoded: number;
  decodeErrors: number;
  reencodeChecked: number;
  canonical: number;
  faults: number;
  ms: number;
}

export interface FuzzResult {
  seed: number;
  seconds: number;
  inputs: number;
  perSecond: number;
  seeds: number;
  faults: Fault[];
  perDecoder: Record<string, DecoderStats>;
  maxDecodeMs: number;
  heapMaxMB: number;
}

export interface FuzzOptions {
  seconds: number;
  seed?: number;
  /** Stop after this many mutation rounds (200 inputs each) even before the time is up. */
  rounds?: number;
  /** Decoders to run (default: all). */
  decoders?: Decoder[];
  /** Write failing inputs to test/fuzz/regressions (default true). */
  save?: boolean;
  /** A decode slower than this is a fault (default 1000 ms: inputs are at most 64 KiB; GC pauses on a loaded 2-core box reach ~200 ms). */
  slowMs?: number;
  /** heapUsed growth over the start that is a fault (default 512 MiB). */
  heapLimitMB?: number;
  /** Shared progress cell for a watchdog (see run.ts). */
  heartbeat?: Int32Array;
  /** Where the watchdog finds the input being decoded. */
  current?: { set(input: Buffer, decoder: Decoder): void };
  log?: (line: string) => void;
}

// ---------------------------------------------------------------------------
// PRNG

class Rng {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0 || 0x9e3779b9;
  }
  u32(): number {
    let x = this.#s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.#s = x;
    return x;
  }
  int(n: number): number {
    return n <= 0 ? 0 : this.u32() % n;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  chance(p: number): boolean {
    return this.u32() / 0x100000000 < p;
  }
}

// ---------------------------------------------------------------------------
// Seeds

function hexStrings(v: unknown, out: Buffer[]): void {
  if (typeof v === 'string') {
    if (v.length >= 8 && v.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(v)) out.push(Buffer.from(v, 'hex'));
  } else if (Array.isArray(v)) {
    for (const x of v) hexStrings(x, out);
  } else if (v && typeof v === 'object') {
    for (const x of Object.values(v)) hexStrings(x, out);
  }
}

function walkFiles(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkFiles(p, out);
    else out.push(p);
  }
}

/** Every real vector: test/fixtures/vectors/** (.bin and hex in .json) and test/fixtures/linux/*.json. */
export function loadVectors(): Buffer[] {
  const files: string[] = [];
  walkFiles(join(ROOT, 'test', 'fixtures', 'vectors'), files);
  for (const n of readdirSync(join(ROOT, 'test', 'fixtures', 'linux'))) files.push(join(ROOT, 'test', 'fixtures', 'linux', n));
  const out: Buffer[] = [];
  for (const f of files.sort()) {
    if (f.endsWith('.bin')) out.push(readFileSync(f));
    else if (f.endsWith('.json')) hexStrings(JSON.parse(readFileSync(f, 'utf8')), out);
  }
  const seen = new Set<string>();
  return out.filter((b) => {
    const k = b.toString('hex');
    if (seen.has(k) || b.length === 0) return false;
    seen.add(k);
    return true;
  });
}

/** Encoder output for one format: canonical route requests to mutate from. */
function syntheticSeeds(d: Decoder): Buffer[] {
  const out: Buffer[] = [];
  if (d.os === 'linux') {
    const base: NetlinkRouteRequest[] = [
      { type: 'new', flags: NL.NLM_F_ACK | NL.NLM_F_CREATE | NL.NLM_F_EXCL, seq: 1, family: 'inet', dst: '198.51.100.0', dstLen: 24, gateway: '192.0.2.2' },
      { type: 'new', flags: NL.NLM_F_ACK | NL.NLM_F_REPLACE, seq: 2, pid: 9, family: 'inet', dst: '203.0.113.7', dstLen: 32, oif: 2, table: 1000, priority: 7, prefsrc: '192.0.2.1', metrics: { mtu: 1400, hoplimit: 9, lock: 2 } },
      { type: 'delete', flags: NL.NLM_F_ACK, seq: 3, family: 'inet6', dst: '2001:db8::', dstLen: 32, gateway: '2001:db8:1::2', oif: 3 },
      { type: 'get', flags: NL.NLM_F_ACK, seq: 4, family: 'inet6', dst: '2001:db8::1', dstLen: 128 },
      { type: 'new', flags: NL.NLM_F_ACK, seq: 5, family: 'inet', dst: '198.18.0.0', dstLen: 15, routeType: 'blackhole', protocol: 4 },
    ];
    for (const r of base) out.push(encodeRouteRequest(r));
    return out;
  }
  const os = d.os as BsdOsName;
  const reqs: Parameters<typeof encodeRouteMessage>[0][] = [
    {
      type: 'add', flags: 0x803, seq: 1, pid: 42, trimNetmask: true,
      addrs: { dst: { family: 'inet', address: '198.51.100.0' }, gateway: { family: 'inet', address: '192.0.2.1' }, netmask: { family: 'inet', address: '255.255.255.0', prefixLength: 24 } },
    },
    {
      type: 'change', flags: 0x801, seq: 2, locks: 1, inits: 1, metrics: { mtu: 1400 },
      addrs: {
        dst: { family: 'inet', address: '192.0.2.0' },
        gateway: { family: 'link', address: '02:00:00:00:00:01', index: 3, type: 6, name: 'em0', mac: '02:00:00:00:00:01' },
        netmask: { family: 'inet', address: '255.255.255.0', prefixLength: 24 },
        ifa: { family: 'inet', address: '192.0.2.10' },
      },
    },
    {
      type: 'delete', flags: 0, seq: 3,
      addrs: { dst: { family: 'inet6', address: '2001:db8::' }, netmask: { family: 'inet6', address: 'ffff:ffff::', prefixLength: 32 } },
    },
    {
      type: 'get', flags: 0x805, seq: 4,
      addrs: { dst: { family: 'inet', address: '203.0.113.9' }, ifp: { family: 'link', address: '', index: 0, type: 0, name: '', mac: null } },
    },
  ];
  for (const r of reqs) {
    try {
      out.push(encodeRouteMessage(r, os, d.abi));
    } catch {
      /* a request type the OS lacks */
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Structure: where the length, family and bitmask fields of an input are

interface Fields {
  /** [offset, size] of message length fields (rtm_msglen u16 / nlmsg_len u32). */
  msgLens: Array<[number, number]>;
  /** Offsets of sa_len bytes / [offset] of rta_len u16. */
  subLens: Array<[number, number]>;
  /** Offsets of family bytes (sa_family, rtm_family) and type fields. */
  families: number[];
  /** [offset, size] of bitmasks and counts (rtm_addrs, rta_type, flags). */
  masks: Array<[number, number]>;
  /** [start, end) of each message. */
  messages: Array<[number, number]>;
}

function structure(b: Buffer, d: Decoder): Fields {
  const f: Fields = { msgLens: [], subLens: [], families: [], masks: [], messages: [] };
  let off = 0;
  if (d.os === 'linux') {
    while (off + 16 <= b.length && f.messages.length < 64) {
      const len = b.readUInt32LE(off);
      f.msgLens.push([off, 4]);
      f.masks.push([off + 4, 2], [off + 6, 2]);
      if (len < 16) break;
      const end = Math.min(b.length, off + len);
      f.messages.push([off, end]);
      const type = b.readUInt16LE(off + 4);
      if (off + 17 <= end) f.families.push(off + 16);
      // rtmsg 12, ifinfomsg 16, ifaddrmsg 8 bytes of fixed header
      const hdr = type >= 24 && type <= 26 ? 12 : type >= 16 && type <= 19 ? 16 : type >= 20 && type <= 22 ? 8 : type === 2 ? 20 : 0;
      if (hdr && off + 16 + hdr <= end) {
        for (let i = off + 16; i < off + 16 + hdr; i++) f.masks.push([i, 1]);
        let a = off + 16 + hdr;
        let n = 0;
        while (a + 4 <= end && n++ < 64) {
          const alen = b.readUInt16LE(a);
          f.subLens.push([a, 2]);
          f.masks.push([a + 2, 2]);
          if (alen < 4) break;
          // nested (RTA_MULTIPATH rtnexthop, RTA_METRICS): their first u16 too
          if (a + 8 <= end) f.subLens.push([a + 4, 2]);
          a += (alen + 3) & ~3;
        }
      }
      off += Math.ceil(len / 4) * 4;
    }
    return f;
  }
  const L = getLayout(d.os as BsdOsName, d.abi);
  while (off + 4 <= b.length && f.messages.length < 64) {
    const len = b.readUInt16LE(off);
    f.msgLens.push([off, 2]);
    f.masks.push([off + 2, 1], [off + 3, 1]);
    if (len < 4) break;
    const end = Math.min(b.length, off + len);
    f.messages.push([off, end]);
    const h = L.rt;
    if (off + h.addrs + 4 <= end) {
      f.masks.push([off + h.addrs, 4], [off + h.flags, 4], [off + h.index, 2]);
      if (h.inits >= 0 && off + h.inits + 4 <= end) f.masks.push([off + h.inits, 4]);
    }
    let s = off + h.size;
    let n = 0;
    while (s + 2 <= end && n++ < 16) {
      f.subLens.push([s, 1]);
      f.families.push(s + 1);
      const sl = b[s]!;
      s += sl === 0 ? L.align : 1 + ((sl - 1) | (L.align - 1));
    }
    off += len;
  }
  return f;
}

// ---------------------------------------------------------------------------
// Mutation

const FAMILIES = [0, 1, 2, 10, 16, 18, 24, 28, 30, 31, 0x7f, 0xff];

function interesting(rng: Rng, size: number, actual: number, bufLen: number): number {
  const max = size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  const v = rng.pick([0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 20, 28, 32, 64, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, max, actual - 1, actual + 1, actual + 4, actual * 2, bufLen, bufLen + 1, bufLen - 1, rng.u32()]);
  return ((v % (max + 1)) + max + 1) % (max + 1);
}

function writeField(b: Buffer, off: number, size: number, v: number): void {
  if (off < 0 || off + size > b.length) return;
  if (size === 1) b[off] = v & 0xff;
  else if (size === 2) b.writeUInt16LE(v & 0xffff, off);
  else b.writeUInt32LE(v >>> 0, off);
}

function readField(b: Buffer, off: number, size: number): number {
  if (off < 0 || off + size > b.length) return 0;
  return size === 1 ? b[off]! : size === 2 ? b.readUInt16LE(off) : b.readUInt32LE(off);
}

export const MUTATORS = ['msglen', 'sublen', 'family', 'mask', 'bitflip', 'byte', 'truncate', 'extend', 'splice', 'dupmsg', 'dropmsg', 'swapmsg', 'zero'] as const;
type Mutator = (typeof MUTATORS)[number];

function mutate(rng: Rng, input: Buffer, d: Decoder, pool: Buffer[]): { out: Buffer; how: Mutator } {
  let b = Buffer.from(input);
  const how = rng.pick(MUTATORS);
  const f = structure(b, d);
  switch (how) {
    case 'msglen': {
      if (!f.msgLens.length) break;
      const [o, s] = rng.pick(f.msgLens);
      writeField(b, o, s, interesting(rng, s, readField(b, o, s), b.length));
      break;
    }
    case 'sublen': {
      if (!f.subLens.length) break;
      const [o, s] = rng.pick(f.subLens);
      writeField(b, o, s, interesting(rng, s, readField(b, o, s), b.length));
      break;
    }
    case 'family': {
      if (!f.families.length) break;
      b[rng.pick(f.families)] = rng.pick(FAMILIES);
      break;
    }
    case 'mask': {
      if (!f.masks.length) break;
      const [o, s] = rng.pick(f.masks);
      const cur = readField(b, o, s);
      const v = rng.chance(0.5) ? cur ^ (1 << rng.int(s * 8)) : rng.chance(0.5) ? rng.u32() : interesting(rng, s, cur, b.length);
      writeField(b, o, s, v);
      break;
    }
    case 'bitflip': {
      const n = 1 + rng.int(4);
      for (let i = 0; i < n && b.length; i++) b[rng.int(b.length)]! ^= 1 << rng.int(8);
      break;
    }
    case 'byte': {
      if (b.length) b[rng.int(b.length)] = rng.pick([0, 1, 0x7f, 0x80, 0xfe, 0xff, rng.int(256)]);
      break;
    }
    case 'zero': {
      if (!b.length) break;
      const s = rng.int(b.length);
      b.fill(0, s, Math.min(b.length, s + 1 + rng.int(16)));
      break;
    }
    case 'truncate': {
      b = b.subarray(0, rng.int(b.length + 1));
      break;
    }
    case 'extend': {
      const n = 1 + rng.int(64);
      const ext = Buffer.alloc(n);
      if (rng.chance(0.5)) for (let i = 0; i < n; i++) ext[i] = rng.int(256);
      b = Buffer.concat([b, ext]);
      break;
    }
    case 'splice': {
      const other = rng.pick(pool);
      b = Buffer.concat([b.subarray(0, rng.int(b.length + 1)), other.subarray(rng.int(other.length + 1))]);
      break;
    }
    case 'dupmsg': {
      if (!f.messages.length) break;
      const [s, e] = rng.pick(f.messages);
      b = Buffer.concat([b, b.subarray(s, e)]);
      break;
    }
    case 'dropmsg': {
      if (f.messages.length < 2) break;
      const [s, e] = rng.pick(f.messages);
      b = Buffer.concat([b.subarray(0, s), b.subarray(e)]);
      break;
    }
    case 'swapmsg': {
      const other = rng.pick(pool);
      const g = structure(other, d);
      if (!g.messages.length) break;
      const [s, e] = rng.pick(g.messages);
      b = Buffer.concat([b, other.subarray(s, e)]);
      break;
    }
  }
  return { out: b, how };
}

// ---------------------------------------------------------------------------
// Re-encode

function linuxRequest(m: RouteMessage, bytes: Buffer): NetlinkRouteRequest | null {
  const l = m.linux;
  if (!l || (l.family !== 'inet' && l.family !== 'inet6')) return null;
  const type = m.type === 'add' ? 'new' : m.type === 'delete' ? 'delete' : m.type === 'get' ? 'get' : null;
  if (!type) return null;
  const flags = bytes.readUInt16LE(6) & ~NL.NLM_F_REQUEST;
  const dstLen = m.destination && m.destination !== 'default' ? Number(m.destination.split('/')[1] ?? (l.family === 'inet' ? 32 : 128)) : 0;
  const r: NetlinkRouteRequest = { type, flags, seq: m.seq ?? 0, pid: m.pid ?? 0, family: l.family, dstLen };
  const dst = m.addrs.dst;
  if (dst && (dst.family === 'inet' || dst.family === 'inet6')) r.dst = dst.address;
  const gw = m.addrs.gateway;
  if (gw && (gw.family === 'inet' || gw.family === 'inet6')) r.gateway = gw.address;
  if (l.oif !== undefined) r.oif = l.oif;
  if (l.iif !== undefined) r.iif = l.iif;
  r.table = l.table;
  if (l.priority !== undefined) r.priority = l.priority;
  r.protocol = l.protocol;
  r.scope = l.scope;
  r.routeType = l.routeType;
  if (l.prefsrc !== undefined) r.prefsrc = l.prefsrc;
  if (l.rtmFlags) r.rtmFlags = l.rtmFlags;
  return r;
}

/** encode(decode(bytes)) for a route request message; null when the encoder refuses it. */
export function encodeAgain(m: RouteMessage, bytes: Buffer, d: Decoder): Buffer | null {
  try {
    if (d.os === 'linux') {
      const r = linuxRequest(m, bytes);
      return r ? encodeRouteRequest(r) : null;
    }
    const os = d.os as BsdOsName;
    const req = requestFromMessage(m, bytes, os, d.abi);
    const a = encodeRouteMessage(req, os, d.abi);
    if (a.equals(bytes)) return a;
    // The model does not keep whether masks were trimmed, and requestFromMessage guesses
    // from the netmask alone (an inet6 netmask is never trimmed, an inet genmask may be):
    // the other setting may be the one that gives the bytes back.
    const b = encodeRouteMessage({ ...req, trimNetmask: !req.trimNetmask }, os, d.abi);
    return b.equals(bytes) ? b : a;
  } catch {
    return null; // the encoder refuses what it cannot send (unknown families, types): not canonical
  }
}

const REQUEST_TYPES = new Set(['add', 'delete', 'change', 'get']);

// ---------------------------------------------------------------------------
// The invariant check for one input

export type Verdict =
  | { ok: true; messages: number; decodeError: boolean; reencode: 'none' | 'checked' | 'canonical' }
  | { ok: false; kind: Fault['kind']; detail: string };

/** Lazy decoding of `input` must give what eager decoding gave: `eager` is its JSON or its error. */
function checkLazy(input: Buffer, d: Decoder, eager: string | DecodeError): Verdict | null {
  let lazy: Message[];
  try {
    lazy = decode(input, { os: d.os, abi: d.abi, lazy: true });
  } catch (e) {
    if (!(eager instanceof DecodeError)) return { ok: false, kind: 'lazy', detail: `lazy decode threw where eager did not: ${(e as Error).message}` };
    if (!(e instanceof DecodeError) || e.offset !== eager.offset || e.field !== eager.field || e.message !== eager.message) {
      return { ok: false, kind: 'lazy', detail: `lazy decode threw ${(e as Error).message}; eager threw ${eager.message}` };
    }
    return null;
  }
  if (eager instanceof DecodeError) return { ok: false, kind: 'lazy', detail: `lazy decode accepted what eager refused: ${eager.message}` };
  let json: string;
  try {
    json = JSON.stringify(lazy);
  } catch (e) {
    return { ok: false, kind: 'lazy', detail: `a lazy message failed when read: ${(e as Error).message}` };
  }
  return json === eager ? null : { ok: false, kind: 'lazy', detail: 'lazy messages differ from eager ones' };
}

/** Decodes `input` with `d` and checks every invariant except the memory bound. */
export function check(input: Buffer, d: Decoder, slowMs = 1000): Verdict {
  const t0 = performance.now();
  let messages: Message[];
  try {
    messages = decode(input, { os: d.os, abi: d.abi });
  } catch (e) {
    const ms = performance.now() - t0;
    if (ms > slowMs) return { ok: false, kind: 'slow', detail: `${ms.toFixed(0)} ms before throwing` };
    if (e instanceof DecodeError) {
      if (!Number.isInteger(e.offset) || e.offset < 0 || typeof e.field !== 'string') {
        return { ok: false, kind: 'bad-result', detail: `DecodeError without offset/field: ${e.message}` };
      }
      return checkLazy(input, d, e) ?? { ok: true, messages: 0, decodeError: true, reencode: 'none' };
    }
    const err = e as Error;
    return { ok: false, kind: 'exception', detail: `${err?.name}: ${err?.message}\n${err?.stack?.split('\n').slice(1, 6).join('\n')}` };
  }
  const ms = performance.now() - t0;
  if (ms > slowMs) return { ok: false, kind: 'slow', detail: `${ms.toFixed(0)} ms` };
  if (!Array.isArray(messages)) return { ok: false, kind: 'bad-result', detail: `decode returned ${typeof messages}` };
  for (const m of messages) {
    if (!m || typeof m !== 'object' || typeof m.kind !== 'string' || typeof m.type !== 'string') {
      return { ok: false, kind: 'bad-result', detail: `not a message: ${JSON.stringify(m)?.slice(0, 200)}` };
    }
  }
  let json: string;
  try {
    json = JSON.stringify(messages);
  } catch (e) {
    return { ok: false, kind: 'bad-result', detail: `messages do not serialise: ${(e as Error).message}` };
  }
  const lazyFault = checkLazy(input, d, json);
  if (lazyFault) return lazyFault;
  let reencode: 'none' | 'checked' | 'canonical' = 'none';
  const m = messages[0];
  if (messages.length === 1 && m && m.kind === 'route' && REQUEST_TYPES.has(m.type)) {
    const y = encodeAgain(m, input, d);
    if (y) {
      // y is encoder output, hence canonical: decode → encode must give it back.
      let again: Message[];
      try {
        again = decode(y, { os: d.os, abi: d.abi });
      } catch (e) {
        return { ok: false, kind: 'reencode', detail: `re-encoded message does not decode: ${(e as Error).message}; y=${y.toString('hex')}` };
      }
      const m2 = again[0];
      const z = again.length === 1 && m2 && m2.kind === 'route' ? encodeAgain(m2, y, d) : null;
      if (!z || !z.equals(y)) {
        return { ok: false, kind: 'reencode', detail: `encode(decode(y)) != y\n y=${y.toString('hex')}\n z=${z?.toString('hex')}` };
      }
      reencode = y.equals(input) ? 'canonical' : 'checked';
    }
  }
  return { ok: true, messages: messages.length, decodeError: false, reencode };
}

// ---------------------------------------------------------------------------
// Driver

export function saveRegression(input: Buffer, d: Decoder): string {
  mkdirSync(REGRESSIONS, { recursive: true });
  const hash = createHash('sha256').update(input).digest('hex').slice(0, 16);
  const file = join(REGRESSIONS, `${d.os}-${d.abi}-${hash}.bin`);
  writeFileSync(file, input);
  return file;
}

/** Parses a regression file name back to its decoder. */
export function decoderOfFile(name: string): Decoder | null {
  const m = /^([a-z]+)-(32|64)-[0-9a-f]+\.bin$/.exec(name);
  if (!m) return null;
  return DECODERS.find((d) => d.os === m[1] && d.abi === Number(m[2])) ?? null;
}

export function fuzz(opts: FuzzOptions): FuzzResult {
  const seed = (opts.seed ?? 1) >>> 0;
  const decoders = opts.decoders ?? DECODERS;
  const slowMs = opts.slowMs ?? 1000;
  const heapLimit = (opts.heapLimitMB ?? 512) * 1024 * 1024;
  const save = opts.save ?? true;
  const log = opts.log ?? (() => {});
  const vectors = loadVectors();
  const pools = new Map<string, Buffer[]>();
  for (const d of decoders) pools.set(d.name, [...vectors, ...syntheticSeeds(d)]);
  const perDecoder: Record<string, DecoderStats> = {};
  for (const d of decoders) perDecoder[d.name] = { inputs: 0, decoded: 0, decodeErrors: 0, reencodeChecked: 0, canonical: 0, faults: 0, ms: 0 };
  const faults: Fault[] = [];
  const seen = new Set<string>();
  const rng = new Rng(seed);
  const heap0 = process.memoryUsage().heapUsed;
  let heapMax = heap0;
  let maxMs = 0;
  let total = 0;
  const start = performance.now();
  const deadline = start + opts.seconds * 1000;
  let nextReport = start + 10_000;

  const record = (input: Buffer, d: Decoder, kind: Fault['kind'], detail: string) => {
    const key = `${d.name}:${kind}:${detail.split('\n')[0]}`;
    perDecoder[d.name]!.faults++;
    if (seen.has(key)) return; // one input per distinct fault
    seen.add(key);
    const file = save ? saveRegression(input, d) : null;
    faults.push({ decoder: d.name, kind, detail, file, input });
    log(`FAULT ${d.name} ${kind}: ${detail.split('\n')[0]}${file ? ` -> ${file}` : ''}`);
  };

  const runOne = (input: Buffer, d: Decoder) => {
    opts.current?.set(input, d);
    const t0 = performance.now();
    const v = check(input, d, slowMs);
    const ms = performance.now() - t0;
    if (ms > maxMs) maxMs = ms;
    const s = perDecoder[d.name]!;
    s.inputs++;
    s.ms += ms;
    total++;
    if (opts.heartbeat) Atomics.add(opts.heartbeat, 0, 1);
    if (!v.ok) {
      record(input, d, v.kind, v.detail);
      return;
    }
    if (v.decodeError) s.decodeErrors++;
    else s.decoded++;
    if (v.reencode !== 'none') s.reencodeChecked++;
    if (v.reencode === 'canonical') s.canonical++;
    return v;
  };

  // Every seed as is, on every decoder, first.
  for (const d of decoders) for (const input of pools.get(d.name)!) runOne(input, d);

  // Then mutation rounds: one decoder at a time, in a fixed rotation.
  let round = 0;
  const maxRounds = opts.rounds ?? Infinity;
  while (performance.now() < deadline && round < maxRounds) {
    const d = decoders[round++ % decoders.length]!;
    const pool = pools.get(d.name)!;
    for (let i = 0; i < 200; i++) {
      let input = rng.pick(pool);
      const depth = 1 + rng.int(3);
      for (let k = 0; k < depth; k++) input = mutate(rng, input, d, pool).out;
      if (input.length > 1 << 16) input = input.subarray(0, 1 << 16);
      const v = runOne(input, d);
      // Keep inputs that still decode (they explore deeper) in a bounded pool.
      if (v && v.ok && !v.decodeError && v.messages > 0 && rng.chance(0.02)) {
        if (pool.length < 4000) pool.push(input);
        else pool[rng.int(pool.length)] = input;
      }
    }
    if (round % 25 === 0) {
      const h = process.memoryUsage().heapUsed;
      if (h > heapMax) heapMax = h;
      if (h - heap0 > heapLimit) {
        record(Buffer.alloc(0), d, 'memory', `heapUsed grew by ${((h - heap0) / 1048576).toFixed(0)} MiB`);
        break;
      }
      const now = performance.now();
      if (now >= nextReport) {
        nextReport = now + 10_000;
        log(`${((now - start) / 1000).toFixed(0)} s: ${total} inputs, ${Math.round(total / ((now - start) / 1000))}/s, ${faults.length} faults, heap ${(h / 1048576).toFixed(0)} MiB`);
      }
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    seed,
    seconds,
    inputs: total,
    perSecond: Math.round(total / seconds),
    seeds: vectors.length,
    faults,
    perDecoder,
    maxDecodeMs: Math.round(maxMs * 100) / 100,
    heapMaxMB: Math.round((heapMax / 1048576) * 10) / 10,
  };
}
