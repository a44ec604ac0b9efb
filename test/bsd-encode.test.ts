/**
 * encodeRouteMessage: route(8)-style requests for darwin and freebsd against bytes written out
 * by hand from the reference layouts, OS-specific header fields, and encode → decode round trips
 * on every OS and ABI.
 */
import assert from 'node:assert/strict';
import { decodeBsd, encodeRouteMessage } from '../lib/bsd/index';
import type { BsdRouteRequest } from '../lib/bsd/index';
import type { Abi, BsdOsName } from '../lib/model';
import { OSES, hex, only, zeros } from './support/bsd-support';
import { requestFromMessage } from './support/bsd-request';

// route add -net 198.51.100.0/24 192.0.2.1
const ADD_NET: BsdRouteRequest = {
  type: 'add',
  flags: 0x803, // UP|GATEWAY|STATIC
  seq: 1,
  trimNetmask: true,
  addrs: {
    dst: { family: 'inet', address: '198.51.100.0' },
    gateway: { family: 'inet', address: '192.0.2.1' },
    netmask: { family: 'inet', address: '255.255.255.0', prefixLength: 24 },
  },
};

// route get 192.0.2.7 (route(8) adds an empty AF_LINK sockaddr in RTA_IFP)
const GET_HOST: BsdRouteRequest = {
  type: 'get',
  flags: 0x805, // UP|HOST|STATIC
  seq: 2,
  addrs: {
    dst: { family: 'inet', address: '192.0.2.7' },
    ifp: { family: 'link', address: '', index: 0, type: 0, name: '', mac: null },
  },
};

const SIN_DST = '10 02 0000 c6336400 0000000000000000'; // sockaddr_in 198.51.100.0 (len 16, AF_INET)
const SIN_GW = '10 02 0000 c0000201 0000000000000000'; // sockaddr_in 192.0.2.1
const SIN_HOST = '10 02 0000 c0000207 0000000000000000'; // sockaddr_in 192.0.2.7

