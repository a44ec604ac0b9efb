/**
 * RouteMonitor: a live copy of the table that converges after overflow.
 * Runs in the private netns of `npm test` (scripts/test.js); routes in 198.18.0.0/15
 * and 203.0.113.0/24 via 192.0.2.2 on the veth pfr0.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RouteMonitor, type ResyncInfo, type RouteDiff } from '../lib/monitor';
import type { Route } from '../lib/model';
import { ensureVeth, inPrivateNetns, ip, requireNetns } from './support/netns';

interface IpRoute {
  dst: string;
  gateway?: string;
  dev?: string;
  metric?: number;
}

function ipView(): string[] {
  if (!inPrivateNetns()) throw new Error('refusing to run ip outside a private network namespace');
  // Large tables: more than execFileSync's default 1 MiB of JSON.
  const out = execFileSync('ip', ['-j', 'route', 'show'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return (JSON.parse(out || '[]') as IpRoute[])
    .map((r) => `${r.dst}|${r.gateway ?? ''}|${r.dev ?? ''}|${r.metric ?? 0}`)
    .sort();
}

function monitorView(m: RouteMonitor): string[] {
  return m
    .routes()
    .filter((r) => r.family === 'inet')
    .map((r) => `${r.destination.replace(/\/32$/, '')}|${r.gateway ?? ''}|${r.interface ?? ''}|${r.metric ?? 0}`)
    .sort();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function once<T extends unknown[]>(m: RouteMonitor, event: 'add' | 'delete' | 'change' | 'resync' | 'changed', ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms);
    (m as unknown as { once(e: string, f: (...a: T) => void): void }).once(event, (...a: T) => {
      clearTimeout(t);
      resolve(a);
    });
  });
}

/** `ip -batch file` in another process (async, so this loop keeps reading). */
function ipBatch(file: string): Promise<{ code: number | null; stderr: string }> {
  if (!inPrivateNetns()) throw new Error('refusing to run ip outside a private network namespace');
  return new Promise((resolve) => {
    const c = spawn('ip', ['-force', '-batch', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    c.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('RouteMonitor', function () {
  this.timeout(120_000);
  let mon: RouteMonitor | null = null;

  before(function () {
    requireNetns(this);
    ensureVeth();
  });
  afterEach(function () {
    mon?.close();
    mon = null;
  });

  it('starts with the same view as `ip route show`, then follows add/change/delete', async function () {
    mon = await RouteMonitor.start({ family: 'inet' });
    assert.deepEqual(monitorView(mon), ipView());
    const added = once<[Route]>(mon, 'add');
    ip('route', 'add', '203.0.113.0/25', 'via', '192.0.2.2');
    const [r] = await added;
    assert.equal(r.destination, '203.0.113.0/25');
    assert.equal(r.gateway, '192.0.2.2');
    assert.equal(r.interface, 'pfr0');
    const changed = once<[Route, Route]>(mon, 'change');
    ip('route', 'replace', '203.0.113.0/25', 'via', '192.0.2.3');
    const [after, before] = await changed;
    assert.equal(before.gateway, '192.0.2.2');
    assert.equal(after.gateway, '192.0.2.3');
    const deleted = once<[Route]>(mon, 'delete');
    ip('route', 'del', '203.0.113.0/25');
    assert.equal((await deleted)[0].destination, '203.0.113.0/25');
    assert.deepEqual(monitorView(mon), ipView());
  });

  it('IPv6: one entry per link and next hop (fe80::/64 on both veth ends); replace swaps the next hop', async function () {
    mon = await RouteMonitor.start({ family: 'inet6' });
    const v6 = () =>
      mon!
        .routes()
        .map((r) => `${r.destination.replace(/\/128$/, '')}|${r.gateway ?? ''}|${r.interface ?? ''}|${r.metric ?? 0}`)
        .sort();
    const ip6 = () =>
      (JSON.parse(execFileSync('ip', ['-6', '-j', 'route', 'show'], { encoding: 'utf8' }) || '[]') as IpRoute[])
        .map((r) => `${r.dst}|${r.gateway ?? ''}|${r.dev ?? ''}|${r.metric ?? 0}`)
        .sort();
    assert.ok(v6().filter((k) => k.startsWith('fe80::/64|')).length >= 2, JSON.stringify(v6()));
    assert.deepEqual(v6(), ip6());
    const added = once<[Route]>(mon, 'add');
    ip('-6', 'route', 'add', '2001:db8:5::/48', 'via', '2001:db8:1::2');
    assert.equal((await added)[0].gateway, '2001:db8:1::2');
    ip('-6', 'route', 'replace', '2001:db8:5::/48', 'via', '2001:db8:1::3');
    await sleep(300);
    assert.deepEqual(mon.routes().filter((r) => r.destination === '2001:db8:5::/48').map((r) => r.gateway), ['2001:db8:1::3']);
    assert.deepEqual(v6(), ip6());
    ip('-6', 'route', 'del', '2001:db8:5::/48');
    await sleep(300);
    assert.deepEqual(v6(), ip6());
  });

  it('resync() re-dumps and reports the difference (none when in step)', async function () {
    mon = await RouteMonitor.start({ family: 'inet' });
    const info = await mon.resync();
    assert.deepEqual({ ...info }, { reason: 'request', added: 0, removed: 0, changed: 0, routes: monitorView(mon).length });
    assert.equal(mon.stats.resyncs, 1);
  });

  it("debounced 'changed' carries one snapshot difference for a run of events", async function () {
    mon = await RouteMonitor.start({ family: 'inet', debounceMs: 150 });
    const diffs: RouteDiff[] = [];
    mon.on('changed', (d) => diffs.push(d));
    ip('route', 'add', '203.0.113.64/26', 'via', '192.0.2.2');
    ip('route', 'add', '203.0.113.128/26', 'via', '192.0.2.2');
    ip('route', 'replace', '203.0.113.64/26', 'via', '192.0.2.3');
    ip('route', 'del', '203.0.113.128/26');
    await sleep(600);
    assert.equal(diffs.length, 1, JSON.stringify(diffs));
    const d = diffs[0]!;
    assert.deepEqual(d.added.map((r) => `${r.destination} ${r.gateway}`), ['203.0.113.64/26 192.0.2.3']);
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.changed, []);
    ip('route', 'del', '203.0.113.64/26');
    await sleep(600);
    assert.equal(diffs.length, 2);
    assert.deepEqual(diffs[1]!.removed.map((r) => r.destination), ['203.0.113.64/26']);
  });

  it('filters: types limit the events, flags and interfaces limit the view', async function () {
    mon = await RouteMonitor.start({ family: 'inet', filter: { types: ['delete'], flags: ['GATEWAY'], interfaces: ['pfr0'] } });
    assert.ok(mon.routes().every((r) => r.flags.includes('GATEWAY') && r.interface === 'pfr0'));
    const seen: string[] = [];
    mon.on('add', (r) => seen.push(`add ${r.destination}`));
    mon.on('delete', (r) => seen.push(`delete ${r.destination}`));
    ip('route', 'add', '203.0.113.32/27', 'via', '192.0.2.2'); // tracked, add not emitted
    ip('route', 'add', '203.0.113.96/27', 'dev', 'pfr0'); // no GATEWAY flag: not tracked
    await sleep(300);
    assert.deepEqual(mon.routes().filter((r) => r.destination.startsWith('203.0.113.')).map((r) => r.destination), ['203.0.113.32/27']);
    ip('route', 'del', '203.0.113.32/27');
    ip('route', 'del', '203.0.113.96/27');
    await sleep(300);
    assert.deepEqual(seen, ['delete 203.0.113.32/27']);
  });

  it('started in the middle of a burst (overflow during the first dump): still converges', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'pfroute-burst-'));
    const file = join(dir, 'batch');
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(`route add 198.19.${i >> 8}.${i & 255}/32 via 192.0.2.2`);
    for (let i = 0; i < 10_000; i++) lines.push(`route del 198.19.${(i * 2) >> 8}.${(i * 2) & 255}/32`);
    writeFileSync(file, lines.join('\n') + '\n');
    try {
      const burst = ipBatch(file);
      await sleep(50);
      mon = await RouteMonitor.start({ family: 'inet', receiveBufferSize: 4096 });
      const r = await burst;
      assert.equal(r.code, 0, r.stderr);
      const deadline = Date.now() + 60_000;
      let want = ipView();
      let got = monitorView(mon);
      while (Date.now() < deadline) {
        want = ipView();
        got = monitorView(mon);
        if (got.length === want.length && got.every((x, i) => x === want[i])) break;
        await sleep(250);
      }
      assert.deepEqual(got, want);
      assert.equal(want.filter((x) => x.startsWith('198.19.')).length, 10_000);
      console.log(`      overflows ${mon.stats.overflows}, resyncs ${mon.stats.resyncs}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      mon?.close();
      mon = null;
      try {
        ip('route', 'flush', 'root', '198.19.0.0/16');
      } catch {
        /* none left */
      }
    }
  });

  it('a burst of 100,000 changes by another process against a 32 KiB buffer: overflow seen, view converges to `ip route`', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'pfroute-burst-'));
    const file = join(dir, 'batch');
    // 60,000 adds of 198.18.x.y/32 then 40,000 deletes: 100,000 changes, 20,000 routes left.
    const lines: string[] = [];
    const addr = (i: number) => `198.18.${i >> 8}.${i & 255}/32`;
    for (let i = 0; i < 60_000; i++) lines.push(`route add ${addr(i)} via 192.0.2.2`);
    for (let i = 0; i < 40_000; i++) lines.push(`route del ${addr(i * 1.5 | 0)}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const resyncs: ResyncInfo[] = [];
    let events = 0;
    try {
      mon = await RouteMonitor.start({ family: 'inet', receiveBufferSize: 32 * 1024 });
      mon.on('add', () => events++);
      mon.on('delete', () => events++);
      mon.on('resync', (i) => resyncs.push(i));
      const t0 = Date.now();
      const r = await ipBatch(file);
      assert.equal(r.code, 0, r.stderr);
      const burstMs = Date.now() - t0;
      // Converges within a bounded wait after the burst ends.
      const deadline = Date.now() + 60_000;
      let want = ipView();
      let got = monitorView(mon);
      while (Date.now() < deadline) {
        want = ipView();
        got = monitorView(mon);
        if (got.length === want.length && got.every((x, i) => x === want[i])) break;
        await sleep(250);
      }
      const convergeMs = Date.now() - t0 - burstMs;
      assert.equal(want.filter((x) => x.startsWith('198.18.')).length, 20_000);
      assert.deepEqual(got, want);
      const s = mon.stats;
      console.log(
        `      burst ${burstMs} ms, converged ${convergeMs} ms after; overflows ${s.overflows}, resyncs ${s.resyncs}, ` +
          `events applied ${s.events}, add/delete emitted ${events}, view ${got.length} routes`,
      );
      assert.ok(s.overflows > 0, 'expected the 32 KiB buffer to overflow');
      assert.ok(s.resyncs > 0 && resyncs.length === s.resyncs);
      assert.ok(resyncs.every((i) => i.reason === 'overflow'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      mon?.close();
      mon = null;
      // Leave the table as it was: flush the burst's routes.
      try {
        ip('route', 'flush', 'root', '198.18.0.0/15');
      } catch {
        /* none left */
      }
    }
  });
});
