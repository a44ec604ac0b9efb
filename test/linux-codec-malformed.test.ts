/**
 * Linux rtnetlink decoder on malformed input: every fault is a DecodeError naming the
 * offset and field, never another exception, never a hang.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeError } from '../lib/errors.js';
import { decodeNetlink, decodeNetlinkPartial, HOST_LE } from '../lib/linux/index.js';
import { rng } from './support/rng';

const FIX = join(__dirname, 'fixtures', 'linux');

function u16(v: number): Buffer {
  const b = Buffer.alloc(2);
  if (HOST_LE) b.writeUInt16LE(v);
  else b.writeUInt16BE(v);
  return b;
}
function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  if (HOST_LE) b.writeUInt32LE(v >>> 0);
  else b.writeUInt32BE(v >>> 0);
  return b;
}
function pad(b: Buffer): Buffer {
  return b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
}
/** rtattr with an explicit (possibly lying) rta_len. */
function rta(type: number, data: Buffer, len = 4 + data.length): Buffer {
  return pad(Buffer.concat([u16(len), u16(type), data]));
}
function nlmsg(type: number, payload: Buffer, flags = 0, len = 16 + payload.length): Buffer {
  return Buffer.concat([u32(len), u16(type), u16(flags), u32(1), u32(0), payload]);
}
function rtmsg(family = 2, dstLen = 24, table = 254, protocol = 4, scope = 0, type = 1): Buffer {
  return Buffer.concat([Buffer.from([family, dstLen, 0, 0, table, protocol, scope, type]), u32(0)]);
}
const ip4 = (a: number, b: number, c: number, d: number): Buffer => Buffer.from([a, b, c, d]);
const goodRoute = (): Buffer => nlmsg(24, Buffer.concat([rtmsg(), rta(1, ip4(198, 51, 100, 0)), rta(5, ip4(192, 0, 2, 2)), rta(4, u32(3))]));

function expectError(buf: Uint8Array, offset: number, field: string | RegExp, before = 0): void {
  let err: unknown;
  try {
    decodeNetlink(buf);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof DecodeError, `expected DecodeError, got ${String(err)}`);
  if (typeof field === 'string') assert.equal(err.field, field);
  else assert.match(err.field, field);
  assert.equal(err.offset, offset, err.message);
  assert.equal(err.messagesBefore, before);
  assert.equal(err.code, 'ERR_PFROUTE_DECODE');
  const p = decodeNetlinkPartial(buf);
  assert.equal(p.messages.length, before);
  assert.ok(p.error instanceof DecodeError);
}

