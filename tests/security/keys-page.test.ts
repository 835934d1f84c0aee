import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dashboardKit, type DashboardKit } from '../e2e/dashboard-kit.ts';

// Finding 12 of issue #13, on the dashboard: keys are created, listed and revoked from a page; a
// new key is shown once, the list shows prefixes only.

let kit: DashboardKit;
before(async () => {
  kit = await dashboardKit({ demoCustomers: 0 });
});
after(async () => kit?.close());

test('the Keys page creates a key (shown once), lists prefixes and revokes', async () => {
  const { context, page } = await kit.newPage();
  try {
    await kit.signIn(page);
    await page.getByRole('link', { name: 'Keys' }).click();
    const table = page.locator('[data-testid="keys-table"]');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 2);
    assert.ok(
      !(await page.locator('body').innerText()).includes(kit.secretKey),
      'the secret key is never listed',
    );

    await page.getByRole('button', { name: 'New ingest key' }).click();
    const shown = page.locator('[data-testid="new-key"] code');
    await shown.waitFor();
    const key = (await shown.innerText()).trim();
    assert.match(key, /^cx_ingest_/);
    await table.locator('tbody tr').nth(2).waitFor();
    // The new key works, and it is gone from the page once dismissed.
    const sent = await kit.post('/v1/events', key, {
      id: 'k1',
      customerId: 'c1',
      name: 'Viewed',
      timestamp: new Date(Date.now() - 60_000).toISOString(),
    });
    assert.equal(sent.status, 200);
    await page.getByRole('button', { name: 'Done' }).click();
    assert.ok(!(await page.locator('body').innerText()).includes(key));

    await page.getByRole('button', { name: `Revoke ${key.slice(0, 16)}` }).click();
    await table.getByText(/^revoked /).waitFor();
    const refused = await kit.post('/v1/events', key, {
      id: 'k2',
      customerId: 'c1',
      name: 'Viewed',
      timestamp: new Date(Date.now() - 60_000).toISOString(),
    });
    assert.equal(refused.status, 401);
  } finally {
    await context.close();
  }
});
