/**
 * `cxloop rejects list|show|replay` through a running server and on the file, and `cxloop import`
 * with repeated ids, `--kind identify` (JSON Lines and CSV) and a Segment-format JSON Lines file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';

function cxloop(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/cxloop.js', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('rejects: listed and shown through the server, replayed on the file', { timeout: 180_000 }, async () => {
  const tmp = tempDir('cxloop-rejects-');
  try {
    const server = await startServerProcess(tmp.db);
    try {
      const res = await fetch(`${server.url}/v1/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.ingestKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          batch: [
            { type: 'track', userId: 'r1', event: 'Ok', messageId: 'ok-1' },
            { type: 'track', userId: 'r1', messageId: 'no-event' },
          ],
        }),
      });
      assert.deepEqual(((await res.json()) as { stored: number; rejected: number }).rejected, 1);
      const list = cxloop('rejects', 'list', '--db', tmp.db, '--format', 'json');
      assert.equal(list.code, 0, list.stderr);
      const listed = JSON.parse(list.stdout) as {
        total: number;
        rejects: { id: string; issues: { path: string }[] }[];
      };
      assert.equal(listed.total, 1);
      assert.equal(listed.rejects[0]!.issues[0]!.path, 'event');
      const show = cxloop('rejects', 'show', listed.rejects[0]!.id, '--db', tmp.db);
      assert.equal(show.code, 0, show.stderr);
      assert.equal(
        (JSON.parse(show.stdout) as { message: { messageId: string } }).message.messageId,
        'no-event',
      );
      const table = cxloop('rejects', 'list', '--db', tmp.db);
      assert.match(table.stdout, /1 rejected messages, 1 not replayed/);
      assert.match(table.stdout, /event: track needs an event name/);
    } finally {
      await server.stop();
    }
    // On the file: still invalid, so nothing is stored and it stays waiting.
    const replay = cxloop('rejects', 'replay', '--db', tmp.db, '--format', 'json');
    assert.equal(replay.code, 0, replay.stderr);
    assert.deepEqual(
      (JSON.parse(replay.stdout) as { replayed: number; stillRejected: unknown[] }).replayed,
      0,
    );
    assert.equal(cxloop('rejects', 'show', 'nope', '--db', tmp.db).code, 1);
  } finally {
    tmp.cleanup();
  }
});

test(
  'import: repeated ids are duplicates, --kind identify, and a Segment JSON Lines file',
  { timeout: 180_000 },
  async () => {
    const tmp = tempDir('cxloop-import-');
    try {
      const events = join(tmp.dir, 'events.jsonl');
      const line = {
        id: 'same',
        customerId: 'c1',
        name: 'Order Completed',
        timestamp: '2025-02-01T10:00:00Z',
      };
      writeFileSync(events, [line, line, line].map((l) => JSON.stringify(l)).join('\n') + '\n');
      const first = cxloop('import', events, '--kind', 'events', '--db', tmp.db, '--format', 'json');
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual(
        (({ lines, stored, duplicates }) => ({ lines, stored, duplicates }))(
          JSON.parse(first.stdout) as Record<string, number>,
        ),
        { lines: 3, stored: 1, duplicates: 2 },
      );

      const identifies = join(tmp.dir, 'people.jsonl');
      writeFileSync(
        identifies,
        [
          { customerId: 'c1', anonymousId: 'v-1', traits: { plan: 'pro', country: 'NO' } },
          { customerId: 'c2', traits: { plan: 'free' } },
        ]
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
      const people = cxloop('import', identifies, '--kind', 'identify', '--db', tmp.db);
      assert.equal(people.code, 0, people.stderr);
      assert.match(people.stdout, /2 stored, 0 duplicates, 0 rejected/);
      const csv = join(tmp.dir, 'people.csv');
      writeFileSync(csv, 'customerId,anonymousId,traits.plan,traits.segment\nc3,v-3,vip,B2B\n');
      assert.equal(cxloop('import', csv, '--kind', 'identify', '--db', tmp.db).code, 0);

      const segment = join(tmp.dir, 'segment.jsonl');
      writeFileSync(
        segment,
        [
          {
            type: 'track',
            userId: 'c4',
            event: 'Product Viewed',
            messageId: 'sg-1',
            timestamp: '2025-03-01T10:00:00Z',
            sentAt: '2025-03-01T10:00:05Z',
            receivedAt: '2025-03-01T10:00:06Z',
          },
          {
            type: 'identify',
            userId: 'c4',
            anonymousId: 'v-4',
            traits: { plan: 'trial' },
            timestamp: '2025-03-01T09:00:00Z',
          },
          {
            type: 'page',
            anonymousId: 'v-4',
            name: 'Home',
            messageId: 'sg-2',
            timestamp: '2025-03-01T08:00:00Z',
          },
          {
            type: 'track',
            userId: 'c4',
            event: 'Product Viewed',
            messageId: 'sg-1',
            timestamp: '2025-03-01T10:00:00Z',
          },
        ]
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
      const seg = cxloop('import', segment, '--kind', 'events', '--db', tmp.db, '--format', 'json');
      assert.equal(seg.code, 0, seg.stderr);
      assert.deepEqual(
        (({ stored, duplicates, rejected }) => ({ stored, duplicates, rejected }))(
          JSON.parse(seg.stdout) as Record<string, number>,
        ),
        { stored: 3, duplicates: 1, rejected: 0 },
      );

      const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
      try {
        const traits = await store.read('SELECT id, traits FROM customers ORDER BY id');
        assert.deepEqual(
          traits.map((r) => [r.id, JSON.parse(String(r.traits))]),
          [
            ['c1', { plan: 'pro', country: 'NO' }],
            ['c2', { plan: 'free' }],
            ['c3', { plan: 'vip', segment: 'B2B' }],
            ['c4', { plan: 'trial' }],
          ],
        );
        const [sg] = await store.read("SELECT epoch_ms(ts) AS ms FROM events WHERE id = 'sg-1'");
        assert.equal(
          Number(sg!.ms),
          Date.parse('2025-03-01T10:00:00Z'),
          'an exported message keeps its timestamp',
        );
        const [linked] = await store.read("SELECT customer_id FROM aliases WHERE anonymous_id = 'v-3'");
        assert.equal(linked!.customer_id, 'c3');
      } finally {
        await store.close();
      }
    } finally {
      tmp.cleanup();
    }
  },
);
