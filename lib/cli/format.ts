/** Text forms the CLI prints: netstat-style tables and route-monitor-style messages. */
import type { Address, AddressSet, Message, Route } from '../model';

/** netstat's one-letter flag codes, by flag name. */
const FLAG_LETTERS: Record<string, string> = {
  UP: 'U',
  GATEWAY: 'G',
  HOST: 'H',
  REJECT: 'R',
  DYNAMIC: 'D',
  MODIFIED: 'M',
  STATIC: 'S',
  BLACKHOLE: 'B',
  CLONING: 'C',
  PRCLONING: 'c',
  WASCLONED: 'W',
  LLINFO: 'L',
  LLDATA: 'L',
  LOCAL: 'l',
  BROADCAST: 'b',
  MULTICAST: 'm',
  IFSCOPE: 'I',
  PROTO1: '1',
  PROTO2: '2',
  PROTO3: '3',
  XRESOLVE: 'X',
  ROUTER: 'r',
  GLOBAL: 'g',
  PROXY: 'Y',
};

export function flagLetters(flags: readonly string[]): string {
  let s = '';
  for (const f of flags) s += FLAG_LETTERS[f] ?? '';
  return s;
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length);
}

/** The routing table the way `netstat -rn` prints it. */
export function formatRouteTable(routes: readonly Route[], opts: { tables?: boolean; nowSeconds?: number } = {}): string {
  const nowSeconds = opts.nowSeconds ?? Date.now() / 1000;
  const tableCol = opts.tables === true;
  const out: string[] = ['Routing tables'];
  for (const family of ['inet', 'inet6'] as const) {
    const rows = routes.filter((r) => r.family === family);
    if (rows.length === 0) continue;
    out.push('', family === 'inet' ? 'Internet:' : 'Internet6:');
    const dw = Math.max(18, ...rows.map((r) => r.destination.length + 1));
    const gw = Math.max(18, ...rows.map((r) => (r.gateway ?? '').length + 1));
    out.push(`${pad('Destination', dw)}${pad('Gateway', gw)}${pad('Flags', 9)}${pad('Netif', 10)}${tableCol ? pad('Table', 7) : ''}Expire`);
    for (const r of rows) {
      const gateway = r.gateway ?? (r.interface ? `link#${r.interfaceIndex}` : '-');
      let expire = '';
      if (r.expire) {
        // Linux gives seconds left; BSD kernels give an absolute time.
        const left = r.expire > 1e9 ? Math.round(r.expire - nowSeconds) : r.expire;
        expire = String(Math.max(0, left));
      }
      out.push(
        `${pad(r.destination, dw)}${pad(gateway, gw)}${pad(flagLetters(r.flags) || '-', 9)}${pad(r.interface ?? '-', 10)}${tableCol ? pad(r.table === undefined ? '-' : String(r.table), 7) : ''}${expire}`.trimEnd(),
      );
    }
  }
  return out.join('\n') + '\n';
}

const DESCRIPTIONS: Record<string, string> = {
  add: 'Add Route',
  delete: 'Delete Route',
  change: 'Change Metrics or flags',
  get: 'Report Metrics',
  get2: 'Report Metrics',
  losing: 'Kernel Suspects Partitioning',
  redirect: 'Told to use different route',
  miss: 'Lookup failed on this address',
  lock: 'fix specified metrics',
  oldadd: 'caused by SIOCADDRT',
  olddel: 'caused by SIOCDELRT',
  resolve: 'Route created by cloning',
  newaddr: 'address being added to iface',
  deladdr: 'address being removed from iface',
  ifinfo: 'iface status change',
  ifinfo2: 'iface status change',
  dellink: 'iface removed',
  newmaddr: 'new multicast group membership on iface',
  newmaddr2: 'new multicast group membership on iface',
  delmaddr: 'multicast group membership removed from iface',
  ifannounce: 'iface arrival/departure',
  desync: 'route socket overflow',
};

/** Interface index → name, for live messages on this host (never for foreign captures). */
export type NameOf = (index: number) => string | null;

export function addressText(a: Address, nameOf?: NameOf): string {
  switch (a.family) {
    case 'inet':
      return a.address;
    case 'inet6':
      if (a.zone === undefined) return a.address;
      return `${a.address}%${nameOf?.(a.zone) ?? a.zone}`;
    case 'link': {
      const name = a.name || (a.index > 0 ? (nameOf?.(a.index) ?? '') : '');
      if (name && a.mac) return `${name}:${a.mac}`;
      if (name) return name;
      return a.address;
    }
    case 'unspec':
      return a.address || 'default';
    default:
      return `(${a.family}) ${a.address}`;
  }
}

function sockaddrLines(addrs: AddressSet, nameOf?: NameOf): string[] {
  const roles = Object.keys(addrs).filter((k) => addrs[k] !== undefined);
  if (roles.length === 0) return [];
  const texts = roles.map((k) => addressText(addrs[k] as Address, nameOf));
  return [`sockaddrs: <${roles.map((r) => r.toUpperCase()).join(',')}>`, ` ${texts.join(' ')}`];
}

/** One message in the shape `route -n monitor` prints. */
export function formatMessage(m: Message, nameOf?: NameOf): string {
  const lines: string[] = [];
  if (m.kind === 'control') {
    lines.push(`NLMSG_${m.type.toUpperCase()}: seq ${m.seq}, pid ${m.pid}${m.errno !== undefined ? `, errno ${m.errno}` : ''}`);
    return lines.join('\n') + '\n';
  }
  if (m.kind === 'unknown') {
    return `RTM type ${m.typeNumber}: (unknown): len ${m.length}\n ${m.raw}\n`;
  }
  const head = `RTM_${m.type.toUpperCase()}: ${DESCRIPTIONS[m.type] ?? m.type}`;
  switch (m.kind) {
    case 'route': {
      const parts = [`${head}:`];
      const info: string[] = [];
      if (m.pid !== undefined) info.push(`pid: ${m.pid}`);
      if (m.seq !== undefined) info.push(`seq ${m.seq}`);
      if (m.errno !== undefined) info.push(`errno ${m.errno}`);
      if (m.flags.includes('IFSCOPE')) info.push(`ifscope ${m.index}`);
      else if (m.index) info.push(`index ${m.index}`);
      info.push(`flags:<${m.flags.join(',')}>`);
      lines.push(`${parts[0]} ${info.join(', ')}`);
      if (m.destination) lines.push(`route: ${m.destination}`);
      lines.push(...sockaddrLines(m.addrs, nameOf));
      break;
    }
    case 'interface':
      lines.push(`${head}: if# ${m.index}${m.name ? ` (${m.name})` : ''}, flags:<${m.flags.join(',')}>`);
      lines.push(...sockaddrLines(m.addrs, nameOf));
      break;
    case 'address':
      lines.push(`${head}: index ${m.index}${m.metric !== undefined ? `, metric ${m.metric}` : ''}, flags:<${m.flags.join(',')}>`);
      lines.push(...sockaddrLines(m.addrs, nameOf));
      break;
    case 'multicast':
      lines.push(`${head}: index ${m.index}`);
      lines.push(...sockaddrLines(m.addrs, nameOf));
      break;
    case 'announce':
      lines.push(`${head}: if# ${m.index}, name ${m.name}, what: ${typeof m.what === 'string' ? m.what : `#${m.what}`}`);
      break;
  }
  return lines.join('\n') + '\n';
}

/** The JSON form of a message for the CLI: the model object without its `kind` tag. */
export function messageJson(m: Message): string {
  const { kind: _kind, ...rest } = m;
  return JSON.stringify(rest);
}
