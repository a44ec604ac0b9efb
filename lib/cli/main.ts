/** The `pfroute` command: dispatch to one file per subcommand. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeError } from '../errors';
import { decodeCommand } from './decode';
import { monitor } from './monitor';
import { ROUTE_COMMANDS, routeCommand } from './route';
import { show } from './show';
import { USAGE, UsageError } from './usage';

function packageVersion(): string {
  // dist/cli/main.js and lib/cli/main.ts both sit two levels below package.json.
  return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [command = 'show', ...rest] = argv;
  try {
    // --help after any command prints the usage; --version the package version.
    if (argv.includes('--help') || argv.includes('-h')) {
      out.write(USAGE);
      return 0;
    }
    if (argv.length === 1 && (command === '--version' || command === '-V')) {
      out.write(`pfroute ${packageVersion()}\n`);
      return 0;
    }
    // route(8) global options (-n, -q, -t, -v, --json, --dry-run) may precede the command.
    const word = argv.find((a) => !a.startsWith('-'));
    if (word !== undefined && ROUTE_COMMANDS.has(word)) return await routeCommand(argv, out, err);
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