describe('linux codec: malformed input', () => {
  it('sanity: the hand-built route decodes', () => {
    const [m] = decodeNetlink(goodRoute());
    assert.equal(m!.kind, 'route');
    assert.deepEqual(decodeNetlink(new Uint8Array(0)), []);
  });

  it('truncated header', () => expectError(goodRoute().subarray(0, 10), 0, 'nlmsghdr'));
  it('nlmsg_len 0', () => expectError(nlmsg(24, rtmsg(), 0, 0), 0, 'nlmsg_len'));
  it('nlmsg_len 15', () => expectError(nlmsg(24, rtmsg(), 0, 15), 0, 'nlmsg_len'));
  it('nlmsg_len past the buffer', () => expectError(nlmsg(24, rtmsg(), 0, 200), 0, 'nlmsg_len'));
  it('second message bad: offset of that message, messagesBefore 1', () => {
    const a = goodRoute();
    expectError(Buffer.concat([a, nlmsg(3, u32(0), 0, 4000)]), a.length, 'nlmsg_len', 1);
    expectError(Buffer.concat([a, Buffer.alloc(7)]), a.length, 'nlmsghdr', 1);
  });
  it('short rtmsg', () => expectError(nlmsg(24, Buffer.alloc(6)), 16, 'rtmsg'));
  it('rtm_dst_len beyond the family', () => expectError(nlmsg(24, rtmsg(2, 33)), 17, 'rtm_dst_len'));
  it('rta_len 0', () =>
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(1, ip4(1, 2, 3, 4)), rta(5, ip4(1, 2, 3, 4), 0)])), 36, 'rtattr[RTA_GATEWAY].rta_len'));
  it('rta_len 2', () => expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(1, ip4(1, 2, 3, 4), 2)])), 28, 'rtattr[RTA_DST].rta_len'));
  it('rta_len past the message', () =>
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(4, u32(1), 40)])), 28, 'rtattr[RTA_OIF].rta_len'));
  it('truncated attribute header', () => expectError(nlmsg(24, Buffer.concat([rtmsg(), Buffer.from([8, 0])])), 28, 'rtattr.rta_len'));
  it('wrong-size RTA_DST / RTA_GATEWAY / RTA_PREFSRC / RTA_OIF', () => {
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(1, Buffer.from([1, 2, 3]))])), 28, 'rtattr[RTA_DST]');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(5, Buffer.alloc(16))])), 28, 'rtattr[RTA_GATEWAY]');
    expectError(nlmsg(24, Buffer.concat([rtmsg(10, 64), rta(1, Buffer.alloc(4))])), 28, 'rtattr[RTA_DST]');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(7, Buffer.alloc(5))])), 28, 'rtattr[RTA_PREFSRC]');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(4, Buffer.alloc(2))])), 28, 'rtattr[RTA_OIF]');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(18, Buffer.concat([u16(10), Buffer.alloc(4)]))])), 28, 'rtattr[RTA_VIA]');
  });
  it('nested RTA_METRICS corrupt', () => {
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(8, rta(2, u32(1400), 30))])), 32, 'rtattr[RTA_METRICS][RTAX_MTU].rta_len');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(8, rta(2, Buffer.alloc(2)))])), 32, 'rtattr[RTA_METRICS][RTAX_MTU]');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(8, Buffer.from([1, 0]))])), 32, 'rtattr[RTA_METRICS].rta_len');
  });
  it('RTA_MULTIPATH corrupt', () => {
    const nh = (len: number, body: Buffer = Buffer.alloc(0)): Buffer => Buffer.concat([u16(len), Buffer.from([0, 0]), u32(3), body]);
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(9, nh(4))])), 32, 'rtattr[RTA_MULTIPATH].rtnh_len');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(9, nh(64))])), 32, 'rtattr[RTA_MULTIPATH].rtnh_len');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(9, Buffer.alloc(4))])), 32, 'rtattr[RTA_MULTIPATH].rtnh_len');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(9, nh(16, rta(5, ip4(1, 2, 3, 4), 40)))])), 40, 'rtattr[RTA_MULTIPATH][RTA_GATEWAY].rta_len');
    expectError(nlmsg(24, Buffer.concat([rtmsg(), rta(9, nh(16, rta(5, Buffer.alloc(4 + 0).subarray(0, 3))))])), 40, 'rtattr[RTA_MULTIPATH][RTA_GATEWAY]');
  });
  it('link and address messages', () => {
    expectError(nlmsg(16, Buffer.alloc(8)), 16, 'ifinfomsg');
    const ifi = Buffer.concat([Buffer.from([0, 0]), u16(1), u32(2), u32(0), u32(0)]);
    expectError(nlmsg(16, Buffer.concat([ifi, rta(4, Buffer.alloc(3))])), 32, 'rtattr[IFLA_MTU]');
    expectError(nlmsg(16, Buffer.concat([ifi, rta(3, Buffer.from('eth0\0'), 99)])), 32, 'rtattr[IFLA_IFNAME].rta_len');
    expectError(nlmsg(20, Buffer.alloc(4)), 16, 'ifaddrmsg');
    const ifa = Buffer.concat([Buffer.from([2, 24, 0, 0]), u32(2)]);
    expectError(nlmsg(20, Buffer.concat([ifa, rta(1, Buffer.alloc(5))])), 24, 'rtattr[IFA_ADDRESS]');
    expectError(nlmsg(20, Buffer.concat([ifa, rta(2, Buffer.alloc(16))])), 24, 'rtattr[IFA_LOCAL]');
    expectError(nlmsg(20, Buffer.concat([Buffer.from([2, 40, 0, 0]), u32(2)])), 17, 'ifa_prefixlen');
  });
  it('NLMSG_ERROR corrupt', () => {
    expectError(nlmsg(2, Buffer.alloc(2)), 16, 'nlmsgerr.error');
    // extack TLVs announced, inner nlmsg_len lies
    const orig = Buffer.concat([u32(400), u16(24), u16(5), u32(1), u32(0)]);
    expectError(nlmsg(2, Buffer.concat([u32(-22 >>> 0), orig]), 0x200), 20, 'nlmsgerr.msg.nlmsg_len');
    // capped, TLV with bad length
    const capped = Buffer.concat([u32(-22 >>> 0), Buffer.concat([u32(44), u16(24), u16(5), u32(1), u32(0)]), rta(1, Buffer.from('x\0'), 50)]);
    expectError(nlmsg(2, capped, 0x300), 36, 'nlattr[NLMSGERR_ATTR_MSG].rta_len');
  });
  it('unknown types are kept, not errors', () => {
    const [m] = decodeNetlink(nlmsg(200, Buffer.from([1, 2, 3, 4])));
    assert.deepEqual(m, { kind: 'unknown', type: 'unknown', version: 0, typeNumber: 200, length: 20, raw: Buffer.from(nlmsg(200, Buffer.from([1, 2, 3, 4]))).toString('hex') });
  });
});

