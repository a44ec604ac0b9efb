/**
 * Decode throughput: decoding into the public model vs a bare walk over the same buffer that
 * reads only headers and sockaddr/rtattr lengths and allocates nothing. Two decodes are timed:
 * lazy (`{ lazy: true }`: every message validated in full, route messages as LazyRouteMessage
 * views whose addresses, flags and metrics are built on first access) and eager (every field
 * built). Run as a child of bench/run.ts (pinned to one core) against the compiled dist/ (what
 * users run); prints RESULT:{...}.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBsd, encodeRouteMessage, getLayout, type BsdRouteRequest } from '../dist/bsd/index';
import { decodeNetlink, encodeDumpRequest } from '../dist/linux/index';
import type { BsdOsName, Message } from '../dist/model';
import { BSD_OS_NAMES } from '../dist/model';
import { native } from '../dist/native';
import { DECODE_INPUTS, emit, inPrivateNetns, loadRoutes, nowNs, ROOT, setupVeth, stats, type Stats } from './lib';

const TARGET = 100_000;
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

// ---------------------------------------------------------------------------
// bare walks (the JS floor): headers and lengths only, no allocation

export function bareBsd(u8: Uint8Array, dv: DataView, os: BsdOsName): number {
  const L = getLayout(os, 64);
  const A = L.align;
  const n = u8.length;
  let off = 0;
  let acc = 0;
  while (off + 4 <= n) {
    const len = dv.getUint16(off, true);
    if (len === 0) break;
    const spec = L.types[u8[off + 3]!];
    if (spec !== undefined) {
      let sa = off + (spec.hdrlen >= 0 ? dv.getUint16(off + spec.hdrlen, true) : spec.size);
      const ao = (spec.hdr as { addrs?: number }).addrs;
      if (ao !== undefined && ao >= 0) {
        let mask = dv.getInt32(off + ao, true);
        const end = off + len;
        while (mask !== 0 && sa < end) {
          if (mask & 1) {
            const l = u8[sa]!;
            acc += l + u8[sa + 1]!;
            sa += l === 0 ? A : 1 + ((l - 1) | (A - 1));
          }
          mask >>>= 1;
        }
      }
    }
    acc++;
    off += len;
  }
  return acc;
}

export function bareNetlink(u8: Uint8Array, dv: DataView): number {
  const n = u8.length;
  let off = 0;
  let acc = 0;
  while (off + 16 <= n) {
    const len = dv.getUint32(off, true);
    if (len < 16) break;
    const type = dv.getUint16(off + 4, true);
    const end = off + len;
    if (type === 24 || type === 25) {
      let a = off + 16 + 12;
      while (a + 4 <= end) {
        const alen = dv.getUint16(a, true);
        if (alen < 4) break;
        acc += alen + dv.getUint16(a + 2, true);
        a += (alen + 3) & ~3;
      }
    }
    acc++;
    off += (len + 3) & ~3;
  }
  return acc;
}

// ---------------------------------------------------------------------------
// the allocation floor: the bare walk plus one five-field object per message kept in an
// array, which is the least any decoder that returns one object per message must do (a lazy
// message has five slots). Not a target; it shows how much of the gap to the bare walk is the
// JS heap rather than decoding.

class Slot {
  kind = 'route';
  type = 'get';
  a: unknown;
  b: number;
  c: unknown = undefined;
  constructor(a: unknown, b: number) {
    this.a = a;
    this.b = b;
  }
}

export function allocFloor(messages: number, src: unknown): number {
  const out: Slot[] = [];
  for (let i = 0; i < messages; i++) out.push(new Slot(src, i));
  return out.length;
}

// ---------------------------------------------------------------------------
// inputs

interface Input {
  name: string;
  source: string;
  buf: Buffer;
  messages: number;
  decode: (b: Buffer) => Message[];
  lazy: (b: Buffer) => Message[];
  bare: (b: Buffer, dv: DataView) => number;
}

function repeatTo(unit: Buffer, unitMessages: number, target: number): { buf: Buffer; messages: number } {
  const reps = Math.ceil(target / unitMessages);
  return { buf: Buffer.concat(Array.from({ length: reps }, () => unit)), messages: reps * unitMessages };
}

function bsdCaptures(): Map<BsdOsName, Buffer[]> {
  const cases = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/vectors/bsd-captures.json'), 'utf8')) as Array<{
    id: string;
    input_hex?: string;
    input_kind: string;
  }>;
  const out = new Map<BsdOsName, Buffer[]>();
  const add = (os: BsdOsName, b: Buffer): void => void (out.get(os) ?? out.set(os, []).get(os)!).push(b);
  for (const c of cases) {
    if (c.input_kind !== 'sysctl_NET_RT_DUMP' || !c.input_hex) continue;
    const os: BsdOsName = c.id.startsWith('FREEBSD') ? 'freebsd' : c.id.startsWith('DARWIN') ? 'darwin' : 'netbsd';
    add(os, Buffer.from(c.input_hex, 'hex'));
  }
  // NetBSD: also the real route replies read from a NetBSD kernel's routing socket.
  const dir = join(ROOT, 'test/fixtures/vectors/netbsd-kernel');
  for (const f of readdirSync(dir).sort()) {
    if (!/-reply\.bin$/.test(f)) continue;
    const b = readFileSync(join(dir, f));
    try {
      const ms = decodeBsd(b, 'netbsd');
      if (ms.length > 0 && ms.every((m) => m.kind === 'route' && !m.errno)) add('netbsd', b);
    } catch {
      /* malformed-on-purpose captures are not a throughput input */
    }
  }
  return out;
}

