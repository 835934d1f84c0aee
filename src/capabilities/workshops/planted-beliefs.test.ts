import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../../app/demo/load.ts';
import { testApp } from '../../../tests/helpers.ts';
import type { Effect } from '../../core/cross-impact/compare.ts';
import { aggregate } from '../../core/workshops/aggregate.ts';
import { assignPairs } from '../../core/workshops/assignment.ts';
import { compareBeliefs } from '../../core/workshops/beliefs.ts';
import { crossImpact } from '../understand/cross-impact/service.ts';
import { workshopReport, type ParticipantView, type WorkshopReport } from './contract.ts';
import { beliefIsRight, PLANTED, TEAM_TOUCHPOINTS, teamJudgements } from './simulated-team.ts';

/**
 * On the demo shop (10,000 customers, the planted effects of src/core/demo/effects.ts) a team of
 * five with planted beliefs (simulated-team.ts) runs a workshop. The report must flag exactly the
 * planted wrong beliefs the data can test and the planted effect nobody believed, and none of the
 * beliefs that are right; across many seeds of the team's answers the false-flag rate is printed.
 */
const NOW = Date.parse('2025-06-30T12:00:00Z');
const WINDOW = { from: '2024-06-30T12:00:00Z', to: '2025-06-30T12:00:00Z' };
const SEEDS = 300;

const flagged = (pairs: { from: string; to: string; flag: string | null }[]) =>
  pairs
    .filter((p) => p.flag)
    .map((p) => `${p.from}>${p.to}`)
    .sort();
const EXPECTED = [...PLANTED.wrong, ...PLANTED.unseen].sort();

