import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dashboardKit, type DashboardKit } from './dashboard-kit.ts';

/** The rejects page: what a Segment-compatible batch refused, why, and the message as it arrived. */
describe('dashboard: rejected data', () => {
  let kit: DashboardKit;
  before(async () => (kit = await dashboardKit({ demoCustomers: 0 })));
  after(async () => {
    await kit?.close();
  });

  it('lists a refused message with its field path, counted with its population', async () => {
    const { page } = await kit.newPage();
    await kit.signIn(page);
    await page.goto(kit.url + '/rejects');
    await page.locator('.state-empty').first().waitFor();
    const reply = await kit.post('/v1/batch', kit.ingestKey, {
      batch: [
        { type: 'track', userId: 'd1', event: 'Fine', messageId: 'fine-1' },
        { type: 'track', userId: 'd1', messageId: 'nameless-1' },
      ],
    });
    assert.equal(reply.status, 200);
    await page.reload();
    const summary = await page.locator('[data-testid="rejects-summary"]').innerText();
    assert.match(summary, /1 messages rejected in this workspace since it began, 1 not replayed/);
    const row = await page.locator('[data-testid="rejects-table"] tbody tr').innerText();
    assert.match(row, /batch/);
    assert.match(row, /event: track needs an event name/);
    await page.locator('[data-testid="rejects-table"] summary').click();
    assert.match(
      await page.locator('[data-testid="rejects-table"] pre').innerText(),
      /"messageId": "nameless-1"/,
    );
    await kit.screenshot(page, 'rejects');
  });
});
