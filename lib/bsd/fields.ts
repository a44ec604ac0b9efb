/** Reads a list of layout fields into a plain object (keys in list order). */
import { readInt, readUint } from './bytes';
import type { Field } from './layouts';

export function readFields(dv: DataView, base: number, fields: readonly Field[], out: Record<string, number>): void {
  for (let i = 0; i < fields.length; i++) {
    const fl = fields[i]!;
    out[fl.name] = fl.signed ? readInt(dv, base + fl.off, fl.size) : readUint(dv, base + fl.off, fl.size);
  }
}
