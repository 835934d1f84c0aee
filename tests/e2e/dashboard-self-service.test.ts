import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dashboardKit, type DashboardKit } from './dashboard-kit.ts';

/** The self-service page: the help widget's report, each number with what it counts. */
describe('dashboard: self-service answers', () => {
  let kit: DashboardKit;
  before(async () => (kit = await dashboardKit({ demoCustomers: 0 })));
  after(async () => {
    await kit?.close();
  });

  it('is empty before anyone asks, then shows the question with its population', async () => {
    const { page } = await kit.newPage();
    await kit.signIn(page);
    await page.goto(kit.url + '/self-service');
    await page.getByText('Nobody has asked the help widget anything').waitFor({ timeout: 20_000 });
    const applied = await fetch(`${kit.url}/v1/answers`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${kit.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        articles: [
          { id: 'sizes', markdown: '---\ntitle: Size guide\ntags: [size]\n---\nTake the larger size.' },
        ],
      }),
    });
    assert.equal(applied.status, 200, await applied.text());
    const asked = await kit.post('/v1/sdk/answers/ask', kit.ingestKey, {
      anonymousId: 'visitor-1',
      question: 'which size should I take',
      conversationId: 'conv-dash-0001',
      turnId: 'turn-dash-0001',
    });
    assert.equal(asked.status, 200, await asked.text());
    await page.reload();
    const deflection = page.locator('[data-testid="deflection"]');
    await deflection.waitFor({ timeout: 20_000 });
    assert.match(await deflection.innerText(), /no conversations/);
    const text = await page.locator('main').innerText();
    assert.match(text, /1 of anonymous visitors/);
    assert.match(text, /identified customers/);
    assert.match(text, /sizes\s+1\s+– \(no votes\)/);
    await kit.screenshot(page, 'self-service');
  });
});
