/**
 * `npm run fuzz -- --seconds N [--seed S] [--decoder darwin-64,linux-64] [--json]`
 *
 * Runs test/fuzz/engine.ts for N seconds. A watchdog thread watches a heartbeat
 * the fuzzer bumps after every decode: if a decode never returns (a loop), the
 * watchdog writes the input being decoded to test/fuzz/regressions/ and kills the
 * process with exit status 3. Exit status 1 when a fault was found, 0 otherwise.
 */
import { Worker } from 'node:worker_threads';
import { DECODERS, REGRESSIONS, fuzz, type Decoder } from './engine';

function usage(msg: string): never {
  process.stderr.write(`fuzz: ${msg}\nusage: npm run fuzz -- --seconds N [--seed S] [--decoder name,...] [--json]\n`);
  process.exit(2);
}

function main(): void {
  const argv = process.argv.slice(2);
  let seconds = 60;
  let seed = 1;
  let json = false;
  let decoders: Decoder[] = DECODERS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === '--seconds') {
      if (!v || !/^\d+(\.\d+)?$/.test(v)) usage('--seconds needs a number');
      seconds = Number(v);
      i++;
    } else if (a === '--seed') {
      if (!v || !/^\d+$/.test(v)) usage('--seed needs a non-negative integer');
      seed = Number(v) >>> 0;
      i++;
    } else if (a === '--decoder') {
      if (!v) usage('--decoder needs names');
      const names = v.split(',');
      decoders = DECODERS.filter((d) => names.includes(d.name));
      if (decoders.length !== names.length) usage(`unknown decoder in ${v}; known: ${DECODERS.map((d) => d.name).join(', ')}`);
      i++;
    } else if (a === '--json') json = true;
    else usage(`unknown option ${a}`);
  }

  // Watchdog: heartbeat[0] counts decodes; cur holds [len, decoder index, bytes…].
  const heartbeat = new Int32Array(new SharedArrayBuffer(4));
  const cur = new SharedArrayBuffer(8 + (1 << 16));
  const curHead = new Uint32Array(cur, 0, 2);
  const curBytes = new Uint8Array(cur, 8);
  const watchdog = new Worker(
    `
    const { workerData } = require('node:worker_threads');
    const { mkdirSync, writeFileSync } = require('node:fs');
    const { createHash } = require('node:crypto');
    const hb = new Int32Array(workerData.heartbeat);
    const head = new Uint32Array(workerData.cur, 0, 2);
    const bytes = new Uint8Array(workerData.cur, 8);
    let last = -1, since = Date.now();
    setInterval(() => {
      const n = Atomics.load(hb, 0);
      if (n !== last) { last = n; since = Date.now(); return; }
      if (Date.now() - since < workerData.hangMs) return;
      const input = Buffer.from(bytes.subarray(0, head[0]));
      const d = workerData.decoders[head[1]];
      mkdirSync(workerData.dir, { recursive: true });
      const file = workerData.dir + '/' + d.os + '-' + d.abi + '-' + createHash('sha256').update(input).digest('hex').slice(0, 16) + '.bin';
      writeFileSync(file, input);
      process.stderr.write('fuzz: HANG in ' + d.name + ' (no return for ' + workerData.hangMs + ' ms); input kept in ' + file + '\\n');
      process.kill(process.pid, 'SIGKILL');
    }, 250).unref();
    `,
    { eval: true, workerData: { heartbeat: heartbeat.buffer, cur, dir: REGRESSIONS, decoders, hangMs: 10_000 } },
  );
  watchdog.unref();

  const log = (line: string) => process.stderr.write(`fuzz: ${line}\n`);
  log(`seed ${seed}, ${seconds} s, decoders: ${decoders.map((d) => d.name).join(' ')}`);
  const result = fuzz({
    seconds,
    seed,
    decoders,
    heartbeat,
    current: {
      set(input, d) {
        const n = Math.min(input.length, curBytes.length);
        curBytes.set(input.subarray(0, n));
        curHead[0] = n;
        curHead[1] = decoders.indexOf(d);
      },
    },
    log,
  });
  void watchdog.terminate();
  if (json) {
    process.stdout.write(JSON.stringify({ ...result, faults: result.faults.map((f) => ({ ...f, input: f.input.toString('hex') })) }, null, 2) + '\n');
  } else {
    const out: string[] = [];
    out.push(`seed ${result.seed}: ${result.inputs} inputs in ${result.seconds.toFixed(1)} s (${result.perSecond}/s), ${result.seeds} seed vectors, ${result.faults.length} distinct faults`);
    out.push(`slowest decode ${result.maxDecodeMs} ms, max heapUsed ${result.heapMaxMB} MiB`);
    out.push('decoder        inputs   /s      decoded  DecodeError  re-encoded  canonical  faults');
    for (const [name, s] of Object.entries(result.perDecoder)) {
      const rate = s.ms > 0 ? Math.round(s.inputs / (s.ms / 1000)) : 0;
      out.push(
        `${name.padEnd(14)} ${String(s.inputs).padStart(8)} ${String(rate).padStart(7)} ${String(s.decoded).padStart(8)} ${String(s.decodeErrors).padStart(12)} ${String(s.reencodeChecked).padStart(11)} ${String(s.canonical).padStart(10)} ${String(s.faults).padStart(7)}`,
      );
    }
    for (const f of result.faults) out.push(`FAULT ${f.decoder} ${f.kind}: ${f.detail}\n  input ${f.input.toString('hex')}\n  kept in ${f.file}`);
    process.stdout.write(out.join('\n') + '\n');
  }
  process.exitCode = result.faults.length ? 1 : 0;
}

main();
