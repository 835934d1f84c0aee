import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { surveyKit, type SurveyKit } from '../surveys-kit.ts';
import { launchChromium } from './chromium.ts';

/** A shop page served by the cxloop server itself, loading the SDK with the snippet from the docs. */
const shopPage = (key: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Product A-1</h1><button id="buy">Buy</button>
<script>
  window.cxloop = window.cxloop || [];
  const params = new URLSearchParams(location.search);
  // The site's backend puts the signed-in customer's user hash in the page (identity verification).
  cxloop.push(['identify', params.get('customer'), { language: 'en' }, { userHash: params.get('hash') }]);
  cxloop.push(['track', 'Product Viewed', { sku: 'A-1' }]);
  cxloop.push(['init', { key: ${JSON.stringify(key)} }]); // calls queued before init still run

</script>
<script async src="/sdk.js"></script>
</body></html>`;

describe('browser SDK in a real Chromium', () => {
  let kit: SurveyKit;
  let browser: Browser;
  let worker: { stop(): Promise<void> };

  before(async () => {
    kit = await surveyKit();
    // Real time here: the SDK stamps events with the browser's clock.
    Object.defineProperty(kit.clock, 'now', { get: () => Date.now(), set: () => undefined });
    kit.pages.set('/shop', () => shopPage(kit.keys.acme!.ingest));
    await kit.defineSurvey('acme', {
      id: 'product-ces',
      name: 'Quick question',
      touchpoint: 'product-pages',
      questions: [
        { id: 'ease', kind: 'ces', text: 'How easy was it to find this product?', required: true },
        { id: 'why', kind: 'text', text: 'What made it hard?', showIf: { question: 'ease', max: 3 } },
      ],
      triggers: [{ id: 'viewed', event: 'Product Viewed', where: { sku: 'A-1' }, channel: 'web' }],
    });
    worker = kit.services.surveys.startWorker({ serverUrl: kit.url, email: null });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await worker?.stop();
    await kit?.close();
  });

  const visit = async (customer: string, verified = true): Promise<Page> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const hash = verified ? `&hash=${await kit.userHash('acme', customer)}` : '';
    await page.goto(`${kit.url}/shop?customer=${customer}${hash}`);
    return page;
  };

  it("without the customer's user hash the widget shows no survey meant for that customer", async () => {
    const page = await visit('shopper-0', false);
    await page.waitForTimeout(6000);
    assert.equal(await page.getByRole('dialog').count(), 0);
    // The invitation exists and waits: the same customer, verified, gets it.
    const [row] = await kit.store.read(
      "SELECT count(*) AS n FROM survey_invitations WHERE customer_id = 'shopper-0' AND status = 'sent'",
    );
    assert.equal(row!.n, 1);
    await page.context().close();
    const verified = await visit('shopper-0');
    await verified.getByRole('dialog').waitFor({ timeout: 15_000 });
    await verified.context().close();
  });

  it('a trigger fires, the survey pops up, and an answer given by keyboard is recorded on the server', async () => {
    const page = await visit('shopper-1');
    const dialog = page.getByRole('dialog', { name: 'Quick question' });
    await dialog.waitFor({ timeout: 15_000 });
    assert.equal(await dialog.getByText('How easy was it to find this product?').count(), 1);
    // Focus moves into the survey: the first score is focused, arrows move along the scale.
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).value), '1');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Send');
    await page.keyboard.press('Enter');
    await dialog.getByRole('status').waitFor({ timeout: 5000 });
    assert.match((await dialog.textContent()) ?? '', /Thank you/);

    const answers = await kit.store.read(
      "SELECT question_id, value::VARCHAR AS value, channel FROM survey_answers WHERE customer_id = 'shopper-1'",
    );
    assert.deepEqual(answers, [{ question_id: 'ease', value: '6', channel: 'web' }]);
    const feedback = await kit.store.read(
      "SELECT metric, score FROM feedback WHERE customer_id = 'shopper-1'",
    );
    assert.deepEqual(feedback, [{ metric: 'ces', score: 6 }]);
    await page.context().close();
  });

  it('Escape dismisses the survey, and the dismissal holds on the server in another browser', async () => {
    const page = await visit('shopper-2');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5000 });
    await page.context().close();
    let dismissed: unknown = null;
    for (let i = 0; i < 50 && !dismissed; i++) {
      const [row] = await kit.store.read(
        "SELECT dismissed_at FROM survey_invitations WHERE customer_id = 'shopper-2'",
      );
      dismissed = row?.dismissed_at;
      if (!dismissed) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(dismissed, 'the dismissal reached the server');

    // A fresh browser (no local storage) for the same customer: the survey does not come back.
    const again = await visit('shopper-2');
    await again.waitForTimeout(6000);
    assert.equal(await again.getByRole('dialog').count(), 0);
    const log = await kit.call(
      'GET',
      '/v1/contact-policy/decisions?customerId=shopper-2',
      kit.keys.acme!.secret,
    );
    assert.deepEqual(
      log.json.decisions.map((d: { decision: string; reason: string }) => `${d.decision}:${d.reason}`),
      ['skipped:recently_surveyed', 'sent:web_ready'],
    );
    await again.context().close();
  });
});
