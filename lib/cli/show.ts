import { listRoutes, type ListRoutesOptions } from '../list';
import { formatRouteTable } from './format';
import { takeValue, UsageError } from './usage';

export async function show(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const opts: ListRoutesOptions = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-4' || a === '-inet' || a === '--inet') opts.family = 'inet';
    else if (a === '-6' || a === '-inet6' || a === '--inet6') opts.family = 'inet6';
    else if (a === '--json' || a === '-j') json = true;
    else if (a === '-n') continue; // always numeric
    else if (a === '--table' || a === '-table' || a === '-fib') {
      const v = takeValue(argv, i++, a, 'show');
      if (v === 'all' || v === 'main') opts.table = v;
      else if (/^\d+$/.test(v)) opts.table = Number(v);
      else throw new UsageError(`pfroute show: ${a} takes a number, "main" or "all", got "${v}"`);
    } else throw new UsageError(`pfroute show: unknown option ${a}`);
  }
  const routes = await listRoutes(opts);
  out.write(json ? JSON.stringify(routes, null, 2) + '\n' : formatRouteTable(routes));
  return 0;
}
