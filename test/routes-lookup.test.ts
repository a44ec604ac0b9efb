/**
 * getRoute on Linux sends its two lookups — the plain RTM_GETROUTE and the
 * RTM_F_FIB_MATCH one — in one datagram, and matches each reply by its sequence
 * number. These tests hold that matching to account: a peer that answers out of
 * order or refuses one of the two (a scripted socket pair), the real kernel
 * refusing one or both, concurrent lookups on one socket (also through a window
 * too small for them), and the one timer that times requests out.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { RouteError } from '../lib/errno';
import { encodeRouteRequest, NL } from '../lib/linux/index';
import { native, type NativeSocket } from '../lib/native';
import { listRoutes } from '../lib/list';
import { addRoute, closeSharedSocket, deleteRoute, getRoute, type RouteLookup } from '../lib/routes';
import { RouteSocket } from '../lib/socket';
import { ensureVeth, inPrivateNetns, ip, requireNetns } from './support/netns';

const isLinux = process.platform === 'linux';
const PORT = 4242;

interface Header {
  len: number;
  type: number;
  flags: number;
  seq: number;
  pid: number;
  rtmFlags: number;
}

/** The nlmsghdrs (and rtm_flags) of one request datagram. */
function headers(d: Buffer): Header[] {
  const out: Header[] = [];
  for (let off = 0; off + 16 <= d.length; ) {
    const len = d.readUInt32LE(off);
    out.push({ len, type: d.readUInt16LE(off + 4), flags: d.readUInt16LE(off + 6), seq: d.readUInt32LE(off + 8), pid: d.readUInt32LE(off + 12), rtmFlags: d.readUInt32LE(off + 24) });
    off += (len + 3) & ~3;
  }
  return out;
}

/** A kernel-style RTM_NEWROUTE lookup reply. */
function routeReply(seq: number, pid: number, r: { dst: string; dstLen: number; gateway?: string; prefsrc?: string; oif: number; table?: number }): Buffer {
  const b = encodeRouteRequest({ type: 'new', flags: 0, seq, pid, family: 'inet', dst: r.dst, dstLen: r.dstLen, gateway: r.gateway, prefsrc: r.prefsrc, oif: r.oif, table: r.table ?? 254 });
  b.writeUInt16LE(0, 6); // a reply: no NLM_F_REQUEST
  return b;
}

/** NLMSG_ERROR: 0 is the ack (36 bytes, capped); a negative errno carries the request header. */
function ack(seq: number, pid: number, error = 0): Buffer {
  const b = Buffer.alloc(36);
  b.writeUInt32LE(36, 0);
  b.writeUInt16LE(NL.NLMSG_ERROR, 4);
  b.writeUInt16LE(0x100, 6); // NLM_F_CAPPED
  b.writeUInt32LE(seq, 8);
  b.writeUInt32LE(pid, 12);
  b.writeInt32LE(error, 16);
  b.writeUInt32LE(16, 20);
  b.writeUInt16LE(NL.RTM_GETROUTE, 24);
  b.writeUInt32LE(seq, 28);
  b.writeUInt32LE(pid, 32);
  return b;
}

