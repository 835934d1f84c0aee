import type { PainPoint } from '../../api/analytics.ts';
import { Link, touchpointHref } from '../../components/link.tsx';
import { RateOf } from '../../components/score-badges.tsx';
import type { Period } from '../../lib/period.ts';
import {
  formatCount,
  formatDate,
  formatDecimal,
  formatInterval,
  formatP,
  formatShare,
  formatSigned,
} from '../../lib/format.ts';

/** One ranked pain point with the evidence behind its rank. */
export function PainPointCard({
  point,
  total,
  period,
  headingLevel = 3,
}: {
  point: PainPoint;
  total: number;
  period: Period;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="pain-point card" data-touchpoint={point.touchpoint} data-rank={point.rank}>
      <header class="pain-header">
        <span class="pain-rank" aria-label={`rank ${point.rank} of ${total}`}>
          {point.rank}
        </span>
        <div>
          <Heading>
            <Link href={touchpointHref(point.touchpoint)}>{point.name}</Link>
          </Heading>
          <p class="help">
            {point.stage} · {point.channel}
          </p>
        </div>
        <p class="pain-score">
          <span class="help">pain score</span>{' '}
          <strong data-value={point.painScore}>{formatDecimal(point.painScore)}</strong>
          {point.significant && <span class="badge badge-significant">significant effect</span>}
        </p>
      </header>
      <p>
        <strong data-testid="pain-affected" data-value={point.affected}>
          {formatCount(point.affected)}
        </strong>{' '}
        of the <span data-testid="pain-met">{formatCount(point.customers)}</span> customers who met this
        touchpoint from {formatDate(period.from)} to {formatDate(period.to)} (
        {formatShare(point.customers > 0 ? point.affected / point.customers : null)}) had a bad experience
        here: a bad answer or a declared failure.{' '}
        {point.feedback.responses > 0 &&
          `Counting answers rather than customers, ${formatCount(point.feedback.low)} of ${formatCount(point.feedback.responses)} answers here were bad (${formatShare(point.feedback.lowShare)}).`}
      </p>
      {point.failures.length > 0 && (
        <p>
          Failures:{' '}
          {point.failures.map((f, i) => (
            <span key={f.id}>
              {i > 0 && ', '}
              {f.label ?? f.id} ({formatCount(f.customers)} customers)
            </span>
          ))}
        </p>
      )}
      <ul class="pain-summary">
        {point.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {point.evidence.length > 0 && (
        <details>
          <summary>Evidence: what happened next, with and without a bad experience here</summary>
          <p class="help" data-testid="pain-groups">
            Compared: {point.groups.affected} against {point.groups.unaffected}, each followed from that
            experience.
          </p>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Outcome</th>
                  <th scope="col" class="num">
                    With a bad experience here
                  </th>
                  <th scope="col" class="num">
                    Without one
                  </th>
                  <th scope="col" class="num">
                    Difference
                  </th>
                  <th scope="col" class="num">
                    Test
                  </th>
                </tr>
              </thead>
              <tbody>
                {point.evidence.map((e) => (
                  <tr key={e.outcome}>
                    <th scope="row">{e.description}</th>
                    <td class="num">
                      <RateOf rate={e.affected.rate} n={e.affected.n} />
                    </td>
                    <td class="num">
                      <RateOf rate={e.unaffected.rate} n={e.unaffected.n} />
                    </td>
                    <td class="num">
                      {formatSigned(e.change.difference)} pts
                      {e.change.ci95 && <span class="score-sample"> ({formatInterval(e.change.ci95)})</span>}
                    </td>
                    <td class="num">
                      {e.change.significant ? 'significant, ' : ''}
                      {formatP(e.change.pAdjusted ?? e.change.p)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </article>
  );
}
