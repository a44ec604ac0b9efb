/**
 * listNetlinkRoutes (the Linux listRoutes fast path: dump bytes straight into Route objects)
 * gives exactly what decoding the messages and converting them with toRoute gives, for the
 * real kernel dumps in test/fixtures/linux and for route shapes built with the encoder, and
 * throws the decoder's DecodeError for the same malformed bytes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DecodeError } from '../lib/errors';
import { listNetlinkRoutes, type ListFilter } from '../lib/linux/decode';
import { decodeNetlink, decodeNetlinkPartial, encodeRouteRequest, type NetlinkRouteRequest } from '../lib/linux/index';
import { toRoute } from '../lib/list';
import type { FamilyFilter } from '../lib/list';
import type { Route } from '../lib/model';

const NAMES = new Map<number, string>([
  [1, 'lo'],
  [2, 'veth0'],
]);

function filter(table: number | 'all', family: FamilyFilter): ListFilter {
  return { table, family, nameOf: (i) => NAMES.get(i) ?? null };
}

/** What listRoutes did before the fast path: decode, skip, toRoute. */
function viaMessages(buf: Buffer, table: number | 'all', family: FamilyFilter): Route[] {
  const out: Route[] = [];
  for (const m of decodeNetlink(buf)) {
    if (m.kind !== 'route' || !m.linux) continue;
    if (table !== 'all' && m.linux.table !== table) continue;
    if (m.linux.rtmFlags & 0x200) continue;
    const r = toRoute(m, new Map(NAMES), false);
    if (r && (family === 'unspec' || r.family === family)) out.push(r);
  }
  return out;
}

function fast(buf: Buffer, table: number | 'all', family: FamilyFilter): Route[] {
  const out: Route[] = [];
  listNetlinkRoutes(buf, filter(table, family), out);
  return out;
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'linux', 'dump.json'), 'utf8')) as { dumps: Record<string, string[]> };
const kernelDump = Buffer.concat(fixture.dumps['route']!.map((h) => Buffer.from(h, 'hex')));

const base = { type: 'new' as const, flags: 0, seq: 1 };
const shapes: NetlinkRouteRequest[] = [
  { ...base, family: 'inet', dst: '198.51.100.0', dstLen: 24, gateway: '192.0.2.2', oif: 2, priority: 20, prefsrc: '192.0.2.1', metrics: { mtu: 1400 } },
  { ...base, family: 'inet', dstLen: 0, gateway: '192.0.2.254', oif: 2 },
  { ...base, family: 'inet', dst: '203.0.113.0', dstLen: 24, routeType: 'blackhole' },
  { ...base, family: 'inet', dst: '198.18.0.0', dstLen: 15, gateway: 'fe80::1', oif: 2 },
  { ...base, family: 'inet6', dst: '2001:db8:2::', dstLen: 48, gateway: 'fe80::1', oif: 2, table: 1000, protocol: 4 },
  { ...base, family: 'inet6', dst: '2001:db8:3::', dstLen: 64, gateway: 'fe80::2', oif: 9, metrics: { expires: 300 } },
  { ...base, family: 'inet6', dst: '2001:db8:4::1', dstLen: 128, gateway: '2001:db8:1::2', scope: 0, table: 254 },
  { ...base, family: 'inet6', dstLen: 0, gateway: 'fe80::3', oif: 2 },
];
const encoded = Buffer.concat(shapes.map((r) => encodeRouteRequest(r)));

describe('listNetlinkRoutes (listRoutes fast path)', function () {
  for (const [name, buf] of [
    ['real kernel dump (fixtures)', kernelDump],
    ['encoded route shapes', encoded],
  ] as const) {
    for (const table of [254, 255, 100, 1000, 'all'] as const) {
      for (const family of ['unspec', 'inet', 'inet6'] as const) {
        it(`${name}, table ${table}, family ${family}: same Routes as decode + toRoute`, function () {
          const want = viaMessages(buf, table, family);
          const got = fast(buf, table, family);
          assert.deepStrictEqual(got, want);
          // Key order is the JSON contract of `pfroute show --json`.
          assert.equal(JSON.stringify(got), JSON.stringify(want));
        });
      }
    }
  }

  it('the inputs cover the cases the fast path distinguishes', function () {
    const all = fast(Buffer.concat([kernelDump, encoded]), 'all', 'unspec');
    assert.ok(all.some((r) => r.destination === 'default' && r.family === 'inet'));
    assert.ok(all.some((r) => r.gateway === 'fe80::1%veth0'), 'IPv6 link-local gateway named by its zone');
    assert.ok(all.some((r) => r.gateway === 'fe80::2%9'), 'zone without a name');
    assert.ok(all.some((r) => r.family === 'inet' && r.gateway === 'fe80::1%veth0'), 'IPv4 route via IPv6 (RTA_VIA)');
    assert.ok(all.some((r) => r.mtu === 1400 && r.source === '192.0.2.1' && r.metric === 20));
    assert.ok(all.some((r) => r.routeType === 'blackhole' && r.gateway === null));
    assert.ok(all.some((r) => r.expire === 300));
    assert.ok(all.some((r) => r.table === 255 && r.routeType === 'local'));
    assert.ok(all.some((r) => r.table === 1000));
  });

  it('returns the control messages that end a dump', function () {
    const done = Buffer.alloc(20);
    done.writeUInt32LE(20, 0);
    done.writeUInt16LE(3, 4); // NLMSG_DONE
    done.writeUInt32LE(77, 8);
    const out: Route[] = [];
    const control = listNetlinkRoutes(Buffer.concat([encoded, done]), filter('all', 'unspec'), out);
    assert.equal(out.length, shapes.length);
    assert.equal(control.length, 1);
    assert.equal(control[0]!.type, 'done');
    assert.equal(control[0]!.seq, 77);
  });

  it('throws the DecodeError decoding throws, for every one-byte corruption of the kernel dump', function () {
    let errors = 0;
    for (let i = 0; i < kernelDump.length; i++) {
      for (const v of [0x00, 0x03, 0xff]) {
        if (kernelDump[i] === v) continue;
        const b = Buffer.from(kernelDump);
        b[i] = v;
        const d = decodeNetlinkPartial(b);
        let e: unknown = null;
        const out: Route[] = [];
        try {
          listNetlinkRoutes(b, filter('all', 'unspec'), out);
        } catch (x) {
          e = x;
        }
        if (d.error) {
          errors++;
          assert.ok(e instanceof DecodeError, `byte ${i} = ${v}: ${d.error.message}`);
          assert.equal(e.message, d.error.message);
          assert.equal(e.offset, d.error.offset);
        } else {
          assert.equal(e, null, `byte ${i} = ${v}`);
          assert.deepStrictEqual(out, viaMessages(b, 'all', 'unspec'), `byte ${i} = ${v}`);
        }
      }
    }
    assert.ok(errors > 500, `${errors} corruptions were DecodeErrors`);
  });
});