/** An adopted Linux RouteSocket whose peer is the test: it sees every datagram sent and answers as it likes. */
function scripted(options: { maxInFlight?: number; requestTimeout?: number } = {}) {
  const n = native();
  const [a, b] = n.socketPair(n.constants.SOCK_SEQPACKET);
  const sent: Buffer[] = [];
  let onSent: ((d: Buffer) => void) | null = null;
  const peer: NativeSocket = new n.Socket(b, (err, ds) => {
    if (err) return;
    for (const d of ds) {
      sent.push(d);
      onSent?.(d);
    }
  }, 64);
  peer.start();
  const sock = RouteSocket.adopt(a, { platform: 'linux', portId: PORT, ...options });
  return {
    sock,
    sent,
    answer(fn: (d: Buffer) => Buffer[]): void {
      onSent = (d) => {
        for (const r of fn(d)) peer.send(r);
      };
    },
    close(): void {
      sock.close();
      peer.close();
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<RouteError> {
  try {
    await p;
  } catch (e) {
    return e as RouteError;
  }
  assert.fail('expected a refusal');
}

describe('getRoute: two lookups in one datagram, replies matched by seq (scripted peer)', function () {
  before(function () {
    if (!isLinux) this.skip();
  });

  it('sends one datagram: the plain lookup, then the FIB-match one, each with its own seq and NLM_F_ACK', async () => {
    const s = scripted();
    try {
      s.answer((d) => {
        const [plain, fib] = headers(d) as [Header, Header];
        return [
          routeReply(plain.seq, PORT, { dst: '198.51.100.7', dstLen: 32, gateway: '192.0.2.2', prefsrc: '192.0.2.1', oif: 1 }),
          ack(plain.seq, PORT),
          routeReply(fib.seq, PORT, { dst: '198.51.100.0', dstLen: 24, gateway: '192.0.2.2', oif: 1 }),
          ack(fib.seq, PORT),
        ];
      });
      const r = await getRoute('198.51.100.7', { socket: s.sock });
      assert.equal(s.sent.length, 1, 'both requests travel in one datagram');
      const hs = headers(s.sent[0]!);
      assert.equal(hs.length, 2);
      assert.deepEqual(hs.map((h) => h.type), [NL.RTM_GETROUTE, NL.RTM_GETROUTE]);
      assert.deepEqual(hs.map((h) => h.flags), [NL.NLM_F_REQUEST | NL.NLM_F_ACK, NL.NLM_F_REQUEST | NL.NLM_F_ACK]);
      assert.deepEqual(hs.map((h) => h.rtmFlags), [0, NL.RTM_F_FIB_MATCH]);
      assert.deepEqual(hs.map((h) => h.pid), [PORT, PORT]);
      assert.equal(hs[1]!.seq, hs[0]!.seq + 1);
      // The same bytes a dry run shows for each request, seq and pid aside.
      const dry = await getRoute('198.51.100.7', { dryRun: true });
      const first = Buffer.from(s.sent[0]!.subarray(0, hs[0]!.len));
      first.writeUInt32LE(1, 8);
      first.writeUInt32LE(0, 12);
      assert.equal(first.toString('hex'), dry.hex);
      assert.equal(r.destination, '198.51.100.0/24', 'the FIB-match reply names the entry');
      assert.equal(r.gateway, '192.0.2.2');
      assert.equal(r.source, '192.0.2.1', 'the plain reply gives the preferred source');
      assert.equal(r.routeTo, '198.51.100.7');
      assert.equal(r.message.type, 'get');
      assert.equal(s.sock.pendingRequests, 0);
    } finally {
      s.close();
    }
  });

  it('replies in any order reach the request they answer', async () => {
    const s = scripted();
    try {
      s.answer((d) => {
        const [plain, fib] = headers(d) as [Header, Header];
        return [
          routeReply(fib.seq, PORT, { dst: '198.51.100.0', dstLen: 24, gateway: '192.0.2.2', oif: 1 }),
          ack(fib.seq, PORT),
          routeReply(plain.seq, PORT, { dst: '198.51.100.7', dstLen: 32, gateway: '192.0.2.2', prefsrc: '192.0.2.1', oif: 1 }),
          ack(plain.seq, PORT),
        ];
      });
      const r = await getRoute('198.51.100.7', { socket: s.sock });
      assert.equal(r.destination, '198.51.100.0/24');
      assert.equal(r.source, '192.0.2.1');
    } finally {
      s.close();
    }
  });

  it('a refused plain lookup rejects with its errno, though the FIB match answered', async () => {
    const s = scripted();
    try {
      s.answer((d) => {
        const [plain, fib] = headers(d) as [Header, Header];
        return [ack(plain.seq, PORT, -101), routeReply(fib.seq, PORT, { dst: '198.51.100.0', dstLen: 24, oif: 1 }), ack(fib.seq, PORT)];
      });
      const err = await refusal(getRoute('198.51.100.7', { socket: s.sock }));
      assert.equal(err.code, 'ENETUNREACH');
      assert.equal(err.errno, -101);
      assert.equal(err.syscall, 'sendmsg');
      assert.match(err.message, /^get 198\.51\.100\.7: /);
      assert.equal(s.sock.pendingRequests, 0);
    } finally {
      s.close();
    }
  });

  it('a refused FIB match rejects with its errno, though the plain lookup answered', async () => {
    const s = scripted();
    try {
      s.answer((d) => {
        const [plain, fib] = headers(d) as [Header, Header];
        return [routeReply(plain.seq, PORT, { dst: '198.51.100.7', dstLen: 32, oif: 1 }), ack(plain.seq, PORT), ack(fib.seq, PORT, -113)];
      });
      const err = await refusal(getRoute('198.51.100.7', { socket: s.sock }));
      assert.equal(err.code, 'EHOSTUNREACH');
      assert.equal(s.sock.pendingRequests, 0);
    } finally {
      s.close();
    }
  });

  it('replies with another port id or an unknown seq are not taken as answers', async () => {
    const s = scripted();
    const heard: string[] = [];
    s.sock.on('message', (m) => heard.push(`${m.kind}:${m.kind === 'route' ? m.destination : ''}`));
    try {
      s.answer((d) => {
        const [plain, fib] = headers(d) as [Header, Header];
        return [
          routeReply(plain.seq, PORT + 1, { dst: '203.0.113.1', dstLen: 32, oif: 1 }), // someone else's seq space
          ack(plain.seq, PORT + 1, -101),
          routeReply(fib.seq + 100, PORT, { dst: '203.0.113.2', dstLen: 32, oif: 1 }), // a seq nobody waits for
          routeReply(plain.seq, PORT, { dst: '198.51.100.7', dstLen: 32, oif: 1 }),
          ack(plain.seq, PORT),
          routeReply(fib.seq, PORT, { dst: '198.51.100.0', dstLen: 24, oif: 1 }),
          ack(fib.seq, PORT),
        ];
      });
      const r = await getRoute('198.51.100.7', { socket: s.sock });
      assert.equal(r.destination, '198.51.100.0/24');
      // The foreign one is an event; the stray one of our own port is not (ownEvents off).
      assert.deepEqual(heard, ['route:203.0.113.1/32']);
    } finally {
      s.close();
    }
  });

  it('concurrent lookups through a window smaller than a pair each get their own replies', async () => {
    // maxInFlight 1: every pair waits its turn (and goes alone), so its bytes are kept
    // while the next getRoute reuses the cached request for the same destination.
    const s = scripted({ maxInFlight: 1 });
    try {
      let gw = 0;
      s.answer((d) => {
        const [plain, fib] = headers(d) as [Header, Header];
        const via = `192.0.2.${10 + (gw++ % 200)}`;
        return [
          routeReply(plain.seq, PORT, { dst: '198.51.100.7', dstLen: 32, gateway: via, oif: 1 }),
          ack(plain.seq, PORT),
          routeReply(fib.seq, PORT, { dst: '198.51.100.0', dstLen: 24, gateway: via, oif: 1 }),
          ack(fib.seq, PORT),
        ];
      });
      const results = await Promise.all(Array.from({ length: 50 }, () => getRoute('198.51.100.7', { socket: s.sock })));
      assert.equal(s.sent.length, 50);
      const seqs = s.sent.flatMap((d) => headers(d).map((h) => h.seq));
      assert.equal(new Set(seqs).size, 100, 'every request has a seq of its own');
      // The n-th datagram was answered with gateway 192.0.2.(10+n): replies went to their own call.
      assert.deepEqual(results.map((r) => r.gateway), Array.from({ length: 50 }, (_, i) => `192.0.2.${10 + i}`));
      assert.equal(s.sock.pendingRequests, 0);
    } finally {
      s.close();
    }
  });

  it('an unanswered pair times out with ETIMEDOUT; the timer does not touch requests that are still in time', async () => {
    const s = scripted();
    try {
      const seq = s.sock.nextSeq();
      const slow = s.sock.request(noop(seq), { seq, expect: 'ack', timeout: 10_000 });
      const t0 = Date.now();
      const err = await refusal(getRoute('198.51.100.7', { socket: s.sock, timeout: 150 }));
      assert.equal(err.code, 'ETIMEDOUT');
      assert.match(err.message, /^no reply from the kernel within 150 ms \(seq \d+\)$/);
      assert.ok(Date.now() - t0 >= 140, `timed out after ${Date.now() - t0} ms`);
      assert.equal(s.sock.pendingRequests, 1, 'the 10 s request is still pending');
      s.sock.close();
      await assert.rejects(slow, { code: 'ERR_SOCKET_CLOSED' });
    } finally {
      s.close();
    }
  });
});

function noop(seq: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(16, 0);
  b.writeUInt16LE(1, 4); // NLMSG_NOOP
  b.writeUInt16LE(1, 6); // NLM_F_REQUEST, no ACK: nobody answers
  b.writeUInt32LE(seq, 8);
  return b;
}

describe('getRoute: two lookups in one datagram, on the real Linux kernel', function () {
  this.timeout(30000);
  before(function () {
    requireNetns(this);
    ensureVeth();
  });
  after(() => closeSharedSocket());

  /** What `ip route get` says of `dst`: the JSON route, or the refusal text. */
  function witness(dst: string): { ok: true; dev: string; gateway?: string } | { ok: false; text: string } {
    try {
      const r = (JSON.parse(ip('-j', 'route', 'get', dst)) as Array<{ dev: string; gateway?: string }>)[0]!;
      return { ok: true, dev: r.dev, gateway: r.gateway };
    } catch (e) {
      return { ok: false, text: String((e as { stderr?: string }).stderr ?? e) };
    }
  }

  it('the plain lookup answers and the FIB match refuses (0.0.0.0): EHOSTUNREACH, and the socket goes on', async () => {
    // The kernel answers a plain lookup of 0.0.0.0 (local, via lo) but has no FIB entry to match.
    assert.equal(witness('0.0.0.0').ok, true);
    const sock = RouteSocket.open({ groups: [] });
    try {
      const err = await refusal(getRoute('0.0.0.0', { socket: sock }));
      assert.equal(err.code, 'EHOSTUNREACH', err.message);
      assert.equal(err.errno, -113);
      assert.equal(err.syscall, 'sendmsg');
      assert.match(err.message, /^get 0\.0\.0\.0: no route to host/);
      assert.equal(sock.pendingRequests, 0);
      // Nothing of the refused pair is left to be taken for the next answer.
      const next = await getRoute('192.0.2.77', { socket: sock });
      assert.equal(next.destination, '192.0.2.0/24');
      assert.equal(next.interface, 'pfr0');
    } finally {
      sock.close();
    }
  });

  it('a lookup confined to a table is refused before anything is sent: the kernel would ignore the table', async () => {
    // Found while tuning getRoute: RTA_TABLE in an RTM_GETROUTE is ignored (the lookup runs the
    // policy rules), so a route only in table 100 was "not found" and one in main was returned.
    ip('route', 'add', '198.18.7.0/24', 'via', '192.0.2.3', 'table', '100');
    const sock = RouteSocket.open({ groups: [] });
    try {
      let sent = 0;
      const send = sock.send.bind(sock);
      sock.send = (d: Uint8Array) => (sent++, send(d));
      await assert.rejects(getRoute({ destination: '198.18.7.9', table: 100 }, { socket: sock }), (e: Error) => e instanceof TypeError && /cannot be confined to table 100/.test(e.message));
      await assert.rejects(getRoute({ destination: '198.18.7.9', table: 100 }, { dryRun: true }), TypeError);
      assert.equal(sent, 0);
      assert.equal(sock.pendingRequests, 0);
      // What the message points to works: the table lists the route.
      const listed = await listRoutes({ table: 100 });
      assert.deepEqual(listed.map((r) => [r.destination, r.gateway]), [['198.18.7.0/24', '192.0.2.3']]);
      // `get default` with a table reads that table's default entry (a dump, not a lookup): unchanged.
      ip('route', 'add', 'default', 'via', '192.0.2.4', 'table', '100');
      const d = await getRoute({ destination: 'default', table: 100 });
      assert.equal(d.gateway, '192.0.2.4');
    } finally {
      sock.close();
      ip('route', 'flush', 'table', '100');
    }
  });

  it('an unroutable destination: both lookups refused, ENETUNREACH', async () => {
    const dst = '2001:db8:dead::1';
    const w = witness(dst);
    assert.ok(!w.ok && /Network is unreachable/.test(w.text), `ip route get ${dst}: ${JSON.stringify(w)}`);
    const err = await refusal(getRoute(dst));
    assert.equal(err.code, 'ENETUNREACH', err.message);
    assert.match(err.message, /^get 2001:db8:dead::1: no route to destination/);
    const ok = await getRoute('2001:db8:1::9');
    assert.equal(ok.destination, '2001:db8:1::/64');
  });

  it('concurrent lookups (and changes) on one socket each get their own answer', async () => {
    await addRoute({ destination: '203.0.113.64/26', gateway: '192.0.2.2' });
    try {
      const dsts = ['203.0.113.70', '192.0.2.77', '0.0.0.0', '2001:db8:dead::1', '127.0.0.1', '192.0.2.1', '::1', '2001:db8:1::9', '203.0.113.127'];
      const outcome = (r: PromiseSettledResult<RouteLookup>): string =>
        r.status === 'fulfilled'
          ? `${r.value.routeTo} → ${r.value.destination} via ${r.value.gateway} dev ${r.value.interface} src ${r.value.source}`
          : `${(r.reason as RouteError).message}`;
      // Each destination looked up alone first: the answer every concurrent lookup of it must get.
      const expected = new Map<string, string>();
      for (const d of dsts) expected.set(d, outcome((await Promise.allSettled([getRoute(d)]))[0]!));
      assert.match(expected.get('203.0.113.70')!, /→ 203\.0\.113\.64\/26 via 192\.0\.2\.2 dev pfr0 src 192\.0\.2\.1$/);
      assert.match(expected.get('0.0.0.0')!, /^get 0\.0\.0\.0: no route to host/);
      assert.match(expected.get('2001:db8:dead::1')!, /^get 2001:db8:dead::1: no route to destination/);
      const order = Array.from({ length: 300 }, (_, i) => dsts[(i * 7) % dsts.length]!);
      const hosts = Array.from({ length: 40 }, (_, i) => `198.18.7.${i + 1}/32`);
      const [looked] = await Promise.all([
        Promise.allSettled(order.map((d) => getRoute(d))),
        Promise.all(hosts.map((h) => addRoute({ destination: h, gateway: '192.0.2.2' }))),
      ]);
      looked.forEach((r, i) => assert.equal(outcome(r), expected.get(order[i]!), `lookup #${i} of ${order[i]}`));
      await Promise.all(hosts.map((h) => deleteRoute({ destination: h })));
    } finally {
      await deleteRoute({ destination: '203.0.113.64/26' });
    }
  });

  it('a finished lookup does not hold the process; a pending request does, until it times out', function () {
    if (!inPrivateNetns()) this.skip();
    const run = (mode: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'resources-exit.ts'), mode], { encoding: 'utf8', timeout: 15_000 });
    let t0 = Date.now();
    const done = run('lookup');
    assert.equal(done.status, 0, done.stderr);
    assert.match(done.stdout, /^lookup 127\.0\.0\.1 dev lo\nexit 0\n$/);
    // The request timeout (5 s default) keeps a timer armed; unref'd once nothing is pending.
    assert.ok(Date.now() - t0 < 4000, `took ${Date.now() - t0} ms to exit`);
    t0 = Date.now();
    const pending = run('pending');
    assert.equal(pending.status, 0, pending.stderr);
    assert.match(pending.stdout, /^pending\nETIMEDOUT\nexit 0\n$/);
    assert.ok(Date.now() - t0 >= 600, `exited after ${Date.now() - t0} ms, before the request timed out`);
  });
});
