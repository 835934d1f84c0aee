import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  dashboardKit,
  defaultWindow,
  documentedPaths,
  oneDecimal,
  type DashboardKit,
} from './dashboard-kit.ts';

/**
 * The dashboard's analysis pages end to end (key drivers, cross-impact and what-if, MICMAC,
 * DEMATEL, CIB): a real server on the demo data, the built dashboard, a real Chromium. Each page
 * must show the API's own numbers, or say "not available yet" while its API has not landed.
 */
describe('dashboard analysis pages in a real Chromium', () => {
  let kit: DashboardKit;
  let page: Page;
  let paths: Set<string>;
  const has = (path: string) => paths.has(path);

  before(async () => {
    kit = await dashboardKit();
    paths = await documentedPaths(kit.url);
    ({ page } = await kit.newPage());
    await kit.signIn(page);
  });
  after(async () => {
    await kit?.close();
  });

  it('shows the key drivers as the API computes them', async () => {
    await page.goto(kit.url + '/drivers');
    if (!has('/v1/analyze/drivers')) {
      await page.locator('[data-state="unavailable"]').first().waitFor();
      await kit.screenshot(page, 'drivers');
      return;
    }
    const { from, to } = defaultWindow();
    type Answer = {
      ok: boolean;
      r2?: number;
      evidence?: { modelSignificant: boolean };
      drivers?: { name: string; lmgShare: number; quadrant: string; evidence: string; kind: string }[];
      selection: { rule: string; candidates: { name: string; chosen: boolean }[] };
    };
    const advice = ['concentrate-here', 'keep-up-the-good-work', 'low-priority', 'possible-overkill'];
    for (const outcome of ['nps', 'repeat-purchase', 'churn']) {
      if (outcome !== 'nps') await page.getByRole('combobox', { name: 'Outcome' }).selectOption(outcome);
      const answer = (await (
        await kit.post('/v1/analyze/drivers', kit.secretKey, { from, to, outcome })
      ).json()) as Answer;
      await page.locator('[data-testid="drivers-table"], .state-empty').first().waitFor();
      // The qualification rule and every touchpoint left out are on the page, fitted or not.
      const selection = await page.locator('[data-testid="drivers-selection"]').innerText();
      assert.ok(selection.includes(answer.selection.rule), `${outcome}: the rule is shown`);
      for (const c of answer.selection.candidates.filter((x) => !x.chosen))
        assert.ok(selection.includes(`${c.name} is not a driver`), `${outcome}: ${c.name} left out is shown`);
      if (!answer.ok) continue;
      const shown = await page
        .locator('[data-testid="drivers-table"] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.getAttribute('data-driver'),
            Number(tr.querySelector('[data-value]')!.getAttribute('data-value')),
            tr.getAttribute('data-quadrant'),
            tr.lastElementChild!.textContent,
          ]),
        );
      // The server sums in parallel, so two runs may differ in the last bits of a share.
      assert.deepEqual(
        shown.map((r) => [r[0], r[2]]),
        answer.drivers!.map((d) => [d.name, d.quadrant]),
      );
      answer.drivers!.forEach((d, i) =>
        assert.ok(Math.abs(Number(shown[i]![1]) - d.lmgShare) <= 1e-9, `${outcome}: ${d.name} share`),
      );
      // A driver without advice says why on the page, never a quadrant name.
      answer.drivers!.forEach((d, i) => {
        if (!advice.includes(d.quadrant)) assert.ok(String(shown[i]![3]).includes(d.evidence), d.name);
      });
      const model = await page.locator('[data-testid="drivers-model"]').innerText();
      assert.match(
        model,
        /R² = \d\.\d{3}, that is [\d.]+ ?% of the variance/,
        `${outcome}: R² is said of what`,
      );
      const noEvidence = page.locator('[data-testid="drivers-no-evidence"]');
      assert.equal(
        await noEvidence.count(),
        answer.evidence!.modelSignificant ? 0 : 1,
        `${outcome}: evidence state`,
      );
      if (answer.drivers!.filter((d) => d.kind === 'numeric').length > 1)
        await page.locator('[data-testid="drivers-chart"] svg').waitFor();
      else await page.locator('[data-testid="drivers-one"]').waitFor();
      await kit.screenshot(page, outcome === 'nps' ? 'drivers' : `drivers-${outcome}`);
    }
  });

  it('shows the cross-impact matrix with its evidence, and answers a what-if', async () => {
    await page.goto(kit.url + '/cross-impact');
    if (!has('/v1/analyze/cross-impact')) {
      await page.locator('[data-state="unavailable"]').first().waitFor();
      await kit.screenshot(page, 'cross-impact');
      return;
    }
    const { from, to } = defaultWindow();
    const answer = (await (
      await kit.post('/v1/analyze/cross-impact', kit.secretKey, { from, to })
    ).json()) as {
      pairs: {
        from: string;
        to: string;
        status: string;
        significant: boolean;
        riskDifference: { estimate: number } | null;
        adjusted?: { verdict: string };
      }[];
    };
    const strongest = answer.pairs
      .filter((p) => p.status === 'ok' && p.significant && p.riskDifference)
      .sort((a, b) => Math.abs(b.riskDifference!.estimate) - Math.abs(a.riskDifference!.estimate))
      .slice(0, 10);
    const table = page.locator('[data-testid="cross-impact-table"]');
    await table.waitFor();
    const shown = await table
      .locator('tbody td[data-value]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    assert.deepEqual(
      shown,
      strongest.map((p) => p.riskDifference!.estimate),
    );
    // Each pair also says whether it holds within groups that met the same declared failures.
    const verdicts = await table
      .locator('tbody td[data-verdict]')
      .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-verdict')));
    assert.deepEqual(
      verdicts,
      strongest.map((p) => p.adjusted?.verdict ?? 'none'),
    );
    await page.locator('[data-testid="impact-heatmap"] svg').waitFor();
    if (strongest.length) {
      await table.getByRole('button').first().click();
      await page.locator('[data-testid="evidence"]').waitFor();
    }
    await kit.screenshot(page, 'cross-impact');

    if (has('/v1/analyze/what-if')) {
      // Only touchpoints with scores are offered; the others are named with the reason.
      const drivers = (await (
        await kit.post('/v1/analyze/drivers', kit.secretKey, { from, to, outcome: 'nps' })
      ).json()) as { selection: { candidates: { touchpoint: string }[] } };
      const offered = await page
        .getByRole('combobox', { name: 'Touchpoint' })
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      assert.deepEqual(
        offered,
        drivers.selection.candidates.map((c) => c.touchpoint),
      );
      assert.match(await page.locator('[data-testid="what-if-unscored"]').innerText(), /no survey score/);
      await page.getByRole('combobox', { name: 'Touchpoint' }).selectOption('delivery');
      await page.getByRole('button', { name: 'Estimate' }).click();
      const whatIf = (await (
        await kit.post('/v1/analyze/what-if', kit.secretKey, {
          from,
          to,
          touchpoint: 'delivery',
          outcome: 'nps',
          lift: 1,
        })
      ).json()) as { ok: boolean; total?: { estimate: number } };
      if (whatIf.ok) {
        const total = page.locator('[data-testid="what-if-total"]');
        await total.waitFor();
        // The server sums in parallel, so two runs may differ in the last bits.
        const shown = Number(await total.getAttribute('data-value'));
        assert.ok(
          Math.abs(shown - whatIf.total!.estimate) <= 1e-9 * Math.max(1, Math.abs(whatIf.total!.estimate)),
        );
      } else {
        await page.locator('.what-if .state-empty').waitFor();
      }
      await kit.screenshot(page, 'cross-impact-what-if');
    }
  });

  it('runs MICMAC on the example and on an uploaded CSV, showing the API numbers', async () => {
    await page.goto(kit.url + '/structure');
    const table = page.locator('[data-testid="micmac-table"]');
    await table.waitFor();
    await page.locator('[data-testid="micmac-map"] svg').waitFor();
    await kit.screenshot(page, 'micmac');

    const csv = ',Ads,Delivery,Support\nAds,0,1,0\nDelivery,0,0,3\nSupport,2,P,0\n';
    const file = join(tmpdir(), `cxloop-matrix-${process.pid}.csv`);
    writeFileSync(file, csv);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.waitForFunction(() =>
      (document.querySelector('textarea') as HTMLTextAreaElement).value.includes('Support,2,P'),
    );
    await page.getByRole('button', { name: 'Analyse' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="micmac-table"] tbody tr').length === 3,
    );
    const result = await (
      await kit.post('/v1/analyze/micmac', kit.secretKey, {
        variables: ['Ads', 'Delivery', 'Support'],
        matrix: [
          [0, 1, 0],
          [0, 0, 3],
          [2, 'P', 0],
        ],
        threshold: 'mean',
      })
    ).json();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((td) => (td as HTMLElement).innerText.trim())),
      );
    const r = result as {
      variables: string[];
      direct: { influence: number[]; dependence: number[] };
      indirect: { influence: number[] };
      quadrants: string[];
    };
    r.variables.forEach((name, i) => {
      assert.deepEqual(
        [rows[i]![0], rows[i]![1], rows[i]![2], rows[i]![3], rows[i]![5]],
        [
          name,
          oneDecimal.format(r.direct.influence[i]!),
          oneDecimal.format(r.direct.dependence[i]!),
          `${oneDecimal.format(r.indirect.influence[i]! * 100)} %`,
          r.quadrants[i],
        ],
      );
    });
  });

  it('draws the DEMATEL cause-effect diagram and lists consistent CIB scenarios', async () => {
    await page.getByRole('link', { name: 'DEMATEL' }).click();
    await page.waitForURL(/tab=dematel/);
    await page.locator('[data-testid="dematel-table"]').waitFor();
    await page.locator('[data-testid="dematel-diagram"] svg').waitFor();
    await kit.screenshot(page, 'dematel');

    await page.getByRole('link', { name: 'Scenarios (CIB)' }).click();
    await page.getByRole('button', { name: 'Load the example' }).click();
    await page.getByRole('button', { name: 'Analyse' }).click();
    const summary = page.locator('[data-testid="cib-results"] .summary');
    await summary.waitFor();
    // Somewhereland, the ScenarioWizard tutorial: 486 scenarios, ten consistent.
    assert.equal(await summary.innerText(), '10 consistent scenarios out of 486.');
    await page.locator('[data-testid="cib-table"] tbody tr').nth(9).waitFor();
    assert.equal(await page.locator('[data-testid="cib-table"] tbody tr').count(), 10);
    await page.getByRole('button', { name: 'Impact balances of A2 B1 C3 D2 E2 F1' }).click();
    await page.locator('[data-testid="cib-balances"]').waitFor();
    await kit.screenshot(page, 'cib');
  });
});
