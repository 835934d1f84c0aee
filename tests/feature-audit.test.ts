import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { surveyKit, type SurveyKit } from './surveys-kit.ts';

/** Issue 13, finding 15: what a feature audit found between the docs and the behaviour. */
const example = (name: string) =>
  readFileSync(new URL(`../examples/surveys/${name}.yaml`, import.meta.url), 'utf8');

describe('feature audit', () => {
  let kit: SurveyKit;
  before(async () => {
    kit = await surveyKit();
    await kit.defineSurvey('acme', example('post-delivery-csat'), 'post-delivery-csat');
  });
  after(() => kit.close());
  const secret = () => kit.keys.acme!.secret;
  const ingest = () => kit.keys.acme!.ingest;

  it("a journey change that drops a survey's touchpoint is refused with a 409 naming the survey, even with a remap", async () => {
    const map = (await kit.call('GET', '/v1/journey', secret())).json;
    const without = structuredClone(map);
    for (const stage of without.stages)
      stage.touchpoints = stage.touchpoints.filter((t: { id: string }) => t.id !== 'delivery');
    for (const list of ['rules', 'failures'] as const)
      without[list] = without[list].filter((r: { touchpoint: string }) => r.touchpoint !== 'delivery');
    const res = await kit.call('PUT', '/v1/journey', secret(), {
      map: without,
      remap: { delivery: 'unboxing' },
    });
    assert.equal(res.status, 409, res.text);
    const issue = res.json.error.issues.find((i: { path: string }) => i.path === 'touchpoints.delivery');
    assert.equal(issue.code, 'touchpoint_in_use');
    assert.match(issue.message, /survey "post-delivery-csat"/);
    assert.match(issue.message, /PUT \/v1\/surveys\/post-delivery-csat/);
    assert.equal((await kit.call('GET', '/v1/journey', secret())).json.stages.length, map.stages.length);
    assert.ok(JSON.stringify((await kit.call('GET', '/v1/journey', secret())).json).includes('"delivery"'));

    // Once the survey points elsewhere, the same change goes through.
    const survey = (await kit.call('GET', '/v1/surveys/post-delivery-csat', secret())).json;
    const moved = await kit.call('PUT', '/v1/surveys/post-delivery-csat', secret(), {
      ...survey,
      touchpoint: 'unboxing',
    });
    assert.equal(moved.status, 200, moved.text);
    const ok = await kit.call('PUT', '/v1/journey', secret(), {
      map: without,
      remap: { delivery: 'unboxing' },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await kit.call('PUT', '/v1/journey', secret(), map)).status, 200);
  });

  it('the journey 409 for stored data speaks to API callers, and /openapi.json documents {map, remap} and the 409', async () => {
    await kit.call('POST', '/v1/events', ingest(), {
      id: 'tp-1',
      customerId: 'c-tp',
      name: 'Anything',
      touchpoint: 'referrals',
      timestamp: new Date(kit.clock.now - 1000).toISOString(),
    });
    const map = (await kit.call('GET', '/v1/journey', secret())).json;
    const without = structuredClone(map);
    for (const stage of without.stages)
      stage.touchpoints = stage.touchpoints.filter((t: { id: string }) => t.id !== 'referrals');
    const res = await kit.call('PUT', '/v1/journey', secret(), without);
    assert.equal(res.status, 409, res.text);
    assert.match(res.json.error.issues[0].message, /"remap": \{"referrals": "<new-id>"\}/);
    const badRemap = await kit.call('PUT', '/v1/journey', secret(), {
      map: without,
      remap: { referrals: 7 },
    });
    assert.equal(badRemap.status, 400, badRemap.text);
    assert.equal(badRemap.json.error.issues[0].path, 'remap.referrals');

    const doc = (await kit.call('GET', '/openapi.json', null)).json;
    const put = doc.paths['/v1/journey'].put;
    assert.ok(put.responses['409'], 'the 409 is documented');
    const request = doc.components.schemas.PutJourneyRequest;
    const wrapped = request.anyOf.find((s: { properties?: Record<string, unknown> }) => s.properties?.remap);
    assert.ok(wrapped?.properties.map, 'the {map, remap} body is documented');
  });

  it('customer search finds customers known only from events', async () => {
    const res = await kit.call('POST', '/v1/events', ingest(), {
      id: 'only-events-1',
      customerId: 'evt-only-42',
      name: 'Product Viewed',
      timestamp: new Date(kit.clock.now - 1000).toISOString(),
    });
    assert.equal(res.status, 200, res.text);
    await kit.call('POST', '/v1/identify', ingest(), { customerId: 'evt-known', traits: { name: 'Ev' } });
    const found = await kit.call('GET', '/v1/customers?q=evt-', secret());
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(found.json.customers.map((c: { id: string }) => c.id).sort(), [
      'evt-known',
      'evt-only-42',
    ]);
    const other = await kit.call('GET', '/v1/customers?q=evt-', kit.keys.globex!.secret);
    assert.deepEqual(other.json.customers, []);
  });

  it("API-created invitations take the customer's language trait unless the call names one", async () => {
    await kit.call('POST', '/v1/identify', ingest(), { customerId: 'marie', traits: { language: 'fr-CA' } });
    const make = (body: Record<string, unknown>) =>
      kit.call('POST', '/v1/surveys/relationship-nps/invitations', secret(), { channel: 'link', ...body });
    await kit.defineSurvey('acme', example('relationship-nps'), 'relationship-nps');
    const french = await make({ customerId: 'marie' });
    assert.equal(french.status, 201, french.text);
    assert.equal(french.json.language, 'fr');
    const page = await kit.call('GET', `/s/${french.json.token}`, null);
    assert.match(page.text, /Quelle est la probabilité/);
    const asked = await make({ customerId: 'marie', language: 'en' });
    assert.equal(asked.json.language, 'en');
    const unknown = await make({ customerId: 'nobody' });
    assert.equal(unknown.json.language, 'en');
  });

  it('an identify whose anonymous id belongs to another customer says it linked nothing', async () => {
    const first = await kit.call('POST', '/v1/identify', ingest(), {
      customerId: 'alice',
      anonymousId: 'anon-1',
    });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.notLinked, undefined);
    const second = await kit.call('POST', '/v1/identify', ingest(), {
      customerId: 'bob',
      anonymousId: 'anon-1',
      traits: { plan: 'pro' },
    });
    assert.equal(second.status, 200, second.text);
    assert.deepEqual(second.json.notLinked, [
      { anonymousId: 'anon-1', customerId: 'bob', reason: 'anonymous_id_of_another_customer' },
    ]);
    assert.ok(!second.text.includes('alice'), 'the other customer is not named to the public key');
    const [alias] = await kit.store.read(
      "SELECT customer_id FROM aliases WHERE workspace_id = 'acme' AND anonymous_id = 'anon-1'",
    );
    assert.equal(alias!.customer_id, 'alice');
    const again = await kit.call('POST', '/v1/identify', ingest(), {
      customerId: 'alice',
      anonymousId: 'anon-1',
    });
    assert.equal(again.json.notLinked, undefined, 'the same link again is no conflict');
  });
});
