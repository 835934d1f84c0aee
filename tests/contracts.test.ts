import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { loadDemo } from '../src/app/demo/load.ts';
import { SOMEWHERELAND } from '../src/core/structural/examples.ts';
import * as customers from '../src/capabilities/customers/contract.ts';
import * as ingest from '../src/capabilities/ingest/contract.ts';
import * as journeys from '../src/capabilities/journeys/contract.ts';
import * as measure from '../src/capabilities/measure/contract.ts';
import * as surveys from '../src/capabilities/surveys/contract.ts';
import * as structural from '../src/capabilities/understand/structural/contract.ts';
import * as understand from '../src/capabilities/understand/contract.ts';
import * as workspaces from '../src/capabilities/workspaces/contract.ts';
import { openApiProblems, type OpenApiDocument } from './openapi-check.ts';
import { surveyKit, type SurveyKit } from './surveys-kit.ts';

/**
 * The contracts are the one description of every reply: /openapi.json documents each /v1 route with
 * a closed schema, and real replies, from a real DuckDB file with demo data, are exactly what the
 * contract says: parsing keeps every field (a field the contract does not know would be stripped,
 * and the comparison would show it) and refuses any of the wrong type.
 */

function assertConforms(schema: z.ZodType, body: unknown, where: string) {
  const parsed = schema.safeParse(body);
  assert.ok(parsed.success, `${where}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`);
  assert.deepEqual(parsed.data, body, `${where}: the reply has fields the contract does not document`);
}

const WINDOW = { from: '2024-07-01', to: '2025-06-30' };
const query = `from=${WINDOW.from}&to=${WINDOW.to}`;
const HUB = {
  variables: ['ads', 'web', 'checkout', 'delivery'],
  matrix: [
    [0, 1, 0, 0],
    [0, 0, 3, 3],
    [1, 0, 0, 2],
    [0, 0, 2, 'P'],
  ],
};
const SURVEY = {
  id: 'product-page',
  name: 'Quick question',
  touchpoint: 'product-pages',
  questions: [
    { id: 'ease', kind: 'ces', text: 'How easy was it?', required: true },
    { id: 'why', kind: 'text', text: 'What was hard?', showIf: { question: 'ease', max: 3 } },
    {
      id: 'found',
      kind: 'single',
      text: 'Did you find it?',
      options: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
      ],
    },
  ],
  triggers: [{ id: 'viewed', event: 'Product Viewed', channel: 'web' }],
};

describe('/openapi.json', () => {
  test('documents a closed reply schema, with properties, for every /v1 route the app serves', async () => {
    const kit = await surveyKit();
    try {
      const doc = (await kit.call('GET', '/openapi.json', null)).json as OpenApiDocument;
      const served = kit.app.routes
        .filter((r) => r.path.startsWith('/v1/') && ['GET', 'POST', 'PUT', 'DELETE'].includes(r.method))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
      assert.ok(served.length >= 40, `only ${served.length} routes found`);
      assert.deepEqual(openApiProblems(doc, served), []);
    } finally {
      await kit.close();
    }
  });

  test('the check finds an undocumented route, a reply without a schema and a passthrough reply', async () => {
    const app = new OpenAPIHono();
    const reply = (schema: z.ZodType) => ({
      200: { description: 'ok', content: { 'application/json': { schema } } },
    });
    app.openAPIRegistry.registerPath({
      method: 'get',
      path: '/v1/open',
      responses: reply(z.object({ a: z.string(), nested: z.object({}).passthrough() })),
    });
    app.openAPIRegistry.registerPath({
      method: 'get',
      path: '/v1/bare',
      responses: { 200: { description: 'ok' } },
    });
    app.openAPIRegistry.registerPath({
      method: 'get',
      path: '/v1/fine',
      responses: reply(z.object({ a: z.string() })),
    });
    app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 't', version: '0' } });
    const doc = (await (await app.request('/openapi.json')).json()) as OpenApiDocument;
    const problems = openApiProblems(doc, [
      'GET /v1/open',
      'GET /v1/bare',
      'GET /v1/fine',
      'POST /v1/missing',
    ]);
    assert.deepEqual(problems, [
      'GET /v1/open 200: an open object without properties at .nested',
      'GET /v1/bare 200: no reply schema',
      'POST /v1/missing: served but not documented',
    ]);
  });
});

