import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureVeth, ipJson, requireNetns } from './support/netns';

const BIN = join(__dirname, '..', 'bin', 'pfroute.js');

function pfroute(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 15000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface IpRoute {
  dst: string;
  gateway?: string;
  dev?: string;
  type?: string;
  metrics?: Array<{ mtu?: number }>;
}
const exact = (dst: string, fam = '-4') => ipJson<IpRoute[]>(fam, 'route', 'show', 'exact', dst)[0];

describe('pfroute add | get | change | delete | flush (route(8) syntax) on the real kernel', function () {
  this.timeout(30000);
  before(function () {
    requireNetns(this);
    ensureVeth();
  });

  it('pfroute add 198.51.100.0/24 192.0.2.2', () => {
    const r = pfroute('add', '198.51.100.0/24', '192.0.2.2');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'add 198.51.100.0/24 via 192.0.2.2\n');
    assert.equal(exact('198.51.100.0/24')?.gateway, '192.0.2.2');
  });

  it('pfroute get 198.51.100.7 prints the block route -n get users know', () => {
    const r = pfroute('get', '198.51.100.7');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '   route to: 198.51.100.7');
    assert.equal(lines[1], 'destination: 198.51.100.0');
    assert.equal(lines[2], '       mask: 255.255.255.0');
    assert.equal(lines[3], '    gateway: 192.0.2.2');
    assert.equal(lines[4], '  interface: pfr0');
    assert.match(r.stdout, /^      flags: <UP,GATEWAY,STATIC>$/m);
    assert.match(r.stdout, /^ recvpipe  sendpipe  ssthresh  rtt,msec    rttvar  hopcount      mtu     expire$/m);
  });

  it('pfroute get default prints the default route', () => {
    assert.equal(pfroute('add', 'default', '192.0.2.2').code, 0);
    try {
      const r = pfroute('get', 'default');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^   route to: default\ndestination: default\n       mask: default\n    gateway: 192\.0\.2\.2\n  interface: pfr0\n/);
    } finally {
      assert.equal(pfroute('delete', 'default').code, 0);
    }
  });

  it('pfroute get --json agrees with ip route get', () => {
    const r = pfroute('get', '--json', '198.51.100.7');
    assert.equal(r.code, 0, r.stderr);
    const got = JSON.parse(r.stdout) as { destination: string; gateway: string; interface: string; source: string };
    const witness = ipJson<Array<{ gateway: string; dev: string; prefsrc: string }>>('route', 'get', '198.51.100.7')[0]!;
    assert.equal(got.destination, '198.51.100.0/24');
    assert.equal(got.gateway, witness.gateway);
    assert.equal(got.interface, witness.dev);
    assert.equal(got.source, witness.prefsrc);
  });

  it('pfroute change 198.51.100.0/24 192.0.2.3 -mtu 1400', () => {
    const r = pfroute('change', '198.51.100.0/24', '192.0.2.3', '-mtu', '1400');
    assert.equal(r.code, 0, r.stderr);
    const x = exact('198.51.100.0/24');
    assert.equal(x?.gateway, '192.0.2.3');
    assert.equal(x?.metrics?.[0]?.mtu, 1400);
  });

  it('a duplicate add fails with "route already exists" and the errno code', () => {
    const r = pfroute('add', '198.51.100.0/24', '192.0.2.3');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^pfroute add: add 198\.51\.100\.0\/24 via 192\.0\.2\.3: route already exists \(EEXIST, errno 17\)\n$/);
  });

  it('pfroute delete, then delete again: "not in table"', () => {
    let r = pfroute('delete', '198.51.100.0/24');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(exact('198.51.100.0/24'), undefined);
    r = pfroute('delete', '198.51.100.0/24');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not in table \(ESRCH, errno 3\)/);
  });

  it('-interface, -blackhole, -reject, -inet6 with a zoned gateway, --json results', () => {
    let r = pfroute('add', '-net', '203.0.113.0/25', 'pfr1', '-interface');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(exact('203.0.113.0/25')?.dev, 'pfr1');
    r = pfroute('add', '-net', '198.18.0.0/15', '127.0.0.1', '-blackhole');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(exact('198.18.0.0/15')?.type, 'blackhole');
    r = pfroute('add', '203.0.113.128/25', '-reject');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(exact('203.0.113.128/25')?.type, 'unreachable');
    r = pfroute('--json', 'add', '-inet6', '2001:db8:200::/48', 'fe80::1%pfr0');
    assert.equal(r.code, 0, r.stderr);
    const res = JSON.parse(r.stdout) as { op: string; result: { destination: string; gateway: string; interface: string } };
    assert.equal(res.op, 'add');
    assert.equal(res.result.destination, '2001:db8:200::/48');
    assert.equal(res.result.gateway, 'fe80::1%pfr0');
    assert.equal(exact('2001:db8:200::/48', '-6')?.gateway, 'fe80::1');
  });

  it('pfroute flush removes the gateway routes only', () => {
    assert.equal(pfroute('add', 'default', '192.0.2.2').code, 0);
    const r = pfroute('flush', '-inet');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^default +192\.0\.2\.2 +done$/m);
    const left = ipJson<IpRoute[]>('-4', 'route', 'show').map((x) => x.dst).sort();
    assert.deepEqual(left, ['192.0.2.0/24', '198.18.0.0/15', '203.0.113.0/25', '203.0.113.128/25']);
    for (const d of ['198.18.0.0/15', '203.0.113.0/25', '203.0.113.128/25']) assert.equal(pfroute('delete', d).code, 0);
    assert.equal(pfroute('flush', '-inet6').code, 0);
    assert.equal(exact('2001:db8:200::/48', '-6'), undefined);
  });

  it('--dry-run prints the bytes and their decoding and changes nothing', () => {
    const before = ipJson('route', 'show');
    const r = pfroute('add', '198.51.100.0/24', '192.0.2.2', '--dry-run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^dry run: add 198\.51\.100\.0\/24 via 192\.0\.2\.2 \(linux, \d+ bytes, not sent\)\n[0-9a-f\n]+RTM_ADD: Add Route/);
    assert.deepEqual(ipJson('route', 'show'), before);
  });
});

