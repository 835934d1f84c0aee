import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';

/**
 * Answers are stored in groups through the ingest group commit: a SIGKILL while many are in
 * flight must lose no acknowledged answer nor its score, and answering again after the restart
 * stores nothing twice.
 */
test('SIGKILL during grouped survey answers loses no acknowledged answer; a retry stores nothing twice', async () => {
  const tmp = tempDir('cxloop-answers-crash-');
  try {
    const first = await startServerProcess(tmp.db, [], { CXLOOP_PUBLIC_RATE_PER_MINUTE: '1000000' });
    const secret = first.secretKey!;
    const send = (url: string, method: string, path: string, key: string | null, body: unknown) =>
      fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
      });
    const put = await send(first.url, 'PUT', '/v1/surveys/crash', secret, {
      name: 'crash',
      touchpoint: 'delivery',
      questions: [{ id: 'score', kind: 'csat', text: 'How was it?' }],
    });
    assert.equal(put.status, 200, await put.text());
    const tokens: string[] = [];
    for (let i = 0; i < 300; i++) {
      const res = await send(first.url, 'POST', '/v1/surveys/crash/invitations', secret, {
        customerId: `k${i}`,
      });
      tokens.push(((await res.json()) as { token: string }).token);
    }
    const value = (i: number) => 1 + (i % 5);
    const answer = (url: string, i: number) =>
      send(url, 'POST', `/s/${tokens[i]}/answers`, null, {
        answers: [{ question: 'score', value: value(i) }],
      });

    const acked = new Set<number>();
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed && next < tokens.length) {
        const i = next++;
        try {
          const res = await answer(first.url, i);
          if (res.status === 200) acked.add(i);
          await res.arrayBuffer();
        } catch {
          return; // the server is gone; this answer may or may not have been stored
        }
      }
    };
    const workers = Array.from({ length: 32 }, worker);
    while (acked.size < 60 && next < tokens.length) await new Promise((r) => setTimeout(r, 2));
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.all(workers);
    await first.stop('SIGKILL');
    assert.ok(acked.size >= 60, `${acked.size} answers acknowledged before the kill`);

    const second = await startServerProcess(tmp.db, [], { CXLOOP_PUBLIC_RATE_PER_MINUTE: '1000000' });
    let duplicates = 0;
    try {
      for (const i of acked) {
        const res = await answer(second.url, i);
        assert.equal(res.status, 200);
        duplicates += ((await res.json()) as { duplicates: number }).duplicates;
      }
    } finally {
      await second.stop();
    }
    assert.equal(duplicates, acked.size, 'every acknowledged answer was there after the restart');

    const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    try {
      const answers = await store.read(
        "SELECT invitation_id, CAST(value AS VARCHAR) AS v FROM survey_answers WHERE survey_id = 'crash'",
      );
      const feedback = await store.read("SELECT id, score FROM feedback WHERE source = 'survey:crash'");
      assert.equal(answers.length, feedback.length, 'every stored answer has its score, once');
      assert.equal(new Set(feedback.map((f) => f.id)).size, feedback.length);
      assert.ok(answers.length >= acked.size);
    } finally {
      await store.close();
    }
  } finally {
    tmp.cleanup();
  }
});
