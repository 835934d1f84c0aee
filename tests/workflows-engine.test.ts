import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret } from '../src/platform/messaging/webhook-signature.ts';
import { DAY, HOUR, webhookReceiver, workflowKit } from './workflows-kit.ts';

const secret = newWebhookSecret();

const confirmation = {
  id: 'order-confirmation',
  name: 'Order confirmation',
  purpose: 'transactional',
  reentry: 'every_event',
  trigger: { event: 'Order Completed' },
  steps: [{ id: 'confirm', type: 'email', template: 'confirm' }],
  templates: {
    confirm: {
      subject: 'Order {{ event.orderId }} confirmed',
      html: '<style>p { color: #333 }</style><p>Thanks {{ customer.first_name }}, we got order {{ event.orderId }}.</p>',
      text: 'Thanks {{ customer.first_name }}, we got order {{ event.orderId }}.',
      languages: {
        de: { subject: 'Bestellung {{ event.orderId }} bestätigt', html: '<p>Danke!</p>', text: 'Danke!' },
      },
    },
  },
};

const shipping = (hook: string) => ({
  id: 'shipping',
  name: 'Shipping and delivery',
  purpose: 'transactional',
  reentry: 'every_event',
  trigger: { event: 'Order Shipped' },
  steps: [
    { id: 'update', type: 'email', template: 'update' },
    { id: 'notify-crm', type: 'webhook', url: hook, secret },
    {
      id: 'until-delivered',
      type: 'wait_until',
      event: 'Order Delivered',
      match: ['orderId'],
      deadline: 'promisedDate',
      onTimeout: 'delay-notice',
      next: 'follow-up',
    },
    { id: 'follow-up', type: 'email', template: 'follow-up', next: 'done' },
    { id: 'delay-notice', type: 'email', template: 'delay' },
    {
      id: 'until-late-delivery',
      type: 'wait_until',
      event: 'Order Delivered',
      match: ['orderId'],
      timeout: '21d',
      next: 'apology',
    },
    { id: 'apology', type: 'email', template: 'apology' },
    { id: 'done', type: 'exit' },
  ],
  templates: {
    update: {
      subject: 'Order {{ event.orderId }} is on its way',
      html: '<a href="{{ event.trackingUrl }}">Track it</a>',
      text: 'Track it: {{ event.trackingUrl }}',
    },
    'follow-up': {
      subject: 'Getting started with your order',
      html: '<p>Setup help</p>',
      text: 'Setup help',
    },
    delay: {
      subject: 'Order {{ event.orderId }} is late, sorry',
      html: '<p>Late</p>',
      text: 'It was promised for {{ event.promisedDate }}.',
    },
    apology: {
      subject: 'Order {{ event.orderId }} has arrived, sorry for the wait',
      html: '<p>Sorry</p>',
      text: 'Sorry',
    },
  },
});

