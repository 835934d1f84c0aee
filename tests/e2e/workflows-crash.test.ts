import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { startSmtp } from '../smtp.ts';

const CUSTOMERS = 400;
/** Moves a server runs at once (JobRunner concurrency in the workflows service). */
const IN_FLIGHT = 16;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real `cxloop serve` process schedules 400 order confirmations (each after a 4 s wait) and is
 * SIGKILLed while they are being sent. After a restart every due message is sent, and none twice
 * beyond those whose SMTP transaction was in flight at the kill; the SMTP server's log, keyed by
 * Message-ID, is the witness.
 */
test('SIGKILL between scheduling and sending: after restart every message sent, none twice beyond those in flight', async (t) => {
  const smtp = await startSmtp();
  const tmp = tempDir('cxloop-workflows-crash-');
  const env = { CXLOOP_SMTP_HOST: '127.0.0.1', CXLOOP_SMTP_PORT: String(smtp.port), CXLOOP_SMTP_TLS: 'none' };
  Object.assign(process.env, env);
  try {
    let server = await startServerProcess(tmp.db);
    const { ingestKey, secretKey } = server;
    const call = async (key: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(server.url + path, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    await call(secretKey!, 'PUT', '/v1/workflows/confirm', {
      name: 'Confirm',
      purpose: 'transactional',
      reentry: 'every_event',
      trigger: { event: 'Order Completed' },
      steps: [
        { id: 'settle', type: 'wait', duration: '4s' },
        { id: 'mail', type: 'email', template: 'c' },
      ],
      templates: { c: { subject: 'Order {{ event.orderId }}', html: '<p>ok</p>', text: 'ok' } },
    });
    const ids = Array.from({ length: CUSTOMERS }, (_, i) => `c${i}`);
    // identify takes one customer per call
    for (let from = 0; from < ids.length; from += 25)
      await Promise.all(
        ids.slice(from, from + 25).map((id) =>
          call(ingestKey!, 'POST', '/v1/identify', {
            customerId: id,
            traits: { email: `${id}@example.com` },
          }),
        ),
      );
    const now = new Date().toISOString();
    await call(
      ingestKey!,
      'POST',
      '/v1/events',
      ids.map((id) => ({
        customerId: id,
        name: 'Order Completed',
        timestamp: now,
        properties: { orderId: `o-${id}` },
      })),
    );
    // Scheduled (the acknowledged events are in the outbox, the runs wait 4 s): kill once sending has begun.
    const until = Date.now() + 60_000;
    while (smtp.messages.length < 40 && Date.now() < until) await sleep(20);
    assert.ok(smtp.messages.length < CUSTOMERS, 'the kill came before every message was sent');
    await server.stop('SIGKILL');
    const atKill = smtp.messages.length;
    t.diagnostic(`killed after ${atKill} messages`);

    server = await startServerProcess(tmp.db);
    await smtp.waitFor(CUSTOMERS, 120_000);
    await sleep(2000); // a late duplicate would show now
    const byId = new Map<string, number>();
    for (const m of smtp.messages) byId.set(String(m.messageId), (byId.get(String(m.messageId)) ?? 0) + 1);
    const subjects = new Set(smtp.messages.map((m) => m.subject));
    assert.equal(subjects.size, CUSTOMERS, 'every customer got their confirmation');
    assert.equal(byId.size, CUSTOMERS, 'one Message-ID per run and step');
    const duplicates = smtp.messages.length - CUSTOMERS;
    t.diagnostic(`${duplicates} sent twice (in flight at the kill)`);
    assert.ok(duplicates <= IN_FLIGHT, `${duplicates} duplicates`);
    await server.stop();
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    await smtp.close();
    tmp.cleanup();
  }
});
