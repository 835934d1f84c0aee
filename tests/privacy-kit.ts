import assert from 'node:assert/strict';
import { createApp } from '../src/app/http/app.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { retentionJob } from '../src/capabilities/privacy/worker.ts';
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import { runJob } from '../src/platform/jobs/job.ts';
import type { Store } from '../src/platform/store/port.ts';

/** An app over any store, with a settable clock, one workspace and its keys. */
export async function privacyApp(store: Store, start: number) {
  const clock = { now: start };
  const services = createServices(store, () => clock.now);
  await store.createWorkspace('acme', 'acme', clock.now);
  const ingest = (await createKey(store, 'acme', 'ingest', clock.now)).key;
  const secret = (await createKey(store, 'acme', 'secret', clock.now)).key;
  const app = createApp(services);
  const call = (method: string, path: string, key: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { clock, services, ingest, secret, call };
}

type Kit = Awaited<ReturnType<typeof privacyApp>>;

const count = async (kit: Kit, sql: string) => Number((await kit.services.store.read(sql, ['acme']))[0]!.n);

/**
 * Retention with the clock set: events older than the period are deleted after being counted per
 * day, name and touchpoint; old comments lose their text, their scores stay; a second run at the
 * same time changes nothing; newer data is untouched.
 */
export async function retentionScenario(kit: Kit) {
  const ok = async (res: Response) => assert.equal(res.status, 200, await res.text());
  await ok(
    await kit.call('POST', '/v1/events', kit.ingest, [
      {
        id: 'old-1',
        customerId: 'r1',
        name: 'Page Viewed',
        touchpoint: 'product-pages',
        timestamp: '2025-01-10T08:00:00Z',
      },
      {
        id: 'old-2',
        customerId: 'r2',
        name: 'Page Viewed',
        touchpoint: 'product-pages',
        timestamp: '2025-01-10T20:00:00Z',
      },
      {
        id: 'old-3',
        customerId: 'r2',
        name: 'Order Completed',
        touchpoint: 'checkout',
        timestamp: '2025-01-11T09:00:00Z',
      },
      {
        id: 'new-1',
        customerId: 'r1',
        name: 'Page Viewed',
        touchpoint: 'product-pages',
        timestamp: '2025-06-20T08:00:00Z',
      },
    ]),
  );
  await ok(
    await kit.call('POST', '/v1/feedback', kit.ingest, [
      {
        id: 'fb-old',
        customerId: 'r1',
        touchpoint: 'delivery',
        metric: 'csat',
        score: 1,
        comment: 'old words',
        timestamp: '2025-03-01T10:00:00Z',
      },
      {
        id: 'fb-new',
        customerId: 'r2',
        touchpoint: 'delivery',
        metric: 'csat',
        score: 5,
        comment: 'new words',
        timestamp: '2025-06-25T10:00:00Z',
      },
    ]),
  );
  await ok(await kit.call('PUT', '/v1/retention', kit.secret, { eventsDays: 90, commentsDays: 30 }));
  kit.clock.now = Date.parse('2025-06-30T00:00:00Z');
  const [run] = await runJob(retentionJob, {}, { retention: kit.services.privacy.retention });
  assert.equal(run!.eventsDeleted, 3);
  assert.equal(run!.commentsCleared, 1);
  assert.equal(run!.eventsBefore, Date.parse('2025-04-01T00:00:00Z'));
  assert.deepEqual(await kit.services.privacy.retention.dailyCounts('acme'), [
    { day: '2025-01-10', name: 'Page Viewed', touchpoint: 'product-pages', events: 2 },
    { day: '2025-01-11', name: 'Order Completed', touchpoint: 'checkout', events: 1 },
  ]);
  assert.equal(await count(kit, 'SELECT count(*) AS n FROM events WHERE workspace_id = $1'), 1);
  // Scores keep their history: both answers still count; only the old comment's text is gone.
  assert.equal(await count(kit, 'SELECT count(*) AS n FROM feedback WHERE workspace_id = $1'), 2);
  assert.equal(
    await count(kit, 'SELECT count(*) AS n FROM feedback WHERE workspace_id = $1 AND comment IS NULL'),
    1,
  );
  const again = await runJob(retentionJob, {}, { retention: kit.services.privacy.retention });
  assert.deepEqual([again[0]!.eventsDeleted, again[0]!.commentsCleared], [0, 0]);
  assert.equal(
    (await kit.services.privacy.retention.dailyCounts('acme'))[0]!.events,
    2,
    'nothing counted twice',
  );
}

/** Erasure on any store: rows gone from every table, suppression refuses re-ingest, audit kept. */
export async function erasureScenario(kit: Kit) {
  const ok = async (res: Response) => assert.equal(res.status, 200, await res.text());
  await ok(
    await kit.call('POST', '/v1/events', kit.ingest, [
      { id: 'ea-1', anonymousId: 'anon-pg-1', name: 'Page Viewed', timestamp: '2025-06-01T09:00:00Z' },
    ]),
  );
  await ok(
    await kit.call('POST', '/v1/identify', kit.ingest, {
      customerId: 'pg-erase-1',
      anonymousId: 'anon-pg-1',
      traits: { email: 'pg.erase@victim.example' },
    }),
  );
  await ok(
    await kit.call('POST', '/v1/feedback', kit.ingest, [
      {
        id: 'ef-1',
        customerId: 'pg-erase-1',
        touchpoint: 'delivery',
        metric: 'nps',
        score: 3,
        comment: 'x',
        timestamp: '2025-06-02T09:00:00Z',
      },
    ]),
  );
  const res = await kit.call('DELETE', '/v1/customers/pg-erase-1', kit.secret);
  const text = await res.text();
  assert.equal(res.status, 200, text);
  const report = JSON.parse(text) as { rows: Record<string, number>; reclaim: Record<string, unknown> };
  assert.deepEqual(
    [report.rows.events, report.rows.feedback, report.rows.customers, report.rows.aliases],
    [1, 1, 1, 1],
  );
  for (const [table, column] of [
    ['events', 'anonymous_id'],
    ['feedback', 'customer_id'],
    ['customers', 'id'],
    ['aliases', 'customer_id'],
  ])
    assert.equal(
      Number(
        (
          await kit.services.store.read(
            `SELECT count(*) AS n FROM ${table} WHERE workspace_id = $1 AND ${column} IN ('pg-erase-1', 'anon-pg-1')`,
            ['acme'],
          )
        )[0]!.n,
      ),
      0,
    );
  const again = await kit.call('POST', '/v1/identify', kit.ingest, {
    customerId: 'someone-new',
    traits: { email: 'PG.Erase@victim.example' },
  });
  assert.equal(again.status, 409);
  assert.equal((await kit.call('DELETE', '/v1/customers/pg-erase-1', kit.secret)).status, 404);
  const audit = (await (await kit.call('GET', '/v1/audit?operation=customer.erase', kit.secret)).json()) as {
    entries: unknown[];
  };
  assert.equal(audit.entries.length, 1);
  return report;
}
