import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { z } from '@hono/zod-openapi';
import { testApp } from '../../../tests/helpers.ts';
import { FIXTURE_NOW, funnelFixture, loadFixture, scoreFixture } from './test-fixture.ts';
import {
  compareReportSchema,
  funnelReportSchema,
  journeyTimeReportSchema,
  painPointsReportSchema,
  retentionReportSchema,
  scoresReportSchema,
} from './contract.ts';

type ErrorReply = { error: { code: string; issues?: { path: string; code: string; message: string }[] } };

describe('GET /v1/analytics/*', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let secret: string;
  const get = async (path: string, key: string | null = secret) => {
    const res = await app.get(path, key);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  before(async () => {
    app = await testApp(() => FIXTURE_NOW);
    secret = app.keys.acme!.secret;
    const journey = await app.services.journeys.get('acme');
    await loadFixture(app.services, 'acme', scoreFixture());
    await loadFixture(app.services, 'acme', funnelFixture(journey));
  });
  after(() => app?.close());

  const window = 'from=2025-01-01&to=2025-06-30';
  const replies: [string, z.ZodTypeAny][] = [
    [`/v1/analytics/scores?${window}&by=stage,trait:segment&interval=month`, scoresReportSchema],
    [`/v1/analytics/compare?${window}&by=touchpoint`, compareReportSchema],
    [`/v1/analytics/compare?${window}&segment=trait:segment&a=new&b=vip`, compareReportSchema],
    [`/v1/analytics/compare?${window}&failure=late-delivery&by=touchpoint`, compareReportSchema],
    [`/v1/analytics/funnel?${window}&by=channel`, funnelReportSchema],
    [`/v1/analytics/journey-time?${window}`, journeyTimeReportSchema],
    [`/v1/analytics/retention?${window}&activity=purchase&churnDays=30`, retentionReportSchema],
    [`/v1/analytics/pain-points?${window}&limit=5`, painPointsReportSchema],
  ];
  for (const [path, schema] of replies) {
    test(`${path.split('?')[0]} answers in the documented shape (${path.split('?')[1]})`, async () => {
      const { status, body } = await get(path);
      assert.equal(status, 200, JSON.stringify(body));
      const parsed = schema.safeParse(body);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
    });
  }

  test('scores rows carry the keys asked for and a score object per metric', async () => {
    const { body } = await get(`/v1/analytics/scores?${window}&by=touchpoint&metric=csat`);
    const rows = body.rows as Record<
      string,
      { value: number; n: number; ci95: number[]; insufficient: boolean }
    >[];
    const delivery = rows.find((r) => (r.touchpoint as unknown) === 'delivery')!;
    assert.deepEqual(Object.keys(delivery).sort(), ['csat', 'touchpoint']);
    const csat = delivery.csat!;
    assert.equal(typeof csat.value, 'number');
    assert.equal(csat.ci95.length, 2);
    assert.equal(typeof csat.insufficient, 'boolean');
  });

  test('a window without data gives empty rows, not errors', async () => {
    const empty = 'from=2020-01-01&to=2020-01-31';
    assert.deepEqual((await get(`/v1/analytics/scores?${empty}&by=touchpoint&interval=week`)).body.rows, []);
    const funnel = (await get(`/v1/analytics/funnel?${empty}&by=channel`)).body as {
      stages: { customers: number }[];
      breakdown: unknown[];
    };
    assert.ok(funnel.stages.every((s) => s.customers === 0));
    assert.deepEqual(funnel.breakdown, []);
    assert.deepEqual((await get(`/v1/analytics/pain-points?${empty}`)).body.painPoints, []);
    assert.deepEqual((await get(`/v1/analytics/retention?${empty}`)).body.cohorts, []);
    assert.equal((await get(`/v1/analytics/journey-time?${empty}`)).body.journeys, 0);
    assert.deepEqual((await get(`/v1/analytics/compare?${empty}`)).body.rows, []);
  });

  test('an unknown trait groups everything under null and says so', async () => {
    const { status, body } = await get(`/v1/analytics/scores?${window}&by=trait:shoe_size`);
    assert.equal(status, 200);
    const rows = body.rows as Record<string, unknown>[];
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!['trait:shoe_size'], null);
    assert.match((body.notes as string[])[0]!, /shoe_size/);
  });

  const bad: [string, string, string][] = [
    ['/v1/analytics/scores?to=2025-06-30', 'from', 'missing from'],
    ['/v1/analytics/scores?from=2025-13-01&to=2025-06-30', 'from', 'no such month'],
    ['/v1/analytics/scores?from=2025-02-30&to=2025-06-30', 'from', 'no such day'],
    ['/v1/analytics/scores?from=2025-06-30&to=2025-01-01', 'to', 'to before from'],
    [`/v1/analytics/scores?${window}&by=colour`, 'by', 'unknown dimension'],
    [`/v1/analytics/scores?${window}&by=trait:$.x`, 'by', 'trait name that is a JSON path'],
    [`/v1/analytics/scores?${window}&by=stage,stage`, 'by', 'a dimension twice'],
    [`/v1/analytics/scores?${window}&interval=year`, 'interval', 'unknown interval'],
    [`/v1/analytics/scores?${window}&minN=0`, 'minN', 'minN below 1'],
    [`/v1/analytics/scores?${window}&minN=many`, 'minN', 'minN not a number'],
    [`/v1/analytics/scores?${window}&metric=happiness`, 'metric', 'unknown metric'],
    [`/v1/analytics/scores?${window}&touchpoint=teleport`, 'touchpoint', 'unknown touchpoint'],
    [`/v1/analytics/compare?${window}&failure=meteor`, 'failure', 'unknown failure'],
    [`/v1/analytics/compare?${window}&segment=trait:segment&a=new`, 'b', 'segment without b'],
    [`/v1/analytics/compare?${window}&segment=stage&a=x&b=y`, 'segment', 'segment that is no trait'],
    [`/v1/analytics/compare?${window}&baselineFrom=2024-01-01`, 'baselineTo', 'half a baseline'],
    [`/v1/analytics/compare?${window}&alpha=1.5`, 'alpha', 'alpha above 1'],
    [`/v1/analytics/funnel?${window}&stages=awareness,moon`, 'stages', 'unknown stage'],
    [`/v1/analytics/funnel?${window}&by=stage`, 'by', 'a breakdown the funnel has not'],
    [`/v1/analytics/retention?${window}&churnDays=-3`, 'churnDays', 'negative churn days'],
    [`/v1/analytics/retention?${window}&activity=sleep`, 'activity', 'unknown activity'],
    [`/v1/analytics/pain-points?${window}&support=helpdesk`, 'support', 'unknown support touchpoint'],
  ];
  for (const [path, field, why] of bad) {
    test(`400 with the field path: ${why}`, async () => {
      const { status, body } = await get(path);
      assert.equal(status, 400, JSON.stringify(body));
      const issues = (body as unknown as ErrorReply).error.issues ?? [];
      assert.ok(
        issues.some((i) => i.path === field),
        `expected an issue at ${field}: ${JSON.stringify(issues)}`,
      );
    });
  }

  test('a secret key is required; an ingest key gets 403', async () => {
    assert.equal((await get(`/v1/analytics/scores?${window}`, null)).status, 401);
    assert.equal((await get(`/v1/analytics/scores?${window}`, app.keys.acme!.ingest)).status, 403);
  });

  test('each workspace sees only its own data', async () => {
    const { body } = await get(`/v1/analytics/scores?${window}&by=touchpoint`, app.keys.globex!.secret);
    assert.deepEqual(body.rows, []);
    const funnel = (await get(`/v1/analytics/funnel?${window}`, app.keys.globex!.secret)).body as {
      stages: { customers: number }[];
    };
    assert.equal(funnel.stages[0]!.customers, 0);
  });

  test('the OpenAPI document lists every analytics route with its query parameters and reply', async () => {
    const doc = (await get('/openapi.json', null)).body as {
      paths: Record<
        string,
        { get: { parameters: { name: string; required: boolean }[]; responses: Record<string, unknown> } }
      >;
    };
    for (const name of ['scores', 'compare', 'funnel', 'journey-time', 'retention', 'pain-points']) {
      const route = doc.paths[`/v1/analytics/${name}`]?.get;
      assert.ok(route, name);
      const params = new Map(route.parameters.map((p) => [p.name, p.required]));
      assert.equal(params.get('from'), true);
      assert.equal(params.get('to'), true);
      assert.ok(route.responses['200'] && route.responses['400']);
    }
    const scores = doc.paths['/v1/analytics/scores']!.get.parameters.map((p) => p.name);
    assert.deepEqual(scores.sort(), ['by', 'from', 'interval', 'metric', 'minN', 'to', 'touchpoint']);
  });
});
