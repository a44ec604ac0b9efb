/**
 * The layout tables (lib/bsd/layouts.ts, constants.ts) against the verified reference
 * (shared/reference/bsd-rtsock-layouts.json, copied into test/support/bsd-reference.ts).
 */
import assert from 'node:assert/strict';
import { bsdConstants, getLayout, routeFlagNames } from '../lib/bsd/index';
import type { Field } from '../lib/bsd/layouts';
import type { BsdOsName } from '../lib/model';
import { REF_CONSTANTS, REF_STRUCTS } from './support/bsd-reference';
import { OSES } from './support/bsd-support';

const REF_OS: Record<BsdOsName, string> = { darwin: 'macos', freebsd: 'freebsd', openbsd: 'openbsd', netbsd: 'netbsd', dragonfly: 'dragonfly' };
const DATA_NAME: Record<string, string> = { linkState: 'ifi_link_state' };

function ref(os: BsdOsName, struct: string) {
  const s = REF_STRUCTS[REF_OS[os]]?.[struct];
  assert.ok(s, `${os} ${struct} in the reference`);
  return s;
}

function checkField(os: BsdOsName, struct: string, refName: string, off: number, size?: number): void {
  const s = ref(os, struct);
  const f = s.fields[refName];
  if (off < 0) {
    assert.equal(f, undefined, `${os} ${struct}.${refName} should not exist`);
    return;
  }
  assert.ok(f, `${os} ${struct}.${refName} missing in the reference`);
  assert.equal(off, f[0], `${os} ${struct}.${refName} offset`);
  if (size !== undefined) assert.equal(size, f[1], `${os} ${struct}.${refName} size`);
}

function checkFields(os: BsdOsName, struct: string, base: number, prefix: string, fields: readonly Field[]): void {
  for (const fl of fields) {
    const name = DATA_NAME[fl.name] ?? prefix + fl.name;
    checkField(os, struct, name, base + fl.off, fl.size);
  }
}

