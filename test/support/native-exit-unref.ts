// Child script: an unref'd, polling socket must not keep the process alive.
import { native } from '../../lib/native';

const b = native();
const c = b.constants;
const fd = b.open(c.PF_ROUTE, c.SOCK_RAW, c.NETLINK_ROUTE!);
b.netlinkBind(fd, 0);
const sock = new b.Socket(fd, () => {}, 16);
sock.unref(); // before start(): the handle does not exist yet; the state is remembered
sock.start();
process.on('exit', (code) => console.log(`exit ${code} fd=${sock.fd}`));
console.log('polling');
