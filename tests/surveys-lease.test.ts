import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimDue } from '../src/capabilities/surveys/invitation-rows.ts';
import type { EmailSender, OutgoingEmail } from '../src/platform/messaging/email.ts';
import { surveyKit } from './surveys-kit.ts';

/**
 * Emails go out a pool's worth at a time, so a batch can take longer than the claim's lease when
 * the SMTP server is slow. The run renews its lease as it goes: another process claiming after
 * the first lease would have lapsed must not take (and send again) what the run still holds.
 */
test('a run that sends for longer than half its lease renews it, so no other claim takes its rows', async () => {
  const kit = await surveyKit();
  try {
    const ingest = kit.keys.acme!.ingest;
    assert.equal(
      (await kit.call('PUT', '/v1/contact-policy', kit.keys.acme!.secret, { quietHours: null })).status,
      200,
    );
    await kit.defineSurvey('acme', {
      id: 'slow',
      name: 'Slow',
      touchpoint: 'delivery',
      questions: [{ id: 'score', kind: 'csat', text: 'How was it?' }],
      triggers: [{ id: 't', event: 'Order Delivered', channel: 'email' }],
    });
    const customers = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const identified = await kit.call('POST', '/v1/sdk/identify', ingest, {
      batch: customers.map((customerId) => ({ customerId, traits: { email: `${customerId}@lease.test` } })),
    });
    assert.equal(identified.status, 200, identified.text);
    const events = await kit.call('POST', '/v1/events', ingest, {
      batch: customers.map((customerId) => ({
        id: `d-${customerId}`,
        customerId,
        name: 'Order Delivered',
        timestamp: new Date(kit.clock.now).toISOString(),
      })),
    });
    assert.equal(events.status, 200, events.text);
    await kit.services.events.drain();

    const leaseMs = kit.services.surveys.config.dispatch.leaseMs;
    const sent: OutgoingEmail[] = [];
    let takenByAnother = -1;
    // A slow SMTP server: the first round takes more than half the lease; during the second, the
    // clock passes the end of the lease the run started with, and another process claims.
    const slow: EmailSender = {
      maxConnections: 2,
      async send(email) {
        sent.push(email);
        if (sent.length === 2) kit.advance(leaseMs / 2 + 1000);
        if (sent.length === 3) {
          kit.advance(leaseMs / 2 + 1000);
          const [other] = await kit.store.write([
            claimDue(kit.store.capabilities, kit.clock.now, kit.clock.now + leaseMs, 100),
          ]);
          takenByAnother = other!.rows.length;
        }
      },
      close: () => undefined,
    };
    const dispatcher = kit.services.surveys.dispatcher({ publicUrl: kit.url, email: slow });
    const report = await dispatcher.runOnce();

    assert.equal(report.sent, customers.length, JSON.stringify(report));
    assert.equal(takenByAnother, 0, 'another claim took rows the run still held');
    assert.equal(new Set(sent.map((e) => e.messageId)).size, customers.length, 'each sent once');
  } finally {
    await kit.close();
  }
});
