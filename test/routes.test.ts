import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { RouteError } from '../lib/errno';
import {
  addRoute,
  changeRoute,
  closeSharedSocket,
  defaultGateway,
  defaultRoutes,
  deleteRoute,
  flushRoutes,
  getRoute,
} from '../lib/routes';
import { RouteSocket } from '../lib/socket';
import { ensureVeth, ip, ipJson, requireNetns } from './support/netns';

interface IpRoute {
  dst: string;
  gateway?: string;
  dev?: string;
  metric?: number;
  type?: string;
  metrics?: Array<{ mtu?: number }>;
  prefsrc?: string;
  table?: string;
}

function show(...args: string[]): IpRoute[] {
  return ipJson<IpRoute[]>('route', 'show', ...args);
}

function routeTo(dst: string, family: '-4' | '-6' = '-4'): IpRoute | undefined {
  return ipJson<IpRoute[]>(family, 'route', 'show', 'exact', dst)[0];
}

async function rejectsWith(p: Promise<unknown>, code: string, words: RegExp): Promise<RouteError> {
  try {
    await p;
  } catch (e) {
    const err = e as RouteError;
    assert.equal(err.code, code, err.message);
    assert.match(err.message, words);
    assert.equal(typeof err.errno, 'number');
    assert.ok(err.errno < 0, 'errno is negative, Node style');
    assert.equal(err.syscall, 'sendmsg');
    return err;
  }
  assert.fail(`expected ${code}`);
}

