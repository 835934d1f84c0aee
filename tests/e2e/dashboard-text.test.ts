import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { plantedComments } from '../text-kit.ts';
import { dashboardKit, type DashboardKit } from './dashboard-kit.ts';

/** The Text page: sentiment split, themes by touchpoint, growth, and the comments filtered, in Chromium. */
describe('dashboard: text', () => {
  let kit: DashboardKit;
  before(async () => (kit = await dashboardKit({ demoCustomers: 0 })));
  after(async () => {
    await kit?.close();
  });

  it('shows the planted comments: split with its population, themes at their touchpoints, filters', async () => {
    const reply = await kit.post('/v1/feedback', kit.ingestKey, { batch: plantedComments() });
    assert.equal(reply.status, 200);
    const { page } = await kit.newPage();
    await kit.signIn(page);
    await page.goto(kit.url + '/text?from=2025-06-01&to=2025-06-30');
    // the server reads the comments through the outbox: the split appears once they are read
    await page.locator('[data-testid="text-split"]').waitFor({ timeout: 30_000 });
    const split = await page.locator('[data-testid="text-split"]').innerText();
    assert.match(split, /43 comments from 2025-06-01 to 2025-06-30: 24 negative/);
    assert.match(split, /12 positive/);
    assert.match(split, /1 in a language the model does not read/);
    const heat = await page.locator('[data-testid="text-heatmap"]').innerText();
    assert.match(heat, /delivery/);
    assert.match(heat, /support-chat/);
    await page.locator('[data-testid="text-found"]').waitFor();
    assert.match(await page.locator('[data-testid="text-found"]').innerText(), /^43 comments match/);
    await page.locator('select[name="sentiment"]').selectOption('positive');
    await page.waitForFunction(() =>
      /^12 comments match/.test(document.querySelector('[data-testid="text-found"]')?.textContent ?? ''),
    );
    await page.locator('select[name="sentiment"]').selectOption('');
    await page.locator('input[name="q"]').fill('delivered');
    await page.locator('input[name="q"]').press('Tab');
    await page.waitForFunction(() =>
      /^24 comments match/.test(document.querySelector('[data-testid="text-found"]')?.textContent ?? ''),
    );
    await kit.screenshot(page, 'text');
  });
});
