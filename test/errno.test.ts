import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getSystemErrorMap } from 'node:util';
import {
  ERRNO_TABLES, errnoMessage, errnoName, errnoNumber, hostErrnoForCode, routeError, routeSyscall, toHostErrno,
} from '../lib/errno.js';
import { BSD_OS_NAMES, OS_NAMES } from '../lib/model.js';

const VECTORS = join(__dirname, 'fixtures', 'vectors', 'netbsd-kernel');

/** rtm_errno (i32 LE at offset 24 of rt_msghdr) of a NetBSD capture. */
function rtmErrno(file: string): number {
  const b = readFileSync(join(VECTORS, file));
  return b.readInt32LE(24);
}

describe('errno tables', () => {
  it('share the V7 numbers 1-34 on every OS, except 11 (Linux EAGAIN, BSD EDEADLK)', () => {
    for (let n = 1; n <= 34; n++) {
      const names = new Set(OS_NAMES.filter((os) => os !== 'linux').map((os) => errnoName(os, n)));
      assert.equal(names.size, 1, `BSDs disagree on ${n}`);
      if (n !== 11) assert.equal(errnoName('linux', n), [...names][0], `linux ${n}`);
    }
    assert.equal(errnoName('linux', 11), 'EAGAIN');
    for (const os of BSD_OS_NAMES) {
      assert.equal(errnoName(os, 11), 'EDEADLK');
      assert.equal(errnoName(os, 35), 'EAGAIN');
    }
    assert.equal(errnoName('linux', 35), 'EDEADLK');
  });

  it('give the BSDs one numbering for 35-81 (macOS names 45 ENOTSUP)', () => {
    for (let n = 35; n <= 81; n++) {
      const names = new Set(['freebsd', 'openbsd', 'netbsd', 'dragonfly'].map((os) => errnoName(os as 'netbsd', n)));
      assert.equal(names.size, 1, `BSDs disagree on ${n}`);
      if (n !== 45) assert.equal(errnoName('darwin', n), [...names][0]);
    }
    assert.equal(errnoName('freebsd', 45), 'EOPNOTSUPP');
    assert.equal(errnoName('darwin', 45), 'ENOTSUP');
    assert.equal(errnoName('darwin', 102), 'EOPNOTSUPP');
  });

  it('read NetBSD 43 as EPROTONOSUPPORT, not Linux EIDRM', () => {
    assert.equal(errnoName('netbsd', 43), 'EPROTONOSUPPORT');
    assert.equal(errnoMessage('netbsd', 43), 'Protocol not supported');
    assert.equal(errnoName('linux', 43), 'EIDRM');
    assert.equal(errnoMessage('linux', 43), 'Identifier removed');
    assert.equal(errnoName('linux', 93), 'EPROTONOSUPPORT');
  });

  it('read NetBSD 17/3/22 as EEXIST/ESRCH/EINVAL', () => {
    assert.equal(errnoName('netbsd', 17), 'EEXIST');
    assert.equal(errnoName('netbsd', 3), 'ESRCH');
    assert.equal(errnoName('netbsd', 22), 'EINVAL');
  });

  it('number the network errors per OS (ENOBUFS 55 on BSD, 105 on Linux)', () => {
    const net: Array<[string, number, number]> = [
      ['EAGAIN', 35, 11], ['EINPROGRESS', 36, 115], ['EALREADY', 37, 114], ['ENOTSOCK', 38, 88],
      ['EPROTONOSUPPORT', 43, 93], ['EAFNOSUPPORT', 47, 97], ['EADDRINUSE', 48, 98], ['EADDRNOTAVAIL', 49, 99],
      ['ENETDOWN', 50, 100], ['ENETUNREACH', 51, 101], ['ENETRESET', 52, 102], ['ECONNABORTED', 53, 103],
      ['ECONNRESET', 54, 104], ['ENOBUFS', 55, 105], ['EISCONN', 56, 106], ['ENOTCONN', 57, 107],
      ['ESHUTDOWN', 58, 108], ['ETOOMANYREFS', 59, 109], ['ETIMEDOUT', 60, 110], ['ECONNREFUSED', 61, 111],
      ['ELOOP', 62, 40], ['ENAMETOOLONG', 63, 36], ['EHOSTDOWN', 64, 112], ['EHOSTUNREACH', 65, 113],
      ['ENOTEMPTY', 66, 39],
    ];
    for (const [code, bsd, linux] of net) {
      for (const os of BSD_OS_NAMES) assert.equal(errnoName(os, bsd), code, `${os} ${bsd}`);
      assert.equal(errnoName('linux', linux), code, `linux ${linux}`);
      assert.equal(errnoNumber('netbsd', code), bsd);
      assert.equal(errnoNumber('linux', code), linux);
    }
    assert.equal(errnoName('linux', 55), 'ENOANO');
    assert.equal(errnoName('netbsd', 105), 'E105');
  });

  it('keep the numbers above 81 that differ between the BSDs', () => {
    assert.equal(errnoName('freebsd', 82), 'EIDRM');
    assert.equal(errnoName('openbsd', 82), 'EIPSEC');
    assert.equal(errnoName('openbsd', 89), 'EIDRM');
    assert.equal(errnoName('darwin', 90), 'EIDRM');
    assert.equal(errnoName('netbsd', 86), 'ENOTSUP');
    assert.equal(errnoName('freebsd', 93), 'ENOTCAPABLE');
    assert.equal(errnoName('dragonfly', 93), 'ENOMEDIUM');
    assert.equal(errnoName('darwin', 106), 'EQFULL');
  });

  it('report unknown numbers as E<n>, ignoring the sign', () => {
    assert.equal(errnoName('linux', 41), 'E41');
    assert.equal(errnoName('dragonfly', 95), 'E95');
    assert.equal(errnoName('darwin', 4000), 'E4000');
    assert.equal(errnoName('linux', -17), 'EEXIST');
    assert.equal(errnoMessage('netbsd', 4000), 'Unknown error 4000');
    assert.throws(() => errnoName('hurd' as 'linux', 1), TypeError);
  });

  it('hold only well-formed entries', () => {
    for (const os of OS_NAMES) {
      for (const [n, e] of ERRNO_TABLES[os]) {
        assert.ok(Number.isInteger(n) && n > 0, `${os} ${n}`);
        assert.match(e.code, /^E[A-Z0-9]+$/);
        assert.ok(e.message.length > 0);
      }
    }
  });
});

