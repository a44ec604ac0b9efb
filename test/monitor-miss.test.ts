/**
 * RTM_MISS: what `pfroute monitor` hides unless --miss is given.
 *
 * The CLI opens the host's socket (rtnetlink here, which has no RTM_MISS), so these
 * tests feed a hand-built darwin RTM_MISS through an adopted descriptor and apply the
 * CLI's own filter (monitorShows): the miss arrives as a RouteMessage of type 'miss'
 * (on 'miss' and 'message'), and the filter hides it unless --miss, keeping the rest.
 */
import assert from 'node:assert/strict';
import { encodeRouteMessage } from '../lib/bsd/index';
import { monitorShows } from '../lib/cli/monitor';
import type { Message, RouteMessage } from '../lib/model';
import { native } from '../lib/native';
import { RouteSocket } from '../lib/socket';

function darwinMessage(type: 'miss' | 'add', seq: number): Buffer {
  return encodeRouteMessage(
    {
      type,
      flags: type === 'miss' ? 0 : 0x803,
      seq,
      pid: 0,
      addrs: {
        dst: { family: 'inet', address: '203.0.113.9' },
        ...(type === 'add' ? { gateway: { family: 'inet' as const, address: '192.0.2.1' }, netmask: { family: 'inet' as const, address: '255.255.255.0', prefixLength: 24 } } : {}),
      },
    },
    'darwin',
  );
}

/** The CLI's own rule: RTM_MISS is printed only with --miss. */
const shown = (m: Message, miss: boolean) => monitorShows(m, { miss });

describe('RTM_MISS over an adopted darwin socket', function () {
  it("a hand-built darwin RTM_MISS arrives as type 'miss'; the monitor rule hides it unless --miss", async function () {
    const n = native();
    const [a, b] = n.socketPair(n.constants.SOCK_SEQPACKET);
    const sock = RouteSocket.adopt(a, { platform: 'darwin' });
    const sender = RouteSocket.adopt(b, { platform: 'darwin' });
    try {
      const all: Message[] = [];
      const misses: RouteMessage[] = [];
      const adds: RouteMessage[] = [];
      sock.on('message', (m) => all.push(m));
      sock.on('miss', (m) => misses.push(m));
      sock.on('add', (m) => adds.push(m));
      const done = new Promise<void>((resolve) => {
        sock.on('message', () => {
          if (all.length === 3) resolve();
        });
      });
      sender.send(darwinMessage('miss', 1));
      sender.send(darwinMessage('add', 2));
      sender.send(darwinMessage('miss', 3));
      await done;
      assert.deepEqual(all.map((m) => m.type), ['miss', 'add', 'miss']);
      assert.equal(misses.length, 2);
      assert.equal(adds.length, 1);
      const miss = misses[0]!;
      assert.equal(miss.kind, 'route');
      assert.equal(miss.version, 5);
      assert.equal(miss.seq, 1);
      assert.equal(miss.addrs.dst?.address, '203.0.113.9');
      // Default (no --miss): only the add is shown; with --miss all three.
      assert.deepEqual(all.filter((m) => shown(m, false)).map((m) => m.type), ['add']);
      assert.deepEqual(all.filter((m) => shown(m, true)).map((m) => m.type), ['miss', 'add', 'miss']);
    } finally {
      sock.close();
      sender.close();
    }
  });
});