describe('pfroute route commands without a kernel', () => {
  it('--dry-run --os darwin builds the message route(8) would send', () => {
    const r = pfroute('add', '-net', '198.51.100.0/24', '192.0.2.1', '-ifscope', '4', '--dry-run', '--os', 'darwin', '--json');
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as { os: string; hex: string; messages: Array<{ type: string; flags: string[]; index: number; destination: string }> };
    assert.equal(d.os, 'darwin');
    assert.equal(d.messages[0]!.type, 'add');
    assert.deepEqual(d.messages[0]!.flags, ['UP', 'GATEWAY', 'STATIC', 'IFSCOPE']);
    assert.equal(d.messages[0]!.index, 4);
    assert.equal(d.messages[0]!.destination, '198.51.100.0/24');
    assert.equal(Buffer.from(d.hex, 'hex').readUInt16LE(0), Buffer.from(d.hex, 'hex').length);
  });

  it('flush --dry-run --os freebsd builds deletes in FreeBSD terms (no Linux table leaks in)', () => {
    const r = pfroute('flush', '-inet', '--dry-run', '--os', 'freebsd', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(Array.isArray((JSON.parse(r.stdout) as { removed: unknown[] }).removed));
  });

  const bad: Array<[string[], RegExp]> = [
    [['add'], /^pfroute add: missing destination$/],
    [['add', '198.51.100.0/33', '192.0.2.1'], /^pfroute add: .*33/],
    [['add', '198.51.100.0/24', '192.0.2.1', '-mtu', 'x'], /^pfroute add: -mtu needs/],
    [['add', '198.51.100.0/24', '192.0.2.1', '-foo'], /^pfroute add: unknown modifier -foo$/],
    [['add', '198.51.100.0/24', '2001:db8::1'], /^pfroute add: /],
    [['get'], /^pfroute get: missing destination$/],
    [['add', '198.51.100.0/24', '192.0.2.1', '--os', 'darwin'], /^pfroute add: --os goes with --dry-run$/],
    // Linux cannot carry these: refused instead of silently dropped.
    [['add', '198.51.100.0/24', '192.0.2.1', '-proto1', '--dry-run', '--os', 'linux'], /^pfroute add: proto1 \(RTF_PROTO1\) has no Linux equivalent/],
    [['add', '198.51.100.0/24', '192.0.2.1', '-xresolve', '--dry-run', '--os', 'linux'], /^pfroute add: xresolve \(RTF_XRESOLVE\) has no Linux equivalent/],
  ];
  for (const [args, words] of bad) {
    it(`pfroute ${args.join(' ')} → one line, exit 2`, () => {
      const r = pfroute(...args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr.trimEnd(), words);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1);
    });
  }
});