describe('linux codec: randomized mutation of real captures', () => {
  const corpus: Buffer[] = [];
  for (const f of ['dump.json', 'monitor.json', 'errors.json']) {
    const j = JSON.parse(readFileSync(join(FIX, f), 'utf8'));
    const walk = (o: unknown): void => {
      if (typeof o === 'string' && /^[0-9a-f]{32,}$/.test(o)) corpus.push(Buffer.from(o, 'hex'));
      else if (Array.isArray(o)) o.forEach(walk);
      else if (o && typeof o === 'object') Object.values(o).forEach(walk);
    };
    walk(j);
  }

  it(`returns or throws DecodeError, nothing else (5000 mutations, seed 0x5eed)`, function () {
    this.timeout(120000);
    assert.ok(corpus.length > 20);
    const r = rng(0x5eed);
    const pick = (n: number): number => Math.floor(r() * n);
    let errors = 0;
    for (let i = 0; i < 5000; i++) {
      const src = corpus[pick(corpus.length)]!;
      let b = Buffer.from(src);
      const kind = pick(6);
      const n = 1 + pick(4);
      for (let k = 0; k < n; k++) {
        if (b.length === 0) break;
        const at = pick(b.length);
        if (kind === 0) b[at] = pick(256);
        else if (kind === 1) b[at & ~1] = pick(2) ? 0 : pick(24); // small u16 low byte (lengths)
        else if (kind === 2) b = b.subarray(0, at);
        else if (kind === 3) b = Buffer.concat([b.subarray(0, at), Buffer.from([pick(256), pick(256)]), b.subarray(at)]);
        else if (kind === 4) b[at] = b[at]! ^ (1 << pick(8));
        else b.writeUInt16LE(pick(0x10000), Math.min(at & ~3, b.length - 2));
      }
      try {
        const msgs = decodeNetlink(b);
        JSON.stringify(msgs);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw new Error(`iteration ${i}: ${String(e)} on ${b.toString('hex')}`);
        assert.ok(e.offset >= 0 && e.offset <= b.length, `offset ${e.offset} outside ${b.length}`);
        errors++;
      }
      const p = decodeNetlinkPartial(b);
      assert.ok(p.error === null || p.error instanceof DecodeError);
    }
    assert.ok(errors > 100, `only ${errors} mutations were rejected`);
  });
});
