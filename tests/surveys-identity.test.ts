import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { surveyKit, type SurveyKit } from './surveys-kit.ts';

/** Issue 13, finding 1: the public ingest key must not read a customer's invitations or answers. */
const survey = {
  id: 'page-nps',
  name: 'Would you recommend us?',
  touchpoint: 'product-pages',
  questions: [
    { id: 'recommend', kind: 'nps', text: 'How likely?', required: true },
    { id: 'why', kind: 'text', text: 'Why?' },
    { id: 'more', kind: 'text', text: 'Anything else?' },
  ],
  triggers: [{ id: 'viewed', event: 'Product Viewed', channel: 'web' }],
};

describe('the in-page widget identifies visitors by what only their browser holds', () => {
  let kit: SurveyKit;
  before(async () => {
    kit = await surveyKit();
    await kit.defineSurvey('acme', survey);
  });
  after(() => kit.close());

  const view = async (who: { customerId?: string; anonymousId?: string }, id: string) => {
    const res = await kit.call('POST', '/v1/events', kit.keys.acme!.ingest, {
      id,
      ...who,
      name: 'Product Viewed',
      timestamp: new Date(kit.clock.now - 1000).toISOString(),
    });
    assert.equal(res.status, 200, res.text);
    await kit.dispatch();
  };
  const pending = (query: string) => kit.call('GET', `/v1/sdk/invitations?${query}`, kit.keys.acme!.ingest);

  it("the ingest key alone gets no invitation of a known customer; the customer's user hash does", async () => {
    await view({ customerId: 'victim' }, 'v1');
    for (const query of [
      'customerId=victim',
      'customerId=victim&anonymousId=guess',
      `customerId=victim&userHash=${await kit.userHash('acme', 'someone-else')}`,
      `customerId=victim&userHash=${'0'.repeat(64)}`,
      'customerId=victim&userHash=not-hex',
    ]) {
      const res = await pending(query);
      assert.equal(res.status, 401, `${query}: ${res.text}`);
      assert.equal(res.json.error.code, 'identity_not_verified');
      assert.equal(res.json.error.issues[0].path, 'userHash');
    }
    const verified = await pending(`customerId=victim&userHash=${await kit.userHash('acme', 'victim')}`);
    assert.equal(verified.status, 200, verified.text);
    assert.equal(verified.json.invitations.length, 1);
    // The secret is for the site's backend: an ingest key cannot read it.
    const leak = await kit.call('GET', '/v1/identity-verification', kit.keys.acme!.ingest);
    assert.equal(leak.status, 403);
    // Each workspace has its own secret: acme's hash does not open globex's customer.
    const other = await kit.call(
      'GET',
      `/v1/sdk/invitations?customerId=victim&userHash=${await kit.userHash('acme', 'victim')}`,
      kit.keys.globex!.ingest,
    );
    assert.equal(other.status, 401);
  });

  it("an anonymous visitor's invitation is found by its own anonymous id only", async () => {
    const anonymousId = 'a7f3c9e1d2b4a6f8c0e2d4b6a8f0c2e4';
    await view({ anonymousId }, 'a1');
    const own = await pending(`anonymousId=${anonymousId}`);
    assert.equal(own.json.invitations.length, 1, own.text);
    const stranger = await pending('anonymousId=someone-else');
    assert.deepEqual(stranger.json.invitations, []);
  });

  it('the hosted survey page never returns answers already given', async () => {
    const verified = await pending(`customerId=victim&userHash=${await kit.userHash('acme', 'victim')}`);
    const token = verified.json.invitations[0].token as string;
    const secret = 'my account number is 12345';
    for (const [question, value] of [
      ['recommend', 3],
      ['why', secret],
    ] as const) {
      const res = await kit.call('POST', `/s/${token}/answers`, null, { answers: [{ question, value }] });
      assert.equal(res.status, 200, res.text);
    }
    const page = await kit.call('GET', `/s/${token}/survey`, null);
    assert.equal(page.status, 200);
    assert.equal(page.json.answers, undefined);
    assert.deepEqual(page.json.answered, ['recommend', 'why']);
    assert.equal(page.json.next, 'more');
    assert.ok(!page.text.includes(secret), 'the free text is not in the reply');
    const html = await kit.call('GET', `/s/${token}`, null);
    assert.ok(!html.text.includes(secret), 'nor in the HTML page');
  });
});
