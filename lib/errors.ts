import { getSystemErrorMap } from 'node:util';

/**
 * A malformed message. Thrown by every decoder for bad input, and nothing else is:
 * a decoder never crashes, loops or returns a silently wrong value.
 */
export class DecodeError extends Error {
  override name = 'DecodeError';
  readonly code = 'ERR_PFROUTE_DECODE';
  /** Byte offset into the buffer handed to the decoder where the fault is. */
  readonly offset: number;
  /** The field being read, e.g. `rtm_msglen`, `sockaddr[gateway].sa_len`. */
  readonly field: string;
  /** Messages decoded before the fault, so callers can print what was good. */
  messagesBefore = 0;

  constructor(offset: number, field: string, reason: string) {
    super(`${field} at offset ${offset}: ${reason}`);
    this.offset = offset;
    this.field = field;
  }
}

/** A Node-style system error: `code`, `errno` (negative, as Node does), `syscall`. */
export interface SystemError extends Error {
  code: string;
  errno: number;
  syscall: string;
  /** Extra context set by pfroute: the route, the OS whose numbering was read. */
  route?: string;
  hint?: string;
}

/**
 * Builds an Error from a host errno (positive or negative), shaped like Node's own
 * (`"sendmsg EPERM: operation not permitted (…)"`).
 */
export function systemError(errno: number, syscall: string, detail?: string): SystemError {
  if (typeof errno !== 'number' || !Number.isInteger(errno) || errno === 0) {
    throw new TypeError(`errno must be a non-zero integer, got ${typeof errno === 'string' ? JSON.stringify(errno) : String(errno)}`);
  }
  if (typeof syscall !== 'string' || syscall === '') throw new TypeError('syscall must be a non-empty string');
  const n = -Math.abs(errno);
  const entry = getSystemErrorMap().get(n);
  const code = entry?.[0] ?? `E${Math.abs(errno)}`;
  const text = entry?.[1] ?? 'unknown error';
  const err = new Error(`${syscall} ${code}: ${text}${detail ? ` (${detail})` : ''}`) as SystemError;
  err.code = code;
  err.errno = n;
  err.syscall = syscall;
  return err;
}
