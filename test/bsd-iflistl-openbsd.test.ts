/**
 * FreeBSD NET_RT_IFLISTL (if_msghdrl / ifa_msghdrl: own header length @16, if_data offset @18)
 * and OpenBSD's special sockaddrs (sockaddr_rtlabel, rtdns, rtsearch, rtstatic), against bytes
 * written out by hand from shared/reference/bsd-rtsock-layouts.{md,json}.
 */
import assert from 'node:assert/strict';
import { decode, decodePartial } from '../lib/codec';
import { decodeBsd, encodeMessage, encodeRouteMessage } from '../lib/bsd/index';
import type { AddressMessage, InterfaceMessage, RouteMessage } from '../lib/model';
import { hex, only, zeros } from './support/bsd-support';

// ---------------------------------------------------------------------------
// FreeBSD NET_RT_IFLISTL

const IFDATA_FREEBSD = [
  '06 00 06 00', // ifi_type 6 (ether) @0, physical, addrlen 6, hdrlen
  '02 00 0000', // ifi_link_state 2 (up) @4, vhid, datalen
  'dc050000', // ifi_mtu 1500 @8
  '00000000', // ifi_metric @12
  '00e40b5402000000', // ifi_baudrate 10_000_000_000 @16
  '7b00000000000000', // ifi_ipackets 123 @24
  zeros(152 - 32),
];

// sockaddr_dl for hn0 with a MAC: 54 bytes (FreeBSD minimum), padded to 56
const SDL_HN0 = ['36 12 0200 06 03 06 00', '686e30', '00155d010203', zeros(54 - 8 - 9), '0000'];

const IFINFO_L = hex([
  'e800 05 0e', // msglen 232, version 5, RTM_IFINFO
  '10000000', // ifm_addrs RTA_IFP
  '43880000', // ifm_flags UP|BROADCAST|RUNNING|SIMPLEX|MULTICAST
  '0200 0000', // ifm_index 2, spare
  'b000 1800', // ifm_len 176, ifm_data_off 24
  '00000000', // spare2
  ...IFDATA_FREEBSD, // if_data @24
  ...SDL_HN0,
]);

// netmask /24 (trimmed, 7 bytes → 8) then ifa 172.23.198.182 (16)
const NEWADDR_L = hex([
  'c800 05 0c', // msglen 200, RTM_NEWADDR
  '24000000', // ifam_addrs NETMASK|IFA
  '00000000', // ifam_flags
  '0200 0000', // ifam_index 2
  'b000 1800', // ifam_len 176, ifam_data_off 24
  '05000000', // ifam_metric 5 @20
  zeros(152), // ifam_data
  '07 02 0000 ffffff 00', // netmask /24, padded to 8
  '10 02 0000 ac17c6b6 0000000000000000', // ifa
]);

