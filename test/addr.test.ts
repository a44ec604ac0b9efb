import assert from 'node:assert/strict';
import { isIPv4, isIPv6 } from 'node:net';
import {
  formatHex, formatIPv4, formatIPv6, formatMac, maskToPrefix, parseIPv4, parseIPv6, prefixToMask, prefixToMaskText,
} from '../lib/addr.js';
import { rng } from './support/rng';

/** WHATWG URL host serialisation is RFC 5952 (longest zero run, first on ties, no single-group ::). */
function referenceIPv6(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

describe('addr helpers', () => {
  it('formats IPv4', () => {
    assert.equal(formatIPv4(new Uint8Array([192, 0, 2, 1])), '192.0.2.1');
    assert.equal(formatIPv4(new Uint8Array([9, 0, 0, 0, 0, 255, 255, 255, 255]), 5), '255.255.255.255');
  });

  it('formats IPv6 in RFC 5952 form', () => {
    const cases: Array<[string, string]> = [
      ['00000000000000000000000000000000', '::'],
      ['00000000000000000000000000000001', '::1'],
      ['20010db8000000000000000000000001', '2001:db8::1'],
      ['20010db8000000010000000000000001', '2001:db8:0:1::1'], // longest run wins
      ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'], // tie: first run
      ['20010db8000000010001000100010001', '2001:db8:0:1:1:1:1:1'], // one zero group is not compressed
      ['fe800000000000000000000000000002', 'fe80::2'],
      ['20010db8000000000000000000000000', '2001:db8::'],
      ['00000000000000000000ffffc0000201', '::ffff:c000:201'],
      ['ABCD000000000000000000000000ABCD'.toLowerCase(), 'abcd::abcd'],
    ];
    for (const [hex, text] of cases) assert.equal(formatIPv6(Buffer.from(hex, 'hex')), text, hex);
  });

  it('formats IPv6 like the WHATWG serialiser for random, zero-heavy addresses', () => {
    const r = rng(5952);
    for (let n = 0; n < 3000; n++) {
      const b = new Uint8Array(16);
      for (let g = 0; g < 8; g++) {
        if (r() < 0.5) continue;
        const v = r() < 0.3 ? 1 : Math.floor(r() * 65536);
        b[g * 2] = v >> 8;
        b[g * 2 + 1] = v & 0xff;
      }
      const text = formatIPv6(b);
      assert.equal(text, referenceIPv6(b));
      assert.deepEqual(parseIPv6(text), b, text);
    }
  });

  it('parses IPv4 strictly', () => {
    assert.deepEqual(parseIPv4('192.0.2.1'), new Uint8Array([192, 0, 2, 1]));
    assert.deepEqual(parseIPv4('0.0.0.0'), new Uint8Array(4));
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1..2.3', '1.2.3.4 ', 'a.b.c.d', '1.2.3.', '.1.2.3']) {
      assert.equal(parseIPv4(bad), null, bad);
      assert.equal(isIPv4(bad), false, bad);
    }
  });

  it('parses IPv6 (all forms) and rejects junk', () => {
    const ok: Array<[string, string]> = [
      ['::', '00000000000000000000000000000000'],
      ['::1', '00000000000000000000000000000001'],
      ['1::', '00010000000000000000000000000000'],
      ['2001:DB8::1', '20010db8000000000000000000000001'],
      ['2001:db8:0:0:0:0:0:1', '20010db8000000000000000000000001'],
      ['::ffff:192.0.2.1', '00000000000000000000ffffc0000201'],
      ['1:2:3:4:5:6:1.2.3.4', '00010002000300040005000601020304'],
      ['fe80::1:2', 'fe800000000000000000000000010002'],
      ['1:2:3:4:5:6:7::', '00010002000300040005000600070000'],
    ];
    for (const [text, hex] of ok) assert.equal(Buffer.from(parseIPv6(text)!).toString('hex'), hex, text);
    const bad = ['', ':', ':::', '1:::2', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'fe80::1%2',
      '1:2:3:4:5:6:7:8::', '::1.2.3', 'g::1', '1:', ':1', '1:2:3:4:5:6:7:1.2.3.4', '::1.2.3.4.5', '1.2.3.4'];
    for (const t of bad) {
      assert.equal(parseIPv6(t), null, t);
      if (!t.includes('%')) assert.equal(isIPv6(t), false, t);
    }
  });

  it('converts prefixes and masks', () => {
    assert.equal(prefixToMaskText('inet', 24), '255.255.255.0');
    assert.equal(prefixToMaskText('inet', 0), '0.0.0.0');
    assert.equal(prefixToMaskText('inet', 32), '255.255.255.255');
    assert.equal(prefixToMaskText('inet', 19), '255.255.224.0');
    assert.equal(prefixToMaskText('inet6', 64), 'ffff:ffff:ffff:ffff::');
    assert.equal(prefixToMaskText('inet6', 128), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    assert.throws(() => prefixToMask('inet', 33), RangeError);
    assert.throws(() => prefixToMask('inet6', -1), RangeError);
    for (let l = 0; l <= 128; l++) assert.equal(maskToPrefix(prefixToMask('inet6', l)), l);
    for (let l = 0; l <= 32; l++) assert.equal(maskToPrefix(prefixToMask('inet', l)), l);
    assert.equal(maskToPrefix(new Uint8Array([255, 0, 255, 0])), null);
    assert.equal(maskToPrefix(new Uint8Array([255, 254, 1, 0])), null);
    assert.equal(maskToPrefix(new Uint8Array([255, 0b10100000, 0, 0])), null);
    assert.equal(maskToPrefix(new Uint8Array([9, 255, 255]), 1, 2), 16); // trimmed BSD mask
  });

  it('formats MACs and hex', () => {
    assert.equal(formatMac(new Uint8Array([0, 0x1b, 0x21, 0xaa, 0xbb, 0xcc]), 0, 6), '00:1b:21:aa:bb:cc');
    assert.equal(formatMac(new Uint8Array([1, 2]), 1, 1), '02');
    assert.equal(formatMac(new Uint8Array(0), 0, 0), '');
    assert.equal(formatHex(new Uint8Array([0xde, 0xad, 0xbe, 0xef]), 1, 2), 'adbe');
  });
});
