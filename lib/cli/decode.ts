import { readFileSync } from 'node:fs';
import { assertOsName, decodePartial } from '../codec';
import type { Abi, OsName } from '../model';
import { formatMessage, messageJson } from './format';
import { takeValue, UsageError } from './usage';

function parseHex(text: string): Buffer {
  const clean = text.replace(/0x/gi, '').replace(/[\s:,-]/g, '');
  const bad = /[^0-9a-fA-F]/.exec(clean);
  if (bad) throw new UsageError(`pfroute decode: "${bad[0]}" is not a hex digit`);
  if (clean.length % 2 !== 0) throw new UsageError('pfroute decode: --hex needs an even number of hex digits');
  return Buffer.from(clean, 'hex');
}

function readStdin(): Buffer {
  return readFileSync(0);
}

/** Decodes a captured buffer and prints every message; exit 2 when it turns malformed. */
export async function decodeCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let os: OsName | undefined;
  let abi: Abi = 64;
  let json = false;
  let input: Buffer | undefined;
  let hexInput = false;
  let iflistl = false;
  let sources = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--os') {
      const v = takeValue(argv, i++, a, 'decode');
      try {
        assertOsName(v);
      } catch (e) {
        throw new UsageError(`pfroute decode: ${(e as Error).message}`);
      }
      os = v;
    } else if (a === '--abi') {
      const v = takeValue(argv, i++, a, 'decode');
      if (v !== '32' && v !== '64') throw new UsageError(`pfroute decode: --abi takes 32 or 64, got "${v}"`);
      abi = Number(v) as Abi;
    } else if (a === '--json' || a === '-j') json = true;
    else if (a === '--iflistl') iflistl = true; // FreeBSD NET_RT_IFLISTL dumps (if_msghdrl / ifa_msghdrl)
    else if ((a === '--hex' || a === '--file' || a === '-') && ++sources > 1) {
      throw new UsageError('pfroute decode: give the bytes once: --hex HEX, --file FILE or - (stdin)');
    } else if (a === '--hex') {
      input = parseHex(takeValue(argv, i++, a, 'decode'));
    } else if (a === '--file') {
      const f = takeValue(argv, i++, a, 'decode');
      try {
        input = readFileSync(f);
      } catch (e) {
        throw new UsageError(`pfroute decode: cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    } else if (a === '-') {
      input = readStdin();
      hexInput = true;
    } else throw new UsageError(`pfroute decode: unknown option ${a}`);
  }
  if (!os) throw new UsageError('pfroute decode: --os is required (darwin, freebsd, openbsd, netbsd, dragonfly, linux)');
  if (input === undefined) throw new UsageError('pfroute decode: give the bytes with --hex HEX, --file FILE or - (stdin)');
  if (hexInput) {
    // stdin may carry hex text (as copied from a bug report) or raw bytes.
    const text = input.toString('latin1').trim();
    if (text.length > 0 && /^(0x)?[0-9a-fA-F\s:,-]+$/.test(text)) input = parseHex(text);
  }
  if (iflistl && os !== 'freebsd') throw new UsageError('pfroute decode: --iflistl is a FreeBSD dump format (use --os freebsd)');
  const { messages, error } = decodePartial(input, iflistl ? { os, abi, iflistl } : { os, abi });
  for (const m of messages) out.write(json ? messageJson(m) + '\n' : formatMessage(m) + '\n');
  if (error) {
    err.write(`pfroute decode: ${error.message} (after ${messages.length} message${messages.length === 1 ? '' : 's'})\n`);
    return 2;
  }
  return 0;
}
