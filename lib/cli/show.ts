import { listRoutes, type ListRoutesOptions } from '../list';
import { formatRouteTable } from './format';
import { takeValue, UsageError } from './usage';

export async function show(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const opts: ListRoutesOptions = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-4' || a === '-inet' || a === '--inet' || a === '-6' || a === '-inet6' || a === '--inet6') {
      const f = a.includes('6') ? 'inet6' : 'inet';
      if (opts.family !== undefined && opts.family !== f) throw new UsageError('pfroute show: -4 and -6 are exclusive (give neither for both)');
      opts.family = f;
    }
    else if (a === '--json' || a === '-j') json = true;
    else if (a === '-n') continue; // always numeric
    else if (a === '--table' || a === '-table' || a === '-fib') {
      const v = takeValue(argv, i++, a, 'show');
      const named: Record<string, number> = { default: 253, main: 254, local: 255 };
      if (v === 'all') opts.table = 'all';
      else if (named[v] !== undefined) opts.table = named[v];
      else if (/^\d+$/.test(v) && Number(v) <= 0xffffffff) opts.table = Number(v);
      else throw new UsageError(`pfroute show: ${a} takes a number 0..4294967295, "main", "local", "default" or "all", got "${v}"`);
    } else throw new UsageError(`pfroute show: unknown option ${a}`);
  }
  const routes = await listRoutes(opts);
  out.write(json ? JSON.stringify(routes, null, 2) + '\n' : formatRouteTable(routes, { tables: opts.table === 'all' }));
  return 0;
}
