/**
 * Replays every input the fuzzer kept (test/fuzz/regressions/<os>-<abi>-<hash>.bin):
 * each must decode to messages or throw DecodeError, never anything else.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from '../lib/codec';
import { DecodeError } from '../lib/errors';
import { REGRESSIONS, check, decoderOfFile } from './fuzz/engine';

describe('fuzz regressions: every kept input', function () {
  const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.bin')).sort();

  it('every file name names a decoder', function () {
    for (const f of files) assert.ok(decoderOfFile(f), `${f}: expected <os>-<32|64>-<hex>.bin`);
  });

  for (const f of files) {
    it(f, function () {
      const d = decoderOfFile(f)!;
      const input = readFileSync(join(REGRESSIONS, f));
      try {
        const messages = decode(input, { os: d.os, abi: d.abi });
        assert.ok(Array.isArray(messages));
      } catch (e) {
        assert.ok(e instanceof DecodeError, `${f}: threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
      }
      const v = check(input, d, 1000);
      assert.ok(v.ok, v.ok ? '' : `${f}: ${v.kind}: ${v.detail}`);
    });
  }
});
