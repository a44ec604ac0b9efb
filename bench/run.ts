/**
 * `npm run bench`: every benchmark side by side in one run, each figure a ratio to a reference
 * measured in the same run. Prints a table, writes bench/out/results.json and (full runs only)
 * bench/RESULTS.md.
 *
 * As root on Linux the whole run re-executes inside a network namespace of its own
 * (`unshare --net`, like scripts/test.js), and each benchmark that needs a table runs in a
 * further fresh namespace; the children refuse to touch routes unless they are in one.
 * Flags: --quick (fewer rounds), --only=decode,lookup,dump,monitor,changes
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { cpus, release } from 'node:os';
import { join } from 'node:path';
import type { DecodeTiming } from './decode';
import { DECODE_INPUTS, hasTaskset, inPrivateNetns, ROOT, runChild, type Stats } from './lib';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : null;
const want = (name: string): boolean => !only || only.has(name);

function reexecInNetns(): boolean {
  const isRoot = process.getuid?.() === 0;
  if (process.platform !== 'linux' || !isRoot || process.env['PFROUTE_BENCH_HOST_NETNS']) return false;
  if (spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' }).status !== 0) {
    console.error('bench: unshare --net is not available; benchmarks that need a routing table are skipped');
    return false;
  }
  const env = { ...process.env, PFROUTE_BENCH_HOST_NETNS: readlinkSync('/proc/self/ns/net') };
  const r = spawnSync('unshare', ['--net', '--', process.execPath, ...process.execArgv, __filename, ...argv], { stdio: 'inherit', env, cwd: ROOT });
  process.exit(r.status ?? 1);
}

const fmtNs = (ns: number): string =>
  ns >= 1e9 ? (ns / 1e9).toFixed(2) + ' s' : ns >= 1e6 ? (ns / 1e6).toFixed(ns >= 1e8 ? 0 : 1) + ' ms' : ns >= 1e3 ? (ns / 1e3).toFixed(1) + ' µs' : ns.toFixed(0) + ' ns';
const fmtRate = (r: number): string => (r >= 1e6 ? (r / 1e6).toFixed(2) + ' M' : r >= 1e3 ? (r / 1e3).toFixed(1) + ' k' : r.toFixed(0) + ' ');
const spread = (s: Stats): string => `±${(s.iqrRel * 50).toFixed(0)}%`;
const ok = (b: boolean): string => (b ? 'met' : 'MISSED');

interface Row {
  section: string;
  what: string;
  figure: string;
  reference: string;
  ratio: string;
  target: string;
}

/** The benchmarks load the compiled dist/ (what users run), so compile it first. */
function compileDist(): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json')], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) throw new Error('bench: tsc failed');
}

interface DecodeRow {
  name: string;
  source: string;
  messages: number;
  bytes: number;
  /** ns per round; bare and floor from the lazy process (the target's reference). */
  lazy: Stats;
  full: Stats;
  bare: Stats;
  floor: Stats;
  lazyMsgPerSec: number;
  lazyMBPerSec: number;
  fullMsgPerSec: number;
  fullMBPerSec: number;
  bareMsgPerSec: number;
  bareMBPerSec: number;
  /** bare / lazy (the target's ratio); eager: bare / eager, each with its own process's walk. */
  ratio: number;
  eagerRatio: number;
}

function decodeRow(lazy: DecodeTiming, eager: DecodeTiming): DecodeRow {
  const mb = lazy.bytes / 1e6;
  const perSec = (n: number, ns: number): number => n / (ns / 1e9);
  return {
    name: lazy.name,
    source: lazy.source,
    messages: lazy.messages,
    bytes: lazy.bytes,
    lazy: lazy.decode,
    full: eager.decode,
    bare: lazy.bare,
    floor: lazy.floor,
    lazyMsgPerSec: perSec(lazy.messages, lazy.decode.median),
    lazyMBPerSec: perSec(mb, lazy.decode.median),
    fullMsgPerSec: perSec(eager.messages, eager.decode.median),
    fullMBPerSec: perSec(mb, eager.decode.median),
    bareMsgPerSec: perSec(lazy.messages, lazy.bare.median),
    bareMBPerSec: perSec(mb, lazy.bare.median),
    ratio: lazy.bare.median / lazy.decode.median,
    eagerRatio: eager.bare.median / eager.decode.median,
  };
}