describe('real replies are exactly their contract', () => {
  let kit: SurveyKit;
  let secret: string;
  let ingestKey: string;
  const call = async (method: string, path: string, body?: unknown, key = secret) => {
    const res = await kit.call(method, path, key, body);
    assert.ok(res.status === 200 || res.status === 201, `${method} ${path}: ${res.status} ${res.text}`);
    return res.json as unknown;
  };
  before(async () => {
    kit = await surveyKit();
    secret = kit.keys.acme!.secret;
    ingestKey = kit.keys.acme!.ingest;
    await loadDemo(kit.services, 'acme', { customers: 400, seed: 3 });
  });
  after(() => kit?.close());

  test('ingest, journeys, customers and the session', async () => {
    const event = {
      id: 'c-1',
      customerId: 'c-contract',
      name: 'Product Viewed',
      timestamp: '2025-06-29T10:00:00Z',
    };
    assertConforms(ingest.ingestReply, await call('POST', '/v1/events', event, ingestKey), 'events');
    assertConforms(
      ingest.ingestReply,
      await call('POST', '/v1/sdk/events', { ...event, id: 'c-2' }, ingestKey),
      'sdk',
    );
    const map = await call('GET', '/v1/journey');
    assertConforms(journeys.journeyMap, map, 'GET journey');
    assertConforms(journeys.journeyMap, await call('PUT', '/v1/journey', map), 'PUT journey');
    const [rated] = await kit.store.read(
      "SELECT customer_id FROM feedback WHERE workspace_id = 'acme' LIMIT 1",
    );
    const id = String(rated!.customer_id);
    const found = await call('GET', `/v1/customers?q=${encodeURIComponent(id)}`);
    assert.equal((found as { customers: unknown[] }).customers.length, 1);
    assertConforms(customers.customerSearchReply, found, 'customers');
    const page = await call('GET', `/v1/customers/${encodeURIComponent(id)}/timeline?limit=1000`);
    assert.ok((page as { items: { kind: string }[] }).items.some((i) => i.kind === 'feedback'));
    assertConforms(journeys.timelinePage, page, 'timeline');
    assertConforms(workspaces.sessionReply, await call('GET', '/v1/session'), 'session');
  });

  test('measure: every report and a touchpoint’s feedback', async () => {
    const reports: [string, z.ZodType][] = [
      [`scores?${query}&by=stage,trait:segment&interval=month`, measure.scoresReportSchema],
      [`compare?${query}&by=touchpoint`, measure.compareReportSchema],
      [`funnel?${query}&by=channel`, measure.funnelReportSchema],
      [`journey-time?${query}`, measure.journeyTimeReportSchema],
      [`retention?${query}`, measure.retentionReportSchema],
      [`pain-points?${query}`, measure.painPointsReportSchema],
    ];
    for (const [path, schema] of reports)
      assertConforms(schema, await call('GET', `/v1/analytics/${path}`), path);
    const feedback = await call('GET', `/v1/touchpoints/delivery/feedback?${query}&comments=all&limit=5`);
    assertConforms(measure.touchpointFeedbackReply, feedback, 'touchpoint feedback');
  });

  test('understand: structural analyses, drivers, cross-impact and what-if', async () => {
    assertConforms(structural.micmacReply, await call('POST', '/v1/analyze/micmac', HUB), 'micmac');
    assertConforms(structural.dematelReply, await call('POST', '/v1/analyze/dematel', HUB), 'dematel');
    const cib = await call('POST', '/v1/analyze/cib', {
      ...SOMEWHERELAND,
      scenario: ['A2', 'B1', 'C3', 'D1', 'E1', 'F1'],
    });
    assertConforms(structural.cibReply, cib, 'cib');
    const drivers = await call('POST', '/v1/analyze/drivers', { ...WINDOW, outcome: 'nps' });
    assert.equal((drivers as { ok: boolean }).ok, true);
    assertConforms(understand.storedDriversReply, drivers, 'drivers');
    const refused = await call('POST', '/v1/analyze/drivers', { ...WINDOW, outcome: 'nps', minN: 1e9 });
    assert.equal((refused as { ok: boolean }).ok, false);
    assertConforms(understand.storedDriversReply, refused, 'drivers refused');
    const matrix = await call('POST', '/v1/analyze/cross-impact', { ...WINDOW, influence: { micmac: true } });
    assertConforms(understand.crossImpactReply, matrix, 'cross-impact');
    const whatIf = await call('POST', '/v1/analyze/what-if', {
      ...WINDOW,
      touchpoint: 'delivery',
      outcome: 'nps',
      halveBad: true,
    });
    assert.equal((whatIf as { ok: boolean }).ok, true);
    assertConforms(understand.whatIfReply, whatIf, 'what-if');
  });

  test('surveys: definitions, invitations, answers, results, the contact policy and the SDK', async () => {
    assertConforms(
      surveys.surveyDefinition,
      await call('PUT', `/v1/surveys/${SURVEY.id}`, SURVEY),
      'PUT survey',
    );
    assertConforms(surveys.surveyDefinition, await call('GET', `/v1/surveys/${SURVEY.id}`), 'GET survey');
    assertConforms(surveys.surveyList, await call('GET', '/v1/surveys'), 'surveys');
    const issued = await call('POST', `/v1/surveys/${SURVEY.id}/invitations`, { customerId: 'c-contract' });
    assertConforms(surveys.issuedInvitationReply, issued, 'invitation issued');
    const invitation = (issued as { id: string }).id;
    assertConforms(surveys.invitationReply, await call('GET', `/v1/invitations/${invitation}`), 'invitation');
    const progress = await call('POST', `/v1/invitations/${invitation}/answers`, {
      answers: [{ question: 'ease', value: 2 }],
    });
    assertConforms(surveys.progressReply, progress, 'answers');
    assertConforms(
      surveys.surveyResultsReply,
      await call('GET', `/v1/surveys/${SURVEY.id}/results`),
      'results',
    );

    await call(
      'POST',
      '/v1/events',
      { id: 'c-3', customerId: 'c-web', name: 'Product Viewed', timestamp: '2025-06-30T09:59:00Z' },
      ingestKey,
    );
    await kit.dispatch();
    const identity = await call('GET', '/v1/identity-verification');
    assertConforms(surveys.identitySecretReply, identity, 'identity verification');
    // A named customer's invitations need the user hash the site's backend computes (issue 13, finding 1).
    const hash = await kit.userHash('acme', 'c-web');
    const pending = await call(
      'GET',
      `/v1/sdk/invitations?customerId=c-web&userHash=${hash}`,
      undefined,
      ingestKey,
    );
    assert.equal((pending as { invitations: unknown[] }).invitations.length, 1);
    assertConforms(surveys.pendingInvitationsReply, pending, 'sdk invitations');

    const policy = await call('GET', '/v1/contact-policy');
    assertConforms(surveys.contactPolicy, policy, 'GET policy');
    assertConforms(surveys.contactPolicy, await call('PUT', '/v1/contact-policy', policy), 'PUT policy');
    const decisions = await call('GET', '/v1/contact-policy/decisions');
    assert.ok((decisions as { decisions: unknown[] }).decisions.length > 0);
    assertConforms(surveys.decisionsReply, decisions, 'decisions');
    assertConforms(surveys.okReply, await call('POST', '/v1/customers/c-web/unsubscribe'), 'unsubscribe');
  });
});
