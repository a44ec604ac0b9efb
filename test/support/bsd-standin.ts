/**
 * A stand-in for the BSD system headers, generated from the verified reference
 * (test/support/bsd-reference.ts = shared/reference/bsd-rtsock-layouts.json): every struct is
 * declared packed with explicit padding so that each field sits at the reference's offset with
 * the reference's size, and every constant is #defined to the reference's value. Compiling
 * native/layout_check.h against it (g++ -D__FreeBSD__ …) proves the generated assertions hold
 * for the reference, and that a wrong table entry fails to compile.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REF_CONSTANTS, REF_STRUCTS } from './bsd-reference';

export const REF_OS_MACRO: Record<string, string> = {
  macos: '__APPLE__',
  freebsd: '__FreeBSD__',
  openbsd: '__OpenBSD__',
  netbsd: '__NetBSD__',
  dragonfly: '__DragonFly__',
};

function ctype(size: number): string | null {
  switch (size) {
    case 1:
      return 'unsigned char';
    case 2:
      return 'unsigned short';
    case 4:
      return 'unsigned int';
    case 8:
      return 'unsigned long long';
    default:
      return null;
  }
}

function structDecl(name: string, size: number, fields: Record<string, [number, number]>): string {
  const lines = [`struct ${name} {`];
  let cur = 0;
  let pad = 0;
  for (const [fname, [off, sz]] of Object.entries(fields).sort((a, b) => a[1][0] - b[1][0])) {
    if (off < cur) throw new Error(`reference ${name}.${fname} overlaps the previous field`);
    if (off > cur) lines.push(`  unsigned char _pad${pad++}[${off - cur}];`);
    const t = ctype(sz);
    lines.push(t ? `  ${t} ${fname};` : `  unsigned char ${fname}[${sz}];`);
    cur = off + sz;
  }
  if (size > cur) lines.push(`  unsigned char _pad${pad++}[${size - cur}];`);
  lines.push('} __attribute__((packed));');
  return lines.join('\n');
}

/** OpenBSD sockaddrs the JSON does not lay out; sizes from the reference md §8 (2 + 128). */
const OPENBSD_EXTRA = [
  structDecl('sockaddr_rtdns', 130, { sr_len: [0, 1], sr_family: [1, 1], sr_dns: [2, 128] }),
  structDecl('sockaddr_rtstatic', 130, { sr_len: [0, 1], sr_family: [1, 1], sr_static: [2, 128] }),
  structDecl('sockaddr_rtsearch', 130, { sr_len: [0, 1], sr_family: [1, 1], sr_search: [2, 128] }),
];

function defines(c: Record<string, unknown>, out: string[]): void {
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'number') {
      if (/^[A-Z][A-Z0-9_]*$/.test(k)) out.push(`#define ${k} ${v}`);
    } else if (v && typeof v === 'object') defines(v as Record<string, unknown>, out);
  }
}

/** The stand-in "system header" for one reference OS (macos, freebsd, …). */
export function standinHeader(refOs: string): string {
  const out = [
    `/* stand-in for the ${refOs} system headers, from the verified reference */`,
    // The host's <stddef.h> pulls BSD-only headers under -D__FreeBSD__ / -D__NetBSD__.
    '#define offsetof(type, member) __builtin_offsetof(type, member)',
  ];
  for (const [name, s] of Object.entries(REF_STRUCTS[refOs]!)) out.push(structDecl(name, s.size, s.fields));
  if (refOs === 'openbsd') out.push(...OPENBSD_EXTRA);
  defines(REF_CONSTANTS[refOs] as Record<string, unknown>, out);
  return out.join('\n') + '\n';
}

export function hasCompiler(): boolean {
  return spawnSync('g++', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Compiles (syntax only) `prelude` followed by `#include "layout_check.h"` (given as text) with
 * `-D<macro>`, extra flags, as C++17 unless `lang` is 'c'. Returns the status and diagnostics.
 */
export function compileCheck(
  prelude: string,
  header: string,
  flags: string[],
  lang: 'c++' | 'c' = 'c++',
): { ok: boolean; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pfroute-lc-'));
  try {
    fs.writeFileSync(path.join(dir, 'layout_check.h'), header);
    const src = path.join(dir, lang === 'c' ? 'check.c' : 'check.cc');
    fs.writeFileSync(src, prelude + '\n#include "layout_check.h"\n');
    const std = lang === 'c' ? '-std=c11' : '-std=c++17';
    const r = spawnSync(lang === 'c' ? 'gcc' : 'g++', [std, '-fsyntax-only', '-Wall', '-Werror', ...flags, src], {
      encoding: 'utf8',
    });
    return { ok: r.status === 0, stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