describe('route management on the real Linux kernel', function () {
  this.timeout(30000);
  before(function () {
    requireNetns(this);
    ensureVeth();
  });
  after(() => closeSharedSocket());

  it('adds a route the kernel confirms, and ip sees it', async () => {
    const res = await addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.2' });
    assert.equal(res.op, 'add');
    assert.equal(res.message?.type, 'add', 'the kernel echoed the new route');
    assert.equal(res.result?.destination, '198.51.100.0/24');
    assert.equal(res.result?.gateway, '192.0.2.2');
    assert.equal(res.result?.interface, 'pfr0');
    const r = routeTo('198.51.100.0/24');
    assert.equal(r?.gateway, '192.0.2.2');
    assert.equal(r?.dev, 'pfr0');
  });

  it('a duplicate add is EEXIST, with the route in the message', async () => {
    const err = await rejectsWith(addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.2' }), 'EEXIST', /^add 198\.51\.100\.0\/24 via 192\.0\.2\.2: route already exists/);
    assert.equal(err.errno, -17);
    assert.equal(err.route, '198.51.100.0/24 via 192.0.2.2');
  });

  it('getRoute is the kernel lookup and agrees with `ip route get`', async () => {
    const got = await getRoute('198.51.100.7');
    const witness = ipJson<Array<{ dst: string; gateway?: string; dev: string; prefsrc?: string }>>('route', 'get', '198.51.100.7')[0]!;
    assert.equal(got.routeTo, '198.51.100.7');
    assert.equal(got.destination, '198.51.100.0/24', 'the route entry that matched');
    assert.equal(got.gateway, witness.gateway);
    assert.equal(got.interface, witness.dev);
    assert.equal(got.source, witness.prefsrc);
    const connected = await getRoute('192.0.2.77');
    assert.equal(connected.destination, '192.0.2.0/24');
    assert.equal(connected.gateway, null);
    assert.equal(connected.interface, 'pfr0');
  });

  it('getRoute labels the kernel\'s lookup reply as a get', async () => {
    const got = await getRoute('198.51.100.7');
    assert.equal(got.message.type, 'get');
  });

  it('getRoute("default") answers with the default route (the kernel cannot look up 0.0.0.0)', async () => {
    await addRoute({ destination: 'default', gateway: '192.0.2.2', metric: 300 });
    await addRoute({ destination: 'default', gateway: '192.0.2.9', metric: 30 });
    try {
      const got = await getRoute('default');
      assert.equal(got.destination, 'default');
      assert.equal(got.gateway, '192.0.2.9');
      assert.equal(got.metric, 30);
      assert.equal(got.message.type, 'get');
    } finally {
      await deleteRoute({ destination: 'default', metric: 300 });
      await deleteRoute({ destination: 'default', metric: 30 });
    }
    await rejectsWith(getRoute('default'), 'ESRCH', /^get default: not in table/);
  });

  it('changes the gateway and the MTU', async () => {
    const res = await changeRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.3', metrics: { mtu: 1400 } });
    assert.equal(res.message?.type, 'change');
    assert.equal(res.result?.mtu, 1400);
    const r = routeTo('198.51.100.0/24');
    assert.equal(r?.gateway, '192.0.2.3');
    assert.equal(r?.metrics?.[0]?.mtu, 1400);
  });

  it('deletes it; deleting again is ESRCH "not in table"', async () => {
    const res = await deleteRoute({ destination: '198.51.100.0/24' });
    assert.equal(res.message?.type, 'delete');
    assert.equal(routeTo('198.51.100.0/24'), undefined);
    await rejectsWith(deleteRoute({ destination: '198.51.100.0/24' }), 'ESRCH', /^delete 198\.51\.100\.0\/24: not in table/);
  });

  it('an unreachable gateway is ENETUNREACH', async () => {
    await rejectsWith(addRoute({ destination: '203.0.113.0/24', gateway: '198.18.5.5' }), 'ENETUNREACH', /gateway unreachable/);
  });

  it('adds an interface route (route(8) -interface)', async () => {
    await addRoute({ destination: '203.0.113.0/25', gateway: { interface: 'pfr1' } });
    const r = routeTo('203.0.113.0/25');
    assert.equal(r?.dev, 'pfr1');
    assert.equal(r?.gateway, undefined);
    await deleteRoute({ destination: '203.0.113.0/25' });
  });

  it('adds blackhole and reject routes', async () => {
    await addRoute({ destination: '198.18.0.0/15', blackhole: true });
    await addRoute({ destination: '203.0.113.128/25', reject: true });
    assert.equal(routeTo('198.18.0.0/15')?.type, 'blackhole');
    assert.equal(routeTo('203.0.113.128/25')?.type, 'unreachable');
    const bh = (await getRoute('198.18.1.1').catch((e: Error) => e)) as Error & { code?: string };
    // The kernel's lookup of a blackholed address fails the way a packet would.
    assert.ok(bh instanceof Error && typeof bh.code === 'string', 'lookup of a blackhole route is refused');
    await deleteRoute({ destination: '198.18.0.0/15', blackhole: true });
    await deleteRoute({ destination: '203.0.113.128/25', reject: true });
    assert.equal(routeTo('198.18.0.0/15'), undefined);
    // route(8) users give blackhole and reject routes a gateway (the BSDs want one);
    // Linux has no next hop for them, so it is left out rather than refused.
    await addRoute({ destination: '198.18.0.0/15', gateway: '127.0.0.1', blackhole: true });
    assert.equal(routeTo('198.18.0.0/15')?.type, 'blackhole');
    await deleteRoute({ destination: '198.18.0.0/15', blackhole: true });
  });

  it('IPv6: a link-local gateway with its zone, looked up by the kernel', async () => {
    await addRoute({ destination: '2001:db8:200::/48', gateway: 'fe80::1%pfr0' });
    const r = routeTo('2001:db8:200::/48', '-6');
    assert.equal(r?.gateway, 'fe80::1');
    assert.equal(r?.dev, 'pfr0');
    const got = await getRoute('2001:db8:200::9');
    assert.equal(got.destination, '2001:db8:200::/48');
    assert.equal(got.gateway, 'fe80::1%pfr0');
    assert.equal(got.interface, 'pfr0');
    await deleteRoute({ destination: '2001:db8:200::/48', gateway: 'fe80::1%pfr0' });
    assert.equal(routeTo('2001:db8:200::/48', '-6'), undefined);
  });

  it('a table and a metric (Linux priority)', async () => {
    await addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.2', table: 100, metric: 77 });
    const r = ipJson<IpRoute[]>('route', 'show', 'table', '100')[0];
    assert.equal(r?.dst, '198.51.100.0/24');
    assert.equal(r?.metric, 77);
    await deleteRoute({ destination: '198.51.100.0/24', table: 100, metric: 77 });
    assert.deepEqual(ipJson('route', 'show', 'table', '100'), []);
  });

  it('a thousand concurrent adds each resolve with their own reply', async () => {
    const specs = Array.from({ length: 1000 }, (_, i) => ({ destination: `198.18.${i >> 8}.${i & 255}/32`, gateway: '192.0.2.2' }));
    const results = await Promise.all(specs.map((s) => addRoute(s)));
    results.forEach((r, i) => assert.equal(r.result?.destination, specs[i]!.destination));
    const inKernel = show().filter((r) => r.dst.startsWith('198.18.'));
    assert.equal(inKernel.length, 1000);
    await Promise.all(specs.map((s) => deleteRoute({ destination: s.destination })));
    assert.equal(show().filter((r) => r.dst.startsWith('198.18.')).length, 0);
  });

  it('closing the socket rejects every pending request', async () => {
    const sock = RouteSocket.open({ groups: [] });
    const pending = Array.from({ length: 50 }, (_, i) => addRoute({ destination: `203.0.113.${i}/32`, gateway: '192.0.2.2' }, { socket: sock }));
    sock.close();
    const settled = await Promise.allSettled(pending);
    // Requests already answered before close resolve; the rest reject with ERR_SOCKET_CLOSED.
    for (const s of settled) {
      if (s.status === 'rejected') assert.equal((s.reason as { code: string }).code, 'ERR_SOCKET_CLOSED');
    }
    for (let i = 0; i < 50; i++) ip('route', 'flush', `203.0.113.${i}/32`);
  });

  it('echoes of a socket\'s own requests reach its listeners only when asked', async () => {
    const quiet = RouteSocket.open({ family: 'inet' });
    const loud = RouteSocket.open({ family: 'inet', ownEvents: true });
    const witness = RouteSocket.open({ family: 'inet' });
    const heard = { quiet: [] as string[], loud: [] as string[], witness: [] as string[] };
    quiet.on('add', (m) => heard.quiet.push(m.destination ?? ''));
    loud.on('add', (m) => heard.loud.push(m.destination ?? ''));
    witness.on('add', (m) => heard.witness.push(m.destination ?? ''));
    try {
      await addRoute({ destination: '203.0.113.10/32', gateway: '192.0.2.2' }, { socket: quiet });
      await addRoute({ destination: '203.0.113.11/32', gateway: '192.0.2.2' }, { socket: loud });
      // A change made by another process, for contrast: every socket hears it.
      ip('route', 'add', '203.0.113.12/32', 'via', '192.0.2.2');
      await new Promise<void>((resolve) => {
        const check = () => (heard.witness.length >= 3 && heard.quiet.length >= 2 ? resolve() : setTimeout(check, 10));
        check();
      });
      assert.deepEqual(heard.witness.sort(), ['203.0.113.10/32', '203.0.113.11/32', '203.0.113.12/32']);
      // Another socket's add (even in this process) is a foreign change; its own is not.
      assert.deepEqual(heard.quiet.sort(), ['203.0.113.11/32', '203.0.113.12/32'], 'its own add is not reported');
      assert.ok(heard.loud.includes('203.0.113.11/32'), 'ownEvents: true reports it');
    } finally {
      quiet.close();
      loud.close();
      witness.close();
      for (const d of ['10', '11', '12']) ip('route', 'del', `203.0.113.${d}/32`);
    }
  });

  it('flush removes the gateway routes and leaves the rest', async () => {
    await addRoute({ destination: 'default', gateway: '192.0.2.2' });
    await addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.2' });
    await addRoute({ destination: '2001:db8:100::/48', gateway: '2001:db8:1::2' });
    await addRoute({ destination: '203.0.113.0/24', gateway: { interface: 'pfr0' } });
    const res = await flushRoutes({ family: 'inet' });
    assert.deepEqual(res.removed.map((r) => r.destination).sort(), ['198.51.100.0/24', 'default']);
    assert.deepEqual(res.failed, []);
    const left = show().map((r) => r.dst).sort();
    assert.deepEqual(left, ['192.0.2.0/24', '203.0.113.0/24']);
    assert.equal(routeTo('2001:db8:100::/48', '-6')?.gateway, '2001:db8:1::2', 'inet6 untouched by an inet flush');
    await flushRoutes({ family: 'inet6' });
    assert.equal(routeTo('2001:db8:100::/48', '-6'), undefined);
    await deleteRoute({ destination: '203.0.113.0/24' });
  });

  it('defaultGateway picks the lowest-metric default; defaultRoutes lists them all', async () => {
    assert.equal(await defaultGateway(), null);
    await addRoute({ destination: 'default', gateway: '192.0.2.2', metric: 200 });
    await addRoute({ destination: 'default', gateway: '192.0.2.9', metric: 100 });
    const gw = await defaultGateway();
    assert.equal(gw?.gateway, '192.0.2.9');
    assert.equal(gw?.gatewayType, 'address');
    assert.equal(gw?.interface, 'pfr0');
    assert.equal(gw?.metric, 100);
    assert.equal((await defaultRoutes({ family: 'inet' })).length, 2);
    await deleteRoute({ destination: 'default', metric: 200 });
    await deleteRoute({ destination: 'default', metric: 100 });
  });

  it('a dry run returns the bytes and their decoding and sends nothing', async () => {
    const before = show();
    const d = await addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.2', metrics: { mtu: 1300 } }, { dryRun: true });
    assert.equal(d.dryRun, true);
    assert.equal(d.os, 'linux');
    assert.equal(d.hex, d.bytes.toString('hex'));
    assert.equal(d.bytes.readUInt16LE(4), 24, 'RTM_NEWROUTE');
    const m = d.messages[0]!;
    assert.ok(m.kind === 'route');
    assert.equal(m.destination, '198.51.100.0/24');
    assert.equal(m.metrics?.mtu, 1300);
    assert.deepEqual(show(), before);
  });

  it('invalid specs throw before anything is sent', async () => {
    const before = show();
    await assert.rejects(addRoute({ destination: '198.51.100.0/33', gateway: '192.0.2.2' }), RangeError);
    await assert.rejects(addRoute({ destination: '198.51.100.0/24', gateway: '2001:db8::1' }), TypeError);
    await assert.rejects(addRoute({ destination: '198.51.100.0/24', gateway: { interface: 'nosuch0' } }), /nosuch0/);
    await assert.rejects(addRoute({ destination: '198.51.100.7', prefixLength: 24, host: true, gateway: '192.0.2.2' }), TypeError);
    // What Linux cannot express is refused, not dropped (an ifscope'd default would become the global one).
    await assert.rejects(addRoute({ destination: 'default', gateway: '192.0.2.2', ifscope: 'pfr0' }), /ifscope .* has no Linux equivalent/);
    for (const flag of ['proto1', 'proto2', 'xresolve', 'cloning'] as const) {
      await assert.rejects(addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.2', [flag]: true }), /has no Linux equivalent/);
    }
    await assert.rejects(addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.2', genmask: '255.255.255.255' }), /genmask/);
    assert.deepEqual(show(), before);
  });

  it('without CAP_NET_ADMIN the kernel says EPERM, with the hint', () => {
    const script = join(__dirname, 'support', 'routes-eperm.ts');
    const r = spawnSync(
      'setpriv',
      ['--bounding-set', '-net_admin', '--inh-caps', '-net_admin', process.execPath, '--import', 'tsx', script],
      { encoding: 'utf8', timeout: 20000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { code: string; errno: number; syscall: string; message: string; hint: string };
    assert.equal(out.code, 'EPERM');
    assert.equal(out.errno, -1);
    assert.equal(out.syscall, 'sendmsg');
    assert.match(out.message, /^add 198\.51\.100\.0\/24 via 192\.0\.2\.2: /);
    assert.match(out.hint, /CAP_NET_ADMIN/);
    assert.equal(routeTo('198.51.100.0/24'), undefined);
  });
});
