/**
 * Route operations speaking the BSD formats, proven without a BSD kernel: the
 * dry-run bytes equal what route(8)-style clients sent a real NetBSD kernel, and
 * the kernel's replies (including refusals) decode to the right results.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from '../lib/codec';
import { routeError } from '../lib/errno';
import type { BsdOsName, RouteMessage } from '../lib/model';
import { addRoute, changeRoute, deleteRoute, getRoute } from '../lib/routes';
import type { RouteSpec } from '../lib/spec';

const NETBSD = join(__dirname, 'fixtures', 'vectors', 'netbsd-kernel');
const capture = (name: string) => readFileSync(join(NETBSD, `${name}.bin`));

/** Our dry run with the capture's pid and seq (the only fields a client chooses freely). */
function withIds(ours: Buffer, theirs: Buffer): Buffer {
  const b = Buffer.from(ours);
  b.writeInt32LE(theirs.readInt32LE(16), 16); // rtm_pid
  b.writeInt32LE(theirs.readInt32LE(20), 20); // rtm_seq
  return b;
}

describe('route operations in the NetBSD wire format (byte-exact against a real kernel\'s requests)', () => {
  const os = { dryRun: true as const, os: 'netbsd' as const };
  const cases: Array<[string, 'add' | 'change' | 'delete' | 'get', RouteSpec]> = [
    ['00-add-10.1.0.0_16-request', 'add', { destination: '10.1.0.0/16', gateway: '127.0.0.1' }],
    ['12-change-mtu-10.1.0.0_16-request', 'change', { destination: '10.1.0.0/16', gateway: '127.0.0.1', metrics: { mtu: 1400 } }],
    ['21-delete-10.1.0.0_16-request', 'delete', { destination: '10.1.0.0/16' }],
    ['36-add-blackhole-10.2.0.0_16-request', 'add', { destination: '10.2.0.0/16', gateway: '127.0.0.1', blackhole: true }],
    ['38-add-reject-host-10.3.3.3-request', 'add', { destination: '10.3.3.3', gateway: '127.0.0.1', reject: true }],
    ['42-add6-2001_db8__32-request', 'add', { destination: '2001:db8::/32', gateway: '::1' }],
    ['07-get-routecmd-10.1.2.3-request', 'get', { destination: '10.1.2.3' }],
  ];
  for (const [name, op, spec] of cases) {
    it(`${op} ${JSON.stringify(spec)} = ${name}`, async () => {
      const fn = op === 'add' ? addRoute : op === 'change' ? changeRoute : op === 'delete' ? deleteRoute : getRoute;
      const d = await fn(spec, os);
      const theirs = capture(name);
      assert.equal(d.os, 'netbsd');
      assert.equal(withIds(d.bytes, theirs).toString('hex'), theirs.toString('hex'));
    });
  }

  it('the kernel\'s replies decode to the results the operations report', () => {
    const reply = decode(capture('01-add-10.1.0.0_16-reply'), { os: 'netbsd' })[0] as RouteMessage;
    assert.equal(reply.type, 'add');
    assert.equal(reply.errno, 0);
    assert.ok(reply.flags.includes('DONE'));
    assert.equal(reply.destination, '10.1.0.0/16');
    const get = decode(capture('08-get-routecmd-10.1.2.3-reply'), { os: 'netbsd' })[0] as RouteMessage;
    assert.equal(get.destination, '10.1.0.0/16');
    assert.equal(get.addrs.gateway?.address, '127.0.0.1');
    assert.ok(get.addrs.ifp?.family === 'link' && get.addrs.ifp.name === 'lo0');
    const del = decode(capture('22-delete-10.1.0.0_16-reply'), { os: 'netbsd' })[0] as RouteMessage;
    assert.equal(del.type, 'delete');
    assert.ok(!del.flags.includes('UP'), 'a deleted route is no longer UP');
  });

  const refusals: Array<[string, string, string, RegExp]> = [
    ['19-add-dup-10.1.0.0_16-reply', 'add', 'EEXIST', /route already exists \(EEXIST, errno 17\)/],
    ['25-delete-missing-10.1.0.0_16-reply', 'delete', 'ESRCH', /not in table \(ESRCH, errno 3\)/],
    ['27-get-missing-10.1.2.3-reply', 'get', 'ESRCH', /not in table \(ESRCH, errno 3\)/],
    ['31-get-badversion3-reply', 'get', 'EPROTONOSUPPORT', /\(EPROTONOSUPPORT, errno 43\)/],
  ];
  for (const [name, op, code, words] of refusals) {
    it(`error reply ${name} becomes ${code} in NetBSD numbering`, () => {
      const m = decode(capture(name), { os: 'netbsd' })[0] as RouteMessage;
      assert.ok(m.errno && m.errno > 0);
      const err = routeError('netbsd', m.errno, undefined, op, m.destination ?? '');
      assert.equal(err.code, code);
      assert.match(err.message, words);
      assert.equal(err.syscall, 'write');
      assert.equal(err.osErrno, m.errno);
    });
  }
});

