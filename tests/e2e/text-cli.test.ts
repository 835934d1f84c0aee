import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../helpers.ts';
import { plantedComments } from '../text-kit.ts';
import type { FeedbackSearch, TextAnalysis } from '../../src/capabilities/text/contract.ts';

const tmp = tempDir('cxloop-text-cli-');
after(tmp.cleanup);
const db = join(tmp.dir, 'text.duckdb');

function cxloop(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/cxloop.js', ...args, '--db', db], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('imported comments: analyze text and text search print the HTTP shapes; text sentiment streams in order', () => {
  const file = join(tmp.dir, 'feedback.jsonl');
  writeFileSync(
    file,
    plantedComments()
      .map((f) => JSON.stringify(f))
      .join('\n') + '\n',
  );
  const imported = cxloop('import', file, '--kind', 'feedback', '--format', 'json');
  assert.equal(imported.code, 0, imported.stderr);

  const analysed = cxloop(
    'analyze',
    'text',
    '--from',
    '2025-06-01',
    '--to',
    '2025-06-30',
    '--format',
    'json',
  );
  assert.equal(analysed.code, 0, analysed.stderr);
  const analysis = JSON.parse(analysed.stdout) as TextAnalysis;
  assert.deepEqual(Object.keys(analysis), ['comments', 'sentiment', 'themes']);
  assert.equal(analysis.comments, 43);
  assert.deepEqual(analysis.sentiment, { negative: 24, neutral: 6, positive: 12 });
  assert.deepEqual(Object.keys(analysis.themes[0]!), [
    'id',
    'label',
    'terms',
    'comments',
    'share',
    'sentiment',
    'touchpoints',
  ]);

  const found = cxloop(
    'text',
    'search',
    '--from',
    '2025-06-01',
    '--to',
    '2025-06-30',
    '--q',
    'delivered',
    '--sentiment',
    'negative',
    '--format',
    'json',
  );
  assert.equal(found.code, 0, found.stderr);
  assert.equal((JSON.parse(found.stdout) as FeedbackSearch).total, 24);
  const refused = cxloop(
    'text',
    'search',
    '--from',
    '2025-06-01',
    '--to',
    '2025-06-30',
    '--score-min',
    'high',
  );
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--score-min/);

  // Any number of lines, in order: 20,000 lines with ids in sequence.
  const texts = join(tmp.dir, 'texts.jsonl');
  const samples = ['still waiting for my delivery', 'thanks for the quick help', 'can I change my address?'];
  writeFileSync(
    texts,
    Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `t${i}`, text: samples[i % 3] })).join(
      '\n',
    ) + '\n',
  );
  const scored = cxloop('text', 'sentiment', texts, '--format', 'jsonl');
  assert.equal(scored.code, 0, scored.stderr);
  const lines = scored.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; label: string; score: number; themes: string[] });
  assert.equal(lines.length, 20_000);
  lines.forEach((l, i) => assert.equal(l.id, `t${i}`));
  assert.deepEqual(
    lines.slice(0, 3).map((l) => l.label),
    ['negative', 'positive', 'neutral'],
  );
  assert.deepEqual(Object.keys(lines[0]!), ['id', 'label', 'score', 'themes']);
  const delivery = analysis.themes.find((t) => t.terms.includes('delivery'))!;
  assert.ok(lines[0]!.themes.includes(delivery.id));

  const bad = join(tmp.dir, 'bad.jsonl');
  writeFileSync(bad, '{"id":"a","text":"ok"}\nnot json\n');
  const stopped = cxloop('text', 'sentiment', bad);
  assert.equal(stopped.code, 2);
  assert.match(stopped.stderr, /line 2/);
});
