/**
 * The bad-input table: every public function of lib/index.ts (and RouteMonitor)
 * with malformed arguments throws (or rejects with) its documented error —
 * TypeError, RangeError or DecodeError — and sends nothing. Then the CLI: with
 * malformed arguments it prints one line on stderr and exits 2.
 *
 * Rows marked `bug` are silent accepts found while writing this table, reported to
 * the lead: they expect the right error and fail until the function is fixed. (The
 * first round — systemError, routeError, errnoName/errnoMessage with a non-number,
 * request() with a bad expect or timeout, interfacesFromMessages with a non-array or
 * non-messages, and the handle left open by a refused receiveBufferSize — was fixed
 * in 08b8c9c.)
 *
 * "Sends nothing" is proved on a capture socket: operations get `{ socket }`, an
 * adopted end of a SOCK_SEQPACKET pair whose peer counts every datagram; inside
 * the test netns `ip route` is also compared before and after.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as pfroute from '../lib/index';
import { DecodeError, RouteSocket } from '../lib/index';
import { RouteMonitor, routeKey } from '../lib/monitor';
import { native, type NativeSocket } from '../lib/native';
import { inPrivateNetns, ip } from './support/netns';

type ErrorClass = typeof TypeError | typeof RangeError | typeof DecodeError;

interface Row {
  fn: string;
  args: string;
  call: (ctx: Ctx) => unknown;
  throws: ErrorClass;
  /** Set when the function accepts this input today (reported to the lead). */
  bug?: string;
}

interface Ctx {
  /** A linux-speaking RouteSocket whose every datagram is counted at the peer. */
  sock: RouteSocket;
}

const ROUTE = { destination: '198.51.100.0/24', gateway: '192.0.2.2' };
const buf = Buffer.alloc(16);

