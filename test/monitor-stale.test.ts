/**
 * RouteMonitor after an overflow must not apply events from before the gap.
 *
 * Linux returns a pending ENOBUFS before the datagrams still queued, and those are
 * older than the messages the kernel dropped. Replayed after the resync dump, an
 * old "add X" whose "delete X" was dropped would put X back in the view for good.
 * This test makes exactly that happen: the event loop is held while another process
 * adds X, floods the 4 KiB queue, and deletes X (that delete is dropped).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { RouteMonitor } from '../lib/monitor';
import { ensureVeth, ip, ipJson, requireNetns } from './support/netns';

const X = '203.0.113.77';

describe('RouteMonitor: no stale events after an overflow', function () {
  this.timeout(60000);
  before(function () {
    requireNetns(this);
    ensureVeth();
  });
  after(() => {
    try {
      ip('route', 'flush', 'root', '198.18.0.0/15');
    } catch {
      /* none */
    }
  });

  it('a route added and then deleted inside the gap is not in the view afterwards', async function () {
    const mon = await RouteMonitor.start({ family: 'inet', receiveBufferSize: 4096 });
    try {
      const lines = [`route add ${X}/32 via 192.0.2.2`];
      for (let i = 0; i < 4000; i++) lines.push(`route add 198.18.${i >> 8}.${i & 255}/32 via 192.0.2.2`);
      lines.push(`route del ${X}/32`);
      const file = '/tmp/pfroute-stale-batch.txt';
      writeFileSync(file, lines.join('\n') + '\n');
      const child = spawn('ip', ['-batch', file], { stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      // Hold the event loop until the batch is done, so nothing is read meanwhile:
      // the queue keeps its first messages (add X among them) and drops the rest.
      const until = Date.now() + 20000;
      while (Date.now() < until) {
        const done = ipJson<Array<{ dst: string }>>('route', 'show', 'exact', `${X}/32`).length === 0 &&
          ipJson<Array<{ dst: string }>>('route', 'show', 'exact', '198.18.15.159/32').length === 1;
        if (done) break;
      }
      assert.equal(await exited, 0);
      // Now let the monitor read, overflow and resync; then wait until it is quiet.
      let last = Date.now();
      const touch = () => (last = Date.now());
      mon.on('add', touch);
      mon.on('delete', touch);
      mon.on('resync', touch);
      while (Date.now() - last < 1500) await new Promise((r) => setTimeout(r, 100));
      assert.ok(mon.stats.overflows > 0, 'the queue overflowed');
      const inView = mon.routes().some((r) => r.destination === `${X}/32`);
      assert.equal(inView, false, `${X}/32 was deleted in the gap and must not come back from a stale event`);
      assert.equal(mon.routes().filter((r) => r.destination.startsWith('198.18.')).length, 4000);
    } finally {
      mon.close();
    }
  });
});
