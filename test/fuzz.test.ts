/**
 * A bounded CI slice of the decoder fuzzer (test/fuzz/engine.ts): ~10 s over every
 * decoder (each BSD OS × ABI, and Linux) with a fixed seed. Zero faults expected.
 */
import assert from 'node:assert/strict';
import { DECODERS, fuzz } from './fuzz/engine';

describe('fuzz: bounded slice over every decoder', function () {
  this.timeout(60_000);

  it('10 s, seed 1: zero faults, every decoder exercised, re-encode checked', function () {
    const r = fuzz({ seconds: 10, seed: 1, save: true });
    for (const f of r.faults) console.log(`      FAULT ${f.decoder} ${f.kind}: ${f.detail}\n        input ${f.input.toString('hex')}\n        kept in ${f.file}`);
    console.log(`      ${r.inputs} inputs in ${r.seconds.toFixed(1)} s (${r.perSecond}/s), ${r.seeds} seed vectors, max heap ${r.heapMaxMB} MiB, slowest ${r.maxDecodeMs} ms`);
    assert.equal(r.faults.length, 0, 'faults found; the inputs are in test/fuzz/regressions/');
    // 2-core CI box: measured ~10,000/s alone; the floor leaves room for a loaded machine.
    assert.ok(r.inputs > 20_000, `only ${r.inputs} inputs tried`);
    assert.ok(r.seeds >= 100, `only ${r.seeds} seed vectors loaded`);
    assert.deepEqual(Object.keys(r.perDecoder).sort(), DECODERS.map((d) => d.name).sort());
    for (const [name, s] of Object.entries(r.perDecoder)) {
      assert.ok(s.inputs > 1000, `${name}: ${s.inputs} inputs`);
      assert.ok(s.decoded > 0 && s.decodeErrors > 0, `${name}: both outcomes exercised`);
      assert.ok(s.reencodeChecked > 0, `${name}: no route request was re-encoded`);
    }
    assert.ok(r.heapMaxMB < 512, `heap ${r.heapMaxMB} MiB`);
  });

  it('is deterministic for a seed', function () {
    // Same seed, same decoder, fixed input count (time only bounds the count): same outcome counts.
    const d = DECODERS.filter((x) => x.name === 'darwin-64' || x.name === 'linux-64');
    const a = fuzz({ seconds: 60, rounds: 20, seed: 7, decoders: d, save: false });
    const b = fuzz({ seconds: 60, rounds: 20, seed: 7, decoders: d, save: false });
    assert.ok(a.inputs > 4000);
    assert.deepEqual(
      Object.values(a.perDecoder).map((s) => [s.inputs, s.decoded, s.decodeErrors, s.reencodeChecked, s.canonical]),
      Object.values(b.perDecoder).map((s) => [s.inputs, s.decoded, s.decodeErrors, s.reencodeChecked, s.canonical]),
    );
  });
});
