import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JourneyIndex } from '../../core/journey/rules.ts';
import { computeFunnel, computeFunnelBy, type CustomerStageReach } from '../../core/metrics/funnel.ts';
import { testApp } from '../../../tests/helpers.ts';
import { analyticsFor } from './service.ts';
import { FIXTURE_NOW, funnelFixture, loadFixture, type Fixture } from './test-fixture.ts';

interface Person extends CustomerStageReach {
  device: string | null;
  entryChannel: string | null;
}

/** The in-memory side: each person's first time at each stage in the window, as core's computeFunnel takes it. */
function reaches(
  fixture: Fixture,
  journey: JourneyIndex,
  from: number,
  to: number,
  stages: readonly string[],
): Person[] {
  const devices = new Map(
    fixture.identifies.map((i) => [i.customerId, (i.traits as { device: string }).device]),
  );
  const people = new Map<string, Person & { first: { t: number; touchpoint: string } | null }>();
  for (const e of fixture.events) {
    const t = Date.parse(e.timestamp);
    const entry = journey.touchpoints.get(e.touchpoint!)!;
    if (t < from || t >= to || !stages.includes(entry.stage.id)) continue;
    const id = e.customerId ?? `anon:${e.anonymousId}`;
    let person = people.get(id);
    if (!person) {
      person = {
        customerId: id,
        reached: {},
        device: devices.get(e.customerId ?? '') ?? null,
        entryChannel: null,
        first: null,
      };
      people.set(id, person);
    }
    const reached = person.reached as Record<string, number>;
    reached[entry.stage.id] = Math.min(reached[entry.stage.id] ?? Infinity, t);
    const first = person.first;
    if (!first || t < first.t || (t === first.t && e.touchpoint! < first.touchpoint)) {
      person.first = { t, touchpoint: e.touchpoint! };
      person.entryChannel = entry.touchpoint.channel;
    }
  }
  return [...people.values()];
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('funnel: SQL equals core computeFunnel over the same journeys', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let fixture: Fixture;
  let journey: JourneyIndex;
  before(async () => {
    app = await testApp(() => FIXTURE_NOW);
    journey = await app.services.journeys.get('acme');
    fixture = funnelFixture(journey);
    await loadFixture(app.services, 'acme', fixture);
  });
  after(() => app?.close());

  for (const window of [
    { from: '2025-01-01', to: '2025-06-30' },
    { from: '2025-02-01', to: '2025-03-15' },
  ]) {
    for (const stages of [undefined, 'consideration,purchase,delivery', 'delivery,purchase']) {
      test(`${window.from}..${window.to}, stages ${stages ?? 'all'}: overall and by device and entry channel`, async () => {
        const analytics = analyticsFor(app.services);
        const stageIds = stages?.split(',') ?? journey.map.stages.map((s) => s.id);
        const report = await analytics.funnel('acme', { ...window, ...(stages ? { stages } : {}) });
        const from = Date.parse(report.window.from);
        const to = Date.parse(report.window.to);
        const people = reaches(fixture, journey, from, to, stageIds);
        assert.deepEqual(json(report.stages), json(computeFunnel(people, stageIds).stages));
        assert.ok(report.stages[0]!.customers > 0);

        const byDevice = await analytics.funnel('acme', {
          ...window,
          ...(stages ? { stages } : {}),
          by: 'trait:device',
        });
        const expectedByDevice = computeFunnelBy(people, stageIds, (p) => (p as Person).device);
        assert.deepEqual(
          json(byDevice.breakdown),
          json(expectedByDevice.map((g) => ({ 'trait:device': g.group, stages: g.funnel.stages }))),
        );
        assert.deepEqual(json(byDevice.stages), json(report.stages));

        const byChannel = await analytics.funnel('acme', {
          ...window,
          ...(stages ? { stages } : {}),
          by: 'channel',
        });
        const expectedByChannel = computeFunnelBy(people, stageIds, (p) => (p as Person).entryChannel);
        assert.deepEqual(
          json(byChannel.breakdown),
          json(expectedByChannel.map((g) => ({ channel: g.group, stages: g.funnel.stages }))),
        );
      });
    }
  }

  test('ordering rule: a later stage counts only after the earlier one, ties count as in order', async () => {
    await app.services.ingest.own(
      'globex',
      'events',
      {
        batch: [
          // in order
          { customerId: 'x1', name: 'Ad Viewed', timestamp: '2025-03-01T10:00:00Z' },
          { customerId: 'x1', name: 'Product Viewed', timestamp: '2025-03-01T11:00:00Z' },
          { customerId: 'x1', name: 'Checkout Started', timestamp: '2025-03-01T12:00:00Z' },
          // purchase before consideration: counts up to consideration, not for the purchase
          { customerId: 'x2', name: 'Ad Viewed', timestamp: '2025-03-01T10:00:00Z' },
          { customerId: 'x2', name: 'Checkout Started', timestamp: '2025-03-01T11:00:00Z' },
          { customerId: 'x2', name: 'Product Viewed', timestamp: '2025-03-01T12:00:00Z' },
          // consideration and purchase in the same millisecond: a tie is in order
          { customerId: 'x3', name: 'Ad Viewed', timestamp: '2025-03-01T10:00:00Z' },
          { customerId: 'x3', name: 'Product Viewed', timestamp: '2025-03-01T11:00:00Z' },
          { customerId: 'x3', name: 'Checkout Started', timestamp: '2025-03-01T11:00:00Z' },
          // skips awareness: never enters a funnel that starts there
          { customerId: 'x4', name: 'Product Viewed', timestamp: '2025-03-01T11:00:00Z' },
          { customerId: 'x4', name: 'Checkout Started', timestamp: '2025-03-01T12:00:00Z' },
        ],
      },
      FIXTURE_NOW,
    );
    const report = await analyticsFor(app.services).funnel('globex', {
      from: '2025-03-01',
      to: '2025-03-01',
      stages: 'awareness,consideration,purchase',
    });
    assert.deepEqual(
      report.stages.map((s) => s.customers),
      [3, 3, 2],
    );
    assert.equal(report.stages[1]!.dropOff, 0);
    assert.equal(report.stages[2]!.dropOff, 1);
    assert.deepEqual(report.stages[2]!.timeFromPrevious, {
      n: 2,
      p25: 900_000,
      median: 1_800_000,
      p75: 2_700_000,
    });
  });
});
