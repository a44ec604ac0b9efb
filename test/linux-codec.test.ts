/**
 * Linux rtnetlink decoder against REAL kernel bytes (test/fixtures/linux/*.json, made by
 * capture.py in a private netns), checked against `ip -j` output captured alongside.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeError } from '../lib/errors.js';
import { decodeNetlink, decodeNetlinkPartial, RTN_NAMES } from '../lib/linux/index.js';
import type { AddressMessage, InterfaceMessage, Message, NetlinkControlMessage, RouteMessage } from '../lib/model.js';

const FIX = join(__dirname, 'fixtures', 'linux');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const load = (name: string): Json => JSON.parse(readFileSync(join(FIX, name), 'utf8'));
const decodeAll = (hexes: string[]): Message[] => hexes.flatMap((h) => decodeNetlink(Buffer.from(h, 'hex')));

const dump = load('dump.json');
const monitor = load('monitor.json');
const errors = load('errors.json');

const routes = decodeAll(dump.dumps.route);
const links = decodeAll(dump.dumps.link);
const addrs = decodeAll(dump.dumps.addr);
const linkName = new Map<number, string>();
for (const m of links) if (m.kind === 'interface') linkName.set(m.index, m.name ?? '');

const PREF: Record<string, number> = { medium: 0, high: 1, low: 3 };
const OPER = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'];

interface Norm {
  dst: string;
  gateway: string | null;
  dev: string | null;
  table: number;
  protocol: number;
  scope: number;
  type: number;
  priority: number;
  mtu: number | null;
  prefsrc: string | null;
  src: string | null;
  pref: number | null;
  nexthops: string | null;
}

/** One `ip -j -N route` entry → comparable record (ip omits main/boot/universe/unicast/metric 0). */
function fromIp(r: Json): Norm {
  let dst: string = r.dst;
  if (dst !== 'default' && !dst.includes('/')) dst += dst.includes(':') ? '/128' : '/32';
  return {
    dst,
    gateway: r.gateway ?? r.via?.host ?? null,
    dev: r.dev ?? null,
    table: Number(r.table ?? 254),
    protocol: Number(r.protocol ?? 3),
    scope: Number(r.scope ?? 0),
    type: Number(r.type ?? 1),
    priority: r.metric ?? 0,
    mtu: r.metrics?.[0]?.mtu ?? null,
    prefsrc: r.prefsrc ?? null,
    src: r.from ?? null,
    pref: r.pref !== undefined ? PREF[r.pref]! : null,
    nexthops: r.nexthops ? JSON.stringify(r.nexthops.map((n: Json) => [n.gateway, n.dev, n.weight])) : null,
  };
}

function fromDecoded(m: RouteMessage): Norm {
  const l = m.linux!;
  return {
    dst: m.destination!,
    gateway: m.addrs.gateway ? m.addrs.gateway.address : null,
    dev: m.index > 0 ? linkName.get(m.index)! : null,
    table: l.table,
    protocol: l.protocol,
    scope: l.scope,
    type: RTN_NAMES.indexOf(l.routeType),
    priority: l.priority ?? 0,
    mtu: m.metrics?.mtu ?? null,
    prefsrc: l.prefsrc ?? null,
    src: l.src ?? null,
    pref: l.pref ?? null,
    nexthops: l.nexthops ? JSON.stringify(l.nexthops.map((n) => [n.gateway, linkName.get(n.oif), n.weight])) : null,
  };
}

const key = (n: Norm): string => `${n.dst} t${n.table} m${n.priority} ${n.dev} ${n.type}`;

