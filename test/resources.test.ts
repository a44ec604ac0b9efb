/**
 * Resource safety: descriptors, pending requests, worker threads, process exit.
 * (Valgrind over a monitor session: scripts/memcheck.sh, not part of `npm test`.)
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RouteSocket } from '../lib/socket';

const support = join(__dirname, 'support');
const isLinux = process.platform === 'linux';

function fdCount(): number {
  return readdirSync('/proc/self/fd').length;
}

function fdNames(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync('/proc/self/fd')) {
    try {
      out.set(f, readlinkSync(`/proc/self/fd/${f}`));
    } catch {
      /* the directory's own descriptor */
    }
  }
  return out;
}

function settle(): Promise<void> {
  return new Promise((r) => setImmediate(() => setImmediate(r)));
}

function noop(seq: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(16, 0);
  b.writeUInt16LE(1, 4); // NLMSG_NOOP
  b.writeUInt16LE(1, 6); // NLM_F_REQUEST without NLM_F_ACK: the kernel never answers
  b.writeUInt32LE(seq, 8);
  return b;
}

describe('resources', function () {
  this.timeout(120_000);
  before(function () {
    if (!isLinux) this.skip();
  });

  it('10,000 open/close cycles leave the descriptor count unchanged', async function () {
    // Warm-up: the first open loads the shim and initialises libuv's poller.
    RouteSocket.open().close();
    await settle();
    const before = fdCount();
    const names = fdNames();
    let maxFd = 0;
    for (let i = 0; i < 10_000; i++) {
      const s = RouteSocket.open(i % 2 ? { groups: [] } : {});
      if (s.fd > maxFd) maxFd = s.fd;
      s.close();
      if (i % 1000 === 999) await settle();
    }
    await settle();
    const after = fdCount();
    console.log(`      descriptors before ${before}, after ${after}, highest fd used ${maxFd}`);
    const now = fdNames();
    assert.equal(after, before, `new: ${[...now].filter(([k]) => !names.has(k)).map(([k, v]) => `${k}->${v}`).join(', ')}`);
    // Closed descriptors are reused: the numbers never climb.
    assert.ok(maxFd < before + 16, `fd numbers climbed to ${maxFd}`);
  });

  it('closing with 1,000 pending requests rejects every one of them', async function () {
    const s = RouteSocket.open({ groups: [] });
    const ps: Array<Promise<unknown>> = [];
    for (let i = 0; i < 1000; i++) {
      const seq = s.nextSeq();
      ps.push(s.request(noop(seq), { seq, expect: 'ack', timeout: 30_000 }));
    }
    assert.equal(s.pendingRequests, 1000);
    s.close();
    assert.equal(s.pendingRequests, 0);
    const results = await Promise.allSettled(ps);
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : 'fulfilled'));
    assert.equal(codes.filter((c) => c === 'ERR_SOCKET_CLOSED').length, 1000, JSON.stringify([...new Set(codes)]));
  });

  it('4 worker threads × 200 open/close cycles run concurrently and exit 0', async function () {
    await settle();
    const before = fdCount();
    const runs = [0, 1, 2, 3].map(async () => {
      const w = new Worker(join(support, 'resources-worker.js'), { workerData: { cycles: 200 } });
      const msg = new Promise<{ cycles?: number; rejected?: number; error?: string }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
      const exit = new Promise<number>((resolve) => w.once('exit', resolve));
      return { msg: await msg, code: await exit };
    });
    const results = await Promise.all(runs);
    for (const r of results) {
      assert.equal(r.msg.error, undefined);
      assert.equal(r.msg.cycles, 200);
      assert.equal(r.msg.rejected, 20); // every 10th cycle had a pending request
      assert.equal(r.code, 0);
    }
    await settle();
    assert.equal(fdCount(), before);
  });

  describe('the process exits when its sockets are unref’d or closed', function () {
    const run = (mode: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(support, 'resources-exit.ts'), mode], { encoding: 'utf8', timeout: 15_000 });

    it("an unref'd RouteSocket does not hold the process", function () {
      const r = run('unref');
      assert.equal(r.signal, null, 'killed by the timeout: the process did not exit');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^open fd=\d+\nexit 0\n$/);
    });

    it('a closed RouteSocket does not hold the process', function () {
      const r = run('close');
      assert.equal(r.signal, null);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^open fd=\d+\nexit 0\n$/);
    });

    it("an unref'd RouteMonitor does not hold the process", function () {
      const r = run('monitor');
      assert.equal(r.signal, null);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^monitor routes=\d+\nexit 0\n$/);
    });

    it("a ref'd open RouteSocket does hold it (the control case)", async function () {
      const c = spawn(process.execPath, ['--import', 'tsx', join(support, 'resources-exit.ts'), 'ref'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      c.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => c.on('exit', (code) => resolve(code)));
      const alive = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 2500))]);
      c.kill('SIGTERM');
      await exited;
      assert.ok(alive, `exited on its own: ${out}`);
      assert.match(out, /^open fd=\d+\n/);
    });
  });
});
