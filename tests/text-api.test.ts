import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { feedback, tempDir } from './helpers.ts';
import { runTextScenario, textApp } from './text-kit.ts';

test('text on DuckDB: sentiment at ingest, analysis, search and filters, themes, isolation', async () => {
  const tmp = tempDir();
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    await runTextScenario(store);
  } finally {
    await store.close();
    tmp.cleanup();
  }
});

test('backfill reads comments stored before text existed, once', async () => {
  const tmp = tempDir();
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    const t = await textApp(store);
    // Stored straight through the store: no domain event, as for data from before this version.
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      id: `old-${i}`,
      customerId: `c${i}`,
      touchpoint: 'delivery',
      metric: 'csat' as const,
      score: 1,
      scaleMin: 1,
      scaleMax: 5,
      comment: i % 5 === 0 ? null : `the parcel arrived broken ${i}`,
      timestamp: Date.parse('2025-06-02T10:00:00Z'),
      receivedAt: Date.parse('2025-06-02T10:00:00Z'),
      source: 'api',
    }));
    await store.ingest('acme', { events: [], feedback: rows, identifies: [] });
    assert.equal(await t.services.text.catchUp('acme'), 2000);
    assert.equal(await t.services.text.catchUp('acme'), 0);
    const n = await store.read(
      `SELECT count(*) AS n, count(*) FILTER (WHERE label = 'negative') AS neg FROM text_comments`,
    );
    assert.equal(Number(n[0]!.n), 2000);
    assert.equal(Number(n[0]!.neg), 2000);
  } finally {
    await store.close();
    tmp.cleanup();
  }
});

test('workspace model: learned from scored comments, judged against the built-in model, used on request', async () => {
  const tmp = tempDir();
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    const t = await textApp(store);
    // A vocabulary the built-in lexicon does not know; the scores say what it means here.
    const cues = [
      { score: 1, words: ['zorped', 'kraxled', 'glomped'] },
      { score: 3, words: ['tabulated', 'ferruled', 'mopped'] },
      { score: 5, words: ['blicked', 'wumbled', 'snazzed'] },
    ];
    const places = ['parcel', 'order', 'agent', 'store', 'checkout', 'app'];
    const batch = Array.from({ length: 300 }, (_, i) => {
      const cue = cues[i % 3]!;
      return feedback(`m${i}`, {
        customerId: `c${i}`,
        score: cue.score,
        comment: `the ${places[Math.floor(i / 9) % 6]} was ${cue.words[Math.floor(i / 3) % 3]} this time`,
      });
    });
    assert.equal((await t.call('GET', '/v1/text/model', t.keys.acme!.secret)).status, 200);
    assert.equal((await t.call('POST', '/v1/feedback', t.keys.acme!.ingest, { batch })).status, 200);
    await t.services.events.drain();
    const figures = await t.services.text.trainModel('acme');
    assert.equal(figures.comments, 300);
    assert.ok(figures.cvMacroF1 > 0.9, String(figures.cvMacroF1));
    assert.ok(figures.builtinMacroF1 < 0.5, String(figures.builtinMacroF1));
    assert.equal(figures.better, true);
    const shown = (await (await t.call('GET', '/v1/text/model', t.keys.acme!.secret)).json()) as {
      model: { comments: number; better: boolean };
    };
    assert.equal(shown.model.comments, 300);
    const res = await t.call('POST', '/v1/text/sentiment', t.keys.acme!.secret, {
      model: 'workspace',
      items: [
        { id: 'a', text: 'my order got zorped' },
        { id: 'b', text: 'the agent wumbled' },
      ],
    });
    const results = ((await res.json()) as { results: { label: string; model: string }[] }).results;
    assert.deepEqual(
      results.map((r) => [r.label, r.model]),
      [
        ['negative', 'workspace'],
        ['positive', 'workspace'],
      ],
    );
    // the other workspace has no scored comments: no model, refused with the reason
    const none = await t.call('POST', '/v1/text/sentiment', t.keys.globex!.secret, {
      model: 'workspace',
      items: [{ id: 'a', text: 'x' }],
    });
    assert.equal(none.status, 409);
  } finally {
    await store.close();
    tmp.cleanup();
  }
});
