import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from './helpers.ts';

interface Entry {
  id: string;
  at: number;
  actor: { kind: string; id: string };
  operation: string;
  target: string | null;
  diff: { path: string; before?: unknown; after?: unknown }[] | null;
  userAgent: string | null;
}
interface Page {
  entries: Entry[];
  next: string | null;
  population: string;
}

describe('the audit log records sign-ins, key changes and configuration changes with a diff', () => {
  let clock = Date.parse('2025-06-30T12:00:00Z');
  let t: Awaited<ReturnType<typeof testApp>>;
  const secret = () => t.keys.acme!.secret;
  const audit = async (query = '', key = secret()) => {
    const res = await t.get(`/v1/audit${query}`, key);
    assert.equal(res.status, 200);
    return (await res.json()) as Page;
  };
  const keyIdOf = async (key: string) => {
    const prefix = key.slice(0, 16);
    const list = (await (await t.get('/v1/keys', secret())).json()) as {
      keys: { id: string; prefix: string }[];
    };
    return list.keys.find((k) => k.prefix === prefix)!.id;
  };

  before(async () => {
    t = await testApp(() => clock);
  });
  after(() => t.close());

  test('a sign-in: by which key, from which browser', async () => {
    const res = await t.app.request('/v1/session', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://localhost',
        'user-agent': 'TestBrowser/1.0',
      },
      body: JSON.stringify({ key: secret() }),
    });
    assert.equal(res.status, 200);
    const bad = await t.app.request('/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ key: 'cxs_not_a_key_at_all_0000000000' }),
    });
    assert.equal(bad.status, 401);
    const [entry, ...rest] = (await audit('?operation=session.sign-in')).entries;
    assert.equal(rest.length, 0, 'a refused sign-in names no workspace, so no workspace logs it');
    assert.deepEqual(entry!.actor, { kind: 'key', id: await keyIdOf(secret()) });
    assert.equal(entry!.userAgent, 'TestBrowser/1.0');
  });

  test('a journey map change: the changed leaves, before and after', async () => {
    clock += 1000;
    const map = (await (await t.get('/v1/journey', secret())).json()) as {
      stages: { id: string; touchpoints: { id: string; name: string }[] }[];
    };
    const renamed = structuredClone(map);
    renamed.stages[0]!.touchpoints[0]!.name = 'Renamed touchpoint';
    assert.equal((await t.put('/v1/journey', secret(), renamed)).status, 200);
    const [entry] = (await audit('?operation=journey.replace')).entries;
    assert.equal(entry!.target, 'journey');
    assert.deepEqual(entry!.diff, [
      {
        path: 'stages[0].touchpoints[0].name',
        before: map.stages[0]!.touchpoints[0]!.name,
        after: 'Renamed touchpoint',
      },
    ]);
  });

  test('contact policy and retention changes; a refused change leaves no entry', async () => {
    clock += 1000;
    assert.equal((await t.put('/v1/contact-policy', secret(), { maxInvitations: 5 })).status, 200);
    assert.equal((await t.put('/v1/retention', secret(), { eventsDays: 400, commentsDays: 90 })).status, 200);
    const refused = await t.put('/v1/retention', secret(), { eventsDays: 0 });
    assert.equal(refused.status, 400);
    const reply = (await refused.json()) as { error: { issues: { path: string }[] } };
    assert.equal(reply.error.issues[0]!.path, 'eventsDays');
    const policy = (await audit('?operation=contact-policy.replace')).entries;
    assert.deepEqual(policy[0]!.diff, [{ path: 'maxInvitations', before: 2, after: 5 }]);
    const retention = (await audit('?target=retention')).entries;
    assert.equal(retention.length, 1);
    assert.deepEqual(retention[0]!.diff, [
      { path: 'commentsDays', before: null, after: 90 },
      { path: 'eventsDays', before: null, after: 400 },
    ]);
  });

  test('key creation and revocation, by the key that did it', async () => {
    clock += 1000;
    const created = (await (await t.post('/v1/keys', secret(), { kind: 'ingest' })).json()) as { id: string };
    assert.equal((await t.call('DELETE', `/v1/keys/${created.id}`, secret())).status, 204);
    const entries = (await audit(`?actor=${await keyIdOf(secret())}`)).entries;
    assert.deepEqual(
      entries.slice(0, 2).map((e) => [e.operation, e.target]),
      [
        ['key.revoke', `key:${created.id}`],
        ['key.create', `key:${created.id}`],
      ],
    );
  });

  test('pages, periods, and workspaces: each sees only its own log; ingest keys cannot read it', async () => {
    const all = await audit();
    assert.equal(all.entries.length, 6);
    const first = await audit('?limit=4');
    assert.equal(first.entries.length, 4);
    const second = await audit(`?limit=4&cursor=${first.next}`);
    assert.equal(second.next, null);
    assert.deepEqual(
      [...first.entries, ...second.entries].map((e) => e.id),
      all.entries.map((e) => e.id),
    );
    const period = await audit('?from=2025-06-30T12:00:01.500Z&to=2025-06-30T12:00:02.500Z');
    assert.deepEqual(
      period.entries.map((e) => e.operation),
      ['retention.replace', 'contact-policy.replace'],
    );
    assert.match(period.population, /workspace acme, 2025-06-30T12:00:01.500Z to 2025-06-30T12:00:02.500Z/);
    assert.equal((await audit('', t.keys.globex!.secret)).entries.length, 0);
    assert.equal((await t.get('/v1/audit', t.keys.acme!.ingest)).status, 403);
    const bad = await t.get('/v1/audit?from=yesterday', secret());
    assert.equal(bad.status, 400);
    assert.equal(
      ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path,
      'from',
    );
  });
});
