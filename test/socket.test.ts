import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeError } from '../lib/errors';
import { listInterfaces, listRoutes, netlinkDump } from '../lib/list';
import type { Message, Route, RouteMessage } from '../lib/model';
import { listNetlinkRoutes, type ListFilter } from '../lib/linux/decode';
import { encodeDumpRequest } from '../lib/linux/index';
import { native } from '../lib/native';
import { RouteSocket } from '../lib/socket';
import { ensureVeth, ip, requireNetns } from './support/netns';

const NETBSD = join(__dirname, 'fixtures', 'vectors', 'netbsd-kernel');

/** Resolves with the first message that satisfies `pred`, or rejects after `ms`. */
function waitFor<T extends Message>(sock: RouteSocket, pred: (m: Message) => m is T, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sock.off('message', on);
      reject(new Error('timed out waiting for a message'));
    }, ms);
    const on = (m: Message) => {
      if (pred(m)) {
        clearTimeout(timer);
        sock.off('message', on);
        resolve(m);
      }
    };
    sock.on('message', on);
  });
}

const isRoute = (type: string, dest: string) => (m: Message): m is RouteMessage =>
  m.kind === 'route' && m.type === type && m.destination === dest;

describe('RouteSocket on the real Linux kernel', function () {
  before(function () {
    requireNetns(this);
    ensureVeth();
  });

  it('emits add and delete for routes another process changes, with typed fields', async () => {
    const sock = RouteSocket.open();
    try {
      const typed: RouteMessage[] = [];
      sock.on('add', (m) => typed.push(m));
      const added = waitFor(sock, isRoute('add', '198.51.100.0/24'));
      ip('route', 'add', '198.51.100.0/24', 'via', '192.0.2.2', 'dev', 'pfr0');
      const m = await added;
      assert.equal(m.addrs.gateway?.family, 'inet');
      assert.equal(m.addrs.gateway?.address, '192.0.2.2');
      assert.ok(m.flags.includes('GATEWAY'));
      assert.equal(m.index, Number(ip('-j', 'link', 'show', 'pfr0').match(/"ifindex":(\d+)/)![1]));
      assert.ok(typed.some((t) => t.destination === '198.51.100.0/24'), "the typed 'add' event fired too");
      const deleted = waitFor(sock, isRoute('delete', '198.51.100.0/24'));
      ip('route', 'del', '198.51.100.0/24');
      assert.equal((await deleted).type, 'delete');
    } finally {
      sock.close();
    }
  });

  it('emits newaddr and deladdr for addresses, inet and inet6', async () => {
    const sock = RouteSocket.open();
    try {
      const v4 = waitFor(sock, (m): m is Message => m.kind === 'address' && m.type === 'newaddr' && m.addrs.ifa?.address === '203.0.113.9');
      ip('addr', 'add', '203.0.113.9/32', 'dev', 'pfr0');
      const a = await v4;
      assert.ok(a.kind === 'address' && a.address === '203.0.113.9/32');
      const gone = waitFor(sock, (m): m is Message => m.kind === 'address' && m.type === 'deladdr' && m.addrs.ifa?.address === '203.0.113.9');
      ip('addr', 'del', '203.0.113.9/32', 'dev', 'pfr0');
      await gone;
      const v6 = waitFor(sock, (m): m is Message => m.kind === 'address' && m.type === 'newaddr' && m.addrs.ifa?.address === '2001:db8:2::5');
      ip('-6', 'addr', 'add', '2001:db8:2::5/128', 'dev', 'pfr0', 'nodad');
      await v6;
      ip('-6', 'addr', 'del', '2001:db8:2::5/128', 'dev', 'pfr0');
    } finally {
      sock.close();
    }
  });

  it('emits ifinfo when a link changes state', async () => {
    const sock = RouteSocket.open({ family: 'inet' });
    try {
      const down = waitFor(sock, (m): m is Message => m.kind === 'interface' && m.name === 'pfr1' && !m.flags.includes('UP'));
      ip('link', 'set', 'pfr1', 'down');
      const m = await down;
      assert.equal(m.type, 'ifinfo');
      ip('link', 'set', 'pfr1', 'up');
    } finally {
      sock.close();
    }
  });

  it('is async-iterable', async () => {
    const sock = RouteSocket.open({ family: 'inet' });
    setTimeout(() => ip('route', 'add', 'blackhole', '203.0.113.0/24'), 20);
    let found: RouteMessage | undefined;
    for await (const m of sock) {
      if (m.kind === 'route' && m.destination === '203.0.113.0/24') {
        found = m;
        break; // return() closes the socket
      }
    }
    assert.ok(found?.flags.includes('BLACKHOLE'));
    assert.equal(sock.closed, true);
    ip('route', 'del', 'blackhole', '203.0.113.0/24');
  });

  it('dumps routes, links and addresses with replies matched to the request', async () => {
    const routes = await netlinkDump('route', 'inet');
    assert.ok(routes.some((m) => m.kind === 'route' && m.destination === '192.0.2.0/24'));
    const ifs = await listInterfaces();
    const pfr0 = ifs.find((i) => i.name === 'pfr0');
    assert.ok(pfr0, 'pfr0 is listed');
    assert.ok(pfr0.addresses.some((a) => a.address === '192.0.2.1' && a.prefixLength === 24));
    assert.ok(pfr0.addresses.some((a) => a.address === '2001:db8:1::1' && a.prefixLength === 64));
    assert.match(pfr0.mac ?? '', /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    const lo = ifs.find((i) => i.index === 1);
    assert.equal(lo?.name, 'lo');
    assert.ok(lo?.flags.includes('LOOPBACK'));
  });

  it('a dump request with collect hands over the raw datagrams and settles on NLMSG_DONE', async () => {
    const sock = RouteSocket.open({ groups: [] });
    try {
      const seq = sock.nextSeq();
      const datagrams: Buffer[] = [];
      const routes: Route[] = [];
      const filter: ListFilter = { table: 'all', family: 'unspec', nameOf: () => null };
      const result = await sock.request(encodeDumpRequest('route', seq, 'unspec', sock.portId), {
        seq,
        expect: 'dump',
        collect: (d) => {
          datagrams.push(d);
          return listNetlinkRoutes(d, filter, routes);
        },
      });
      assert.deepEqual(result, []);
      assert.ok(datagrams.length >= 1);
      // The same routes as the decoded dump (no cache entries in this namespace).
      const decoded = (await netlinkDump('route')).filter((m): m is RouteMessage => m.kind === 'route');
      assert.deepEqual(routes.map((r) => r.destination).sort(), decoded.map((m) => m.destination ?? 'default').sort());
      assert.ok(routes.some((r) => r.destination === '192.0.2.0/24' && r.table === 254));
    } finally {
      sock.close();
    }
  });

  it('a DecodeError thrown by collect rejects the request; the socket goes on', async () => {
    const sock = RouteSocket.open({ groups: [] });
    try {
      const seq = sock.nextSeq();
      const fault = new DecodeError(0, 'nlmsg_len', 'test fault');
      await assert.rejects(
        sock.request(encodeDumpRequest('route', seq, 'inet', sock.portId), {
          seq,
          expect: 'dump',
          collect: () => {
            throw fault;
          },
        }),
        (e) => e === fault,
      );
      const seq2 = sock.nextSeq();
      const links = await sock.request(encodeDumpRequest('link', seq2, 'unspec', sock.portId), { seq: seq2, expect: 'dump' });
      assert.ok(links.some((m) => m.kind === 'interface' && m.name === 'lo'));
      assert.throws(() => sock.request(Buffer.alloc(16), { seq: 5, expect: 'ack', collect: () => [] }), /collect is a function, for Linux dump requests only/);
      assert.throws(() => sock.request(Buffer.alloc(16), { seq: 6, expect: 'dump', collect: 1 as never }), TypeError);
    } finally {
      sock.close();
    }
  });

  it('listRoutes returns plain objects for both families', async () => {
    const v4 = await listRoutes({ family: 'inet' });
    const connected = v4.find((r) => r.destination === '192.0.2.0/24');
    assert.ok(connected);
    assert.equal(connected.interface, 'pfr0');
    assert.equal(connected.gateway, null);
    assert.equal(connected.source, '192.0.2.1');
    const v6 = await listRoutes({ family: 'inet6' });
    assert.ok(v6.every((r) => r.family === 'inet6'));
    assert.ok(v6.some((r) => r.destination === '2001:db8:1::/64'));
  });

  it('keeps reading through a long overflow (a full queue with a pending ENOBUFS is not a dead socket)', async function () {
    this.timeout(60000);
    // One datagram per wake and a tiny buffer: the queue stays full for the whole burst
    // and the kernel's pending ENOBUFS surfaces only when the queue is read empty.
    const sock = RouteSocket.open({ family: 'inet', receiveBufferSize: 4096, maxDatagramsPerWake: 1 });
    const errors: Error[] = [];
    let overflows = 0;
    sock.on('error', (e) => errors.push(e));
    sock.on('overflow', () => overflows++);
    try {
      const lines: string[] = [];
      for (let i = 0; i < 20000; i++) lines.push(`route add 198.18.${(i >> 8) & 255}.${i & 255}/32 via 192.0.2.2`);
      const { writeFileSync } = await import('node:fs');
      const file = '/tmp/pfroute-overflow-batch.txt';
      writeFileSync(file, lines.join('\n') + '\n');
      const { spawn } = await import('node:child_process');
      await new Promise<void>((resolve, reject) => {
        const child = spawn('ip', ['-batch', file], { stdio: 'ignore' });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ip -batch exited ${code}`))));
      });
      const after = waitFor(sock, isRoute('add', '203.0.113.99/32'), 20000);
      ip('route', 'add', '203.0.113.99/32', 'via', '192.0.2.2');
      await after;
      assert.ok(overflows > 0, 'the burst overflowed the buffer');
      assert.deepEqual(errors.map((e) => (e as Error & { code?: string }).code), [], 'no read error stopped the socket');
      assert.equal(sock.closed, false);
    } finally {
      sock.close();
      ip('route', 'flush', 'root', '198.18.0.0/15');
      ip('route', 'del', '203.0.113.99/32');
    }
  });

  it('rejects pending requests when closed, and close is idempotent', async () => {
    const sock = RouteSocket.open({ groups: [] });
    const seq = sock.nextSeq();
    // A request nobody answers: a bare NLMSG_NOOP without ACK.
    const noop = Buffer.alloc(16);
    noop.writeUInt32LE(16, 0);
    noop.writeUInt16LE(1, 4);
    noop.writeUInt16LE(1, 6);
    noop.writeUInt32LE(seq, 8);
    const p = sock.request(noop, { seq, expect: 'ack', timeout: 10000 });
    assert.equal(sock.pendingRequests, 1);
    sock.close();
    sock.close();
    await assert.rejects(p, { code: 'ERR_SOCKET_CLOSED' });
    assert.equal(sock.fd, -1);
    assert.throws(() => sock.send(noop), { code: 'EBADF' });
  });

  it('a request without a reply times out with ETIMEDOUT', async () => {
    const sock = RouteSocket.open({ groups: [] });
    try {
      const seq = sock.nextSeq();
      const noop = Buffer.alloc(16);
      noop.writeUInt32LE(16, 0);
      noop.writeUInt16LE(1, 4);
      noop.writeUInt16LE(1, 6);
      noop.writeUInt32LE(seq, 8);
      await assert.rejects(sock.request(noop, { seq, expect: 'ack', timeout: 100 }), { code: 'ETIMEDOUT' });
      assert.equal(sock.pendingRequests, 0);
    } finally {
      sock.close();
    }
  });
});

describe('RouteSocket.adopt with a named wire format', () => {
  it('decodes NetBSD kernel messages carried over a SOCK_SEQPACKET pair, and survives a malformed one', async function () {
    const n = native();
    if (typeof n.socketPair !== 'function') this.skip();
    const [a, b] = n.socketPair(n.constants.SOCK_SEQPACKET);
    const sock = RouteSocket.adopt(a, { platform: 'netbsd' });
    const sender = RouteSocket.adopt(b, { platform: 'netbsd' });
    try {
      const got: Message[] = [];
      const errors: Error[] = [];
      sock.on('error', (e) => errors.push(e));
      const announce = new Promise<Message>((resolve) => sock.once('ifannounce', resolve));
      const done = new Promise<void>((resolve) => {
        sock.on('message', (m) => {
          got.push(m);
          if (got.length === 3) resolve();
        });
      });
      sender.send(readFileSync(join(NETBSD, '02-add-10.1.0.0_16-listener.bin')));
      sender.send(readFileSync(join(NETBSD, '35-malformed-listener-more.bin')));
      sender.send(readFileSync(join(NETBSD, '51-event-ifcreate-lo1.bin')));
      sender.send(readFileSync(join(NETBSD, '52-event-ifaddr4-lo1.bin')));
      await done;
      const first = got[0]!;
      assert.ok(first.kind === 'route');
      assert.equal(first.type, 'add');
      assert.equal(first.destination, '10.1.0.0/16');
      assert.equal(first.seq, 1);
      const ann = await announce;
      assert.ok(ann.kind === 'announce' && ann.name === 'lo1' && ann.what === 'arrival');
      assert.ok(got[2]!.kind === 'address' && got[2]!.type === 'newaddr');
      assert.equal(errors.length, 1);
      assert.ok(errors[0] instanceof DecodeError, 'the truncated message became a DecodeError event');
    } finally {
      sock.close();
      sender.close();
    }
  });
});
