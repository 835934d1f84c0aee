import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DELIVERY_CSAT } from '../../core/demo/effects.ts';
import { loadDemo } from '../../app/demo/load.ts';
import { testApp } from '../../../tests/helpers.ts';
import type { MetricChange } from './compare.ts';
import type { CsatScore } from '../../core/metrics/csat.ts';
import type { NpsScore } from '../../core/metrics/nps.ts';
import { analyticsFor } from './service.ts';

/**
 * The analyses recover what the demo generator plants (src/core/demo/effects.ts) on 5,000
 * customers over the twelve months before the test clock, and find nothing where it plants a
 * placebo. Tolerances are stated with each check; they are several standard errors wide.
 */
const NOW = Date.parse('2025-06-30T12:00:00Z');
const WINDOW = { from: '2024-06-30T12:00:00Z', to: '2025-06-30T12:00:00Z' };

describe('planted effects in the demo data are recovered', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  const analytics = () => analyticsFor(app.services);
  before(async () => {
    app = await testApp(() => NOW);
    await loadDemo(app.services, 'acme', { customers: 5000, seed: 3 });
  });
  after(() => app?.close());

  test('delivery CSAT is lower after a late delivery (Order Delivered with late=true), unboxing is not', async () => {
    const report = await analytics().compare('acme', {
      ...WINDOW,
      failure: 'late-delivery',
      by: 'touchpoint',
      touchpoint: 'delivery,unboxing',
      metric: 'csat',
    });
    const row = (tp: string) => report.rows.find((r) => r.touchpoint === tp)!.csat as MetricChange<CsatScore>;
    const delivery = row('delivery');
    // planted top-two-box shares: 0.35 + 0.51 on time, 0.10 + 0.05 late
    const onTime = 100 * (DELIVERY_CSAT.onTime[3] + DELIVERY_CSAT.onTime[4]);
    const late = 100 * (DELIVERY_CSAT.late[3] + DELIVERY_CSAT.late[4]);
    assert.ok(Math.abs(delivery.a.value! - onTime) < 4, `on time ${delivery.a.value} vs planted ${onTime}`);
    assert.ok(Math.abs(delivery.b.value! - late) < 7, `late ${delivery.b.value} vs planted ${late}`);
    assert.ok(delivery.b.n >= 100, `late responses: ${delivery.b.n}`);
    assert.equal(delivery.change.significant, true);
    assert.ok(delivery.change.p! < 1e-10);
    // The placebo is checked by size: a single test at 0.05 calls a null effect significant one time
    // in twenty (with this seed its p is 0.027), so "not significant" would test the seed, not the
    // analysis. About 150 late answers give a standard error near 4 points; 12 is three of them.
    const unboxing = row('unboxing');
    assert.ok(Math.abs(unboxing.change.difference!) < 12, `unboxing ${unboxing.change.difference} points`);
    assert.ok(delivery.change.pAdjusted! < 1e-10);
  });

  test('the later NPS is lower after a late delivery', async () => {
    const report = await analytics().compare('acme', {
      ...WINDOW,
      failure: 'late-delivery',
      followDays: '30',
      touchpoint: 'followup-survey',
      metric: 'nps',
    });
    const nps = report.rows[0]!.nps as MetricChange<NpsScore>;
    // -2.5 opinion points move many promoters to passives or detractors: tens of NPS points
    assert.ok(nps.change.difference! < -20, `NPS change ${nps.change.difference}`);
    assert.equal(nps.change.significant, true);
  });

  test('delivery ranks as a top pain point, with more support contacts and fewer repeat purchases', async () => {
    const report = await analytics().painPoints('acme', WINDOW);
    const byId = new Map(report.painPoints.map((p) => [p.touchpoint, p]));
    const delivery = byId.get('delivery')!;
    assert.ok(
      delivery.rank <= 2,
      `delivery ranks ${delivery.rank}: ${report.painPoints.map((p) => p.touchpoint).join(', ')}`,
    );
    assert.equal(delivery.significant, true);
    const evidence = (o: string) => delivery.evidence.find((e) => e.outcome === o)!;
    // support contacts: planted 0.32 late vs 0.12 on time
    const support = evidence('support');
    assert.ok(support.change.difference! > 12, `support +${support.change.difference} points`);
    assert.ok(support.change.pAdjusted! < 0.001);
    // repeat purchase: planted 0.45 on time vs 0.25 late, cut by the window's end
    const purchase = evidence('purchase');
    assert.ok(purchase.change.difference! < -5, `purchase ${purchase.change.difference} points`);
    assert.ok(purchase.change.pAdjusted! < 0.05);
    assert.ok(delivery.failures.find((f) => f.id === 'late-delivery')!.customers > 300);
    // failed payments and hard checkouts stop orders: drop-off after them is significant
    for (const tp of ['payment', 'checkout']) {
      const dropOff = byId.get(tp)!.evidence.find((e) => e.outcome === 'dropOff')!;
      assert.ok(
        dropOff.change.difference! > 5 && dropOff.change.pAdjusted! < 0.05,
        `${tp} drop-off ${dropOff.change.difference}`,
      );
    }
  });

  test('the unboxing placebo is not flagged: no significant consequence, ranked below delivery', async () => {
    const report = await analytics().painPoints('acme', WINDOW);
    const unboxing = report.painPoints.find((p) => p.touchpoint === 'unboxing')!;
    const delivery = report.painPoints.find((p) => p.touchpoint === 'delivery')!;
    assert.equal(
      unboxing.significant,
      false,
      JSON.stringify(unboxing.evidence.map((e) => [e.outcome, e.change.pAdjusted])),
    );
    assert.deepEqual(
      [unboxing.components.dropOff, unboxing.components.support, unboxing.components.outcomes],
      [0, 0, 0],
    );
    assert.ok(unboxing.painScore < delivery.painScore / 5);
  });

  test('funnel, journey time and retention give sane numbers on the demo', async () => {
    const funnel = await analytics().funnel('acme', WINDOW);
    const counts = funnel.stages.map((s) => s.customers);
    assert.ok(
      counts.every((c, i) => i === 0 || c <= counts[i - 1]!),
      counts.join(' > '),
    );
    assert.ok(counts[2]! > 1000, `purchase stage: ${counts[2]}`);
    const time = await analytics().journeyTime('acme', WINDOW);
    assert.ok(time.buying.n > 1000 && time.buying.median! > 0);
    assert.ok(time.owning.endedByChurn > 0);
    const retention = await analytics().retention('acme', WINDOW);
    assert.ok(
      retention.repeatPurchase.rate! > 0.15 && retention.repeatPurchase.rate! < 0.6,
      `${retention.repeatPurchase.rate}`,
    );
    assert.ok(retention.churn.byEvent > 0 && retention.churn.byInactivity > 0);
    assert.ok(retention.cohorts.length >= 11);
    for (const cohort of retention.cohorts) assert.equal(cohort.months[0]!.rate, 1);
  });
});
