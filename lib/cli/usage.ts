/** A command-line mistake: one line on stderr and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = 2;
}

export const USAGE = `usage: pfroute [command] [options]

commands:
  show [-4|-6] [--table N|all] [--json]     this host's routing table (the default command)
  monitor [-4|-6] [--json] [--miss]         every routing message as it arrives
  decode --os OS [--abi 32|64] [--iflistl] [--hex HEX | --file F | -] [--json]
                                            decode a captured buffer (OS: darwin, freebsd,
                                            openbsd, netbsd, dragonfly, linux)
  add | change | delete | get | flush ...   route(8) syntax: [-net|-host] dest [gateway [netmask]]
                                            with -netmask, -prefixlen, -interface, -ifscope, -ifp,
                                            -ifa, -static, -reject, -blackhole, -mtu, -lock, -fib,
                                            --dry-run [--os OS], --json
  help, --help, -h (after any command)      this text; --version: the version
`;

/** Splits `--name=value` and checks that every option is one the command knows. */
export function takeValue(argv: string[], i: number, name: string, command: string): string {
  const v = argv[i + 1];
  // A negative number is a value (for the command to judge), not the next option.
  if (v === undefined || (v.startsWith('-') && v !== '-' && !/^-\d/.test(v))) throw new UsageError(`pfroute ${command}: ${name} needs a value`);
  return v;
}
