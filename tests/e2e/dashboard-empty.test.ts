import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dashboardKit, texts, type DashboardKit } from './dashboard-kit.ts';

/** The dashboard on a workspace that has no data yet: the first-run help, and empty states. */

describe('dashboard on an empty workspace', () => {
  let kit: DashboardKit;
  before(async () => (kit = await dashboardKit({ demoCustomers: 0 })));
  after(async () => {
    await kit?.close();
  });

  it('greets a new workspace with how to send data, and empty states instead of numbers', async () => {
    const { context, page } = await kit.newPage();
    await kit.signIn(page);
    const help = page.locator('.journey-page [data-testid="first-run"]');
    await help.waitFor();
    const text = await help.innerText();
    assert.match(text, /0 events and 0 feedback responses/);
    assert.match(text, new RegExp(kit.ingestKey.slice(0, 16)));
    assert.ok(!text.includes(kit.secretKey), 'the secret key is never shown');
    await page.locator('.journey-page[data-state="ready"]').waitFor();
    assert.equal(await page.locator('.tp-value').count(), 0);
    assert.ok((await page.locator('.tp-empty').count()) > 0);
    await kit.screenshot(page, 'first-run-empty-workspace');
    await page.goto(kit.url + '/pain-points');
    await page.locator('.state-empty, [data-state="unavailable"]').first().waitFor();

    // The examples work as shown: sent with the ingest key, they are stored, and the help makes way.
    await page.goto(kit.url + '/welcome');
    // Wait for the examples to render: reading them any earlier finds none and sends nothing.
    await page.locator('[data-testid="first-run"] pre code').first().waitFor();
    const examples = await texts(page, '[data-testid="first-run"] pre code');
    assert.ok(examples.length >= 2, 'an event and a feedback example');
    for (const example of examples) {
      const url = example.match(/curl (\S+)/)![1]!;
      const body = example.match(/-d '(.+)'/)![1]!;
      const reply = await kit.post(new URL(url).pathname, kit.ingestKey, JSON.parse(body));
      assert.equal(reply.status, 200, await reply.text());
    }
    await page.goto(kit.url + '/');
    await page.locator('.journey-page[data-state="ready"]').waitFor();
    assert.equal(await page.locator('[data-testid="first-run"]').count(), 0);
    await context.close();
  });
});
