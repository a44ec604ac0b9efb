import type { Message } from '../model';
import { RouteSocket } from '../socket';
import { formatMessage, messageJson } from './format';
import { UsageError } from './usage';

/** Prints every routing message until interrupted (or until `limit` messages, for tests). */
export async function monitor(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  let family: 'unspec' | 'inet' | 'inet6' = 'unspec';
  let json = false;
  let miss = false;
  let limit = Infinity;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-4' || a === '-inet') family = 'inet';
    else if (a === '-6' || a === '-inet6') family = 'inet6';
    else if (a === '--json' || a === '-j') json = true;
    else if (a === '--miss') miss = true; // RTM_MISS fires per failed lookup: off unless asked
    else if (a === '-n') continue;
    else if (a === '--count') {
      const v = argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) throw new UsageError('pfroute monitor: --count needs a number');
      limit = Number(v);
    } else throw new UsageError(`pfroute monitor: unknown option ${a}`);
  }
  const sock = RouteSocket.open({ family });
  let seen = 0;
  return await new Promise<number>((resolve) => {
    const stop = (code: number) => {
      sock.close();
      resolve(code);
    };
    process.once('SIGINT', () => stop(0));
    process.once('SIGTERM', () => stop(0));
    sock.on('error', (err) => {
      process.stderr.write(`pfroute monitor: ${err.message}\n`);
    });
    sock.on('overflow', () => {
      process.stderr.write('pfroute monitor: the kernel dropped messages (receive buffer overflow)\n');
    });
    sock.on('message', (m: Message) => {
      if (m.type === 'miss' && !miss) return;
      if (json) out.write(messageJson(m) + '\n');
      else out.write(`got message on ${new Date().toString()}\n${formatMessage(m)}\n`);
      if (++seen >= limit) stop(0);
    });
    if (!json) process.stderr.write(`pfroute monitor: listening (${family})\n`);
    else process.stderr.write('pfroute monitor: listening\n');
  });
}
