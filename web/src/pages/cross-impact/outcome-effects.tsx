import type { CrossImpactAnswer } from '../../api/understand.ts';
import { Link, touchpointHref } from '../../components/link.tsx';
import { RateOf } from '../../components/score-badges.tsx';
import { formatCount } from '../../lib/format.ts';
import { EffectSummary } from './effect-text.tsx';

/** Per outcome: the outcome's rate after a bad experience at each touchpoint against otherwise. */
export function OutcomeEffects({ answer }: { answer: CrossImpactAnswer }) {
  const name = (id: string) => answer.touchpoints.find((t) => t.id === id)?.name ?? id;
  return (
    <>
      {answer.outcomes.map((outcome) => (
        <div key={outcome.id} class="table-scroll">
          <table data-testid={`outcome-${outcome.id}`}>
            <caption>
              {outcome.label}: {outcome.definition} ({formatCount(outcome.measured)} customers measured)
            </caption>
            <thead>
              <tr>
                <th scope="col">Bad experience at</th>
                <th scope="col" class="num">
                  Rate after it
                </th>
                <th scope="col" class="num">
                  Otherwise
                </th>
                <th scope="col" class="num">
                  Difference
                </th>
              </tr>
            </thead>
            <tbody>
              {[...outcome.effects]
                .sort(
                  (a, b) =>
                    Math.abs(b.riskDifference?.estimate ?? 0) - Math.abs(a.riskDifference?.estimate ?? 0),
                )
                .map((e) => (
                  <tr key={e.touchpoint}>
                    <th scope="row">
                      <Link href={touchpointHref(e.touchpoint)}>{name(e.touchpoint)}</Link>
                    </th>
                    <td class="num">
                      <RateOf rate={e.exposed.rate} n={e.exposed.n} />
                    </td>
                    <td class="num">
                      <RateOf rate={e.unexposed.rate} n={e.unexposed.n} />
                    </td>
                    <td class="num">
                      <EffectSummary effect={e} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
