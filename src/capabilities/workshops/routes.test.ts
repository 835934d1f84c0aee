import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../../tests/helpers.ts';
import type { z } from '@hono/zod-openapi';
import {
  participantView,
  workshopReport,
  workshopStatus,
  type ParticipantView,
  type WorkshopReport,
  type WorkshopStatus,
} from './contract.ts';

/** A reply is exactly what the contract documents: parsing keeps every field and refuses wrong types. */
function conforms(schema: z.ZodType, body: unknown) {
  const parsed = schema.safeParse(body);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
  assert.deepEqual(parsed.data, body, 'the reply has fields the contract does not document');
}

const TPS = ['checkout', 'payment', 'delivery', 'unboxing'];
const key = () => randomBytes(32).toString('base64url');

describe('workshops over HTTP: create, join by link, judge, progress, report; nothing crosses workspaces', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let token = '';
  const people = [key(), key(), key()];
  const as = (k: string, method: string, path: string, body?: unknown) =>
    app.app.request(path, {
      method,
      headers: { 'content-type': 'application/json', 'x-participant-key': k },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  before(async () => {
    app = await testApp();
  });
  after(() => app?.close());

  test('bad input is refused with the field named, and nothing is stored', async () => {
    const bad = await app.post('/v1/workshops', app.keys.acme!.secret, {
      name: 'Q3',
      touchpoints: ['checkout', 'nowhere'],
      seats: 2,
      coverage: 3,
    });
    assert.equal(bad.status, 400);
    const paths = ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map(
      (i) => i.path,
    );
    assert.deepEqual(paths.sort(), ['coverage', 'touchpoints.1']);
    const list = await app.get('/v1/workshops', app.keys.acme!.secret);
    assert.deepEqual(await list.json(), { workshops: [] });
    assert.equal((await app.post('/v1/workshops', app.keys.acme!.ingest, { name: 'x' })).status, 403);
  });

  test('create: a workshop on a subset, in journey order, with a join link shown once', async () => {
    const res = await app.post('/v1/workshops', app.keys.acme!.secret, {
      id: 'q3',
      name: 'Q3 delivery workshop',
      touchpoints: ['unboxing', 'checkout', 'delivery', 'payment'],
      seats: 3,
      coverage: 2,
      from: '2025-01-01',
      to: '2025-06-30',
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      workshop: { touchpoints: { id: string }[]; pairs: number };
      joinToken: string;
      joinPath: string;
    };
    assert.deepEqual(
      body.workshop.touchpoints.map((t) => t.id),
      TPS,
    );
    assert.equal(body.workshop.pairs, 12);
    assert.match(body.joinToken, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(body.joinPath, `/workshop/${body.joinToken}`);
    token = body.joinToken;
    const again = await app.post('/v1/workshops', app.keys.acme!.secret, { id: 'q3', name: 'again' });
    assert.equal(again.status, 409);
    // the token is not stored: nothing in the table equals it
    const rows = await app.store.read('SELECT join_hash FROM workshops');
    assert.ok(rows.every((r) => r.join_hash !== token));
  });

  test('join: a seat per key; the same key again is the same seat; a wrong link or a full workshop is refused', async () => {
    assert.equal((await app.get(`/v1/workshop-join/${token}`, null)).status, 200);
    assert.equal((await app.get(`/v1/workshop-join/${'x'.repeat(43)}`, null)).status, 401);
    const seats: number[] = [];
    for (const [i, k] of people.entries()) {
      const r = await app.post(`/v1/workshop-join/${token}`, null, { name: `P${i + 1}`, key: k });
      assert.equal(r.status, 200);
      seats.push(((await r.json()) as { seat: number }).seat);
    }
    assert.deepEqual(seats, [0, 1, 2]);
    const retry = await app.post(`/v1/workshop-join/${token}`, null, { name: 'P1', key: people[0] });
    assert.equal(((await retry.json()) as { seat: number }).seat, 0);
    const full = await app.post(`/v1/workshop-join/${token}`, null, { name: 'P4', key: key() });
    assert.equal(full.status, 409);
    const short = await app.post(`/v1/workshop-join/${token}`, null, { name: 'P5', key: 'short' });
    assert.equal(short.status, 400);
  });

  test('judging: only own pairs, values on the scale, all or nothing; a resent judgement replaces', async () => {
    const view = (await (await as(people[0]!, 'GET', '/v1/participant')).json()) as ParticipantView;
    conforms(participantView, view);
    assert.equal(view.pairs.length, 8); // 12 pairs x 2 / 3 seats
    assert.equal(view.progress.items, 8 + 2 * 4);
    const other = (await (await as(people[1]!, 'GET', '/v1/participant')).json()) as ParticipantView;
    const notMine = other.pairs.find((p) => !view.pairs.some((q) => q.from === p.from && q.to === p.to))!;
    const bad = await as(people[0]!, 'PUT', '/v1/participant/judgements', {
      judgements: [
        { kind: 'effort', from: 'checkout', value: 4 },
        { kind: 'influence', from: notMine.from, to: notMine.to, value: 2 },
        { kind: 'importance', from: 'checkout', value: 9 },
      ],
    });
    assert.equal(bad.status, 400);
    const issues = ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues;
    assert.deepEqual(
      issues.map((i) => i.path),
      ['judgements.1.to', 'judgements.2.value'],
    );
    const count = async () =>
      Number((await app.store.read('SELECT count(*) AS n FROM workshop_judgements'))[0]!.n);
    assert.equal(await count(), 0);

    // Everyone answers everything: seats 0 and 1 agree, seat 2 says "don't know" to delivery's effort.
    for (const [s, k] of people.entries()) {
      const mine = (await (await as(k, 'GET', '/v1/participant')).json()) as ParticipantView;
      const judgements = [
        ...mine.touchpoints.flatMap((t) => [
          {
            kind: 'effort',
            from: t.id,
            value: s === 2 && t.id === 'delivery' ? null : t.id === 'checkout' ? 4 : 2,
          },
          { kind: 'importance', from: t.id, value: 3 },
        ]),
        ...mine.pairs.map((p) => ({
          kind: 'influence',
          from: p.from,
          to: p.to,
          value: p.from === 'delivery' ? 3 : 0,
        })),
      ];
      const first = await as(k, 'PUT', '/v1/participant/judgements', { judgements });
      assert.equal(first.status, 200);
      // the same request again (a retry) stores nothing twice
      const second = await as(k, 'PUT', '/v1/participant/judgements', { judgements });
      assert.equal(((await second.json()) as { progress: { left: number } }).progress.left, 0);
    }
    assert.equal(await count(), 3 * 8 + 3 * 8);
  });

  test('status: who finished and how many pairs have k judgements', async () => {
    const status = (await (
      await app.get('/v1/workshops/q3', app.keys.acme!.secret)
    ).json()) as WorkshopStatus;
    conforms(workshopStatus, status);
    assert.deepEqual(
      status.participants.map((p) => [p.name, p.finished]),
      [
        ['P1', true],
        ['P2', true],
        ['P3', true],
      ],
    );
    assert.deepEqual(status.cells, { pairs: 12, covered: 12, judged: 12 });
  });

  test('report: cells, agreement, the judged matrix through MICMAC, DEMATEL and CIB; CSV and a printable page', async () => {
    const res = await app.get('/v1/workshops/q3/report', app.keys.acme!.secret);
    assert.equal(res.status, 200);
    const r = (await res.json()) as WorkshopReport;
    conforms(workshopReport, r);
    assert.equal(r.participants, 3);
    const delivery = r.touchpoints.find((t) => t.id === 'delivery')!;
    assert.equal(delivery.effort.n, 2);
    assert.equal(delivery.effort.unknown, 1);
    // everyone judged the same: perfect agreement on influence
    assert.equal(r.agreement.influence.alpha, 1);
    assert.deepEqual(r.judgedMatrix.matrix[2], [3, 3, 0, 3]);
    assert.ok(!('error' in r.analyses.judged.micmac));
    assert.ok(!('error' in r.analyses.judged.dematel));
    assert.ok(!('error' in r.analyses.judged.cib));
    // no customer data in this workspace: nothing measured, nothing flagged, and it says so
    assert.ok(r.pairs.every((p) => p.flag === null && p.measured.status !== 'ok'));
    const csv = await app.get('/workshops/q3/report.csv', app.keys.acme!.secret);
    assert.match(csv.headers.get('content-type')!, /text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    assert.equal(lines.length, 1 + 12 + 4);
    const html = await (await app.get('/workshops/q3/report.html', app.keys.acme!.secret)).text();
    assert.match(html, /Q3 delivery workshop/);
    assert.match(html, /Judged influence/);
  });

  test('actions: recorded with owner and target touchpoints; the same one twice is stored once', async () => {
    const action = { title: 'Proactive delay SMS', owner: 'Logistics', touchpoints: ['delivery'] };
    assert.equal((await app.post('/v1/workshops/q3/actions', app.keys.acme!.secret, action)).status, 200);
    assert.equal((await app.post('/v1/workshops/q3/actions', app.keys.acme!.secret, action)).status, 200);
    const bad = await app.post('/v1/workshops/q3/actions', app.keys.acme!.secret, {
      title: 'x',
      touchpoints: ['moon'],
    });
    assert.equal(bad.status, 400);
    const r = (await (
      await app.get('/v1/workshops/q3/report', app.keys.acme!.secret)
    ).json()) as WorkshopReport;
    assert.deepEqual(
      r.actions.map((a) => [a.title, a.owner, a.touchpoints]),
      [['Proactive delay SMS', 'Logistics', ['delivery']]],
    );
  });

  test('another workspace sees nothing of it, and a participant key opens only its own workshop', async () => {
    const g = app.keys.globex!.secret;
    assert.deepEqual(await (await app.get('/v1/workshops', g)).json(), { workshops: [] });
    for (const path of ['/v1/workshops/q3', '/v1/workshops/q3/report', '/workshops/q3/report.csv'])
      assert.equal((await app.get(path, g)).status, 404, path);
    assert.equal((await app.post('/v1/workshops/q3/actions', g, { title: 'x' })).status, 404);
    // globex makes a workshop with the same id: its own, empty
    const created = await app.post('/v1/workshops', g, { id: 'q3', name: 'Globex', touchpoints: TPS });
    assert.equal(created.status, 200);
    const status = (await (await app.get('/v1/workshops/q3', g)).json()) as WorkshopStatus;
    assert.equal(status.participants.length, 0);
    // an acme participant's key cannot join globex's workshop with it (it is bound to acme's)
    const token2 = ((await created.json()) as { joinToken: string }).joinToken;
    assert.equal(
      (await app.post(`/v1/workshop-join/${token2}`, null, { name: 'P1', key: people[0] })).status,
      409,
    );
    assert.equal((await as(key(), 'GET', '/v1/participant')).status, 401);
  });

  test('the participant page is served with its own script and a strict policy', async () => {
    const page = await app.app.request(`/workshop/${token}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
    assert.match(await page.text(), /workshop-assets\/participant\.js/);
    const script = await app.app.request('/workshop-assets/participant.js');
    assert.match(script.headers.get('content-type')!, /javascript/);
  });
});
