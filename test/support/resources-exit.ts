// Child script for test/resources.test.ts: must the process exit on its own?
//   unref      an open, polling RouteSocket, unref'd: exits at once
//   close      a ref'd RouteSocket closed after 100 ms: exits then
//   monitor    a RouteMonitor, unref'd: exits at once
//   ref        a ref'd RouteSocket never closed: must NOT exit (the parent kills it)
//   lookup     getRoute on the shared (unref'd) socket: exits once it is answered
//   pending    an unref'd RouteSocket with a request nobody answers (700 ms timeout):
//              exits only after it timed out
import { RouteMonitor } from '../../lib/monitor';
import { getRoute } from '../../lib/routes';
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
  } else if (mode === 'lookup') {
    const r = await getRoute('127.0.0.1');
    console.log(`lookup ${r.routeTo} dev ${r.interface}`);
  } else if (mode === 'pending') {
    const s = RouteSocket.open({ groups: [], ref: false });
    const seq = s.nextSeq();
    const noop = Buffer.alloc(16);
    noop.writeUInt32LE(16, 0);
    noop.writeUInt16LE(1, 4); // NLMSG_NOOP
    noop.writeUInt16LE(1, 6); // NLM_F_REQUEST, no ACK: the kernel never answers
    noop.writeUInt32LE(seq, 8);
    console.log('pending');
    s.request(noop, { seq, expect: 'ack', timeout: 700 }).catch((e: { code?: string }) => console.log(e.code));
  } else if (mode === 'ref') {
    const s = RouteSocket.open();
    console.log(`open fd=${s.fd}`);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}
void main();
