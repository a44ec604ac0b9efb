/**
 * .github/workflows/ci.yml cannot run here (macOS, FreeBSD), so this keeps it valid: it parses,
 * has the jobs, runners and commands the project relies on, and every command it runs refers
 * to npm scripts, binaries and files that exist in the repository.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..');
const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'ci.yml');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string[];
  strategy?: { matrix?: Record<string, unknown[]> };
  steps: Step[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const wf = parse(fs.readFileSync(WORKFLOW, 'utf8')) as { name: string; on: any; jobs: Record<string, Job> };

/** Every shell command of a job: `run:` steps and the FreeBSD VM's `with.run`/`with.prepare`. */
function commands(job: Job): string[] {
  const out: string[] = [];
  for (const s of job.steps) {
    const texts = [s.run, s.with?.run, s.with?.prepare].filter((t): t is string => typeof t === 'string');
    for (const t of texts) {
      for (const line of t.split('\n')) {
        for (const part of line.split('&&')) {
          const c = part.trim();
          if (c && !c.startsWith('#')) out.push(c);
        }
      }
    }
  }
  return out;
}

const SHELL_BUILTINS = new Set(['set', 'pkg', 'cd', 'echo']);
const BINARIES_FROM_DEPS: Record<string, string> = { 'node-gyp': 'node-gyp', prebuildify: 'prebuildify', tsc: 'typescript', mocha: 'mocha' };

/** Checks that one command refers only to things that exist; returns problems. */
function checkCommand(cmd: string, seen = new Set<string>()): string[] {
  let words = cmd.split(/\s+/);
  // sudo [--flags] env "PATH=$PATH" <cmd>
  if (words[0] === 'sudo') {
    words = words.slice(1);
    while (words[0]?.startsWith('-')) words = words.slice(1);
    if (words[0] === 'env') {
      words = words.slice(1);
      while (words[0] && /^"?[A-Z_]+=/.test(words[0])) words = words.slice(1);
    }
  }
  const [bin, ...args] = words;
  if (!bin) return [];
  if (SHELL_BUILTINS.has(bin)) return [];
  if (bin === 'npm') {
    const sub = args[0];
    if (sub === 'ci' || sub === 'install') return fs.existsSync(path.join(ROOT, 'package-lock.json')) ? [] : ['npm ci without package-lock.json'];
    const script = sub === 'test' ? 'test' : sub === 'run' ? args.find((a) => !a.startsWith('-') && a !== 'run') : undefined;
    if (!script) return [`unknown npm command: ${cmd}`];
    const body = pkg.scripts[script];
    if (body === undefined) return [`npm script "${script}" does not exist`];
    if (seen.has(script)) return [];
    seen.add(script);
    return body.split('&&').flatMap((c) => checkCommand(c.trim(), seen));
  }
  if (bin === 'npx' || BINARIES_FROM_DEPS[bin]) {
    const tool = bin === 'npx' ? args[0]! : bin;
    const dep = BINARIES_FROM_DEPS[tool] ?? tool;
    const declared = dep in pkg.devDependencies || dep in pkg.dependencies;
    return declared ? [] : [`${tool} is not a dependency of the package`];
  }
  if (bin === 'node') {
    const files = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '--import');
    const file = files[0];
    if (!file) return [`node without a script: ${cmd}`];
    return fs.existsSync(path.join(ROOT, file)) ? [] : [`${file} does not exist`];
  }
  return [`unrecognised command ${bin} in "${cmd}"`];
}

describe('CI workflow (.github/workflows/ci.yml)', () => {
  it('parses and runs on push and pull requests', () => {
    assert.equal(typeof wf.name, 'string');
    assert.ok('push' in wf.on && 'pull_request' in wf.on);
    assert.deepEqual(Object.keys(wf.jobs).sort(), ['freebsd', 'linux', 'macos', 'prebuild']);
  });

  it('linux: ubuntu, node 20 and 22, npm ci, the layout header check, npm test as root', () => {
    const j = wf.jobs.linux!;
    assert.equal(j['runs-on'], 'ubuntu-latest');
    assert.deepEqual(j.strategy?.matrix?.node, [20, 22]);
    const c = commands(j);
    assert.ok(c.includes('npm ci'));
    assert.ok(c.includes('npm run check:layout'));
    assert.ok(c.some((x) => /^sudo .*npm test$/.test(x)), 'npm test runs under sudo (tests use a netns)');
  });

  it('macos: macos-14 (arm64) and macos-13 (x64) build the addon and run npm test', () => {
    const j = wf.jobs.macos!;
    assert.equal(j['runs-on'], '${{ matrix.runner }}');
    assert.deepEqual(j.strategy?.matrix?.runner, ['macos-14', 'macos-13']);
    const c = commands(j);
    assert.deepEqual(c, ['npm ci', 'npx node-gyp rebuild', 'npm test']);
  });

  it('freebsd: vmactions/freebsd-vm installs node and npm with pkg, builds and tests', () => {
    const j = wf.jobs.freebsd!;
    const vm = j.steps.find((s) => s.uses?.startsWith('vmactions/freebsd-vm@'));
    assert.ok(vm, 'a vmactions/freebsd-vm step');
    assert.equal(vm.uses, 'vmactions/freebsd-vm@v1');
    assert.match(String(vm.with?.prepare), /pkg install -y .*\bnode\d+\b.*\bnpm-node\d+\b/);
    const c = commands(j);
    for (const want of ['npm ci', 'npx node-gyp rebuild', 'npm test']) assert.ok(c.includes(want), want);
  });

  it('prebuild: prebuildify --napi --strip on every runner, artifacts uploaded', () => {
    const j = wf.jobs.prebuild!;
    assert.deepEqual(j.strategy?.matrix?.runner, ['ubuntu-latest', 'macos-14', 'macos-13']);
    assert.ok(commands(j).includes('npx prebuildify --napi --strip'));
    const up = j.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.equal(up?.with?.path, 'prebuilds/');
    for (const need of j.needs ?? []) assert.ok(need in wf.jobs, `needs ${need}`);
  });

  it('every run: step refers to npm scripts, binaries and files that exist', () => {
    const problems: string[] = [];
    for (const [name, job] of Object.entries(wf.jobs)) {
      for (const c of commands(job)) problems.push(...checkCommand(c).map((p) => `${name}: ${p}`));
    }
    assert.deepEqual(problems, []);
  });

  it('the checker itself notices a missing script or file', () => {
    assert.deepEqual(checkCommand('npm run no-such-script'), ['npm script "no-such-script" does not exist']);
    assert.deepEqual(checkCommand('node scripts/missing.js'), ['scripts/missing.js does not exist']);
    assert.deepEqual(checkCommand('npx left-pad'), ['left-pad is not a dependency of the package']);
  });
});
