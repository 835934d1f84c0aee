import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { emailChannel, smtpSender } from '../src/platform/messaging/email.ts';
import { Messenger } from '../src/platform/messaging/messenger.ts';
import { webhookChannel } from '../src/platform/messaging/webhook.ts';
import { newWebhookSecret, signWebhook } from '../src/platform/messaging/webhook-signature.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { tempDir } from './helpers.ts';
import { startSmtp } from './smtp.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

const T0 = Date.parse('2025-06-30T12:00:00Z');

/** A real HTTP receiver: keeps every request and answers with the status the test sets. */
async function receiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const state = { status: 204 };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, state, close: () => new Promise((resolve) => server.close(resolve)) };
}

test('signatures match the test vector of the Standard Webhooks reference libraries', () => {
  assert.equal(
    signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    ),
    'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  );
  assert.throws(() => signWebhook('not-a-secret', 'id', 1, '{}'), /whsec_/);
  assert.match(newWebhookSecret(), /^whsec_[A-Za-z0-9+/]{32}$/);
});

describe('messaging channels with a send log', () => {
  const tmp = tempDir('cxloop-messaging-');
  const clock = { now: T0 };
  let store: DuckDbStore;
  let messenger: Messenger;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  before(async () => {
    store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    for (const ws of ['w', 'other']) await store.createWorkspace(ws, ws, T0);
    messenger = new Messenger(store, () => clock.now);
    hooks = await receiver();
  });
  after(async () => {
    await hooks.close();
    await store.close();
    tmp.cleanup();
  });

  test('a webhook arrives signed so that the standardwebhooks library verifies it', async () => {
    // The receiver checks the timestamp against its own clock, so the sender uses the real one here.
    const channel = webhookChannel({ now: Date.now });
    const secret = newWebhookSecret();
    const payload = { type: 'case.opened', timestamp: new Date(T0).toISOString(), data: { id: 'c-1' } };
    const message = { url: hooks.url, secret, id: 'msg_case-1', payload };
    assert.equal(await messenger.send('w', channel, message, 'case-1'), 'sent');

    assert.equal(hooks.received.length, 1);
    const { headers, body } = hooks.received[0]!;
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(headers['webhook-id'], 'msg_case-1');
    assert.match(String(headers['webhook-signature']), /^v1,[A-Za-z0-9+/]+=*$/);
    const signed = {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    };
    assert.deepEqual(new Webhook(secret).verify(body, signed), payload);
    // The same check refuses a changed body and another endpoint's secret.
    assert.throws(() => new Webhook(secret).verify(body.replace('c-1', 'c-2'), signed));
    assert.throws(() => new Webhook(newWebhookSecret()).verify(body, signed));
  });

  test('a key already logged as sent is not sent again; the log says what, to whom, when', async () => {
    const channel = webhookChannel({ now: () => clock.now });
    const message = { url: hooks.url, secret: newWebhookSecret(), id: 'msg_order-7', payload: { n: 7 } };
    const before = hooks.received.length;
    clock.now = T0 + 1000;
    assert.equal(await messenger.send('w', channel, message, 'order-7'), 'sent');
    clock.now = T0 + 2000;
    assert.equal(await messenger.send('w', channel, message, 'order-7'), 'already_sent');
    assert.equal(hooks.received.length, before + 1, 'the receiver got it once');
    assert.equal(hooks.received.at(-1)!.headers['webhook-timestamp'], String((T0 + 1000) / 1000));
    assert.deepEqual(await messenger.history('w', 'order-7'), [
      {
        idempotencyKey: 'order-7',
        channel: 'webhook',
        recipient: hooks.url,
        messageId: 'msg_order-7',
        attemptedAt: T0 + 1000,
        outcome: 'sent',
        detail: 'HTTP 204',
      },
    ]);
    // Keys belong to a workspace: another workspace's message with the same key goes out.
    assert.equal(await messenger.send('other', channel, message, 'order-7'), 'sent');
    assert.equal(hooks.received.length, before + 2);
  });

  test('a refused webhook is logged as failed and rethrown; the retry with the same key goes out', async () => {
    const channel = webhookChannel({ now: () => clock.now });
    const message = { url: hooks.url, secret: newWebhookSecret(), id: 'msg_alert-3', payload: { a: 3 } };
    hooks.state.status = 503;
    clock.now = T0 + 10_000;
    await assert.rejects(messenger.send('w', channel, message, 'alert-3'), /HTTP 503/);
    hooks.state.status = 200;
    clock.now = T0 + 70_000;
    assert.equal(await messenger.send('w', channel, message, 'alert-3'), 'sent');
    const log = await messenger.history('w', 'alert-3');
    assert.deepEqual(
      log.map((e) => [e.outcome, e.attemptedAt, e.detail, e.messageId]),
      [
        ['failed', T0 + 10_000, 'the receiver answered HTTP 503', 'msg_alert-3'],
        ['sent', T0 + 70_000, 'HTTP 200', 'msg_alert-3'],
      ],
    );
    const ids = hooks.received.slice(-2).map((r) => r.headers['webhook-id']);
    assert.deepEqual(ids, ['msg_alert-3', 'msg_alert-3'], 'the retry carries the same webhook-id');
  });

  test('email through a real SMTP server: sent once per key, with its Message-ID', async () => {
    const smtp = await startSmtp();
    const sender = smtpSender({
      host: '127.0.0.1',
      port: smtp.port,
      tls: 'none',
      from: 'cxloop <acts@localhost>',
      allowSelfSigned: false,
      maxConnections: 2,
    })!;
    try {
      const channel = emailChannel(sender);
      const email = {
        to: 'kim@example.com',
        subject: 'Your order shipped',
        text: 'It is on its way.',
        html: '<p>It is on its way.</p>',
        headers: {},
        messageId: '<shipped-o-9@cxloop>',
      };
      clock.now = T0 + 100_000;
      assert.equal(await messenger.send('w', channel, email, 'shipped:o-9'), 'sent');
      assert.equal(await messenger.send('w', channel, email, 'shipped:o-9'), 'already_sent');
      await smtp.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(smtp.messages.length, 1);
      assert.equal(smtp.messages[0]!.messageId, '<shipped-o-9@cxloop>');
      const [entry] = await messenger.history('w', 'shipped:o-9');
      assert.deepEqual(
        [entry?.channel, entry?.recipient, entry?.attemptedAt, entry?.outcome],
        ['email', 'kim@example.com', T0 + 100_000, 'sent'],
      );
    } finally {
      sender.close();
      await smtp.close();
    }
  });
});