describe('bsd encodeRouteMessage', () => {
  it('darwin: route add -net 198.51.100.0/24 192.0.2.1', () => {
    const expected = hex([
      '84 00', // rtm_msglen 132 = 92 + 16 + 16 + 8
      '05', // rtm_version RTM_VERSION 5
      '01', // rtm_type RTM_ADD
      '00 00', // rtm_index 0
      '00 00', // (pad)
      '03 08 00 00', // rtm_flags UP|GATEWAY|STATIC
      '07 00 00 00', // rtm_addrs DST|GATEWAY|NETMASK
      '00 00 00 00', // rtm_pid
      '01 00 00 00', // rtm_seq 1
      '00 00 00 00', // rtm_errno
      '00 00 00 00', // rtm_use
      '00 00 00 00', // rtm_inits (u32)
      zeros(56), // rtm_rmx: 14 x u32
      SIN_DST, // RTA_DST, 16 bytes (4-aligned already)
      SIN_GW, // RTA_GATEWAY
      '07 02 0000 ffffff 00', // RTA_NETMASK trimmed: sa_len 7, AF_INET, port, ff ff ff; +1 pad to 8 (4-byte units)
    ]);
    assert.equal(encodeRouteMessage(ADD_NET, 'darwin').toString('hex'), expected.toString('hex'));
  });

  it('freebsd: route add -net 198.51.100.0/24 192.0.2.1', () => {
    const expected = hex([
      'c0 00', // rtm_msglen 192 = 152 + 16 + 16 + 8
      '05', // rtm_version 5
      '01', // RTM_ADD
      '00 00', // rtm_index
      '00 00', // _rtm_spare1
      '03 08 00 00', // rtm_flags UP|GATEWAY|STATIC
      '07 00 00 00', // rtm_addrs
      '00 00 00 00', // rtm_pid
      '01 00 00 00', // rtm_seq
      '00 00 00 00', // rtm_errno
      '00 00 00 00', // rtm_fmask
      zeros(8), // rtm_inits (u_long)
      zeros(112), // rtm_rmx: 14 x u_long
      SIN_DST,
      SIN_GW,
      '07 02 0000 ffffff 00', // trimmed mask, padded to 8
    ]);
    assert.equal(encodeRouteMessage(ADD_NET, 'freebsd').toString('hex'), expected.toString('hex'));
  });

  it('darwin: route get 192.0.2.7 (empty 20-byte sockaddr_dl in RTA_IFP)', () => {
    const expected = hex([
      '80 00', // rtm_msglen 128 = 92 + 16 + 20
      '05 04', // version 5, RTM_GET
      '00 00 00 00', // index, pad
      '05 08 00 00', // UP|HOST|STATIC
      '11 00 00 00', // DST|IFP
      '00 00 00 00', // pid
      '02 00 00 00', // seq 2
      zeros(12), // errno, use, inits
      zeros(56), // rmx
      SIN_HOST,
      '14 12' + zeros(18), // sockaddr_dl: sdl_len 20, AF_LINK 18, the rest zero
    ]);
    assert.equal(encodeRouteMessage(GET_HOST, 'darwin').toString('hex'), expected.toString('hex'));
  });

  it('freebsd: route get 192.0.2.7 (empty 54-byte sockaddr_dl padded to 56)', () => {
    const expected = hex([
      'e0 00', // rtm_msglen 224 = 152 + 16 + 56
      '05 04', // version 5, RTM_GET
      '00 00 00 00', // index, spare
      '05 08 00 00', // UP|HOST|STATIC
      '11 00 00 00', // DST|IFP
      '00 00 00 00', // pid
      '02 00 00 00', // seq 2
      zeros(16), // errno, fmask, inits (u_long)
      zeros(112), // rmx
      SIN_HOST,
      '36 12' + zeros(52) + '0000', // sockaddr_dl: sdl_len 54, AF_LINK; 2 bytes padding
    ]);
    assert.equal(encodeRouteMessage(GET_HOST, 'freebsd').toString('hex'), expected.toString('hex'));
  });

  it('darwin: an RTF_IFSCOPE route carries the scope in rtm_index; metrics and inits are written', () => {
    const b = encodeRouteMessage(
      { type: 'add', flags: 0x1000803, index: 4, seq: 9, pid: 77, inits: 0x1, locks: 0x1, metrics: { mtu: 1280, hopcount: 3 }, addrs: ADD_NET.addrs },
      'darwin',
    );
    assert.equal(b.readUInt16LE(4), 4);
    assert.equal(b.readUInt32LE(8), 0x1000803);
    assert.equal(b.readInt32LE(16), 77);
    assert.equal(b.readUInt32LE(32), 1); // rtm_inits
    assert.equal(b.readUInt32LE(36), 1); // rmx_locks
    assert.equal(b.readUInt32LE(40), 1280); // rmx_mtu
    assert.equal(b.readUInt32LE(44), 3); // rmx_hopcount
    const m = only(decodeBsd(b, 'darwin'), 'route');
    assert.deepEqual(m.flags, ['UP', 'GATEWAY', 'STATIC', 'IFSCOPE']);
    assert.equal(m.index, 4);
  });

  it('openbsd: rtm_hdrlen, tableid, priority, fmask; sockaddrs at hdrlen', () => {
    const b = encodeRouteMessage({ ...ADD_NET, tableid: 3, priority: 8, fmask: 0x800, trimNetmask: false }, 'openbsd');
    assert.equal(b.readUInt16LE(0), 96 + 16 * 3);
    assert.equal(b[2], 5);
    assert.equal(b.readUInt16LE(4), 96); // rtm_hdrlen
    assert.equal(b.readUInt16LE(8), 3); // rtm_tableid
    assert.equal(b[10], 8); // rtm_priority
    assert.equal(b.readUInt32LE(12), 7); // rtm_addrs
    assert.equal(b.readUInt32LE(16), 0x803); // rtm_flags
    assert.equal(b.readUInt32LE(20), 0x800); // rtm_fmask
    assert.equal(b.readInt32LE(28), 1); // rtm_seq
    const m = only(decodeBsd(b, 'openbsd'), 'route');
    assert.equal(m.tableid, 3);
    assert.equal(m.priority, 8);
    assert.equal(m.fmask, 0x800);
    assert.equal(m.mpls, 0);
    assert.equal(m.destination, '198.51.100.0/24');
  });

  it('IPv6 zones: KAME bytes 2-3 on darwin/netbsd/openbsd/dragonfly, sin6_scope_id on freebsd', () => {
    const req: BsdRouteRequest = {
      type: 'add',
      flags: 0x803,
      seq: 1,
      addrs: {
        dst: { family: 'inet6', address: '2001:db8:5::' },
        gateway: { family: 'inet6', address: 'fe80::1', zone: 4 },
        netmask: { family: 'inet6', address: 'ffff:ffff:ffff:ffff::', prefixLength: 64 },
      },
    };
    for (const os of OSES) {
      const L = { darwin: 92, freebsd: 152, openbsd: 96, netbsd: 120, dragonfly: 152 }[os];
      const b = encodeRouteMessage(req, os);
      const gw = L + 28 + (os === 'darwin' ? 0 : 4); // dst sockaddr_in6 padded to 28 / 32
      assert.equal(b[gw], 28);
      if (os === 'freebsd') {
        assert.equal(b.readUInt16BE(gw + 10), 0);
        assert.equal(b.readUInt32LE(gw + 24), 4);
      } else {
        assert.equal(b.readUInt16BE(gw + 10), 4, os);
        assert.equal(b.readUInt32LE(gw + 24), 0);
      }
      const m = only(decodeBsd(b, os), 'route');
      assert.deepEqual(m.addrs.gateway, { family: 'inet6', address: 'fe80::1', zone: 4 }, os);
      assert.equal(m.destination, '2001:db8:5::/64');
    }
  });

  it('rejects route types the OS does not have and roles it does not know', () => {
    assert.throws(() => encodeRouteMessage({ ...ADD_NET, type: 'lock' }, 'openbsd'), TypeError);
    assert.throws(() => encodeRouteMessage({ ...ADD_NET, type: 'get2' as 'get' }, 'darwin'), TypeError);
    assert.throws(() => encodeRouteMessage({ ...ADD_NET, addrs: { ...ADD_NET.addrs, tag: { family: 'inet', address: '1.2.3.4' } } }, 'darwin'), TypeError);
    assert.throws(() => encodeRouteMessage({ ...ADD_NET, addrs: { dst: { family: 'inet', address: '300.1.1.1' } } }, 'darwin'), TypeError);
  });

  describe('encode → decode round trips', () => {
    const reqs: Record<string, BsdRouteRequest> = {
      'add net (full mask)': { ...ADD_NET, trimNetmask: false, pid: 4242, metrics: { mtu: 1400 }, inits: 1 },
      'add net (trimmed mask)': ADD_NET,
      'add default (trimmed zero mask)': {
        type: 'add', flags: 0x803, seq: 3, trimNetmask: true,
        addrs: { dst: { family: 'inet', address: '0.0.0.0' }, gateway: { family: 'inet', address: '192.0.2.1' }, netmask: { family: 'inet', address: '0.0.0.0' } },
      },
      'get host with empty ifp': GET_HOST,
      'delete v6': {
        type: 'delete', flags: 0, seq: 4,
        addrs: { dst: { family: 'inet6', address: '2001:db8::' }, netmask: { family: 'inet6', address: 'ffff:ffff::', prefixLength: 32 } },
      },
      'change with link gateway': {
        type: 'change', flags: 0x801, seq: 5, locks: 1,
        addrs: {
          dst: { family: 'inet', address: '192.0.2.0' },
          gateway: { family: 'link', address: '02:00:00:00:00:01', index: 3, type: 6, name: 'em0', mac: '02:00:00:00:00:01' },
          netmask: { family: 'inet', address: '255.255.255.0' },
          ifa: { family: 'inet', address: '192.0.2.10' },
        },
      },
      'lock': { type: 'lock', flags: 0x1, seq: 6, locks: 0x1, addrs: { dst: { family: 'inet', address: '192.0.2.1' } } },
    };
    for (const os of OSES) {
      for (const abi of [64, 32] as Abi[]) {
        it(`${os}/${abi}`, () => {
          for (const [name, req] of Object.entries(reqs)) {
            if (req.type === 'lock' && os === 'openbsd') continue;
            const b = encodeRouteMessage(req, os, abi);
            assert.equal(b.readUInt16LE(0), b.length);
            const m = only(decodeBsd(b, os, abi), 'route');
            assert.equal(m.type, req.type, name);
            assert.equal(m.rawFlags, req.flags, name);
            assert.equal(m.seq, req.seq, name);
            assert.equal(m.pid, req.pid ?? 0, name);
            assert.equal(m.version, { darwin: 5, freebsd: 5, openbsd: 5, netbsd: 4, dragonfly: 7 }[os as BsdOsName]);
            for (const [role, a] of Object.entries(req.addrs)) {
              const got = m.addrs[role]!;
              assert.equal(got.family, a!.family, `${name} ${role}`);
              if (a!.family !== 'link') assert.equal(got.address, a!.address, `${name} ${role}`);
              else assert.deepEqual({ ...got }, { ...a, address: a!.address || 'link#0' }, `${name} ${role}`);
            }
            if (req.metrics?.mtu) assert.equal(m.metrics!.mtu, req.metrics.mtu);
            if (req.locks) assert.equal(m.metrics!.locks, req.locks);
            if (req.inits) assert.equal(m.inits, req.inits);
            // and back: decode → encode is the identity on our own output
            const again = encodeRouteMessage(requestFromMessage(m, b, os, abi), os, abi);
            assert.equal(again.toString('hex'), b.toString('hex'), `${os} ${name}`);
          }
        });
      }
    }
  });
});