/** Route messages of the kinds a dump holds, for OSes without captures. */
function synthetic(os: BsdOsName): Buffer {
  const reqs: BsdRouteRequest[] = [
    { type: 'get', flags: 0x803, seq: 1, addrs: { dst: { family: 'inet', address: '0.0.0.0' }, gateway: { family: 'inet', address: '192.0.2.254' }, netmask: { family: 'inet', address: '0.0.0.0', prefixLength: 0 } } },
    { type: 'get', flags: 0x801, seq: 2, addrs: { dst: { family: 'inet', address: '192.0.2.0' }, gateway: { family: 'link', address: 'link#1', index: 1, type: 6, name: 'em0', mac: null }, netmask: { family: 'inet', address: '255.255.255.0', prefixLength: 24 } } },
    { type: 'get', flags: 0x807, seq: 3, addrs: { dst: { family: 'inet', address: '198.51.100.7' }, gateway: { family: 'inet', address: '192.0.2.2' } } },
    { type: 'get', flags: 0x803, seq: 4, addrs: { dst: { family: 'inet6', address: '2001:db8:2::' }, gateway: { family: 'inet6', address: 'fe80::1', zone: 1 }, netmask: { family: 'inet6', address: 'ffff:ffff:ffff::', prefixLength: 48 } } },
    { type: 'get', flags: 0x805, seq: 5, addrs: { dst: { family: 'inet6', address: '2001:db8:1::1' }, gateway: { family: 'link', address: '02:00:00:00:00:01', index: 1, type: 6, name: 'em0', mac: '02:00:00:00:00:01' } } },
  ];
  return Buffer.concat(reqs.map((r) => encodeRouteMessage(r, os, 64)));
}

function linuxFixture(): Buffer {
  const d = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/linux/dump.json'), 'utf8')) as { dumps: { route: string[] } };
  const parts: Buffer[] = [];
  for (const hex of d.dumps.route) {
    const b = Buffer.from(hex, 'hex');
    let off = 0;
    while (off + 16 <= b.length) {
      const len = b.readUInt32LE(off);
      if (b.readUInt16LE(off + 4) === 24) parts.push(Buffer.from(b.subarray(off, off + len)));
      off += (len + 3) & ~3;
    }
  }
  return Buffer.concat(parts);
}

function withSeq(unit: Buffer, unitMessages: number, target: number): { buf: Buffer; messages: number } {
  const r = repeatTo(unit, unitMessages, target);
  let off = 0;
  let seq = 1000;
  while (off + 16 <= r.buf.length) {
    r.buf.writeUInt32LE(seq++, off + 8);
    off += (r.buf.readUInt32LE(off) + 3) & ~3;
  }
  return r;
}

/** A real dump of `n` routes read from this namespace's kernel with the native socket. */
async function captureLinuxDump(n: number): Promise<Buffer> {
  setupVeth();
  loadRoutes(n);
  const nb = native();
  const c = nb.constants;
  const fd = nb.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE ?? 0);
  const portId = nb.netlinkBind(fd, 0);
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const sock = new nb.Socket(
      fd,
      (err, dgs) => {
        if (err) return reject(err);
        for (const d of dgs) {
          // Drop NLMSG_DONE: the decode input holds the routes only.
          if (d.length >= 16 && d.readUInt16LE(4) === 3) {
            sock.close();
            return resolve();
          }
          chunks.push(Buffer.from(d));
        }
      },
      64,
    );
    sock.start();
    sock.send(encodeDumpRequest('route', 1, 'inet', portId));
  });
  return Buffer.concat(chunks);
}

const lazyNetlink = (b: Buffer): Message[] => decodeNetlink(b, { lazy: true });

/**
 * The one input `which` names (DECODE_INPUTS). Each input is timed in a process of its own,
 * as a real program decodes the one format of its host: decoding all six formats in one
 * process makes the shared code polymorphic and measures that instead (5× slower lazy decoding
 * in this benchmark when it did).
 */
