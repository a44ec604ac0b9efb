/**
 * Load-time check on macOS and the BSDs: the native shim reports `sizes` (sizeof/offsetof
 * as compiled against the system headers); they must equal the layout tables the codec uses.
 * The build already static_asserts the same facts (native/layout_check.h); this catches a
 * prebuilt binary loaded on a system whose headers differ from the build machine's.
 */
import type { Abi, BsdOsName } from '../model';
import { getLayout } from './layouts';

/** What the tables say each `sizes` key should be for `os`/`abi` (keys the OS lacks are absent). */
export function expectedCompiledSizes(os: BsdOsName, abi: Abi = 64): Record<string, number> {
  const h = getLayout(os, abi).headers;
  const out: Record<string, number> = {
    rt_msghdr: h.rt.size,
    rt_metrics: h.rt.size - h.rt.rmx,
    if_msghdr: h.ifm.size,
    ifa_msghdr: h.ifa.size,
    sockaddr_dl: h.sa.dl,
    sockaddr_in6: 28,
    'rt_msghdr.rtm_rmx': h.rt.rmx,
    'rt_msghdr.rtm_inits': h.rt.inits,
  };
  if (h.ifma) out.ifma_msghdr = h.ifma.size;
  if (h.ifan) out.if_announcemsghdr = h.ifan.size;
  return out;
}

/**
 * Mismatches between the compiled `sizes` and the tables, one readable line each; [] when all
 * agree. Keys the shim does not report are skipped (an older shim), as are keys the tables do
 * not know (a newer shim).
 */
export function checkCompiledSizes(os: BsdOsName, abi: Abi, sizes: Readonly<Record<string, number>>): string[] {
  const want = expectedCompiledSizes(os, abi);
  const out: string[] = [];
  for (const [key, expected] of Object.entries(want)) {
    const got = sizes[key];
    if (got === undefined) continue;
    if (got !== expected) {
      const what = key.includes('.') ? `offsetof(${key.replace('.', ', ')})` : `sizeof(struct ${key})`;
      out.push(`${os}/${abi}: ${what} is ${got} in the compiled shim but ${expected} in lib/bsd/layouts.ts`);
    }
  }
  return out;
}
