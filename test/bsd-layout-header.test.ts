/**
 * native/layout_check.h: generated from the layout tables, committed, and proven here by
 * compiling it against stand-in system headers built from the verified reference; a wrong
 * table entry must fail to compile. Plus the load-time check of the shim's compiled sizes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { checkCompiledSizes, expectedCompiledSizes } from '../lib/bsd/compiled-check';
import { getLayout, type Layout } from '../lib/bsd/layouts';
import type { Abi, BsdOsName } from '../lib/model';
import { HEADER_PATH, generateLayoutHeader } from '../scripts/gen-layout-header';
import { OSES } from './support/bsd-support';
import { REF_OS_MACRO, compileCheck, hasCompiler, standinHeader } from './support/bsd-standin';

const REF_OS: Record<BsdOsName, string> = { darwin: 'macos', freebsd: 'freebsd', openbsd: 'openbsd', netbsd: 'netbsd', dragonfly: 'dragonfly' };

function macro(os: BsdOsName): string {
  return '-D' + REF_OS_MACRO[REF_OS[os]]!;
}

/** The shipped tables with `edit` applied to a deep copy of os/64's layout. */
function mutated(target: BsdOsName, edit: (L: Layout) => void): (os: BsdOsName, abi: Abi) => Layout {
  const copy = structuredClone(getLayout(target, 64)) as Layout;
  edit(copy);
  return (os, abi) => (os === target && abi === 64 ? copy : getLayout(os, abi));
}

function mutatedAbi(target: BsdOsName, abi: Abi, edit: (L: Layout) => void): (os: BsdOsName, abi: Abi) => Layout {
  const copy = structuredClone(getLayout(target, abi)) as Layout;
  edit(copy);
  return (os, a) => (os === target && a === abi ? copy : getLayout(os, a));
}

