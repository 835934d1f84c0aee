import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/app/http/app.ts';
import { indexJourney } from '../../src/core/journey/rules.ts';
import { defaultJourney } from '../../src/capabilities/journeys/templates.ts';
import { createServices } from '../../src/capabilities/graph.ts';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { createKey } from '../../src/capabilities/workspaces/keys.ts';
import { funnelFixture, scoreFixture } from '../../src/capabilities/measure/test-fixture.ts';
import { tempDir } from '../helpers.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';

/** `cxloop report ...` as other tools call it: a real process against a database file. */
const tmp = tempDir('cxloop-report-');
after(tmp.cleanup);
const db = join(tmp.dir, 'report.duckdb');

function cxloop(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/cxloop.js', ...args, '--db', db], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const WINDOW = ['--from', '2025-01-01', '--to', '2025-06-30'];

describe('the cxloop report CLI contract', () => {
  before(() => {
    const journey = indexJourney(defaultJourney());
    const lines = (items: unknown[]) => items.map((i) => JSON.stringify(i)).join('\n') + '\n';
    writeFileSync(join(tmp.dir, 'feedback.jsonl'), lines(scoreFixture().feedback));
    writeFileSync(join(tmp.dir, 'events.jsonl'), lines(funnelFixture(journey).events));
    for (const kind of ['feedback', 'events']) {
      const imported = cxloop('import', join(tmp.dir, `${kind}.jsonl`), '--kind', kind);
      assert.equal(imported.code, 0, imported.stderr);
    }
  });

  test('report scores --format json prints one document with rows of keys and score objects', () => {
    const result = cxloop(
      'report',
      'scores',
      ...WINDOW,
      '--by',
      'touchpoint',
      '--interval',
      'week',
      '--format',
      'json',
    );
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      rows: Record<string, unknown>[];
      by: string[];
      interval: string;
    };
    assert.deepEqual(report.by, ['touchpoint']);
    assert.equal(report.interval, 'week');
    assert.ok(report.rows.length > 50);
    for (const row of report.rows) {
      assert.equal(typeof row.touchpoint, 'string');
      assert.match(row.period as string, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(new Date(`${row.period as string}T00:00:00Z`).getUTCDay(), 1, 'weeks start on Monday');
      const metrics = ['nps', 'csat', 'ces', 'rating'].filter((m) => m in row);
      assert.ok(metrics.length > 0);
      for (const metric of metrics) {
        const score = row[metric] as {
          value: number | null;
          n: number;
          ci95: number[] | null;
          insufficient: boolean;
        };
        assert.ok('value' in score && 'n' in score && 'ci95' in score && 'insufficient' in score);
        assert.equal(score.insufficient, score.n < 30);
      }
    }
  });

  test('the JSON of every report is exactly the HTTP reply for the same query', async () => {
    const queries: [string, string[], string][] = [
      [
        'scores',
        ['--by', 'stage', '--interval', 'month', '--min-n', '20'],
        'by=stage&interval=month&minN=20',
      ],
      ['funnel', ['--by', 'channel'], 'by=channel'],
      ['pain-points', ['--limit', '5'], 'limit=5'],
      [
        'compare',
        ['--by', 'touchpoint', '--baseline-from', '2024-07-01', '--baseline-to', '2024-12-31'],
        'by=touchpoint&baselineFrom=2024-07-01&baselineTo=2024-12-31',
      ],
      ['retention', ['--churn-days', '30'], 'churnDays=30'],
      ['journey-time', [], ''],
    ];
    const printed = queries.map(([name, args]) => {
      const result = cxloop('report', name, ...WINDOW, ...args, '--format', 'json');
      assert.equal(result.code, 0, result.stderr);
      return JSON.parse(result.stdout) as unknown;
    });
    const store = await DuckDbStore.open(db, MIGRATIONS);
    try {
      const services = createServices(store);
      const app = createApp(services);
      const workspace = (await store.listWorkspaces())[0]!.id;
      const { key } = await createKey(store, workspace, 'secret', Date.now());
      for (const [i, [name, , query]] of queries.entries()) {
        const res = await app.request(`/v1/analytics/${name}?from=2025-01-01&to=2025-06-30&${query}`, {
          headers: { authorization: `Bearer ${key}` },
        });
        assert.equal(res.status, 200, name);
        assert.deepEqual(await res.json(), printed[i], name);
      }
    } finally {
      await store.close();
    }
  });

  test('csv has a header and raw columns; table is for people', () => {
    const csv = cxloop(
      'report',
      'scores',
      ...WINDOW,
      '--by',
      'touchpoint',
      '--metric',
      'csat',
      '--format',
      'csv',
    );
    assert.equal(csv.code, 0, csv.stderr);
    const [header, ...lines] = csv.stdout.trim().split('\n');
    assert.equal(header, 'touchpoint,csat,csat_n,csat_ci_low,csat_ci_high,csat_insufficient');
    assert.ok(lines.length >= 2);
    const table = cxloop('report', 'funnel', ...WINDOW);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /stage\s+people\s+conversion_pct/);
  });

  test('bad options exit 2 naming the field, as the HTTP API does', () => {
    const by = cxloop('report', 'scores', ...WINDOW, '--by', 'colour', '--format', 'json');
    assert.equal(by.code, 2);
    assert.match(by.stderr, /by: "colour" is not one of/);
    assert.equal(by.stdout, '');
    const from = cxloop('report', 'funnel', '--from', '2025-13-01', '--to', '2025-06-30');
    assert.equal(from.code, 2);
    assert.match(from.stderr, /from: use YYYY-MM-DD/);
    const missing = cxloop('report', 'pain-points', '--to', '2025-06-30');
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /--from/);
  });
});