const rows: Row[] = [
  // codec
  { fn: 'decode', args: "('abc', { os: 'darwin' })", call: () => pfroute.decode('abc' as never, { os: 'darwin' }), throws: TypeError },
  { fn: 'decode', args: "(buf, { os: 'windows' })", call: () => pfroute.decode(buf, { os: 'windows' as never }), throws: TypeError },
  { fn: 'decode', args: '(buf, undefined)', call: () => pfroute.decode(buf, undefined as never), throws: TypeError },
  { fn: 'decode', args: "(buf, { os: 'darwin', abi: 16 })", call: () => pfroute.decode(buf, { os: 'darwin', abi: 16 as never }), throws: RangeError },
  { fn: 'decode', args: "(<01 00>, { os: 'darwin' }) truncated header", call: () => pfroute.decode(Buffer.from([1, 0]), { os: 'darwin' }), throws: DecodeError },
  { fn: 'decode', args: "(<msglen 0x0400 in 16 bytes>, { os: 'freebsd' })", call: () => pfroute.decode(Buffer.from('00040503' + '00'.repeat(12), 'hex'), { os: 'freebsd' }), throws: DecodeError },
  { fn: 'decode', args: "(<nlmsg_len 64 in 16 bytes>, { os: 'linux' })", call: () => pfroute.decode(Buffer.from('40000000180000000000000000000000', 'hex'), { os: 'linux' }), throws: DecodeError },
  { fn: 'decodePartial', args: "(null, { os: 'linux' })", call: () => pfroute.decodePartial(null as never, { os: 'linux' }), throws: TypeError },
  { fn: 'decodePartial', args: "(buf, { os: 'bsd' })", call: () => pfroute.decodePartial(buf, { os: 'bsd' as never }), throws: TypeError },
  { fn: 'decodePartial', args: "(buf, { os: 'netbsd', abi: 0 })", call: () => pfroute.decodePartial(buf, { os: 'netbsd', abi: 0 as never }), throws: RangeError },
  { fn: 'decode', args: "(buf, { os: 'linux', lazy: 'yes' })", call: () => pfroute.decode(buf, { os: 'linux', lazy: 'yes' as never }), throws: TypeError },
  { fn: 'listRoutes', args: "('inet6')", call: () => pfroute.listRoutes('inet6' as never), throws: TypeError },
  { fn: 'listRoutes', args: '(null)', call: () => pfroute.listRoutes(null as never), throws: TypeError },
  { fn: 'defaultGateway', args: "('inet6')", call: () => pfroute.defaultGateway('inet6' as never), throws: TypeError },
  { fn: 'defaultRoutes', args: '(42)', call: () => pfroute.defaultRoutes(42 as never), throws: TypeError },
  { fn: 'plain', args: '(null)', call: () => pfroute.plain(null as never), throws: TypeError },
  { fn: 'plain', args: "('route')", call: () => pfroute.plain('route' as never), throws: TypeError },
  { fn: 'LazyRouteMessage', args: "new ('add', {}, 0)", call: () => new pfroute.LazyRouteMessage('add', {} as never, 0), throws: TypeError },

  // encoders (exported for dry runs, captures and tests)
  { fn: 'encodeRouteMessage', args: "(null, 'darwin')", call: () => pfroute.encodeRouteMessage(null as never, 'darwin'), throws: TypeError },
  { fn: 'encodeRouteMessage', args: "({ type: 'bogus' }, 'darwin')", call: () => pfroute.encodeRouteMessage({ type: 'bogus', flags: 0, seq: 1, addrs: {} } as never, 'darwin'), throws: TypeError },
  { fn: 'encodeRouteMessage', args: "(req, 'plan9')", call: () => pfroute.encodeRouteMessage({ type: 'add', flags: 0, seq: 1, addrs: {} }, 'plan9' as never), throws: TypeError },
  { fn: 'encodeRouteMessage', args: "({ seq: 'x' }, 'darwin')", call: () => pfroute.encodeRouteMessage({ type: 'add', flags: 0, seq: 'x' as never, addrs: {} }, 'darwin'), throws: TypeError },
  { fn: 'encodeRouteMessage', args: "({ dst: 'x' }, 'darwin')", call: () => pfroute.encodeRouteMessage({ type: 'add', flags: 0, seq: 1, addrs: { dst: { family: 'inet', address: 'x' } } }, 'darwin'), throws: TypeError },
  { fn: 'encodeMessage', args: "(null, 'freebsd')", call: () => pfroute.encodeMessage(null as never, 'freebsd'), throws: TypeError },
  { fn: 'bsdConstants', args: "('linux')", call: () => pfroute.bsdConstants('linux' as never), throws: TypeError },
  { fn: 'routeFlagNames', args: "('darwin', 'x')", call: () => pfroute.routeFlagNames('darwin', 'x' as never), throws: TypeError },
  { fn: 'routeFlagNames', args: "('plan9', 1)", call: () => pfroute.routeFlagNames('plan9' as never, 1), throws: TypeError },
  { fn: 'encodeRouteRequest', args: '(null)', call: () => pfroute.encodeRouteRequest(null as never), throws: TypeError },
  { fn: 'encodeRouteRequest', args: "({ dstLen: 40 })", call: () => pfroute.encodeRouteRequest({ type: 'new', flags: 0, seq: 1, family: 'inet', dst: '198.51.100.0', dstLen: 40 }), throws: RangeError },
  { fn: 'encodeRouteRequest', args: "({ dst: 'nope' })", call: () => pfroute.encodeRouteRequest({ type: 'new', flags: 0, seq: 1, family: 'inet', dst: 'nope', dstLen: 24 }), throws: TypeError },
  { fn: 'encodeDumpRequest', args: "('x', 1)", call: () => pfroute.encodeDumpRequest('x' as never, 1), throws: TypeError },
  { fn: 'encodeDumpRequest', args: "('route', 'x')", call: () => pfroute.encodeDumpRequest('route', 'x' as never), throws: RangeError },

  { fn: 'pickDefaultGateway', args: "('routes', 'inet')", call: () => pfroute.pickDefaultGateway('routes' as never, 'inet'), throws: TypeError },
  { fn: 'pickDefaultGateway', args: "([], 'ipx')", call: () => pfroute.pickDefaultGateway([], 'ipx' as never), throws: TypeError },
  { fn: 'pickDefaultGateway', args: "([42], 'inet')", call: () => pfroute.pickDefaultGateway([42] as never, 'inet'), throws: TypeError },

  // errors / errno
  { fn: 'systemError', args: "('EPERM', 'sendmsg')", call: () => pfroute.systemError('EPERM' as never, 'sendmsg'), throws: TypeError },
  { fn: 'routeError', args: "('solaris', 1, …)", call: () => pfroute.routeError('solaris' as never, 1, undefined, 'add', 'x'), throws: TypeError },
  { fn: 'routeError', args: "('linux', 'EPERM', …)", call: () => pfroute.routeError('linux', 'EPERM' as never, undefined, 'add', 'x'), throws: TypeError },
  { fn: 'errnoName', args: "('plan9', 1)", call: () => pfroute.errnoName('plan9' as never, 1), throws: TypeError },
  { fn: 'errnoName', args: "('linux', 'x')", call: () => pfroute.errnoName('linux', 'x' as never), throws: TypeError },
  { fn: 'errnoMessage', args: "('beos', 2)", call: () => pfroute.errnoMessage('beos' as never, 2), throws: TypeError },
  { fn: 'errnoMessage', args: "('darwin', {})", call: () => pfroute.errnoMessage('darwin', {} as never), throws: TypeError },

  // RouteSocket
  { fn: 'RouteSocket.open', args: '(null)', call: () => RouteSocket.open(null as never), throws: TypeError },
  { fn: 'RouteSocket.open', args: "({ family: 'ipx' })", call: () => RouteSocket.open({ family: 'ipx' as never }), throws: TypeError },
  { fn: 'RouteSocket.open', args: "({ groups: 'link' })", call: () => RouteSocket.open({ groups: 'link' as never }), throws: TypeError },
  { fn: 'RouteSocket.open', args: "({ groups: ['bogus'] })", call: () => RouteSocket.open({ groups: ['bogus' as never] }), throws: TypeError },
  { fn: 'RouteSocket.open', args: '({ requestTimeout: -1 })', call: () => RouteSocket.open({ requestTimeout: -1 }), throws: RangeError },
  { fn: 'RouteSocket.open', args: '({ maxInFlight: 0 })', call: () => RouteSocket.open({ maxInFlight: 0 }), throws: RangeError },
  { fn: 'RouteSocket.open', args: '({ maxDatagramsPerWake: 1.5 })', call: () => RouteSocket.open({ maxDatagramsPerWake: 1.5 }), throws: RangeError },
  { fn: 'RouteSocket.adopt', args: "(-1, { platform: 'darwin' })", call: () => RouteSocket.adopt(-1, { platform: 'darwin' }), throws: TypeError },
  { fn: 'RouteSocket.adopt', args: "(3.5, { platform: 'darwin' })", call: () => RouteSocket.adopt(3.5, { platform: 'darwin' }), throws: TypeError },
  { fn: 'RouteSocket.adopt', args: '(fd, null)', call: () => RouteSocket.adopt(1000, null as never), throws: TypeError },
  { fn: 'RouteSocket.adopt', args: '(fd, {})', call: () => RouteSocket.adopt(1000, {} as never), throws: TypeError },
  { fn: 'RouteSocket.adopt', args: "(fd, { platform: 'darwin', abi: 48 })", call: () => RouteSocket.adopt(1000, { platform: 'darwin', abi: 48 as never }), throws: RangeError },
  { fn: 'RouteSocket#send', args: "('text')", call: ({ sock }) => sock.send('text' as never), throws: TypeError },
  { fn: 'RouteSocket#request', args: "('text', { seq: 1, expect: 'ack' })", call: ({ sock }) => sock.request('text' as never, { seq: 1, expect: 'ack' }), throws: TypeError },
  { fn: 'RouteSocket#request', args: "(buf, { seq: -1, expect: 'ack' })", call: ({ sock }) => sock.request(buf, { seq: -1, expect: 'ack' }), throws: RangeError },
  { fn: 'RouteSocket#request', args: "(buf, { seq: 1.5, expect: 'ack' })", call: ({ sock }) => sock.request(buf, { seq: 1.5, expect: 'ack' }), throws: RangeError },
  { fn: 'RouteSocket#request', args: '(buf, undefined)', call: ({ sock }) => sock.request(buf, undefined as never), throws: TypeError },
  { fn: 'RouteSocket#request', args: "(buf, { seq: 7, expect: 'bogus' })", call: ({ sock }) => sock.request(buf, { seq: 7, expect: 'bogus' as never, timeout: 50 }), throws: TypeError },
  { fn: 'RouteSocket#request', args: "(buf, { seq: 8, expect: 'ack', timeout: -5 })", call: ({ sock }) => sock.request(buf, { seq: 8, expect: 'ack', timeout: -5 }), throws: RangeError },
  { fn: 'RouteSocket#setReceiveBufferSize', args: '(0)', call: ({ sock }) => sock.setReceiveBufferSize(0), throws: RangeError },
  { fn: 'RouteSocket#setReceiveBufferSize', args: "('1')", call: ({ sock }) => sock.setReceiveBufferSize('1' as never), throws: RangeError },

  // listing
  { fn: 'listRoutes', args: "({ family: 'ipx' })", call: () => pfroute.listRoutes({ family: 'ipx' as never }), throws: TypeError },
  { fn: 'listRoutes', args: '({ table: -1 })', call: () => pfroute.listRoutes({ table: -1 }), throws: RangeError },
  { fn: 'listRoutes', args: "({ table: 'local' })", call: () => pfroute.listRoutes({ table: 'local' as never }), throws: RangeError },
  { fn: 'toRoute', args: "('x')", call: () => pfroute.toRoute('x' as never), throws: TypeError },
  { fn: 'toRoute', args: '(null)', call: () => pfroute.toRoute(null as never), throws: TypeError },
  { fn: 'interfacesFromMessages', args: '(null)', call: () => pfroute.interfacesFromMessages(null as never), throws: TypeError },
  { fn: 'interfacesFromMessages', args: "('abc')", call: () => pfroute.interfacesFromMessages('abc' as never), throws: TypeError },
  { fn: 'interfacesFromMessages', args: '([42])', call: () => pfroute.interfacesFromMessages([42] as never), throws: TypeError },

  // spec
  { fn: 'normalizeRoute', args: '(null)', call: () => pfroute.normalizeRoute(null as never), throws: TypeError },
  { fn: 'normalizeRoute', args: "(route, { op: 'bogus' })", call: () => pfroute.normalizeRoute(ROUTE, { op: 'bogus' as never }), throws: TypeError },
  { fn: 'normalizeRoute', args: "({ destination: '198.51.100.0/24', gateway: '192.0.2.2', prefixLength: 24 })", call: () => pfroute.normalizeRoute({ ...ROUTE, prefixLength: 24 }), throws: TypeError },
  { fn: 'describeRoute', args: '(null)', call: () => pfroute.describeRoute(null as never), throws: TypeError },
  { fn: 'describeRoute', args: '({})', call: () => pfroute.describeRoute({} as never), throws: TypeError },

  // route operations (the capture socket is passed: nothing may reach it)
  { fn: 'addRoute', args: '(null)', call: ({ sock }) => pfroute.addRoute(null as never, { socket: sock }), throws: TypeError },
  { fn: 'addRoute', args: "({ destination: '300.0.0.0/8', … })", call: ({ sock }) => pfroute.addRoute({ ...ROUTE, destination: '300.0.0.0/8' }, { socket: sock }), throws: TypeError },
  { fn: 'addRoute', args: "({ destination: '198.51.100.0/33', … })", call: ({ sock }) => pfroute.addRoute({ ...ROUTE, destination: '198.51.100.0/33' }, { socket: sock }), throws: RangeError },
  { fn: 'addRoute', args: "({ destination: '198.51.100.0/24' }) no gateway", call: ({ sock }) => pfroute.addRoute({ destination: '198.51.100.0/24' }, { socket: sock }), throws: TypeError },
  { fn: 'addRoute', args: "({ …, gateway: '2001:db8::1' }) family mismatch", call: ({ sock }) => pfroute.addRoute({ ...ROUTE, gateway: '2001:db8::1' }, { socket: sock }), throws: TypeError },
  { fn: 'addRoute', args: '({ …, bogus: 1 })', call: ({ sock }) => pfroute.addRoute({ ...ROUTE, bogus: 1 } as never, { socket: sock }), throws: TypeError },
  { fn: 'addRoute', args: '({ …, metrics: { mtu: -1 } })', call: ({ sock }) => pfroute.addRoute({ ...ROUTE, metrics: { mtu: -1 } }, { socket: sock }), throws: RangeError },
  { fn: 'addRoute', args: "({ …, prefixLength: 'x' })", call: ({ sock }) => pfroute.addRoute({ destination: '198.51.100.0', gateway: '192.0.2.2', prefixLength: 'x' as never }, { socket: sock }), throws: TypeError },
  { fn: 'addRoute', args: '({ …, table: -2 })', call: ({ sock }) => pfroute.addRoute({ ...ROUTE, table: -2 }, { socket: sock }), throws: RangeError },
  { fn: 'addRoute', args: '(route, { timeout: -1 })', call: ({ sock }) => pfroute.addRoute(ROUTE, { socket: sock, timeout: -1 }), throws: RangeError },
  { fn: 'addRoute', args: '(route, { socket: {} })', call: () => pfroute.addRoute(ROUTE, { socket: {} as never }), throws: TypeError },
  { fn: 'addRoute', args: "(route, { os: 'darwin' }) without dryRun", call: ({ sock }) => pfroute.addRoute(ROUTE, { socket: sock, os: 'darwin' }), throws: TypeError },
  { fn: 'addRoute', args: '(route, { dryRun: true, abi: 48 })', call: () => pfroute.addRoute(ROUTE, { dryRun: true, abi: 48 as never }), throws: RangeError },
  { fn: 'addRoute', args: "(route, 'fast')", call: () => pfroute.addRoute(ROUTE, 'fast' as never), throws: TypeError },
  { fn: 'changeRoute', args: "({ destination: 'nowhere' })", call: ({ sock }) => pfroute.changeRoute({ destination: 'nowhere', gateway: '192.0.2.2' }, { socket: sock }), throws: TypeError },
  { fn: 'changeRoute', args: "({ …, lock: ['speed'] })", call: ({ sock }) => pfroute.changeRoute({ ...ROUTE, lock: ['speed' as never] }, { socket: sock }), throws: TypeError },
  { fn: 'deleteRoute', args: '({ …, metrics: { mtu: 1400 } })', call: ({ sock }) => pfroute.deleteRoute({ destination: '198.51.100.0/24', metrics: { mtu: 1400 } }, { socket: sock }), throws: TypeError },
  { fn: 'deleteRoute', args: '({ destination: 42 })', call: ({ sock }) => pfroute.deleteRoute({ destination: 42 as never }, { socket: sock }), throws: TypeError },
  { fn: 'getRoute', args: '(42)', call: ({ sock }) => pfroute.getRoute(42 as never, { socket: sock }), throws: TypeError },
  { fn: 'getRoute', args: "('not-an-address')", call: ({ sock }) => pfroute.getRoute('not-an-address', { socket: sock }), throws: TypeError },
  { fn: 'getRoute', args: "('198.51.100.1', { timeout: 0 })", call: ({ sock }) => pfroute.getRoute('198.51.100.1', { socket: sock, timeout: 0 }), throws: RangeError },
  { fn: 'flushRoutes', args: "('all')", call: () => pfroute.flushRoutes('all' as never), throws: TypeError },
  { fn: 'flushRoutes', args: "({ family: 'ipx' })", call: ({ sock }) => pfroute.flushRoutes({ family: 'ipx' as never, socket: sock }), throws: TypeError },
  { fn: 'flushRoutes', args: '({ table: -3 })', call: ({ sock }) => pfroute.flushRoutes({ table: -3, socket: sock }), throws: RangeError },
  { fn: 'flushRoutes', args: '({ timeout: -1 })', call: ({ sock }) => pfroute.flushRoutes({ timeout: -1, socket: sock }), throws: RangeError },
  { fn: 'defaultRoutes', args: "({ family: 'ipx' })", call: () => pfroute.defaultRoutes({ family: 'ipx' as never }), throws: TypeError },
  { fn: 'defaultGateway', args: "({ family: 'unspec' })", call: () => pfroute.defaultGateway({ family: 'unspec' as never }), throws: TypeError },

  // RouteMonitor (lib/monitor.ts)
  { fn: 'routeKey', args: '(null)', call: () => routeKey(null as never), throws: TypeError },
  { fn: 'RouteMonitor.start', args: "('x')", call: () => RouteMonitor.start('x' as never), throws: TypeError },
  { fn: 'RouteMonitor.start', args: "({ family: 'ipx' })", call: () => RouteMonitor.start({ family: 'ipx' as never }), throws: TypeError },
  { fn: 'RouteMonitor.start', args: '({ table: -1 })', call: () => RouteMonitor.start({ table: -1 }), throws: RangeError },
  { fn: 'RouteMonitor.start', args: '({ debounceMs: -1 })', call: () => RouteMonitor.start({ debounceMs: -1 }), throws: RangeError },
  { fn: 'RouteMonitor.start', args: '({ receiveBufferSize: 0 })', call: () => RouteMonitor.start({ receiveBufferSize: 0 }), throws: RangeError },
  { fn: 'RouteMonitor.start', args: "({ filter: { types: ['miss'] } })", call: () => RouteMonitor.start({ filter: { types: ['miss' as never] } }), throws: TypeError },
  { fn: 'RouteMonitor.start', args: "({ filter: { interfaces: 'eth0' } })", call: () => RouteMonitor.start({ filter: { interfaces: 'eth0' as never } }), throws: TypeError },
];

