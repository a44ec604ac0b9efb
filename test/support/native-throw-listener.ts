// Child script: a read listener that throws must reach process 'uncaughtException'
// right away (not surface later from an unrelated call into the addon).
import { native } from '../../lib/native';
import { getLinkRequest } from './native-netlink';

const b = native();
const c = b.constants;
const fd = b.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE!);
b.netlinkBind(fd, 0);
let calls = 0;
const sock = new b.Socket(
  fd,
  () => {
    calls++;
    throw new Error('boom from listener');
  },
  64,
);
process.on('uncaughtException', (err) => {
  console.log(`caught: ${err.message} (calls=${calls})`);
  // The next calls into the addon must not re-throw the listener's error.
  console.log(`after: fd>=0 ${sock.fd >= 0}, lo=${b.ifNameToIndex('lo')}`);
  sock.close();
  console.log(`closed: fd=${sock.fd}`);
});
sock.start();
sock.send(getLinkRequest(7));
