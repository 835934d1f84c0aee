import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServices } from '../src/capabilities/graph.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { surveyConfigSchema } from '../src/capabilities/surveys/config.ts';
import { smtpSender } from '../src/platform/messaging/email.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { DAY, HOUR, workflowKit } from './workflows-kit.ts';

const shipping = {
  id: 'shipping',
  name: 'Shipping',
  purpose: 'transactional',
  reentry: 'every_event',
  trigger: { event: 'Order Shipped' },
  steps: [
    { id: 'update', type: 'email', template: 'update' },
    {
      id: 'until',
      type: 'wait_until',
      event: 'Order Delivered',
      match: ['orderId'],
      deadline: 'promisedDate',
      onTimeout: 'late',
      next: 'done',
    },
    { id: 'late', type: 'email', template: 'late' },
    { id: 'done', type: 'exit' },
  ],
  templates: {
    update: { subject: 'Shipped {{ event.orderId }}', html: '<p>x</p>', text: 'x' },
    late: { subject: 'Late {{ event.orderId }}', html: '<p>x</p>', text: 'x' },
  },
};

/**
 * The engine on PostgreSQL (server mode): the same runs, and several processes running due moves
 * at once over one database still send each message once (claims are exclusive, moves check the
 * visit).
 */
describe('workflows on PostgreSQL', () => {
  let server: PgServer;
  let kit: Awaited<ReturnType<typeof workflowKit>>;
  let url: string;
  before(async () => {
    server = await startPgServer();
    url = await server.createDatabase();
    kit = await workflowKit({ store: await PostgresStore.open(url, MIGRATIONS) });
    await kit.apply('acme', shipping);
  });
  after(async () => {
    await kit?.close();
    await kit?.store.close();
    await server?.stop();
  });

  test('shipped -> update; the promised date passes -> delay notice; delivered in time -> none', async () => {
    await kit.customer('acme', 'ann', { email: 'ann@example.com' });
    await kit.customer('acme', 'bob', { email: 'bob@example.com' });
    const promised = new Date(kit.clock.now + 2 * DAY).toISOString();
    await kit.event('acme', 'ann', 'Order Shipped', { orderId: 'a1', promisedDate: promised });
    await kit.event('acme', 'bob', 'Order Shipped', { orderId: 'b1', promisedDate: promised });
    await kit.settle();
    kit.clock.now += DAY;
    await kit.event('acme', 'bob', 'Order Delivered', { orderId: 'b1' });
    await kit.settle();
    kit.clock.now += DAY + HOUR;
    await kit.settle();
    await kit.smtp.waitFor(3);
    assert.deepEqual(kit.smtp.messages.map((m) => m.subject).sort(), ['Late a1', 'Shipped a1', 'Shipped b1']);
    const results = await kit.services.workflows.results('acme', 'shipping');
    assert.equal(results.entered, 2);
    assert.deepEqual(results.byStatus, { exited: 2 });
    assert.equal(results.steps.find((s) => s.step === 'late')?.outcomes.sent, 1);
  });

  test('three processes running due moves at once send each message once', async () => {
    const before = kit.smtp.messages.length;
    const customers = Array.from({ length: 30 }, (_, i) => `p${i}`);
    for (const c of customers) await kit.customer('acme', c, { email: `${c}@example.com` });
    for (const c of customers)
      await kit.event('acme', c, 'Order Shipped', {
        orderId: `o-${c}`,
        promisedDate: new Date(kit.clock.now + DAY).toISOString(),
      });
    await kit.services.events.drain();
    // Two more processes, each its own pool and services over the same database and clock.
    const config = surveyConfigSchema.parse({
      smtp: { host: '127.0.0.1', port: kit.smtp.port, tls: 'none', from: 'x <x@x.test>' },
    });
    const others = await Promise.all([1, 2].map(() => PostgresStore.open(url, MIGRATIONS)));
    const senders = others.map(() => smtpSender(config.smtp));
    const services = others.map((store, i) => {
      const s = createServices(store, () => kit.clock.now, { surveys: config });
      s.workflows.useEmail(senders[i]!, 'https://cx.shop.test');
      return s;
    });
    const drainAll = async () => {
      for (let round = 0; round < 20; round++) {
        const reports = await Promise.all(
          [kit.services.workflows, ...services.map((s) => s.workflows)].map((w) => w.runDue(7)),
        );
        if (reports.every((r) => r.claimed === 0)) return;
      }
    };
    await drainAll();
    kit.clock.now += DAY + HOUR;
    await drainAll();
    await kit.smtp.waitFor(before + 60);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const subjects = kit.smtp.messages.slice(before).map((m) => m.subject);
    assert.equal(subjects.length, 60, 'one update and one delay notice each, none twice');
    assert.equal(new Set(subjects).size, 60);
    for (const s of senders) s?.close();
    for (const store of others) await store.close();
  });
});
