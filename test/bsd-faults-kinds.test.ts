/**
 * The foundation's fault classes beyond route messages: for every OS and both ABIs, and every
 * header kind the OS has (if_msghdr, ifa_msghdr, ifma_msghdr, if_announcemsghdr, darwin's *2,
 * NetBSD's pre-8 ifa_msghdr): msglen shorter than that header, a sockaddr past msglen, sa_len 0
 * taking one unit of the OS/ABI's own rounding, an unpadded last sockaddr, zero/corrupt lengths
 * in a dump of that kind, OpenBSD's hdrlen on every header, and random corruption of 32-bit
 * messages never escaping as anything but a DecodeError.
 */
import assert from 'node:assert/strict';
import { DecodeError } from '../lib/errors';
import { decodeBsd, decodeBsdPartial, encodeMessage, getLayout } from '../lib/bsd/index';
import type { BsdEncodable, BsdEncodeOptions } from '../lib/bsd/index';
import { K_ANNOUNCE, type MsgSpec } from '../lib/bsd/layouts';
import type { Abi, BsdOsName } from '../lib/model';
import { OSES } from './support/bsd-support';

const PREFIX = ['', 'rtm', 'ifm', 'ifam', 'ifmam', 'ifan'];
const KINDS = ['', 'route', 'interface', 'address', 'multicast', 'announce'];

/** Expected sockaddr rounding unit per OS and ABI (reference md §5 and issue 4). */
const UNIT: Record<BsdOsName, Record<Abi, number>> = {
  darwin: { 64: 4, 32: 4 },
  freebsd: { 64: 8, 32: 4 },
  openbsd: { 64: 8, 32: 4 },
  netbsd: { 64: 8, 32: 8 },
  dragonfly: { 64: 8, 32: 4 },
};

/** One spec per distinct header of os/abi (the first type number using it). */
function headers(os: BsdOsName, abi: Abi): Array<{ type: number; spec: MsgSpec; opts: BsdEncodeOptions }> {
  const L = getLayout(os, abi);
  const seen = new Set<unknown>();
  const out: Array<{ type: number; spec: MsgSpec; opts: BsdEncodeOptions }> = [];
  L.types.forEach((spec, type) => {
    if (!spec || seen.has(spec.hdr)) return;
    seen.add(spec.hdr);
    out.push({ type, spec, opts: { netbsdPre8: spec.hdr === L.headers.ifaOld } });
  });
  return out;
}

/** A valid message of `spec` with a netmask and an ifa (encodeMessage writes both as 16-byte sockaddr_in). */
function sample(spec: MsgSpec, withAddrs: boolean): BsdEncodable {
  const base = { type: spec.type, version: 5, index: 2, flags: [], rawFlags: 1 };
  const addrs = withAddrs
    ? { netmask: { family: 'inet', address: '255.0.0.0', prefixLength: 8 }, ifa: { family: 'inet', address: '192.0.2.9' } }
    : {};
  if (spec.kind === K_ANNOUNCE) return { kind: 'announce', ...base, name: 'em0', what: 'arrival' } as unknown as BsdEncodable;
  return { kind: KINDS[spec.kind], ...base, addrs, data: {}, metrics: {} } as unknown as BsdEncodable;
}

function expectFault(buf: Buffer, os: BsdOsName, abi: Abi, offset: number, field: string | RegExp, before = 0): void {
  const r = decodeBsdPartial(buf, os, abi);
  assert.ok(r.error instanceof DecodeError, 'expected a DecodeError');
  if (typeof field === 'string') assert.equal(r.error.field, field);
  else assert.match(r.error.field, field);
  assert.equal(r.error.offset, offset);
  assert.equal(r.error.messagesBefore, before);
}

