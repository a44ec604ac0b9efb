import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { getSystemErrorMap } from 'node:util';
import { Worker } from 'node:worker_threads';
import { native, type NativeBinding, type NativeSocket } from '../lib/native';
import {
  NLMSG_DONE,
  NLM_F_REQUEST,
  RTM_NEWLINK,
  dumpLinks,
  getLinkRequest,
  walk,
  within,
} from './support/native-netlink';

const isLinux = process.platform === 'linux';
const support = join(__dirname, 'support');

/** Asserts a Node-style system error: code, negative errno that maps to it, syscall. */
function assertSystemError(err: unknown, code: string, syscall: string): true {
  assert.ok(err instanceof Error, 'an Error');
  const e = err as Error & { code?: string; errno?: number; syscall?: string };
  assert.equal(e.code, code);
  assert.equal(e.syscall, syscall);
  assert.equal(typeof e.errno, 'number');
  assert.ok(e.errno! < 0, `errno ${e.errno} is negative`);
  assert.equal(getSystemErrorMap().get(e.errno!)?.[0], code);
  assert.ok(e.message.startsWith(`${syscall} ${code}: `), e.message);
  return true;
}

function runChild(script: string, timeout = 8000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(support, script)], {
    encoding: 'utf8',
    timeout,
  });
  return { ...r, ms: Date.now() - started };
}

