/**
 * Shared helpers of the benchmarks: statistics, the network-namespace guard, iproute2
 * wrappers and the child-process protocol (each benchmark runs in a child process of
 * bench/run.ts and prints one JSON line prefixed with RESULT:).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readlinkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

export interface Stats {
  n: number;
  median: number;
  p99: number;
  min: number;
  max: number;
  /** Interquartile range relative to the median (spread). */
  iqrRel: number;
}

/** The decode benchmark's inputs, each timed in a child process of its own (bench/decode.ts). */
export const DECODE_INPUTS = ['darwin', 'freebsd', 'openbsd', 'netbsd', 'dragonfly', 'linux-fixture', 'linux-kernel'] as const;

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  const median = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { n: s.length, median, p99: q(0.99), min: s[0]!, max: s[s.length - 1]!, iqrRel: median ? (q(0.75) - q(0.25)) / median : 0 };
}

export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

/** True when this process runs in a network namespace other than the one `npm run bench` started in. */
export function inPrivateNetns(): boolean {
  if (process.platform !== 'linux') return false;
  const host = process.env['PFROUTE_BENCH_HOST_NETNS'];
  if (!host) return false;
  try {
    return readlinkSync('/proc/self/ns/net') !== host;
  } catch {
    return false;
  }
}

export function requireNetns(): void {
  if (!inPrivateNetns() || process.getuid?.() !== 0) {
    throw new Error('refusing to touch a routing table outside the private network namespace of `npm run bench`');
  }
}

/** iproute2 inside the bench's own namespace only. */
export function ip(...args: string[]): string {
  requireNetns();
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

/** `ip -batch -` fed from a string. */
export function ipBatch(lines: string): void {
  requireNetns();
  const r = spawnSync('ip', ['-batch', '-'], { input: lines, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`ip -batch failed: ${r.stderr?.toString().slice(0, 400)}`);
}

/**
 * The veth pair the benchmarks route over (this kernel has no dummy driver): pfb0 192.0.2.1/24 and
 * 2001:db8:1::1/64, pfb1 up with no address, so 192.0.2.2 is an on-link gateway. A default route via
 * 192.0.2.254 makes the namespace look like a host (default-gateway needs one).
 */
export function setupVeth(): void {
  requireNetns();
  const links = ip('-o', 'link', 'show');
  if (!links.includes('pfb0')) {
    ip('link', 'set', 'lo', 'up');
    ip('link', 'add', 'pfb0', 'type', 'veth', 'peer', 'name', 'pfb1');
    ip('addr', 'add', '192.0.2.1/24', 'dev', 'pfb0');
    ip('-6', 'addr', 'add', '2001:db8:1::1/64', 'dev', 'pfb0', 'nodad');
    ip('link', 'set', 'pfb0', 'up');
    ip('link', 'set', 'pfb1', 'up');
    ip('route', 'add', 'default', 'via', '192.0.2.254');
  }
}

/** Host route i (0 ≤ i < 131072) inside 198.18.0.0/15. */
export function hostRoute(i: number): string {
  return `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
}

/** Loads `n` host routes 198.18.x.y/32 via 192.0.2.2 with one `ip -batch`. */
export function loadRoutes(n: number, offset = 0): void {
  let s = '';
  for (let i = offset; i < offset + n; i++) s += `route add ${hostRoute(i)}/32 via 192.0.2.2\n`;
  ipBatch(s);
}

export function emit(result: unknown): void {
  process.stdout.write('RESULT:' + JSON.stringify(result) + '\n');
}

export interface ChildOptions {
  /** Run in a fresh network namespace of its own (nested inside the bench's). */
  netns?: boolean;
  /** taskset CPU list, e.g. '1'. */
  cpus?: string;
  nodeArgs?: string[];
  args?: string[];
  timeoutMs?: number;
}

/** Runs bench/<file> as a child and returns its RESULT: object. */
export function runChild<T>(file: string, opts: ChildOptions = {}): Promise<T> {
  const node = [...(opts.nodeArgs ?? []), '--import', 'tsx', join(ROOT, 'bench', file), ...(opts.args ?? [])];
  let argv: string[] = [process.execPath, ...node];
  if (opts.netns) argv = ['unshare', '--net', '--', ...argv];
  if (opts.cpus && hasTaskset()) argv = ['taskset', '-c', opts.cpus, ...argv];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], cwd: ROOT, env: process.env });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT:'));
      if (code !== 0 || !line) return reject(new Error(`bench/${file} exited with ${code}: ${out.slice(-2000)}`));
      resolve(JSON.parse(line.slice(7)) as T);
    });
  });
}

let tasksetOk: boolean | undefined;
export function hasTaskset(): boolean {
  if (tasksetOk === undefined) tasksetOk = spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' }).status === 0;
  return tasksetOk;
}

/** Compiles bench/c/<name>.c with `cc -O2` into bench/out/<name>; returns the binary path. */
export function compileC(name: string): string {
  const src = join(ROOT, 'bench', 'c', name + '.c');
  const bin = join(ROOT, 'bench', 'out', name);
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true }); // gitignored: absent on a fresh clone
  execFileSync('cc', ['-O2', '-Wall', '-o', bin, src], { stdio: ['ignore', 'inherit', 'inherit'] });
  return bin;
}

export function isMain(mod: NodeJS.Module | undefined): boolean {
  return require.main === mod;
}
