import { readFileSync } from 'node:fs';
import { decodeNetlink } from '/work/main/lib/linux/index';
const d = JSON.parse(readFileSync('/work/main/test/fixtures/linux/dump.json', 'utf8'));
const parts: Buffer[] = [];
for (const hex of d.dumps.route) { const b = Buffer.from(hex, 'hex'); let off = 0; while (off + 16 <= b.length) { const len = b.readUInt32LE(off); if (b.readUInt16LE(off + 4) === 24) parts.push(Buffer.from(b.subarray(off, off + len))); off += (len + 3) & ~3; } }
const unit = Buffer.concat(parts);
const n0 = decodeNetlink(unit).length;
const buf = Buffer.concat(Array.from({ length: Math.ceil(100000 / n0) }, () => unit));
const R = Number(process.argv[2] ?? 10);
for (let r = 0; r < R; r++) { const t = process.hrtime.bigint(); const m = decodeNetlink(buf); const dt = Number(process.hrtime.bigint() - t); console.log(m.length, (m.length / dt * 1e9).toFixed(0), 'msg/s'); }
