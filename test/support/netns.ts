/**
 * Guards for tests that touch a routing table: they run only inside the private
 * network namespace that scripts/test.js makes with `unshare --net`, and this
 * module proves it (our netns differs from the one the run started in) before
 * anything is changed.
 */
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';

/**
 * True when this process runs in a network namespace other than the one
 * scripts/test.js started in (it records that one before `unshare --net`).
 * /proc/1/ns/net is not readable in every sandbox, so PID 1 is not the reference.
 */
export function inPrivateNetns(): boolean {
  if (process.platform !== 'linux') return false;
  const host = process.env['PFROUTE_TEST_HOST_NETNS'];
  if (!host) return false;
  try {
    return readlinkSync('/proc/self/ns/net') !== host;
  } catch {
    return false;
  }
}

/** Skips the calling suite (with the reason in the log) unless in a private netns as root. */
export function requireNetns(ctx: Mocha.Context): void {
  if (!inPrivateNetns() || process.getuid?.() !== 0) {
    console.log('      (skipped: needs root in a private network namespace; run `npm test` as root)');
    ctx.skip();
  }
}

/** Runs iproute2 as an independent witness (tests only; the library never spawns). */
export function ip(...args: string[]): string {
  if (!inPrivateNetns()) throw new Error('refusing to run ip outside a private network namespace');
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function ipJson<T = unknown>(...args: string[]): T {
  return JSON.parse(ip('-j', ...args) || '[]') as T;
}

let vethReady = false;
/**
 * A veth pair with both ends in this namespace (this kernel has no dummy driver):
 * pfr0 192.0.2.1/24, 2001:db8:1::1/64; pfr1 up without addresses, so 192.0.2.2 and
 * 2001:db8:1::2 are on-link neighbours that can serve as gateways (not local addresses).
 */
export function ensureVeth(): { a: string; b: string } {
  if (!vethReady) {
    ip('link', 'set', 'lo', 'up');
    const links = ipJson<Array<{ ifname: string }>>('link', 'show');
    if (!links.some((l) => l.ifname === 'pfr0')) {
      ip('link', 'add', 'pfr0', 'type', 'veth', 'peer', 'name', 'pfr1');
      ip('addr', 'add', '192.0.2.1/24', 'dev', 'pfr0');
      ip('-6', 'addr', 'add', '2001:db8:1::1/64', 'dev', 'pfr0', 'nodad');
      ip('link', 'set', 'pfr0', 'up');
      ip('link', 'set', 'pfr1', 'up');
    }
    vethReady = true;
  }
  return { a: 'pfr0', b: 'pfr1' };
}
