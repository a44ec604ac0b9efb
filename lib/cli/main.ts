/** The `pfroute` command: dispatch to one file per subcommand. */
import { DecodeError } from '../errors';
import { decodeCommand } from './decode';
import { monitor } from './monitor';
import { show } from './show';
import { USAGE, UsageError } from './usage';

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [command = 'show', ...rest] = argv;
  try {
    switch (command) {
      case 'show':
        return await show(rest, out);
      case 'monitor':
        return await monitor(rest, out);
      case 'decode':
        return await decodeCommand(rest, out, err);
      case 'help':
      case '--help':
      case '-h':
        out.write(USAGE);
        return 0;
      default:
        if (command.startsWith('-')) return await show(argv, out);
        throw new UsageError(`pfroute: unknown command "${command}" (try: pfroute help)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof DecodeError) {
      err.write(`pfroute: ${e.message}\n`);
      return 2;
    }
    const x = e as Error & { code?: string };
    err.write(`pfroute: ${x.message}${x.code && !x.message.includes(x.code) ? ` (${x.code})` : ''}\n`);
    return 1;
  }
}