async function main(): Promise<void> {
  if (reexecInNetns()) return;
  compileDist();
  const netns = inPrivateNetns();
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const machine = `${process.platform} ${process.arch}, ${cpus().length} cores (${cpuModel}), kernel ${release()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  const rows: Row[] = [];
  const results: Record<string, unknown> = { machine, quick, netns };
  const pin = hasTaskset() ? '1' : undefined;
  const pinNote = pin ? 'pinned to CPU 1 (taskset)' : 'not pinned';
  console.error(`bench: ${machine}; ${pinNote}${netns ? '' : '; NOT in a private netns: table benchmarks skipped'}`);

  if (want('decode')) {
    console.error('bench: decode …');
    const rounds = quick ? 5 : 15;
    const d: { rounds: number; rows: DecodeRow[] } = { rounds, rows: [] };
    for (const which of DECODE_INPUTS) {
      if (which === 'linux-kernel' && !(netns && process.getuid?.() === 0)) continue;
      const timed = async (mode: 'lazy' | 'eager'): Promise<DecodeTiming> =>
        (await runChild<{ timing: DecodeTiming }>('decode.ts', { cpus: pin, netns, nodeArgs: ['--expose-gc'], args: [String(rounds), which, mode] })).timing;
      const eager = await timed('eager');
      const lazy = await timed('lazy');
      d.rows.push(decodeRow(lazy, eager));
    }
    results['decode'] = d;
    for (const r of d.rows) {
      rows.push({
        section: 'decode',
        what: `${r.name}: ${r.messages} msgs, ${(r.bytes / 1e6).toFixed(1)} MB (${r.source})`,
        figure: `lazy ${fmtRate(r.lazyMsgPerSec)}msg/s, ${r.lazyMBPerSec.toFixed(0)} MB/s (p99 round ${fmtNs(r.lazy.p99)}, ${spread(r.lazy)}); eager ${fmtRate(r.fullMsgPerSec)}msg/s (p99 round ${fmtNs(r.full.p99)}, ${spread(r.full)})`,
        reference: `bare walk ${fmtRate(r.bareMsgPerSec)}msg/s, ${r.bareMBPerSec.toFixed(0)} MB/s; allocation floor ${fmtNs(r.floor.median)}/round = ${(r.bare.median / r.floor.median).toFixed(2)} of bare`,
        ratio: `lazy ${r.ratio.toFixed(2)}, eager ${r.eagerRatio.toFixed(3)} of bare`,
        target: `≥ 0.25 (lazy): ${ok(r.ratio >= 0.25)}`,
      });
    }
  }
  if (netns && want('lookup')) {
    console.error('bench: lookup …');
    const s = quick ? '0.2' : '1';
    const l = await runChild<Record<string, Stats>>('lookup.ts', { cpus: pin, netns: true, args: [s] });
    results['lookup'] = l;
    const g = l['getRoute']!;
    const ipg = l['ipRouteGet']!;
    const c2 = l['cPair']!;
    const c1 = l['cSingle']!;
    rows.push({ section: 'lookup', what: 'getRoute(198.51.100.7) (2 requests: plain + FIB match)', figure: `median ${fmtNs(g.median)}, p99 ${fmtNs(g.p99)} (${spread(g)})`, reference: `spawn \`ip route get\` ${fmtNs(ipg.median)} (p99 ${fmtNs(ipg.p99)})`, ratio: `${(ipg.median / g.median).toFixed(0)}× faster`, target: `≥ 100×: ${ok(ipg.median / g.median >= 100)}` });
    rows.push({ section: 'lookup', what: 'getRoute vs C raw netlink (same 2 requests)', figure: `median ${fmtNs(g.median)}`, reference: `C ${fmtNs(c2.median)} (p99 ${fmtNs(c2.p99)}); 1 request ${fmtNs(c1.median)}`, ratio: `${(g.median / c2.median).toFixed(1)}× the C time`, target: `≤ 3×: ${ok(g.median / c2.median <= 3)}` });
    const dg = l['defaultGatewayPkg']!;
    const pd = l['pfrouteDefaultGateway']!;
    rows.push({ section: 'lookup', what: 'default gateway: pfroute defaultGateway()', figure: `median ${fmtNs(pd.median)}, p99 ${fmtNs(pd.p99)}`, reference: `default-gateway gateway4async() ${fmtNs(dg.median)} (p99 ${fmtNs(dg.p99)})`, ratio: `${(dg.median / pd.median).toFixed(0)}× faster`, target: '—' });
  }
  if (netns && want('dump')) {
    console.error('bench: dump …');
    const n = quick ? 20000 : 100000;
    const d = await runChild<{ routes: number; ipRoutes: number; loadNs: number; listRoutes: Stats; heapBytesPerRoute: Stats; ipJson: Stats; c: Stats & { messages: number } }>('dump.ts', { cpus: pin, netns: true, nodeArgs: ['--expose-gc'], args: [String(n), String(quick ? 3 : 7)] });
    results['dump'] = d;
    rows.push({ section: 'dump', what: `listRoutes() of ${d.routes} routes`, figure: `median ${fmtNs(d.listRoutes.median)}, p99 ${fmtNs(d.listRoutes.p99)} (${spread(d.listRoutes)})`, reference: `\`ip -j route show\` ${fmtNs(d.ipJson.median)} (p99 ${fmtNs(d.ipJson.p99)})`, ratio: `${(d.ipJson.median / d.listRoutes.median).toFixed(2)}× faster`, target: `> 1×: ${ok(d.ipJson.median > d.listRoutes.median)}` });
    rows.push({ section: 'dump', what: 'listRoutes vs C dump counting messages', figure: `median ${fmtNs(d.listRoutes.median)}`, reference: `C ${fmtNs(d.c.median)} for ${d.c.messages} msgs (p99 ${fmtNs(d.c.p99)})`, ratio: `${(d.listRoutes.median / d.c.median).toFixed(1)}× the C time`, target: `≤ 2×: ${ok(d.listRoutes.median / d.c.median <= 2)}` });
    rows.push({ section: 'dump', what: 'heap retained per route (--expose-gc, result kept)', figure: `${d.heapBytesPerRoute.median.toFixed(0)} B/route (max ${d.heapBytesPerRoute.max.toFixed(0)})`, reference: '300 B budget', ratio: `${(d.heapBytesPerRoute.median / 300).toFixed(2)} of budget`, target: `≤ 300 B: ${ok(d.heapBytesPerRoute.median <= 300)}` });
  }
  if (netns && want('monitor')) {
    const rates = quick ? [5000, 20000] : [1000, 5000, 10000, 20000];
    const mon: unknown[] = [];
    for (const rate of rates) {
      console.error(`bench: monitor at ${rate}/s …`);
      const m = await runChild<{ rate: number; count: number; achievedRate: number; delivered: number; lost: number; overflows: number; delay: Stats | null; resync: { routes: number; complete: boolean; ms: number } | null }>('monitor.ts', { cpus: pin, netns: true, args: [String(rate), quick ? '1' : '2'] });
      mon.push(m);
      const handled = m.lost === 0 || (m.overflows > 0 && m.resync?.complete === true);
      rows.push({
        section: 'monitor',
        what: `${m.count} adds by \`ip -batch\` at ${rate}/s (achieved ${fmtRate(m.achievedRate)}/s)`,
        figure: `${m.delivered} events, ${m.lost} lost, ${m.overflows} overflow; delay median ${m.delay ? fmtNs(m.delay.median) : '—'}, p99 ${m.delay ? fmtNs(m.delay.p99) : '—'}`,
        reference: `${m.count} changes made`,
        ratio: `${(m.delivered / m.count).toFixed(3)} delivered${m.resync ? `; resync ${m.resync.complete ? 'complete' : 'INCOMPLETE'} in ${m.resync.ms.toFixed(0)} ms` : ''}`,
        target: rate >= 20000 ? `no loss, or loss detected+resynced: ${ok(handled)}${m.lost ? ' (loss)' : ''}` : handled ? (m.lost ? 'loss detected, resynced' : 'no loss') : 'UNDETECTED LOSS',
      });
    }
    results['monitor'] = mon;
  }
  if (netns && want('changes')) {
    console.error('bench: changes …');
    const c = await runChild<{ nSeq: number; nPipe: number; sequential: Stats; pipelined: Stats; ipBatch: Stats }>('changes.ts', { cpus: pin, netns: true, args: quick ? ['2', '500', '5000'] : ['5', '2000', '20000'] });
    results['changes'] = c;
    rows.push({ section: 'changes', what: `addRoute sequential (await each, ${c.nSeq})`, figure: `${fmtRate(c.sequential.median)}adds/s (${spread(c.sequential)})`, reference: `\`ip -batch\` ${fmtRate(c.ipBatch.median)}adds/s (${c.nPipe})`, ratio: `${(c.sequential.median / c.ipBatch.median).toFixed(2)}×`, target: '—' });
    rows.push({ section: 'changes', what: `addRoute pipelined (Promise.all of ${c.nPipe})`, figure: `${fmtRate(c.pipelined.median)}adds/s (${spread(c.pipelined)})`, reference: `\`ip -batch\` ${fmtRate(c.ipBatch.median)}adds/s`, ratio: `${(c.pipelined.median / c.ipBatch.median).toFixed(2)}×`, target: '—' });
  }

  results['rows'] = rows;
  const head = ['section', 'what', 'figure (median, p99, spread = ½ IQR)', 'reference (same run)', 'ratio', 'target'];
  const md = [
    `# pfroute benchmarks`,
    '',
    `Machine: ${machine}. Children ${pinNote}; table benchmarks each in a fresh \`unshare --net\` namespace. Generated by \`npm run bench\`${quick ? ' --quick' : ''}.`,
    '',
    '| ' + head.join(' | ') + ' |',
    '|' + head.map(() => '---').join('|') + '|',
    ...rows.map((r) => `| ${r.section} | ${r.what} | ${r.figure} | ${r.reference} | ${r.ratio} | ${r.target} |`),
    '',
  ].join('\n');
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'out', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  // Only a full run (every section, full rounds) replaces the table the README quotes.
  const full = !quick && only === null;
  writeFileSync(join(ROOT, 'bench', full ? 'RESULTS.md' : join('out', 'RESULTS-partial.md')), md);
  console.log(md);
  void readFileSync;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
