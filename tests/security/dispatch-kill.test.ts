/**
 * The attack suite's SIGKILL during survey dispatch (issue #13): a real `cxloop serve` sends 600
 * email invitations to a real SMTP server and is SIGKILLed three times during the sends. Each kill
 * may re-send at most the messages in flight (the SMTP pool), each under the Message-ID it had;
 * every invitation is delivered. The method is tests/e2e/surveys-dispatch-crash.test.ts's (3,000
 * sends, 5 kills), here smaller and counted per area like tests/security/attack.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { startSmtp } from '../smtp.ts';
import { Tally } from './attack-kit.ts';

const TOTAL = 600;
const KILLS = 3;
const POOL = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('SIGKILL during survey dispatch: each kill re-sends at most the messages in flight, each under one Message-ID', async (t) => {
  const tally = new Tally();
  const smtp = await startSmtp();
  const tmp = tempDir('cxloop-dispatch-kill-');
  const env = {
    CXLOOP_SMTP_HOST: '127.0.0.1',
    CXLOOP_SMTP_PORT: String(smtp.port),
    CXLOOP_SMTP_TLS: 'none',
    CXLOOP_SMTP_MAX_CONNECTIONS: String(POOL),
    CXLOOP_DISPATCH_POLL_MS: '100',
  };
  let server = await startServerProcess(tmp.db, [], env);
  t.after(async () => {
    await server.stop('SIGKILL').catch(() => undefined);
    await smtp.close();
    tmp.cleanup();
  });
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

  await call(secretKey!, 'PUT', '/v1/contact-policy', { quietHours: null });
  // The delay lets every invitation exist before any falls due, so the kills hit sends only.
  const delayS = 10;
  await call(secretKey!, 'PUT', '/v1/surveys/kill', {
    name: 'Kill',
    touchpoint: 'delivery',
    questions: [{ id: 'score', kind: 'csat', text: 'How was the delivery?' }],
    triggers: [{ id: 't', event: 'Order Delivered', delay: `${delayS}s`, channel: 'email' }],
  });
  const customers = Array.from({ length: TOTAL }, (_, i) => `k${i}`);
  await call(ingestKey!, 'POST', '/v1/sdk/identify', {
    batch: customers.map((customerId) => ({ customerId, traits: { email: `${customerId}@kill.test` } })),
  });
  await call(ingestKey!, 'POST', '/v1/events', {
    batch: customers.map((customerId) => ({
      id: `delivered-${customerId}`,
      customerId,
      name: 'Order Delivered',
      timestamp: new Date().toISOString(),
    })),
  });

  const perKill: { received: number; seen: Set<string>; duplicates: number }[] = [];
  for (let k = 1; k <= KILLS; k++) {
    await smtp.waitFor(Math.round((k * TOTAL) / (KILLS + 1)), 120_000);
    await server.stop('SIGKILL');
    await sleep(200); // a DATA phase cut by the kill never completes; let the SMTP server settle
    perKill.push({
      received: smtp.messages.length,
      seen: new Set(smtp.messages.map((m) => m.messageId!)),
      duplicates: 0,
    });
    server = await startServerProcess(tmp.db, [], env);
  }
  const unique = () => new Set(smtp.messages.map((m) => m.messageId)).size;
  const until = Date.now() + 180_000;
  while (unique() < TOTAL && Date.now() < until) await sleep(100);
  await sleep(1500); // anything sent twice after the last message would show by now
  const results = await call(secretKey!, 'GET', '/v1/surveys/kill/results');

  // A message received after kill k whose Message-ID arrived before kill k is that kill's duplicate.
  const count = new Map<string, number>();
  smtp.messages.forEach((mail, index) => {
    const id = mail.messageId!;
    count.set(id, (count.get(id) ?? 0) + 1);
    for (let k = KILLS - 1; k >= 0; k--) {
      if (index >= perKill[k]!.received && perKill[k]!.seen.has(id)) {
        perKill[k]!.duplicates++;
        break;
      }
    }
  });
  for (const [k, p] of perKill.entries())
    tally.record(
      'dispatch kill: re-sent <= in flight',
      p.duplicates <= POOL,
      `kill ${k + 1} re-sent ${p.duplicates}`,
    );
  const idsByRecipient = new Map<string, Set<string>>();
  for (const mail of smtp.messages) {
    const to = (mail.to as { text: string }).text;
    idsByRecipient.set(to, (idsByRecipient.get(to) ?? new Set()).add(mail.messageId!));
  }
  for (const customerId of customers) {
    const ids = idsByRecipient.get(`${customerId}@kill.test`);
    tally.record(
      'dispatch kill: delivered, one Message-ID',
      ids?.size === 1,
      `${customerId}: ${ids?.size ?? 0} ids`,
    );
  }
  const duplicates = smtp.messages.length - count.size;
  tally.record(
    'dispatch kill: duplicates only at kills',
    perKill.reduce((sum, p) => sum + p.duplicates, 0) === duplicates,
    `${duplicates} duplicates`,
  );
  tally.record('dispatch kill: recorded as sent', results.sent === TOTAL, `sent ${String(results.sent)}`);
  console.log(tally.table());
  console.log(
    `sent ${smtp.messages.length} messages for ${count.size} invitations; per kill (received at kill: re-sent) ${perKill
      .map((p) => `${p.received}: ${p.duplicates}`)
      .join(', ')}`,
  );

  for (const area of [
    'dispatch kill: re-sent <= in flight',
    'dispatch kill: delivered, one Message-ID',
    'dispatch kill: duplicates only at kills',
    'dispatch kill: recorded as sent',
  ])
    assert.deepEqual(tally.failures(area).slice(0, 5), [], area);
});
