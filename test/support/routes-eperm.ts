// Child of routes.test.ts, run with CAP_NET_ADMIN dropped: prints the error of an add.
import { addRoute, closeSharedSocket } from '../../lib/routes';

addRoute({ destination: '198.51.100.0/24', gateway: '192.0.2.2' })
  .then(() => {
    console.log(JSON.stringify({ code: 'none' }));
  })
  .catch((e: Error & { code: string; errno: number; syscall: string; hint?: string }) => {
    console.log(JSON.stringify({ code: e.code, errno: e.errno, syscall: e.syscall, message: e.message, hint: e.hint }));
  })
  .finally(() => closeSharedSocket());
