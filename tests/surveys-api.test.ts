import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { signToken } from '../src/core/surveys/token.ts';
import { DAY, surveyKit, type SurveyKit } from './surveys-kit.ts';

const example = (name: string) =>
  readFileSync(new URL(`../examples/surveys/${name}.yaml`, import.meta.url), 'utf8');

/** An in-page survey fired by a product page view, with branching and HTML in its name. */
const productSurvey = {
  id: 'product-page',
  name: 'Quick <b>question</b>',
  touchpoint: 'product-pages',
  questions: [
    { id: 'ease', kind: 'ces', text: 'How easy was it to find what you wanted?', required: true },
    { id: 'why', kind: 'text', text: 'What was hard?', showIf: { question: 'ease', max: 3 }, maxLength: 50 },
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
  triggers: [{ id: 'viewed', event: 'Product Viewed', where: { sku: 'A-1' }, channel: 'web' }],
};

async function invitedVisitor(kit: SurveyKit, customerId: string, eventId: string) {
  const res = await kit.call('POST', '/v1/events', kit.keys.acme!.ingest, {
    id: eventId,
    customerId,
    name: 'Product Viewed',
    timestamp: new Date(kit.clock.now - 1000).toISOString(),
    properties: { sku: 'A-1' },
  });
  assert.equal(res.status, 200, res.text);
  await kit.dispatch();
  const pending = await kit.call(
    'GET',
    `/v1/sdk/invitations?customerId=${customerId}&anonymousId=x&userHash=${await kit.userHash('acme', customerId)}`,
    kit.keys.acme!.ingest,
  );
  assert.equal(pending.status, 200, pending.text);
  return pending.json.invitations as { token: string; next: string; survey: { name: string } }[];
}

describe('surveys over HTTP', () => {
  let kit: SurveyKit;
  before(async () => {
    kit = await surveyKit();
    await kit.defineSurvey('acme', productSurvey);
  });
  after(() => kit.close());

  it('loads the YAML examples and lists them', async () => {
    const csat = await kit.defineSurvey('acme', example('post-delivery-csat'), 'post-delivery-csat');
    assert.equal(csat.triggers[0].delay, 2 * DAY);
    await kit.defineSurvey('acme', example('relationship-nps'), 'relationship-nps');
    const list = await kit.call('GET', '/v1/surveys', kit.keys.acme!.secret);
    assert.deepEqual(list.json.surveys.map((s: { id: string }) => s.id).sort(), [
      'post-delivery-csat',
      'product-page',
      'relationship-nps',
    ]);
    const other = await kit.call('GET', '/v1/surveys', kit.keys.globex!.secret);
    assert.deepEqual(other.json.surveys, []);
    const ingestOnly = await kit.call('GET', '/v1/surveys', kit.keys.acme!.ingest);
    assert.equal(ingestOnly.status, 403);
  });

  it('refuses a bad survey with every problem by path, storing nothing', async () => {
    const bad = {
      ...productSurvey,
      id: 'bad',
      touchpoint: 'nowhere',
      questions: [
        { ...productSurvey.questions[1], showIf: { question: 'later', max: 3 } },
        { id: 'later', kind: 'nps', text: 'x' },
      ],
    };
    const res = await kit.call('PUT', '/v1/surveys/bad', kit.keys.acme!.secret, bad);
    assert.equal(res.status, 400);
    assert.ok(
      res.json.error.issues.some((i: { path: string }) => i.path === 'questions.0.showIf.question'),
      res.text,
    );
    const yaml = await kit.call(
      'PUT',
      '/v1/surveys/bad',
      kit.keys.acme!.secret,
      'id: [unclosed',
      'application/yaml',
    );
    assert.equal(yaml.status, 400);
    assert.equal(yaml.json.error.issues[0].code, 'malformed');
    assert.equal((await kit.call('GET', '/v1/surveys/bad', kit.keys.acme!.secret)).status, 404);
  });

  it('a product view triggers an in-page survey; answers feed the touchpoint scores once', async () => {
    const [invitation] = await invitedVisitor(kit, 'c1', 'e1');
    assert.ok(invitation, 'the trigger fired and the invitation is ready');
    assert.equal(invitation.next, 'ease');
    const answer = (question: string, value: unknown) =>
      kit.call('POST', `/s/${invitation.token}/answers`, null, { answers: [{ question, value }] });

    const first = await answer('ease', 2);
    assert.deepEqual(first.json, { saved: 1, duplicates: 0, next: 'why', completed: false });
    const again = await answer('ease', 2);
    assert.deepEqual(again.json, { saved: 0, duplicates: 1, next: 'why', completed: false });
    const changed = await answer('ease', 5);
    assert.equal(changed.status, 409);
    assert.equal(changed.json.error.code, 'already_answered');

    const html = '<script>alert("x")</script> & <b>bold</b>';
    assert.equal((await answer('why', html)).json.next, 'found');
    // The hosted page never hands back answers (issue 13, finding 1): the text is checked where it is stored.
    const [stored] = await kit.store.read(
      "SELECT value::VARCHAR AS value FROM survey_answers WHERE customer_id = 'c1' AND question_id = 'why'",
    );
    assert.equal(JSON.parse(stored!.value as string), html, 'free text is kept as the text it is');

    const feedback = await kit.store.read(
      "SELECT metric, score, touchpoint, source FROM feedback WHERE workspace_id = 'acme'",
    );
    assert.deepEqual(feedback, [
      { metric: 'ces', score: 2, touchpoint: 'product-pages', source: 'survey:product-page' },
    ]);
    // The event that fired, resent (a client retry), asks nothing twice.
    const retried = await kit.call('POST', '/v1/events', kit.keys.acme!.ingest, {
      id: 'e1',
      customerId: 'c1',
      name: 'Product Viewed',
      timestamp: new Date(kit.clock.now - 1000).toISOString(),
      properties: { sku: 'A-1' },
    });
    assert.equal(retried.json.duplicates, 1);
    await kit.dispatch();
    const rows = await kit.store.read(
      "SELECT count(*) AS n FROM survey_invitations WHERE workspace_id = 'acme' AND customer_id = 'c1'",
    );
    assert.equal(rows[0]!.n, 1);

    const timeline = await kit.call('GET', '/v1/customers/c1/timeline', kit.keys.acme!.secret);
    const kinds = timeline.json.items.map((i: { kind: string }) => i.kind);
    assert.deepEqual([...new Set(kinds)].sort(), ['event', 'feedback', 'invitation']);
    const item = timeline.json.items.find((i: { kind: string }) => i.kind === 'invitation');
    assert.equal(item.status, 'sent');
    assert.equal(item.survey, 'product-page');
  });

  it('refuses out-of-scale and malformed answers with the field path, storing nothing', async () => {
    const [invitation] = await invitedVisitor(kit, 'c2', 'e2');
    for (const value of [8, 0, 2.5, 'abc', null, [3]]) {
      const res = await kit.call('POST', `/s/${invitation!.token}/answers`, null, {
        answers: [{ question: 'ease', value }],
      });
      assert.equal(res.status, 400, `${JSON.stringify(value)}: ${res.text}`);
      assert.equal(res.json.error.issues[0].path, 'answers.0.value');
    }
    const unknown = await kit.call('POST', `/s/${invitation!.token}/answers`, null, {
      answers: [{ question: 'nope', value: 1 }],
    });
    assert.equal(unknown.json.error.issues[0].code, 'unknown_question');
    const notAsked = await kit.call('POST', `/s/${invitation!.token}/answers`, null, {
      answers: [{ question: 'why', value: 'x' }],
    });
    assert.equal(notAsked.json.error.issues[0].code, 'not_asked');
    const rows = await kit.store.read("SELECT count(*) AS n FROM survey_answers WHERE customer_id = 'c2'");
    assert.equal(rows[0]!.n, 0);
  });

  it('refuses tampered, forged, expired and other-workspace links', async () => {
    const [invitation] = await invitedVisitor(kit, 'c3', 'e3');
    const token = invitation!.token;
    const [payload, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
    const swapped = Buffer.from(JSON.stringify(claims.map((v) => (v === 'c3' ? 'c1' : v)))).toString(
      'base64url',
    );
    const body = { answers: [{ question: 'ease', value: 7 }] };
    assert.equal((await kit.call('POST', `/s/${swapped}.${mac}/answers`, null, body)).status, 401);
    assert.equal((await kit.call('POST', `/s/${token.slice(0, -2)}xx/answers`, null, body)).status, 401);
    assert.equal((await kit.call('POST', '/s/garbage/answers', null, body)).status, 401);
    // Claims naming another workspace, signed with a guess at its secret.
    const forged = signToken(
      {
        workspace: 'globex',
        invitation: 'inv_x',
        customer: 'c3',
        survey: 'product-page',
        trigger: 'viewed',
        expires: kit.clock.now + DAY,
      },
      'guess',
    );
    assert.equal((await kit.call('POST', `/s/${forged}/answers`, null, body)).status, 401);
    const page = await kit.call('GET', `/s/${swapped}.${mac}`, null);
    assert.equal(page.status, 404);
    assert.match(page.text, /not valid/);
    // A token checked for another workspace is refused even though its signature is good.
    await assert.rejects(
      kit.services.surveys.tokens.verify(token, kit.clock.now, { workspaceId: 'globex' }),
      /another workspace/,
    );
    // Another workspace's secret key cannot see or answer the invitation.
    const invitationId = claims[2] as string;
    assert.equal(
      (await kit.call('POST', `/v1/invitations/${invitationId}/answers`, kit.keys.globex!.secret, body))
        .status,
      404,
    );
    assert.equal(
      (await kit.call('POST', `/v1/invitations/${invitationId}/answers`, kit.keys.acme!.secret, body)).status,
      200,
    );

    kit.advance(8 * DAY);
    const expired = await kit.call('POST', `/s/${token}/answers`, null, body);
    assert.equal(expired.status, 403);
    assert.equal(expired.json.error.code, 'token_expired');
    assert.equal((await kit.call('GET', `/s/${token}`, null)).status, 410);
    kit.advance(-8 * DAY);
  });

  it('creates link invitations from the API, idempotently, and the hosted page works without JavaScript', async () => {
    const create = () =>
      kit.call('POST', '/v1/surveys/product-page/invitations', kit.keys.acme!.secret, {
        customerId: 'c4',
        idempotencyKey: 'order-77',
      });
    const first = await create();
    assert.equal(first.status, 201, first.text);
    assert.equal((await create()).json.id, first.json.id);
    assert.match(first.json.url, new RegExp(`^${kit.url}/s/`));
    const path = new URL(first.json.url).pathname;

    const page = await kit.call('GET', path, null);
    assert.equal(page.status, 200);
    assert.match(page.text, /<html lang="en">/);
    assert.match(page.text, /<meta name="viewport"/);
    assert.match(page.text, /<legend id="ease-legend">\s*How easy was it/);
    assert.match(page.text, /Quick &lt;b&gt;question&lt;\/b&gt;/, 'survey text is escaped');
    assert.equal((page.text.match(/type="radio"\s+name="value"/g) ?? []).length, 7, 'CES is 1-7');
    assert.doesNotMatch(page.text, /<script/);

    const post = (form: Record<string, string>) =>
      kit.call('POST', path, null, new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded');
    const bad = await post({ question: 'ease', value: '9' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /role="alert"/);
    const ok = await post({ question: 'ease', value: '3' });
    assert.equal(ok.status, 303);
    assert.match((await kit.call('GET', path, null)).text, /What was hard\?/);
    const long = await post({ question: 'why', value: '<img src=x onerror=alert(1)>'.repeat(3) });
    assert.equal(long.status, 400, 'longer than maxLength');
    assert.doesNotMatch(long.text, /<img/);
    assert.equal((await post({ question: 'why', skip: '1' })).status, 303);
    assert.equal((await post({ question: 'found', value: 'yes' })).status, 303);
    const done = await kit.call('GET', path, null);
    assert.match(done.text, /Thank you/);

    const invitation = await kit.call('GET', `/v1/invitations/${first.json.id}`, kit.keys.acme!.secret);
    assert.ok(invitation.json.completedAt);
    const results = await kit.call('GET', '/v1/surveys/product-page/results', kit.keys.acme!.secret);
    assert.equal(results.status, 200);
    assert.ok(results.json.completions >= 1);
    assert.ok(results.json.starts >= results.json.completions);
    assert.ok(results.json.responseRate > 0);
    const why = results.json.questions.find((q: { id: string }) => q.id === 'why');
    assert.ok(why.skipped >= 1);
  });
});

describe('abuse', () => {
  it('a flood of requests from one address gets 429 with retry-after, others are served', async () => {
    const kit = await surveyKit({ publicRequestsPerMinute: 20 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await kit.call('GET', '/s/whatever', null)).status);
      assert.equal(statuses.filter((s) => s === 404).length, 20);
      assert.equal(statuses.filter((s) => s === 429).length, 10);
      const limited = await kit.call('POST', '/s/whatever/answers', null, { answers: [] });
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.equal(
        (await kit.call('GET', '/v1/surveys', kit.keys.acme!.secret)).status,
        200,
        'the API is not limited',
      );
      kit.advance(60_000);
      assert.equal((await kit.call('GET', '/s/whatever', null)).status, 404, 'the bucket refills');
    } finally {
      await kit.close();
    }
  });
});
