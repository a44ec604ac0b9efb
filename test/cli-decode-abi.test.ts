/**
 * `pfroute decode --os … --abi 32|64` end to end (node bin/pfroute.js after tsc): 32-bit
 * FreeBSD and OpenBSD messages decode with --abi 32, and fail or differ without it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { encodeMessage, encodeRouteMessage } from '../lib/bsd/index';
import type { InterfaceMessage, RouteMessage } from '../lib/model';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'pfroute.js');

function pfroute(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 15000, cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

// FreeBSD i386: rt_msghdr is 92 bytes (u_long inits and metrics of 4), sockaddrs padded to 4.
const FREEBSD32 = encodeRouteMessage(
  {
    type: 'add',
    flags: 0x803,
    seq: 7,
    pid: 1234,
    addrs: {
      dst: { family: 'inet', address: '198.51.100.0' },
      gateway: { family: 'inet', address: '192.0.2.1' },
      netmask: { family: 'inet', address: '255.255.255.0', prefixLength: 24 },
    },
    trimNetmask: true,
    metrics: { mtu: 1400 },
    inits: 1,
  },
  'freebsd',
  32,
);

// OpenBSD i386: the same 96-byte header as amd64, but sockaddrs padded to 4 instead of 8, so a
// 2-byte default mask shifts the ifa that follows it.
const OPENBSD32 = encodeRouteMessage(
  {
    type: 'add',
    flags: 0x803,
    seq: 1,
    addrs: {
      dst: { family: 'inet', address: '0.0.0.0' },
      gateway: { family: 'inet', address: '192.0.2.1' },
      netmask: { family: 'inet', address: '0.0.0.0', prefixLength: 0 },
      ifa: { family: 'inet', address: '192.0.2.7' },
    },
    trimNetmask: true,
  },
  'openbsd',
  32,
);

describe('pfroute decode --abi (CLI, 32-bit captures)', function () {
  before(function () {
    this.timeout(180000);
    // Build dist/ the way `npm test` does; emit happens even if another file has a type error.
    spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('tsc did not produce dist/cli/main.js');
  });

  it('sanity: the 32-bit FreeBSD message is 92 + 16 + 16 + 8 bytes', () => {
    assert.equal(FREEBSD32.length, 92 + 16 + 16 + 8);
  });

  it('FreeBSD --abi 32 decodes the route (header, metrics, sockaddrs)', () => {
    const r = pfroute(['decode', '--os', 'freebsd', '--abi', '32', '--json', '--hex', FREEBSD32.toString('hex')]);
    assert.equal(r.status, 0, r.stderr);
    const [m] = json(r.stdout) as unknown as RouteMessage[];
    assert.equal(m!.type, 'add');
    assert.equal(m!.destination, '198.51.100.0/24');
    assert.equal(m!.pid, 1234);
    assert.equal(m!.seq, 7);
    assert.equal(m!.inits, 1);
    assert.equal(m!.metrics!.mtu, 1400);
    assert.deepEqual(m!.addrs.gateway, { family: 'inet', address: '192.0.2.1' });
  });

  it('FreeBSD without --abi (64-bit) fails: the message is shorter than the 152-byte header', () => {
    const r = pfroute(['decode', '--os', 'freebsd', '--hex', FREEBSD32.toString('hex')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /shorter than the 152-byte header/);
    const r64 = pfroute(['decode', '--os', 'freebsd', '--abi', '64', '--hex', FREEBSD32.toString('hex')]);
    assert.equal(r64.status, 2);
  });

  it('FreeBSD text output with --abi 32 names the route', () => {
    const r = pfroute(['decode', '--os', 'freebsd', '--abi', '32', '--hex', FREEBSD32.toString('hex')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /198\.51\.100\.0\/24/);
  });

  it('OpenBSD --abi 32 gives ifa 192.0.2.7; --abi 64 reads it 4 bytes late (differs or fails)', () => {
    const r32 = pfroute(['decode', '--os', 'openbsd', '--abi', '32', '--json', '--hex', OPENBSD32.toString('hex')]);
    assert.equal(r32.status, 0, r32.stderr);
    const [m32] = json(r32.stdout) as unknown as RouteMessage[];
    assert.equal(m32!.destination, 'default');
    assert.deepEqual(m32!.addrs.ifa, { family: 'inet', address: '192.0.2.7' });

    const r64 = pfroute(['decode', '--os', 'openbsd', '--json', '--hex', OPENBSD32.toString('hex')]);
    if (r64.status === 0) {
      const [m64] = json(r64.stdout) as unknown as RouteMessage[];
      assert.notDeepEqual(m64!.addrs.ifa, { family: 'inet', address: '192.0.2.7' });
    } else {
      assert.equal(r64.status, 2);
      assert.match(r64.stderr, /sockaddr\[ifa\]/);
    }
  });

  it('OpenBSD i386 RTM_IFINFO: if_msghdr of 160 bytes decodes with --abi 32', () => {
    const m: InterfaceMessage = {
      kind: 'interface', type: 'ifinfo', version: 5, index: 3, flags: [], rawFlags: 0x8843, tableid: 0, xflags: 0,
      addrs: { ifp: { family: 'link', address: '00:0c:29:aa:bb:cc', index: 3, type: 6, name: 'em0', mac: '00:0c:29:aa:bb:cc' } },
      data: { type: 6, mtu: 1500, metric: 0, linkState: 4, baudrate: 1_000_000_000, ipackets: 42 },
    };
    const buf = encodeMessage(m, 'openbsd', 32);
    assert.equal(buf.readUInt16LE(4), 160, 'ifm_hdrlen');
    const r = pfroute(['decode', '--os', 'openbsd', '--abi', '32', '--json', '--hex', buf.toString('hex')]);
    assert.equal(r.status, 0, r.stderr);
    const [d] = json(r.stdout) as unknown as InterfaceMessage[];
    assert.equal(d!.name, 'em0');
    assert.equal(d!.data.ipackets, 42);
    // 64-bit: ifm_hdrlen 160 is shorter than the 168-byte amd64 header
    const r64 = pfroute(['decode', '--os', 'openbsd', '--hex', buf.toString('hex')]);
    assert.equal(r64.status, 2);
    assert.match(r64.stderr, /ifm_hdrlen/);
  });

  it('--abi takes only 32 or 64', () => {
    const r = pfroute(['decode', '--os', 'freebsd', '--abi', '16', '--hex', '00']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /--abi takes 32 or 64/);
  });
});
