import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dashboardKit, type DashboardKit } from './dashboard-kit.ts';

/** The customer page's data requests: the export downloads, the erasure asks first and reports. */
describe('dashboard: a customer export and erasure', () => {
  let kit: DashboardKit;
  before(async () => (kit = await dashboardKit({ demoCustomers: 0 })));
  after(async () => {
    await kit?.close();
  });

  it('downloads the export, erases after confirming, and the audit log shows both', async () => {
    const res = await kit.post('/v1/identify', kit.ingestKey, {
      customerId: 'dash-erase-1',
      traits: { email: 'dash.erase@victim.example' },
    });
    assert.equal(res.status, 200);
    const { page } = await kit.newPage();
    await kit.signIn(page);
    await page.goto(kit.url + '/customers/dash-erase-1');
    const href = await page.locator('[data-testid="export-link"]').getAttribute('href');
    const zip = await page.request.get(kit.url + href!);
    assert.equal(zip.status(), 200);
    assert.equal(zip.headers()['content-type'], 'application/zip');
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page.locator('[data-testid="erase-button"]').click();
    const done = await page.locator('[data-testid="erasure-done"]').innerText();
    assert.match(asked, /Erase dash-erase-1\?/);
    assert.match(done, /Erased: \d+ rows deleted; the database file was rewritten without them/);
    await page.goto(kit.url + '/audit');
    await page.locator('[data-testid="audit-table"]').waitFor();
    const rows = await page.locator('[data-testid="audit-table"] tbody tr').allInnerTexts();
    assert.match(rows[0]!, /customer\.erase/);
    assert.match(rows[1]!, /customer\.export/);
    assert.ok(!rows.join('\n').includes('dash-erase-1'), 'the log names the customer by hash only');
  });
});