describe('FreeBSD NET_RT_IFLISTL (if_msghdrl / ifa_msghdrl)', () => {
  it('RTM_IFINFO with if_msghdrl: if_data at ifm_data_off, sockaddrs after ifm_len', () => {
    const m = only(decodeBsd(IFINFO_L, 'freebsd', 64, { iflistl: true }), 'interface') as InterfaceMessage;
    assert.equal(m.index, 2);
    assert.equal(m.name, 'hn0');
    assert.deepEqual(m.flags, ['UP', 'BROADCAST', 'RUNNING', 'SIMPLEX', 'MULTICAST']);
    assert.equal(m.data.type, 6);
    assert.equal(m.data.linkState, 2);
    assert.equal(m.data.mtu, 1500);
    assert.equal(m.data.baudrate, 10_000_000_000);
    assert.equal(m.data.ipackets, 123);
    assert.equal((m.addrs.ifp as { mac: string }).mac, '00:15:5d:01:02:03');
  });

  it('RTM_NEWADDR with ifa_msghdrl: metric @20, sockaddrs after ifam_len', () => {
    const m = only(decodeBsd(NEWADDR_L, 'freebsd', 64, { iflistl: true }), 'address') as AddressMessage;
    assert.equal(m.index, 2);
    assert.equal(m.metric, 5);
    assert.equal(m.address, '172.23.198.182/24');
  });

  it('through the codec: decode(buf, { os: "freebsd", iflistl: true }), a dump of both', () => {
    const dump = Buffer.concat([IFINFO_L, NEWADDR_L]);
    const msgs = decode(dump, { os: 'freebsd', iflistl: true });
    assert.deepEqual(msgs.map((m) => m.kind), ['interface', 'address']);
  });

  it('without the option the same bytes are misread as if_msghdr (the shapes share type numbers)', () => {
    const r = decodePartial(IFINFO_L, { os: 'freebsd' });
    const m = r.messages[0] as InterfaceMessage | undefined;
    assert.ok(r.error !== null || (m !== undefined && m.data.mtu !== 1500));
  });

  it('a longer ifm_len (a newer kernel) is honoured: sockaddrs start after it', () => {
    const b = Buffer.concat([IFINFO_L.subarray(0, 176), Buffer.alloc(8, 0xee), IFINFO_L.subarray(176)]);
    b.writeUInt16LE(b.length, 0);
    b.writeUInt16LE(184, 16);
    const m = only(decodeBsd(b, 'freebsd', 64, { iflistl: true }), 'interface') as InterfaceMessage;
    assert.equal(m.name, 'hn0');
    assert.equal(m.data.mtu, 1500);
  });

  it('ifm_len shorter than the header, or past msglen: DecodeError naming ifm_len', () => {
    for (const bad of [100, 0xffff]) {
      const b = Buffer.from(IFINFO_L);
      b.writeUInt16LE(bad, 16);
      const r = decodePartial(b, { os: 'freebsd', iflistl: true });
      assert.ok(r.error);
      assert.equal(r.error.field, 'ifm_len');
      assert.equal(r.error.offset, 16);
    }
  });

  it('ifm_data_off that puts if_data outside the header: DecodeError naming ifm_data_off', () => {
    const b = Buffer.from(IFINFO_L);
    b.writeUInt16LE(100, 18);
    const r = decodePartial(b, { os: 'freebsd', iflistl: true });
    assert.ok(r.error);
    assert.equal(r.error.field, 'ifm_data_off');
  });

  it('encodeMessage writes the IFLISTL shapes byte for byte', () => {
    const m = decodeBsd(IFINFO_L, 'freebsd', 64, { iflistl: true })[0]! as InterfaceMessage;
    const want = Buffer.from(IFINFO_L);
    want[24 + 2] = 0; // ifi_addrlen is not a model field: the encoder leaves it 0
    assert.equal(encodeMessage(m, 'freebsd', 64, { iflistl: true }).toString('hex'), want.toString('hex'));
    const a = decodeBsd(NEWADDR_L, 'freebsd', 64, { iflistl: true })[0]! as AddressMessage;
    const back = encodeMessage(a, 'freebsd', 64, { iflistl: true });
    assert.deepEqual(decodeBsd(back, 'freebsd', 64, { iflistl: true }), [a]);
  });

  it('iflistl is FreeBSD-only', () => {
    assert.throws(() => decodeBsd(IFINFO_L, 'openbsd', 64, { iflistl: true }), /FreeBSD-only/);
    // the codec ignores the flag for other systems
    assert.doesNotThrow(() => decodePartial(IFINFO_L, { os: 'darwin', iflistl: true }));
  });
});

// ---------------------------------------------------------------------------
// OpenBSD special sockaddrs

/** OpenBSD rt_msghdr (96) with hdrlen 96. */
function openbsdRoute(type: number, addrs: number, tail: string[]): Buffer {
  const b = hex([
    '0000 05', type.toString(16).padStart(2, '0'),
    '6000', // rtm_hdrlen 96
    '0000', // rtm_index
    '0000 30 00', // rtm_tableid 0, priority 48, mpls
    addrs.toString(16).padStart(8, '0').match(/../g)!.reverse().join(''), // rtm_addrs
    '03080000', // rtm_flags UP|GATEWAY|STATIC
    zeros(96 - 20),
    ...tail,
  ]);
  b.writeUInt16LE(b.length, 0);
  return b;
}

const LABEL = ['22 00', Buffer.from('uplink').toString('hex'), zeros(32 - 6), zeros(6)]; // sockaddr_rtlabel 34 → 40
const SIN = (a: string) => ['10 02 0000', Buffer.from(a.split('.').map(Number)).toString('hex'), zeros(8)];