describe('linux codec: route dump vs ip -j', () => {
  const decoded = routes.filter((m): m is RouteMessage => m.kind === 'route');
  // `ip route show table all` asks with AF_UNSPEC, so route4 holds both families (route6 ⊂ route4).
  const ipAll: Json[] = dump.ip.route4;

  it('decodes every datagram and ends with NLMSG_DONE', () => {
    const last = routes[routes.length - 1] as NetlinkControlMessage;
    assert.equal(last.kind, 'control');
    assert.equal(last.type, 'done');
    assert.equal(last.seq, 100);
    assert.equal(last.errno, undefined);
    assert.ok(decoded.every((m) => m.type === 'get' && m.seq === 100 && m.version === 0));
  });

  it('has exactly the routes ip shows', () => {
    const all = new Set(ipAll.map((r) => JSON.stringify(r)));
    for (const r of dump.ip.route6) assert.ok(all.has(JSON.stringify(r)), JSON.stringify(r));
    assert.equal(decoded.length, ipAll.length);
    const a = decoded.map((m) => key(fromDecoded(m))).sort();
    const b = ipAll.map((r) => key(fromIp(r))).sort();
    assert.deepEqual(a, b);
  });

  it('matches dst, gateway, dev, table, protocol, scope, type, metric, mtu, prefsrc, src, pref, nexthops', () => {
    const byKey = new Map<string, Norm>();
    for (const r of ipAll) byKey.set(key(fromIp(r)), fromIp(r));
    for (const m of decoded) {
      const n = fromDecoded(m);
      assert.deepEqual(n, byKey.get(key(n)), key(n));
    }
  });

  it('matches ip route type names', () => {
    const names: Json[] = dump.ip.route4Names;
    const got = decoded.map((m) => m.linux!.routeType).sort();
    const want = names.map((r: Json) => r.type ?? 'unicast').sort();
    assert.deepEqual(got, want);
  });

  it('maps flags the BSD way', () => {
    const find = (d: string, t = 254): RouteMessage => decoded.find((m) => m.destination === d && m.linux!.table === t)!;
    assert.deepEqual(find('198.51.100.0/24').flags, ['UP', 'GATEWAY', 'STATIC']);
    assert.equal(find('198.51.100.0/24').rawFlags, 0x803);
    assert.deepEqual(find('203.0.113.0/24').flags, ['UP', 'STATIC', 'BLACKHOLE']);
    assert.deepEqual(find('198.18.0.0/16').flags, ['UP', 'REJECT', 'STATIC']);
    assert.deepEqual(find('198.19.0.0/16').flags, ['UP', 'REJECT', 'STATIC']);
    assert.deepEqual(find('192.0.2.100/32').flags, ['UP', 'HOST', 'STATIC']);
    assert.deepEqual(find('192.0.2.0/24').flags, ['UP']); // proto kernel
    assert.deepEqual(find('127.0.0.1/32', 255).flags, ['UP', 'HOST', 'LOCAL']);
    assert.deepEqual(find('192.0.2.255/32', 255).flags, ['UP', 'HOST', 'BROADCAST']);
    assert.deepEqual(find('10.200.0.0/16').flags, ['UP', 'GATEWAY', 'STATIC']); // multipath with gateways
    assert.deepEqual(find('10.30.0.0/16').flags, ['UP', 'GATEWAY', 'STATIC']); // RTA_VIA
    assert.equal(find('10.40.0.0/16').flags.includes('STATIC'), false); // proto 99
    const mc = decoded.find((m) => m.destination === 'ff00::/8')!;
    assert.deepEqual(mc.flags, ['UP', 'MULTICAST']);
    assert.equal(mc.rawFlags, 0x800001);
  });

  it('builds addrs: default dst, netmask, link-local zone, ifp, ifa, RTA_VIA gateway', () => {
    const def = decoded.find((m) => m.destination === 'default' && m.linux!.family === 'inet')!;
    assert.deepEqual(def.addrs.dst, { family: 'inet', address: '0.0.0.0' });
    assert.deepEqual(def.addrs.netmask, { family: 'inet', address: '0.0.0.0', prefixLength: 0 });
    assert.deepEqual(def.addrs.gateway, { family: 'inet', address: '192.0.2.254' });
    const def6 = decoded.find((m) => m.destination === 'default' && m.linux!.family === 'inet6')!;
    assert.deepEqual(def6.addrs.dst, { family: 'inet6', address: '::' });
    assert.deepEqual(def6.addrs.gateway, { family: 'inet6', address: 'fe80::1', zone: def6.index });
    assert.equal(def6.linux!.table, 100);
    assert.deepEqual(def6.addrs.ifp, { family: 'link', address: `link#${def6.index}`, index: def6.index, type: 0, name: '', mac: null });
    const mtu = decoded.find((m) => m.destination === '198.51.100.128/25')!;
    assert.deepEqual(mtu.addrs.ifa, { family: 'inet', address: '192.0.2.1' });
    assert.deepEqual(mtu.addrs.netmask, { family: 'inet', address: '255.255.255.128', prefixLength: 25 });
    assert.deepEqual(mtu.metrics, { mtu: 1400 });
    const via = decoded.find((m) => m.destination === '10.30.0.0/16')!;
    assert.deepEqual(via.addrs.gateway, { family: 'inet6', address: 'fe80::2', zone: via.index });
    const t1000 = decoded.find((m) => m.destination === '10.101.0.0/16')!;
    assert.equal(t1000.linux!.table, 1000);
  });

  it('decodes RTA_METRICS with BSD names (rtt/rttvar in microseconds) against ip', () => {
    const m = decoded.find((r) => r.destination === '10.40.0.0/16')!;
    const ipm = dump.ip.route4.find((r: Json) => r.dst === '10.40.0.0/16').metrics[0];
    assert.deepEqual(m.metrics, {
      locks: 1 << 2, // RTAX_MTU locked
      mtu: ipm.mtu,
      window: ipm.window,
      rtt: ipm.rtt * 1000,
      rttvar: ipm.rttvar * 1000,
      ssthresh: ipm.ssthresh,
      cwnd: ipm.cwnd,
      advmss: ipm.advmss,
      hopcount: ipm.hoplimit,
      initcwnd: ipm.initcwnd,
      initrwnd: ipm.initrwnd,
    });
  });

  it('reports IPv6 expiry (RTA_CACHEINFO) as metrics.expire and linux.expires', () => {
    const m = decoded.find((r) => r.destination === '2001:db8:4::/48')!;
    const want = dump.ip.route6.find((r: Json) => r.dst === '2001:db8:4::/48').expires;
    assert.ok(Math.abs(m.metrics!.expire! - want) <= 2, `${m.metrics!.expire} vs ${want}`);
    assert.equal(m.linux!.expires, m.metrics!.expire);
  });

  it('keeps key order and has no undefined values', () => {
    const m = decoded.find((r) => r.destination === '198.51.100.128/25')!;
    assert.deepEqual(Object.keys(m), ['kind', 'type', 'version', 'index', 'flags', 'rawFlags', 'pid', 'seq', 'addrs', 'destination', 'metrics', 'linux']);
    assert.deepEqual(Object.keys(m.addrs), ['dst', 'gateway', 'netmask', 'ifp', 'ifa']);
    assert.deepEqual(Object.keys(m.linux!), ['family', 'table', 'protocol', 'scope', 'routeType', 'priority', 'rtmFlags', 'oif', 'prefsrc']);
    const noUndef = (o: unknown): void => {
      if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) { assert.notEqual(v, undefined, k); noUndef(v); }
    };
    for (const x of [...routes, ...links, ...addrs]) noUndef(x);
  });

  it('decodes a kernel lookup reply (RTM_GETROUTE do) against ip route get', () => {
    const [m] = decodeAll(dump.dumps.lookup) as RouteMessage[];
    const want = dump.ip.lookup[0];
    assert.equal(m!.kind, 'route');
    assert.equal(m!.type, 'add'); // no NLM_F_MULTI, no NLM_F_REPLACE: documented
    assert.equal(m!.destination, `${want.dst}/32`);
    assert.equal(m!.addrs.gateway!.address, want.gateway);
    assert.equal(linkName.get(m!.index), want.dev);
    assert.equal(m!.linux!.prefsrc, want.prefsrc);
  });
});

