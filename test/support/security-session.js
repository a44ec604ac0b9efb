'use strict';
// A library session for test/security.test.ts, on the built dist/ (tsx itself
// runs esbuild as a child process, so the TypeScript sources are not used here).
const pfroute = require('../../dist/index.js');
const { RouteMonitor } = require('../../dist/monitor.js');

async function main() {
  const s = pfroute.RouteSocket.open();
  const routes = await pfroute.listRoutes();
  const ifs = await pfroute.listInterfaces();
  const lookup = await pfroute.getRoute('127.0.0.1');
  const dry = await pfroute.addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.2' }, { dryRun: true, os: 'darwin' });
  await pfroute.defaultGateway().catch(() => null);
  const m = await RouteMonitor.start({ family: 'inet' });
  await m.resync();
  m.close();
  s.close();
  pfroute.closeSharedSocket();
  console.log(JSON.stringify({ routes: routes.length, interfaces: ifs.length, lookup: lookup.interface, dry: dry.bytes.length }));
}
main().catch((e) => {
  console.error(e && e.stack);
  process.exit(1);
});
