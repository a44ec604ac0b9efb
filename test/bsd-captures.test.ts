/** Every case of test/fixtures/vectors/bsd-captures.json decodes to its expected values. */
import assert from 'node:assert/strict';
import { DecodeError } from '../lib/errors';
import { decodeBsd, decodeBsdPartial, decodeBsdSockaddrs } from '../lib/bsd/index';
import type { Address, LinkAddress, MaskAddress, RouteMessage } from '../lib/model';
import { OSES, capture, captures } from './support/bsd-support';

interface ScapyRoute {
  dst: string;
  netmask: string;
  gateway: string;
  iface: string;
}

function maskText(m: MaskAddress | undefined, hostFlag: boolean): string {
  if (!m) return hostFlag ? '255.255.255.255' : '255.255.255.255';
  return m.address;
}

/** Does the decoded route match the scapy row (gateway 0.0.0.0 = link-level gateway)? */
function matches(r: RouteMessage, s: ScapyRoute): boolean {
  const dst = r.addrs.dst as Address | undefined;
  if (!dst || dst.address !== s.dst) return false;
  if (maskText(r.addrs.netmask, r.flags.includes('HOST')) !== s.netmask) return false;
  const gw = r.addrs.gateway as Address | undefined;
  if (!gw) return false;
  if (s.gateway === '0.0.0.0') return gw.family === 'link';
  return gw.family === 'inet' && gw.address === s.gateway;
}

function checkRib(id: string, os: 'darwin' | 'freebsd'): RouteMessage[] {
  const c = capture(id);
  const buf = Buffer.from(c.input_hex!, 'hex');
  const msgs = decodeBsd(buf, os) as RouteMessage[];
  assert.ok(msgs.length > 0);
  for (const m of msgs) assert.equal(m.kind, 'route');
  const expected = c.expected.routes_per_scapy as ScapyRoute[];
  const used = new Set<number>();
  const ifaceIndex = new Map<string, number>();
  for (const s of expected) {
    const i = msgs.findIndex((m, k) => !used.has(k) && matches(m, s));
    assert.ok(i >= 0, `${id}: no decoded route for ${JSON.stringify(s)}`);
    used.add(i);
    const m = msgs[i]!;
    // Interfaces: the ifp name when present, else one index per interface name.
    const ifp = m.addrs.ifp as LinkAddress | undefined;
    if (ifp && ifp.name) assert.equal(ifp.name, s.iface, `${id}: iface of ${s.dst}`);
    const known = ifaceIndex.get(s.iface);
    if (known === undefined) {
      for (const [name, idx] of ifaceIndex) assert.notEqual(idx, m.index, `${s.iface} and ${name} share index ${idx}`);
      ifaceIndex.set(s.iface, m.index);
    } else if (!ifp || !ifp.name) assert.equal(m.index, known, `${id}: index of ${s.iface}`);
  }
  for (const s of (c.expected.scapy_added_routes ?? []) as ScapyRoute[]) {
    assert.ok(
      !msgs.some((m) => (m.addrs.dst as Address | undefined)?.address === s.dst && m.addrs.netmask?.address === s.netmask),
      `${id}: ${s.dst}/${s.netmask} is scapy's own route and is not in the bytes`,
    );
  }
  return msgs;
}