describe('linux codec: link dump vs ip -j link', () => {
  const ifs = links.filter((m): m is InterfaceMessage => m.kind === 'interface');
  it('matches index, name, mtu, mac, flags, operstate, type', () => {
    assert.equal(ifs.length, dump.ip.link.length);
    for (const l of dump.ip.link) {
      const m = ifs.find((x) => x.index === l.ifindex)!;
      assert.equal(m.type, 'ifinfo');
      assert.equal(m.name, l.ifname);
      assert.equal(m.data.mtu, l.mtu);
      assert.equal((m.addrs.ifp as { mac: string }).mac, l.address);
      assert.equal(m.addrs.brd!.address, l.broadcast);
      assert.deepEqual(m.flags.filter((f) => f !== 'RUNNING').sort(), [...l.flags].sort());
      assert.equal(OPER[m.data.linkState!], l.operstate);
      assert.equal(m.data.type, l.link_type === 'loopback' ? 772 : 1);
      assert.equal(typeof m.data.ipackets, 'number');
    }
    const lo = ifs.find((x) => x.name === 'lo')!;
    assert.deepEqual(Object.keys(lo), ['kind', 'type', 'version', 'index', 'flags', 'rawFlags', 'name', 'addrs', 'data']);
    assert.deepEqual(lo.addrs.ifp, { family: 'link', address: '00:00:00:00:00:00', index: 1, type: 772, name: 'lo', mac: '00:00:00:00:00:00' });
  });
});

