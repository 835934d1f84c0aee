import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userHash } from '../../src/core/surveys/user-hash.ts';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 13 (findings 1, 2, 5, 6, 7) against a real `cxloop serve` process: ingest bodies there are
 * validated in worker threads, and triggers are matched and web invitations made by the
 * server's own loops, as in production.
 */
describe('hardening findings against a real server process', () => {
  const tmp = tempDir('cxloop-hardening-');
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  const call = async (method: string, path: string, key: string | null, body?: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, text, json: (text ? JSON.parse(text) : null) as any };
  };
  const ingest = () => server.ingestKey!;
  const secret = () => server.secretKey!;

  before(async () => {
    server = await startServerProcess(tmp.db);
  });
  after(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('finding 1: the ingest key alone gets no invitation of a named customer; its user hash does', async () => {
    const survey = await call('PUT', '/v1/surveys/page-nps', secret(), {
      name: 'NPS',
      touchpoint: 'product-pages',
      questions: [
        { id: 'recommend', kind: 'nps', text: 'How likely?' },
        { id: 'why', kind: 'text', text: 'Why?' },
      ],
      triggers: [{ id: 'viewed', event: 'Product Viewed', channel: 'web' }],
    });
    assert.equal(survey.status, 200, survey.text);
    const event = await call('POST', '/v1/sdk/events', ingest(), {
      customerId: 'victim',
      name: 'Product Viewed',
      timestamp: new Date().toISOString(),
    });
    assert.equal(event.status, 200, event.text);
    const { secret: identity } = (await call('GET', '/v1/identity-verification', secret())).json;
    const hash = userHash('victim', identity);
    let invitations: { token: string }[] = [];
    for (let i = 0; i < 100 && invitations.length === 0; i++) {
      await sleep(100);
      const res = await call('GET', `/v1/sdk/invitations?customerId=victim&userHash=${hash}`, ingest());
      assert.equal(res.status, 200, res.text);
      invitations = res.json.invitations;
    }
    assert.equal(invitations.length, 1, 'the trigger fired');
    const unverified = await call('GET', '/v1/sdk/invitations?customerId=victim&anonymousId=x', ingest());
    assert.equal(unverified.status, 401, unverified.text);
    assert.equal(unverified.json.error.code, 'identity_not_verified');

    const token = invitations[0]!.token;
    const saved = await call('POST', `/s/${token}/answers`, null, {
      answers: [
        { question: 'recommend', value: 2 },
        { question: 'why', value: 'private words' },
      ],
    });
    assert.equal(saved.status, 200, saved.text);
    const page = await call('GET', `/s/${token}/survey`, null);
    assert.ok(!page.text.includes('private words'), page.text);

    // Finding 6 over the wire: two answers to one question in one request.
    const twice = await call('POST', `/s/${token}/answers`, null, {
      answers: [
        { question: 'recommend', value: 2 },
        { question: 'recommend', value: 9 },
      ],
    });
    assert.equal(twice.status, 400, twice.text);
    assert.equal(twice.json.error.issues[0].code, 'duplicate_question');
  });

  it('finding 5: lone surrogates are refused, inline and by the validation workers', async () => {
    const at = new Date().toISOString();
    for (const id of ['x\ud800', 'x\ud801', 'x\udfff']) {
      const res = await call('POST', '/v1/events', ingest(), {
        id,
        customerId: 'c',
        name: 'E',
        timestamp: at,
      });
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json.error.issues[0].path, 'id');
    }
    // A large batch goes to the worker threads (small ones are validated inline).
    const batch = Array.from({ length: 400 }, (_, i) => ({
      id: `big-${i}`,
      customerId: 'c',
      name: 'E',
      timestamp: at,
      properties: { note: i === 399 ? 'bad \udc00' : 'fine '.repeat(10) },
    }));
    const big = await call('POST', '/v1/events', ingest(), batch);
    assert.equal(big.status, 400, big.text);
    assert.equal(big.json.error.issues[0].path, '399.properties.note');
  });

  it('finding 2 and 7: a list in traits.email and a JSON path in a failure rule are refused at their paths', async () => {
    const email = await call('POST', '/v1/identify', ingest(), {
      customerId: 'c',
      traits: { email: 'a@x.com, b@x.com' },
    });
    assert.equal(email.status, 400, email.text);
    assert.equal(email.json.error.issues[0].path, 'traits.email');
    const map = (await call('GET', '/v1/journey', secret())).json;
    map.failures.push({
      id: 'bad',
      event: 'X',
      touchpoint: map.failures[0].touchpoint,
      where: { '$bad[': 'x' },
    });
    const journey = await call('PUT', '/v1/journey', secret(), map);
    assert.equal(journey.status, 400, journey.text);
    assert.equal(journey.json.error.issues[0].path, `failures.${map.failures.length - 1}.where.$bad[`);
  });
});
