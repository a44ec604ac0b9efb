/**
 * Reads a list of layout fields into a plain object (keys in list order).
 *
 * Hot path: each field list (one per header of each OS/ABI, from the static tables in
 * layouts.ts) gets a reader compiled once into a single object literal, so every result has
 * one stable shape with in-object properties and no per-field dispatch. The generated code
 * only ever contains the tables' own field names (validated as identifiers) and numbers.
 */
import { flagNames } from './constants';
import type { Field } from './layouts';

export type FieldsReader = (dv: DataView, base: number) => Record<string, number>;

const readers = new WeakMap<readonly Field[], FieldsReader>();

function expr(fl: Field): string {
  const o = `b + ${fl.off}`;
  switch (fl.size) {
    case 1:
      return fl.signed ? `dv.getInt8(${o})` : `dv.getUint8(${o})`;
    case 2:
      return fl.signed ? `dv.getInt16(${o}, true)` : `dv.getUint16(${o}, true)`;
    case 4:
      return fl.signed ? `dv.getInt32(${o}, true)` : `dv.getUint32(${o}, true)`;
    default:
      return `dv.getUint32(${o}, true) + dv.${fl.signed ? 'getInt32' : 'getUint32'}(${o} + 4, true) * 4294967296`;
  }
}

function compile(fields: readonly Field[]): FieldsReader {
  const props = fields.map((fl) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fl.name) || !Number.isInteger(fl.off)) throw new Error(`bad layout field ${fl.name}`);
    return `${fl.name}: ${expr(fl)}`;
  });
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('dv', 'b', `return { ${props.join(', ')} };`) as FieldsReader;
}

/** The compiled reader of `fields` (cached per field list). */
export function fieldsReader(fields: readonly Field[]): FieldsReader {
  let r = readers.get(fields);
  if (!r) {
    r = compile(fields);
    readers.set(fields, r);
  }
  return r;
}

export function readFields(dv: DataView, base: number, fields: readonly Field[], out: Record<string, number>): void {
  const v = fieldsReader(fields)(dv, base);
  for (const k in v) out[k] = v[k]!;
}

/**
 * The fields every non-route BSD message starts with, in the model's key order: one literal
 * shape for address, multicast and interface messages alike. `rawFlags` is read by the caller
 * (interface flags are masked first) and named with `bits`.
 */
export function messageHead<K extends string>(
  kind: K,
  type: string,
  u8: Uint8Array,
  dv: DataView,
  off: number,
  indexAt: number,
  rawFlags: number,
  bits: readonly string[],
): { kind: K; type: string; version: number; index: number; flags: string[]; rawFlags: number } {
  return { kind, type, version: u8[off + 2]!, index: dv.getUint16(off + indexAt, true), flags: flagNames(bits, rawFlags), rawFlags };
}
