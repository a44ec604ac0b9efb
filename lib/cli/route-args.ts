/**
 * Parser of route(8) command lines for `pfroute add | change | delete | get | flush`.
 *
 *   pfroute [-nqtv46] [--json] [--dry-run] <command> [modifiers] [-net|-host] dest [gateway [netmask]]
 *
 * Follows macOS/FreeBSD route(8): modifiers and positionals may be interleaved; `-netmask`
 * and a third positional give a netmask; `-prefixlen` a prefix; `-interface`/`-iface` makes
 * the gateway an interface name (or a directly reachable local address); `-lock` locks the
 * next metric and `-lockrest` every metric after it; `del` and `show` are FreeBSD's aliases of
 * delete and get.
 *
 * Where route(8) guesses, pfroute asks instead (one UsageError line, exit code 2):
 *  - Classful shorthands are not supported: `128.32` (route(8): host 128.0.0.32, or net
 *    128.32.0.0 with -net) is refused. With an explicit length the short form is accepted and
 *    left-aligned (`10/8` → 10.0.0.0/8, `192.168/16` → 192.168.0.0/16).
 *  - `-net` with an IPv4 address and no prefix, and a bare IPv4 destination whose classful
 *    host part is zero (`192.0.2.0`, which route(8) turns into a classful network), are
 *    refused with the explicit form to write. A bare `0.0.0.0` is the default route.
 *  - IPv6 follows route(8): `::` is the default route, `-net` without a prefix is /64, and a
 *    bare global-unicast address (2000::/3) whose low 64 bits are zero is a /64 network.
 *  - `get` takes its destination as a lookup address: no classful or /64 guessing.
 *  - Gateways must be addresses (no host-name lookup); an interface needs `-interface`.
 *  - `-fib` takes one table number (no FreeBSD lists or ranges); `-expire` takes an absolute
 *    time or FreeBSD's `+N` (relative to now).
 * The spec is validated with normalizeRoute before it is returned, so every error is a
 * UsageError naming the command.
 */
import { parseIPv4, parseIPv6 } from '../addr';
import type { OsName } from '../model';
import { METRIC_NAMES, normalizeRoute } from '../spec';
import type { MetricName, RouteFamily, RouteSpec } from '../spec';
import { UsageError } from './usage';

/** A command line pfroute cannot act on. The CLI prints the message and exits with 2. */
export { UsageError };

export type RouteCommand = 'add' | 'change' | 'delete' | 'get' | 'flush';

export interface ParsedRouteArgs {
  command: RouteCommand;
  /** For add, change, delete and get. */
  spec?: RouteSpec;
  /** flush: only this family (-inet / -inet6 / -4 / -6). */
  flushFamily?: RouteFamily;
  /** flush: the table (-fib / -table). */
  table?: number;
  /** --json */
  json: boolean;
  /** --dry-run (or route(8)'s -t): build and print the request, do not send it. */
  dryRun: boolean;
  /** -n: print addresses numerically. */
  numeric: boolean;
  /** -q */
  quiet: boolean;
  /** -v */
  verbose: boolean;
}

export interface ParseRouteArgsOptions {
  /** Target OS: enables the OS-only checks (-ifscope is macOS only, -metric Linux only). */
  os?: OsName;
}

const COMMANDS: Readonly<Record<string, RouteCommand>> = {
  add: 'add',
  change: 'change',
  delete: 'delete',
  del: 'delete',
  get: 'get',
  show: 'get',
  flush: 'flush',
};

const METRIC_KEYWORDS: Readonly<Record<string, MetricName>> = {
  '-mtu': 'mtu',
  '-hopcount': 'hopcount',
  '-expire': 'expire',
  '-recvpipe': 'recvpipe',
  '-sendpipe': 'sendpipe',
  '-ssthresh': 'ssthresh',
  '-rtt': 'rtt',
  '-rttvar': 'rttvar',
};

const FLAG_KEYWORDS: Readonly<Record<string, 'reject' | 'blackhole' | 'proto1' | 'proto2' | 'xresolve' | 'cloning'>> = {
  '-reject': 'reject',
  '-blackhole': 'blackhole',
  '-proto1': 'proto1',
  '-proto2': 'proto2',
  '-xresolve': 'xresolve',
  '-cloning': 'cloning',
};

