import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { startSmtp } from '../smtp.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('an invitation scheduled before a SIGKILL is sent exactly once after restart, and never again', async () => {
  const smtp = await startSmtp();
  const tmp = tempDir('cxloop-restart-');
  // The server reads its survey configuration from the environment at start-up.
  Object.assign(process.env, {
    CXLOOP_SMTP_HOST: '127.0.0.1',
    CXLOOP_SMTP_PORT: String(smtp.port),
    CXLOOP_SMTP_TLS: 'none',
    CXLOOP_DISPATCH_POLL_MS: '100',
  });
  try {
    const first = await startServerProcess(tmp.db);
    const secret = first.secretKey!;
    const call = (url: string, method: string, path: string, body?: unknown) =>
      fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const invitationStatus = async (url: string) => {
      const timeline = (await (await call(url, 'GET', '/v1/customers/kim/timeline')).json()) as {
        items: { kind: string; status: string }[];
      };
      return timeline.items.filter((i) => i.kind === 'invitation').map((i) => i.status);
    };

    assert.equal((await call(first.url, 'PUT', '/v1/contact-policy', { quietHours: null })).status, 200);
    const survey = await call(first.url, 'PUT', '/v1/surveys/delivery', {
      name: 'Delivery',
      touchpoint: 'delivery',
      questions: [{ id: 'score', kind: 'csat', text: 'How was the delivery?' }],
      triggers: [{ id: 'delivered', event: 'Order Delivered', delay: '4s', channel: 'email' }],
    });
    assert.equal(survey.status, 200, await survey.text());
    await call(first.url, 'POST', '/v1/identify', {
      customerId: 'kim',
      traits: { email: 'kim@example.com' },
    });
    const event = await call(first.url, 'POST', '/v1/events', {
      id: 'order-1-delivered',
      customerId: 'kim',
      name: 'Order Delivered',
      timestamp: new Date().toISOString(),
    });
    assert.equal(event.status, 200);
    let statuses: string[] = [];
    for (let i = 0; i < 50 && statuses.length === 0; i++) {
      await sleep(20);
      statuses = await invitationStatus(first.url);
    }
    assert.deepEqual(statuses, ['scheduled']);
    await first.stop('SIGKILL');
    assert.equal(smtp.messages.length, 0, 'killed before it fell due');

    await sleep(4500);
    const second = await startServerProcess(tmp.db);
    await smtp.waitFor(1, 10_000);
    await sleep(1000);
    assert.equal(smtp.messages.length, 1);
    assert.deepEqual(await invitationStatus(second.url), ['sent']);
    await second.stop();

    const third = await startServerProcess(tmp.db);
    await sleep(1000);
    await third.stop();
    assert.equal(smtp.messages.length, 1, 'a later restart sends nothing again');
    assert.equal((smtp.messages[0]!.to as { text: string }).text, 'kim@example.com');
  } finally {
    for (const name of ['CXLOOP_SMTP_HOST', 'CXLOOP_SMTP_PORT', 'CXLOOP_SMTP_TLS', 'CXLOOP_DISPATCH_POLL_MS'])
      delete process.env[name];
    await smtp.close();
    tmp.cleanup();
  }
});