describe('route operations in the darwin and freebsd formats (route(8)\'s messages, from the reference layouts)', () => {
  // Field-by-field expectations from ../shared/reference/bsd-rtsock-layouts.md.
  const hdr: Record<'darwin' | 'freebsd', { size: number; inits: number; rmx: number; align: number; af6: number }> = {
    darwin: { size: 92, inits: 32, rmx: 36, align: 4, af6: 30 },
    freebsd: { size: 152, inits: 32, rmx: 40, align: 8, af6: 28 },
  };
  for (const os of ['darwin', 'freebsd'] as const) {
    const L = hdr[os];
    it(`${os}: route add -net 198.51.100.0/24 192.0.2.1 -mtu 1400`, async () => {
      const d = await addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.1', metrics: { mtu: 1400 } }, { dryRun: true, os });
      const b = d.bytes;
      assert.equal(b.readUInt16LE(0), b.length, 'rtm_msglen');
      assert.equal(b[2], 5, 'RTM_VERSION 5');
      assert.equal(b[3], 1, 'RTM_ADD');
      assert.equal(b.readInt32LE(8), 0x1 | 0x2 | 0x800, 'flags UP|GATEWAY|STATIC');
      assert.equal(b.readInt32LE(12), 0x7, 'addrs DST|GATEWAY|NETMASK');
      assert.equal(b.readInt32LE(16), process.pid, 'rtm_pid');
      assert.equal(b.readInt32LE(20), 1, 'rtm_seq');
      assert.equal(b.readUInt32LE(L.inits), 0x1, 'rtm_inits RTV_MTU');
      const mtuOff = L.rmx + (os === 'darwin' ? 4 : 8);
      assert.equal(b.readUInt32LE(mtuOff), 1400, 'rmx_mtu');
      // DST sockaddr_in right after the header.
      let o = L.size;
      assert.deepEqual([...b.subarray(o, o + 8)], [16, 2, 0, 0, 198, 51, 100, 0]);
      o += 16;
      assert.deepEqual([...b.subarray(o, o + 8)], [16, 2, 0, 0, 192, 0, 2, 1]);
      o += 16;
      assert.equal(b[o + 1], 2, 'netmask family AF_INET');
      assert.deepEqual([...b.subarray(o + 4, o + 7)], [255, 255, 255]);
      const m = d.messages[0] as RouteMessage;
      assert.equal(m.destination, '198.51.100.0/24');
      assert.equal(m.metrics?.mtu, 1400);
    });

    it(`${os}: route get 198.51.100.7 sends DST and an empty AF_LINK ifp`, async () => {
      const d = await getRoute('198.51.100.7', { dryRun: true, os });
      const b = d.bytes;
      assert.equal(b[3], 4, 'RTM_GET');
      assert.equal(b.readInt32LE(8), 0x1 | 0x4 | 0x800, 'UP|HOST|STATIC');
      assert.equal(b.readInt32LE(12), 0x1 | 0x10, 'DST|IFP');
      const ifp = L.size + 16;
      assert.equal(b[ifp + 1], 18, 'AF_LINK');
      assert.equal(b.length, ifp + (os === 'darwin' ? 20 : 56), 'empty sockaddr_dl, padded');
    });

    it(`${os}: an IPv6 link-local gateway carries its zone the way ${os} expects`, async () => {
      const d = await addRoute({ destination: '2001:db8::/32', gateway: 'fe80::1%4' }, { dryRun: true, os });
      const b = d.bytes;
      const gw = L.size + 28 + (L.align === 8 ? 4 : 0);
      assert.equal(b[gw], 28, 'sin6_len');
      assert.equal(b[gw + 1], L.af6, 'AF_INET6 of this OS');
      if (os === 'darwin') {
        assert.equal(b.readUInt16BE(gw + 8 + 2), 4, 'KAME: the scope is embedded in bytes 2-3 of the address');
      } else {
        assert.equal(b.readUInt32LE(gw + 24), 4, 'sin6_scope_id');
      }
      const m = d.messages[0] as RouteMessage;
      assert.deepEqual(m.addrs.gateway, { family: 'inet6', address: 'fe80::1', zone: 4 });
    });
  }

  it('darwin: -ifscope sets RTF_IFSCOPE and rtm_index', async () => {
    const d = await addRoute({ destination: 'default', gateway: '192.0.2.1', ifscope: 7 }, { dryRun: true, os: 'darwin' });
    assert.equal(d.bytes.readUInt16LE(4), 7, 'rtm_index');
    assert.ok((d.bytes.readUInt32LE(8) & 0x1000000) !== 0, 'RTF_IFSCOPE');
    const m = d.messages[0] as RouteMessage;
    assert.ok(m.flags.includes('IFSCOPE'));
    assert.equal(m.destination, 'default');
  });

  it('an interface gateway is a sockaddr_dl with the index (route(8) -interface)', async () => {
    for (const os of ['darwin', 'freebsd', 'openbsd', 'netbsd', 'dragonfly'] as BsdOsName[]) {
      const d = await addRoute({ destination: '203.0.113.0/24', gateway: { interface: 9 } }, { dryRun: true, os });
      const m = d.messages[0] as RouteMessage;
      assert.ok(!m.flags.includes('GATEWAY'), `${os}: no RTF_GATEWAY`);
      assert.ok(m.addrs.gateway?.family === 'link' && m.addrs.gateway.index === 9, `${os}: link gateway index 9`);
    }
  });

  it('flags a format lacks are refused before anything is built', async () => {
    await assert.rejects(addRoute({ destination: 'default', gateway: '192.0.2.1', ifscope: 3 }, { dryRun: true, os: 'freebsd' }), TypeError);
    await assert.rejects(addRoute({ destination: 'default', gateway: '192.0.2.1', metric: 5 }, { dryRun: true, os: 'netbsd' }), TypeError);
    await assert.rejects(addRoute({ destination: 'default', gateway: '192.0.2.1', table: 2 }, { dryRun: true, os: 'darwin' }), TypeError);
  });

  it('openbsd: the table goes in rtm_tableid', async () => {
    const d = await addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.1', table: 3 }, { dryRun: true, os: 'openbsd' });
    assert.equal(d.bytes.readUInt16LE(8), 3, 'rtm_tableid @8');
    assert.equal((d.messages[0] as RouteMessage).tableid, 3);
  });
});