/** Modifiers each command accepts (besides -n, --json, --dry-run). */
const FLUSH_OK = new Set(['-inet', '-inet6', '-4', '-6', '-fib', '-table']);
const GET_OK = new Set([
  '-inet', '-inet6', '-4', '-6', '-net', '-host', '-netmask', '-mask', '-prefixlen', '-ifscope', '-ifp', '-fib', '-table',
]);
const DELETE_NOT_OK = new Set(['-lock', '-lockrest', ...Object.keys(METRIC_KEYWORDS)]);

const U32_MAX = 0xffffffff;

/**
 * Parses `argv` (the words after `pfroute`) into a command and a RouteSpec.
 * Throws UsageError with one line such as `pfroute add: missing destination`.
 */
export function parseRouteArgs(argv: readonly string[], opts: ParseRouteArgsOptions = {}): ParsedRouteArgs {
  const out: ParsedRouteArgs = { command: 'add', json: false, dryRun: false, numeric: false, quiet: false, verbose: false };
  let family: RouteFamily | undefined;
  const setFamily = (f: RouteFamily, where: string): void => {
    if (family !== undefined && family !== f) throw new UsageError(`${where}: -inet and -inet6 (or -4 and -6) are exclusive`);
    family = f;
  };

  // ---- global options, then the command
  let i = 0;
  let command: RouteCommand | undefined;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--dry-run') out.dryRun = true;
    else if (/^-[nqtv46]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 'n') out.numeric = true;
        else if (c === 'q') out.quiet = true;
        else if (c === 't') out.dryRun = true;
        else if (c === 'v') out.verbose = true;
        else setFamily(c === '4' ? 'inet' : 'inet6', 'pfroute');
      }
    } else if (a.startsWith('-')) {
      throw new UsageError(`pfroute: unknown option ${a}`);
    } else {
      command = COMMANDS[a];
      if (!command) throw new UsageError(`pfroute: unknown command ${JSON.stringify(a)} (expected add, change, delete, get or flush)`);
      i++;
      break;
    }
  }
  if (!command) throw new UsageError('pfroute: missing command (add, change, delete, get or flush)');
  out.command = command;
  const where = `pfroute ${command}`;
  const fail = (msg: string): never => {
    throw new UsageError(`${where}: ${msg}`);
  };

  // ---- modifiers and positionals
  const positionals: string[] = [];
  let host = false;
  let net = false;
  let iface = false;
  let netmaskOpt: string | undefined;
  let prefixLen: number | undefined;
  let ifscope: string | number | undefined;
  let ifp: string | number | undefined;
  let ifa: string | undefined;
  let genmask: string | undefined;
  let staticFlag: boolean | undefined;
  let table: number | undefined;
  let metric: number | undefined;
  const flags: Partial<Record<(typeof FLAG_KEYWORDS)[string], true>> = {};
  const metrics: Partial<Record<MetricName, number>> = {};
  const locks = new Set<MetricName>();
  let lockNext = false;
  let lockRest = false;
  const seen = new Set<string>();

  const value = (kw: string): string => {
    const v = argv[++i];
    if (v === undefined) fail(`${kw} needs a value`);
    return v!;
  };
  const once = (kw: string, canonical = kw): void => {
    if (seen.has(canonical)) fail(`${kw} given twice`);
    seen.add(canonical);
  };
  const number = (kw: string, text: string): number => {
    if (!/^\d+$/.test(text)) fail(`${kw} needs a non-negative integer, got ${JSON.stringify(text)}`);
    const n = Number(text);
    if (n > U32_MAX) fail(`${kw} ${text} is out of range (0..${U32_MAX})`);
    return n;
  };
  const ifaceArg = (text: string): string | number => (/^\d+$/.test(text) ? Number(text) : text);

  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') {
      out.json = true;
      continue;
    }
    if (a === '--dry-run') {
      out.dryRun = true;
      continue;
    }
    if (a === '-n') {
      out.numeric = true;
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    // Keyword: check it applies to the command first.
    const known =
      a in METRIC_KEYWORDS ||
      a in FLAG_KEYWORDS ||
      [
        '-net', '-host', '-inet', '-inet6', '-4', '-6', '-netmask', '-mask', '-prefixlen', '-interface', '-iface',
        '-ifscope', '-ifp', '-ifa', '-static', '-nostatic', '-genmask', '-lock', '-lockrest', '-fib', '-table', '-metric',
      ].includes(a);
    if (!known) fail(`unknown modifier ${a}`);
    if (command === 'flush' && !FLUSH_OK.has(a)) fail(`${a} does not apply to flush`);
    if (command === 'get' && !GET_OK.has(a)) fail(`${a} does not apply to get`);
    if (command === 'delete' && DELETE_NOT_OK.has(a)) fail(`${a} does not apply to delete`);

    const metricName = METRIC_KEYWORDS[a];
    if (metricName) {
      once(a);
      const text = value(a);
      let n: number;
      if (metricName === 'expire' && text.startsWith('+')) {
        n = Math.floor(Date.now() / 1000) + number(a, text.slice(1));
        if (n > U32_MAX) fail(`${a} ${text} is out of range`);
      } else {
        n = number(a, text);
      }
      metrics[metricName] = n;
      if (lockNext || lockRest) locks.add(metricName);
      lockNext = false;
      continue;
    }
    const flagName = FLAG_KEYWORDS[a];
    if (flagName) {
      flags[flagName] = true;
      continue;
    }
    switch (a) {
      case '-net':
        if (host) fail('-net and -host are exclusive');
        net = true;
        break;
      case '-host':
        if (net) fail('-net and -host are exclusive');
        host = true;
        break;
      case '-inet':
      case '-4':
        setFamily('inet', where);
        break;
      case '-inet6':
      case '-6':
        setFamily('inet6', where);
        break;
      case '-netmask':
      case '-mask':
        once(a, '-netmask');
        netmaskOpt = value(a);
        break;
      case '-prefixlen':
        once(a);
        prefixLen = number(a, value(a));
        break;
      case '-interface':
      case '-iface':
        iface = true;
        break;
      case '-ifscope':
        once(a);
        if (opts.os && opts.os !== 'darwin') fail('-ifscope is macOS only');
        ifscope = ifaceArg(value(a));
        break;
      case '-ifp':
        once(a);
        ifp = ifaceArg(value(a));
        break;
      case '-ifa':
        once(a);
        ifa = value(a);
        break;
      case '-static':
      case '-nostatic':
        if (staticFlag !== undefined && staticFlag !== (a === '-static')) fail('-static and -nostatic are exclusive');
        staticFlag = a === '-static';
        break;
      case '-genmask':
        once(a);
        genmask = value(a);
        break;
      case '-lock':
        lockNext = true;
        break;
      case '-lockrest':
        lockRest = true;
        break;
      case '-fib':
      case '-table': {
        once(a, '-fib');
        const text = value(a);
        if (/^\d+([,-]\d+)+$/.test(text)) fail(`${a} takes one table number; lists and ranges are not supported, got ${JSON.stringify(text)}`);
        table = number(a, text);
        break;
      }
      case '-metric':
        once(a);
        if (opts.os && opts.os !== 'linux') fail('-metric is Linux only (route priority)');
        metric = number(a, value(a));
        break;
    }
  }
  if (lockNext) fail(`-lock must be followed by a metric (${METRIC_NAMES.map((m) => '-' + m).join(', ')})`);

  // ---- flush
  if (command === 'flush') {
    if (positionals.length > 0) fail(`unexpected argument ${JSON.stringify(positionals[0])}`);
    if (family) out.flushFamily = family;
    if (table !== undefined) out.table = table;
    return out;
  }

  // ---- positionals: dest [gateway [netmask]]
  const maxPositionals = command === 'get' ? 1 : 3;
  if (positionals.length > maxPositionals) fail(`unexpected argument ${JSON.stringify(positionals[maxPositionals])}`);
  const [destTok, gwTok, maskTok] = positionals;
  if (destTok === undefined) fail('missing destination');
  if (maskTok !== undefined) {
    if (netmaskOpt !== undefined) fail('netmask given twice (-netmask and a third argument)');
    netmaskOpt = maskTok;
  }
  const maskGiven = netmaskOpt !== undefined || prefixLen !== undefined;

  const spec: RouteSpec = { destination: destination(destTok!, command, { host, net, maskGiven }, fail) };
  if (family) spec.family = family;

  if (gwTok !== undefined) {
    const pct = gwTok.indexOf('%');
    const addrPart = pct < 0 ? gwTok : gwTok.slice(0, pct);
    const isAddr = parseIPv4(addrPart) !== null || parseIPv6(addrPart) !== null;
    if (iface) {
      if (isAddr) {
        spec.gateway = gwTok;
        spec.interface = true;
      } else {
        spec.gateway = { interface: ifaceArg(gwTok) };
      }
    } else {
      if (!isAddr) fail(`gateway ${JSON.stringify(gwTok)} is not an IPv4 or IPv6 address (use -interface for an interface name)`);
      spec.gateway = gwTok;
    }
  } else if (iface) {
    fail('-interface needs a gateway (an interface name or a local address)');
  }

  if (netmaskOpt !== undefined) spec.netmask = netmaskOpt;
  if (prefixLen !== undefined) spec.prefixLength = prefixLen;
  if (host) spec.host = true;
  if (net) spec.net = true;
  if (staticFlag !== undefined) spec.static = staticFlag;
  for (const k of Object.keys(FLAG_KEYWORDS)) {
    const name = FLAG_KEYWORDS[k]!;
    if (flags[name]) spec[name] = true;
  }
  if (ifscope !== undefined) spec.ifscope = ifscope;
  if (ifp !== undefined) spec.ifp = ifp;
  if (ifa !== undefined) spec.ifa = ifa;
  if (Object.keys(metrics).length > 0) spec.metrics = metrics;
  if (locks.size > 0) spec.lock = METRIC_NAMES.filter((m) => locks.has(m));
  if (table !== undefined) spec.table = table;
  if (metric !== undefined) spec.metric = metric;
  if (genmask !== undefined) spec.genmask = genmask;

  try {
    normalizeRoute(spec, { op: command });
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) fail(e.message);
    throw e;
  }
  out.spec = spec;
  return out;
}