describe('bsd layout tables match the verified reference (64-bit)', () => {
  for (const os of OSES) {
    it(`${os}: rt_msghdr and rt_metrics`, () => {
      const L = getLayout(os);
      const h = L.rt;
      assert.equal(h.size, ref(os, 'rt_msghdr').size);
      const S = 'rt_msghdr';
      checkField(os, S, 'rtm_index', h.index, 2);
      checkField(os, S, 'rtm_flags', h.flags, 4);
      checkField(os, S, 'rtm_addrs', h.addrs, 4);
      checkField(os, S, 'rtm_pid', h.pid, 4);
      checkField(os, S, 'rtm_seq', h.seq, 4);
      checkField(os, S, 'rtm_errno', h.errno, 4);
      checkField(os, S, 'rtm_use', h.use, 4);
      checkField(os, S, 'rtm_fmask', h.fmask, 4);
      checkField(os, S, 'rtm_inits', h.inits, h.initsSize);
      checkField(os, S, 'rtm_rmx', h.rmx);
      checkField(os, S, 'rtm_hdrlen', h.hdrlen, 2);
      checkField(os, S, 'rtm_tableid', h.tableid, 2);
      checkField(os, S, 'rtm_priority', h.priority, 1);
      checkField(os, S, 'rtm_mpls', h.mpls, 1);
      checkFields(os, 'rt_metrics', 0, 'rmx_', h.metrics);
    });

    it(`${os}: if_msghdr / if_data, ifa_msghdr, ifma_msghdr, if_announcemsghdr`, () => {
      const L = getLayout(os);
      const c = bsdConstants(os);
      const ifm = L.types[c.RTM.RTM_IFINFO!]!;
      assert.equal(ifm.kind, 2);
      if (ifm.kind !== 2) return;
      const h = ifm.hdr;
      assert.equal(h.size, ref(os, 'if_msghdr').size);
      checkField(os, 'if_msghdr', 'ifm_index', h.index, 2);
      checkField(os, 'if_msghdr', 'ifm_flags', h.flags, 4);
      checkField(os, 'if_msghdr', 'ifm_addrs', h.addrs, 4);
      checkField(os, 'if_msghdr', 'ifm_data', h.data);
      checkField(os, 'if_msghdr', 'ifm_hdrlen', h.hdrlen, 2);
      checkField(os, 'if_msghdr', 'ifm_tableid', h.tableid, 2);
      checkField(os, 'if_msghdr', 'ifm_xflags', h.xflags, 4);
      checkFields(os, 'if_data', 0, 'ifi_', h.dataFields);

      const ifa = L.types[c.RTM.RTM_NEWADDR!]!;
      assert.equal(ifa.kind, 3);
      if (ifa.kind !== 3) return;
      const a = ifa.hdr;
      assert.equal(a.size, ref(os, 'ifa_msghdr').size);
      checkField(os, 'ifa_msghdr', 'ifam_index', a.index, 2);
      checkField(os, 'ifa_msghdr', 'ifam_flags', a.flags, 4);
      checkField(os, 'ifa_msghdr', 'ifam_addrs', a.addrs, 4);
      checkField(os, 'ifa_msghdr', 'ifam_metric', a.metric, 4);
      checkField(os, 'ifa_msghdr', 'ifam_pid', a.pid, 4);
      checkField(os, 'ifa_msghdr', 'ifam_addrflags', a.addrflags, 4);
      checkField(os, 'ifa_msghdr', 'ifam_hdrlen', a.hdrlen, 2);
      checkField(os, 'ifa_msghdr', 'ifam_tableid', a.tableid, 2);

      const maddr = c.RTM.RTM_NEWMADDR;
      if (maddr !== undefined) {
        const s = L.types[maddr]!;
        assert.equal(s.kind, 4);
        if (s.kind !== 4) return;
        assert.equal(s.hdr.size, ref(os, 'ifma_msghdr').size);
        checkField(os, 'ifma_msghdr', 'ifmam_index', s.hdr.index, 2);
        checkField(os, 'ifma_msghdr', 'ifmam_flags', s.hdr.flags, 4);
        checkField(os, 'ifma_msghdr', 'ifmam_addrs', s.hdr.addrs, 4);
      } else assert.ok(os === 'openbsd' || os === 'netbsd');

      const ann = c.RTM.RTM_IFANNOUNCE;
      if (ann !== undefined) {
        const s = L.types[ann]!;
        assert.equal(s.kind, 5);
        if (s.kind !== 5) return;
        assert.equal(s.hdr.size, ref(os, 'if_announcemsghdr').size);
        checkField(os, 'if_announcemsghdr', 'ifan_index', s.hdr.index, 2);
        checkField(os, 'if_announcemsghdr', 'ifan_name', s.hdr.name, 16);
        checkField(os, 'if_announcemsghdr', 'ifan_what', s.hdr.what, 2);
        checkField(os, 'if_announcemsghdr', 'ifan_hdrlen', s.hdr.hdrlen, 2);
      } else assert.equal(os, 'darwin');
    });

    it(`${os}: constants (RTM_VERSION, AF_INET6, PF_ROUTE, RTM, RTF, RTV, NET_RT, padding)`, () => {
      const r = REF_CONSTANTS[REF_OS[os]];
      const c = bsdConstants(os);
      assert.equal(c.RTM_VERSION, r.RTM_VERSION);
      assert.equal(c.AF_INET6, r.AF.AF_INET6);
      assert.equal(c.AF_LINK, r.AF.AF_LINK);
      assert.equal(c.PF_ROUTE, r.PF_ROUTE);
      assert.equal(getLayout(os).align, r.sockaddr_alignment);
      const strip = (m: Record<string, number>) =>
        Object.fromEntries(Object.entries(m).map(([k, v]) => [k.replace('(private)', ''), v]));
      const rtm = strip(r.RTM);
      delete rtm.NET_RT_MAXID;
      assert.deepEqual(c.RTM, rtm);
      assert.deepEqual(c.RTV, strip(r.RTV));
      const netrt = strip(r.NET_RT);
      delete netrt.NET_RT_MAXID;
      assert.deepEqual(c.NET_RT, netrt);
      assert.deepEqual(c.RTA, r.RTA);
      // Every reference RTF value has a name, and the name is one the header gives that bit.
      for (const [name, value] of Object.entries(r.RTF as Record<string, number>)) {
        const ours = routeFlagNames(os, value);
        assert.equal(ours.length, 1);
        const aliases = Object.entries(r.RTF as Record<string, number>).filter(([, v]) => v === value).map(([k]) => k.slice(4));
        assert.ok(aliases.includes(ours[0]!), `${os} ${name}: ${ours[0]} not among ${aliases.join('/')}`);
      }
      assert.equal(Object.keys(c.RTF).length, new Set(Object.values(r.RTF as Record<string, number>)).size);
    });
  }

  it('darwin rt_msghdr2, if_msghdr2/if_data64, ifma_msghdr2', () => {
    const L = getLayout('darwin');
    const g2 = L.types[20]!;
    assert.ok(g2.kind === 1 && g2.type === 'get2');
    if (g2.kind !== 1) return;
    assert.equal(g2.hdr.size, ref('darwin', 'rt_msghdr2').size);
    checkField('darwin', 'rt_msghdr2', 'rtm_refcnt', g2.hdr.refcnt, 4);
    checkField('darwin', 'rt_msghdr2', 'rtm_parentflags', g2.hdr.parentflags, 4);
    checkField('darwin', 'rt_msghdr2', 'rtm_use', g2.hdr.use, 4);
    checkField('darwin', 'rt_msghdr2', 'rtm_inits', g2.hdr.inits, 4);
    checkField('darwin', 'rt_msghdr2', 'rtm_rmx', g2.hdr.rmx);
    assert.equal(g2.hdr.pid, -1);
    const i2 = L.types[18]!;
    assert.ok(i2.kind === 2 && i2.type === 'ifinfo2');
    if (i2.kind !== 2) return;
    assert.equal(i2.hdr.size, ref('darwin', 'if_msghdr2').size);
    checkField('darwin', 'if_msghdr2', 'ifm_data', i2.hdr.data);
    checkFields('darwin', 'if_data64', 0, 'ifi_', i2.hdr.dataFields);
    const snd: Record<string, string> = { sndLen: 'ifm_snd_len', sndMaxlen: 'ifm_snd_maxlen', sndDrops: 'ifm_snd_drops', timer: 'ifm_timer' };
    for (const fl of i2.hdr.extraFields) checkField('darwin', 'if_msghdr2', snd[fl.name]!, fl.off, fl.size);
    const m2 = L.types[19]!;
    assert.ok(m2.kind === 4 && m2.type === 'newmaddr2');
    if (m2.kind !== 4) return;
    assert.equal(m2.hdr.size, ref('darwin', 'ifma_msghdr2').size);
    checkField('darwin', 'ifma_msghdr2', 'ifmam_refcount', m2.hdr.refcount, 4);
  });

  it('32-bit ABI: u_long members shrink, padding follows sizeof(long) except NetBSD (8)', () => {
    assert.deepEqual(OSES.map((os) => [os, getLayout(os, 32).rt.size, getLayout(os, 32).align]), [
      ['darwin', 92, 4],
      ['freebsd', 92, 4],
      ['openbsd', 96, 4],
      ['netbsd', 120, 8],
      ['dragonfly', 92, 4],
    ]);
    const fb = getLayout('freebsd', 32).rt;
    assert.equal(fb.inits, 32);
    assert.equal(fb.initsSize, 4);
    assert.equal(fb.rmx, 36);
    assert.deepEqual(fb.metrics.slice(0, 3).map((f) => [f.name, f.off, f.size]), [
      ['locks', 0, 4],
      ['mtu', 4, 4],
      ['hopcount', 8, 4],
    ]);
  });
});