describe('bsd decoder faults for every header kind, OS and ABI', () => {
  for (const os of OSES) {
    for (const abi of [64, 32] as const) {
      describe(`${os}/${abi}`, () => {
        for (const { type, spec, opts } of headers(os, abi)) {
          const name = `${spec.type} (type ${type}, ${spec.size}-byte header)`;
          const P = PREFIX[spec.kind]!;

          it(`${name}: msglen shorter than the header is a DecodeError at the message`, () => {
            const ok = encodeMessage(sample(spec, false), os, abi, opts);
            const short = Buffer.concat([ok, ok]).subarray(0, ok.length + spec.size - 1);
            short.writeUInt16LE(spec.size - 1, ok.length);
            expectFault(short, os, abi, ok.length, P + '_msglen', 1);
          });

          if (spec.hdrlen >= 0) {
            it(`${name}: OpenBSD ${P}_hdrlen below the header or past msglen is a DecodeError`, () => {
              const b = encodeMessage(sample(spec, false), os, abi, opts);
              for (const bad of [spec.size - 1, b.length + 1]) {
                const c = Buffer.from(b);
                c.writeUInt16LE(bad, spec.hdrlen);
                expectFault(c, os, abi, spec.hdrlen, P + '_hdrlen');
              }
            });
          }

          if (spec.kind === K_ANNOUNCE) return;

          it(`${name}: a sockaddr past msglen names its role; a missing one too`, () => {
            const b = encodeMessage(sample(spec, true), os, abi, opts);
            const cut = Buffer.from(b.subarray(0, b.length - 4));
            cut.writeUInt16LE(cut.length, 0);
            const saStart = spec.size + 16; // after the full-size netmask
            expectFault(cut, os, abi, saStart, 'sockaddr[ifa].sa_len');
            const none = Buffer.from(b.subarray(0, spec.size));
            none.writeUInt16LE(spec.size, 0);
            if (spec.hdrlen >= 0) none.writeUInt16LE(spec.size, spec.hdrlen);
            expectFault(none, os, abi, spec.size, /^sockaddr\[netmask\]/);
          });

          it(`${name}: sa_len 0 takes one ${UNIT[os][abi]}-byte unit; the last sockaddr may be unpadded`, () => {
            const b = encodeMessage(sample(spec, true), os, abi, opts);
            const U = UNIT[os][abi];
            // replace the 16-byte mask by sa_len 0 + one unit
            const ifa = b.subarray(spec.size + 16, spec.size + 32);
            const z = Buffer.concat([b.subarray(0, spec.size), Buffer.alloc(U), ifa]);
            z.writeUInt16LE(z.length, 0);
            const m = decodeBsd(z, os, abi)[0]! as { addrs: Record<string, unknown> };
            assert.deepEqual(m.addrs.ifa, { family: 'inet', address: '192.0.2.9' });
            assert.deepEqual(m.addrs.netmask, { family: 'inet', address: '0.0.0.0', prefixLength: 0 });
            // unpadded last sockaddr: a 7-byte ifa-shaped tail ends exactly at msglen
            const t = Buffer.concat([b.subarray(0, spec.size), Buffer.alloc(U), Buffer.from([7, 2, 0, 0, 192, 0, 2])]);
            t.writeUInt16LE(t.length, 0);
            const m2 = decodeBsd(t, os, abi)[0]! as { addrs: Record<string, unknown> };
            assert.deepEqual(m2.addrs.ifa, { family: 'inet', address: '192.0.2.0' });
          });
        }

        it('a dump of every header kind ends cleanly at zero padding; a corrupt msglen mid-dump keeps the messages before it', () => {
          const msgs = headers(os, abi).map(({ spec, opts }) => encodeMessage(sample(spec, spec.kind !== K_ANNOUNCE), os, abi, opts));
          const dump = Buffer.concat([...msgs, Buffer.alloc(64)]);
          assert.equal(decodeBsd(dump, os, abi).length, msgs.length);
          const at = msgs[0]!.length;
          const bad = Buffer.from(dump);
          bad.writeUInt16LE(0xfff0, at);
          expectFault(bad, os, abi, at, 'rtm_msglen', 1);
          const zero = Buffer.from(dump);
          zero.writeUInt16LE(0, at);
          expectFault(zero, os, abi, at, 'rtm_msglen', 1);
        });

        it('fuzz: random corruption of every header kind ends in messages or a DecodeError', () => {
          let seed = abi * 31 + os.length;
          const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
          for (const { spec, opts } of headers(os, abi)) {
            const base = encodeMessage(sample(spec, spec.kind !== K_ANNOUNCE), os, abi, opts);
            for (let i = 0; i < 150; i++) {
              const b = Buffer.from(base);
              const n = 1 + Math.floor(rnd() * 4);
              for (let k = 0; k < n; k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
              const r = decodeBsdPartial(b.subarray(0, rnd() < 0.2 ? Math.floor(rnd() * b.length) : b.length), os, abi);
              assert.ok(r.error === null || r.error instanceof DecodeError);
            }
          }
        });
      });
    }
  }

  it('NetBSD: the sign-extended ifm_flags of a 32-bit or 64-bit message reads as the 16-bit flags', () => {
    for (const abi of [64, 32] as const) {
      const spec = getLayout('netbsd', abi).types[20]!;
      const b = encodeMessage(sample(spec, false), 'netbsd', abi);
      b.writeInt32LE(-32701, 8); // (short)0x8043 sign-extended: UP|BROADCAST|RUNNING|MULTICAST
      const m = decodeBsd(b, 'netbsd', abi)[0]! as { rawFlags: number; flags: string[] };
      assert.equal(m.rawFlags, 0x8043);
      assert.deepEqual(m.flags, ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST']);
    }
  });
});
