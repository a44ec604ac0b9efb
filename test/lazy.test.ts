/**
 * Lazy decoding (`decode(buf, { os, lazy: true })`): every real capture and fixture gives the
 * same messages as eager decoding, every malformed input the same DecodeError, and a lazy
 * message behaves as documented in lib/lazy.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { decode, decodePartial } from '../lib/codec';
import { DecodeError } from '../lib/errors';
import { encodeRouteMessage } from '../lib/bsd/index';
import { LazyRouteMessage, isLazy, plain } from '../lib/index';
import type { Abi, BsdOsName, CodecOptions, Message, OsName, RouteMessage } from '../lib/model';
import { NETBSD_DIR, OSES, captures, netbsdFiles } from './support/bsd-support';

interface Input {
  name: string;
  os: OsName;
  abi?: Abi;
  buf: Buffer;
}

function captureOs(id: string): BsdOsName {
  return id.startsWith('FREEBSD') ? 'freebsd' : id.startsWith('NETBSD') ? 'netbsd' : 'darwin';
}

function synthetic(os: BsdOsName, abi: Abi): Buffer {
  return Buffer.concat([
    encodeRouteMessage({ type: 'add', flags: 0x803, seq: 1, addrs: { dst: { family: 'inet', address: '198.51.100.0' }, gateway: { family: 'inet', address: '192.0.2.2' }, netmask: { family: 'inet', address: '255.255.255.0', prefixLength: 24 } } }, os, abi),
    encodeRouteMessage({ type: 'get', flags: 0x805, seq: 2, addrs: { dst: { family: 'inet6', address: '2001:db8:1::1' }, gateway: { family: 'link', address: '02:00:00:00:00:01', index: 3, type: 6, name: 'em0', mac: '02:00:00:00:00:01' } } }, os, abi),
    encodeRouteMessage({ type: 'delete', flags: 0x803, seq: 3, addrs: { dst: { family: 'inet6', address: 'fe80::' }, gateway: { family: 'inet6', address: 'fe80::1', zone: 2 }, netmask: { family: 'inet6', address: 'ffff:ffff:ffff:ffff::', prefixLength: 64 } } }, os, abi),
  ]);
}

function inputs(): Input[] {
  const out: Input[] = [];
  for (const c of captures()) {
    if (c.input_hex) out.push({ name: c.id, os: captureOs(c.id), buf: Buffer.from(c.input_hex, 'hex') });
  }
  for (const f of netbsdFiles()) out.push({ name: `netbsd-kernel/${f}`, os: 'netbsd', buf: fs.readFileSync(path.join(NETBSD_DIR, f)) });
  for (const os of OSES) for (const abi of [64, 32] as Abi[]) out.push({ name: `encoded ${os}/${abi}`, os, abi, buf: synthetic(os, abi) });
  const linux = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'linux', 'dump.json'), 'utf8')) as { dumps: Record<string, string[]> };
  for (const [kind, list] of Object.entries(linux.dumps)) list.forEach((hex, i) => out.push({ name: `linux ${kind}[${i}]`, os: 'linux', buf: Buffer.from(hex, 'hex') }));
  return out;
}

function outcome(buf: Buffer, options: CodecOptions): { json: string; error: string | null } {
  const r = decodePartial(buf, options);
  return { json: JSON.stringify(r.messages), error: r.error ? `${r.error.offset} ${r.error.field} ${r.error.message} ${r.error.messagesBefore}` : null };
}

describe('lazy decoding', function () {
  const all = inputs();

  it('covers route messages of every format', function () {
    const formats = new Set<string>();
    for (const inp of all) {
      for (const m of decodePartial(inp.buf, { os: inp.os, abi: inp.abi, lazy: true }).messages) if (isLazy(m)) formats.add(inp.os);
    }
    assert.deepEqual([...formats].sort(), ['darwin', 'dragonfly', 'freebsd', 'linux', 'netbsd', 'openbsd']);
  });

  for (const inp of all) {
    it(`${inp.name}: lazy = eager`, function () {
      const options = { os: inp.os, abi: inp.abi };
      const eager = outcome(inp.buf, options);
      const lazy = outcome(inp.buf, { ...options, lazy: true });
      assert.equal(lazy.error, eager.error);
      assert.equal(lazy.json, eager.json);
      assert.ok(eager.json.length > 2 || eager.error !== null, 'the input decodes to messages, or is a malformed capture');
    });
  }

  it('every corruption of the real captures gives the same result or the same DecodeError', function () {
    // One byte at a time set to 0x00, 0x01, 0x7f and 0xff over every real BSD capture and
    // every Linux fixture: lengths, families, sdl_nlen/alen, rta_len and attribute sizes.
    let compared = 0;
    let errors = 0;
    for (const inp of all.filter((x) => !x.name.startsWith('encoded'))) {
      for (let i = 0; i < Math.min(inp.buf.length, 600); i++) {
        for (const v of [0x00, 0x01, 0x7f, 0xff]) {
          if (inp.buf[i] === v) continue;
          const b = Buffer.from(inp.buf);
          b[i] = v;
          const options = { os: inp.os, abi: inp.abi };
          const eager = outcome(b, options);
          const lazy = outcome(b, { ...options, lazy: true });
          assert.equal(lazy.error, eager.error, `${inp.name} byte ${i} = ${v}`);
          assert.equal(lazy.json, eager.json, `${inp.name} byte ${i} = ${v}`);
          compared++;
          if (eager.error) errors++;
        }
      }
    }
    assert.ok(compared > 20_000, `${compared} corrupted inputs compared`);
    assert.ok(errors > 1_000, `${errors} of them are DecodeErrors`);
  });

  it('decode throws the same DecodeError as eager decoding, with messagesBefore', function () {
    const inp = all.find((x) => x.name === 'DARWIN23-X86_64-RIB-DUMP-V4')!;
    const b = Buffer.from(inp.buf);
    const first = b.readUInt16LE(0);
    // The gateway sockaddr of the second message claims more bytes than the message has.
    const second = first;
    b[second + 92 + 16] = 0xf0;
    const get = (lazy: boolean): DecodeError => {
      try {
        decode(b, { os: 'darwin', lazy });
      } catch (e) {
        assert.ok(e instanceof DecodeError);
        return e;
      }
      throw new Error('no DecodeError');
    };
    const e = get(false);
    const l = get(true);
    assert.equal(l.message, e.message);
    assert.equal(l.offset, e.offset);
    assert.equal(l.field, e.field);
    assert.equal(l.messagesBefore, e.messagesBefore);
    assert.equal(e.messagesBefore, 1);
    assert.match(e.field, /^sockaddr\[gateway\]\.sa_len$/);
  });

  describe('a lazy route message', function () {
    const buf = synthetic('darwin', 64);
    const eager = decode(buf, { os: 'darwin' }) as RouteMessage[];

    it('is a LazyRouteMessage with kind and type as its only own properties', function () {
      const lazy = decode(buf, { os: 'darwin', lazy: true });
      assert.equal(lazy.length, 3);
      for (const [i, m] of lazy.entries()) {
        assert.ok(m instanceof LazyRouteMessage);
        assert.ok(isLazy(m));
        assert.equal(isLazy(eager[i]), false);
        assert.equal(isLazy(null), false);
        assert.deepEqual(Object.keys(m), ['kind', 'type']);
        assert.equal(m.kind, 'route');
        assert.equal(m.type, eager[i]!.type);
      }
    });

    it('reads every field of the model through its getters', function () {
      const lazy = decode(buf, { os: 'darwin', lazy: true }) as RouteMessage[];
      for (const [i, m] of lazy.entries()) {
        const e = eager[i]!;
        for (const key of Object.keys(e) as Array<keyof RouteMessage>) assert.deepEqual(m[key], e[key], key);
        assert.equal(m.destination, e.destination);
        assert.equal(m.linux, undefined);
      }
      assert.equal(lazy[0]!.destination, '198.51.100.0/24');
      assert.equal(lazy[2]!.destination, 'fe80::/64');
      assert.deepEqual(lazy[2]!.addrs.gateway, { family: 'inet6', address: 'fe80::1', zone: 2 });
    });

    it('builds its full form once and shares it; plain() is a copy of its own', function () {
      const [m] = decode(buf, { os: 'darwin', lazy: true }) as [RouteMessage];
      assert.equal(m.addrs, m.addrs);
      assert.equal(m.flags, m.flags);
      assert.equal((m as LazyRouteMessage).toJSON().addrs, m.addrs);
      const p = plain(m);
      assert.deepEqual(p, (m as LazyRouteMessage).toJSON());
      // Found by a new user: plain() used to hand out the shared object.
      p.flags.push('MUTATED');
      p.destination = 'changed';
      assert.ok(!m.flags.includes('MUTATED'));
      assert.equal(m.destination, '198.51.100.0/24');
    });

    it('says so when its buffer was changed before a field was read', function () {
      const b = Buffer.from(buf);
      const [m] = decode(b, { os: 'darwin', lazy: true }) as [RouteMessage];
      b.fill(0);
      assert.throws(() => m.destination, /route message at offset 0 cannot be read: its buffer was changed after decode/);
      assert.throws(() => JSON.stringify(m), /buffer was changed/);
    });

    it('plain() gives what eager decoding gives; JSON and inspect show the whole message', function () {
      const lazy = decode(buf, { os: 'darwin', lazy: true });
      assert.deepEqual(lazy.map((m) => plain(m)), eager);
      assert.equal(JSON.stringify(lazy), JSON.stringify(eager));
      assert.equal(plain(eager[0]!), eager[0]);
      const text = inspect(lazy[0]);
      assert.match(text, /^LazyRouteMessage \{/);
      assert.match(text, /192\.0\.2\.2/);
      // structuredClone keeps only own data: the documented reason to send plain() over IPC.
      const cloned = structuredClone(lazy[0]) as unknown as Record<string, unknown>;
      assert.deepEqual(Object.keys(cloned), ['kind', 'type']);
      assert.deepEqual(structuredClone(plain(lazy[0]!)), eager[0]);
    });

    it('is read-only', function () {
      const [m] = decode(buf, { os: 'darwin', lazy: true }) as [RouteMessage];
      const before = m.destination;
      assert.equal(Reflect.set(m, 'destination', 'x'), false);
      assert.equal(Reflect.set(m, 'addrs', {}), false);
      assert.equal(m.destination, before);
    });

    it('reports where its bytes are', function () {
      const lazy = decode(buf, { os: 'darwin', lazy: true }) as LazyRouteMessage[];
      assert.equal(lazy[0]!.byteOffset, 0);
      assert.equal(lazy[1]!.byteOffset, buf.readUInt16LE(0));
    });
  });

  it('leaves other kinds eager', function () {
    const f = netbsdFiles().find((x) => x.includes('listener'))!;
    const ms: Message[] = decode(fs.readFileSync(path.join(NETBSD_DIR, f)), { os: 'netbsd', lazy: true });
    assert.ok(ms.length > 0);
    const linux = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'linux', 'dump.json'), 'utf8')) as { dumps: Record<string, string[]> };
    for (const m of decode(Buffer.from(linux.dumps['link']![0]!, 'hex'), { os: 'linux', lazy: true })) {
      assert.ok(!isLazy(m));
      assert.ok(Object.keys(m).length > 2);
    }
  });

  it('refuses a lazy option that is not a boolean', function () {
    assert.throws(() => decode(Buffer.alloc(0), { os: 'darwin', lazy: 1 as unknown as boolean }), /lazy must be a boolean/);
    assert.throws(() => decodePartial(Buffer.alloc(0), { os: 'linux', lazy: 'yes' as unknown as boolean }), TypeError);
  });
});
