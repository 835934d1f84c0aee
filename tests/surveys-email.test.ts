import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { startSmtp } from './smtp.ts';
import { DAY, surveyKit, type SurveyKit } from './surveys-kit.ts';

/** mailparser groups the List-* headers under `list`. */
const unsubscribeUrl = (mail: ParsedMail) =>
  (mail.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url;

const example = (name: string) =>
  readFileSync(new URL(`../examples/surveys/${name}.yaml`, import.meta.url), 'utf8');

describe('email invitations through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let kit: SurveyKit;
  const delivered = async (id: string, customerId: string) => {
    const res = await kit.call('POST', '/v1/events', kit.keys.acme!.ingest, {
      id,
      customerId,
      name: 'Order Delivered',
      timestamp: new Date(kit.clock.now).toISOString(),
    });
    assert.equal(res.status, 200, res.text);
  };
  const identify = (customerId: string, traits: Record<string, unknown>) =>
    kit.call('POST', '/v1/identify', kit.keys.acme!.ingest, { customerId, traits });

  before(async () => {
    smtp = await startSmtp();
    kit = await surveyKit({ smtpPort: smtp.port });
    await kit.defineSurvey('acme', example('post-delivery-csat'), 'post-delivery-csat');
  });
  after(async () => {
    await kit.close();
    await smtp.close();
  });

  it('sends the post-delivery CSAT two days after delivery; one click records the score and opens the rest', async () => {
    await identify('marie', { email: 'marie@example.fr', language: 'fr-FR', timezone: 'Europe/Paris' });
    await delivered('d1', 'marie');
    assert.equal((await kit.dispatch()).claimed, 0, 'nothing is due before the delay');
    kit.advance(2 * DAY);
    const report = await kit.dispatch();
    assert.equal(report.sent, 1, JSON.stringify(report));
    const [mail] = await smtp.waitFor(1);
    assert.equal(mail!.subject, "Comment s'est passée votre livraison ?");
    assert.equal((mail!.to as { text: string }).text, 'marie@example.fr');
    assert.match(mail!.text!, /Êtes-vous satisfait de la livraison/);
    assert.match(String(mail!.html), /Êtes-vous satisfait de la livraison/);
    assert.match(mail!.messageId!, /@cxloop/);
    assert.match(unsubscribeUrl(mail!), /^http:\/\/127\.0\.0\.1:\d+\/u\//);
    const post = mail!.headerLines.find((h) => h.key === 'list-unsubscribe-post');
    assert.equal(post?.line, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // Five one-click links, one per CSAT score, in both the HTML and the plain-text part.
    const links = [...mail!.text!.matchAll(/(http:\/\/\S+\?q=satisfaction&v=(\d))/g)];
    assert.deepEqual(
      links.map((m) => m[2]),
      ['1', '2', '3', '4', '5'],
    );
    const two = links.find((m) => m[2] === '2')![1]!;
    assert.ok(String(mail!.html).includes(two.replace(/&/g, '&amp;')));

    const page = await fetch(two);
    assert.equal(page.status, 200);
    const body = await page.text();
    assert.match(body, /<html lang="fr">/);
    assert.match(body, /Qu&#39;est-ce qui n&#39;a pas fonctionné \?/, 'a low score asks what went wrong');
    const feedback = await kit.store.read(
      "SELECT customer_id, metric, score, touchpoint FROM feedback WHERE source = 'survey:post-delivery-csat'",
    );
    assert.deepEqual(feedback, [{ customer_id: 'marie', metric: 'csat', score: 2, touchpoint: 'delivery' }]);
    // The same click again (a mail scanner, a double click) counts nothing twice.
    assert.equal((await fetch(two)).status, 200);
    const again = await kit.store.read(
      "SELECT count(*) AS n FROM feedback WHERE source = 'survey:post-delivery-csat'",
    );
    assert.equal(again[0]!.n, 1);

    const results = await kit.call('GET', '/v1/surveys/post-delivery-csat/results', kit.keys.acme!.secret);
    assert.equal(results.json.sent, 1);
    assert.equal(results.json.opens, 1);
    assert.equal(results.json.starts, 1);
    assert.equal(results.json.completions, 0);
    assert.equal(
      results.json.questions.find((q: { id: string }) => q.id === 'what-went-wrong').droppedHere,
      1,
    );
  });

  it('one-click unsubscribe (RFC 8058) stops later invitations, logged as skipped', async () => {
    const mail = smtp.messages[0]!;
    const target = unsubscribeUrl(mail);
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /unsubscribed/);
    await delivered('d2', 'marie');
    kit.advance(2 * DAY);
    const report = await kit.dispatch();
    assert.equal(report.skipped, 1);
    const log = await kit.call('GET', '/v1/contact-policy/decisions?customerId=marie', kit.keys.acme!.secret);
    assert.deepEqual(
      log.json.decisions.map((d: { decision: string; reason: string }) => `${d.decision}:${d.reason}`),
      ['skipped:unsubscribed', 'sent:email_accepted'],
    );
    assert.equal(smtp.messages.length, 1);
  });

  it('retries with backoff while the SMTP server refuses, then sends exactly once', async () => {
    await identify('tom', { email: 'tom@example.com' });
    await delivered('d3', 'tom');
    kit.advance(2 * DAY);
    smtp.state.down = true;
    const first = await kit.dispatch();
    assert.equal(first.retried, 1, JSON.stringify(first));
    const [row] = await kit.store.read(
      "SELECT status, attempts, due_at, last_error FROM survey_invitations WHERE customer_id = 'tom'",
    );
    assert.equal(row!.status, 'scheduled');
    assert.equal(row!.attempts, 1);
    assert.ok((row!.due_at as number) > kit.clock.now, 'the retry waits');
    assert.equal((await kit.dispatch()).claimed, 0, 'not before the backoff');
    kit.advance(2 * 60_000);
    assert.equal((await kit.dispatch()).retried, 1, 'second attempt also refused');
    smtp.state.down = false;
    kit.advance(10 * 60_000);
    assert.equal((await kit.dispatch()).sent, 1);
    kit.advance(DAY);
    assert.equal((await kit.dispatch()).claimed, 0);
    await smtp.waitFor(2);
    assert.equal(
      smtp.messages.filter((m) => (m.to as { text: string }).text === 'tom@example.com').length,
      1,
    );
    const sends = await kit.store.read(
      "SELECT outcome, attempt FROM invitation_sends s JOIN survey_invitations i ON i.id = s.invitation_id WHERE i.customer_id = 'tom' ORDER BY attempt",
    );
    assert.deepEqual(
      sends.map((s) => `${s.attempt}:${s.outcome}`),
      ['1:failed', '2:failed', '3:sent'],
    );
    assert.ok(smtp.state.refused >= 2);
  });

  it('gives up after the last attempt and says so', async () => {
    await identify('ann', { email: 'ann@example.com' });
    await delivered('d4', 'ann');
    kit.advance(2 * DAY);
    smtp.state.down = true;
    for (let i = 0; i < 3; i++) {
      await kit.dispatch();
      kit.advance(5 * 60_000);
    }
    smtp.state.down = false;
    const [row] = await kit.store.read(
      "SELECT status, reason, attempts FROM survey_invitations WHERE customer_id = 'ann'",
    );
    assert.deepEqual(row, { status: 'failed', reason: 'delivery_failed', attempts: 3 });
  });
});
