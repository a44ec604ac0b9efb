// Child script: a ref'd polling socket keeps the process alive until closed.
// The timer is unref'd, so only the socket can keep the loop running until it fires.
import { native } from '../../lib/native';

const b = native();
const c = b.constants;
const fd = b.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE!);
b.netlinkBind(fd, 0);
const sock = new b.Socket(fd, () => {}, 16);
sock.unref();
sock.ref(); // ref() wins, remembered until start() creates the handle
sock.start();
const started = Date.now();
setTimeout(() => {
  console.log(`closing after ${Date.now() - started} ms`);
  sock.close();
}, 150).unref();
process.on('exit', (code) => console.log(`exit ${code} fd=${sock.fd}`));
console.log('polling');