describe('bsd captures (bsd-captures.json)', () => {
  it('covers every case in the file', () => {
    const ids = captures().map((c) => c.id).sort();
    assert.deepEqual(ids, [
      'DARWIN-IFMA-UNPADDED-TAIL',
      'DARWIN-RTMADD-SHORT-NETMASK-V4',
      'DARWIN23-X86_64-RIB-DUMP-V4',
      'FREEBSD-IFA-NETMASK-UNSPEC-FAMILY',
      'FREEBSD141-AMD64-RIB-DUMP-V4',
      'FUZZ-CORRUPT-TLV-LENGTHS',
      'NETBSD-SOCKADDR-ROUNDUP-UINT64',
    ]);
  });

  it('FREEBSD141-AMD64-RIB-DUMP-V4: 152-byte headers, 8-byte padding, every scapy route, no 224/4', () => {
    const msgs = checkRib('FREEBSD141-AMD64-RIB-DUMP-V4', 'freebsd');
    assert.equal(msgs.length, 4);
    const def = msgs[0]!;
    assert.equal(def.destination, 'default');
    assert.deepEqual(def.addrs.netmask, { family: 'inet', address: '0.0.0.0', prefixLength: 0 });
    assert.deepEqual(def.addrs.ifa, { family: 'inet', address: '172.23.198.182' });
    assert.equal(def.fmask, 0);
    assert.ok(!('use' in def), 'FreeBSD has rtm_fmask, not rtm_use');
    assert.equal(def.metrics?.mtu, 1500);
    assert.equal(msgs[2]!.destination, '172.23.192.0/20');
    assert.equal(msgs[1]!.destination, '127.0.0.1/32');
  });

  it('DARWIN23-X86_64-RIB-DUMP-V4: RTM_GET2 dump, 4-byte padding, every scapy route', () => {
    const msgs = checkRib('DARWIN23-X86_64-RIB-DUMP-V4', 'darwin');
    assert.equal(msgs.length, 55);
    for (const m of msgs) {
      assert.equal(m.type, 'get2');
      assert.ok(!('pid' in m) && !('seq' in m) && !('errno' in m), 'rt_msghdr2 has no pid/seq/errno');
      assert.equal(typeof m.refcnt, 'number');
      assert.equal(typeof m.parentflags, 'number');
    }
    const byDest = (d: string) => msgs.filter((m) => m.destination === d);
    assert.equal(byDest('10.0.2.0/24').length, 1);
    assert.equal(byDest('127.0.0.0/8').length, 1);
    assert.equal(byDest('169.254.0.0/16').length, 1);
    assert.equal(byDest('224.0.0.0/4').length, 1);
    assert.equal(byDest('10.0.2.2/32').length, 2);
    const arp = byDest('10.0.2.2/32').find((m) => m.flags.includes('LLINFO'))!;
    assert.deepEqual(arp.addrs.gateway, {
      family: 'link',
      address: '52:55:0a:00:02:02',
      index: 5,
      type: 6,
      name: '',
      mac: '52:55:0a:00:02:02',
    });
    assert.ok(arp.flags.includes('IFSCOPE') && arp.flags.includes('ROUTER'));
    const mcast = byDest('224.0.0.251/32')[0]!;
    assert.equal((mcast.addrs.gateway as LinkAddress).mac, '01:00:5e:00:00:fb');
    assert.equal(msgs[0]!.destination, 'default');
    assert.equal(msgs[0]!.refcnt, 123);
  });

  it('DARWIN-RTMADD-SHORT-NETMASK-V4: 6-byte netmask, link gateway utun4319', () => {
    const c = capture('DARWIN-RTMADD-SHORT-NETMASK-V4');
    const [m] = decodeBsd(Buffer.from(c.input_hex!, 'hex'), 'darwin') as RouteMessage[];
    const e = c.expected.messages[0];
    assert.equal(m!.type, 'add');
    assert.equal(m!.version, e.version);
    assert.equal(m!.index, e.index);
    assert.equal(m!.rawFlags, e.flags);
    assert.deepEqual(m!.flags, e.flags_names);
    assert.equal(m!.pid, e.pid);
    assert.equal(m!.seq, e.seq);
    assert.equal(m!.errno, e.errno);
    assert.deepEqual(m!.addrs, {
      dst: { family: 'inet', address: '100.113.0.0' },
      gateway: { family: 'link', address: 'link#33', index: 33, type: 1, name: 'utun4319', mac: null },
      netmask: { family: 'inet', address: '255.255.0.0', prefixLength: 16 },
    });
    assert.equal(m!.destination, '100.113.0.0/16');
  });

  it('DARWIN-IFMA-UNPADDED-TAIL: last sockaddr ends at msglen without padding', () => {
    const c = capture('DARWIN-IFMA-UNPADDED-TAIL');
    const r = decodeBsdPartial(Buffer.from(c.input_hex!, 'hex'), 'darwin');
    assert.equal(r.error, null);
    assert.equal(r.messages.length, 1);
    const m = r.messages[0]!;
    assert.equal(m.kind, 'multicast');
    if (m.kind !== 'multicast') return;
    assert.equal(m.type, 'delmaddr');
    assert.equal(m.version, 5);
    assert.equal(m.index, 4);
    assert.equal(m.rawFlags, 0);
    assert.deepEqual(m.addrs, {
      ifp: { family: 'link', address: '02:00:00:00:00:01', index: 4, type: 6, name: 'en0', mac: '02:00:00:00:00:01' },
      ifa: { family: 'link', address: '91:e0:f0:01:00:00', index: 0, type: 0, name: '', mac: '91:e0:f0:01:00:00' },
    });
  });

  it('FREEBSD-IFA-NETMASK-UNSPEC-FAMILY: mask before ifa takes the ifa family', () => {
    const c = capture('FREEBSD-IFA-NETMASK-UNSPEC-FAMILY');
    const set = decodeBsdSockaddrs(Buffer.from(c.sockaddrs_hex!, 'hex'), c.rtm_addrs!, 'freebsd');
    assert.deepEqual(set, {
      netmask: { family: 'inet', address: '255.255.255.0', prefixLength: 24 },
      ifp: { family: 'link', address: 'link#10', index: 10, type: 135, name: 'vlan5682', mac: null },
      ifa: { family: 'inet', address: '169.254.0.1' },
    });
  });

  it('NETBSD-SOCKADDR-ROUNDUP-UINT64: sa_len 0 netmask takes 8 bytes; ifp sa_len 17 takes 24', () => {
    const c = capture('NETBSD-SOCKADDR-ROUNDUP-UINT64');
    const [m] = decodeBsd(Buffer.from(c.input_hex!, 'hex'), 'netbsd') as RouteMessage[];
    assert.equal(m!.type, 'get');
    assert.equal(m!.version, 4);
    assert.equal(m!.index, 1);
    assert.equal(m!.rawFlags, 3);
    assert.equal(m!.use, 16);
    assert.deepEqual(m!.addrs, {
      dst: { family: 'inet', address: '0.0.0.0' },
      gateway: { family: 'inet', address: '10.0.2.2' },
      netmask: { family: 'inet', address: '0.0.0.0', prefixLength: 0 },
      ifp: { family: 'link', address: '02:00:00:00:00:01', index: 1, type: 6, name: 'wm0', mac: '02:00:00:00:00:01' },
      ifa: { family: 'inet', address: '10.0.2.15' },
    });
    assert.equal(m!.destination, 'default');
    // The same bytes decode on the 32-bit NetBSD ABI too (padding stays 8).
    assert.deepEqual(decodeBsd(Buffer.from(c.input_hex!, 'hex'), 'netbsd', 32), [m]);
  });

  describe('FUZZ-CORRUPT-TLV-LENGTHS: every input ends in DecodeError or a partial list', () => {
    const c = capture('FUZZ-CORRUPT-TLV-LENGTHS');
    for (const os of OSES) {
      for (const abi of [64, 32] as const) {
        it(`${os}/${abi}`, () => {
          for (const h of c.input_hex_list!) {
            const buf = Buffer.from(h, 'hex');
            const r = decodeBsdPartial(buf, os, abi);
            assert.ok(r.error instanceof DecodeError, `${h}: expected a DecodeError`);
            assert.ok(r.error.offset >= 0 && r.error.offset <= buf.length);
            assert.equal(r.error.messagesBefore, r.messages.length);
            assert.throws(() => decodeBsd(buf, os, abi), DecodeError);
          }
        });
      }
    }
    it('every RTM type 0..255 with every corrupt body, on every OS', () => {
      for (const os of OSES) {
        for (const h of c.input_hex_list!) {
          const base = Buffer.from(h, 'hex');
          if (base.length < 4) continue;
          for (let t = 0; t < 256; t++) {
            const b = Buffer.from(base);
            b[3] = t;
            const r = decodeBsdPartial(b, os);
            assert.ok(r.error === null || r.error instanceof DecodeError);
          }
        }
      }
    });
  });
});
