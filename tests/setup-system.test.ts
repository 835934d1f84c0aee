// scripts/setup-system.sh, the step `npm test` and .ci/run take before any test: quiet and quick
// where everything is installed; where something is missing and it cannot install, it runs nothing
// and prints the apt command. The "missing" machine is an empty directory given as
// CXLOOP_SETUP_ROOT, and "no apt" is a PATH holding only what the script needs besides apt-get.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from './helpers.ts';

const SCRIPT = join(process.cwd(), 'scripts', 'setup-system.sh');
const tmp = tempDir('cxloop-setup-');
after(() => tmp.cleanup());

/** A bin directory with bash and id only: no apt-get, no sudo. */
function pathWithoutApt() {
  const bin = join(tmp.dir, 'bin');
  if (!existsSync(bin)) {
    mkdirSync(bin);
    for (const tool of ['bash', 'id']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  }
  return bin;
}

function run(args: string[], env: Record<string, string>) {
  const started = performance.now();
  const result = spawnSync('/usr/bin/bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { ...result, ms: performance.now() - started };
}

describe('scripts/setup-system.sh', () => {
  it('passes silently, without apt, where everything is installed', () => {
    const result = run([], { PATH: pathWithoutApt() });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout + result.stderr, '');
    // A handful of file checks: generous for a loaded machine, far below any apt call.
    assert.ok(result.ms < 2000, `took ${result.ms} ms`);
  });

  it('stops before anything runs and names the apt command where it cannot install', () => {
    const empty = join(tmp.dir, 'empty-root');
    mkdirSync(empty, { recursive: true });
    const result = run([], { CXLOOP_SETUP_ROOT: empty, PATH: pathWithoutApt() });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /not installed: chromium fonts-dejavu-core postgresql/);
    assert.match(
      result.stderr,
      /apt-get update && (sudo )?apt-get install -y --no-install-recommends chromium fonts-dejavu-core postgresql/,
    );
    assert.match(result.stderr, /Nothing was run\. The unit tests need none of them: npm run test:unit/);
    assert.doesNotMatch(result.stdout, /installing/);
  });

  it('with --check never installs, even as root with apt-get', () => {
    const empty = join(tmp.dir, 'empty-root-2');
    mkdirSync(empty);
    const result = run(['--check'], { CXLOOP_SETUP_ROOT: empty });
    assert.equal(result.status, 1);
    assert.doesNotMatch(result.stdout, /installing/);
    assert.match(result.stderr, /apt-get install -y --no-install-recommends chromium/);
  });

  it('names only what is missing', () => {
    const partial = join(tmp.dir, 'partial-root');
    mkdirSync(join(partial, 'usr', 'bin'), { recursive: true });
    symlinkSync('/usr/bin/bash', join(partial, 'usr', 'bin', 'chromium'));
    mkdirSync(join(partial, 'usr', 'share', 'fonts', 'truetype', 'dejavu'), { recursive: true });
    symlinkSync('/dev/null', join(partial, 'usr', 'share', 'fonts', 'truetype', 'dejavu', 'DejaVuSans.ttf'));
    const result = run(['--check'], { CXLOOP_SETUP_ROOT: partial });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /install -y --no-install-recommends postgresql\n/);
  });
});
