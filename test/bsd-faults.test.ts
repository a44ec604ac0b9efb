/**
 * One test per fault class per OS: lengths (msglen 0 / short / long, sockaddr past msglen,
 * sa_len 0, unpadded tail, extra bytes), masks (garbage families), sockaddr_dl lengths,
 * KAME scope, unknown families and message types. Messages are built here byte by byte.
 */
import assert from 'node:assert/strict';
import { DecodeError } from '../lib/errors';
import { decodeBsd, decodeBsdPartial, decodeBsdSockaddrs } from '../lib/bsd/index';
import type { BsdOsName, RouteMessage } from '../lib/model';
import { OSES, le, only, pad, sin } from './support/bsd-support';

const HDR: Record<BsdOsName, number> = { darwin: 92, freebsd: 152, openbsd: 96, netbsd: 120, dragonfly: 152 };
const UNIT: Record<BsdOsName, number> = { darwin: 4, freebsd: 8, openbsd: 8, netbsd: 8, dragonfly: 8 };
const AF6: Record<BsdOsName, number> = { darwin: 30, freebsd: 28, openbsd: 24, netbsd: 24, dragonfly: 28 };
const VERSION: Record<BsdOsName, number> = { darwin: 5, freebsd: 5, openbsd: 5, netbsd: 4, dragonfly: 7 };

/**
 * An RTM_GET (type 4) with sockaddrs `sas` (each padded to the OS unit unless it is the last and
 * `padLast` is false); rtm_addrs = `addrs`; flags @8 (@16 on OpenBSD) = `flags`.
 */
function rtm(os: BsdOsName, addrs: number, sas: number[][], o: { padLast?: boolean; flags?: number; msglen?: number; type?: number } = {}): Buffer {
  const tail: number[] = [];
  sas.forEach((sa, i) => tail.push(...(i === sas.length - 1 && o.padLast === false ? sa : pad(sa, UNIT[os]))));
  const b = Buffer.alloc(HDR[os] + tail.length);
  b.writeUInt16LE(o.msglen ?? b.length, 0);
  b[2] = VERSION[os];
  b[3] = o.type ?? 4;
  b.writeUInt32LE(addrs, 12);
  if (os === 'openbsd') {
    b.writeUInt16LE(96, 4); // rtm_hdrlen
    b.writeUInt32LE(o.flags ?? 0x1, 16);
  } else b.writeUInt32LE(o.flags ?? 0x1, 8);
  Buffer.from(tail).copy(b, HDR[os]);
  return b;
}

function sin6(os: BsdOsName, bytes: number[], scopeId = 0, len = 28): number[] {
  const sa = [28, AF6[os], 0, 0, 0, 0, 0, 0, ...bytes, ...le(scopeId, 4)];
  sa[0] = len;
  return sa.slice(0, Math.max(len, 2));
}

