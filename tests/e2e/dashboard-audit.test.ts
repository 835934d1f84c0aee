import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dashboardKit, type DashboardKit } from './dashboard-kit.ts';

/** The audit log page: a retention change shows who made it and the changed values. */
describe('dashboard: audit log', () => {
  let kit: DashboardKit;
  before(async () => (kit = await dashboardKit({ demoCustomers: 0 })));
  after(async () => {
    await kit?.close();
  });

  it('lists the sign-in and a configuration change with its diff', async () => {
    const { page } = await kit.newPage();
    await kit.signIn(page);
    const res = await fetch(`${kit.url}/v1/retention`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${kit.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ eventsDays: 400, commentsDays: null }),
    });
    assert.equal(res.status, 200);
    await page.goto(kit.url + '/audit');
    await page.locator('[data-testid="audit-table"]').waitFor();
    const rows = await page.locator('[data-testid="audit-table"] tbody tr').allInnerTexts();
    assert.match(rows[0]!, /retention\.replace/);
    assert.match(rows[0]!, /eventsDays: null → 400/);
    assert.ok(rows.some((r) => /session\.sign-in/.test(r)));
    assert.match(
      await page.locator('[data-testid="audit-summary"]').innerText(),
      /audit entries of workspace/,
    );
    await kit.screenshot(page, 'audit');
  });
});
