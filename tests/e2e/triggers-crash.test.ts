import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';

const ROUNDS = 10;
const BATCH = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A batch of events, every other one matching the trigger, for customers that recur across batches. */
const batchBody = (round: number, b: number) =>
  JSON.stringify({
    batch: Array.from({ length: BATCH }, (_, i) => ({
      id: `r${round}-${b}-${i}`,
      customerId: `c${(b * BATCH + i) % 300}`,
      name: i % 2 === 0 ? 'Mail Me' : 'Product Viewed',
      timestamp: new Date().toISOString(),
    })),
  });
const matchingIds = (round: number, b: number) =>
  Array.from({ length: BATCH / 2 }, (_, k) => `r${round}-${b}-${2 * k}`);

/**
 * The trigger's consequences survive the crash: every event acknowledged with 2xx whose trigger
 * matches gets its invitation, though the server is SIGKILLed the moment a reply arrives, before
 * anything after the commit could run. The restarted server delivers from the subscriber's cursor.
 */
test(`SIGKILL 0 ms after an acknowledged reply loses no triggered invitation (${ROUNDS} rounds)`, async () => {
  const tmp = tempDir('cxloop-triggers-crash-');
  const rows: string[][] = [];
  try {
    let server = await startServerProcess(tmp.db);
    const secret = server.secretKey!;
    const ingest = server.ingestKey!;
    const survey = await fetch(`${server.url}/v1/surveys/mail-me`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Mail me',
        touchpoint: 'checkout',
        questions: [{ id: 'score', kind: 'csat', text: 'How was it?' }],
        triggers: [{ id: 'mail', event: 'Mail Me', delay: 0 }],
      }),
    });
    assert.equal(survey.status, 200, await survey.text());

    for (let round = 0; round < ROUNDS; round++) {
      const acked: number[] = [];
      let next = 0;
      let killed = false;
      // The first server of a round is killed once this many batches are acknowledged.
      const target = 5 + ((round * 7) % 20);
      const current = server;
      const worker = async () => {
        while (!killed) {
          const b = next++;
          try {
            const res = await fetch(`${current.url}/v1/events`, {
              method: 'POST',
              headers: { authorization: `Bearer ${ingest}` },
              body: batchBody(round, b),
            });
            if (res.status >= 200 && res.status < 300) {
              acked.push(b);
              // 0 ms after the reply: in the same turn of the event loop that received it.
              if (acked.length >= target && !killed) {
                killed = true;
                current.child.kill('SIGKILL');
              }
            }
            await res.arrayBuffer().catch(() => undefined);
          } catch {
            return; // the server is gone; this batch may or may not have been stored
          }
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      await current.stop('SIGKILL');

      // Restart on the same file, and give delivery time to catch up with the outbox.
      server = await startServerProcess(tmp.db);
      const expected = acked.flatMap((b) => matchingIds(round, b));
      const invited = async () => {
        const res = await fetch(`${server.url}/v1/surveys/mail-me/results`, {
          headers: { authorization: `Bearer ${secret}` },
        });
        return ((await res.json()) as { invitations: number }).invitations;
      };
      const before = rows.reduce((n, r) => n + Number(r[3]), 0);
      for (let i = 0; i < 300 && (await invited()) < before + expected.length; i++) await sleep(100);
      await server.stop('SIGTERM');

      // Exact check on the file: every acknowledged matching event has its invitation.
      const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
      let found: Set<string>;
      let stored: number;
      try {
        const invitations = await store.read(
          "SELECT event_id FROM survey_invitations WHERE workspace_id = 'default' AND event_id LIKE $1",
          [`r${round}-%`],
        );
        found = new Set(invitations.map((r) => r.event_id as string));
        const [events] = await store.read(
          "SELECT count(*) AS n FROM events WHERE name = 'Mail Me' AND id LIKE $1",
          [`r${round}-%`],
        );
        stored = events!.n as number;
      } finally {
        await store.close();
      }
      const lost = expected.filter((id) => !found.has(id));
      rows.push([
        String(round + 1),
        String(expected.length),
        String(stored),
        String(found.size),
        String(lost.length),
      ]);
      assert.deepEqual(lost, [], `round ${round + 1}: acknowledged events without an invitation`);
      assert.equal(found.size, stored, `round ${round + 1}: every stored matching event was invited, once`);
      if (round < ROUNDS - 1) server = await startServerProcess(tmp.db);
    }
  } finally {
    const header = ['round', 'acked matching', 'stored matching', 'invitations', 'lost'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    const line = (r: string[]) => r.map((v, c) => v.padStart(widths[c]!)).join('  ');
    console.log([line(header), ...rows.map(line)].join('\n'));
    tmp.cleanup();
  }
});
