/**
 * The library and the CLI start no process and use no shell.
 *  - static: nothing under lib/ (nor the built dist/, bin/ or the native shim)
 *    imports child_process or a process/shell helper;
 *  - runtime: the CLI (show --json, decode, add --dry-run) and a library session
 *    run with a preload that replaces every child_process launcher with a recorder;
 *    zero calls recorded.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inPrivateNetns, ip } from './support/netns';

const root = join(__dirname, '..');

function files(dir: string, exts: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, exts));
    else if (exts.test(name)) out.push(p);
  }
  return out;
}

const JS_PATTERNS: Array<[string, RegExp]> = [
  ['child_process', /child_process/],
  ['execa', /\bexeca\b/],
  ['shelljs', /\bshelljs\b/],
  ['spawn', /\bspawn(Sync)?\b/],
  // exec( as a call of its own, not RegExp#exec; the child_process-only names anywhere.
  ['exec(', /(?<![.\w])exec(Sync|File|FileSync)?\s*\(|\.exec(Sync|File|FileSync)\s*\(/],
  ['fork(', /\bfork\s*\(/],
  ['process.binding', /process\.binding\s*\(/],
  ['worker_threads', /worker_threads/],
];

describe('security: no process, no shell', function () {
  this.timeout(60_000);

  it('static: nothing under lib/ imports child_process, execa, shelljs, spawn, exec(', function () {
    const hits: string[] = [];
    const sources = files(join(root, 'lib'), /\.ts$/);
    assert.ok(sources.length > 30, `only ${sources.length} sources found`);
    const scan = [...sources, join(root, 'bin', 'pfroute.js'), ...(existsSync(join(root, 'dist')) ? files(join(root, 'dist'), /\.js$/) : [])];
    for (const f of scan) {
      const text = readFileSync(f, 'utf8');
      for (const [name, re] of JS_PATTERNS) if (re.test(text)) hits.push(`${relative(root, f)}: ${name}`);
    }
    assert.deepEqual(hits, []);
  });

  it('static: the native shim calls no exec*, system, popen, fork', function () {
    const hits: string[] = [];
    for (const f of files(join(root, 'native'), /\.(cc|h)$/)) {
      const text = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const re of [/\bsystem\s*\(/, /\bpopen\s*\(/, /\bexec[lv]p?e?\s*\(/, /\bfork\s*\(/, /\bposix_spawnp?\s*\(/, /\bvfork\s*\(/]) {
        if (re.test(text)) hits.push(`${relative(root, f)}: ${re}`);
      }
    }
    assert.deepEqual(hits, []);
  });

  describe('runtime: with every child_process launcher replaced by a recorder', function () {
    let dir = '';
    before(function () {
      if (process.platform !== 'linux') this.skip();
      if (!existsSync(join(root, 'dist', 'cli', 'main.js')) || !existsSync(join(root, 'dist', 'monitor.js'))) {
        throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` (npm test does)');
      }
      dir = mkdtempSync(join(tmpdir(), 'pfroute-sec-'));
      // The session looks up 127.0.0.1: a fresh namespace starts with lo down.
      if (inPrivateNetns()) ip('link', 'set', 'lo', 'up');
    });
    after(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const preload = join(root, 'test', 'support', 'no-spawn-preload.cjs');
    const run = (name: string, args: string[]) => {
      const log = join(dir, `${name}.log`);
      const r = spawnSync(process.execPath, ['--require', preload, ...args], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, PFROUTE_SPAWN_LOG: log },
      });
      assert.ok(existsSync(log), 'the preload did not run');
      return { ...r, calls: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
    };

    it('the preload does catch a spawn (control)', function () {
      const r = run('control', ['-e', "try { require('node:child_process').execSync('true') } catch {} "]);
      assert.equal(r.calls.length, 1);
      assert.match(r.calls[0]!, /"name":"execSync"/);
    });

    const vector = readFileSync(join(root, 'test', 'fixtures', 'vectors', 'netbsd-kernel', '00-add-10.1.0.0_16-request.bin')).toString('hex');
    const bin = join(root, 'bin', 'pfroute.js');
    const cases: Array<[string, string[]]> = [
      ['show --json', [bin, 'show', '--json']],
      ['decode', [bin, 'decode', '--os', 'netbsd', '--hex', vector, '--json']],
      ['add --dry-run', [bin, 'add', '198.51.100.0/24', '192.0.2.2', '--dry-run']],
      ['add --dry-run --os darwin', [bin, 'add', '198.51.100.0/24', '192.0.2.2', '--dry-run', '--os', 'darwin']],
      ['library session', [join(root, 'test', 'support', 'security-session.js')]],
    ];
    for (const [name, args] of cases) {
      it(`${name}: succeeds with zero child_process calls`, function () {
        const r = run(name.replace(/\W+/g, '-'), args);
        assert.deepEqual(r.calls, []);
        assert.equal(r.status, 0, r.stderr);
        assert.ok(r.stdout.length > 0);
      });
    }
  });
});