describe('native/layout_check.h (generated from the layout tables)', () => {
  it('the committed header equals a fresh generation (the header cannot drift from the tables)', () => {
    assert.equal(fs.readFileSync(HEADER_PATH, 'utf8'), generateLayoutHeader());
  });

  it('covers every struct the codec reads, per OS', () => {
    const h = generateLayoutHeader();
    for (const s of ['rt_msghdr', 'rt_metrics', 'if_msghdr', 'if_data', 'ifa_msghdr', 'ifma_msghdr', 'if_announcemsghdr',
      'rt_msghdr2', 'if_msghdr2', 'if_data64', 'ifma_msghdr2', 'if_msghdrl', 'ifa_msghdrl', 'sockaddr_rtlabel', 'sockaddr_dl',
      'sockaddr_rtdns']) {
      assert.match(h, new RegExp(`sizeof\\(struct ${s}\\) ==`), s);
    }
    assert.match(h, /offsetof\(struct rt_msghdr, rtm_flags\) == 16, "pfroute layout openbsd\/64/);
    assert.match(h, /#ifdef RTM_IFINFO\n.*\(unsigned int\)\(RTM_IFINFO\) == 0x14u, "pfroute layout netbsd\/64/);
    assert.match(h, /RTF_GWFLAG_COMPAT\) == 0x80000000u/);
  });

  describe('compiles against stand-in system headers built from the reference', function () {
    before(function () {
      if (!hasCompiler()) this.skip();
    });
    const header = generateLayoutHeader();
    for (const os of OSES) {
      it(`${os}: every assertion holds (C++17 and C11)`, () => {
        const pre = standinHeader(REF_OS[os]);
        for (const lang of ['c++', 'c'] as const) {
          const r = compileCheck(pre, header, [macro(os)], lang);
          assert.ok(r.ok, `${os} ${lang}:\n${r.stderr.slice(0, 2000)}`);
        }
      });
    }

    const cases: Array<[string, BsdOsName, (L: Layout) => void, RegExp]> = [
      ['rt_msghdr.rtm_flags offset', 'freebsd', (L) => void (L.headers.rt.flags = 12), /freebsd\/64.*offsetof\(rt_msghdr, rtm_flags\) != 12/],
      ['rt_metrics field (mssopt)', 'dragonfly', (L) => void (L.headers.rt.metrics.find((f) => f.name === 'mssopt')!.off = 82), /offsetof\(rt_metrics, rmx_mssopt\) != 82/],
      ['rtm_inits width', 'netbsd', (L) => void (L.headers.rt.initsSize = 8), /sizeof\(rt_msghdr.rtm_inits\) != 8/],
      ['if_announcemsghdr.ifan_what', 'openbsd', (L) => void (L.headers.ifan!.what = 22), /offsetof\(if_announcemsghdr, ifan_what\) != 22/],
      ['ifa_msghdr size', 'netbsd', (L) => void (L.headers.ifa.size = 24), /sizeof\(struct ifa_msghdr\) != 24/],
      ['if_data64 counter (darwin)', 'darwin', (L) => void (L.headers.ifm2!.dataFields.find((f) => f.name === 'ibytes')!.off = 60), /offsetof\(if_data64, ifi_ibytes\) != 60/],
      ['if_msghdrl data offset field', 'freebsd', (L) => void (L.headers.ifml!.dataOff = 20), /offsetof\(if_msghdrl, ifm_data_off\) != 20/],
      ['sockaddr_dl size', 'openbsd', (L) => void (L.headers.sa.dl = 20), /sizeof\(struct sockaddr_dl\) != 20/],
      ['sockaddr_rtlabel size', 'openbsd', (L) => void (L.headers.sa.rtlabel = 33), /sizeof\(struct sockaddr_rtlabel\) != 33/],
      ['an RTM_ constant', 'netbsd', (L) => void (L.c.RTM.IFINFO = 14), /RTM_IFINFO != 14/],
      ['the AF_INET6 number', 'darwin', (L) => void (L.c.AF_INET6 = 28), /AF_INET6 != 28/],
      ['an RTV_ constant', 'freebsd', (L) => void (L.c.RTV.WEIGHT = 0x200), /RTV_WEIGHT != 512/],
      ['RTAX_MAX (role count)', 'dragonfly', (L) => void (L.c.roles = L.c.roles.slice(0, 10)), /RTAX_MAX != 10/],
    ];
    for (const [what, os, edit, msg] of cases) {
      it(`a wrong table entry fails to compile: ${os} ${what}`, () => {
        const r = compileCheck(standinHeader(REF_OS[os]), generateLayoutHeader(mutated(os, edit)), [macro(os)]);
        assert.equal(r.ok, false, 'the mutated table compiled');
        assert.match(r.stderr, msg);
      });
    }

    it('the wrong OS block never applies: FreeBSD tables against the OpenBSD reference fail', () => {
      const r = compileCheck(standinHeader('openbsd'), header, ['-D__FreeBSD__']);
      assert.equal(r.ok, false);
    });
  });
});

describe('32-bit tables: the headers re-declared with their own C types, compiled for i386 (g++ -m32)', function () {
  // test/support/bsd-redeclared.h transcribes each OS's structs with u_long, time_t, timeval,
  // __aligned(8) and pack(4) as the headers have them. -m64 must agree with the (reference-proven)
  // 64-bit tables, which checks the transcription; -m32 then proves the 32-bit tables (i386), and
  // -m32 -malign-double without __i386__ stands in for armv7 (64-bit members aligned to 8):
  // every offset must still hold there, only i386's trailing-padding sizes are skipped.
  const redeclared = fs.readFileSync(path.join(__dirname, 'support', 'bsd-redeclared.h'), 'utf8');
  const header = generateLayoutHeader();
  before(function () {
    if (!hasCompiler() || !compileCheck('', '', ['-m32']).ok) this.skip();
  });
  const ABIS: Array<[string, string[]]> = [
    ['LP64 (x86_64)', ['-m64']],
    ['ILP32 i386', ['-m32']],
    ['ILP32 with 8-byte-aligned 64-bit members (armv7-like)', ['-m32', '-malign-double', '-U__i386__']],
  ];
  for (const os of OSES) {
    for (const [name, flags] of ABIS) {
      it(`${os}: ${name}`, () => {
        const r = compileCheck(redeclared, header, [macro(os), ...flags]);
        assert.ok(r.ok, r.stderr.slice(0, 2000));
      });
    }
  }

  it('NetBSD i386: if_data is 132 bytes (12-byte timespec) but if_msghdr stays 152 (__aligned(8))', () => {
    const ifm = getLayout('netbsd', 32).headers.ifm;
    assert.equal(ifm.dataSize, 132);
    assert.equal(ifm.size, 152);
    const wrong = mutatedAbi('netbsd', 32, (L) => void (L.headers.ifm.dataSize = 136));
    const r = compileCheck(redeclared, generateLayoutHeader(wrong), ['-D__NetBSD__', '-m32']);
    assert.equal(r.ok, false);
    assert.match(r.stderr, /netbsd\/32.*sizeof\(struct if_data\) != 136/);
  });

  it('a wrong 32-bit entry fails: FreeBSD i386 rtm_rmx at 40 (the LP64 value)', () => {
    const wrong = mutatedAbi('freebsd', 32, (L) => void (L.headers.rt.rmx = 40));
    const r = compileCheck(redeclared, generateLayoutHeader(wrong), ['-D__FreeBSD__', '-m32']);
    assert.equal(r.ok, false);
    assert.match(r.stderr, /freebsd\/32.*offsetof\(rt_msghdr, rtm_rmx\) != 40/);
  });
});

describe('checkCompiledSizes (the shim\'s compiled sizes at load)', () => {
  it('agrees with itself for every OS and ABI', () => {
    for (const os of OSES) {
      for (const abi of [64, 32] as const) assert.deepEqual(checkCompiledSizes(os, abi, expectedCompiledSizes(os, abi)), []);
    }
  });

  it('accepts what a FreeBSD amd64 shim reports', () => {
    const sizes = {
      rt_msghdr: 152, rt_metrics: 112, if_msghdr: 168, ifa_msghdr: 20, ifma_msghdr: 16, if_announcemsghdr: 24,
      sockaddr_dl: 54, sockaddr_in6: 28, 'rt_msghdr.rtm_rmx': 40, 'rt_msghdr.rtm_inits': 32,
    };
    assert.deepEqual(checkCompiledSizes('freebsd', 64, sizes), []);
  });

  it('names every mismatch: a 32-bit FreeBSD shim checked against the 64-bit tables', () => {
    const sizes = { ...expectedCompiledSizes('freebsd', 32) };
    const errs = checkCompiledSizes('freebsd', 64, sizes);
    assert.deepEqual(errs, [
      'freebsd/64: sizeof(struct rt_msghdr) is 92 in the compiled shim but 152 in lib/bsd/layouts.ts',
      'freebsd/64: sizeof(struct rt_metrics) is 56 in the compiled shim but 112 in lib/bsd/layouts.ts',
      'freebsd/64: offsetof(rt_msghdr, rtm_rmx) is 36 in the compiled shim but 40 in lib/bsd/layouts.ts',
    ]);
  });

  it('a macOS shim with an unexpected if_msghdr size', () => {
    const errs = checkCompiledSizes('darwin', 64, { ...expectedCompiledSizes('darwin'), if_msghdr: 120 });
    assert.equal(errs.length, 1);
    assert.match(errs[0]!, /sizeof\(struct if_msghdr\) is 120 .* 112/);
  });

  it('skips keys the shim does not report and keys the tables do not know', () => {
    assert.deepEqual(checkCompiledSizes('openbsd', 64, { rt_msghdr: 96, future_struct: 7 }), []);
    assert.deepEqual(checkCompiledSizes('netbsd', 64, {}), []);
  });
});