describe('toHostErrno', () => {
  const host = new Map<string, number>();
  for (const [neg, [code]] of getSystemErrorMap()) if (neg > -1000) host.set(code, -neg);

  it('maps an OS number to the host number of the same code', () => {
    assert.equal(toHostErrno('netbsd', 17), host.get('EEXIST'));
    assert.equal(toHostErrno('netbsd', 43), host.get('EPROTONOSUPPORT'));
    assert.equal(toHostErrno('freebsd', 55), host.get('ENOBUFS'));
    assert.equal(toHostErrno('linux', 105), host.get('ENOBUFS'));
    assert.equal(toHostErrno('netbsd', 9999), undefined);
  });

  it('uses the Linux numbers on a Linux host, including codes libuv does not know', function () {
    if (process.platform !== 'linux') this.skip();
    assert.equal(toHostErrno('netbsd', 43), 93);
    assert.equal(toHostErrno('darwin', 55), 105);
    assert.equal(toHostErrno('openbsd', 89), 43); // EIDRM is not in Node's map
    assert.equal(toHostErrno('darwin', 102), 95); // EOPNOTSUPP = ENOTSUP on Linux
    assert.equal(toHostErrno('darwin', 45), 95);
    assert.equal(toHostErrno('netbsd', 35), 11); // EAGAIN
    assert.equal(toHostErrno('netbsd', 79), undefined); // EFTYPE: libuv's -4028 is not a host errno
    assert.equal(toHostErrno('freebsd', 93), undefined); // ENOTCAPABLE
    assert.equal(hostErrnoForCode('EWOULDBLOCK'), 11);
  });
});

