// Stored HTML on the dashboard: in chart tooltips (finding 4) and in every page's fields (the attack suite).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { dashboardKit, type DashboardKit } from '../e2e/dashboard-kit.ts';

// Finding 4 of issue #13: a trait value `<img src=x onerror=...>` reached the DOM through the
// ECharts tooltips on /scores and /drivers (the CSP stopped the script; the markup got in).

export const PAYLOAD = '<img src=x onerror="window.__xss=1">';

/** Records every element or event-handler attribute the page gains that stored data could inject. */
export async function watchForInjection(page: Page) {
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __injected: string[] }).__injected = found;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          for (const el of [node, ...node.querySelectorAll('*')]) {
            // The dashboard's own bundle is the one script the page itself adds.
            const ownBundle = el.tagName === 'SCRIPT' && /^\/assets\//.test(el.getAttribute('src') ?? '');
            if (['IMG', 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName) && !ownBundle)
              found.push(el.outerHTML);
            for (const attr of el.getAttributeNames())
              if (attr.startsWith('on')) found.push(`${el.tagName} ${attr}`);
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

export const injected = (page: Page) =>
  page.evaluate(() => (window as unknown as { __injected: string[] }).__injected);

/** The text of the chart's HTML tooltip (ECharts puts it in a div beside its svg), or ''. */
const tooltipText = (page: Page, chart: string) =>
  page.evaluate(
    (selector) =>
      [...(document.querySelector(selector)?.querySelectorAll('div') ?? [])]
        .filter(
          (div) =>
            !div.querySelector('svg') &&
            div.closest('svg') === null &&
            getComputedStyle(div).position === 'absolute',
        )
        .map((div) => div.textContent ?? '')
        .join('\n'),
    chart,
  );

/** Moves the mouse over each drawn shape of the chart until its tooltip shows `text`. */
export async function hoverUntilTooltip(page: Page, chart: string, text: string): Promise<boolean> {
  const container = page.locator(chart);
  await container.locator('svg').first().waitFor();
  const shapes = await container.locator('svg path').all();
  for (const shape of shapes.slice(0, 400)) {
    const box = await shape.boundingBox();
    if (!box || box.width > 40 || box.height > 40) continue; // symbols, not lines or bands
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(30);
    if ((await tooltipText(page, chart)).includes(text)) return true;
  }
  return false;
}

let kit: DashboardKit;
let touchpointId = '';
const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString();

before(async () => {
  kit = await dashboardKit({ demoCustomers: 0 });
  const journey = await kit.api<{ stages: { name: string; touchpoints: { id: string; name: string }[] }[] }>(
    '/v1/journey',
  );
  const touchpoint = journey.stages[0]!.touchpoints[0]!;
  // The touchpoint's name is stored HTML too: the series of /scores by touchpoint carry it.
  touchpoint.name = `${PAYLOAD} ${touchpoint.name}`;
  journey.stages[0]!.name = `${PAYLOAD} ${journey.stages[0]!.name}`;
  touchpointId = touchpoint.id;
  const put = await fetch(`${kit.url}/v1/journey`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${kit.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(journey),
  });
  assert.equal(put.status, 200, await put.text());
  const identifies = [];
  const feedback = [];
  for (let i = 0; i < 40; i++) {
    identifies.push({ customerId: `c${i}`, traits: { segment: i % 2 ? PAYLOAD : 'plain' } });
    for (let d = 0; d < 3; d++)
      feedback.push({
        id: `f${i}-${d}`,
        customerId: `c${i}`,
        touchpoint: touchpoint.id,
        metric: 'csat',
        // The two segments score apart, so their points do not lie on each other.
        score: i % 2 ? 4 + (d % 2) : 1 + ((i + d) % 2),
        comment: `${PAYLOAD} comment ${i}`,
        timestamp: day(2 + d * 7),
      });
  }
  for (const body of identifies)
    assert.equal((await kit.post('/v1/identify', kit.ingestKey, body)).status, 200);
  const events = Array.from({ length: 40 }, (_, i) => ({
    id: `e${i}`,
    customerId: `c${i}`,
    name: `${PAYLOAD} Viewed`,
    timestamp: day(3),
    properties: { note: PAYLOAD },
  }));
  assert.equal((await kit.post('/v1/events', kit.ingestKey, events)).status, 200);
  const sent = await kit.post('/v1/feedback', kit.ingestKey, feedback);
  assert.equal(sent.status, 200, await sent.text());
});
after(async () => kit?.close());

for (const by of ['trait:segment', 'touchpoint']) {
  test(`stored HTML in a /scores tooltip (by ${by}) is shown as text, never as markup`, async () => {
    const { context, page } = await kit.newPage();
    try {
      await watchForInjection(page);
      await kit.signIn(page);
      const from = day(40).slice(0, 10);
      const to = day(0).slice(0, 10);
      await page.goto(`${kit.url}/scores?by=${by}&metric=csat&interval=week&from=${from}&to=${to}`);
      const shown = await hoverUntilTooltip(page, '[data-testid="scores-chart"]', PAYLOAD.slice(0, 10));
      assert.ok(shown, 'no tooltip showed the stored value');
      assert.deepEqual(await injected(page), []);
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    } finally {
      await context.close();
    }
  });
}

test('stored HTML in every field the dashboard pages show is rendered as text: no element injected on any page', async () => {
  const { context, page } = await kit.newPage();
  try {
    await watchForInjection(page);
    await kit.signIn(page);
    const period = `from=${day(40).slice(0, 10)}&to=${day(0).slice(0, 10)}`;
    const pages = [
      `/?${period}`,
      `/scores?by=trait:segment&${period}`,
      `/scores?by=stage&${period}`,
      `/funnel?${period}`,
      `/pain-points?${period}`,
      `/touchpoints/${touchpointId}?${period}`,
      `/drivers?${period}`,
      `/cross-impact?${period}`,
      '/structure',
      '/customers?q=c1',
      '/customers/c1',
    ];
    const shownAsText: string[] = [];
    for (const path of pages) {
      await page.goto(kit.url + path);
      await page.waitForLoadState('networkidle');
      if ((await page.locator('body').innerText()).includes(PAYLOAD.slice(0, 12))) shownAsText.push(path);
      assert.deepEqual(await injected(page), [], path);
    }
    // The stored values did reach the screens, as text.
    for (const expected of [`/touchpoints/${touchpointId}?${period}`, '/customers/c1'])
      assert.ok(
        shownAsText.includes(expected),
        `${expected} does not show the stored value (shown on: ${shownAsText.join(', ')})`,
      );
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  } finally {
    await context.close();
  }
});