describe('a simulated workshop on the demo shop: the report flags the planted wrong beliefs and nothing else', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    app = await testApp(() => NOW);
    await loadDemo(app.services, 'acme', { customers: 10000, seed: 3 });
  });
  after(() => app?.close());

  test('end to end over HTTP: five participants join by the link, judge on their phones, the report flags exactly the planted ones', async () => {
    const secret = app.keys.acme!.secret;
    const created = await app.post('/v1/workshops', secret, {
      id: 'planted',
      name: 'Delivery beliefs',
      touchpoints: TEAM_TOUCHPOINTS,
      seats: 5,
      coverage: 3,
      ...WINDOW,
    });
    assert.equal(created.status, 200);
    const { joinToken } = (await created.json()) as { joinToken: string };
    const keys = Array.from({ length: 5 }, () => randomBytes(32).toString('base64url'));
    const as = (k: string, method: string, path: string, body?: unknown) =>
      app.app.request(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-participant-key': k },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const views: ParticipantView[] = [];
    for (const [i, k] of keys.entries()) {
      assert.equal(
        (await app.post(`/v1/workshop-join/${joinToken}`, null, { name: `P${i + 1}`, key: k })).status,
        200,
      );
      views.push((await (await as(k, 'GET', '/v1/participant')).json()) as ParticipantView);
    }
    // The team's answers for seed 1, on the very pairs the server assigned.
    const assignment = assignPairs(
      views[0]!.touchpoints.map((t) => ({ id: t.id, stage: t.stageIndex })),
      5,
      3,
    );
    const team = teamJudgements(1, assignment.pairs, assignment.seats);
    for (const [seat, k] of keys.entries()) {
      const own = team.filter((j) => j.seat === seat);
      assert.deepEqual(
        own.map((j) => `${j.from}>${j.to}`),
        views[seat]!.pairs.map((p) => `${p.from}>${p.to}`),
      );
      const res = await as(k, 'PUT', '/v1/participant/judgements', {
        judgements: [
          ...own.map((j) => ({ kind: 'influence', from: j.from, to: j.to, value: j.value })),
          ...TEAM_TOUCHPOINTS.flatMap((t) => [
            { kind: 'effort', from: t, value: t === 'checkout' ? 4 : 2 },
            { kind: 'importance', from: t, value: 3 },
          ]),
        ],
      });
      assert.equal(res.status, 200, await res.clone().text());
    }
    const report = (await (await app.get('/v1/workshops/planted/report', secret)).json()) as WorkshopReport;
    const documented = workshopReport.safeParse(report);
    assert.ok(documented.success, JSON.stringify(documented.error?.issues.slice(0, 3)));
    assert.deepEqual(documented.data, report, 'the report has fields the contract does not document');
    assert.deepEqual(flagged(report.pairs), EXPECTED);
    for (const k of PLANTED.wrongUntestable) {
      const p = report.pairs.find((x) => `${x.from}>${x.to}` === k)!;
      assert.equal(p.flag, null, `${k}: the data cannot rule it out, so it is not flagged`);
      assert.ok(p.measured.simultaneous![1] >= 0.05);
    }
    const unseen = report.pairs.find((p) => `${p.from}>${p.to}` === PLANTED.unseen[0])!;
    assert.equal(unseen.flag, 'strong-not-believed');
    assert.ok(unseen.measured.simultaneous![0] > 0.1);
    // The rank correlation and agreement are reported with what they are.
    assert.ok(report.beliefs.rank.n >= 25);
    assert.match(report.agreement.statistic, /Krippendorff/);
    // MICMAC quadrants of both matrices side by side
    assert.equal(report.analyses.quadrants.length, TEAM_TOUCHPOINTS.length);
    // the checkout is where customers say the effort is: its CES has a measured high-effort share
    const checkout = report.touchpoints.find((t) => t.id === 'checkout')!;
    assert.ok(checkout.measured.highEffort.n > 100 && checkout.measured.highEffort.share! > 0.1);
    process.stdout.write(
      `# report on seed 1: flagged ${flagged(report.pairs).join(', ')}; rho ${report.beliefs.rank.rho?.toFixed(3)} [${report.beliefs.rank.ci95?.map((x) => x.toFixed(3)).join(', ')}]; influence alpha ${report.agreement.influence.alpha?.toFixed(3)}\n`,
    );
  });

  test(`across ${SEEDS} seeds of the team's answers: correct beliefs almost never flagged (rate printed), the planted ones found`, async () => {
    const measured = await crossImpact(app.services, 'acme', { ...WINDOW, touchpoints: TEAM_TOUCHPOINTS });
    const effects = new Map<string, Effect>(measured.pairs.map((p) => [`${p.from}\u0000${p.to}`, p]));
    const journey = await app.services.journeys.get('acme');
    const stageOf = new Map(
      journey.map.stages.flatMap((s, i) => s.touchpoints.map((t) => [t.id, i] as const)),
    );
    const assignment = assignPairs(
      TEAM_TOUCHPOINTS.map((id) => ({ id, stage: stageOf.get(id)! })),
      5,
      3,
    );
    let falseFlags = 0;
    let rightPairs = 0;
    let misses = 0;
    let seedsExact = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const team = teamJudgements(seed, assignment.pairs, assignment.seats);
      const agg = aggregate(TEAM_TOUCHPOINTS, assignment.pairs, team);
      const result = compareBeliefs(
        agg.pairs.map((p) => ({ from: p.from, to: p.to, summary: p.summary })),
        effects,
      );
      const flags = flagged(result.pairs);
      for (const p of result.pairs) {
        if (!beliefIsRight(p.from, p.to)) continue;
        rightPairs++;
        if (p.flag) falseFlags++;
      }
      misses += EXPECTED.filter((k) => !flags.includes(k)).length;
      if (JSON.stringify(flags) === JSON.stringify(EXPECTED)) seedsExact++;
    }
    const rate = falseFlags / rightPairs;
    process.stdout.write(
      `# ${SEEDS} seeds: false-flag rate ${falseFlags}/${rightPairs} = ${(rate * 100).toFixed(3)} % of correctly believed pairs; planted ones missed ${misses}/${SEEDS * EXPECTED.length}; seeds with exactly the planted flags ${seedsExact}/${SEEDS}\n`,
    );
    // A false flag needs the noisy and the random participant on the same null cell, both at 2 or
    // more, outvoting the right one (about 0.3 % of such pairs on seeds 1-300): the team's median
    // was then wrong, and the pair also shows among the disagreements.
    assert.ok(rate < 0.01, `false-flag rate ${rate}`);
    assert.ok(misses / (SEEDS * EXPECTED.length) < 0.05, `missed ${misses}`);
  });
});
