import type { Message } from '../model';
import { native } from '../native';
import { RouteSocket } from '../socket';
import { formatMessage, messageJson } from './format';
import { UsageError } from './usage';

/**
 * Whether `pfroute monitor` prints a message. RTM_MISS fires on every failed lookup and
 * scales with traffic (it drowned other monitors in noise): shown only with --miss.
 */
export function monitorShows(m: Message, opts: { miss: boolean }): boolean {
  return !(m.type === 'miss' && !opts.miss);
}

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
  // Live messages name interfaces by index (Linux never names them): name them here.
  const names = new Map<number, string | null>();
  const nameOf = (index: number): string | null => {
    if (!names.has(index)) names.set(index, native().ifIndexToName(index));
    return names.get(index) ?? null;
  };
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
      if (!monitorShows(m, { miss })) return;
      if (json) out.write(messageJson(m) + '\n');
      else out.write(`got message on ${new Date().toString()}\n${formatMessage(m, nameOf)}\n`);
      if (++seen >= limit) stop(0);
    });
    process.stderr.write(`pfroute monitor: listening (${family === 'unspec' ? 'inet and inet6' : family})\n`);
  });
}
