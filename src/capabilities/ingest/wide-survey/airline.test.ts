// The real airline passenger survey (../shared/data/airline, 129,880 respondents) end to end: journey
// map, import through the ingest path, drivers over the stored data (equal to the CSV mode), the
// cross-impact matrix of the wide survey and a what-if. Skipped, saying so, where the data is absent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { testApp } from '../../../../tests/helpers.ts';
import {
  AIRLINE_DRIVERS,
  AIRLINE_FILES,
  AIRLINE_OUTCOME,
  AIRLINE_POSITIVE,
} from '../../understand/drivers/airline-columns.ts';
import type { DriverResult } from '../../../core/drivers/types.ts';
import { analyzeCsvDrivers } from '../../understand/drivers/csv.ts';
import { readJourneyFile } from '../../journeys/templates.ts';
import { crossImpact } from '../../understand/cross-impact/service.ts';
import { storedDrivers } from '../../understand/drivers/stored.ts';
import { whatIfAnalysis } from '../../understand/what-if/service.ts';
import { importSurvey, readMapping } from './import.ts';

const dir = fileURLToPath(new URL('../../../../../shared/data/airline/', import.meta.url));
const files = AIRLINE_FILES.map((f) => dir + f);
const missing = files.some((f) => !existsSync(f));
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const WINDOW = { from: '2020-01-15', to: '2020-01-15' };
const OUTCOME = 'rating@trip-survey';

describe(
  'the airline survey end to end',
  { skip: missing ? `airline data not found at ${dir}` : false },
  () => {
    let app: Awaited<ReturnType<typeof testApp>>;
    const mapping = readMapping(here('../../../../examples/airline/mapping.yaml'));
    before(async () => {
      app = await testApp();
      await app.services.journeys.set(
        'acme',
        readJourneyFile(here('../../../../examples/airline/journey.yaml')),
        Date.now(),
      );
    });
    after(() => app?.close());

    it('imports all 129,880 passengers in one transaction', async () => {
      const result = await importSurvey(app.services, 'acme', files, mapping, { skipInvalid: false });
      assert.deepEqual(result.rejected, []);
      assert.equal(result.imported, 129880);
      assert.equal(result.events, 2 * 129880 - 393, 'the 393 empty arrival delays are no event');
      const counts = await app.store.counts('acme');
      assert.equal(counts.customers, 129880);
      assert.equal(counts.feedback, result.feedback);
    });

    it('gives the same key drivers from the stored data as from the CSV files', async () => {
      const stored = await storedDrivers(app.services, 'acme', { ...WINDOW, outcome: OUTCOME });
      const csv = await analyzeCsvDrivers({
        files,
        outcome: AIRLINE_OUTCOME,
        positive: AIRLINE_POSITIVE,
        drivers: AIRLINE_DRIVERS,
        na: ['0'],
      });
      assert.ok(stored.ok && csv.ok);
      assert.equal(stored.n, csv.n);
      assert.ok(Math.abs(stored.r2 - csv.r2) < 1e-9);
      const touchpointOf = new Map(mapping.ratings.map((r) => [r.column, r.touchpoint]));
      for (const d of csv.drivers) {
        const s: DriverResult = stored.drivers.find((x) => x.name === touchpointOf.get(d.name))!;
        assert.ok(s.kind === 'numeric' && d.kind === 'numeric', 'touchpoint scores are numeric drivers');
        assert.equal(s.rank, d.rank, d.name);
        assert.equal(s.quadrant, d.quadrant, d.name);
        for (const key of ['lmg', 'relativeWeight', 'beta', 'b', 'r', 'mean'] as const) {
          assert.ok(Math.abs(s[key] - d[key]) < 1e-9 * Math.max(1, Math.abs(d[key])), `${d.name} ${key}`);
        }
      }
    });

    it('builds the cross-impact matrix of the wide survey, the outcome survey left out', async () => {
      const m = await crossImpact(app.services, 'acme', { ...WINDOW, outcomes: [`${OUTCOME}>=1`] });
      assert.equal(m.customers, 129880);
      assert.deepEqual(m.outcomeTouchpoints, ['trip-survey']);
      assert.equal(m.touchpoints.length, 16, '14 rated services and the two punctuality touchpoints');
      // late departures and late arrivals go together
      const delays = m.pairs.find((p) => p.from === 'departure' && p.to === 'arrival')!;
      assert.ok(delays.riskDifference!.ci95[0] > 0.5);
      // a bad online boarding lowers satisfaction most surely
      const satisfied = m.strongest.outcomes[`${OUTCOME}>=1`]!;
      assert.equal(satisfied[0]!.touchpoint, 'online-boarding');
      assert.ok(satisfied[0]!.riskDifference!.estimate < -0.3);
    });

    it('answers a what-if on inflight wifi with an interval', async () => {
      const w = await whatIfAnalysis(app.services, 'acme', {
        ...WINDOW,
        outcome: OUTCOME,
        touchpoint: 'inflight-wifi',
        lift: 1,
      });
      assert.ok(w.ok, JSON.stringify(w.error));
      assert.ok(w.direct!.ci95[0] > 0);
      assert.ok(Math.abs(w.total!.estimate - w.direct!.estimate - w.indirect!.estimate) < 1e-12);
      assert.ok(w.expected!.estimate > w.baseline!);
      assert.ok(w.change!.badShareAfter < w.change!.badShareBefore);
    });
  },
);
