import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const swiss = 'src/capabilities/understand/drivers/fixtures/swiss.csv';

function cxloop(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/cxloop.js', ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('cxloop analyze drivers', () => {
  it('prints one JSON document with the documented fields', () => {
    const run = cxloop(
      'analyze',
      'drivers',
      '--csv',
      swiss,
      '--outcome',
      'Fertility',
      '--drivers',
      'Agriculture,Examination,Education,Catholic,Infant.Mortality',
      '--format',
      'json',
    );
    assert.equal(run.status, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as {
      ok: boolean;
      n: number;
      r2: number;
      drivers: Record<string, unknown>[];
      outcomeKind: string;
    };
    assert.equal(doc.ok, true);
    assert.equal(doc.n, 47);
    assert.ok(Math.abs(doc.r2 - 0.706735001593) < 1e-11);
    assert.equal(doc.outcomeKind, 'numeric');
    for (const key of [
      'name',
      'lmg',
      'lmgShare',
      'relativeWeight',
      'relativeWeightShare',
      'generalDominance',
      'beta',
      'r',
      'p',
    ]) {
      for (const d of doc.drivers) assert.equal(typeof d[key], key === 'name' ? 'string' : 'number', key);
    }
    assert.equal(doc.drivers[0]!.name, 'Education');
    const shares = doc.drivers.reduce((s, d) => s + (d.lmgShare as number), 0);
    assert.ok(Math.abs(shares - 1) < 1e-12);
  });

  it('prints a readable table without --format json', () => {
    const run = cxloop(
      'analyze',
      'drivers',
      '--csv',
      swiss,
      '--outcome',
      'Fertility',
      '--drivers',
      'Education,Catholic',
      '--threshold',
      'median',
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Key drivers of "Fertility" \(numeric\)/);
    assert.match(run.stdout, /LMG share/);
    assert.match(run.stdout, /cut median/);
  });

  it('answers degenerate input with a structured JSON error and exit code 1', () => {
    const run = cxloop(
      'analyze',
      'drivers',
      '--csv',
      swiss,
      '--outcome',
      'Fertility',
      '--drivers',
      'Education',
      '--min-n',
      '100',
      '--format',
      'json',
    );
    assert.equal(run.status, 1);
    const doc = JSON.parse(run.stdout) as { ok: boolean; error: { code: string } };
    assert.deepEqual([doc.ok, doc.error.code], [false, 'below_min_n']);
  });

  it('rejects an unknown column and a bad option with exit code 2', () => {
    const unknown = cxloop(
      'analyze',
      'drivers',
      '--csv',
      swiss,
      '--outcome',
      'Fertility',
      '--drivers',
      'Nope',
    );
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no column "Nope"/);
    const bad = cxloop(
      'analyze',
      'drivers',
      '--csv',
      swiss,
      '--outcome',
      'Fertility',
      '--drivers',
      'Education',
      '--threshold',
      'often',
    );
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--threshold takes mean, median or a number/);
  });
});