describe('workflow engine on a real DuckDB file, SMTP server and webhook receiver', () => {
  let kit: Awaited<ReturnType<typeof workflowKit>>;
  let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
  before(async () => {
    kit = await workflowKit();
    hooks = await webhookReceiver();
    await kit.customer('acme', 'ann', { email: 'ann@example.com', name: 'Ann Lee' });
    await kit.customer('acme', 'bert', { email: 'bert@example.com', name: 'Bert Maier', language: 'de' });
    await kit.apply('acme', confirmation);
    await kit.apply('acme', shipping(hooks.url));
  });
  after(async () => {
    await hooks.close();
    await kit.close();
  });

  test('order placed -> confirmation, in the customer language, CSS inlined, once', async () => {
    await kit.event('acme', 'ann', 'Order Completed', { orderId: 'o-1', total: 40 });
    await kit.event('acme', 'bert', 'Order Completed', { orderId: 'o-2', total: 90 });
    await kit.settle();
    const mails = await kit.smtp.waitFor(2);
    const ann = mails.find((m) => m.subject === 'Order o-1 confirmed');
    assert.ok(ann, mails.map((m) => m.subject).join(', '));
    assert.match(String(ann.html), /<p style="color: #333;">Thanks Ann, we got order o-1\.<\/p>/);
    assert.equal(ann.headers.get('list-unsubscribe'), undefined, 'transactional mail is no list to leave');
    assert.match(String(ann.messageId), /^<wf\.run_[\w-]+\.1@cxloop>$/);
    assert.ok(mails.some((m) => m.subject === 'Bestellung o-2 bestätigt'));
    // The same event again (a retried request) starts nothing more.
    await kit.event('acme', 'ann', 'Order Completed', { orderId: 'o-1', total: 40 }, kit.clock.now);
    await kit.settle();
    const log = await kit.services.workflows.log('acme', {
      workflowId: 'order-confirmation',
      customerId: 'ann',
      limit: 50,
    });
    assert.ok(
      log.some((l) => l.outcome === 'sent' && /transactional: the contact policy/.test(l.detail ?? '')),
    );
  });

  test('shipped -> update and signed webhook; promised date passes -> delay notice; arrival -> apology', async () => {
    const before = kit.smtp.messages.length;
    const promised = kit.clock.now + 3 * DAY;
    await kit.event('acme', 'ann', 'Order Shipped', {
      orderId: 'o-1',
      trackingUrl: 'https://track.example/o-1',
      promisedDate: new Date(promised).toISOString(),
    });
    await kit.settle();
    await kit.smtp.waitFor(before + 1);
    const update = kit.smtp.messages[before]!;
    assert.equal(update.subject, 'Order o-1 is on its way');
    assert.match(String(update.text), /https:\/\/track\.example\/o-1/);
    assert.equal(hooks.received.length, 1);
    const hook = hooks.received[0]!;
    const verified = new Webhook(secret).verify(hook.body, {
      'webhook-id': String(hook.headers['webhook-id']),
      'webhook-timestamp': String(hook.headers['webhook-timestamp']),
      'webhook-signature': String(hook.headers['webhook-signature']),
    }) as { data: { event: { orderId: string } } };
    assert.equal(verified.data.event.orderId, 'o-1');

    // Another order's delivery does not end this wait.
    kit.clock.now += DAY;
    await kit.event('acme', 'ann', 'Order Delivered', { orderId: 'o-9' });
    await kit.settle();
    assert.equal(kit.smtp.messages.length, before + 1);

    kit.clock.now = promised + HOUR;
    await kit.settle();
    await kit.smtp.waitFor(before + 2);
    assert.equal(kit.smtp.messages[before + 1]!.subject, 'Order o-1 is late, sorry');

    kit.clock.now += 2 * DAY;
    await kit.event('acme', 'ann', 'Order Delivered', { orderId: 'o-1' });
    await kit.settle();
    await kit.smtp.waitFor(before + 3);
    assert.equal(kit.smtp.messages[before + 2]!.subject, 'Order o-1 has arrived, sorry for the wait');
    const [run] = await kit.services.workflows.runs('acme', {
      workflowId: 'shipping',
      customerId: 'ann',
      limit: 5,
    });
    assert.equal(run!.status, 'exited', 'the apology leads to the exit step');
  });

  test('delivered on time -> follow-up, no delay notice', async () => {
    const before = kit.smtp.messages.length;
    await kit.event('acme', 'bert', 'Order Shipped', {
      orderId: 'o-2',
      trackingUrl: 'https://track.example/o-2',
      promisedDate: new Date(kit.clock.now + 3 * DAY).toISOString(),
    });
    await kit.settle();
    kit.clock.now += DAY;
    await kit.event('acme', 'bert', 'Order Delivered', { orderId: 'o-2' });
    await kit.settle();
    kit.clock.now += 5 * DAY;
    await kit.settle();
    await kit.smtp.waitFor(before + 2);
    assert.deepEqual(
      kit.smtp.messages.slice(before).map((m) => m.subject),
      ['Order o-2 is on its way', 'Getting started with your order'],
    );
  });

  test('a webhook receiver that keeps failing: retried with backoff, then failed, and the run goes on', async () => {
    hooks.state.status = 500;
    const before = hooks.received.length;
    await kit.customer('acme', 'cleo', { email: 'cleo@example.com' });
    await kit.event('acme', 'cleo', 'Order Shipped', {
      orderId: 'o-3',
      promisedDate: new Date(kit.clock.now + 3 * DAY).toISOString(),
    });
    for (let i = 0; i < 8; i++) {
      await kit.settle();
      kit.clock.now += 2 * HOUR;
    }
    hooks.state.status = 204;
    assert.equal(hooks.received.length - before, 5, 'five attempts, one webhook-id');
    assert.equal(new Set(hooks.received.slice(before).map((r) => r.headers['webhook-id'])).size, 1);
    const log = await kit.services.workflows.log('acme', {
      workflowId: 'shipping',
      customerId: 'cleo',
      limit: 50,
    });
    assert.ok(log.some((l) => l.step_id === 'notify-crm' && l.outcome === 'failed'));
    const [run] = await kit.services.workflows.runs('acme', {
      workflowId: 'shipping',
      customerId: 'cleo',
      limit: 5,
    });
    assert.equal(run!.status, 'waiting');
    assert.equal(run!.step_id, 'until-delivered');
  });

  test('workspaces never see each other: globex has no runs of acme', async () => {
    assert.deepEqual(await kit.services.workflows.runs('globex', { limit: 10 }), []);
    assert.deepEqual(await kit.services.workflows.definitions.list('globex'), []);
  });
});
