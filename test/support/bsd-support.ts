/** Helpers for the BSD codec tests: fixtures, hex with comments, a tiny message builder. */
import fs from 'node:fs';
import path from 'node:path';
import type { BsdOsName, Message } from '../../lib/model';

export const VECTORS = path.join(__dirname, '..', 'fixtures', 'vectors');
export const NETBSD_DIR = path.join(VECTORS, 'netbsd-kernel');
export const OSES: readonly BsdOsName[] = ['darwin', 'freebsd', 'openbsd', 'netbsd', 'dragonfly'];

export interface CaptureCase {
  id: string;
  os: string;
  description: string;
  input_kind: string;
  input_hex?: string;
  input_hex_list?: string[];
  sockaddrs_hex?: string;
  rtm_addrs?: number;
  alignment?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  expected: any;
}

export function captures(): CaptureCase[] {
  return JSON.parse(fs.readFileSync(path.join(VECTORS, 'bsd-captures.json'), 'utf8')) as CaptureCase[];
}

export function capture(id: string): CaptureCase {
  const c = captures().find((x) => x.id === id);
  if (!c) throw new Error(`no capture ${id}`);
  return c;
}

/** The NetBSD capture whose file name starts with `prefix` (e.g. '07-'). */
export function netbsd(prefix: string): Buffer {
  const f = fs.readdirSync(NETBSD_DIR).find((x) => x.startsWith(prefix) && x.endsWith('.bin'));
  if (!f) throw new Error(`no NetBSD capture ${prefix}`);
  return fs.readFileSync(path.join(NETBSD_DIR, f));
}

export function netbsdFiles(): string[] {
  return fs.readdirSync(NETBSD_DIR).filter((x) => x.endsWith('.bin')).sort();
}

/** Hex from an array of commented chunks: every chunk is hex digits and spaces. */
export function hex(chunks: string | string[]): Buffer {
  const s = (Array.isArray(chunks) ? chunks.join(' ') : chunks).split(/\s+/).join('');
  if (!/^([0-9a-f]{2})*$/i.test(s)) throw new Error(`bad hex ${s}`);
  return Buffer.from(s, 'hex');
}

export function zeros(n: number): string {
  return '00'.repeat(n);
}

/** Little-endian bytes of n. */
export function le(n: number, size: number): number[] {
  const out: number[] = [];
  let v = n;
  for (let i = 0; i < size; i++) {
    out.push(v & 0xff);
    v = Math.floor(v / 256);
  }
  return out;
}

/**
 * Builds one message: a zeroed header of `size` bytes with `fields` ([offset, size, value])
 * written, then `tail` (sockaddr bytes, already padded by the caller); msglen = total
 * unless `msglen` is given. version @2 and type @3 are set from `version`/`type`.
 */
export function message(
  size: number,
  type: number,
  version: number,
  fields: Array<[number, number, number]>,
  tail: number[] = [],
  msglen?: number,
): Buffer {
  const b = Buffer.alloc(size + tail.length);
  const total = msglen ?? b.length;
  b.writeUInt16LE(total & 0xffff, 0);
  b[2] = version;
  b[3] = type;
  for (const [off, sz, v] of fields) le(v, sz).forEach((x, i) => (b[off + i] = x));
  tail.forEach((x, i) => (b[size + i] = x));
  return b;
}

/** sockaddr_in bytes (16) for a dotted quad. */
export function sin(addr: string, family = 2): number[] {
  return [16, family, 0, 0, ...addr.split('.').map(Number), 0, 0, 0, 0, 0, 0, 0, 0];
}

/** Pads a sockaddr to the OS unit. */
export function pad(sa: number[], unit: number): number[] {
  const len = sa.length === 0 ? unit : Math.ceil(sa.length / unit) * unit;
  return [...sa, ...new Array<number>(len - sa.length).fill(0)];
}

export function only<K extends Message['kind']>(msgs: Message[], kind: K): Extract<Message, { kind: K }> {
  if (msgs.length !== 1) throw new Error(`expected one message, got ${msgs.length}`);
  const m = msgs[0]!;
  if (m.kind !== kind) throw new Error(`expected kind ${kind}, got ${m.kind}`);
  return m as Extract<Message, { kind: K }>;
}
