/**
 * Route lookup latency: pfroute getRoute vs spawning `ip route get`, vs the default-gateway
 * package (gateway4async, which spawns `ip -4 r`) and pfroute defaultGateway() for the default
 * gateway, vs a C RTM_GETROUTE round trip (the limit). Runs in a namespace of its own.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { closeSharedSocket, defaultGateway, getRoute } from '../lib/routes';
import { compileC, emit, ip, nowNs, requireNetns, setupVeth, stats, type Stats } from './lib';
import { execFileSync } from 'node:child_process';

const run = promisify(execFile);
const DST = '198.51.100.7';

async function time(n: number, warm: number, f: () => Promise<unknown>): Promise<Stats> {
  const s: number[] = [];
  for (let i = -warm; i < n; i++) {
    const t = nowNs();
    await f();
    if (i >= 0) s.push(nowNs() - t);
  }
  return stats(s);
}

async function main(): Promise<void> {
  requireNetns();
  setupVeth();
  ip('route', 'add', '198.51.100.0/24', 'via', '192.0.2.2');
  const scale = Number(process.argv[2] ?? 1);
  const r = await getRoute(DST);
  if (r.gateway !== '192.0.2.2') throw new Error(`getRoute sanity: ${JSON.stringify(r.gateway)}`);
  const getRouteS = await time(3000 * scale, 300, () => getRoute(DST));
  const ipGet = await time(100 * scale, 5, () => run('ip', ['route', 'get', DST]));
  const { gateway4async } = await import('default-gateway');
  const g = await gateway4async();
  if (g.gateway !== '192.0.2.254') throw new Error(`default-gateway sanity: ${JSON.stringify(g)}`);
  const dg = await time(100 * scale, 5, () => gateway4async());
  const pg = await defaultGateway();
  if (pg?.gateway !== '192.0.2.254') throw new Error(`defaultGateway sanity: ${JSON.stringify(pg)}`);
  const pfDg = await time(2000 * scale, 100, () => defaultGateway());
  closeSharedSocket();
  const bin = compileC('nl_get');
  const c1 = JSON.parse(execFileSync(bin, [DST, String(20000 * scale)], { encoding: 'utf8' })) as Stats;
  const c2 = JSON.parse(execFileSync(bin, [DST, String(20000 * scale), 'fibmatch'], { encoding: 'utf8' })) as Stats;
  emit({ getRoute: getRouteS, ipRouteGet: ipGet, defaultGatewayPkg: dg, pfrouteDefaultGateway: pfDg, cSingle: c1, cPair: c2 });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
