import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInfluenceMatrix } from './matrix-input.ts';
import { formatMatrixCsv, parseMatrixCsv } from './matrix-csv.ts';

const issuesOf = (input: unknown) => {
  const parsed = parseInfluenceMatrix(input);
  assert.ok(!parsed.ok);
  return parsed.issues.map((i) => `${i.path}:${i.code}`);
};

test('CSV: header row and column of names, blank cells as 0, P kept', () => {
  const parsed = parseMatrixCsv('\ufeff,web,"store, city",app\nweb,0,3,P\n"store, city",1,,0\napp,0,2.5,0\n');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.input, {
    variables: ['web', 'store, city', 'app'],
    matrix: [
      [0, 3, 'P'],
      [1, 0, 0],
      [0, 2.5, 0],
    ],
  });
  assert.ok(parseInfluenceMatrix(parsed.input).ok);
});

test('CSV: semicolons and tabs from spreadsheets in other locales', () => {
  const semicolon = parseMatrixCsv(';a;b\na;0;1\nb;2;0\n');
  assert.ok(semicolon.ok);
  assert.deepEqual(semicolon.input.matrix, [
    [0, 1],
    [2, 0],
  ]);
  const tab = parseMatrixCsv('\ta\tb\r\na\t0\t1\r\nb\t2\t0\r\n');
  assert.ok(tab.ok);
  assert.deepEqual(tab.input.variables, ['a', 'b']);
});

test('CSV: mismatched row names and bad cells are reported like JSON input', () => {
  const mismatch = parseMatrixCsv(',a,b\nb,0,1\na,1,0\n');
  assert.ok(!mismatch.ok);
  assert.deepEqual(
    mismatch.issues.map((i) => `${i.path}:${i.code}`),
    ['variables.0:row_name_mismatch', 'variables.1:row_name_mismatch'],
  );
  const bad = parseMatrixCsv(',a,b\na,0,lots\nb,1,0\n');
  assert.ok(bad.ok);
  assert.deepEqual(issuesOf(bad.input), ['matrix.0.1:invalid_cell']);
  const empty = parseMatrixCsv('');
  assert.ok(!empty.ok);
  assert.equal(empty.issues[0]!.code, 'no_header');
});

test('CSV export reads back unchanged', () => {
  const variables = ['web', 'store, "flagship"', 'app'];
  const matrix = [
    [0, 3, 'P'],
    [1, 0, 0],
    [0, 2.5, 0],
  ];
  const text = formatMatrixCsv(variables, matrix);
  assert.equal(text.split('\n')[0], ',web,"store, ""flagship""",app');
  const back = parseMatrixCsv(text);
  assert.ok(back.ok);
  assert.deepEqual(back.input, { variables, matrix });
});
