import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureVeth, ip, ipJson, requireNetns } from './support/netns';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'pfroute.js');
const NETBSD = join(__dirname, 'fixtures', 'vectors', 'netbsd-kernel');

function pfroute(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, timeout: 15000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface IpRoute {
  dst: string;
  gateway?: string;
  dev?: string;
  prefsrc?: string;
  metric?: number;
  type?: string;
  protocol?: string;
}

/** `ip` prints host routes without /32 and the default as 'default'. */
function cidr(dst: string, family: 'inet' | 'inet6'): string {
  if (dst === 'default' || dst.includes('/')) return dst;
  return `${dst}/${family === 'inet' ? 32 : 128}`;
}

function compareWithIp(family: 'inet' | 'inet6'): void {
  const flag = family === 'inet' ? '-4' : '-6';
  const ours = pfroute(['show', flag, '--json']);
  assert.equal(ours.code, 0, ours.stderr);
  const routes = JSON.parse(ours.stdout) as Array<Record<string, unknown>>;
  const theirs = ipJson<IpRoute[]>(flag, 'route', 'show');
  const key = (dst: string, gw: unknown, dev: unknown, type: unknown) => `${dst}|${gw ?? ''}|${dev ?? ''}|${type ?? 'unicast'}`;
  const mine = routes
    .map((r) => key(r.destination as string, (r.gateway as string | null)?.replace(/%.*$/, '') ?? '', r.interface ?? '', r.routeType))
    .sort();
  const witness = theirs.map((r) => key(cidr(r.dst, family), r.gateway ?? '', r.dev ?? '', r.type)).sort();
  assert.deepEqual(mine, witness);
  // Metrics and preferred sources agree too.
  for (const t of theirs) {
    const r = routes.find((x) => x.destination === cidr(t.dst, family) && (x.interface ?? undefined) === t.dev);
    assert.ok(r, `route ${t.dst} dev ${t.dev} is listed`);
    if (t.metric !== undefined) assert.equal(r.metric, t.metric, `metric of ${t.dst}`);
    if (t.prefsrc !== undefined) assert.equal(r.source, t.prefsrc, `prefsrc of ${t.dst}`);
  }
}

describe('pfroute CLI', function () {
  this.timeout(30000);

  describe('show / monitor on the real kernel', function () {
    before(function () {
      requireNetns(this);
      ensureVeth();
      ip('route', 'add', 'default', 'via', '192.0.2.2', 'dev', 'pfr0');
      ip('route', 'add', '198.51.100.0/24', 'via', '192.0.2.2', 'metric', '50');
      ip('route', 'add', 'blackhole', '198.18.0.0/15');
      ip('route', 'add', 'unreachable', '203.0.113.128/25');
      ip('route', 'add', '203.0.113.7', 'dev', 'pfr1');
      ip('route', 'add', '198.51.100.0/24', 'via', '192.0.2.2', 'table', '100');
      ip('-6', 'route', 'add', '2001:db8:100::/48', 'via', '2001:db8:1::2');
      ip('-6', 'route', 'add', '2001:db8:200::/48', 'via', 'fe80::1', 'dev', 'pfr0');
    });
    after(function () {
      for (const args of [
        ['route', 'del', 'default'],
        ['route', 'del', '198.51.100.0/24'],
        ['route', 'del', '198.18.0.0/15'],
        ['route', 'del', '203.0.113.128/25'],
        ['route', 'del', '203.0.113.7'],
        ['route', 'del', '198.51.100.0/24', 'table', '100'],
        ['-6', 'route', 'del', '2001:db8:100::/48'],
        ['-6', 'route', 'del', '2001:db8:200::/48'],
      ]) {
        try {
          ip(...args);
        } catch {
          /* already gone */
        }
      }
    });

    it('`pfroute show --json -4` lists exactly what `ip -j -4 route show` lists', () => compareWithIp('inet'));
    it('`pfroute show --json -6` lists exactly what `ip -j -6 route show` lists', () => compareWithIp('inet6'));

    it('`pfroute` with no arguments prints the table like netstat -rn', () => {
      const r = pfroute([]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Routing tables\n\nInternet:\nDestination +Gateway +Flags +Netif +Expire\n/);
      assert.match(r.stdout, /^default +192\.0\.2\.2 +UGS? +pfr0/m);
      assert.match(r.stdout, /^198\.18\.0\.0\/15 +- +U?S?B +-$/m);
      assert.match(r.stdout, /^203\.0\.113\.128\/25 +- +U?R/m);
      assert.match(r.stdout, /\nInternet6:\n/);
      assert.match(r.stdout, /^2001:db8:200::\/48 +fe80::1%pfr0 +UG/m);
    });

    it('`pfroute show --table local` and `--table all` (with a Table column)', () => {
      const local = JSON.parse(pfroute(['show', '-4', '--table', 'local', '--json']).stdout) as Array<{ table: number; destination: string }>;
      assert.ok(local.length > 0 && local.every((r) => r.table === 255));
      assert.ok(local.some((r) => r.destination === '192.0.2.1/32'));
      const all = pfroute(['show', '-4', '--table', 'all']);
      assert.equal(all.code, 0, all.stderr);
      assert.match(all.stdout, /Netif +Table +Expire/);
      assert.match(all.stdout, /^198\.51\.100\.0\/24 +192\.0\.2\.2 +UGS +pfr0 +100$/m);
    });

    it('`pfroute show --table 100 --json` lists another table', () => {
      const r = pfroute(['show', '-4', '--table', '100', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const routes = JSON.parse(r.stdout) as Array<{ destination: string; table: number }>;
      assert.deepEqual(routes.map((x) => [x.destination, x.table]), [['198.51.100.0/24', 100]]);
    });

    it('`pfroute monitor --json` reports routes and addresses that `ip` adds and removes', async () => {
      const child = spawn(process.execPath, [BIN, 'monitor', '--json', '--count', '8'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('monitor did not start')), 10000);
        child.stderr.on('data', (d) => {
          if (String(d).includes('listening')) {
            clearTimeout(t);
            resolve();
          }
        });
      });
      ip('route', 'add', '203.0.113.64/26', 'via', '192.0.2.2');
      ip('route', 'del', '203.0.113.64/26');
      ip('addr', 'add', '198.51.100.77/32', 'dev', 'pfr1');
      ip('addr', 'del', '198.51.100.77/32', 'dev', 'pfr1');
      ip('-6', 'route', 'add', '2001:db8:300::/48', 'via', '2001:db8:1::2');
      ip('-6', 'route', 'del', '2001:db8:300::/48');
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 0);
      const events = out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; destination?: string; address?: string });
      const summary = events.map((e) => `${e.type} ${e.destination ?? e.address ?? ''}`);
      assert.deepEqual(summary, [
        'add 203.0.113.64/26',
        'delete 203.0.113.64/26',
        // The kernel adds and removes the address's local route (table local) itself.
        'newaddr 198.51.100.77/32',
        'add 198.51.100.77/32',
        'deladdr 198.51.100.77/32',
        'delete 198.51.100.77/32',
        'add 2001:db8:300::/48',
        'delete 2001:db8:300::/48',
      ]);
    });
  });

  describe('decode', () => {
    it('decodes a NetBSD capture file to JSON, one object per message', () => {
      const r = pfroute(['decode', '--os', 'netbsd', '--file', join(NETBSD, '08-get-routecmd-10.1.2.3-reply.bin'), '--json']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 1);
      const m = JSON.parse(lines[0]!);
      assert.equal(m.type, 'get');
      assert.equal(m.version, 4);
      assert.equal(m.index, 1);
      assert.equal(m.rawFlags, 0x843);
      assert.deepEqual(m.flags, ['UP', 'GATEWAY', 'DONE', 'STATIC']);
      assert.equal(m.seq, 4);
      assert.equal(m.errno, 0);
      assert.equal(m.destination, '10.1.0.0/16');
      assert.deepEqual(Object.keys(m.addrs), ['dst', 'gateway', 'netmask', 'ifp', 'ifa']);
      assert.equal(m.addrs.netmask.prefixLength, 16);
      assert.equal(m.addrs.ifp.name, 'lo0');
      assert.deepEqual(Object.keys(m).slice(0, 8), ['type', 'version', 'index', 'flags', 'rawFlags', 'pid', 'seq', 'errno']);
    });

    it('decodes a whole sysctl dump given as hex on stdin', () => {
      const hex = readFileSync(join(NETBSD, '85-sysctl-NET_RT_DUMP-inet-whole.bin')).toString('hex');
      const r = pfroute(['decode', '--os', 'netbsd', '--json', '-'], hex);
      assert.equal(r.code, 0, r.stderr);
      const msgs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.ok(msgs.length >= 2);
      assert.ok(msgs.every((m) => m.type === 'get'));
      assert.ok(msgs.some((m) => m.destination === '127.0.0.1/32'));
    });

    it('prints the good messages, then the error, and exits 2 when a buffer turns malformed', () => {
      const good = readFileSync(join(NETBSD, '01-add-10.1.0.0_16-reply.bin'));
      const bad = readFileSync(join(NETBSD, '33-get-truncated-100bytes-reply.bin'));
      const r = pfroute(['decode', '--os', 'netbsd', '--json', '--hex', Buffer.concat([good, bad]).toString('hex')]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout.trim().split('\n').length, 1);
      assert.equal(JSON.parse(r.stdout).type, 'add');
      assert.match(r.stderr, /offset 168/);
    });

    it('a reader that closes the pipe early ends the output quietly (no EPIPE stack trace)', () => {
      const hex = readFileSync(join(NETBSD, '85-sysctl-NET_RT_DUMP-inet-whole.bin')).toString('hex').repeat(400);
      const r = spawnSync('bash', ['-c', `node ${BIN} decode --os netbsd --json - | head -c 10 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`], {
        input: hex,
        encoding: 'utf8',
        timeout: 30000,
      });
      assert.match(r.stderr, /status=0\n$/);
      assert.doesNotMatch(r.stderr, /EPIPE|Error/);
    });

    it('prints route-monitor text without --json', () => {
      const r = pfroute(['decode', '--os', 'netbsd', '--file', join(NETBSD, '01-add-10.1.0.0_16-reply.bin')]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^RTM_ADD: Add Route: pid: 1, seq 1, errno 0, flags:<UP,GATEWAY,DONE,STATIC>/);
      assert.match(r.stdout, /sockaddrs: <DST,GATEWAY,NETMASK>\n 10\.1\.0\.0 127\.0\.0\.1 255\.255\.0\.0/);
    });
  });

  describe('--help after any command, and --version', () => {
    for (const args of [['--help'], ['show', '--help'], ['decode', '--help'], ['monitor', '-h'], ['get', '--help'], ['add', '--help']]) {
      it(`pfroute ${args.join(' ')} prints the usage and exits 0`, () => {
        const r = pfroute(args);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^usage: pfroute \[command\] \[options\]/);
        assert.equal(r.stderr, '');
      });
    }
    it('pfroute --version prints the package version', () => {
      const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      const r = pfroute(['--version']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `pfroute ${version}\n`);
    });
  });

  describe('usage errors: one clear line, exit 2', () => {
    const cases: Array<[string[], RegExp]> = [
      [['decode'], /^pfroute decode: --os is required/],
      [['decode', '--os', 'plan9', '--hex', '00'], /^pfroute decode: unknown os "plan9"/],
      [['decode', '--os', 'netbsd'], /^pfroute decode: give the bytes/],
      [['decode', '--os', 'netbsd', '--hex', 'abc'], /^pfroute decode: --hex needs an even number of hex digits/],
      [['decode', '--os', 'netbsd', '--hex', '0g'], /^pfroute decode: "g" is not a hex digit\n$/],
      [['show', '-4', '-6'], /^pfroute show: -4 and -6 are exclusive/],
      [['decode', '--os', 'netbsd', '--iflistl', '--hex', '00'], /^pfroute decode: --iflistl is a FreeBSD dump format/],
      [['decode', '--os', 'netbsd', '--abi', '16', '--hex', '00'], /^pfroute decode: --abi takes 32 or 64/],
      [['frobnicate'], /^pfroute: unknown command "frobnicate"/],
      [['show', '--bogus'], /^pfroute show: unknown option --bogus/],
      [['show', '--table', 'x'], /^pfroute show: --table takes a number/],
      [['monitor', '--count'], /^pfroute monitor: --count needs a number/],
      // Found by a new user's trial:
      [['show', '--table', '-1'], /^pfroute show: --table takes a number 0\.\.4294967295, "main", "local", "default" or "all", got "-1"/],
      [['show', '--table', '4294967296'], /^pfroute show: --table takes a number 0\.\.4294967295/],
      [['decode', '--os', 'netbsd', '--hex', '00', '--file', '/dev/null'], /^pfroute decode: give the bytes once/],
      [['decode', '--os', 'netbsd', '--hex', '00', '--hex', '11'], /^pfroute decode: give the bytes once/],
      [['add', '198.51.100.0/24', '192.0.2.2', '-metric', '-1'], /^pfroute add: -metric needs a non-negative integer, got "-1"/],
    ];
    for (const [args, expected] of cases) {
      it(`pfroute ${args.join(' ')}`, () => {
        const r = pfroute(args);
        assert.equal(r.code, 2);
        assert.match(r.stderr, expected);
        assert.equal(r.stderr.trim().split('\n').length, 1);
        assert.equal(r.stdout, '');
      });
    }
  });
});
