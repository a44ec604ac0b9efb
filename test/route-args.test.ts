import assert from 'node:assert/strict';
import { parseRouteArgs, UsageError } from '../lib/cli/route-args.js';
import type { ParsedRouteArgs } from '../lib/cli/route-args.js';
import { normalizeRoute } from '../lib/spec.js';
import type { RouteSpec } from '../lib/spec.js';

const words = (line: string): string[] => line.split(/\s+/).filter(Boolean);

describe('parseRouteArgs: command lines → RouteSpec', () => {
  const rows: Array<[string, RouteSpec, string?]> = [
    ['add -net 198.51.100.0/24 192.0.2.1', { destination: '198.51.100.0/24', gateway: '192.0.2.1', net: true }, '198.51.100.0/24'],
    ['add 198.51.100.0/24 192.0.2.1', { destination: '198.51.100.0/24', gateway: '192.0.2.1' }],
    ['add -host 192.0.2.7 192.0.2.1', { destination: '192.0.2.7', gateway: '192.0.2.1', host: true }, '192.0.2.7/32'],
    ['add 192.0.2.7 192.0.2.1', { destination: '192.0.2.7', gateway: '192.0.2.1' }, '192.0.2.7/32'],
    ['add -host 192.0.2.0 192.0.2.1', { destination: '192.0.2.0', gateway: '192.0.2.1', host: true }, '192.0.2.0/32'],
    ['add default 192.0.2.1', { destination: 'default', gateway: '192.0.2.1' }, 'default'],
    ['add 0.0.0.0 192.0.2.1', { destination: 'default', gateway: '192.0.2.1' }, 'default'],
    ['add -inet6 default fe80::1%en0', { destination: 'default', family: 'inet6', gateway: 'fe80::1%en0' }, 'default'],
    ['add -net 10.0.0.0 192.0.2.1 255.0.0.0', { destination: '10.0.0.0', gateway: '192.0.2.1', netmask: '255.0.0.0', net: true }, '10.0.0.0/8'],
    ['add -net 10.0.0.0 -netmask 255.0.0.0 192.0.2.1', { destination: '10.0.0.0', gateway: '192.0.2.1', netmask: '255.0.0.0', net: true }, '10.0.0.0/8'],
    ['add 172.16.0.0 -mask 255.240.0.0 192.0.2.1', { destination: '172.16.0.0', gateway: '192.0.2.1', netmask: '255.240.0.0' }, '172.16.0.0/12'],
    ['add 10/8 192.0.2.1', { destination: '10.0.0.0/8', gateway: '192.0.2.1' }, '10.0.0.0/8'],
    ['add -net 192.168/16 192.0.2.1', { destination: '192.168.0.0/16', gateway: '192.0.2.1', net: true }, '192.168.0.0/16'],
    ['add 198.51.100.77/24 192.0.2.1', { destination: '198.51.100.77/24', gateway: '192.0.2.1' }, '198.51.100.0/24'],
    ['add -inet6 -net 2001:db8:: -prefixlen 32 2001:db8::1', { destination: '2001:db8::', family: 'inet6', gateway: '2001:db8::1', prefixLength: 32, net: true }, '2001:db8::/32'],
    ['add -inet6 -net 2001:db8:1:: fe80::1%en0', { destination: '2001:db8:1::', family: 'inet6', gateway: 'fe80::1%en0', net: true }, '2001:db8:1::/64'],
    ['add -inet6 2001:db8:1:: fe80::1%3', { destination: '2001:db8:1::/64', family: 'inet6', gateway: 'fe80::1%3' }, '2001:db8:1::/64'],
    ['add -inet6 2001:db8::5 2001:db8::1', { destination: '2001:db8::5', family: 'inet6', gateway: '2001:db8::1' }, '2001:db8::5/128'],
    ['add -6 -host 2001:db8:: 2001:db8::1', { destination: '2001:db8::', family: 'inet6', gateway: '2001:db8::1', host: true }, '2001:db8::/128'],
    ['add :: 2001:db8::1', { destination: '::/0', gateway: '2001:db8::1' }, 'default'],
    ['add -inet6 2001:db8::/48 -interface utun3', { destination: '2001:db8::/48', family: 'inet6', gateway: { interface: 'utun3' } }, '2001:db8::/48'],
    ['add 10.8.0.0/16 -iface 10.8.0.1', { destination: '10.8.0.0/16', gateway: '10.8.0.1', interface: true }],
    ['add 10.9.0.0/16 -interface 4', { destination: '10.9.0.0/16', gateway: { interface: 4 } }],
    ['add default 192.0.2.1 -ifscope en0', { destination: 'default', gateway: '192.0.2.1', ifscope: 'en0' }],
    ['add 10.0.0.0/8 192.0.2.1 -ifp en1 -ifa 192.0.2.10', { destination: '10.0.0.0/8', gateway: '192.0.2.1', ifp: 'en1', ifa: '192.0.2.10' }],
    ['add 10.0.0.0/8 192.0.2.1 -nostatic', { destination: '10.0.0.0/8', gateway: '192.0.2.1', static: false }],
    ['add 10.0.0.0/8 192.0.2.1 -static', { destination: '10.0.0.0/8', gateway: '192.0.2.1', static: true }],
    ['add 10.0.0.0/8 127.0.0.1 -reject', { destination: '10.0.0.0/8', gateway: '127.0.0.1', reject: true }],
    ['add 10.2.0.0/16 127.0.0.1 -blackhole', { destination: '10.2.0.0/16', gateway: '127.0.0.1', blackhole: true }],
    ['add 10.0.0.0/8 192.0.2.1 -proto1 -proto2 -xresolve', { destination: '10.0.0.0/8', gateway: '192.0.2.1', proto1: true, proto2: true, xresolve: true }],
    ['add 192.0.2.0/24 -interface en0 -cloning -genmask 255.255.255.255', { destination: '192.0.2.0/24', gateway: { interface: 'en0' }, cloning: true, genmask: '255.255.255.255' }],
    ['add 10.0.0.0/8 192.0.2.1 -mtu 1400 -hopcount 3 -expire 1900000000 -recvpipe 65536 -sendpipe 32768 -ssthresh 4096 -rtt 100 -rttvar 50',
      { destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { mtu: 1400, hopcount: 3, expire: 1900000000, recvpipe: 65536, sendpipe: 32768, ssthresh: 4096, rtt: 100, rttvar: 50 } }],
    ['add 10.0.0.0/8 192.0.2.1 -lock -mtu 1400 -hopcount 3', { destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { mtu: 1400, hopcount: 3 }, lock: ['mtu'] }],
    ['add 10.0.0.0/8 192.0.2.1 -mtu 1400 -lockrest -rtt 10 -rttvar 5', { destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { mtu: 1400, rtt: 10, rttvar: 5 }, lock: ['rtt', 'rttvar'] }],
    ['add 10.0.0.0/8 192.0.2.1 -lock -ssthresh 1 -lock -sendpipe 2', { destination: '10.0.0.0/8', gateway: '192.0.2.1', metrics: { sendpipe: 2, ssthresh: 1 }, lock: ['sendpipe', 'ssthresh'] }],
    ['add 10.0.0.0/8 192.0.2.1 -fib 2', { destination: '10.0.0.0/8', gateway: '192.0.2.1', table: 2 }],
    ['add 10.0.0.0/8 192.0.2.1 -table 100 -metric 20', { destination: '10.0.0.0/8', gateway: '192.0.2.1', table: 100, metric: 20 }],
    ['add -inet 10.0.0.0/8 192.0.2.1', { destination: '10.0.0.0/8', family: 'inet', gateway: '192.0.2.1' }],
    ['change 10.0.0.0/8 192.0.2.2 -mtu 1280', { destination: '10.0.0.0/8', gateway: '192.0.2.2', metrics: { mtu: 1280 } }],
    ['change 10.0.0.0/8 -ifp en0', { destination: '10.0.0.0/8', ifp: 'en0' }],
    ['delete 10.0.0.0/8', { destination: '10.0.0.0/8' }],
    ['delete -net 10.0.0.0/8 192.0.2.1', { destination: '10.0.0.0/8', gateway: '192.0.2.1', net: true }],
    ['del -host 192.0.2.7 -fib 1', { destination: '192.0.2.7', host: true, table: 1 }],
    ['delete default -ifscope en0', { destination: 'default', ifscope: 'en0' }],
    ['get 192.0.2.7', { destination: '192.0.2.7' }, '192.0.2.7/32'],
    ['get 192.0.2.0', { destination: '192.0.2.0' }, '192.0.2.0/32'],
    ['get 10.1.0.0/16', { destination: '10.1.0.0/16' }],
    ['show -inet6 2001:db8::', { destination: '2001:db8::', family: 'inet6' }, '2001:db8::/128'],
    ['get default', { destination: 'default' }, 'default'],
    ['get -ifscope 4 default', { destination: 'default', ifscope: 4 }],
  ];
  for (const [line, spec, text] of rows) {
    it(line, () => {
      const r = parseRouteArgs(words(line));
      const cmd = words(line)[0]!;
      const canonical = ({ del: 'delete', show: 'get' } as Record<string, string>)[cmd] ?? cmd;
      assert.equal(r.command, canonical);
      assert.deepEqual(r.spec, spec);
      // Every parsed spec validates for its operation.
      const n = normalizeRoute(r.spec!, { op: r.command as 'add' });
      if (text) assert.equal(n.destinationText, text);
    });
  }

  it('reads global options before the command and output flags anywhere', () => {
    const r = parseRouteArgs(words('-nv --json add 10.0.0.0/8 192.0.2.1 --dry-run'));
    assert.deepEqual(
      { ...r, spec: undefined },
      { command: 'add', spec: undefined, json: true, dryRun: true, numeric: true, quiet: false, verbose: true } as ParsedRouteArgs,
    );
    const t = parseRouteArgs(words('-t -q -4 get -n 10.1.2.3'));
    assert.equal(t.dryRun, true);
    assert.equal(t.quiet, true);
    assert.equal(t.numeric, true);
    assert.deepEqual(t.spec, { destination: '10.1.2.3', family: 'inet' });
    assert.equal(parseRouteArgs(words('add 10.0.0.0/8 192.0.2.1')).json, false);
  });

  it('parses flush with a family and a table', () => {
    assert.deepEqual(parseRouteArgs(['flush']), { command: 'flush', json: false, dryRun: false, numeric: false, quiet: false, verbose: false });
    const r = parseRouteArgs(words('flush -inet6 -fib 3 --json'));
    assert.equal(r.flushFamily, 'inet6');
    assert.equal(r.table, 3);
    assert.equal(r.json, true);
    assert.equal(r.spec, undefined);
    assert.equal(parseRouteArgs(words('-4 flush')).flushFamily, 'inet');
  });

  it('takes -expire +N relative to now (FreeBSD)', () => {
    const before = Math.floor(Date.now() / 1000);
    const r = parseRouteArgs(words('add 10.0.0.0/8 192.0.2.1 -expire +60'));
    const e = r.spec!.metrics!.expire!;
    assert.ok(e >= before + 60 && e <= Math.floor(Date.now() / 1000) + 60, String(e));
  });

  it('accepts -ifscope for darwin and -metric for linux when the OS is given', () => {
    assert.equal(parseRouteArgs(words('add default 192.0.2.1 -ifscope en0'), { os: 'darwin' }).spec!.ifscope, 'en0');
    assert.equal(parseRouteArgs(words('add default 192.0.2.1 -metric 5'), { os: 'linux' }).spec!.metric, 5);
  });
});

