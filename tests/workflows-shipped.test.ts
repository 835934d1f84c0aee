import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { createApp } from '../src/app/http/app.ts';
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import { readWorkflowFile, workflowFiles } from '../src/capabilities/workflows/definitions.ts';
import { inHoldout } from '../src/core/workflows/machine.ts';
import { DAY, HOUR, workflowKit } from './workflows-kit.ts';

const SHIPPED = new URL('../templates/workflows/', import.meta.url).pathname;

/** Customers outside a workflow's holdout (the draw is deterministic), so the test knows who gets mail. */
function treated(workflow: string, share: number, prefix: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++)
    if (!inHoldout(share, 'acme', workflow, `${prefix}${i}`)) out.push(`${prefix}${i}`);
  return out;
}

describe('the shipped workflow templates on the demo shop’s events, through the API', () => {
  let kit: Awaited<ReturnType<typeof workflowKit>>;
  // Replies are read loosely (the contract test checks their shapes); `any` keeps that terse.
  type Reply = {
    status: number;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    json: any;
  };
  let call: (method: string, path: string, body?: unknown, type?: string) => Promise<Reply>;
  before(async () => {
    kit = await workflowKit();
    const app = createApp(kit.services);
    const secret = (await createKey(kit.store, 'acme', 'secret', kit.clock.now)).key;
    call = async (method, path, body, type = 'application/json') => {
      const response = await app.request(path, {
        method,
        headers: { 'content-type': type, authorization: `Bearer ${secret}` },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        // an HTML page
      }
      return { status: response.status, json };
    };
    // Quiet hours follow the real time of day (the clock starts now): off, so the test does not depend on it.
    await kit.services.surveys.policies.set(
      'acme',
      { quietHours: null, minGap: '1h', maxInvitations: 10 },
      kit.clock.now,
    );
    const survey = parse(
      readFileSync(new URL('../examples/surveys/post-delivery-csat.yaml', import.meta.url), 'utf8'),
    );
    await kit.services.surveys.definitions.save('acme', survey, kit.clock.now);
  });
  after(() => kit.close());

  test('a definition with faults is refused with the path of each, and nothing is stored', async () => {
    const yaml = [
      'id: broken',
      'name: Broken',
      'purpose: marketing',
      'trigger: { event: Order Teleported }',
      'steps:',
      '  - { id: a, type: email, template: hello, next: b }',
      '  - { id: b, type: branch, when: { traits.vip: true }, next: a }',
      '  - { id: c, type: exit }',
      'templates:',
      '  hello: { subject: "Hi {{ customer.nickname }}", html: "<p>x</p>", text: "{{ basket.total }}" }',
    ].join('\n');
    const refused = await call('PUT', '/v1/workflows/broken', yaml, 'application/yaml');
    assert.equal(refused.status, 400);
    const paths = refused.json.error.issues
      .map((i: { path: string; code: string }) => `${i.path} ${i.code}`)
      .sort();
    assert.deepEqual(paths, [
      'steps.1.next loop_without_wait',
      'steps.2 unreachable_step',
      'templates.hello.subject unknown_variable',
      'templates.hello.text unknown_variable',
      'trigger.event unknown_event',
    ]);
    const validated = await call('POST', '/v1/workflows/validate', yaml, 'application/yaml');
    assert.equal(validated.status, 200);
    assert.equal(validated.json.ok, false);
    assert.equal(validated.json.issues.length, 5);
    assert.equal((await call('GET', '/v1/workflows/broken')).status, 404);
    const badField = await call('PUT', '/v1/workflows/x', {
      id: 'x',
      name: 'X',
      purpose: 'sometimes',
      trigger: {},
      steps: [],
    });
    assert.equal(badField.status, 400);
    assert.ok(badField.json.error.issues.some((i: { path: string }) => i.path === 'purpose'));
  });

  test('every shipped template is valid against the retail journey map and saves', async () => {
    for (const file of workflowFiles(SHIPPED)) {
      const doc = readWorkflowFile(file) as { id: string };
      const saved = await call('PUT', `/v1/workflows/${doc.id}`, doc);
      assert.equal(saved.status, 200, `${file}: ${JSON.stringify(saved.json)}`);
    }
    const list = await call('GET', '/v1/workflows');
    assert.equal(list.json.workflows.length, 9);
  });

  test('an order end to end: confirmation, shipping update, delay notice, apology, setup help, CSAT invitation, review request after a good score', async () => {
    const [ann] = treated('review-request', 0.1, 'ann', 1);
    const [cleo] = treated('review-request', 0.1, 'cleo', 1);
    for (const id of [ann!, cleo!])
      await kit.customer('acme', id, { email: `${id}@example.com`, name: `${id} Doe` });
    const t0 = kit.clock.now;
    const sent = () =>
      kit.smtp.messages.map((m) => `${String(m.to && 'text' in m.to ? m.to.text : '')}: ${m.subject}`);
    for (const id of [ann!, cleo!]) {
      await kit.event('acme', id, 'Checkout Started', { checkoutId: `k-${id}` });
      await kit.event('acme', id, 'Order Completed', {
        orderId: `o-${id}`,
        amount: 4999,
        currency: 'USD',
        items: 2,
      });
    }
    await kit.settle();
    await kit.smtp.waitFor(2);
    assert.ok(sent().includes(`${ann}@example.com: Order o-${ann} is confirmed`), sent().join('\n'));
    const confirmation = kit.smtp.messages.find((m) => m.subject === `Order o-${ann} is confirmed`)!;
    assert.match(String(confirmation.text), /2 item\(s\), 49\.99 USD/);

    const promised = t0 + 3 * DAY;
    for (const id of [ann!, cleo!])
      await kit.event('acme', id, 'Order Shipped', {
        orderId: `o-${id}`,
        carrier: 'UPS',
        trackingUrl: `https://track.example/UPS/o-${id}`,
        promisedDate: new Date(promised).toISOString(),
      });
    await kit.settle();
    // cleo's parcel comes on time; ann's is late.
    kit.clock.now = t0 + 2 * DAY;
    await kit.event('acme', cleo!, 'Order Delivered', { orderId: `o-${cleo}` });
    await kit.settle();
    kit.clock.now = promised + HOUR;
    await kit.settle();
    kit.clock.now = promised + 2 * DAY;
    await kit.event('acme', ann!, 'Order Delivered', { orderId: `o-${ann}` });
    await kit.settle();
    const deliveredAnn = kit.clock.now;
    // Their answers after delivery: ann is happy (CSAT 5), cleo is not (CSAT 2).
    kit.clock.now += 3 * HOUR;
    await kit.feedback('acme', ann!, 'csat', 5);
    await kit.feedback('acme', cleo!, 'csat', 2);
    for (let day = 1; day <= 10; day++) {
      kit.clock.now = deliveredAnn + day * DAY;
      await kit.settle();
    }
    const mine = (id: string) =>
      kit.smtp.messages
        .filter((m) => String((m.to as { text: string }).text) === `${id}@example.com`)
        .map((m) => m.subject);
    await kit.smtp.waitFor(kit.smtp.messages.length);
    assert.deepEqual(
      mine(ann!).filter((s) => !/Thank you/.test(String(s))),
      [
        `Order o-${ann} is confirmed`,
        `Order o-${ann} is on its way`,
        `Order o-${ann} is running late`,
        `Order o-${ann} has arrived, sorry for the wait`,
        'Getting started with your order',
        'Would you review your order?',
      ],
    );
    const cleoGot = mine(cleo!);
    assert.ok(cleoGot.includes('Getting started with your order'));
    assert.ok(!cleoGot.some((s) => /late|sorry/.test(String(s))), cleoGot.join(', '));
    assert.ok(!cleoGot.includes('Would you review your order?'), 'no review request after a bad score');
    // The CSAT survey invitation was created for both (the survey's own policy sends it).
    const csat = await kit.services.workflows.log('acme', { workflowId: 'post-purchase-csat', limit: 10 });
    assert.equal(csat.filter((l) => l.outcome === 'invited').length, 2);
    // The shipping update carried the tracking link; the delay notice the promised date.
    const update = kit.smtp.messages.find((m) => m.subject === `Order o-${ann} is on its way`)!;
    assert.match(String(update.html), new RegExp(`href="https://track.example/UPS/o-${ann}"`));
    assert.match(String(update.html), /style="background: #0b5;/, 'CSS inlined');
  });

  test('cart abandonment: a reminder after 4 hours without an order, none when the order came', async () => {
    const [dora, emil] = treated('cart-abandonment', 0.1, 'cart', 2);
    for (const id of [dora!, emil!]) await kit.customer('acme', id, { email: `${id}@example.com` });
    await kit.event('acme', dora!, 'Checkout Started', { checkoutId: 'k1' });
    await kit.event('acme', emil!, 'Checkout Started', { checkoutId: 'k2' });
    await kit.settle();
    kit.clock.now += HOUR;
    await kit.event('acme', emil!, 'Order Completed', {
      orderId: 'o-emil',
      amount: 100,
      currency: 'USD',
      items: 1,
    });
    await kit.settle();
    kit.clock.now += 4 * HOUR;
    await kit.settle();
    const got = (id: string) =>
      kit.smtp.messages
        .filter((m) => String((m.to as { text: string }).text) === `${id}@example.com`)
        .map((m) => m.subject);
    await kit.smtp.waitFor(kit.smtp.messages.length);
    assert.deepEqual(got(dora!), ['You left something in your cart']);
    assert.ok(!got(emil!).includes('You left something in your cart'));
    const reminder = kit.smtp.messages.find((m) => m.subject === 'You left something in your cart')!;
    const header = (name: string) =>
      reminder.headerLines
        .find((h) => h.key === name)
        ?.line.slice(name.length + 1)
        .trim();
    assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.match(
      String(header('list-unsubscribe')),
      /^<https:\/\/cx\.shop\.test\/unsubscribe\/[\w-]+\.[\w-]+>$/,
    );
    const results = await call('GET', '/v1/workflows/cart-abandonment/results');
    assert.equal(results.status, 200);
    assert.ok(results.json.entered >= 2);
    assert.equal(results.json.goal.verdict, 'too_few');
  });

  test('one-click unsubscribe withdraws marketing consent; marketing is then suppressed, transactional still sent', async () => {
    const reminder = kit.smtp.messages.find((m) => m.subject === 'You left something in your cart')!;
    const customer = String((reminder.to as { text: string }).text).split('@')[0]!;
    const line = reminder.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
    const link = line.slice('list-unsubscribe:'.length).trim().replace(/^<|>$/g, '');
    const path = new URL(link).pathname;
    const app = createApp(kit.services);
    const page = await app.request(path);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"/);
    assert.deepEqual(
      (await call('GET', `/v1/customers/${customer}/consent`)).json.consents,
      [],
      'opening the page changes nothing',
    );
    const oneClick = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.status, 200);
    const consent = (await call('GET', `/v1/customers/${customer}/consent`)).json.consents;
    assert.deepEqual(
      consent.map((c: { purpose: string; granted: boolean }) => [c.purpose, c.granted]),
      [['marketing', false]],
    );
    const forged = await app.request(path.slice(0, -3) + 'abc', {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(forged.status, 401);

    const before = kit.smtp.messages.length;
    await kit.event('acme', customer, 'Checkout Started', { checkoutId: 'k9' });
    await kit.event('acme', customer, 'Order Completed', {
      orderId: 'o-after',
      amount: 100,
      currency: 'USD',
      items: 1,
    });
    await kit.settle();
    kit.clock.now += 4 * DAY;
    await kit.settle();
    await kit.smtp.waitFor(before + 1);
    const after = kit.smtp.messages
      .slice(before)
      .filter((m) => String((m.to as { text: string }).text) === `${customer}@example.com`)
      .map((m) => m.subject);
    assert.deepEqual(after, ['Order o-after is confirmed']);
    const log = (await call('GET', `/v1/workflows/log?customerId=${customer}&workflow=thank-you`)).json
      .entries;
    assert.ok(
      log.some(
        (e: { outcome: string; detail: string }) =>
          e.outcome === 'suppressed' && e.detail === 'no_marketing_consent',
      ),
      JSON.stringify(log),
    );
  });

  test('dry run says what would happen for a customer and why, sending nothing', async () => {
    const [ann] = treated('review-request', 0.1, 'ann', 1);
    const before = kit.smtp.messages.length;
    const dry = await call('POST', '/v1/workflows/review-request/dry-run', { customerId: ann });
    assert.equal(dry.status, 200, JSON.stringify(dry.json));
    assert.equal(dry.json.enters, true);
    assert.deepEqual(
      dry.json.steps.map((s: { step: string }) => s.step),
      ['a-week', 'happy', 'ask', 'done'],
    );
    assert.equal(dry.json.steps[2].preview.subject, 'Would you review your order?');
    assert.equal(kit.smtp.messages.length, before);
    assert.equal((await call('POST', '/v1/workflows/review-request/dry-run', {})).status, 400);
    assert.equal((await call('POST', '/v1/workflows/nope/dry-run', { customerId: ann })).status, 404);
  });
});
