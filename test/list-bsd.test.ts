/**
 * listRoutes' conversion on BSD, proven with whole sysctl NET_RT_DUMP buffers from
 * real macOS, FreeBSD and NetBSD kernels (the live sysctl path needs those kernels).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBsd, encodeRouteMessage } from '../lib/bsd/index';
import { toRoute } from '../lib/list';
import { pickDefaultGateway } from '../lib/routes';
import type { BsdOsName, Route } from '../lib/model';

const VECTORS = join(__dirname, 'fixtures', 'vectors');
interface ScapyRoute {
  dst: string;
  netmask: string;
  gateway: string;
  iface: string;
}
interface Capture {
  id: string;
  input_hex: string;
  expected: { routes_per_scapy: ScapyRoute[]; scapy_added_routes?: ScapyRoute[] };
}
const captures = JSON.parse(readFileSync(join(VECTORS, 'bsd-captures.json'), 'utf8')) as Capture[];

function prefixOf(mask: string): number {
  return mask.split('.').reduce((n, o) => n + (Number(o).toString(2).match(/1/g)?.length ?? 0), 0);
}

function routesOf(hex: string, os: BsdOsName, names: Record<number, string> = {}): Route[] {
  const map = new Map(Object.entries(names).map(([k, v]) => [Number(k), v]));
  return decodeBsd(Buffer.from(hex, 'hex'), os)
    .map((m) => (m.kind === 'route' ? toRoute(m, map, false) : null))
    .filter((r): r is Route => r !== null);
}

function key(dst: string, mask: string): string {
  const p = prefixOf(mask);
  return p === 0 && dst === '0.0.0.0' ? 'default' : `${dst}/${p}`;
}

describe('BSD routing tables from real sysctl dumps', () => {
  const cases: Array<[string, BsdOsName, Record<number, string>]> = [
    // macOS dumps carry no RTA_IFP: names come from if_indextoname on the machine itself.
    ['DARWIN23-X86_64-RIB-DUMP-V4', 'darwin', { 1: 'lo0', 5: 'en0' }],
    // FreeBSD names the interface in the link-level gateway.
    ['FREEBSD141-AMD64-RIB-DUMP-V4', 'freebsd', {}],
  ];
  for (const [id, os, names] of cases) {
    it(`${id}: every route another tool derives is there, with its gateway and interface`, () => {
      const c = captures.find((x) => x.id === id)!;
      const routes = routesOf(c.input_hex, os, names);
      for (const want of c.expected.routes_per_scapy) {
        const dest = key(want.dst, want.netmask);
        const candidates = routes.filter((r) => r.destination === dest && r.interface === want.iface);
        assert.ok(candidates.length > 0, `${dest} on ${want.iface} is listed`);
        const link = want.gateway === '0.0.0.0'; // that tool's spelling of a link-level gateway
        assert.ok(
          candidates.some((r) => (link ? r.gateway !== null && !r.flags.includes('GATEWAY') : r.gateway === want.gateway)),
          `${dest}: gateway ${link ? 'is link-level' : want.gateway}`,
        );
      }
      for (const extra of c.expected.scapy_added_routes ?? []) {
        assert.ok(!routes.some((r) => r.destination === key(extra.dst, extra.netmask)), `${extra.dst} is not invented`);
      }
    });
  }

  it('macOS: the global default is not interface-scoped; cloned host routes are', () => {
    const c = captures.find((x) => x.id === 'DARWIN23-X86_64-RIB-DUMP-V4')!;
    const routes = routesOf(c.input_hex, 'darwin', { 1: 'lo0', 5: 'en0' });
    const def = routes.filter((r) => r.destination === 'default');
    assert.equal(def.length, 1);
    assert.equal(def[0]!.scoped, undefined);
    assert.equal(def[0]!.gateway, '10.0.2.2');
    assert.ok(routes.some((r) => r.scoped === true && r.flags.includes('WASCLONED')));
    const arp = routes.find((r) => r.destination === '10.0.2.2/32' && r.flags.includes('LLINFO'));
    assert.equal(arp?.gateway, '52:55:0a:00:02:02', 'an ARP entry\'s gateway is its MAC');
  });

  it('NetBSD: the inet and inet6 dumps of a real kernel', () => {
    const v4 = routesOf(readFileSync(join(VECTORS, 'netbsd-kernel', '85-sysctl-NET_RT_DUMP-inet-whole.bin')).toString('hex'), 'netbsd');
    assert.ok(v4.every((r) => r.family === 'inet'));
    assert.ok(v4.some((r) => r.destination === '127.0.0.1/32'));
    const v6 = routesOf(readFileSync(join(VECTORS, 'netbsd-kernel', '86-sysctl-NET_RT_DUMP-inet6-whole.bin')).toString('hex'), 'netbsd');
    assert.ok(v6.every((r) => r.family === 'inet6'));
    assert.ok(v6.some((r) => r.destination === '::1/128'));
  });
});

describe('defaultGateway on macOS tables (interface-scoped defaults, utun link gateways)', () => {
  // The real macOS dump plus two defaults route(8) would add on a VPN client:
  // an RTF_IFSCOPE default on en0 and, in the second table, a global default via utun4.
  const c = captures.find((x) => x.id === 'DARWIN23-X86_64-RIB-DUMP-V4')!;
  const names = new Map([[1, 'lo0'], [5, 'en0'], [33, 'utun4']]);
  const extra = (spec: { flags: number; index: number; gateway: import('../lib/model').Address }) =>
    encodeRouteMessage(
      {
        type: 'get',
        flags: spec.flags,
        index: spec.index,
        seq: 0,
        addrs: {
          dst: { family: 'inet', address: '0.0.0.0' },
          gateway: spec.gateway,
          netmask: { family: 'inet', address: '0.0.0.0', prefixLength: 0 },
        },
      },
      'darwin',
    );
  const UP = 0x1, GATEWAY = 0x2, STATIC = 0x800, IFSCOPE = 0x1000000;
  const scopedEn0 = extra({ flags: UP | GATEWAY | STATIC | IFSCOPE, index: 5, gateway: { family: 'inet', address: '192.0.2.254' } });
  const viaUtun = extra({
    flags: UP | STATIC,
    index: 33,
    gateway: { family: 'link', address: 'link#33', index: 33, type: 1, name: 'utun4', mac: null },
  });
  const table = (bufs: Buffer[]) =>
    decodeBsd(Buffer.concat(bufs), 'darwin')
      .map((m) => (m.kind === 'route' ? toRoute(m, names, false) : null))
      .filter((r): r is Route => r !== null);

  it('picks the global default, never the RTF_IFSCOPE one', () => {
    const routes = table([scopedEn0, Buffer.from(c.input_hex, 'hex')]);
    assert.equal(routes.filter((r) => r.destination === 'default').length, 2);
    const gw = pickDefaultGateway(routes, 'inet');
    assert.equal(gw?.gateway, '10.0.2.2');
    assert.equal(gw?.gatewayType, 'address');
    assert.equal(gw?.interface, 'en0');
    assert.equal(pickDefaultGateway(routes.filter((r) => !(r.destination === 'default' && !r.scoped)), 'inet'), null, 'a scoped default alone is no default gateway');
  });

  it('a default through a utun is a link-level gateway (link#N), named after its interface', () => {
    const routes = table([viaUtun, scopedEn0]);
    const gw = pickDefaultGateway(routes, 'inet');
    assert.equal(gw?.gateway, 'link#33');
    assert.equal(gw?.gatewayType, 'link');
    assert.equal(gw?.interface, 'utun4');
    assert.equal(gw?.interfaceIndex, 33);
  });
});
