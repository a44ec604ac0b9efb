/**
 * Message kinds per OS, built byte by byte from the reference offsets: header field order
 * (OpenBSD hdrlen/tableid/priority/mpls/fmask, DragonFly's own if/ifa/ifma orders and metrics,
 * NetBSD's two ifa layouts), darwin's *2 messages, announce, 32-bit layouts.
 */
import assert from 'node:assert/strict';
import { decodeBsd, routeFlagNames, bsdConstants } from '../lib/bsd/index';
import type { AddressMessage, AnnounceMessage, InterfaceMessage, MulticastMessage, RouteMessage } from '../lib/model';
import { message, only, pad, sin } from './support/bsd-support';

const LO0 = (index: number, u: number) => pad([11, 18, index, 0, 0x18, 3, 0, 0, ...Buffer.from('lo0')], u);
const EM0 = (u: number) => pad([17, 18, 2, 0, 6, 3, 6, 0, ...Buffer.from('em0'), 2, 0, 0, 0, 0, 1], u);

describe('bsd message kinds per OS', () => {
  describe('openbsd', () => {
    it('rt_msghdr: hdrlen, index @6, tableid, priority, mpls, addrs @12, flags @16, fmask, pid, seq, errno, inits @36, metrics', () => {
      const b = message(96, 1, 5, [
        [4, 2, 96], [6, 2, 3], [8, 2, 7], [10, 1, 8], [11, 1, 1], [12, 4, 0x5], [16, 4, 0x1000803], [20, 4, 0x800],
        [24, 4, 4242], [28, 4, 9], [32, 4, 17], [36, 4, 0x1],
        [40, 8, 1000], [48, 8, 3600], [56, 4, 0x1], [60, 4, 1400], [64, 4, 5], [68, 4, 2], [80, 4, 99], [84, 4, 7], [88, 4, 8],
      ], [...sin('198.51.100.0'), ...pad([7, 2, 0, 0, 255, 255, 255], 8)]);
      const m = only(decodeBsd(b, 'openbsd'), 'route');
      assert.deepEqual(Object.keys(m), [
        'kind', 'type', 'version', 'index', 'flags', 'rawFlags', 'pid', 'seq', 'errno', 'fmask', 'tableid', 'priority', 'mpls', 'inits',
        'addrs', 'destination', 'metrics',
      ]);
      assert.equal(m.index, 3);
      assert.equal(m.tableid, 7);
      assert.equal(m.priority, 8);
      assert.equal(m.mpls, 1);
      assert.equal(m.fmask, 0x800);
      assert.deepEqual([m.pid, m.seq, m.errno, m.inits], [4242, 9, 17, 1]);
      assert.deepEqual(m.flags, ['UP', 'GATEWAY', 'STATIC', 'BFD']);
      assert.equal(m.destination, '198.51.100.0/24');
      assert.deepEqual(m.metrics, {
        pksent: 1000, expire: 3600, locks: 1, mtu: 1400, refcnt: 5, hopcount: 2, recvpipe: 0, sendpipe: 0, ssthresh: 99, rtt: 7, rttvar: 8,
      });
      assert.ok(!('use' in m));
    });

    it('if_msghdr: hdrlen, index @6, tableid @8, addrs @12, flags @16, xflags @20, if_data @24 (mtu @+4, link_state @+3)', () => {
      const b = message(168, 14, 5, [
        [4, 2, 168], [6, 2, 2], [8, 2, 1], [12, 4, 0x10], [16, 4, 0x8843], [20, 4, 0x4],
        [24, 1, 6], [27, 1, 4], [28, 4, 1500], [32, 4, 0], [40, 8, 1e9], [48, 8, 123], [128, 8, 5], [136, 8, 6],
      ], EM0(8));
      const m = only(decodeBsd(b, 'openbsd'), 'interface') as InterfaceMessage;
      assert.deepEqual(Object.keys(m), ['kind', 'type', 'version', 'index', 'flags', 'rawFlags', 'name', 'addrs', 'data', 'tableid', 'xflags']);
      assert.equal(m.index, 2);
      assert.equal(m.name, 'em0');
      assert.deepEqual(m.flags, ['UP', 'BROADCAST', 'RUNNING', 'SIMPLEX', 'MULTICAST']);
      assert.equal(m.tableid, 1);
      assert.equal(m.xflags, 4);
      assert.equal(m.data.type, 6);
      assert.equal(m.data.linkState, 4);
      assert.equal(m.data.mtu, 1500);
      assert.equal(m.data.baudrate, 1e9);
      assert.equal(m.data.ipackets, 123);
      assert.equal(m.data.oqdrops, 5);
      assert.equal(m.data.noproto, 6);
    });

    it('ifa_msghdr (hdrlen 24), if_announcemsghdr (what @8, name @10), RTM_DESYNC', () => {
      const ifa = message(24, 12, 5, [[4, 2, 24], [6, 2, 2], [8, 2, 0], [12, 4, 0x24], [16, 4, 0x1], [20, 4, 3]],
        [...pad([7, 2, 0, 0, 255, 255, 255], 8), ...sin('192.0.2.7')]);
      const a = only(decodeBsd(ifa, 'openbsd'), 'address') as AddressMessage;
      assert.deepEqual(Object.keys(a), ['kind', 'type', 'version', 'index', 'flags', 'rawFlags', 'metric', 'addrs', 'address', 'tableid']);
      assert.deepEqual([a.type, a.index, a.metric, a.address, a.tableid], ['newaddr', 2, 3, '192.0.2.7/24', 0]);
      const ann = message(26, 15, 5, [[4, 2, 26], [6, 2, 5], [8, 2, 1]]);
      Buffer.from('tun0').copy(ann, 10);
      assert.deepEqual(only(decodeBsd(ann, 'openbsd'), 'announce'), {
        kind: 'announce', type: 'ifannounce', version: 5, index: 5, name: 'tun0', what: 'departure',
      });
      const desync = message(96, 16, 5, [[4, 2, 96]]);
      assert.equal(only(decodeBsd(desync, 'openbsd'), 'route').type, 'desync');
      assert.equal(only(decodeBsd(message(24, 20, 5, [[4, 2, 24]]), 'openbsd'), 'address').type, 'chgaddrattr');
      assert.equal(decodeBsd(message(96, 21, 5, [[4, 2, 96]]), 'openbsd')[0]!.kind, 'unknown'); // RTM_80211INFO: not laid out
    });
  });

  describe('dragonfly', () => {
    it('rt_msghdr: rtm_use @28, inits u_long @32, metrics in DragonFly order', () => {
      const b = message(152, 4, 7, [
        [4, 2, 1], [8, 4, 0x3], [12, 4, 0x1], [16, 4, 10], [20, 4, 11], [28, 4, 50], [32, 8, 0x101],
        [40, 8, 0x1], [48, 8, 1500], [56, 8, 77], [64, 8, 3600], [72, 8, 8192], [104, 8, 65536], [112, 8, 2], [120, 2, 1460], [128, 8, 30],
      ], sin('0.0.0.0'));
      const m = only(decodeBsd(b, 'dragonfly'), 'route');
      assert.equal(m.use, 50);
      assert.equal(m.inits, 0x101);
      assert.deepEqual(m.metrics, {
        locks: 1, mtu: 1500, pksent: 77, expire: 3600, sendpipe: 8192, ssthresh: 0, rtt: 0, rttvar: 0, recvpipe: 65536, hopcount: 2,
        mssopt: 1460, msl: 30, iwmaxsegs: 0, iwcapsegs: 0,
      });
      assert.equal(m.destination, '0.0.0.0/32');
    });

    it('if_msghdr: index @4, flags @8, addrs @12; if_data with u_long mtu and link_state', () => {
      const b = message(176, 14, 7, [
        [4, 2, 3], [8, 4, 0x8843], [12, 4, 0x10], [16, 1, 6], [24, 8, 9000], [32, 8, 1], [40, 8, 2], [48, 8, 1e10], [56, 8, 44], [152, 8, 9],
      ], EM0(8));
      const m = only(decodeBsd(b, 'dragonfly'), 'interface') as InterfaceMessage;
      assert.deepEqual([m.index, m.name, m.data.mtu, m.data.metric, m.data.linkState, m.data.baudrate, m.data.ipackets, m.data.oqdrops],
        [3, 'em0', 9000, 1, 2, 1e10, 44, 9]);
    });

    it('ifa_msghdr: index @4, flags @8, addrs @12, addrflags @16, metric @20; ifma: index @4, addrs @12', () => {
      const ifa = message(24, 13, 7, [[4, 2, 3], [8, 4, 0], [12, 4, 0x20], [16, 4, 0x40], [20, 4, 5]], sin('192.0.2.9'));
      const a = only(decodeBsd(ifa, 'dragonfly'), 'address') as AddressMessage;
      assert.deepEqual([a.type, a.index, a.addrflags, a.metric, a.addrs.ifa?.address], ['deladdr', 3, 0x40, 5, '192.0.2.9']);
      assert.ok(!('address' in a), 'no netmask, no address/prefix');
      const ma = message(16, 15, 7, [[4, 2, 3], [8, 4, 0], [12, 4, 0x20]], sin('224.0.0.1'));
      const mm = only(decodeBsd(ma, 'dragonfly'), 'multicast') as MulticastMessage;
      assert.deepEqual([mm.type, mm.index, mm.addrs.ifa?.address], ['newmaddr', 3, '224.0.0.1']);
      assert.ok(!('refcount' in mm));
      const ann = message(24, 17, 7, [[4, 2, 3], [22, 2, 0]]);
      Buffer.from('vke0').copy(ann, 6);
      assert.equal((only(decodeBsd(ann, 'dragonfly'), 'announce') as AnnounceMessage).name, 'vke0');
    });
  });

  describe('freebsd', () => {
    it('if_msghdr + if_data (link_state u8 @4, u32 mtu, u64 counters, oqdrops), ifa 20, ifma, announce, ieee80211', () => {
      const ifm = message(168, 14, 5, [
        [4, 4, 0x10], [8, 4, 0x8843], [12, 2, 2], [16, 1, 6], [20, 1, 2], [24, 4, 1500], [32, 8, 1e10], [40, 8, 7], [120, 8, 3], [128, 8, 4],
      ], EM0(8));
      const m = only(decodeBsd(ifm, 'freebsd'), 'interface') as InterfaceMessage;
      assert.deepEqual([m.index, m.name, m.data.linkState, m.data.mtu, m.data.baudrate, m.data.ipackets, m.data.oqdrops, m.data.noproto],
        [2, 'em0', 2, 1500, 1e10, 7, 3, 4]);
      const ifa = message(20, 12, 5, [[4, 4, 0x34], [8, 4, 0], [12, 2, 10], [16, 4, 0]],
        [...pad([7, 0, 0, 0, 255, 255, 255], 8), ...EM0(8), ...sin('169.254.0.1')]);
      const a = only(decodeBsd(ifa, 'freebsd'), 'address') as AddressMessage;
      assert.equal(a.address, '169.254.0.1/24');
      assert.equal(a.index, 10);
      const ma = message(16, 16, 5, [[4, 4, 0x20], [12, 2, 2]], sin('224.0.0.251'));
      assert.equal((only(decodeBsd(ma, 'freebsd'), 'multicast') as MulticastMessage).type, 'delmaddr');
      const ann = message(24, 17, 5, [[4, 2, 9], [22, 2, 0]]);
      Buffer.from('vlan5682').copy(ann, 6);
      assert.deepEqual(only(decodeBsd(ann, 'freebsd'), 'announce'), {
        kind: 'announce', type: 'ifannounce', version: 5, index: 9, name: 'vlan5682', what: 'arrival',
      });
      const w = message(24, 18, 5, [[4, 2, 1], [22, 2, 7]], [1, 2, 3, 4, 5, 6, 7, 8]);
      Buffer.from('wlan0').copy(w, 6);
      assert.deepEqual(only(decodeBsd(w, 'freebsd'), 'announce'), {
        kind: 'announce', type: 'ieee80211', version: 5, index: 1, name: 'wlan0', what: 7,
      });
    });

    it('rt_msghdr: fmask @28, u_long inits, metrics incl. weight and nhidx; flags names', () => {
      const b = message(152, 2, 5, [[8, 4, 0x10000803], [12, 4, 1], [28, 4, 0x800], [32, 8, 1], [48, 8, 9000], [120, 8, 10], [128, 8, 3]], sin('192.0.2.0'));
      const m = only(decodeBsd(b, 'freebsd'), 'route');
      assert.deepEqual(m.flags, ['UP', 'GATEWAY', 'STATIC', 'STICKY']);
      assert.equal(m.fmask, 0x800);
      assert.equal(m.metrics!.mtu, 9000);
      assert.equal(m.metrics!.weight, 10);
      assert.equal(m.metrics!.nhidx, 3);
    });
  });

  describe('darwin', () => {
    it('if_msghdr (if_data 32-bit counters), ifa_msghdr 20, RTM_GET_SILENT', () => {
      const ifm = message(112, 14, 5, [[4, 4, 0x10], [8, 4, 0x8863], [12, 2, 4], [16, 1, 6], [24, 4, 1500], [32, 4, 1e9], [36, 4, 5], [76, 4, 2]], EM0(4));
      const m = only(decodeBsd(ifm, 'darwin'), 'interface') as InterfaceMessage;
      assert.deepEqual([m.index, m.name, m.data.mtu, m.data.baudrate, m.data.ipackets, m.data.noproto], [4, 'em0', 1500, 1e9, 5, 2]);
      assert.ok(!('linkState' in m.data) && !('oqdrops' in m.data));
      assert.deepEqual(m.flags, ['UP', 'BROADCAST', 'NOTRAILERS', 'RUNNING', 'SIMPLEX', 'MULTICAST']);
      const ifa = message(20, 12, 5, [[4, 4, 0x24], [12, 2, 4], [16, 4, 0]], [8, 0, 0, 0, 255, 255, 255, 0, ...sin('10.0.2.15')]);
      assert.equal((only(decodeBsd(ifa, 'darwin'), 'address') as AddressMessage).address, '10.0.2.15/24');
      assert.equal(only(decodeBsd(message(92, 17, 5, []), 'darwin'), 'route').type, 'get_silent');
    });

    it('RTM_IFINFO2 (if_msghdr2 + if_data64) and RTM_NEWMADDR2 (refcount)', () => {
      const ifm = message(160, 18, 5, [
        [4, 4, 0x10], [8, 4, 0x8049], [12, 2, 1], [16, 4, 3], [20, 4, 50], [24, 4, 1], [28, 4, 0],
        [32, 1, 0x18], [40, 4, 16384], [48, 8, 0], [56, 8, 2 ** 40], [96, 8, 2 ** 33], [136, 8, 9],
      ], LO0(1, 4));
      const m = only(decodeBsd(ifm, 'darwin'), 'interface') as InterfaceMessage;
      assert.equal(m.type, 'ifinfo2');
      assert.equal(m.name, 'lo0');
      assert.deepEqual([m.data.type, m.data.mtu, m.data.ipackets, m.data.ibytes, m.data.noproto], [0x18, 16384, 2 ** 40, 2 ** 33, 9]);
      assert.deepEqual([m.data.sndLen, m.data.sndMaxlen, m.data.sndDrops, m.data.timer], [3, 50, 1, 0]);
      const ma = message(20, 19, 5, [[4, 4, 0x30], [12, 2, 4], [16, 4, 3]], [
        ...pad([20, 18, 4, 0, 6, 3, 6, 0, ...Buffer.from('en0'), 2, 0, 0, 0, 0, 1], 4),
        14, 18, 0, 0, 0, 0, 6, 0, 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb,
      ]);
      const mm = only(decodeBsd(ma, 'darwin'), 'multicast') as MulticastMessage;
      assert.deepEqual(Object.keys(mm), ['kind', 'type', 'version', 'index', 'flags', 'rawFlags', 'refcount', 'addrs']);
      assert.equal(mm.type, 'newmaddr2');
      assert.equal(mm.refcount, 3);
      assert.equal((mm.addrs.ifa as { mac: string }).mac, '01:00:5e:00:00:fb');
    });

    it('flag names are per OS', () => {
      assert.deepEqual(routeFlagNames('darwin', 0x80000000 | 0x1000000 | 0x2000), ['NOIFREF', 'IFSCOPE', '0x80000000']);
      assert.deepEqual(routeFlagNames('openbsd', 0x2000 | 0x200), ['MULTICAST', 'PROTO3']);
      assert.deepEqual(routeFlagNames('netbsd', 0x100 | 0x40000), ['CONNECTED', 'LOCAL']);
      assert.deepEqual(routeFlagNames('freebsd', 0x40000 | 0x80000000), ['PROTO3', 'GWFLAG_COMPAT']);
      assert.equal(bsdConstants('netbsd').PF_ROUTE, 34);
      assert.equal(bsdConstants('darwin').RTF.RTF_IFSCOPE, 0x1000000);
      assert.equal(bsdConstants('netbsd').RTM.RTM_IFINFO, 0x14);
    });
  });

  describe('netbsd', () => {
    it('8+ ifa_msghdr under 0x16/0x17/0x18 (index @4, addrs @12, pid, addrflags, metric) and the old one under 0xc/0xd/0x15', () => {
      const tail = [...sin('255.255.255.0'), ...LO0(2, 8), ...sin('192.0.2.1')];
      const nw = message(32, 0x16, 4, [[4, 2, 2], [8, 4, 1], [12, 4, 0x34], [16, 4, 555], [20, 4, 0x8], [24, 4, 1]], tail);
      const a = only(decodeBsd(nw, 'netbsd'), 'address') as AddressMessage;
      assert.deepEqual(Object.keys(a), ['kind', 'type', 'version', 'index', 'flags', 'rawFlags', 'metric', 'pid', 'addrflags', 'addrs', 'address']);
      assert.deepEqual([a.type, a.index, a.pid, a.addrflags, a.metric, a.address], ['newaddr', 2, 555, 8, 1, '192.0.2.1/24']);
      assert.equal(only(decodeBsd(message(32, 0x17, 4, []), 'netbsd'), 'address').type, 'deladdr');
      assert.equal(only(decodeBsd(message(32, 0x18, 4, []), 'netbsd'), 'address').type, 'chgaddr');
      const old = message(24, 0xc, 4, [[4, 4, 0x34], [8, 4, 1], [12, 4, 1], [16, 2, 2]], tail);
      const o = only(decodeBsd(old, 'netbsd'), 'address') as AddressMessage;
      assert.deepEqual([o.type, o.index, o.metric, o.address], ['newaddr', 2, 1, '192.0.2.1/24']);
      assert.equal(only(decodeBsd(message(24, 0x15, 4, []), 'netbsd'), 'address').type, 'chgaddr');
    });

    it('RTM_SETGATE / RTM_LLINFO_UPD are route messages; RTM_IEEE80211 is an announce; OOIFINFO/OIFINFO are unknown', () => {
      assert.equal(only(decodeBsd(message(120, 18, 4, []), 'netbsd'), 'route').type, 'setgate');
      assert.equal(only(decodeBsd(message(120, 19, 4, []), 'netbsd'), 'route').type, 'llinfo_upd');
      assert.equal(only(decodeBsd(message(24, 17, 4, []), 'netbsd'), 'announce').type, 'ieee80211');
      assert.equal(decodeBsd(message(120, 14, 4, []), 'netbsd')[0]!.kind, 'unknown');
      assert.equal(decodeBsd(message(120, 15, 4, []), 'netbsd')[0]!.kind, 'unknown');
    });
  });

  describe('32-bit ABI', () => {
    it('freebsd i386: inits u32 @32, rt_metrics of u32 @36, 4-byte sockaddr padding', () => {
      const b = message(92, 4, 5, [[12, 4, 0x11], [20, 4, 3], [32, 4, 1], [36, 4, 1], [40, 4, 1280]],
        [...sin('192.0.2.7'), 20, 18, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      const m = only(decodeBsd(b, 'freebsd', 32), 'route') as RouteMessage;
      assert.equal(m.seq, 3);
      assert.equal(m.inits, 1);
      assert.equal(m.metrics!.locks, 1);
      assert.equal(m.metrics!.mtu, 1280);
      assert.deepEqual(m.addrs.ifp, { family: 'link', address: 'link#0', index: 0, type: 0, name: '', mac: null });
      assert.throws(() => decodeBsd(b, 'freebsd', 64));
    });

    it('dragonfly 32: rt_msghdr 92 with u32 metrics; openbsd 32: if_msghdr 160', () => {
      const b = message(92, 1, 7, [[12, 4, 1], [32, 4, 1], [40, 4, 1500], [76, 2, 1460]], sin('192.0.2.0'));
      const m = only(decodeBsd(b, 'dragonfly', 32), 'route') as RouteMessage;
      assert.equal(m.metrics!.mtu, 1500);
      assert.equal(m.metrics!.mssopt, 1460);
      const ifm = message(160, 14, 5, [[4, 2, 160], [6, 2, 1], [28, 4, 1500]]);
      assert.equal((only(decodeBsd(ifm, 'openbsd', 32), 'interface') as InterfaceMessage).data.mtu, 1500);
    });
  });
});
