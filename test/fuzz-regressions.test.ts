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

/** Files whose fault is reported to the lead and not fixed yet (the invariant test fails until it is). */
const KNOWN: Record<string, string> = {
  'netbsd-64-277bbe31146e700a.bin':
    'lib/bsd: the sa_len-0 netmask of this RTM_GET (empty dst and gateway, inet ifp/ifa) decodes as inet 0.0.0.0/0 and re-encodes as a 2-byte trimmed mask (02 02), so encode(decode(y)) != y',
};

describe('fuzz regressions: every kept input', function () {
  const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.bin')).sort();

  it('every file name names a decoder', function () {
    for (const f of files) assert.ok(decoderOfFile(f), `${f}: expected <os>-<32|64>-<hex>.bin`);
  });

  for (const f of files) {
    it(`${f}: messages or DecodeError, nothing else`, function () {
      const d = decoderOfFile(f)!;
      const input = readFileSync(join(REGRESSIONS, f));
      try {
        const messages = decode(input, { os: d.os, abi: d.abi });
        assert.ok(Array.isArray(messages));
      } catch (e) {
        assert.ok(e instanceof DecodeError, `${f}: threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
      }
    });
    it(`${KNOWN[f] ? 'KNOWN BUG (reported to lead): ' : ''}${f}: every fuzz invariant (terminates, re-encodes canonically)`, function () {
      const d = decoderOfFile(f)!;
      const v = check(readFileSync(join(REGRESSIONS, f)), d, 1000);
      assert.ok(v.ok, v.ok ? '' : `${f}: ${v.kind}: ${v.detail}${KNOWN[f] ? `\n(${KNOWN[f]})` : ''}`);
    });
  }
});
