import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeFunnel, computeFunnelBy, type CustomerStageReach } from './funnel.ts';
import { assertClose, assertNoNaN } from './testing.ts';

const STAGES = ['awareness', 'consideration', 'purchase', 'delivery'];

// stage reach times in ms (small numbers keep the hand computation readable)
const CUSTOMERS: CustomerStageReach[] = [
  { customerId: 'c1', reached: { awareness: 0, consideration: 10, purchase: 30, delivery: 100 } },
  { customerId: 'c2', reached: { awareness: 0, consideration: 20, purchase: 20 } }, // tie at purchase
  { customerId: 'c3', reached: { awareness: 5, consideration: 3, purchase: 50 } }, // considered first
  { customerId: 'c4', reached: { awareness: 0 } },
  { customerId: 'c5', reached: { consideration: 10, purchase: 20 } }, // never aware: not in the funnel
  { customerId: 'c6', reached: { awareness: 0, consideration: 40, purchase: 100, delivery: 110 } },
];

describe('computeFunnel', () => {
  it('counts customers in order, with conversion, drop-off and time between stages', () => {
    // awareness: c1 c2 c3 c4 c6 = 5
    // consideration: c1 (10) c2 (20) c6 (40) = 3; c3 considered before awareness
    // purchase: c1 (+20) c2 (+0, a tie) c6 (+60) = 3; c3 dropped out already
    // delivery: c1 (+70) c6 (+10) = 2
    const { stages } = computeFunnel(CUSTOMERS, STAGES);
    assert.deepEqual(
      stages.map((s) => s.customers),
      [5, 3, 3, 2],
    );
    const [awareness, consideration, purchase, delivery] = stages;
    assert.equal(awareness?.conversionRate, null);
    assert.equal(awareness?.overallRate, 1);
    assert.equal(consideration?.conversionRate, 0.6);
    assert.equal(consideration?.dropOff, 2);
    assert.equal(consideration?.dropOffRate, 0.4);
    assert.equal(purchase?.conversionRate, 1);
    assertClose(delivery?.conversionRate, 2 / 3, 1e-15);
    assert.equal(delivery?.overallRate, 0.4);
    // durations 10 20 40 -> p25 15, median 20, p75 30 (percentile_cont)
    assert.deepEqual(consideration?.timeFromPrevious, { n: 3, p25: 15, median: 20, p75: 30 });
    // durations 0 20 60 -> p25 10, median 20, p75 40
    assert.deepEqual(purchase?.timeFromPrevious, { n: 3, p25: 10, median: 20, p75: 40 });
    // durations 10 70 -> p25 25, median 40, p75 55
    assert.deepEqual(delivery?.timeFromPrevious, { n: 2, p25: 25, median: 40, p75: 55 });
    // Wilson interval of 3 / 5 (z = 1.96): centre (.6 + .3842) / 1.7683 = .5566, half .3258
    assertClose(consideration?.conversionCi95?.[0], 0.23072, 1e-5);
    assertClose(consideration?.conversionCi95?.[1], 0.88238, 1e-5);
    assertNoNaN(stages);
  });

  it('with countTies: false a same-millisecond reach does not count', () => {
    const { stages } = computeFunnel(CUSTOMERS, STAGES, { countTies: false });
    assert.deepEqual(
      stages.map((s) => s.customers),
      [5, 3, 2, 2],
    );
  });

  it('empty input and empty stages: zeros and nulls, never NaN', () => {
    const { stages } = computeFunnel([], STAGES);
    for (const stage of stages) {
      assert.equal(stage.customers, 0);
      assert.equal(stage.overallRate, null);
      assert.equal(stage.conversionRate, null);
    }
    assert.deepEqual(stages[1]?.timeFromPrevious, { n: 0, p25: null, median: null, p75: null });
    assertNoNaN(stages);
  });

  it('breaks down by group', () => {
    const channel: Record<string, string | null> = { c1: 'web', c2: 'web', c3: 'app', c4: 'app', c6: null };
    const byChannel = computeFunnelBy(CUSTOMERS, STAGES, (c) => channel[c.customerId] ?? null);
    assert.deepEqual(
      byChannel.map(({ group, funnel }) => [group, funnel.stages.map((s) => s.customers)]),
      [
        ['app', [2, 0, 0, 0]],
        ['web', [2, 2, 2, 1]],
        [null, [1, 1, 1, 1]],
      ],
    );
  });

  it('rejects duplicate customers, bad times and bad stage lists', () => {
    assert.throws(() => computeFunnel([CUSTOMERS[0]!, CUSTOMERS[0]!], STAGES), /more than once/);
    assert.throws(
      () => computeFunnel([{ customerId: 'x', reached: { awareness: NaN } }], STAGES),
      RangeError,
    );
    assert.throws(() => computeFunnel([], []), RangeError);
    assert.throws(() => computeFunnel([], ['a', 'a']), RangeError);
  });
});
