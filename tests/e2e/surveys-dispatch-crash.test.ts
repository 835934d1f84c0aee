import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { startSmtp } from '../smtp.ts';

const TOTAL = 3000;
const KILLS = 5;
const POOL = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * docs/surveys.md promises that a crash re-sends only the messages whose SMTP transaction was in
 * flight, each with its Message-ID. A real `cxloop serve` process dispatches 3,000 email
 * invitations to a real SMTP server and is SIGKILLed five times during the sends; the SMTP
 * server's log is the witness.
 */
test('SIGKILL five times during 3,000 email sends: duplicates at most the pool per kill, each with its Message-ID', async (t) => {
  const smtp = await startSmtp();
  const tmp = tempDir('cxloop-dispatch-crash-');
  const env = {
    CXLOOP_SMTP_HOST: '127.0.0.1',
    CXLOOP_SMTP_PORT: String(smtp.port),
    CXLOOP_SMTP_TLS: 'none',
    CXLOOP_SMTP_MAX_CONNECTIONS: String(POOL),
    CXLOOP_DISPATCH_POLL_MS: '100',
  };
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

    await call(secretKey!, 'PUT', '/v1/contact-policy', { quietHours: null });
    // The delay lets every invitation exist before any falls due, so kills hit sends only.
    const delayS = 15;
    await call(secretKey!, 'PUT', '/v1/surveys/crash', {
      name: 'Crash',
      touchpoint: 'delivery',
      questions: [{ id: 'score', kind: 'csat', text: 'How was the delivery?' }],
      triggers: [{ id: 't', event: 'Order Delivered', delay: `${delayS}s`, channel: 'email' }],
    });
    const scheduledAt = Date.now();
    const customers = Array.from({ length: TOTAL }, (_, i) => `c${i}`);
    for (let from = 0; from < TOTAL; from += 1000) {
      const ids = customers.slice(from, from + 1000);
      await call(ingestKey!, 'POST', '/v1/sdk/identify', {
        batch: ids.map((customerId) => ({ customerId, traits: { email: `${customerId}@crash.test` } })),
      });
      await call(ingestKey!, 'POST', '/v1/events', {
        batch: ids.map((customerId) => ({
          id: `delivered-${customerId}`,
          customerId,
          name: 'Order Delivered',
          timestamp: new Date().toISOString(),
        })),
      });
    }
    let invitations = 0;
    while (invitations < TOTAL && Date.now() < scheduledAt + delayS * 1000) {
      invitations = (await call(secretKey!, 'GET', '/v1/surveys/crash/results')).invitations as number;
      if (invitations < TOTAL) await sleep(100);
    }
    assert.equal(invitations, TOTAL, 'every invitation exists before the first one falls due');
    assert.equal(smtp.messages.length, 0, 'none is due yet');

    // Kill when about a sixth more of the messages have arrived each time, then restart.
    const perKill: { received: number; duplicates: number }[] = [];
    const seenBefore: Set<string>[] = [];
    for (let k = 1; k <= KILLS; k++) {
      await smtp.waitFor(Math.round((k * TOTAL) / (KILLS + 1)), 120_000);
      await server.stop('SIGKILL');
      // A DATA phase cut by the kill never completes; let the SMTP server settle what did.
      await sleep(200);
      seenBefore.push(new Set(smtp.messages.map((m) => m.messageId!)));
      perKill.push({ received: smtp.messages.length, duplicates: 0 });
      server = await startServerProcess(tmp.db);
    }
    const unique = () => new Set(smtp.messages.map((m) => m.messageId)).size;
    const until = Date.now() + 180_000;
    while (unique() < TOTAL && Date.now() < until) await sleep(100);
    await sleep(1500); // anything sent twice after the last message would show by now
    const final = await call(secretKey!, 'GET', '/v1/surveys/crash/results');
    await server.stop();

    // A message received after kill k whose Message-ID arrived before kill k is that kill's duplicate.
    const byId = new Map<string, number>();
    smtp.messages.forEach((mail, index) => {
      const id = mail.messageId!;
      byId.set(id, (byId.get(id) ?? 0) + 1);
      for (let k = KILLS - 1; k >= 0; k--) {
        if (index >= perKill[k]!.received && seenBefore[k]!.has(id)) {
          perKill[k]!.duplicates++;
          break;
        }
      }
    });
    const duplicates = smtp.messages.length - byId.size;
    t.diagnostic(
      `sent ${smtp.messages.length} messages for ${byId.size} invitations; duplicates ${duplicates}; ` +
        `per kill (received at kill: duplicates) ${perKill.map((p) => `${p.received}: ${p.duplicates}`).join(', ')}`,
    );

    assert.equal(byId.size, TOTAL, 'every invitation was delivered');
    assert.equal(final.sent, TOTAL, 'and is recorded as sent');
    for (const [k, p] of perKill.entries())
      assert.ok(
        p.duplicates <= POOL,
        `kill ${k + 1} re-sent ${p.duplicates}, more than the ${POOL} in flight`,
      );
    assert.equal(
      perKill.reduce((sum, p) => sum + p.duplicates, 0),
      duplicates,
      'every duplicate follows a kill',
    );
    // The same Message-ID each time: no customer got two different messages for one invitation.
    const idsByRecipient = new Map<string, Set<string>>();
    for (const mail of smtp.messages) {
      const to = (mail.to as { text: string }).text;
      idsByRecipient.set(to, (idsByRecipient.get(to) ?? new Set()).add(mail.messageId!));
    }
    assert.equal(idsByRecipient.size, TOTAL);
    assert.deepEqual(
      [...idsByRecipient].filter(([, ids]) => ids.size !== 1).map(([to]) => to),
      [],
      'a customer received the invitation under a second Message-ID',
    );
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
    await smtp.close();
    tmp.cleanup();
  }
});