describe('native shim', function () {
  let b: NativeBinding;
  before(function () {
    b = native();
  });

  describe('platform facts', function () {
    it('reports the platform and the real constants', function () {
      assert.equal(b.platform, process.platform);
      const c = b.constants;
      assert.ok(Object.isFrozen(c));
      for (const k of ['PF_ROUTE', 'AF_UNSPEC', 'AF_INET', 'AF_INET6', 'AF_UNIX', 'SOCK_RAW', 'SOCK_DGRAM',
        'SOCK_SEQPACKET', 'SOL_SOCKET', 'SO_RCVBUF', 'SO_SNDBUF', 'SO_TYPE', 'SHUT_RD', 'SHUT_WR'] as const) {
        assert.equal(typeof c[k], 'number', k);
      }
      if (isLinux) {
        assert.equal(c.PF_ROUTE, 16);
        assert.equal(c.AF_NETLINK, 16);
        assert.equal(c.NETLINK_ROUTE, 0);
        assert.equal(c.SOL_NETLINK, 270);
        assert.equal(c.NETLINK_ADD_MEMBERSHIP, 1);
        assert.equal(c.NETLINK_DROP_MEMBERSHIP, 2);
        assert.equal(c.NETLINK_NO_ENOBUFS, 5);
        assert.equal(c.NETLINK_EXT_ACK, 11);
        assert.equal(c.NETLINK_GET_STRICT_CHK, 12);
        assert.equal(c.SO_RCVBUFFORCE, 33);
        assert.equal(c.SOCK_RAW, 3);
        assert.equal(c.AF_INET6, 10);
        assert.equal(c.SO_USELOOPBACK, undefined);
        assert.equal(c.CTL_NET, undefined);
      }
    });

    it('sizes is {} on Linux, struct facts on BSD', function () {
      assert.ok(Object.isFrozen(b.sizes));
      if (isLinux) {
        assert.deepEqual(b.sizes, {});
      } else {
        for (const k of ['rt_msghdr', 'rt_metrics', 'if_msghdr', 'ifa_msghdr', 'sockaddr_dl', 'sockaddr_in6',
          'rt_msghdr.rtm_rmx', 'rt_msghdr.rtm_inits']) {
          assert.ok((b.sizes[k] ?? 0) > 0, k);
        }
        assert.equal(b.sizes.sockaddr_in6, 28);
      }
    });

    it('sysctl throws ENOSYS on Linux', function () {
      if (!isLinux) this.skip();
      assert.throws(() => b.sysctl([4, 17, 0, 0, 1, 0]), (e) => assertSystemError(e, 'ENOSYS', 'sysctl'));
    });

    it('ifNameToIndex / ifIndexToName', function () {
      if (!isLinux) this.skip(); // lo0 elsewhere
      assert.equal(b.ifNameToIndex('lo'), 1);
      assert.equal(b.ifIndexToName(1), 'lo');
      assert.equal(b.ifNameToIndex('pfroute-none'), 0);
      assert.equal(b.ifNameToIndex(''), 0);
      assert.equal(b.ifNameToIndex('lo\0x'), 0);
      assert.equal(b.ifNameToIndex('x'.repeat(100)), 0);
      assert.equal(b.ifIndexToName(0), null);
      assert.equal(b.ifIndexToName(0x7ffffff0), null);
    });
  });

  describe('open / netlinkBind / errors', function () {
    it('a bad family throws a consistent Node-style error', function () {
      assert.throws(() => b.open(9999, b.constants.SOCK_RAW, 0), (e) => assertSystemError(e, 'EAFNOSUPPORT', 'socket'));
      assert.throws(
        () => b.open(b.constants.PF_ROUTE, b.constants.SOCK_RAW, 9999),
        (e) => {
          assert.equal((e as { syscall: string }).syscall, 'socket');
          const { code, errno } = e as { code: string; errno: number };
          return assertSystemError(e, code, 'socket') && errno < 0;
        },
      );
    });

    it('open gives a non-blocking, close-on-exec descriptor; netlinkBind a port id', function () {
      if (!isLinux) this.skip();
      const c = b.constants;
      const fd = b.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE!);
      try {
        assert.ok(fd > 2);
        const port = b.netlinkBind(fd, 0);
        assert.ok(Number.isInteger(port) && port !== 0, `port ${port}`);
        // binding twice: the kernel says EINVAL
        assert.throws(() => b.netlinkBind(fd, 0), (e) => assertSystemError(e, 'EINVAL', 'bind'));
      } finally {
        b.closeFd(fd);
      }
      assert.throws(() => b.closeFd(fd), (e) => assertSystemError(e, 'EBADF', 'close'));
    });

    it('RTM_GETLINK dump: datagrams match the seq, end with NLMSG_DONE, lo (index 1) is listed', async function () {
      if (!isLinux) this.skip();
      const r = await within(dumpLinks(b, 0x51ed), 3000, 'link dump');
      assert.ok(r.datagrams >= 1);
      assert.ok(r.messages.every((m) => m.seq === 0x51ed));
      assert.equal(r.messages.at(-1)!.type, NLMSG_DONE);
      const links = r.messages.filter((m) => m.type === RTM_NEWLINK).map((m) => m.ifIndex);
      assert.ok(links.includes(1), `links ${links.join(',')}`);
      assert.ok(r.messages.every((m) => m.pid === r.portId), 'replies address our port id');
      assert.equal(r.socket.fd, -1);
    });
  });

  describe('Socket lifecycle', function () {
    it('close inside the read listener: no further callbacks, fd -1; double close no-op; send/start after close throw EBADF', async function () {
      if (!isLinux) this.skip();
      const c = b.constants;
      const fd = b.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE!);
      b.netlinkBind(fd, 0);
      let calls = 0;
      let fdInside = 0;
      let sock: NativeSocket | undefined;
      const first = new Promise<void>((resolve) => {
        const s: NativeSocket = new b.Socket(
          fd,
          () => {
            calls++;
            s.close();
            fdInside = s.fd;
            s.close(); // double close inside, too
            resolve();
          },
          1, // one datagram per wake: the rest of the dump is still queued when we close
        );
        s.start();
        s.send(getLinkRequest(1));
        s.send(getLinkRequest(2));
        sock = s;
      });
      await within(first, 3000, 'first datagram');
      assert.equal(fdInside, -1);
      // A full round trip on another socket passes through several poll phases;
      // the closed socket must stay silent meanwhile.
      await within(dumpLinks(b, 99), 3000, 'second dump');
      assert.equal(calls, 1);
      assert.equal(sock!.fd, -1);
      sock!.close();
      sock!.stop();
      sock!.ref();
      sock!.unref();
      assert.throws(() => sock!.send(Buffer.alloc(4)), (e) => assertSystemError(e, 'EBADF', 'send'));
      assert.throws(() => sock!.start(), (e) => assertSystemError(e, 'EBADF', 'poll'));
      assert.throws(() => sock!.getIntOption(c.SOL_SOCKET, c.SO_RCVBUF), (e) => assertSystemError(e, 'EBADF', 'getsockopt'));
      assert.throws(() => sock!.setIntOption(c.SOL_SOCKET, c.SO_RCVBUF, 1), (e) => assertSystemError(e, 'EBADF', 'setsockopt'));
      assert.throws(() => sock!.shutdown(c.SHUT_RD), (e) => assertSystemError(e, 'EBADF', 'shutdown'));
    });

    it('stop() holds delivery back; start() resumes it', async function () {
      if (!isLinux) this.skip();
      const c = b.constants;
      const fd = b.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE!);
      b.netlinkBind(fd, 0);
      const seqs: number[] = [];
      let s: NativeSocket | undefined;
      const reply = new Promise<void>((resolve) => {
        s = new b.Socket(fd, (err, dgrams) => {
          assert.equal(err, null);
          for (const d of dgrams) for (const m of walk(d)) seqs.push(m.seq);
          resolve();
        }, 16);
      });
      s!.start();
      s!.start(); // idempotent
      s!.stop();
      s!.stop(); // idempotent
      s!.send(getLinkRequest(6, NLM_F_REQUEST, 1));
      // a full round trip elsewhere: the stopped socket must not be read meanwhile
      await within(dumpLinks(b, 60), 3000, 'other dump');
      assert.deepEqual(seqs, []);
      s!.start();
      await within(reply, 3000, 'reply after start');
      assert.deepEqual(seqs, [6]);
      s!.close();
      assert.equal(s!.fd, -1);
    });

    it('ENOBUFS on netlink overflow is reported and polling continues', async function () {
      if (!isLinux) this.skip();
      const c = b.constants;
      const fd = b.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE!);
      b.netlinkBind(fd, 0);
      const events: string[] = [];
      let s: NativeSocket | undefined;
      const done = new Promise<void>((resolve) => {
        s = new b.Socket(
          fd,
          (err, dgrams) => {
            if (err) {
              assertSystemError(err, 'ENOBUFS', 'recv');
              events.push('ENOBUFS');
              return;
            }
            for (const d of dgrams) for (const m of walk(d)) events.push(`${m.type}:${m.seq}`);
            // after the overflow, a fresh request still gets its answer
            if (events.includes('16:1000')) resolve();
            else if (events.includes('ENOBUFS') && !events.includes('sent-1000')) {
              events.push('sent-1000');
              s!.send(getLinkRequest(1000, NLM_F_REQUEST, 1));
            }
          },
          64,
        );
      });
      s!.setIntOption(c.SOL_SOCKET, c.SO_RCVBUF, 1); // the kernel's minimum
      // Unicast replies to non-dump requests overflow a tiny receive queue.
      for (let i = 1; i <= 20; i++) s!.send(getLinkRequest(i, NLM_F_REQUEST, 1));
      s!.start();
      await within(done, 3000, 'ENOBUFS then a reply');
      s!.close();
      assert.equal(events[0], 'ENOBUFS');
      assert.ok(events.includes('16:1000'));
    });

    it('setIntOption / getIntOption SO_RCVBUF round trip', function () {
      if (!isLinux) this.skip();
      const c = b.constants;
      const [x, y] = b.socketPair(c.SOCK_DGRAM);
      b.closeFd(y);
      const s = new b.Socket(x, () => {}, 1);
      s.setIntOption(c.SOL_SOCKET, c.SO_RCVBUF, 65536);
      assert.ok(s.getIntOption(c.SOL_SOCKET, c.SO_RCVBUF) >= 65536);
      assert.equal(s.getIntOption(c.SOL_SOCKET, c.SO_TYPE), c.SOCK_DGRAM);
      assert.throws(() => s.setIntOption(c.SOL_SOCKET, 0x7fff, 1), (e) => assertSystemError(e, 'ENOPROTOOPT', 'setsockopt'));
      s.close();
    });
  });

  describe('adoption', function () {
    for (const kind of ['SOCK_SEQPACKET', 'SOCK_DGRAM'] as const) {
      it(`${kind} socketPair: boundaries preserved, one Buffer per datagram`, async function () {
        if (kind === 'SOCK_SEQPACKET' && process.platform === 'darwin') this.skip(); // no AF_UNIX SEQPACKET
        const c = b.constants;
        const [x, y] = b.socketPair(c[kind]);
        const got: Buffer[] = [];
        let rx: NativeSocket | undefined;
        const two = new Promise<void>((resolve, reject) => {
          rx = new b.Socket(
            x,
            (err, dgrams) => {
              if (err) return reject(err);
              got.push(...dgrams);
              if (got.length >= 2) resolve();
            },
            16,
          );
        });
        const tx = new b.Socket(y, () => {}, 16);
        const big = Buffer.alloc(3000, 0).map((_, i) => i & 0xff);
        assert.equal(tx.send(Buffer.from('hello')), 5);
        assert.equal(tx.send(new Uint8Array(big)), 3000);
        rx!.start();
        await within(two, 3000, 'two datagrams');
        assert.equal(got.length, 2);
        assert.equal(got[0]!.toString(), 'hello');
        assert.equal(got[1]!.length, 3000);
        assert.ok(got[1]!.equals(big));
        tx.close();
        rx!.close();
        assert.equal(rx!.fd, -1);
      });
    }

    it('SOCK_SEQPACKET peer hang-up is reported once as EOF', async function () {
      if (process.platform === 'darwin') this.skip(); // no AF_UNIX SEQPACKET
      const c = b.constants;
      const [x, y] = b.socketPair(c.SOCK_SEQPACKET);
      const errs: unknown[] = [];
      let rx: NativeSocket | undefined;
      const eof = new Promise<void>((resolve) => {
        rx = new b.Socket(x, (err) => {
          errs.push(err);
          resolve();
        }, 16);
      });
      rx!.start();
      b.closeFd(y);
      await within(eof, 3000, 'EOF');
      // a round trip on another pair proves no second report arrives
      const [p, q] = b.socketPair(c.SOCK_DGRAM);
      const other = new Promise<void>((resolve) => {
        const s = new b.Socket(p, () => {
          s.close();
          resolve();
        }, 1);
        s.start();
      });
      const tx = new b.Socket(q, () => {}, 1);
      tx.send(Buffer.from('x'));
      await within(other, 3000, 'other pair');
      tx.close();
      assert.equal(errs.length, 1);
      assertSystemError(errs[0], 'EOF', 'recv');
      assert.ok(rx!.fd > 0, 'EOF stops polling but does not close');
      rx!.close();
    });

    it('small datagrams (slices of the Buffer pool) and large ones are Buffers of their own', async function () {
      const c = b.constants;
      const [x, y] = b.socketPair(c.SOCK_DGRAM);
      const sizes = [1, 36, 112, 4095, 4096, 5000, 60000];
      const sent = sizes.map((n, i) => Buffer.alloc(n, i + 1));
      const got: Buffer[] = [];
      let rx: NativeSocket | undefined;
      const all = new Promise<void>((resolve, reject) => {
        rx = new b.Socket(x, (err, dgrams) => {
          if (err) return reject(err);
          got.push(...dgrams);
          if (got.length >= sizes.length) resolve();
        }, 64);
      });
      const tx = new b.Socket(y, () => {}, 1);
      tx.setIntOption(c.SOL_SOCKET, c.SO_SNDBUF, 1 << 20);
      for (const d of sent) assert.equal(tx.send(d), d.length);
      rx!.start(); // all queued: read in one wake-up
      await within(all, 3000, 'datagrams');
      assert.deepEqual(got.map((d) => d.length), sizes);
      got.forEach((d, i) => {
        assert.ok(Buffer.isBuffer(d) && d instanceof Buffer, `datagram ${i} is a Buffer`);
        assert.ok(d.equals(sent[i]!), `datagram ${i} intact`);
      });
      // Writing into one changes no other (pool slices do not overlap).
      for (const d of got) d.fill(0xee);
      got.forEach((d, i) => assert.ok(d.every((v) => v === 0xee) && d.length === sizes[i]));
      tx.close();
      rx!.close();
    });

    it('a Buffer.allocUnsafe replaced before the shim loaded is not trusted with datagrams', async function () {
      if (!isLinux) this.skip();
      // In a worker (its own environment, so the shim loads anew there) allocUnsafe is
      // replaced first by one that returns plain Uint8Arrays: datagrams must still be Buffers.
      const w = new Worker(join(support, 'native-worker-patched.js'));
      const message = new Promise<{ isBuffer?: boolean; text?: string; lengths?: number[]; error?: string }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
      const exit = new Promise<number>((resolve) => w.once('exit', resolve));
      const m = await within(message, 4000, 'worker message');
      assert.equal(m.error, undefined);
      assert.equal(m.isBuffer, true);
      assert.equal(m.text, 'hello');
      assert.deepEqual(m.lengths, [5, 3000]);
      assert.equal(await within(exit, 4000, 'worker exit'), 0);
    });

    it('SOCK_DGRAM: an empty datagram is an empty Buffer; an oversized one is EMSGSIZE', async function () {
      if (!isLinux) this.skip(); // needs SO_SNDBUFFORCE for a > 256 KiB datagram
      const c = b.constants;
      const [x, y] = b.socketPair(c.SOCK_DGRAM);
      const seen: Array<string | number> = [];
      let rx: NativeSocket | undefined;
      const done = new Promise<void>((resolve) => {
        rx = new b.Socket(x, (err, dgrams) => {
          if (err) {
            assertSystemError(err, 'EMSGSIZE', 'recv');
            seen.push('EMSGSIZE');
          }
          for (const d of dgrams) seen.push(d.length);
          if (seen.length >= 3) resolve();
        }, 16);
      });
      const tx = new b.Socket(y, () => {}, 1);
      tx.setIntOption(c.SOL_SOCKET, 32 /* SO_SNDBUFFORCE */, 4 << 20);
      assert.equal(tx.send(Buffer.alloc(0)), 0);
      assert.equal(tx.send(Buffer.alloc(300 * 1024)), 300 * 1024);
      assert.equal(tx.send(Buffer.from('ok')), 2);
      rx!.start();
      await within(done, 3000, 'three datagrams');
      assert.deepEqual(seen, [0, 'EMSGSIZE', 2]);
      rx!.close();
      tx.close();
    });

    it('a failed construction does not take the descriptor; a non-socket is ENOTSOCK', function () {
      const c = b.constants;
      const [x, y] = b.socketPair(c.SOCK_DGRAM);
      assert.throws(() => new b.Socket(x, 'nope' as never, 1), TypeError);
      b.closeFd(x); // still open, still ours
      b.closeFd(y);
      const nul = openSync('/dev/null', 'r');
      try {
        assert.throws(() => new b.Socket(nul, () => {}, 1), (e) => assertSystemError(e, 'ENOTSOCK', 'getsockopt'));
      } finally {
        closeSync(nul);
      }
    });
  });

  describe('JS integration', function () {
    it('a throwing listener reaches uncaughtException (child process)', function () {
      if (!isLinux) this.skip();
      const r = runChild('native-throw-listener.ts');
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0, r.stdout);
      const lines = r.stdout.trim().split('\n');
      assert.deepEqual(lines, ['caught: boom from listener (calls=1)', 'after: fd>=0 true, lo=1', 'closed: fd=-1']);
    });

    it("an unref'd polling socket lets the process exit", function () {
      if (!isLinux) this.skip();
      const r = runChild('native-exit-unref.ts');
      assert.equal(r.signal, null, 'not killed by the timeout');
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 2, r.stdout);
      assert.equal(lines[0], 'polling');
      // it exited on its own with the socket still open and polling
      assert.match(lines[1]!, /^exit 0 fd=[1-9]\d*$/);
    });

    it("a ref'd polling socket keeps the process alive until closed", function () {
      if (!isLinux) this.skip();
      const r = runChild('native-exit-ref.ts');
      assert.equal(r.signal, null, 'not killed by the timeout');
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 3, r.stdout);
      assert.equal(lines[0], 'polling');
      assert.match(lines[1]!, /^closing after \d+ ms$/);
      assert.ok(Number(lines[1]!.match(/\d+/)![0]) >= 140);
      assert.equal(lines[2], 'exit 0 fd=-1');
    });

    for (const mode of ['dump', 'leave-open'] as const) {
      it(`works in a worker thread (${mode})`, async function () {
        if (!isLinux) this.skip();
        const w = new Worker(join(support, 'native-worker.js'), { workerData: { mode } });
        const message = new Promise<{ links?: number[]; done?: boolean; portId?: number; fd?: number; error?: string }>(
          (resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
          },
        );
        const exit = new Promise<number>((resolve) => w.once('exit', resolve));
        const m = await within(message, 4000, 'worker message');
        assert.equal(m.error, undefined);
        assert.ok(m.links!.includes(1));
        assert.equal(m.done, true);
        assert.ok(m.portId! > 0);
        assert.equal(m.fd, mode === 'dump' ? -1 : m.fd);
        if (mode === 'leave-open') assert.ok(m.fd! > 0);
        assert.equal(await within(exit, 4000, 'worker exit'), 0);
        // the main thread's shim is unaffected
        assert.equal(b.ifIndexToName(1), 'lo');
      });
    }
  });

  describe('abuse', function () {
    const fn = () => {};
    it('wrong types and missing arguments throw TypeError', function () {
      const B = b as unknown as Record<string, (...a: unknown[]) => unknown>;
      const calls: Array<[string, unknown[]]> = [
        ['open', []], ['open', ['16', 3, 0]], ['open', [16]], ['open', [16, 3, 'x']], ['open', [16, 3, null]],
        ['netlinkBind', []], ['netlinkBind', ['x', 0]], ['netlinkBind', [3]], ['netlinkBind', [3, {}]],
        ['sysctl', []], ['sysctl', ['x']], ['sysctl', [[1, 'a']]], ['sysctl', [{ length: 2 }]],
        ['ifNameToIndex', []], ['ifNameToIndex', [1]], ['ifNameToIndex', [Buffer.from('lo')]],
        ['ifIndexToName', []], ['ifIndexToName', ['lo']], ['ifIndexToName', [1n]],
        ['closeFd', []], ['closeFd', ['3']],
        ['socketPair', []], ['socketPair', [{}]],
      ];
      for (const [name, args] of calls) {
        assert.throws(() => B[name]!(...args), TypeError, `${name}(${args.map(String).join(', ')})`);
      }
      const S = b.Socket as unknown as new (...a: unknown[]) => NativeSocket;
      for (const args of [[], ['x', fn, 1], [3, 'fn', 1], [3, fn], [3, fn, '1'], [3, null, 1]]) {
        assert.throws(() => new S(...args), TypeError, `new Socket(${args.map(String).join(', ')})`);
      }
      assert.throws(() => (b.Socket as unknown as (...a: unknown[]) => unknown)(3, fn, 1), TypeError);
    });

    it('out-of-range integers throw RangeError', function () {
      assert.throws(() => b.open(1.5, 3, 0), RangeError);
      assert.throws(() => b.open(2 ** 40, 3, 0), RangeError);
      assert.throws(() => b.closeFd(-1), RangeError);
      assert.throws(() => b.netlinkBind(3, -1), RangeError);
      assert.throws(() => b.ifIndexToName(NaN), RangeError);
      assert.throws(() => new b.Socket(3, fn, 0), RangeError);
      assert.throws(() => b.sysctl([]), RangeError);
    });

    it('a foreign `this` throws TypeError on every method and the fd getter', function () {
      const proto = b.Socket.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
      const methods = ['start', 'stop', 'send', 'close', 'ref', 'unref', 'setIntOption', 'getIntOption', 'shutdown'];
      const fakes: unknown[] = [{}, undefined, null, 1, 'x', Object.create(b.Socket.prototype), b.Socket.prototype];
      for (const m of methods) {
        assert.equal(typeof proto[m], 'function', m);
        for (const self of fakes) {
          assert.throws(() => proto[m]!.call(self, 1, 2, 3), TypeError, `${m}.call(${String(self)})`);
        }
      }
      const getter = Object.getOwnPropertyDescriptor(b.Socket.prototype, 'fd')!.get!;
      for (const self of fakes) assert.throws(() => getter.call(self), TypeError);
    });

    it('a live Socket rejects bad arguments with TypeError and keeps working', function () {
      const c = b.constants;
      const [x, y] = b.socketPair(c.SOCK_DGRAM);
      const s = new b.Socket(x, fn, 1) as unknown as Record<string, (...a: unknown[]) => unknown> & NativeSocket;
      const bad: Array<[string, unknown[]]> = [
        ['send', []], ['send', ['str']], ['send', [123]], ['send', [[1, 2]]], ['send', [new ArrayBuffer(2)]],
        ['setIntOption', []], ['setIntOption', [1, 2]], ['setIntOption', [1, 2, 'x']],
        ['getIntOption', [1]], ['getIntOption', ['1', 2]], ['shutdown', []], ['shutdown', ['x']],
      ];
      for (const [m, args] of bad) assert.throws(() => s[m]!(...args), TypeError, `${m}(${args.map(String).join(', ')})`);
      assert.equal(s.send(new DataView(new ArrayBuffer(3)) as unknown as Uint8Array), 3);
      assert.equal(s.send(new Uint16Array([1, 2]) as unknown as Uint8Array), 4);
      s.close();
      b.closeFd(y);
      assert.equal(b.ifNameToIndex(isLinux ? 'lo' : 'lo0') > 0, true, 'the process survived');
    });
  });
});
