/** The package as consumers load it: CommonJS output with types, importable from ESM. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

function node(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 15000 });
}

describe('the published package', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    main: string;
    types: string;
    bin: Record<string, string>;
    files: string[];
  };

  it('points main, types and bin at built files', () => {
    assert.ok(existsSync(join(ROOT, pkg.main)), pkg.main);
    assert.ok(existsSync(join(ROOT, pkg.types)), pkg.types);
    assert.ok(existsSync(join(ROOT, pkg.bin['pfroute']!)));
    assert.ok(pkg.files.includes('prebuilds/'));
  });

  it('is importable from ESM with named exports (self-reference by name)', () => {
    const hex = readFileSync(join(__dirname, 'fixtures', 'vectors', 'netbsd-kernel', '51-event-ifcreate-lo1.bin')).toString('hex');
    const r = node([
      '--input-type=module',
      '-e',
      "import { decode, RouteSocket, listRoutes, addRoute, DecodeError } from 'pfroute'; " +
        `const m = decode(Buffer.from('${hex}', 'hex'), { os: 'netbsd' }); ` +
        "console.log(typeof RouteSocket.open, typeof listRoutes, typeof addRoute, typeof DecodeError, m[0].type, m[0].name);",
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'function function function function ifannounce lo1');
  });

  it('is requirable from CommonJS', () => {
    const r = node(['-e', "const p = require('pfroute'); console.log(Object.keys(p).includes('getRoute'), typeof p.decodePartial)"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'true function');
  });

  it('ships type declarations for the public API', () => {
    const dts = readFileSync(join(ROOT, pkg.types), 'utf8');
    for (const name of ['RouteSocket', 'listRoutes', 'addRoute', 'getRoute', 'decode', 'DecodeError']) {
      assert.match(dts, new RegExp(`\\b${name}\\b`), name);
    }
    assert.match(dts, /export \* from '\.\/model'/);
    const model = readFileSync(join(ROOT, 'dist', 'model.d.ts'), 'utf8');
    for (const name of ['RouteMessage', 'InterfaceMessage', 'AddressMessage', 'Route', 'OsName']) {
      assert.match(model, new RegExp(`export (interface|type) ${name}\\b`), name);
    }
  });
});