describe('routeError', () => {
  it('words EEXIST like route(8) and keeps both numberings', () => {
    const e = routeError('netbsd', 17, 'write', 'add', '198.51.100.0/24 via 192.0.2.1');
    assert.ok(e instanceof Error);
    assert.equal(e.message, 'add 198.51.100.0/24 via 192.0.2.1: route already exists (EEXIST, errno 17)');
    assert.equal(e.code, 'EEXIST');
    assert.equal(e.errno, -(toHostErrno('netbsd', 17) ?? 17));
    assert.ok(e.errno < 0);
    assert.equal(e.osErrno, 17);
    assert.equal(e.os, 'netbsd');
    assert.equal(e.syscall, 'write');
    assert.equal(e.op, 'add');
    assert.equal(e.route, '198.51.100.0/24 via 192.0.2.1');
    assert.equal(e.hint, undefined);
  });

  it('words ESRCH, ENETUNREACH, EINVAL and ENOBUFS', () => {
    assert.equal(routeError('freebsd', 3, 'write', 'delete', '10.1.0.0/16').message, 'delete 10.1.0.0/16: not in table (ESRCH, errno 3)');
    assert.equal(
      routeError('darwin', 51, 'write', 'add', '10.0.0.0/8 via 203.0.113.1').message,
      'add 10.0.0.0/8 via 203.0.113.1: gateway unreachable: Network is unreachable (ENETUNREACH, errno 51)',
    );
    assert.equal(
      routeError('linux', -101, undefined, 'add', '10.0.0.0/8 via 203.0.113.1').message,
      'add 10.0.0.0/8 via 203.0.113.1: gateway unreachable: Network is unreachable (ENETUNREACH, errno 101)',
    );
    assert.equal(routeError('netbsd', 22, 'write', 'get', '10.1.2.3').message, 'get 10.1.2.3: invalid argument (EINVAL, errno 22)');
    assert.equal(
      routeError('openbsd', 55, 'write', 'add', '10.0.0.0/8 via 192.0.2.1').message,
      'add 10.0.0.0/8 via 192.0.2.1: routing table overflow (no buffer space) (ENOBUFS, errno 55)',
    );
    assert.equal(routeError('linux', 105, undefined, 'add', 'x').message, 'add x: no buffer space available (ENOBUFS, errno 105)');
    assert.equal(routeError('linux', 2, undefined, 'delete', '10.0.0.0/8').message, 'delete 10.0.0.0/8: not in table (ENOENT, errno 2)');
  });

  it('falls back to the OS strerror text, and E<n> for unknown numbers', () => {
    assert.equal(routeError('netbsd', 43, 'write', 'get', '10.1.2.3').message, 'get 10.1.2.3: protocol not supported (EPROTONOSUPPORT, errno 43)');
    assert.equal(routeError('linux', 43, undefined, 'get', '10.1.2.3').message, 'get 10.1.2.3: identifier removed (EIDRM, errno 43)');
    const u = routeError('netbsd', 700, 'write', 'add', 'x');
    assert.equal(u.message, 'add x: unknown error 700 (E700, errno 700)');
    assert.equal(u.code, 'E700');
    assert.equal(u.errno, -700);
  });

  it('adds the privilege hint for EPERM and EACCES', () => {
    const l = routeError('linux', 1, undefined, 'add', '10.0.0.0/8 via 192.0.2.1');
    assert.equal(l.message, 'add 10.0.0.0/8 via 192.0.2.1: operation not permitted (EPERM, errno 1)');
    assert.equal(l.hint, 'writing routes needs root or CAP_NET_ADMIN');
    assert.equal(l.syscall, 'sendmsg');
    const b = routeError('darwin', 13, undefined, 'delete', '10.0.0.0/8');
    assert.equal(b.code, 'EACCES');
    assert.equal(b.hint, 'writing routes needs root');
    assert.equal(b.syscall, 'write');
  });

  it('reads macOS 102 as EOPNOTSUPP', () => {
    const e = routeError('darwin', 102, 'write', 'change', '10.0.0.0/8');
    assert.equal(e.code, 'EOPNOTSUPP');
    assert.equal(e.message, 'change 10.0.0.0/8: operation not supported on socket (EOPNOTSUPP, errno 102)');
  });

  it('picks the syscall per OS', () => {
    assert.equal(routeSyscall('linux'), 'sendmsg');
    for (const os of BSD_OS_NAMES) assert.equal(routeSyscall(os), 'write');
  });

  it('decodes the errnos of the real NetBSD kernel captures', () => {
    const cases: Array<[string, string, string, string]> = [
      ['19-add-dup-10.1.0.0_16-reply.bin', 'EEXIST', 'add', 'add 10.1.0.0/16: route already exists (EEXIST, errno 17)'],
      ['25-delete-missing-10.1.0.0_16-reply.bin', 'ESRCH', 'delete', 'delete 10.1.0.0/16: not in table (ESRCH, errno 3)'],
      ['27-get-missing-10.1.2.3-reply.bin', 'ESRCH', 'get', 'get 10.1.0.0/16: not in table (ESRCH, errno 3)'],
      ['31-get-badversion3-reply.bin', 'EPROTONOSUPPORT', 'get', 'get 10.1.0.0/16: protocol not supported (EPROTONOSUPPORT, errno 43)'],
    ];
    for (const [file, code, op, message] of cases) {
      const n = rtmErrno(file);
      const e = routeError('netbsd', n, 'write', op, '10.1.0.0/16');
      assert.equal(e.code, code, file);
      assert.equal(e.message, message, file);
    }
  });
});
