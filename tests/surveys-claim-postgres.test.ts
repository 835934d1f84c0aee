import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import {
  claimDue,
  insertInvitations,
  toInvitation,
  type InvitationDraft,
} from '../src/capabilities/surveys/invitation-rows.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');

/**
 * In server mode several processes dispatch invitations from one PostgreSQL database. Each
 * invitation must be claimed by one of them only, or a customer gets the same email twice.
 */
describe('claiming due invitations on PostgreSQL from several processes', () => {
  let server: PgServer;
  let stores: PostgresStore[];

  before(async () => {
    server = await startPgServer();
    const url = await server.createDatabase();
    // Each store is its own connection pool, as each server process would have.
    stores = [
      await PostgresStore.open(url, MIGRATIONS),
      await PostgresStore.open(url, MIGRATIONS),
      await PostgresStore.open(url, MIGRATIONS),
    ];
    await stores[0]!.createWorkspace('w', 'W', NOW);
  });
  after(async () => {
    for (const store of stores ?? []) await store.close();
    await server?.stop();
  });

  test('claims running at the same time never take the same invitation', async () => {
    const total = 1200;
    const drafts: InvitationDraft[] = Array.from({ length: total }, (_, i) => ({
      id: `inv-${i}`,
      surveyId: 's',
      triggerId: 't',
      customerId: `c${i}`,
      channel: 'email',
      eventId: null,
      language: null,
      dueAt: NOW - 60_000 + (i % 50), // many share a due time, so the claims overlap
      expiresAt: NOW + 86_400_000,
      status: 'scheduled',
    }));
    await stores[0]!.write(insertInvitations('w', drafts, NOW - 120_000));

    const claimed: string[] = [];
    // Four claimers per store, each claiming batches of 40 until nothing is left.
    await Promise.all(
      stores.flatMap((store) =>
        Array.from({ length: 4 }, async () => {
          for (;;) {
            const [result] = await store.write([claimDue(store.capabilities, NOW, NOW + 60_000, 40)]);
            if (result!.rows.length === 0) return;
            claimed.push(...result!.rows.map((r) => r.id as string));
          }
        }),
      ),
    );
    const twice = claimed.filter((id, i) => claimed.indexOf(id) !== i);
    assert.deepEqual(twice, [], 'an invitation was claimed more than once');
    assert.equal(new Set(claimed).size, total, 'every due invitation was claimed');
  });

  test('after a lease lapses, a claimed invitation comes back claimed and a sending one stays sending', async () => {
    const store = stores[0]!;
    const draft = (id: string): InvitationDraft => ({
      id,
      surveyId: 's',
      triggerId: 't',
      customerId: id,
      channel: 'email',
      eventId: null,
      language: null,
      dueAt: NOW - 90_000, // before the other test's rows, so a claim of 10 takes these first
      expiresAt: NOW + 86_400_000,
      status: 'scheduled',
    });
    await store.write(insertInvitations('lapse', [draft('quiet'), draft('in-flight')], NOW - 120_000));
    await store.createWorkspace('lapse', 'Lapse', NOW);
    const [first] = await store.write([claimDue(store.capabilities, NOW, NOW + 60_000, 10)]);
    const mine = first!.rows.map(toInvitation).filter((i) => i.workspaceId === 'lapse');
    assert.deepEqual(
      mine.map((i) => i.status),
      ['claimed', 'claimed'],
    );
    // The run marks one as handed to the SMTP server, then dies.
    assert.ok(mine.some((i) => i.id === 'in-flight'));
    await store.write([
      {
        sql: "UPDATE survey_invitations SET status = 'sending' WHERE workspace_id = 'lapse' AND id = 'in-flight'",
      },
    ]);
    const [early] = await store.write([claimDue(store.capabilities, NOW + 59_999, NOW + 120_000, 10)]);
    const lapse = (rows: Record<string, unknown>[]) =>
      rows.map(toInvitation).filter((i) => i.workspaceId === 'lapse');
    assert.deepEqual(lapse(early!.rows), [], 'not while the lease holds');
    const [again] = await store.write([claimDue(store.capabilities, NOW + 60_000, NOW + 120_000, 10)]);
    assert.deepEqual(
      lapse(again!.rows)
        .map((i) => [i.id, i.status])
        .sort(),
      [
        ['in-flight', 'sending'],
        ['quiet', 'claimed'],
      ],
    );
  });
});