async function input(which: string): Promise<Input> {
  const os = BSD_OS_NAMES.find((o) => o === which);
  if (os !== undefined) {
    const have = bsdCaptures().get(os);
    const unit = have ? Buffer.concat(have) : synthetic(os);
    const unitMessages = decodeBsd(unit, os).length;
    const { buf, messages } = repeatTo(unit, unitMessages, TARGET);
    return {
      name: os,
      source: have ? `real captures ×${Math.ceil(TARGET / unitMessages)}` : 'encodeRouteMessage (no capture)',
      buf,
      messages,
      decode: (b) => decodeBsd(b, os),
      lazy: (b) => decodeBsd(b, os, 64, { lazy: true }),
      bare: (b, dv) => bareBsd(b, dv, os),
    };
  }
  if (which === 'linux-fixture') {
    const fx = linuxFixture();
    const fxMsgs = decodeNetlink(fx).length;
    const lf = withSeq(fx, fxMsgs, TARGET);
    return { name: 'linux (fixture mix)', source: `test/fixtures/linux dump ×${Math.ceil(TARGET / fxMsgs)}, seq adjusted`, buf: lf.buf, messages: lf.messages, decode: decodeNetlink, lazy: lazyNetlink, bare: bareNetlink };
  }
  if (which === 'linux-kernel') {
    if (!inPrivateNetns() || process.getuid?.() !== 0) throw new Error('linux-kernel needs root in the bench namespace');
    const live = await captureLinuxDump(TARGET);
    const n = decodeNetlink(live).length;
    return { name: 'linux (kernel dump)', source: `${n} routes dumped from the netns`, buf: live, messages: n, decode: decodeNetlink, lazy: lazyNetlink, bare: bareNetlink };
  }
  throw new Error(`unknown decode input ${which}: expected one of ${DECODE_INPUTS.join(', ')}`);
}

/** One input decoded one way (a process each: see input()), with the references of that process. */
export interface DecodeTiming {
  name: string;
  source: string;
  messages: number;
  bytes: number;
  mode: 'lazy' | 'eager';
  /** ns per round: the decode, the bare walk, the allocation floor. */
  decode: Stats;
  bare: Stats;
  floor: Stats;
}

/**
 * Eager and lazy decoding give the same messages. A function of its own, so that nothing it
 * decoded stays reachable from main's frame: a live 150 MB heap would slow every timed round.
 */
function verify(inp: Input): void {
  const check = inp.decode(inp.buf);
  if (check.length !== inp.messages) throw new Error(`${inp.name}: decoded ${check.length}, expected ${inp.messages}`);
  // The lazy views must hold the same messages (read through their getters).
  if (JSON.stringify(inp.lazy(inp.buf)) !== JSON.stringify(check)) throw new Error(`${inp.name}: lazy and eager decoding differ`);
}

/**
 * argv: rounds, input, mode. The eager process first checks that lazy and eager decoding agree on
 * the input; the lazy process decodes lazily only. One mode per process, as a program decodes: a
 * process that alternates 100,000-message eager and lazy decodes with forced GCs in between keeps
 * deoptimizing the shared decoder (measured: Linux lazy decoding 4× slower that way).
 */
async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 15);
  const inp = await input(process.argv[3] ?? 'darwin');
  const mode = process.argv[4] === 'eager' ? 'eager' : 'lazy';
  const dv = new DataView(inp.buf.buffer, inp.buf.byteOffset, inp.buf.byteLength);
  if (mode === 'eager') verify(inp);
  const decode = mode === 'eager' ? inp.decode : inp.lazy;
  let sink = 0;
  const times: number[] = [];
  const bare: number[] = [];
  const floor: number[] = [];
  for (let r = -3; r < rounds; r++) {
    gc();
    let t = nowNs();
    const n = decode(inp.buf).length;
    const td = nowNs() - t;
    if (n !== inp.messages) throw new Error(`${inp.name}: decoded ${n}, expected ${inp.messages}`);
    sink += n;
    t = nowNs();
    for (let k = 0; k < 5; k++) sink += inp.bare(inp.buf, dv);
    const tb = (nowNs() - t) / 5;
    gc();
    t = nowNs();
    sink += allocFloor(inp.messages, inp);
    const ta = nowNs() - t;
    if (r >= 0) {
      times.push(td);
      bare.push(tb);
      floor.push(ta);
    }
  }
  if (sink === 0) console.error('unreachable');
  const timing: DecodeTiming = {
    name: inp.name,
    source: inp.source,
    messages: inp.messages,
    bytes: inp.buf.length,
    mode,
    decode: stats(times),
    bare: stats(bare),
    floor: stats(floor),
  };
  emit({ rounds, timing });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