describe('OpenBSD special sockaddrs', () => {
  it('RTA_LABEL: sockaddr_rtlabel decodes to { family: "label", address }', () => {
    const b = openbsdRoute(1, 0x1 | 0x2 | 0x400, [...SIN('192.0.2.0'), ...SIN('198.51.100.1'), ...LABEL]);
    const m = only(decodeBsd(b, 'openbsd'), 'route') as RouteMessage;
    assert.deepEqual(m.addrs.label, { family: 'label', address: 'uplink' });
    assert.equal(m.priority, 48);
  });

  it('RTM_PROPOSAL with RTA_DNS (IPv4 and IPv6), RTA_SEARCH and RTA_STATIC', () => {
    const dns4 = ['0a 02', 'c0000235', '08080808', zeros(6)]; // 2 + 8 → 16
    const search = ['0e 02', Buffer.from('example.com\0').toString('hex'), zeros(2)]; // 14 → 16
    const stat = ['0b 02', '18c63364', 'c0000201', '00', zeros(5)]; // RFC 3442-style payload, 11 → 16
    const b = openbsdRoute(19, 0x1000 | 0x2000 | 0x4000, [...dns4, ...stat, ...search]);
    const m = only(decodeBsd(b, 'openbsd'), 'route') as RouteMessage;
    assert.equal(m.type, 'proposal');
    assert.deepEqual(m.addrs.dns, { family: 'dns', address: '192.0.2.53 8.8.8.8', addressFamily: 'inet', servers: ['192.0.2.53', '8.8.8.8'] });
    assert.deepEqual(m.addrs.search, { family: 'search', address: 'example.com', addressFamily: 'inet' });
    assert.deepEqual(m.addrs.static, { family: 'static', address: '18c63364c000020100', addressFamily: 'inet' });

    const dns6 = ['12 18', '20010db8000000000000000000000053', zeros(6)]; // AF_INET6 = 24, 2 + 16 → 24
    const m6 = only(decodeBsd(openbsdRoute(19, 0x1000, dns6), 'openbsd'), 'route') as RouteMessage;
    assert.deepEqual(m6.addrs.dns, { family: 'dns', address: '2001:db8::53', addressFamily: 'inet6', servers: ['2001:db8::53'] });
  });

  it('RTA_BFD stays raw (sockaddr_bfd is not laid out in the reference)', () => {
    const b = openbsdRoute(18, 0x800, ['06 21 01020304', zeros(2)]);
    const m = only(decodeBsd(b, 'openbsd'), 'route') as RouteMessage;
    assert.deepEqual(m.addrs.bfd, { family: 0x21, address: '01020304' });
  });

  it('encodeRouteMessage writes the label sockaddr the kernel expects (34 bytes, AF_UNSPEC)', () => {
    const b = encodeRouteMessage(
      {
        type: 'add',
        flags: 0x803,
        seq: 0,
        priority: 48,
        addrs: { dst: { family: 'inet', address: '192.0.2.0' }, gateway: { family: 'inet', address: '198.51.100.1' }, label: { family: 'label', address: 'uplink' } },
      },
      'openbsd',
    );
    assert.equal(b.subarray(96 + 32).toString('hex'), hex(LABEL).toString('hex'));
    const m = only(decodeBsd(b, 'openbsd'), 'route') as RouteMessage;
    assert.deepEqual(m.addrs.label, { family: 'label', address: 'uplink' });
  });

  it('encoder limits: a label of 32+ bytes, too many name servers, a special family off OpenBSD', () => {
    const base = { type: 'add' as const, flags: 1, seq: 0 };
    assert.throws(() => encodeRouteMessage({ ...base, addrs: { label: { family: 'label', address: 'x'.repeat(32) } } }, 'openbsd'), /exceed/);
    const servers = Array.from({ length: 9 }, () => '2001:db8::1');
    assert.throws(
      () => encodeRouteMessage({ ...base, addrs: { dns: { family: 'dns', address: servers.join(' '), addressFamily: 'inet6', servers } } }, 'openbsd'),
      /exceed/,
    );
    assert.throws(() => encodeRouteMessage({ ...base, addrs: { dst: { family: 'label', address: 'a' } } } as never, 'freebsd'), /only on openbsd/);
  });
});
