/**
 * One entry point over both codec families: the OS name picks the wire format.
 * Pure TypeScript; works on any host without the native shim.
 */
import { decodeBsd, decodeBsdPartial } from './bsd/index';
import type { DecodeError } from './errors';
import { decodeNetlink, decodeNetlinkPartial } from './linux/index';
import type { Abi, CodecOptions, Message, OsName } from './model';
import { OS_NAMES } from './model';

export function assertOsName(os: unknown): asserts os is OsName {
  if (typeof os !== 'string' || !(OS_NAMES as readonly string[]).includes(os)) {
    throw new TypeError(`unknown os ${JSON.stringify(os)}: expected one of ${OS_NAMES.join(', ')}`);
  }
}

function checkAbi(abi: unknown): Abi {
  if (abi === undefined) return 64;
  if (abi !== 32 && abi !== 64) throw new RangeError(`abi must be 32 or 64, got ${String(abi)}`);
  return abi;
}

function checkBuffer(buf: unknown): Uint8Array {
  if (!(buf instanceof Uint8Array)) throw new TypeError('decode expects a Buffer or Uint8Array');
  return buf;
}

function bsdOptions(options: CodecOptions): { iflistl: boolean; lazy: boolean } {
  return { iflistl: options.iflistl === true && options.os === 'freebsd', lazy: checkLazy(options.lazy) };
}

function checkLazy(lazy: unknown): boolean {
  if (lazy === undefined) return false;
  if (typeof lazy !== 'boolean') throw new TypeError(`lazy must be a boolean, got ${JSON.stringify(lazy)}`);
  return lazy;
}

/** Decodes every message in `buf` (one socket read or a whole dump); throws DecodeError. */
export function decode(buf: Uint8Array, options: CodecOptions): Message[] {
  const bytes = checkBuffer(buf);
  assertOsName(options?.os);
  const abi = checkAbi(options.abi);
  return options.os === 'linux' ? decodeNetlink(bytes, { lazy: checkLazy(options.lazy) }) : decodeBsd(bytes, options.os, abi, bsdOptions(options));
}

/** Like decode, but returns the messages before a fault together with the fault. */
export function decodePartial(
  buf: Uint8Array,
  options: CodecOptions,
): { messages: Message[]; error: DecodeError | null } {
  const bytes = checkBuffer(buf);
  assertOsName(options?.os);
  const abi = checkAbi(options.abi);
  return options.os === 'linux' ? decodeNetlinkPartial(bytes, { lazy: checkLazy(options.lazy) }) : decodeBsdPartial(bytes, options.os, abi, bsdOptions(options));
}

/** The wire format of the running host, or null where pfroute has none (Windows). */
export function hostOs(): OsName | null {
  switch (process.platform) {
    case 'linux':
    case 'android':
      return 'linux';
    case 'darwin':
      return 'darwin';
    case 'freebsd':
      return 'freebsd';
    case 'openbsd':
      return 'openbsd';
    case 'netbsd':
      return 'netbsd';
    default:
      return (process.platform as string) === 'dragonfly' ? 'dragonfly' : null;
  }
}
