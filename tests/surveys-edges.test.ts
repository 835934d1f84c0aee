import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { surveyKit, type SurveyKit } from './surveys-kit.ts';

/** Issue 13, finding 14: a survey PUT's URL names the survey; one cap for every duration. */
const survey = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: 'Edges',
  touchpoint: 'checkout',
  questions: [{ id: 'q', kind: 'nps', text: 'How likely?' }],
  triggers: [{ id: 't', event: 'Order Completed', channel: 'email', ...extra }],
});

describe('survey definition edges', () => {
  let kit: SurveyKit;
  before(async () => (kit = await surveyKit()));
  after(() => kit.close());
  const put = (path: string, body: unknown) => kit.call('PUT', path, kit.keys.acme!.secret, body);

  it('PUT /v1/surveys/a with body id B is refused at `id`, and creates neither', async () => {
    const res = await put('/v1/surveys/a', survey('other-id'));
    assert.equal(res.status, 400, res.text);
    assert.equal(res.json.error.issues[0].path, 'id');
    assert.equal(res.json.error.issues[0].code, 'id_mismatch');
    const yaml = await kit.call(
      'PUT',
      '/v1/surveys/a',
      kit.keys.acme!.secret,
      'id: other-id\nname: x\ntouchpoint: checkout\nquestions: [{id: q, kind: nps, text: x}]\n',
      'application/yaml',
    );
    assert.equal(yaml.status, 400, yaml.text);
    assert.equal(yaml.json.error.issues[0].path, 'id');
    for (const id of ['a', 'other-id'])
      assert.equal((await kit.call('GET', `/v1/surveys/${id}`, kit.keys.acme!.secret)).status, 404);
    // The same id, or none, is fine.
    assert.equal((await put('/v1/surveys/a', survey('a'))).status, 200);
    const { id: _omitted, ...noId } = survey('a');
    assert.equal((await put('/v1/surveys/a', noId)).status, 200);
  });

  it('durations have one cap, as strings and as numbers', async () => {
    const tenYears = 3650 * 86_400_000;
    for (const delay of ['999999w', '3651d', '522w', tenYears + 1]) {
      const res = await put('/v1/surveys/d', survey('d', { delay }));
      assert.equal(res.status, 400, `${delay}: ${res.text}`);
      assert.equal(res.json.error.issues[0].path, 'triggers.0.delay', res.text);
    }
    for (const delay of ['3650d', '521w', tenYears]) {
      const res = await put('/v1/surveys/d', survey('d', { delay, expiresAfter: '1d' }));
      assert.equal(res.status, 200, `${delay}: ${res.text}`);
    }
    const policy = await kit.call('PUT', '/v1/contact-policy', kit.keys.acme!.secret, { period: '999999w' });
    assert.equal(policy.status, 400, policy.text);
    assert.equal(policy.json.error.issues[0].path, 'period');
  });

  it('question and option ids named like Object.prototype members count like any other (issue 13, finding 8)', async () => {
    for (const id of ['__proto__', 'toString']) {
      const res = await put('/v1/surveys/proto', {
        ...survey('proto'),
        questions: [{ id, kind: 'nps', text: 'x' }],
      });
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json.error.issues[0].path, 'questions.0.id');
    }
    const saved = await put('/v1/surveys/proto', {
      ...survey('proto'),
      questions: [
        {
          id: 'constructor',
          kind: 'single',
          text: 'Which?',
          options: [
            { id: 'constructor', label: 'C' },
            { id: 'valueof', label: 'V' },
          ],
        },
      ],
    });
    assert.equal(saved.status, 200, saved.text);
    for (const [customerId, value] of [
      ['p1', 'constructor'],
      ['p2', 'constructor'],
      ['p3', 'valueof'],
    ]) {
      const link = await kit.call('POST', '/v1/surveys/proto/invitations', kit.keys.acme!.secret, {
        customerId,
        channel: 'link',
      });
      assert.equal(link.status, 201, link.text);
      const answer = await kit.call('POST', `/s/${link.json.token}/answers`, null, {
        answers: [{ question: 'constructor', value }],
      });
      assert.equal(answer.status, 200, answer.text);
    }
    const results = await kit.call('GET', '/v1/surveys/proto/results', kit.keys.acme!.secret);
    const question = results.json.questions.find((q: { id: string }) => q.id === 'constructor');
    assert.deepEqual(question.distribution, { constructor: 2, valueof: 1 });
    assert.equal(question.answered, 3);
  });
});
