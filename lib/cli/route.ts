/** `pfroute add | change | delete | get | flush` in route(8) syntax. */
import { assertOsName, hostOs } from '../codec';
import type { RouteError } from '../errno';
import type { OsName, Route } from '../model';
import {
  addRoute,
  changeRoute,
  closeSharedSocket,
  deleteRoute,
  flushRoutes,
  getRoute,
  type DryRunResult,
  type OperationOptions,
  type RouteChangeResult,
  type RouteLookup,
} from '../routes';
import { formatMessage, messageJson } from './format';
import { parseRouteArgs } from './route-args';
import { UsageError } from './usage';

export const ROUTE_COMMANDS = new Set(['add', 'change', 'delete', 'del', 'get', 'flush']);

function printDryRun(d: DryRunResult, json: boolean, out: NodeJS.WritableStream): void {
  if (json) {
    out.write(
      JSON.stringify({ dryRun: true, op: d.op, os: d.os, route: d.route, length: d.bytes.length, hex: d.hex, messages: d.messages.map((m) => JSON.parse(messageJson(m))) }) + '\n',
    );
    return;
  }
  out.write(`dry run: ${d.op} ${d.route} (${d.os}, ${d.bytes.length} bytes, not sent)\n`);
  out.write(`${d.hex.replace(/(.{64})/g, '$1\n').trimEnd()}\n`);
  for (const m of d.messages) out.write(formatMessage(m));
}

function metricCell(v: number | undefined, width: number): string {
  return String(v ?? 0).padStart(width);
}

/** The block `route -n get` prints. */
export function formatLookup(r: RouteLookup): string {
  const m = r.message;
  const lines: string[] = [];
  const label = (name: string, value: string) => lines.push(`${name.padStart(11)}: ${value}`);
  label('route to', r.routeTo);
  const dst = m.addrs.dst;
  const isDefault = r.destination === 'default';
  label('destination', isDefault ? 'default' : dst && 'address' in dst ? String(dst.address) : r.destination);
  const mask = m.addrs.netmask;
  if (isDefault) label('mask', 'default');
  else if (mask && !m.flags.includes('HOST')) label('mask', String(mask.address));
  if (r.gateway !== null) label('gateway', r.gateway);
  if (r.table !== undefined && r.table !== 254) label('table', String(r.table));
  if (r.interface) label('interface', r.interface);
  if (r.source) label('source', r.source);
  label('flags', `<${r.flags.join(',')}>`);
  const x = m.metrics ?? {};
  lines.push(' recvpipe  sendpipe  ssthresh  rtt,msec    rttvar  hopcount      mtu     expire');
  lines.push(
    `${metricCell(x.recvpipe, 9)} ${metricCell(x.sendpipe, 9)} ${metricCell(x.ssthresh, 9)} ${metricCell(x.rtt, 9)} ${metricCell(x.rttvar, 9)} ${metricCell(x.hopcount, 9)} ${metricCell(x.mtu, 8)} ${metricCell(x.expire, 10)}`,
  );
  return lines.join('\n') + '\n';
}

function routeJson(r: Route | RouteLookup): unknown {
  if ('message' in r) {
    const { message, ...rest } = r;
    return { ...rest, message: JSON.parse(messageJson(message)) };
  }
  return r;
}

export async function routeCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  // --os selects the wire format of a dry run (any host can build any OS's bytes).
  let os: OsName | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--os') {
      const v = argv[++i];
      try {
        assertOsName(v);
      } catch (e) {
        throw new UsageError(`pfroute: ${(e as Error).message}`);
      }
      os = v;
    } else rest.push(argv[i]!);
  }
  const parsed = parseRouteArgs(rest, { os: os ?? hostOs() ?? 'linux' });
  if (os !== undefined && !parsed.dryRun) throw new UsageError(`pfroute ${parsed.command}: --os goes with --dry-run`);
  const opts: OperationOptions = {};
  if (parsed.dryRun) opts.dryRun = true;
  if (os !== undefined) opts.os = os;
  try {
    if (parsed.command === 'flush') {
      const fo: Parameters<typeof flushRoutes>[0] = { ...opts };
      if (parsed.flushFamily) fo.family = parsed.flushFamily;
      if (parsed.table !== undefined) fo.table = parsed.table;
      const res = await flushRoutes(fo);
      if (parsed.json) {
        out.write(JSON.stringify({ removed: res.removed, failed: res.failed.map((f) => ({ route: f.route, error: f.error.message, code: (f.error as RouteError).code })) }) + '\n');
      } else {
        if (res.dryRuns) for (const d of res.dryRuns) printDryRun(d, false, out);
        for (const r of res.removed) out.write(`${r.destination.padEnd(20)} ${(r.gateway ?? '').padEnd(20)} ${res.dryRuns ? 'would be deleted' : 'done'}\n`);
      }
      for (const f of res.failed) err.write(`pfroute flush: ${f.error.message}\n`);
      return res.failed.length > 0 ? 1 : 0;
    }
    const spec = parsed.spec!;
    if (parsed.command === 'get') {
      const r = (await getRoute(spec, opts)) as RouteLookup | DryRunResult;
      if ('dryRun' in r) printDryRun(r, parsed.json, out);
      else if (parsed.json) out.write(JSON.stringify(routeJson(r)) + '\n');
      else out.write(formatLookup(r));
      return 0;
    }
    const op = parsed.command === 'add' ? addRoute : parsed.command === 'change' ? changeRoute : deleteRoute;
    const res = (await op(spec, opts)) as RouteChangeResult | DryRunResult;
    if (res.dryRun) printDryRun(res, parsed.json, out);
    else if (parsed.json) out.write(JSON.stringify({ op: res.op, route: res.route, result: res.result, message: res.message ? JSON.parse(messageJson(res.message)) : null }) + '\n');
    else if (!parsed.quiet) out.write(`${res.op} ${res.route}\n`);
    return 0;
  } catch (e) {
    const x = e as RouteError;
    if (e instanceof UsageError) throw e;
    if (e instanceof TypeError || e instanceof RangeError) throw new UsageError(`pfroute ${parsed.command}: ${x.message}`);
    err.write(`pfroute ${parsed.command}: ${x.message}${x.hint ? ` (${x.hint})` : ''}\n`);
    return 1;
  } finally {
    closeSharedSocket();
  }
}