function v6(text: string): number[] {
  // Only the forms used below.
  const [head, tail] = text.split('::') as [string, string | undefined];
  const words = (s: string | undefined) => (s ? s.split(':').map((x) => parseInt(x, 16)) : []);
  const h = words(head);
  const t = words(tail);
  const all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

function sdl(index: number, type: number, name: string, mac: number[], len?: number): number[] {
  const body = [...Buffer.from(name, 'latin1'), ...mac];
  const l = len ?? Math.max(8 + body.length, 20);
  const out = [l, 18, index & 0xff, index >> 8, type, name.length, mac.length, 0, ...body];
  while (out.length < l) out.push(0);
  return out;
}

function expectError(r: { messages: unknown[]; error: DecodeError | null }, offset: number, field: string, before = 0): void {
  assert.ok(r.error instanceof DecodeError, 'expected a DecodeError');
  assert.equal(r.error.field, field);
  assert.equal(r.error.offset, offset);
  assert.equal(r.error.messagesBefore, before);
  assert.equal(r.messages.length, before);
}

describe('bsd decoder faults and quirks', () => {
  for (const os of OSES) {
    describe(os, () => {
      const H = HDR[os];
      const U = UNIT[os];
      const good = () => rtm(os, 0x3, [sin('10.0.0.0'), sin('192.0.2.1')]);

      it('zero msglen after a good message: DecodeError with messagesBefore 1 (never a loop)', () => {
        const buf = Buffer.concat([good(), Buffer.from([0, 0, VERSION[os], 4, 1, 2, 3, 4])]);
        expectError(decodeBsdPartial(buf, os), good().length, 'rtm_msglen', 1);
        assert.throws(() => decodeBsd(buf, os), (e: unknown) => e instanceof DecodeError && e.messagesBefore === 1);
      });

      it('zero padding after the last message of a dump ends the walk cleanly', () => {
        const buf = Buffer.concat([good(), good(), Buffer.alloc(16)]);
        assert.equal(decodeBsd(buf, os).length, 2);
      });

      it('msglen shorter than the header: DecodeError at the message', () => {
        const bad = rtm(os, 0, [], { msglen: H - 4 });
        const buf = Buffer.concat([good(), bad.subarray(0, H - 4)]);
        expectError(decodeBsdPartial(buf, os), good().length, 'rtm_msglen', 1);
        expectError(decodeBsdPartial(Buffer.from([2, 0, 5, 4]), os), 0, 'rtm_msglen');
      });

      it('msglen longer than the buffer: DecodeError', () => {
        const b = good();
        expectError(decodeBsdPartial(b.subarray(0, b.length - 1), os), 0, 'rtm_msglen');
        expectError(decodeBsdPartial(Buffer.from([0x30, 0x30, 5]), os), 0, 'rtm_msglen');
      });

      it('sockaddr running past msglen: DecodeError naming sockaddr[gateway].sa_len at its offset', () => {
        const gw = sin('192.0.2.1');
        gw[0] = 40;
        const b = rtm(os, 0x3, [sin('10.0.0.0'), gw]);
        const r = decodeBsdPartial(Buffer.concat([good(), b]), os);
        expectError(r, good().length + H + 16, 'sockaddr[gateway].sa_len', 1);
        assert.match(r.error!.message, /sa_len 40 runs past the end of the message/);
      });

      it('a sockaddr bit with no bytes left: DecodeError naming the role', () => {
        const b = rtm(os, 0x7, [sin('10.0.0.0'), sin('192.0.2.1')]);
        expectError(decodeBsdPartial(b, os), H + 32, 'sockaddr[netmask].sa_len');
      });

      it(`sa_len 0 takes one ${U}-byte unit; a zero mask with an inet dst is 0.0.0.0/0`, () => {
        const b = rtm(os, 0x7, [sin('0.0.0.0'), sin('192.0.2.1'), []], { flags: 0x3 });
        assert.equal(b.length, H + 32 + U);
        const m = only(decodeBsd(b, os), 'route');
        assert.deepEqual(m.addrs.netmask, { family: 'inet', address: '0.0.0.0', prefixLength: 0 });
        assert.equal(m.destination, 'default');
        // sa_len 0 in the middle: the next sockaddr starts one unit later
        const b2 = rtm(os, 0x13, [sin('192.0.2.9'), [], sin('10.9.9.9')]);
        const m2 = only(decodeBsd(b2, os), 'route');
        assert.deepEqual(m2.addrs.gateway, { family: 'unspec', address: '' });
        assert.deepEqual(m2.addrs.ifp, { family: 'inet', address: '10.9.9.9' });
      });

      it('trimmed masks with family 0, 0xff or garbage take the family from dst', () => {
        for (const fam of [0, 0xff, 0x7b]) {
          const b = rtm(os, 0x7, [sin('10.20.0.0'), sin('192.0.2.1'), [6, fam, 0xff, 0xff, 0xff, 0xf0]], { flags: 0x3 });
          const m = only(decodeBsd(b, os), 'route');
          assert.deepEqual(m.addrs.netmask, { family: 'inet', address: '255.240.0.0', prefixLength: 12 }, `family ${fam}`);
          assert.equal(m.destination, '10.20.0.0/12');
          const b6 = rtm(os, 0x7, [sin6(os, v6('2001:db8::')), sin6(os, v6('::1')), [12, fam, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xfe]]);
          const m6 = only(decodeBsd(b6, os), 'route');
          assert.deepEqual(m6.addrs.netmask, { family: 'inet6', address: 'ffff:fffe::', prefixLength: 31 });
          assert.equal(m6.destination, '2001:db8::/31');
        }
      });

      it('address-message masks take the family of the ifa that follows them', () => {
        const set = decodeBsdSockaddrs(Buffer.from([...pad([7, 0, 0, 0, 0xff, 0xff, 0xff], U), ...sin('192.0.2.5')]), 0x24, os);
        assert.deepEqual(set, {
          netmask: { family: 'inet', address: '255.255.255.0', prefixLength: 24 },
          ifa: { family: 'inet', address: '192.0.2.5' },
        });
      });

      it('a non-contiguous mask has prefixLength null and destination addr/mask', () => {
        const b = rtm(os, 0x7, [sin('10.0.0.0'), sin('192.0.2.1'), sin('255.0.255.0')]);
        const m = only(decodeBsd(b, os), 'route');
        assert.equal(m.addrs.netmask!.prefixLength, null);
        assert.equal(m.destination, '10.0.0.0/255.0.255.0');
      });

      it('the last sockaddr may end unpadded at msglen', () => {
        const dl = sdl(4, 6, 'en0', [2, 0, 0, 0, 0, 1], 17);
        const b = rtm(os, 0x11, [sin('192.0.2.1'), dl], { padLast: false });
        assert.equal(b.length, H + 16 + 17);
        const m = only(decodeBsd(b, os), 'route');
        assert.deepEqual(m.addrs.ifp, { family: 'link', address: '02:00:00:00:00:01', index: 4, type: 6, name: 'en0', mac: '02:00:00:00:00:01' });
        // and then another message follows right after it
        assert.equal(decodeBsd(Buffer.concat([b, good()]), os).length, 2);
      });

      it('sockaddr_dl with 0xff lengths: DecodeError naming sdl_nlen, never a read past sa_len', () => {
        const dl = sdl(1, 6, '', [], 20);
        dl[5] = 0xff;
        dl[6] = 0xff;
        const r = decodeBsdPartial(rtm(os, 0x3, [sin('192.0.2.1'), dl]), os);
        expectError(r, H + 16 + 5, 'sockaddr[gateway].sdl_nlen');
        // sa_len 0xff itself runs past the message
        const dl2 = sdl(1, 6, 'x', []);
        dl2[0] = 0xff;
        expectError(decodeBsdPartial(rtm(os, 0x3, [sin('192.0.2.1'), dl2]), os), H + 16, 'sockaddr[gateway].sa_len');
      });

      it('sockaddr_dl without a name, and a short one', () => {
        const m = only(decodeBsd(rtm(os, 0x3, [sin('192.0.2.1'), [8, 18, 7, 0, 6, 0, 0, 0]]), os), 'route');
        assert.deepEqual(m.addrs.gateway, { family: 'link', address: 'link#7', index: 7, type: 6, name: '', mac: null });
        const m2 = only(decodeBsd(rtm(os, 0x3, [sin('192.0.2.1'), [4, 18, 9, 0]]), os), 'route');
        assert.deepEqual(m2.addrs.gateway, { family: 'link', address: 'link#9', index: 9, type: 0, name: '', mac: null });
      });

      it('KAME scope: embedded in dst/gateway → zone; in a mask-shaped address → cleared, no zone; sin6_scope_id used when not embedded', () => {
        const b = rtm(os, 0x7, [
          sin6(os, v6('fe80:5::')),
          sin6(os, v6('fe80:5::1')),
          sin6(os, v6('fe80:5::')),
        ]);
        const m = only(decodeBsd(b, os), 'route');
        assert.deepEqual(m.addrs.dst, { family: 'inet6', address: 'fe80::', zone: 5 });
        assert.deepEqual(m.addrs.gateway, { family: 'inet6', address: 'fe80::1', zone: 5 });
        assert.deepEqual(m.addrs.netmask, { family: 'inet6', address: 'fe80::', prefixLength: null });
        const b2 = rtm(os, 0x3, [sin6(os, v6('ff02::1:2')), sin6(os, v6('fe80::9'), 3)]);
        const m2 = only(decodeBsd(b2, os), 'route');
        assert.deepEqual(m2.addrs.dst, { family: 'inet6', address: 'ff02::1:2' });
        assert.deepEqual(m2.addrs.gateway, { family: 'inet6', address: 'fe80::9', zone: 3 });
        const b3 = rtm(os, 0x1, [sin6(os, v6('ff02:7::fb'))]);
        assert.deepEqual(only(decodeBsd(b3, os), 'route').addrs.dst, { family: 'inet6', address: 'ff02::fb', zone: 7 });
        assert.equal(only(decodeBsd(b3, os), 'route').destination, 'ff02::fb%7/128');
      });

      it('unknown address families are kept raw (family number, hex after sa_family)', () => {
        const b = rtm(os, 0x3, [sin('192.0.2.1'), [6, 33, 0xde, 0xad, 0xbe, 0xef]]);
        const m = only(decodeBsd(b, os), 'route');
        assert.deepEqual(m.addrs.gateway, { family: 33, address: 'deadbeef' });
        // another OS's AF_INET6 number is just an unknown family here
        const other = os === 'darwin' ? 28 : 30;
        const b2 = rtm(os, 0x1, [[4, other, 1, 2]]);
        assert.deepEqual(only(decodeBsd(b2, os), 'route').addrs.dst, { family: other, address: '0102' });
      });

      it('unknown message types decode as kind unknown, not an error', () => {
        const b = Buffer.from([12, 0, VERSION[os], 0xee, 1, 2, 3, 4, 5, 6, 7, 8]);
        const msgs = decodeBsd(Buffer.concat([b, good()]), os);
        assert.deepEqual(msgs[0], { kind: 'unknown', type: 'unknown', version: VERSION[os], typeNumber: 0xee, length: 12, raw: b.toString('hex') });
        assert.equal(msgs[1]!.kind, 'route');
      });

      it('extra sockaddr bytes beyond the bitmask are ignored up to msglen', () => {
        const b = rtm(os, 0x1, [sin('192.0.2.1'), sin('10.0.0.1'), [1, 2, 3]]);
        const m = only(decodeBsd(Buffer.concat([b, good()]), os).slice(0, 1), 'route');
        assert.deepEqual(m.addrs, { dst: { family: 'inet', address: '192.0.2.1' } });
      });

      it('a message with no addresses', () => {
        const m = only(decodeBsd(rtm(os, 0, []), os), 'route') as RouteMessage;
        assert.deepEqual(m.addrs, {});
        assert.ok(!('destination' in m));
      });

      it('fuzz: random mutations of valid messages end in messages or a DecodeError', () => {
        let seed = 12345 + os.length;
        const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
        const base = Buffer.concat([
          rtm(os, 0x37, [sin('10.0.0.0'), sin('192.0.2.1'), [6, 0xff, 0xff, 0xff, 0xff, 0xff], sdl(2, 6, 'em0', [1, 2, 3, 4, 5, 6]), sin('192.0.2.2')]),
          good(),
        ]);
        for (let i = 0; i < 3000; i++) {
          const b = Buffer.from(base);
          const n = 1 + Math.floor(rnd() * 4);
          for (let k = 0; k < n; k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
          const cut = rnd() < 0.2 ? Math.floor(rnd() * b.length) : b.length;
          const r = decodeBsdPartial(b.subarray(0, cut), os);
          assert.ok(r.error === null || r.error instanceof DecodeError);
        }
      });
    });
  }

  it('openbsd: rtm_hdrlen outside [header, msglen] is a DecodeError; sockaddrs start at hdrlen', () => {
    const b = rtm('openbsd', 0x1, [sin('192.0.2.1')]);
    b.writeUInt16LE(200, 4);
    expectError(decodeBsdPartial(b, 'openbsd'), 4, 'rtm_hdrlen');
    // a longer header (future kernel): sockaddrs begin at hdrlen
    const ext = Buffer.alloc(104 + 16);
    ext.writeUInt16LE(ext.length, 0);
    ext[2] = 5;
    ext[3] = 1;
    ext.writeUInt16LE(104, 4);
    ext.writeUInt32LE(1, 12);
    Buffer.from(sin('198.51.100.7')).copy(ext, 104);
    assert.deepEqual(only(decodeBsd(ext, 'openbsd'), 'route').addrs, { dst: { family: 'inet', address: '198.51.100.7' } });
  });

  it('decodeBsdSockaddrs: sa_len past the vector is a DecodeError with the offset in the vector', () => {
    const v = Buffer.from([...sin('192.0.2.1'), 16, 2, 0, 0]);
    assert.throws(
      () => decodeBsdSockaddrs(v, 0x3, 'freebsd'),
      (e: unknown) => e instanceof DecodeError && e.offset === 16 && e.field === 'sockaddr[gateway].sa_len',
    );
  });
});