/** The classful prefix route(8) would infer for an IPv4 network (A /8, B /16, C and up /24). */
function classfulPrefix(first: number): number {
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

/** route(8) destination text → RouteSpec destination (see the module comment). */
function destination(
  tok: string,
  command: RouteCommand,
  f: { host: boolean; net: boolean; maskGiven: boolean },
  fail: (msg: string) => never,
): string {
  if (tok === 'default') return tok;
  const slash = tok.indexOf('/');
  if (slash >= 0) {
    const left = tok.slice(0, slash);
    // Short IPv4 with an explicit length: left-aligned octets (10/8, 192.168/16).
    if (/^\d{1,3}(\.\d{1,3}){0,2}$/.test(left)) {
      const parts = left.split('.').map(Number);
      if (parts.some((p) => p > 255)) fail(`invalid destination ${JSON.stringify(tok)}: ${JSON.stringify(left)} is not an IPv4 address`);
      while (parts.length < 4) parts.push(0);
      return `${parts.join('.')}${tok.slice(slash)}`;
    }
    return tok;
  }
  if (/^\d+(\.\d+){0,2}$/.test(tok)) {
    fail(`classful shorthand ${JSON.stringify(tok)} is not supported; write a full address (with a /length for a network)`);
  }
  if (command === 'get' || f.host || f.maskGiven) return tok;
  const v4 = parseIPv4(tok);
  if (v4) {
    const first = v4[0]!;
    const cp = classfulPrefix(first);
    if (f.net) fail(`-net ${tok} needs a prefix length or netmask (route(8) would assume /${cp}; write ${tok}/${cp})`);
    if (v4.every((b) => b === 0)) return 'default';
    const hostBytes = v4.subarray(cp / 8);
    if (hostBytes.every((b) => b === 0)) {
      fail(`destination ${tok} is a classful network to route(8); write ${tok}/${cp} for the network or -host ${tok} for the host`);
    }
    return tok;
  }
  const v6 = parseIPv6(tok);
  if (v6) {
    if (f.net) return tok; // normalizeRoute: -net without a prefix is /64
    if (v6.every((b) => b === 0)) return '::/0';
    if ((v6[0]! & 0xe0) === 0x20 && v6.subarray(8).every((b) => b === 0)) return `${tok}/64`;
    return tok;
  }
  return tok; // normalizeRoute reports what is wrong with it
}
