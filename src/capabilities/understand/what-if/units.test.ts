import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../../../app/demo/load.ts';
import { testApp } from '../../../../tests/helpers.ts';
import { storedDrivers } from '../drivers/stored.ts';
import { whatIfAnalysis } from './service.ts';

/**
 * The what-if on the demo data, in the units people know: NPS points for NPS, percentage points of
 * customers for repeat purchase, and an answer (not a 400) for a journey touchpoint without scores.
 */
const NOW = Date.parse('2025-06-30T12:00:00Z');
const WINDOW = { from: '2024-12-30T12:00:00Z', to: '2025-06-30T12:00:00Z' };

describe('what-if in the units users know', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    app = await testApp(() => NOW);
    await loadDemo(app.services, 'acme', { customers: 4000, seed: 5 });
  });
  after(() => app?.close());

  test('NPS is answered in NPS points, from a baseline between -100 and 100', async () => {
    const a = await whatIfAnalysis(app.services, 'acme', {
      ...WINDOW,
      touchpoint: 'delivery',
      halveBad: true,
    });
    assert.ok(a.ok, JSON.stringify(a.error));
    assert.equal(a.unit, 'NPS points (-100 to 100)');
    assert.ok(
      a.baseline! >= -100 && a.baseline! <= 100 && Math.abs(a.baseline!) > 1,
      `baseline ${a.baseline}`,
    );
    // The model's change of the mean 0-10 answer, carried into NPS points, moves more than a tenth.
    assert.ok(a.total!.estimate > a.modelScale!.total.estimate, JSON.stringify([a.total, a.modelScale]));
    assert.ok(a.total!.ci95[0] <= a.total!.estimate && a.total!.estimate <= a.total!.ci95[1]);
  });

  test('a lift is read in the touchpoint’s own measure', async () => {
    const model = await storedDrivers(app.services, 'acme', { ...WINDOW, outcome: 'nps' });
    const delivery = model.selection.candidates.find((c) => c.touchpoint === 'delivery')!;
    const a = await whatIfAnalysis(app.services, 'acme', { ...WINDOW, touchpoint: 'delivery', lift: 10 });
    assert.ok(a.ok, JSON.stringify(a.error));
    if (delivery.metric === 'csat') assert.match(a.liftUnit!, /top-2-box/);
    assert.ok(a.change!.deltaScore > 0 && a.change!.deltaScore < 1, `mean moves ${a.change!.deltaScore}`);
    await assert.rejects(
      whatIfAnalysis(app.services, 'acme', { ...WINDOW, touchpoint: 'delivery', lift: 1000 }),
      /beyond what "delivery" can reach/,
    );
  });

  test('repeat purchase is answered in percentage points of customers', async () => {
    const a = await whatIfAnalysis(app.services, 'acme', {
      ...WINDOW,
      touchpoint: 'delivery',
      outcome: 'repeat-purchase',
      halveBad: true,
    });
    if (!a.ok) return assert.ok(a.error, 'a failure says why');
    assert.equal(a.unit, 'percentage points of customers');
    assert.ok(a.baseline! > 1 && a.baseline! <= 100, `baseline ${a.baseline}`);
  });

  test('a journey touchpoint without scores gets an answer that says why, not a 400', async () => {
    const model = await storedDrivers(app.services, 'acme', { ...WINDOW, outcome: 'nps' });
    const scored = new Set(model.selection.candidates.map((c) => c.touchpoint));
    const journey = await app.services.journeys.get('acme');
    const unscored = [...journey.touchpoints.keys()].find(
      (id) => !scored.has(id) && id !== 'followup-survey',
    )!;
    assert.ok(unscored, 'the demo journey has a touchpoint without scores');
    const a = await whatIfAnalysis(app.services, 'acme', { ...WINDOW, touchpoint: unscored, lift: 1 });
    assert.equal(a.ok, false);
    assert.equal(a.error!.code, 'no_scores');
    await assert.rejects(whatIfAnalysis(app.services, 'acme', { ...WINDOW, touchpoint: 'nowhere', lift: 1 }));
  });
});
