import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../../../tests/helpers.ts';
import { DuckDbStore } from './store.ts';
import { MIGRATIONS } from '../../../capabilities/migrations.ts';

test('Store.write: concurrent calls commit together, and a failing call fails alone', async () => {
  const tmp = tempDir();
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    const insert = (id: string) => ({
      sql: "INSERT INTO unsubscribes VALUES ('w', $1, now(), 'test') ON CONFLICT DO NOTHING RETURNING customer_id",
      params: [id],
    });
    const calls = Array.from({ length: 20 }, (_, i) =>
      i === 7
        ? store.write([insert('bad-first'), { sql: 'INSERT INTO no_such_table VALUES (1)' }])
        : store.write([insert(`c${i}`)]),
    );
    const settled = await Promise.allSettled(calls);
    assert.equal(settled.filter((s) => s.status === 'rejected').length, 1);
    assert.equal(settled[7]!.status, 'rejected');
    const ok = settled[0] as PromiseFulfilledResult<{ changed: number; rows: unknown[] }[]>;
    assert.deepEqual(ok.value[0]!.rows, [{ customer_id: 'c0' }]);
    const rows = await store.read("SELECT customer_id FROM unsubscribes WHERE workspace_id = 'w' ORDER BY 1");
    assert.equal(rows.length, 19, 'all but the failing call stored, and none of its statements');
    assert.ok(!rows.some((r) => r.customer_id === 'bad-first'));
    const again = await store.write([insert('c0')]);
    assert.deepEqual(again[0], { changed: 0, rows: [] });
  } finally {
    await store.close();
    tmp.cleanup();
  }
});