describe('parseRouteArgs: refusals', () => {
  const rows: Array<[string, string, { os?: 'linux' | 'darwin' | 'freebsd' }?]> = [
    ['', 'pfroute: missing command (add, change, delete, get or flush)'],
    ['-n', 'pfroute: missing command (add, change, delete, get or flush)'],
    ['monitor', 'pfroute: unknown command "monitor" (expected add, change, delete, get or flush)'],
    ['-x add 10.0.0.0/8 192.0.2.1', 'pfroute: unknown option -x'],
    ['add', 'pfroute add: missing destination'],
    ['add -net', 'pfroute add: missing destination'],
    ['delete -fib 2', 'pfroute delete: missing destination'],
    ['add 10.0.0.0/8 192.0.2.1 -foo', 'pfroute add: unknown modifier -foo'],
    ['add 10.0.0.0/8 192.0.2.1 -proxy', 'pfroute add: unknown modifier -proxy'],
    ['add 10.0.0.0/8 192.0.2.1 -mtu x', 'pfroute add: -mtu needs a non-negative integer, got "x"'],
    ['add 10.0.0.0/8 192.0.2.1 -mtu -1', 'pfroute add: -mtu needs a non-negative integer, got "-1"'],
    ['add 10.0.0.0/8 192.0.2.1 -hopcount 1.5', 'pfroute add: -hopcount needs a non-negative integer, got "1.5"'],
    ['add 10.0.0.0/8 192.0.2.1 -mtu', 'pfroute add: -mtu needs a value'],
    ['add 10.0.0.0/8 192.0.2.1 -rtt 4294967296', 'pfroute add: -rtt 4294967296 is out of range (0..4294967295)'],
    ['add 10.0.0.0/8 192.0.2.1 -mtu 1400 -mtu 1500', 'pfroute add: -mtu given twice'],
    ['add 10.0.0.0/8 192.0.2.1 -netmask', 'pfroute add: -netmask needs a value'],
    ['add 10.0.0.0/8 192.0.2.1 -lock', 'pfroute add: -lock must be followed by a metric (-mtu, -hopcount, -expire, -recvpipe, -sendpipe, -ssthresh, -rtt, -rttvar)'],
    ['add 10.0.0.0/8 192.0.2.1 -lock -reject', 'pfroute add: -lock must be followed by a metric (-mtu, -hopcount, -expire, -recvpipe, -sendpipe, -ssthresh, -rtt, -rttvar)'],
    ['add 10.0.0.0/8 192.0.2.1 -fib 1,2', 'pfroute add: -fib takes one table number; lists and ranges are not supported, got "1,2"'],
    ['add 10.0.0.0/8 192.0.2.1 -fib 2-4', 'pfroute add: -fib takes one table number; lists and ranges are not supported, got "2-4"'],
    ['add 10.0.0.0/8 192.0.2.1 -table x', 'pfroute add: -table needs a non-negative integer, got "x"'],
    ['add 10.0.0.0/8 192.0.2.1 -fib 1 -table 2', 'pfroute add: -table given twice'],
    ['add -net -host 10.0.0.0/8 192.0.2.1', 'pfroute add: -net and -host are exclusive'],
    ['add -inet -inet6 default 192.0.2.1', 'pfroute add: -inet and -inet6 (or -4 and -6) are exclusive'],
    ['-4 add -6 default 192.0.2.1', 'pfroute add: -inet and -inet6 (or -4 and -6) are exclusive'],
    ['add 10.0.0.0/8 192.0.2.1 -static -nostatic', 'pfroute add: -static and -nostatic are exclusive'],
    ['add 128.32 192.0.2.1', 'pfroute add: classful shorthand "128.32" is not supported; write a full address (with a /length for a network)'],
    ['add -net 128.32 192.0.2.1', 'pfroute add: classful shorthand "128.32" is not supported; write a full address (with a /length for a network)'],
    ['add 10 192.0.2.1', 'pfroute add: classful shorthand "10" is not supported; write a full address (with a /length for a network)'],
    ['add -net 10.0.0.0 192.0.2.1', 'pfroute add: -net 10.0.0.0 needs a prefix length or netmask (route(8) would assume /8; write 10.0.0.0/8)'],
    ['add -net 172.16.0.0 192.0.2.1', 'pfroute add: -net 172.16.0.0 needs a prefix length or netmask (route(8) would assume /16; write 172.16.0.0/16)'],
    ['add 192.0.2.0 192.0.2.1', 'pfroute add: destination 192.0.2.0 is a classful network to route(8); write 192.0.2.0/24 for the network or -host 192.0.2.0 for the host'],
    ['delete 10.0.0.0 192.0.2.1', 'pfroute delete: destination 10.0.0.0 is a classful network to route(8); write 10.0.0.0/8 for the network or -host 10.0.0.0 for the host'],
    ['add 300/8 192.0.2.1', 'pfroute add: invalid destination "300/8": "300" is not an IPv4 address'],
    ['add 198.51.100.0/33 192.0.2.1', 'pfroute add: invalid destination "198.51.100.0/33": prefix length 33 is over 32 for inet'],
    ['add -inet6 2001:db8::/129 2001:db8::1', 'pfroute add: invalid destination "2001:db8::/129": prefix length 129 is over 128 for inet6'],
    ['add 10.0.0.0 -prefixlen 33 192.0.2.1', 'pfroute add: invalid prefixLength: prefix length 33 is over 32 for inet'],
    ['add example.com 192.0.2.1', 'pfroute add: invalid destination "example.com": "example.com" is not an IPv4 or IPv6 address'],
    ['add fe80::/64%en0 fe80::1%en0', 'pfroute add: invalid destination "fe80::/64%en0": a destination cannot carry a %zone (zones go on the gateway)'],
    ['add 10.0.0.0/8 router.example', 'pfroute add: gateway "router.example" is not an IPv4 or IPv6 address (use -interface for an interface name)'],
    ['add 10.0.0.0/8 en0', 'pfroute add: gateway "en0" is not an IPv4 or IPv6 address (use -interface for an interface name)'],
    ['add 10.0.0.0/8 -interface', 'pfroute add: -interface needs a gateway (an interface name or a local address)'],
    ['add 2001:db8::/32 192.0.2.1', 'pfroute add: invalid gateway "192.0.2.1": it is inet but the destination "2001:db8::/32" is inet6'],
    ['add -inet6 10.0.0.0/8 192.0.2.1', 'pfroute add: invalid destination "10.0.0.0/8": it is inet but family is "inet6"'],
    ['add 10.0.0.0/8', 'pfroute add: route to "10.0.0.0/8" has no gateway: add needs a gateway (an address or { interface }), an ifp, or reject/blackhole'],
    ['add 10.0.0.0/8 192.0.2.1 255.0.0.0', 'pfroute add: invalid destination "10.0.0.0/8": netmask "255.0.0.0" given with a prefix in the destination'],
    ['add 10.0.0.0 192.0.2.1 255.0.0.0 extra', 'pfroute add: unexpected argument "extra"'],
    ['add 10.0.0.0 192.0.2.1 255.0.0.0 -netmask 255.0.0.0', 'pfroute add: netmask given twice (-netmask and a third argument)'],
    ['add 10.0.0.0 -netmask 255.0.0.0 -mask 255.0.0.0 192.0.2.1', 'pfroute add: -mask given twice'],
    ['add 10.0.0.0 -netmask 255.0.0.0 192.0.2.1 255.0.0.0', 'pfroute add: netmask given twice (-netmask and a third argument)'],
    ['add 10.0.0.0 -netmask 255.0.255.0 192.0.2.1', 'pfroute add: invalid netmask "255.0.255.0": the mask is not contiguous'],
    ['add -host 198.51.100.0/24 192.0.2.1', 'pfroute add: invalid destination "198.51.100.0/24": a host route needs a full-length prefix (32 for inet), got 24'],
    ['add 10.0.0.0/8 127.0.0.1 -reject -blackhole', 'pfroute add: invalid route spec: reject and blackhole are exclusive'],
    ['add 10.0.0.0/8 192.0.2.1 -ifa 2001:db8::1', 'pfroute add: invalid ifa "2001:db8::1": it is inet6 but the destination "10.0.0.0/8" is inet'],
    ['add 10.0.0.0/8 192.0.2.1 -genmask 0.255.0.0', 'pfroute add: invalid genmask "0.255.0.0": the mask is not contiguous'],
    ['get 10.0.0.0/8 192.0.2.1', 'pfroute get: unexpected argument "192.0.2.1"'],
    ['get 10.0.0.0/8 -mtu 1400', 'pfroute get: -mtu does not apply to get'],
    ['get 10.0.0.0/8 -reject', 'pfroute get: -reject does not apply to get'],
    ['get', 'pfroute get: missing destination'],
    ['delete 10.0.0.0/8 -mtu 1400', 'pfroute delete: -mtu does not apply to delete'],
    ['delete 10.0.0.0/8 -lock -mtu 1400', 'pfroute delete: -lock does not apply to delete'],
    ['flush 10.0.0.0/8', 'pfroute flush: unexpected argument "10.0.0.0/8"'],
    ['flush -net', 'pfroute flush: -net does not apply to flush'],
    ['add default 192.0.2.1 -ifscope en0', 'pfroute add: -ifscope is macOS only', { os: 'linux' }],
    ['add default 192.0.2.1 -metric 5', 'pfroute add: -metric is Linux only (route priority)', { os: 'freebsd' }],
  ];
  for (const [line, message, opts] of rows) {
    it(`${line || '(nothing)'} → ${message}`, () => {
      assert.throws(
        () => parseRouteArgs(words(line), opts),
        (e: unknown) => {
          assert.ok(e instanceof UsageError, `not a UsageError: ${String(e)}`);
          assert.equal(e.name, 'UsageError');
          assert.equal(e.exitCode, 2);
          assert.equal(e.message, message);
          assert.ok(!e.message.includes('\n'));
          return true;
        },
      );
    });
  }
});
