import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../../app/demo/load.ts';
import { feedback, testApp } from '../../../tests/helpers.ts';

/**
 * "A bad experience" is one definition (core/experience), so the touchpoint page and the
 * pain-point card count the same customers for the same touchpoint and window. Before it was one,
 * the demo's delivery page said 295 while its card said 746: the page counted low answers only,
 * the card counted late deliveries too.
 */
describe('the touchpoint page and the pain points count one bad experience', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const window = 'from=2025-04-01&to=2025-06-30';
  before(async () => {
    t = await testApp();
    await loadDemo(t.services, 'acme', { customers: 1500, months: 6, seed: 11 });
    // Planted: a customer whose only trace in the window is a bad delivery answer (no event).
    // The latest moment of the window, so that it heads the page's list of the most recent.
    const res = await t.post('/v1/feedback', t.keys.acme!.ingest, {
      batch: [
        feedback('planted-1', { customerId: 'answers-only', score: 1, timestamp: '2025-06-30T11:59:00Z' }),
      ],
    });
    assert.equal(res.status, 200);
  });
  after(() => t.close());

  test("for every touchpoint, the page's affected customers are the card's", async () => {
    const secret = t.keys.acme!.secret;
    const report = (await (await t.get(`/v1/analytics/pain-points?${window}`, secret)).json()) as {
      painPoints: { touchpoint: string; affected: number; failures: { customers: number }[] }[];
    };
    const withBoth = report.painPoints.filter((p) => p.affected > 0 && p.failures.length > 0);
    assert.ok(withBoth.length >= 2, 'touchpoints with both bad answers and failures are compared');
    for (const point of report.painPoints) {
      const page = (await (
        await t.get(`/v1/touchpoints/${point.touchpoint}/feedback?${window}`, secret)
      ).json()) as {
        affected: {
          customers: number;
          byAnswer: number;
          byFailure: { customers: number }[];
          population: string;
        };
      };
      assert.equal(page.affected.customers, point.affected, point.touchpoint);
      // each cause is a part of the whole, and together they cover it
      const parts = [page.affected.byAnswer, ...page.affected.byFailure.map((f) => f.customers)];
      assert.ok(Math.max(0, ...parts) <= page.affected.customers, point.touchpoint);
      assert.ok(parts.reduce((a, b) => a + b, 0) >= page.affected.customers, point.touchpoint);
    }
    const delivery = report.painPoints.find((p) => p.touchpoint === 'delivery')!;
    const page = (await (await t.get(`/v1/touchpoints/delivery/feedback?${window}`, secret)).json()) as {
      affected: { byAnswer: number; byFailure: { customers: number }[]; list: { id: string }[] };
      distribution: { metric: string; experience: { bad: number[]; neutral: number[]; good: number[] } }[];
    };
    // the chart's red bars are the server's bad answers: CSAT 1-2 on 1-5
    const csat = page.distribution.find((d) => d.metric === 'csat')!;
    assert.deepEqual(csat.experience, { bad: [1, 2], neutral: [3], good: [4, 5] });
    assert.ok(page.affected.byFailure[0]!.customers > 0 && page.affected.byAnswer > 0);
    assert.ok(delivery.affected > page.affected.byAnswer, 'late deliveries count as bad experiences');
    assert.ok(
      page.affected.list.some((c) => c.id === 'answers-only'),
      'the planted answer is counted',
    );
  });
});