describe('linux codec: address dump vs ip -j addr', () => {
  const list = addrs.filter((m): m is AddressMessage => m.kind === 'address');
  it('matches every address, prefix, peer, broadcast, secondary', () => {
    const ipCount = dump.ip.addr.reduce((n: number, l: Json) => n + l.addr_info.length, 0);
    assert.equal(list.length, ipCount);
    for (const m of list) {
      const l = dump.ip.addr.find((x: Json) => x.ifindex === m.index);
      const ifa = m.addrs.ifa!;
      const info = l.addr_info.find((a: Json) => a.local === ifa.address);
      assert.ok(info, ifa.address);
      assert.equal(m.type, 'newaddr');
      assert.equal(ifa.family, info.family);
      assert.equal(m.address, `${info.local}/${info.prefixlen}`);
      assert.equal(m.addrs.netmask!.prefixLength, info.prefixlen);
      assert.equal(m.addrs.dst?.address, info.address);
      assert.equal(m.addrs.brd?.address, info.broadcast);
      assert.equal(m.flags.includes('SECONDARY'), info.secondary === true);
      assert.equal(m.flags.includes('NOPREFIXROUTE'), info.noprefixroute === true);
      if (info.family === 'inet6' && info.scope === 'link') assert.equal((ifa as { zone?: number }).zone, m.index);
    }
  });
});

describe('linux codec: monitor notifications', () => {
  for (const step of monitor.steps as Json[]) {
    it(`${step.command} → ${step.expect}`, () => {
      const msgs = decodeAll(step.datagrams);
      assert.ok(msgs.length > 0);
      const types = msgs.map((m) => m.type);
      assert.ok(types.includes(step.expect), `${types.join(',')}`);
      const words: string[] = step.command.split(' ');
      const target = words.find((w) => w.includes('/'));
      if (target && (step.expect === 'add' || step.expect === 'change' || step.expect === 'delete')) {
        const m = msgs.find((x) => x.type === step.expect) as RouteMessage;
        assert.equal(m.destination, target);
        // a replace must not decode as 'add' and an add not as 'change'
        assert.deepEqual(types.filter((t) => t === 'add' || t === 'change' || t === 'delete'), [step.expect]);
      }
      if (target && (step.expect === 'newaddr' || step.expect === 'deladdr')) {
        assert.ok(msgs.some((x) => x.kind === 'address' && x.type === step.expect && x.address === target));
      }
      if (step.expect === 'dellink') {
        assert.ok(msgs.some((x) => x.kind === 'interface' && x.type === 'dellink' && x.name === 'vethx0'));
      }
    });
  }
});

describe('linux codec: NLMSG_ERROR replies', () => {
  const reply = (name: string): NetlinkControlMessage => {
    const r = (errors.replies as Json[]).find((x) => x.name === name);
    const msgs = decodeAll(r.datagrams);
    assert.equal(msgs.length, 1);
    return msgs[0] as NetlinkControlMessage;
  };
  it('EEXIST on duplicate add, ESRCH on missing delete (v4 and v6)', () => {
    assert.deepEqual(
      { ...reply('eexist'), pid: 0 },
      { kind: 'control', type: 'error', version: 0, seq: 200, pid: 0, errno: 17, requestType: 24 },
    );
    assert.equal(reply('esrch').errno, 3);
    assert.equal(reply('esrch').requestType, 25);
    assert.equal(reply('esrch6').errno, 3);
    assert.equal(reply('eexist-noext').errno, 17);
    assert.equal(reply('eexist-noext').extack, undefined);
  });
  it('ack is errno 0', () => {
    const m = reply('ack');
    assert.equal(m.errno, 0);
    assert.equal(m.seq, 203);
    assert.equal(m.extack, undefined);
  });
  it('extended ack message (with and without NETLINK_CAP_ACK)', () => {
    assert.equal(reply('einval-extack').errno, 22);
    assert.equal(reply('einval-extack').extack, 'Invalid prefix length');
    assert.equal(reply('einval-extack-capped').extack, 'Invalid prefix length');
  });
});

describe('linux codec: concatenation and partial decode', () => {
  it('decodes a concatenation of datagrams and reports messagesBefore on a fault', () => {
    const all = Buffer.concat(dump.dumps.route.map((h: string) => Buffer.from(h, 'hex')));
    assert.equal(decodeNetlink(all).length, routes.length);
    const cut = all.subarray(0, all.length - 5);
    const { messages, error } = decodeNetlinkPartial(cut);
    assert.ok(error instanceof DecodeError);
    assert.equal(messages.length, routes.length - 1);
    assert.equal(error.messagesBefore, routes.length - 1);
    assert.throws(() => decodeNetlink(cut), (e: unknown) => e instanceof DecodeError && e.messagesBefore === routes.length - 1);
  });
});
