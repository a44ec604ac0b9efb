// Child script for test/resources.test.ts: must the process exit on its own?
//   unref      an open, polling RouteSocket, unref'd: exits at once
//   close      a ref'd RouteSocket closed after 100 ms: exits then
//   monitor    a RouteMonitor, unref'd: exits at once
//   ref        a ref'd RouteSocket never closed: must NOT exit (the parent kills it)
import { RouteMonitor } from '../../lib/monitor';
import { RouteSocket } from '../../lib/socket';

const mode = process.argv[2];
process.on('exit', (code) => console.log(`exit ${code}`));
async function main(): Promise<void> {
  if (mode === 'unref') {
    const s = RouteSocket.open();
    s.unref();
    console.log(`open fd=${s.fd}`);
  } else if (mode === 'close') {
    const s = RouteSocket.open();
    console.log(`open fd=${s.fd}`);
    setTimeout(() => s.close(), 100);
  } else if (mode === 'monitor') {
    const m = await RouteMonitor.start({ ref: false });
    console.log(`monitor routes=${m.size}`);
  } else if (mode === 'ref') {
    const s = RouteSocket.open();
    console.log(`open fd=${s.fd}`);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}
void main();
