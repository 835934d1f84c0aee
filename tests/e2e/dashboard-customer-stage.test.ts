import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dashboardKit, type DashboardKit } from './dashboard-kit.ts';

/**
 * Current stage on the dashboard: the journey map counts customers per current stage (population
 * and clock named) and the customer page says where a customer is and whether they are stalled.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('dashboard: current stage', () => {
  let kit: DashboardKit;
  before(async () => {
    kit = await dashboardKit({ demoCustomers: 0 });
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const batch = [];
    // 25 customers viewed a product and bought 1 to 25 hours later: consideration's typical time.
    for (let i = 1; i <= 25; i++) {
      batch.push(
        { id: `v${i}`, customerId: `m${i}`, name: 'Product Viewed', timestamp: iso(now - 40 * DAY) },
        {
          id: `o${i}`,
          customerId: `m${i}`,
          name: 'Order Completed',
          timestamp: iso(now - 40 * DAY + i * HOUR),
        },
      );
    }
    batch.push({ id: 's1', customerId: 'stuck', name: 'Product Viewed', timestamp: iso(now - 10 * DAY) });
    const reply = await kit.post('/v1/events', kit.ingestKey, { batch });
    assert.equal(reply.status, 200, await reply.text());
  });
  after(async () => {
    await kit?.close();
  });

  it('the journey map counts customers per current stage, naming who and when', async () => {
    const { page } = await kit.newPage();
    await kit.signIn(page);
    await page.goto(kit.url + '/');
    await page.locator('[data-testid="stage-counts-note"]').waitFor();
    const here = (stage: string) =>
      page.locator(`[data-stage="${stage}"] [data-testid="stage-here"]`).innerText();
    assert.equal(await here('consideration'), '1 here now, 1 stalled');
    // Only 0 customers moved on from the purchase stage: no stalled count is claimed.
    assert.equal(await here('purchase'), '25 here now');
    assert.equal(await here('awareness'), '0 here now');
    const note = await page.locator('[data-testid="stage-counts-note"]').innerText();
    assert.match(note, /26 identified customers with at least one event at a journey touchpoint/);
    assert.match(note, /90th percentile/);
    await kit.screenshot(page, 'journey-map-stages');
  });

  it('the customer page shows the current stage and the stalled rule', async () => {
    const { page } = await kit.newPage();
    await kit.signIn(page);
    await page.goto(kit.url + '/customers/stuck');
    const stage = page.locator('[data-testid="customer-stage"]');
    await stage.waitFor();
    assert.equal(await stage.getAttribute('data-stage'), 'consideration');
    assert.equal(await stage.getAttribute('data-stalled'), 'true');
    const text = await stage.innerText();
    assert.match(text, /Current stage: Consideration/);
    assert.match(text, /stalled/);
    assert.match(text, /90th percentile of the time the 25 customers who moved on/);
    await page.goto(kit.url + '/customers/m1');
    await page.locator('[data-testid="customer-stage"][data-stage="purchase"]').waitFor();
    assert.match(
      await page.locator('[data-testid="customer-stage"]').innerText(),
      /Not judged stalled or not: only 0 customers moved on/,
    );
  });

  it('an exact customer id in the search opens the profile; part of one lists matches', async () => {
    const { page } = await kit.newPage();
    await kit.signIn(page);
    await page.goto(kit.url + '/customers');
    await page.locator('#customer-query').fill('m');
    await page.locator('form.search button[type="submit"]').click();
    await page.locator('[data-testid="customer-matches"]').waitFor();
    assert.equal(new URL(page.url()).pathname, '/customers');
    await page.locator('#customer-query').fill('stuck');
    await page.locator('form.search button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/customers/stuck');
    await page.locator('[data-testid="customer-stage"]').waitFor();
  });

  it('the churn rule is on the page and its days can be set', async () => {
    const { page } = await kit.newPage();
    await kit.signIn(page);
    await page.goto(kit.url + '/funnel');
    const rule = page.locator('[data-testid="churn-rule"]');
    await rule.waitFor();
    assert.match(await rule.innerText(), /Churn rule: a customer has churned after a churn event, or after/);
    assert.equal(await rule.locator('input[name="churnDays"]').inputValue(), '90');
    await page.locator('[data-testid="retention"]').waitFor();
    assert.match(await page.locator('[data-testid="retention"]').innerText(), /no activity for 90 days/);
    await rule.locator('input[name="churnDays"]').fill('30');
    await rule.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.searchParams.get('churnDays') === '30');
    await page.locator('[data-testid="retention"]', { hasText: 'no activity for 30 days' }).waitFor();
    await rule.locator('input[name="churnDays"]').fill('0');
    assert.equal(await rule.locator('button[type="submit"]').isDisabled(), true);
  });
});
