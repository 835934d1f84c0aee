import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../../core/issues.ts';
import { analyzeCsvDrivers, readCsvDriverColumns } from './csv.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const swissDrivers = ['Agriculture', 'Examination', 'Education', 'Catholic', 'Infant.Mortality'];

describe('key drivers from CSV', () => {
  it('reads the swiss fixture and reproduces the reference R²', async () => {
    const result = await analyzeCsvDrivers({
      files: [fixture('swiss.csv')],
      outcome: 'Fertility',
      drivers: swissDrivers,
    });
    assert.ok(result.ok);
    assert.equal(result.n, 47);
    assert.ok(Math.abs(result.r2 - 0.706735001593) < 1e-11);
    assert.deepEqual(result.source.files, [{ path: fixture('swiss.csv'), rows: 47 }]);
  });

  it('codes --positive as 1/0, reads --na codes as not applicable and quoted text as text', async () => {
    const { input, source } = await readCsvDriverColumns({
      files: [fixture('survey.csv')],
      outcome: 'outcome',
      positive: 'promoter',
      drivers: ['booking', 'delivery', 'support'],
      na: ['0'],
    });
    assert.deepEqual(Array.from(input.outcome.values), [1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0]);
    assert.equal(source.positiveRows, 5);
    assert.deepEqual(input.drivers[2]!.notApplicable, [0]);
    const support = Array.from(input.drivers[2]!.values);
    assert.ok(Number.isNaN(support[3]!), '"N/A" is a missing-value spelling');
    assert.equal(support[1], 0, 'the code stays a number; the core treats it as not applicable');
    assert.deepEqual(source.invalid, []);
    const result = await analyzeCsvDrivers(
      {
        files: [fixture('survey.csv')],
        outcome: 'outcome',
        positive: 'promoter',
        drivers: ['booking', 'delivery', 'support'],
        na: ['0'],
      },
      { minN: 5 },
    );
    assert.ok(result.ok);
    assert.equal(result.outcomeKind, 'binary');
    assert.equal(result.n, 9);
    assert.deepEqual(
      result.columns.map((c) => [c.name, c.missing, c.notApplicable]),
      [
        ['outcome', 0, 0],
        ['booking', 0, 0],
        ['delivery', 0, 0],
        ['support', 1, 2],
      ],
    );
  });

  it('hints at --positive when the outcome is text, and lists the values when --positive matches nothing', async () => {
    const text = await analyzeCsvDrivers(
      { files: [fixture('survey.csv')], outcome: 'outcome', drivers: ['booking'] },
      { minN: 5 },
    );
    assert.equal(text.ok, false);
    assert.ok(text.source.hints.some((h) => h.includes('--positive')));
    const nothing = await analyzeCsvDrivers(
      { files: [fixture('survey.csv')], outcome: 'outcome', positive: 'Promoter', drivers: ['booking'] },
      { minN: 5 },
    );
    assert.equal(nothing.ok, false);
    assert.equal(nothing.ok ? '' : nothing.error.code, 'constant_outcome');
    assert.ok(nothing.source.hints.some((h) => h.includes('"promoter", "detractor", "passive"')));
  });

  it('counts text in a numeric column as invalid and reads it as missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxloop-drivers-'));
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'y,x1,x2\n1,1,2\n2,2,1\n3,three,5\n4,4,3\n5,3,5\n6,6,4\n');
    const result = await analyzeCsvDrivers(
      { files: [path], outcome: 'y', drivers: ['x1', 'x2'] },
      { minN: 4 },
    );
    assert.ok(result.ok);
    assert.equal(result.n, 5);
    assert.deepEqual(result.source.invalid, [{ column: 'x1', count: 1, example: 'three' }]);
    assert.ok(result.source.hints[0]!.includes('"x1"'));
  });

  it('combines several files by column name and rejects unknown columns with the available ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxloop-drivers-'));
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    writeFileSync(a, 'id,y,x\n1,1,1\n2,2,3\n');
    writeFileSync(b, 'x,y\n2,2\n4,5\n');
    const { input } = await readCsvDriverColumns({ files: [a, b], outcome: 'y', drivers: ['x'] });
    assert.deepEqual(Array.from(input.outcome.values), [1, 2, 2, 5]);
    assert.deepEqual(Array.from(input.drivers[0]!.values), [1, 3, 2, 4]);
    await assert.rejects(
      readCsvDriverColumns({ files: [a], outcome: 'y', drivers: ['x', 'nope'] }),
      (error: unknown) =>
        error instanceof InputError &&
        error.issues.length === 1 &&
        error.issues[0]!.code === 'unknown_column' &&
        error.issues[0]!.message.includes('"nope"') &&
        error.issues[0]!.message.includes('"id", "y", "x"'),
    );
  });
});
