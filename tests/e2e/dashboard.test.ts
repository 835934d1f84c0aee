import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  dashboardKit,
  defaultWindow,
  documentedPaths,
  firstPageBytes,
  oneDecimal,
  texts,
  type DashboardKit,
} from './dashboard-kit.ts';

/**
 * The dashboard end to end: a real server on the demo data, the built dashboard, a real Chromium.
 * Pages whose API has not landed must say "not available yet"; once it has, they must show the
 * API's own numbers.
 */

const FIRST_PAGE_LIMIT = 400 * 1024;
const XSS_COMMENT = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> Late & broken';
const XSS_CUSTOMER = 'xss-customer';

const DAY = 86_400_000;
/** The window the dashboard opens with: the last 90 days, today included. */

interface Score {
  value: number | null;
  n: number;
  insufficient: boolean;
}
interface ScoresReport {
  rows: (Record<string, unknown> & { nps?: Score; csat?: Score; ces?: Score })[];
}
interface Journey {
  stages: { id: string; name: string; touchpoints: { id: string; name: string }[] }[];
}

describe('dashboard in a real Chromium', () => {
  let kit: DashboardKit;
  let page: Page;
  let paths: Set<string>;
  const has = (path: string) => paths.has(path);

  before(async () => {
    kit = await dashboardKit();
    const reply = await kit.post('/v1/feedback', kit.ingestKey, {
      id: 'xss-1',
      customerId: XSS_CUSTOMER,
      touchpoint: 'delivery',
      metric: 'csat',
      score: 1,
      comment: XSS_COMMENT,
      timestamp: new Date(Date.now() - DAY).toISOString(),
    });
    assert.equal(reply.status, 200);
    paths = await documentedPaths(kit.url);
    ({ page } = await kit.newPage());
  });
  after(async () => {
    await kit?.close();
  });

  it('refuses the ingest key at sign-in, and says why', async () => {
    const { context, page: fresh } = await kit.newPage();
    await fresh.goto(kit.url + '/');
    await fresh.getByLabel('Secret key').fill(kit.ingestKey);
    await fresh.getByRole('button', { name: 'Sign in' }).click();
    const alert = fresh.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /write-only ingest key/);
    assert.deepEqual(await context.cookies(), []);
    await kit.screenshot(fresh, 'sign-in-refused');
    await context.close();
  });

  it('signs in with the secret key into a cookie that scripts cannot read', async () => {
    await kit.signIn(page);
    const [cookie] = await page.context().cookies();
    assert.equal(cookie?.name, 'cxloop_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.secure, true);
    assert.equal(cookie?.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.ok(
      !(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).includes(
        'cx_secret',
      ),
    );
  });

  it('opens the journey map small and fast, with every stage and touchpoint and the API numbers', async () => {
    const started = performance.now();
    let usableMs = 0;
    const bundle = await firstPageBytes(page, kit.url, async () => {
      await page.goto(kit.url + '/');
      await page.locator('.journey-page[data-state="ready"]').waitFor({ timeout: 30_000 });
      usableMs = performance.now() - started;
    });
    console.log(
      `first page: ${(bundle.gzipped / 1024).toFixed(1)} KB gzipped (${(bundle.bytes / 1024).toFixed(1)} KB raw, ` +
        `${bundle.files.length} files); journey map usable in ${usableMs.toFixed(0)} ms`,
    );
    assert.ok(bundle.gzipped < FIRST_PAGE_LIMIT, `first page is ${bundle.gzipped} bytes gzipped`);
    assert.ok(!bundle.files.some((f) => /echarts/i.test(f.url)), 'the first page loads no chart library');

    const journey = await kit.api<Journey>('/v1/journey');
    assert.deepEqual(
      await texts(page, '.stage-header h2'),
      journey.stages.map((s) => s.name),
    );
    const cells = await page
      .locator('.tp-cell')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-touchpoint')));
    assert.deepEqual(
      cells,
      journey.stages.flatMap((s) => s.touchpoints.map((t) => t.id)),
    );
    assert.deepEqual(await texts(page, '.phase-row .phase'), ['PRE-PURCHASE', 'PURCHASE', 'POST-PURCHASE']);

    await checkMapScores(page, 'csat');
    await kit.screenshot(page, 'journey-map');
  });

  /** Every coloured cell shows the API's score for its touchpoint, formatted with one decimal. */
  async function checkMapScores(on: Page, metric: 'nps' | 'csat' | 'ces') {
    if (!has('/v1/analytics/scores')) {
      assert.equal(await on.locator('[data-state="unavailable"]').count(), 1);
      return;
    }
    const { from, to } = defaultWindow();
    const report = await kit.api<ScoresReport>(
      `/v1/analytics/scores?from=${from}&to=${to}&by=touchpoint&metric=${metric}`,
    );
    const expected = new Map(
      report.rows
        .filter((r) => r[metric] && r[metric]!.value !== null)
        .map((r) => [String(r.touchpoint), r[metric]!.value as number]),
    );
    const shown = await on.locator('.tp-cell .tp-value').evaluateAll((els) =>
      els.map((el) => ({
        id: el.closest('.tp-cell')!.getAttribute('data-touchpoint')!,
        value: Number(el.getAttribute('data-value')),
        text: el.textContent!.trim(),
      })),
    );
    assert.equal(shown.length, expected.size);
    for (const cell of shown) {
      assert.equal(cell.value, expected.get(cell.id), cell.id);
      assert.equal(cell.text, oneDecimal.format(cell.value) + (metric === 'csat' ? ' %' : ''), cell.id);
    }
  }

  it('keeps the score choice in the address and recolours the map', async () => {
    await page.getByText('NPS', { exact: true }).click();
    await page.waitForURL(/metric=nps/);
    await page.locator('.journey-page[data-state="ready"]').waitFor();
    await checkMapScores(page, 'nps');
    await kit.screenshot(page, 'journey-map-nps');
    // The address alone restores the view.
    await page.goto(kit.url + '/?metric=ces');
    await page.locator('.journey-page[data-state="ready"]').waitFor();
    assert.equal(await page.getByRole('radio', { name: 'CES' }).isChecked(), true);
    await checkMapScores(page, 'ces');
  });

  it('reads well on a phone: stages stack and say their phase', async () => {
    const { context, page: phone } = await kit.newPage({ width: 390, height: 844 });
    await kit.signIn(phone);
    await phone.locator('.journey-page[data-state="ready"]').waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling on a phone (page is ${width}px wide)`);
    assert.equal(await phone.locator('.stage-phase').first().isVisible(), true);
    await kit.screenshot(phone, 'journey-map-phone');
    await context.close();
  });

  it('follows a touchpoint to its page, where a comment with <script> is shown as text', async () => {
    await page.goto(kit.url + '/');
    await page.locator('.tp-cell[data-touchpoint="delivery"] a').click();
    await page.waitForURL(/\/touchpoints\/delivery/);
    await page.getByRole('heading', { level: 1, name: 'Delivery' }).waitFor();
    const comment = page.locator('.comments .comment', { hasText: 'Late & broken' });
    await comment.waitFor();
    assert.equal(await comment.innerText(), XSS_COMMENT);
    assert.equal(await page.locator('.comments script, .comments img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);

    const { from, to } = defaultWindow();
    const feedback = await kit.api<{ affected: { customers: number } }>(
      `/v1/touchpoints/delivery/feedback?from=${from}&to=${to}`,
    );
    assert.equal(
      await page.locator('[data-testid="affected"] strong').getAttribute('data-value'),
      String(feedback.affected.customers),
    );
    // One definition of a bad experience: the page's count is its pain-point card's count.
    const card = page.locator('.pain-point [data-testid="pain-affected"]');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-value'), String(feedback.affected.customers));
    await kit.screenshot(page, 'touchpoint');

    await page
      .locator('.comments .comment-entry', { hasText: 'Late & broken' })
      .getByRole('link', { name: XSS_CUSTOMER })
      .click();
    await page.waitForURL(new RegExp(`/customers/${XSS_CUSTOMER}`));
    const onTimeline = page.locator('[data-testid="timeline"] .comment');
    await onTimeline.waitFor();
    assert.equal(await onTimeline.innerText(), XSS_COMMENT);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  });

  it('finds a customer and pages through their timeline', async () => {
    await page.goto(kit.url + '/customers');
    const customer = await kit.api<{ customer: { traits: { email: string } } }>(
      '/v1/customers/demo-c-1/timeline?limit=1',
    );
    await page.getByLabel('Customer ID, e-mail or name').fill(customer.customer.traits.email.toUpperCase());
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(/\/customers\?q=/);
    await page
      .locator('[data-testid="customer-matches"]')
      .getByRole('link', { name: 'demo-c-1', exact: true })
      .click();
    await page.waitForURL(/\/customers\/demo-c-1$/);
    await page.locator('[data-testid="timeline"] li').first().waitFor();
    const timeline = await kit.api<{ items: unknown[] }>('/v1/customers/demo-c-1/timeline?limit=1000');
    const shown = await page.locator('[data-testid="timeline"] li').count();
    assert.equal(shown, Math.min(100, timeline.items.length));
    await kit.screenshot(page, 'customer');
    await page.goto(kit.url + '/customers/nobody-here');
    assert.match(await page.getByRole('alert').innerText(), /no customer "nobody-here"/);
  });

  it('shows the scores explorer with the API numbers, flags small samples, and filters by channel', async () => {
    await page.goto(kit.url + '/scores');
    if (!has('/v1/analytics/scores')) {
      await page.locator('[data-state="unavailable"]').first().waitFor();
      await kit.screenshot(page, 'scores');
      return;
    }
    const table = page.locator('[data-testid="scores-table"]');
    await table.waitFor();
    const { from, to } = defaultWindow();
    const report = await kit.api<ScoresReport>(
      `/v1/analytics/scores?from=${from}&to=${to}&by=stage&metric=csat`,
    );
    const rows = report.rows.filter((r) => r.csat);
    assert.equal(await table.locator('tbody tr').count(), rows.length);
    for (const row of rows) {
      const tr = table.locator(`tr[data-group="${String(row.stage)}"]`);
      assert.equal(
        await tr.locator('td[data-value]').getAttribute('data-value'),
        String(row.csat!.value ?? ''),
      );
      assert.equal(
        await tr.locator('.badge-small').count(),
        row.csat!.insufficient && row.csat!.n > 0 ? 1 : 0,
      );
    }
    await page.locator('[data-testid="scores-chart"] svg').waitFor();
    await kit.screenshot(page, 'scores');
    await page.getByRole('combobox', { name: 'Channel', exact: true }).selectOption('email');
    await page.waitForURL(/channel=email/);
    await table.waitFor();
    // each filter change is a history entry: Back undoes it and stays in the app
    await page.getByRole('combobox', { name: 'Channel', exact: true }).selectOption('web');
    await page.waitForURL(/channel=web/);
    await page.goBack();
    await page.waitForURL(/channel=email/);
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/scores' && !url.search.includes('channel='));
    await table.waitFor();
  });

  it('shows the funnel with the API numbers', async () => {
    await page.goto(kit.url + '/funnel');
    if (!has('/v1/analytics/funnel')) {
      await page.locator('[data-state="unavailable"]').first().waitFor();
      await kit.screenshot(page, 'funnel');
      return;
    }
    const { from, to } = defaultWindow();
    const funnel = await kit.api<{ stages: { stage: string; customers: number }[] }>(
      `/v1/analytics/funnel?from=${from}&to=${to}`,
    );
    await page.locator('[data-testid="funnel-table"]').waitFor();
    for (const stage of funnel.stages) {
      const cell = page.locator(
        `[data-testid="funnel-table"] tr[data-stage="${stage.stage}"] td[data-value]`,
      );
      assert.equal(await cell.getAttribute('data-value'), String(stage.customers));
    }
    await page.locator('[data-testid="funnel-chart"] svg').waitFor();
    await kit.screenshot(page, 'funnel');
  });

  it('ranks pain points as the API does and links them to their touchpoints', async () => {
    await page.goto(kit.url + '/pain-points');
    if (!has('/v1/analytics/pain-points')) {
      await page.locator('[data-state="unavailable"]').first().waitFor();
      await kit.screenshot(page, 'pain-points');
      return;
    }
    const { from, to } = defaultWindow();
    const report = await kit.api<{
      formula: string;
      painPoints: {
        touchpoint: string;
        rank: number;
        painScore: number;
        affected: number;
        customers: number;
      }[];
      unranked: { touchpoint: string; reason: string }[];
    }>(`/v1/analytics/pain-points?from=${from}&to=${to}`);
    await page.locator('[data-testid="pain-list"]').waitFor();
    const ranked = await page
      .locator('[data-testid="pain-list"] .pain-point')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-touchpoint')));
    assert.deepEqual(
      ranked,
      report.painPoints.map((p) => p.touchpoint),
    );
    // no zero-score card carries a rank; those touchpoints are listed apart with their reason
    assert.ok(report.painPoints.every((p) => p.painScore > 0));
    if (report.unranked.length) {
      const unranked = page.locator('[data-testid="pain-unranked"] li');
      assert.equal(await unranked.count(), report.unranked.length);
      assert.match(await unranked.first().innerText(), new RegExp(report.unranked[0]!.reason));
    }
    // the formula in words, without the code's names
    const formula = await page.locator('[data-testid="pain-formula"]').innerText();
    assert.equal(formula, report.formula);
    assert.doesNotMatch(formula, /painScore|lowShare|severity =/);
    // one percentage per count on the card: the bad experiences as a share of the customers who met it
    const top = report.painPoints[0];
    if (top) {
      const text = await page
        .locator(`.pain-point[data-touchpoint="${top.touchpoint}"] > p`)
        .first()
        .innerText();
      assert.equal(text.match(/%/g)?.length ?? 0, text.includes('answers here were bad') ? 2 : 1, text);
      assert.match(text, /customers who met this touchpoint/);
      assert.doesNotMatch(text, /reach/);
    }
    await kit.screenshot(page, 'pain-points');
    const first = report.painPoints[0];
    if (first) {
      await page.locator(`.pain-point[data-touchpoint="${first.touchpoint}"] h2 a`).click();
      await page.waitForURL(new RegExp(`/touchpoints/${first.touchpoint}`));
    }
  });

  it('shows the first-run help on its own page', async () => {
    await page.goto(kit.url + '/welcome');
    await page.locator('[data-testid="first-run"]').waitFor();
    const text = await page.locator('[data-testid="first-run"]').innerText();
    assert.match(text, /cx_ingest_/);
    assert.match(text, /\/v1\/track/);
    assert.match(text, /curl /);
    await kit.screenshot(page, 'first-run');
  });

  it('is usable from the keyboard: skip link, page links and the score switch', async () => {
    await page.goto(kit.url + '/');
    await page.locator('.journey-page[data-state="ready"]').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.getByRole('radio', { name: 'CSAT' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/metric=ces/);
    await page.getByRole('link', { name: 'Funnel' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/funnel/);
    await page.getByRole('heading', { level: 1, name: 'Funnel' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-title');
  });

  it('signs out on the server: the old cookie no longer opens anything', async () => {
    const [cookie] = await page.context().cookies();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Secret key').waitFor();
    const res = await fetch(`${kit.url}/v1/journey`, {
      headers: { cookie: `cxloop_session=${cookie!.value}` },
    });
    assert.equal(res.status, 401);
  });
});
