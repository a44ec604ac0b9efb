import assert from 'node:assert/strict';
import { describeRoute, METRIC_NAMES, normalizeRoute } from '../lib/spec.js';
import type { NormalizeOptions, RouteSpec } from '../lib/spec.js';

const hex = (b: Uint8Array | undefined): string => (b ? Buffer.from(b).toString('hex') : '');
const IFACES: Record<string, number> = { lo0: 1, en0: 4, utun3: 9 };
const resolveInterface = (name: string): number => IFACES[name] ?? 0;

describe('normalizeRoute: destinations', () => {
  const rows: Array<[RouteSpec, NormalizeOptions['op'], { text: string; family: string; prefix: number; host: boolean; given: boolean; dst: string; masked?: boolean }]> = [
    [{ destination: '198.51.100.0/24', gateway: '192.0.2.1' }, 'add', { text: '198.51.100.0/24', family: 'inet', prefix: 24, host: false, given: true, dst: 'c6336400' }],
    [{ destination: '198.51.100.77/24', gateway: '192.0.2.1' }, 'add', { text: '198.51.100.0/24', family: 'inet', prefix: 24, host: false, given: true, dst: 'c6336400', masked: true }],
    [{ destination: '192.0.2.7', gateway: '192.0.2.1' }, 'add', { text: '192.0.2.7/32', family: 'inet', prefix: 32, host: true, given: false, dst: 'c0000207' }],
    [{ destination: '192.0.2.7/32', gateway: '192.0.2.1' }, 'add', { text: '192.0.2.7/32', family: 'inet', prefix: 32, host: true, given: true, dst: 'c0000207' }],
    [{ destination: '192.0.2.7/32', net: true, gateway: '192.0.2.1' }, 'add', { text: '192.0.2.7/32', family: 'inet', prefix: 32, host: false, given: true, dst: 'c0000207' }],
    [{ destination: 'default', gateway: '192.0.2.1' }, 'add', { text: 'default', family: 'inet', prefix: 0, host: false, given: true, dst: '00000000' }],
    [{ destination: '0.0.0.0/0', gateway: '192.0.2.1' }, 'add', { text: 'default', family: 'inet', prefix: 0, host: false, given: true, dst: '00000000' }],
    [{ destination: 'default', gateway: 'fe80::1%en0' }, 'add', { text: 'default', family: 'inet6', prefix: 0, host: false, given: true, dst: '0'.repeat(32) }],
    [{ destination: 'default', family: 'inet6', gateway: { interface: 'utun3' } }, 'add', { text: 'default', family: 'inet6', prefix: 0, host: false, given: true, dst: '0'.repeat(32) }],
    [{ destination: '::/0', gateway: '2001:db8::1' }, 'add', { text: 'default', family: 'inet6', prefix: 0, host: false, given: true, dst: '0'.repeat(32) }],
    [{ destination: '2001:DB8:0:0::/32', gateway: '2001:db8::1' }, 'add', { text: '2001:db8::/32', family: 'inet6', prefix: 32, host: false, given: true, dst: '20010db8' + '0'.repeat(24) }],
    [{ destination: '2001:db8:ffff::/33', gateway: '2001:db8::1' }, 'add', { text: '2001:db8:8000::/33', family: 'inet6', prefix: 33, host: false, given: true, dst: '20010db88000' + '0'.repeat(20), masked: true }],
    [{ destination: '2001:db8::', net: true, gateway: '2001:db8::1' }, 'add', { text: '2001:db8::/64', family: 'inet6', prefix: 64, host: false, given: false, dst: '20010db8' + '0'.repeat(24) }],
    [{ destination: '2001:db8::5', gateway: '2001:db8::1' }, 'add', { text: '2001:db8::5/128', family: 'inet6', prefix: 128, host: true, given: false, dst: '20010db8' + '0'.repeat(22) + '05' }],
    [{ destination: '10.0.0.0', netmask: '255.0.0.0', gateway: '192.0.2.1' }, 'add', { text: '10.0.0.0/8', family: 'inet', prefix: 8, host: false, given: true, dst: '0a000000' }],
    [{ destination: '10.0.0.0', prefixLength: 8, gateway: '192.0.2.1' }, 'add', { text: '10.0.0.0/8', family: 'inet', prefix: 8, host: false, given: true, dst: '0a000000' }],
    [{ destination: '2001:db8::', netmask: 'ffff:ffff::', gateway: '2001:db8::1' }, 'add', { text: '2001:db8::/32', family: 'inet6', prefix: 32, host: false, given: true, dst: '20010db8' + '0'.repeat(24) }],
    [{ destination: '10.1.2.3' }, 'get', { text: '10.1.2.3/32', family: 'inet', prefix: 32, host: true, given: false, dst: '0a010203' }],
    [{ destination: '10.1.2.3', net: true }, 'get', { text: '10.1.2.3/32', family: 'inet', prefix: 32, host: false, given: false, dst: '0a010203' }],
    [{ destination: '10.1.0.0/16' }, 'get', { text: '10.1.0.0/16', family: 'inet', prefix: 16, host: false, given: true, dst: '0a010000' }],
    [{ destination: '10.1.0.0/16' }, 'delete', { text: '10.1.0.0/16', family: 'inet', prefix: 16, host: false, given: true, dst: '0a010000' }],
    [{ destination: '10.1.0.0/16' }, 'change', { text: '10.1.0.0/16', family: 'inet', prefix: 16, host: false, given: true, dst: '0a010000' }],
  ];
  for (const [spec, op, want] of rows) {
    it(`${op} ${JSON.stringify(spec)} → ${want.text}`, () => {
      const n = normalizeRoute(spec, { op });
      assert.equal(n.op, op);
      assert.equal(n.destinationText, want.text);
      assert.equal(n.family, want.family);
      assert.equal(n.prefixLength, want.prefix);
      assert.equal(n.host, want.host);
      assert.equal(n.prefixGiven, want.given);
      assert.equal(hex(n.dst), want.dst);
      assert.equal(n.hostBitsMasked, want.masked ?? false);
      assert.equal(n.mask.length, n.dst.length);
    });
  }
});