/** Runs `call` and returns what it threw or rejected with (undefined when it succeeded). */
async function outcome(call: () => unknown): Promise<{ error?: unknown; value?: unknown }> {
  try {
    const v = call();
    if (v && typeof (v as Promise<unknown>).then === 'function') return { value: await (v as Promise<unknown>) };
    return { value: v };
  } catch (e) {
    return { error: e };
  }
}

describe('bad-input table: every public function', function () {
  this.timeout(20_000);
  let capture: { sock: RouteSocket; peer: NativeSocket; got: Buffer[] } | null = null;
  let ipBefore = '';

  before(function () {
    if (process.platform !== 'linux') this.skip();
    const n = native();
    const [a, b] = n.socketPair(n.constants.SOCK_SEQPACKET);
    const got: Buffer[] = [];
    const peer = new n.Socket(b, (err, ds) => {
      if (!err) got.push(...ds);
    }, 64);
    peer.start();
    const sock = RouteSocket.adopt(a, { platform: 'linux', requestTimeout: 200 });
    sock.on('error', () => {});
    capture = { sock, peer, got };
    if (inPrivateNetns()) ipBefore = ip('route', 'show') + ip('-6', 'route', 'show');
  });

  after(function () {
    capture?.sock.close();
    capture?.peer.close();
  });

  const seenFns = new Set(rows.map((r) => r.fn.split(/[.#]/)[0]!));

  it('covers every function exported from lib/index.ts', function () {
    const exported = Object.entries(pfroute)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k)
      // No arguments to get wrong; DecodeError is the error class itself; isLazy is a
      // predicate (false for anything that is not a lazy message).
      .filter((k) => !['hostOs', 'sharedSocket', 'closeSharedSocket', 'listInterfaces', 'DecodeError', 'isLazy'].includes(k));
    const missing = exported.filter((k) => !seenFns.has(k));
    assert.deepEqual(missing, []);
  });

  for (const row of rows) {
    const title = `${row.bug ? 'KNOWN BUG (reported to lead): ' : ''}${row.fn}${row.args} → ${row.throws.name}`;
    it(title, async function () {
      const ctx: Ctx = { sock: capture!.sock };
      const before = capture!.got.length;
      const { error, value } = await outcome(() => row.call(ctx));
      if (!error) {
        assert.fail(`${row.fn}${row.args} accepted the input and returned ${JSON.stringify(value)?.slice(0, 120)}${row.bug ? ` (${row.bug})` : ''}`);
      }
      assert.ok(error instanceof row.throws, `${row.fn}${row.args}: expected ${row.throws.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}${row.bug ? ` (${row.bug})` : ''}`);
      assert.ok((error as Error).message.length > 0);
      // Sent nothing: no datagram at the capture peer, nothing left pending.
      await new Promise((r) => setImmediate(r));
      assert.equal(capture!.got.length, before, `${row.fn}${row.args} sent ${capture!.got.length - before} datagram(s)`);
      assert.equal(capture!.sock.pendingRequests, 0);
    });
  }

  it('the routing table is unchanged after the whole table ran (inside the test netns)', function () {
    if (!inPrivateNetns()) this.skip();
    assert.equal(ip('route', 'show') + ip('-6', 'route', 'show'), ipBefore);
  });

  describe('an option refused after the descriptor is open leaves nothing behind (child process)', function () {
    const child = (code: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: join(__dirname, '..'), encoding: 'utf8', timeout: 8000 });

    it("RouteSocket.open({ receiveBufferSize: -1 }) → RangeError, then the process exits 0", function () {
      const r = child(
        "const { RouteSocket } = require('./lib/socket'); try { RouteSocket.open({ receiveBufferSize: -1 }); } catch (e) { console.log(e.name); }",
      );
      assert.equal(r.stdout.trim(), 'RangeError');
      assert.deepEqual({ status: r.status, signal: r.signal }, { status: 0, signal: null }, 'the open handle left behind aborts (SIGABRT) or hangs the process at exit');
    });

    it("RouteSocket.adopt(fd, { platform, receiveBufferSize: 0 }) → RangeError, then the process exits 0", function () {
      const r = child(
        "const { RouteSocket } = require('./lib/socket'); const { native } = require('./lib/native'); const [a] = native().socketPair(native().constants.SOCK_SEQPACKET); try { RouteSocket.adopt(a, { platform: 'darwin', receiveBufferSize: 0 }); } catch (e) { console.log(e.name); }",
      );
      assert.equal(r.stdout.trim(), 'RangeError');
      assert.deepEqual({ status: r.status, signal: r.signal }, { status: 0, signal: null }, 'the started, ref’d handle keeps the process alive (killed by the 8 s timeout)');
    });
  });
});

describe('bad-input table: the CLI prints one line on stderr and exits 2', function () {
  this.timeout(60_000);
  const bin = join(__dirname, '..', 'bin', 'pfroute.js');
  const cli: Array<{ args: string[]; stderr: RegExp }> = [
    { args: ['bogus'], stderr: /^pfroute: unknown command "bogus"/ },
    { args: ['show', '--bogus'], stderr: /^pfroute show: unknown option --bogus$/ },
    { args: ['show', '--table', 'x'], stderr: /^pfroute show: / },
    { args: ['monitor', '--count', 'x'], stderr: /^pfroute monitor: --count needs a number$/ },
    { args: ['monitor', '--bogus'], stderr: /^pfroute monitor: unknown option --bogus$/ },
    { args: ['decode', '--os', 'bogus', '--hex', '00'], stderr: /^pfroute decode: unknown os "bogus"/ },
    { args: ['decode', '--os', 'darwin', '--abi', '16', '--hex', '00'], stderr: /^pfroute decode: --abi takes 32 or 64/ },
    { args: ['decode', '--os', 'darwin', '--hex', 'zz'], stderr: /^pfroute decode: / },
    { args: ['decode', '--os', 'darwin', '--hex', '0100'], stderr: /^pfroute decode: rtm_msglen at offset 0: / },
    { args: ['decode', '--os', 'linux', '--hex', '40000000180000000000000000000000'], stderr: /^pfroute decode: nlmsg_len at offset 0: / },
    { args: ['add'], stderr: /^pfroute add: missing destination$/ },
    { args: ['add', '198.51.100.0/33', '192.0.2.2', '--dry-run'], stderr: /^pfroute add: invalid destination "198.51.100.0\/33": prefix length 33/ },
    { args: ['add', '300.1.1.1', '192.0.2.2', '--dry-run'], stderr: /^pfroute add: invalid destination "300.1.1.1"/ },
    { args: ['add', '198.51.100.0/24', '192.0.2.2', '-mtu', 'abc', '--dry-run'], stderr: /^pfroute add: -mtu needs a non-negative integer/ },
    { args: ['add', '-inet6', '198.51.100.0/24', '192.0.2.2', '--dry-run'], stderr: /^pfroute add: .*inet6/ },
    { args: ['add', '198.51.100.0/24', '192.0.2.2', '--dry-run', '--os', 'beos'], stderr: /^pfroute: unknown os "beos"/ },
    { args: ['change', 'nowhere', '192.0.2.2'], stderr: /^pfroute change: / },
    { args: ['delete'], stderr: /^pfroute delete: missing destination$/ },
    { args: ['get'], stderr: /^pfroute get: missing destination$/ },
    { args: ['get', '192.0.2.1', 'extra'], stderr: /^pfroute get: unexpected argument "extra"$/ },
    { args: ['flush', '--bogus'], stderr: /^pfroute flush: unknown modifier --bogus$/ },
  ];
  for (const row of cli) {
    it(`pfroute ${row.args.join(' ')}`, function () {
      const r = spawnSync(process.execPath, [bin, ...row.args], { encoding: 'utf8', timeout: 15_000, input: '' });
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      assert.equal(lines.length, 1, `stderr: ${r.stderr}`);
      assert.match(lines[0]!, row.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.status, 2, `exit ${r.status}: ${r.stderr}`);
    });
  }
});