describe('normalizeRoute: gateways, flags, metrics', () => {
  it('parses an address gateway, with RTF_GATEWAY and the static default', () => {
    const n = normalizeRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.1' });
    assert.deepEqual(n.gateway, { kind: 'address', address: new Uint8Array([192, 0, 2, 1]), text: '192.0.2.1', direct: false });
    assert.deepEqual(n.flags, { gateway: true, static: true, reject: false, blackhole: false, proto1: false, proto2: false, xresolve: false, cloning: false });
    assert.equal(normalizeRoute({ destination: '10.0.0.0/8' }, { op: 'delete' }).flags.static, false);
    assert.equal(normalizeRoute({ destination: '10.0.0.0/8', gateway: '192.0.2.1', static: false }).flags.static, false);
  });

  it('keeps an inet6 zone, and resolves it with a resolver', () => {
    const n = normalizeRoute({ destination: '2001:db8::/32', gateway: 'fe80::1%en0' });
    assert.equal(n.gateway?.kind, 'address');
    assert.equal(n.gateway?.kind === 'address' && n.gateway.zone, 'en0');
    const r = normalizeRoute({ destination: '2001:db8::/32', gateway: 'fe80::1%en0' }, { resolveInterface });
    assert.equal(r.gateway?.kind === 'address' && r.gateway.zone, 4);
    const i = normalizeRoute({ destination: '2001:db8::/32', gateway: 'FE80::1%3' });
    assert.equal(i.gateway?.kind === 'address' && i.gateway.zone, 3);
    assert.equal(i.gateway?.kind === 'address' && i.gateway.text, 'fe80::1');
    assert.equal(describeRoute(r), '2001:db8::/32 via fe80::1%4');
  });

  it('takes an interface gateway (route(8) -interface) and a direct address', () => {
    const n = normalizeRoute({ destination: '10.0.0.0/8', gateway: { interface: 'en0' } }, { resolveInterface });
    assert.deepEqual(n.gateway, { kind: 'interface', name: 'en0', index: 4 });
    assert.equal(n.flags.gateway, false);
    assert.deepEqual(normalizeRoute({ destination: '10.0.0.0/8', gateway: { interface: 7 } }).gateway, { kind: 'interface', index: 7 });
    const d = normalizeRoute({ destination: '10.0.0.0/8', gateway: '192.0.2.10', interface: true });
    assert.equal(d.flags.gateway, false);
    assert.equal(d.gateway?.kind === 'address' && d.gateway.direct, true);
    assert.equal(describeRoute(d), '10.0.0.0/8 via 192.0.2.10 (interface)');
  });

  it('sets flags, ifscope, ifp, ifa, table, metric and genmask', () => {
    const n = normalizeRoute(
      {
        destination: '10.0.0.0/8', gateway: '192.0.2.1', reject: true, proto1: true, proto2: true, xresolve: true, cloning: true,
        ifscope: 'en0', ifp: 9, ifa: '192.0.2.10', table: 3, metric: 100, genmask: '255.255.255.0',
      },
      { resolveInterface },
    );
    assert.equal(n.flags.reject, true);
    assert.equal(n.flags.blackhole, false);
    assert.equal(n.flags.proto1 && n.flags.proto2 && n.flags.xresolve && n.flags.cloning, true);
    assert.deepEqual(n.ifscope, { name: 'en0', index: 4 });
    assert.deepEqual(n.ifp, { index: 9 });
    assert.equal(hex(n.ifa), 'c000020a');
    assert.equal(n.ifaText, '192.0.2.10');
    assert.equal(n.table, 3);
    assert.equal(n.metric, 100);
    assert.deepEqual(n.genmask, { bytes: new Uint8Array([255, 255, 255, 0]), text: '255.255.255.0', prefixLength: 24 });
    assert.equal(describeRoute(n), '10.0.0.0/8 via 192.0.2.1 ifscope en0 reject table 3 metric 100');
  });

  it('lists inits and locks in RTV_* order; lockRest locks every metric given', () => {
    const n = normalizeRoute({ destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { rttvar: 8, mtu: 1400, expire: 0 }, lock: ['rtt', 'mtu'] });
    assert.deepEqual(n.metrics, { mtu: 1400, expire: 0, rttvar: 8 });
    assert.deepEqual(n.inits, ['mtu', 'expire', 'rttvar']);
    assert.deepEqual(n.locks, ['mtu', 'rtt']);
    const r = normalizeRoute({ destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { hopcount: 2, ssthresh: 0xffffffff }, lockRest: true });
    assert.deepEqual(r.locks, ['hopcount', 'ssthresh']);
    assert.deepEqual(METRIC_NAMES, ['mtu', 'hopcount', 'expire', 'recvpipe', 'sendpipe', 'ssthresh', 'rtt', 'rttvar']);
  });

  it('allows add without gateway for reject, blackhole or an ifp', () => {
    assert.equal(normalizeRoute({ destination: '10.0.0.0/8', blackhole: true }).gateway, null);
    assert.equal(normalizeRoute({ destination: '10.0.0.0/8', reject: true }).flags.reject, true);
    assert.deepEqual(normalizeRoute({ destination: '10.0.0.0/8', ifp: 'en0' }).ifp, { name: 'en0' });
  });

  it('describes routes for messages', () => {
    assert.equal(describeRoute(normalizeRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.1' })), '198.51.100.0/24 via 192.0.2.1');
    assert.equal(describeRoute(normalizeRoute({ destination: '192.0.2.7', gateway: '192.0.2.1' })), '192.0.2.7 via 192.0.2.1');
    assert.equal(describeRoute(normalizeRoute({ destination: 'default', gateway: { interface: 'en0' } })), 'default dev en0');
    assert.equal(describeRoute(normalizeRoute({ destination: '10.1.2.3' }, { op: 'get' })), '10.1.2.3');
    assert.equal(describeRoute(normalizeRoute({ destination: '10.0.0.0/8', blackhole: true })), '10.0.0.0/8 blackhole');
  });
});

describe('normalizeRoute: refusals', () => {
  type Row = [string, unknown, NormalizeOptions['op'], 'TypeError' | 'RangeError', string];
  const rows: Row[] = [
    ['prefix over 32', { destination: '198.51.100.0/33', gateway: '192.0.2.1' }, 'add', 'RangeError', 'invalid destination "198.51.100.0/33": prefix length 33 is over 32 for inet'],
    ['prefix over 128', { destination: '2001:db8::/129', gateway: '2001:db8::1' }, 'add', 'RangeError', 'invalid destination "2001:db8::/129": prefix length 129 is over 128 for inet6'],
    ['negative prefix', { destination: '10.0.0.0/-1', gateway: '192.0.2.1' }, 'add', 'RangeError', 'invalid destination "10.0.0.0/-1": prefix length -1 is negative'],
    ['fractional prefix', { destination: '10.0.0.0/8.5', gateway: '192.0.2.1' }, 'add', 'RangeError', 'invalid destination "10.0.0.0/8.5": prefix length 8.5 is not an integer'],
    ['prefix not a number', { destination: '10.0.0.0/x', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "10.0.0.0/x": prefix length "x" is not a number'],
    ['empty prefix', { destination: '10.0.0.0/', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "10.0.0.0/": prefix length "" is not a number'],
    ['bad address', { destination: '10.0.0.256/8', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "10.0.0.256/8": "10.0.0.256" is not an IPv4 or IPv6 address'],
    ['host name', { destination: 'example.com', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "example.com": "example.com" is not an IPv4 or IPv6 address'],
    ['zone on destination', { destination: 'fe80::1%en0', gateway: 'fe80::2%en0' }, 'add', 'TypeError', 'invalid destination "fe80::1%en0": a destination cannot carry a %zone (zones go on the gateway)'],
    ['destination not a string', { destination: 10, gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination: expected a string, got 10'],
    ['spec not an object', 'default', 'add', 'TypeError', 'invalid route spec: expected an object, got "default"'],
    ['unknown key', { destination: '10.0.0.0/8', gateway: '192.0.2.1', gw: '1.2.3.4' }, 'add', 'TypeError', 'invalid route spec: unknown option "gw"'],
    ['unknown key, even undefined-valued', { destination: '10.0.0.0/8', gateway: '192.0.2.1', mtu: undefined }, 'change', 'TypeError', 'invalid route spec: unknown option "mtu"'],
    ['mixed families', { destination: '2001:db8::/32', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid gateway "192.0.2.1": it is inet but the destination "2001:db8::/32" is inet6'],
    ['family hint disagrees', { destination: '10.0.0.0/8', family: 'inet6', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "10.0.0.0/8": it is inet but family is "inet6"'],
    ['bad family', { destination: '10.0.0.0/8', family: 'ipv4', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid family "ipv4": expected "inet" or "inet6"'],
    ['default of the wrong family', { destination: 'default', family: 'inet', gateway: '2001:db8::1' }, 'add', 'TypeError', 'invalid gateway "2001:db8::1": it is inet6 but the destination "default" is inet'],
    ['gateway not an address', { destination: '10.0.0.0/8', gateway: 'en0' }, 'add', 'TypeError', 'invalid gateway "en0": not an IPv4 or IPv6 address (for an interface use { interface: "en0" })'],
    ['zone on an IPv4 gateway', { destination: '10.0.0.0/8', gateway: '192.0.2.1%en0' }, 'add', 'TypeError', 'invalid gateway "192.0.2.1%en0": an IPv4 gateway cannot carry a %zone'],
    ['empty zone', { destination: '2001:db8::/32', gateway: 'fe80::1%' }, 'add', 'TypeError', 'invalid gateway "fe80::1%": empty %zone'],
    ['gateway object with other keys', { destination: '10.0.0.0/8', gateway: { name: 'en0' } }, 'add', 'TypeError', 'invalid gateway: expected an address string or { interface: name | index }, got keys "name"'],
    ['gateway number', { destination: '10.0.0.0/8', gateway: 3 }, 'add', 'TypeError', 'invalid gateway: expected an address string or { interface: name | index }, got 3'],
    ['interface index 0', { destination: '10.0.0.0/8', gateway: { interface: 0 } }, 'add', 'RangeError', 'invalid gateway interface 0: an interface index is an integer 1..4294967295'],
    ['host with a short prefix', { destination: '198.51.100.0/24', host: true, gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "198.51.100.0/24": a host route needs a full-length prefix (32 for inet), got 24'],
    ['host and net', { destination: '192.0.2.7', host: true, net: true, gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "192.0.2.7": host and net are exclusive'],
    ['host default', { destination: 'default', host: true, gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "default": the default route cannot be a host route'],
    ['net without prefix (inet)', { destination: '10.0.0.0', net: true, gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "10.0.0.0": a network route needs a prefix length or netmask (e.g. 10.0.0.0/24)'],
    ['netmask and prefixLength', { destination: '10.0.0.0', netmask: '255.0.0.0', prefixLength: 8, gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid route spec: both netmask "255.0.0.0" and prefixLength 8 given'],
    ['netmask with CIDR', { destination: '10.0.0.0/8', netmask: '255.0.0.0', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "10.0.0.0/8": netmask "255.0.0.0" given with a prefix in the destination'],
    ['prefixLength with CIDR', { destination: '10.0.0.0/8', prefixLength: 8, gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid destination "10.0.0.0/8": prefixLength 8 given with a prefix in the destination'],
    ['non-contiguous netmask', { destination: '10.0.0.0', netmask: '255.0.255.0', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid netmask "255.0.255.0": the mask is not contiguous'],
    ['netmask of the other family', { destination: '10.0.0.0', netmask: 'ffff::', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid netmask "ffff::": it is inet6 but the destination is inet'],
    ['prefixLength over 32', { destination: '10.0.0.0', prefixLength: 40, gateway: '192.0.2.1' }, 'add', 'RangeError', 'invalid prefixLength: prefix length 40 is over 32 for inet'],
    ['prefixLength not integer', { destination: '10.0.0.0', prefixLength: 8.5, gateway: '192.0.2.1' }, 'add', 'RangeError', 'invalid prefixLength: prefix length 8.5 is not an integer'],
    ['prefixLength string', { destination: '10.0.0.0', prefixLength: '8', gateway: '192.0.2.1' }, 'add', 'TypeError', 'invalid prefixLength: expected a number, got "8"'],
    ['reject and blackhole', { destination: '10.0.0.0/8', reject: true, blackhole: true }, 'add', 'TypeError', 'invalid route spec: reject and blackhole are exclusive'],
    ['boolean as string', { destination: '10.0.0.0/8', gateway: '192.0.2.1', static: 'yes' }, 'add', 'TypeError', 'invalid static: expected a boolean, got "yes"'],
    ['add without gateway', { destination: '10.0.0.0/8' }, 'add', 'TypeError', 'route to "10.0.0.0/8" has no gateway: add needs a gateway (an address or { interface }), an ifp, or reject/blackhole'],
    ['interface flag without gateway', { destination: '10.0.0.0/8', interface: true, ifp: 'en0' }, 'add', 'TypeError', 'invalid route spec: interface: true needs a gateway'],
    ['metric over u32', { destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { mtu: 4294967296 } }, 'add', 'RangeError', 'invalid metric mtu 4294967296: out of range 0..4294967295'],
    ['negative metric', { destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { hopcount: -1 } }, 'add', 'RangeError', 'invalid metric hopcount -1: out of range 0..4294967295'],
    ['metric not integer', { destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { rtt: 1.5 } }, 'add', 'RangeError', 'invalid metric rtt 1.5: not an integer'],
    ['metric string', { destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { mtu: '1500' } }, 'add', 'TypeError', 'invalid metric mtu: expected a number, got "1500"'],
    ['unknown metric', { destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { weight: 1 } }, 'add', 'TypeError', 'invalid metrics: unknown metric "weight" (known: mtu, hopcount, expire, recvpipe, sendpipe, ssthresh, rtt, rttvar)'],
    ['unknown lock', { destination: '10.0.0.0/8', gateway: '192.0.2.1', lock: ['pksent'] }, 'add', 'TypeError', 'invalid lock: unknown metric "pksent" (known: mtu, hopcount, expire, recvpipe, sendpipe, ssthresh, rtt, rttvar)'],
    ['table out of range', { destination: '10.0.0.0/8', gateway: '192.0.2.1', table: -1 }, 'add', 'RangeError', 'invalid table -1: out of range 0..4294967295'],
    ['table too large', { destination: '10.0.0.0/8', gateway: '192.0.2.1', table: 2 ** 32 }, 'add', 'RangeError', 'invalid table 4294967296: out of range 0..4294967295'],
    ['route metric not integer', { destination: '10.0.0.0/8', gateway: '192.0.2.1', metric: 0.5 }, 'add', 'RangeError', 'invalid metric 0.5: not an integer'],
    ['ifa of the other family', { destination: '10.0.0.0/8', gateway: '192.0.2.1', ifa: '2001:db8::1' }, 'add', 'TypeError', 'invalid ifa "2001:db8::1": it is inet6 but the destination "10.0.0.0/8" is inet'],
    ['genmask not contiguous', { destination: '10.0.0.0/8', gateway: '192.0.2.1', genmask: '0.255.0.0' }, 'add', 'TypeError', 'invalid genmask "0.255.0.0": the mask is not contiguous'],
    ['empty ifscope', { destination: '10.0.0.0/8', gateway: '192.0.2.1', ifscope: '' }, 'add', 'TypeError', 'invalid ifscope: empty interface name'],
    ['get with a gateway', { destination: '10.0.0.0/8', gateway: '192.0.2.1' }, 'get', 'TypeError', 'invalid route spec: get takes no gateway (only a destination, netmask/prefixLength, host/net, family, ifscope, ifp, table)'],
    ['get with metrics', { destination: '10.0.0.0/8', metrics: { mtu: 1 } }, 'get', 'TypeError', 'invalid route spec: get takes no metrics (only a destination, netmask/prefixLength, host/net, family, ifscope, ifp, table)'],
    ['delete with metrics', { destination: '10.0.0.0/8', metrics: { mtu: 1 } }, 'delete', 'TypeError', 'invalid route spec: delete takes no metrics'],
    ['bad op', { destination: '10.0.0.0/8' }, 'flush' as 'add', 'TypeError', 'invalid op "flush": expected one of add, change, delete, get'],
  ];
  for (const [title, spec, op, name, message] of rows) {
    it(`${title}: ${name}`, () => {
      assert.throws(() => normalizeRoute(spec as RouteSpec, { op }), (e: Error) => {
        assert.equal(e.constructor.name, name);
        assert.equal(e.message, message);
        return true;
      });
    });
  }

  it('names an unknown interface (resolver returned 0)', () => {
    const cases: Array<[RouteSpec, string]> = [
      [{ destination: '10.0.0.0/8', gateway: { interface: 'en9' } }, 'invalid gateway interface: unknown interface "en9"'],
      [{ destination: '10.0.0.0/8', gateway: '192.0.2.1', ifscope: 'bridge7' }, 'invalid ifscope: unknown interface "bridge7"'],
      [{ destination: '10.0.0.0/8', gateway: '192.0.2.1', ifp: 'wg0' }, 'invalid ifp: unknown interface "wg0"'],
      [{ destination: '2001:db8::/32', gateway: 'fe80::1%tun5' }, 'invalid gateway "fe80::1%tun5": unknown interface "tun5"'],
    ];
    for (const [spec, message] of cases) {
      assert.throws(() => normalizeRoute(spec, { resolveInterface }), { name: 'TypeError', message });
    }
  });
});
