import { analytics } from '../../api/analytics.ts';
import { touchpointFeedback } from '../../api/touchpoints.ts';
import { Link } from '../../components/link.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatDate } from '../../lib/format.ts';
import { useJourneyIndex } from '../../lib/journey-index.ts';
import { usePeriod } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';
import type { PageProps } from '../../routes.ts';
import { PainPointCard } from '../pain-points/pain-point-card.tsx';
import { AffectedCustomers, Comments, Distributions } from './feedback-sections.tsx';
import { RelatedDrivers } from './related-drivers.tsx';
import { ScoreCards } from './score-cards.tsx';
import { loadTouchpointScores } from './touchpoint-scores.ts';

/** Everything about one touchpoint: scores, their distribution, what customers said, and why it matters. */
export function TouchpointPage({ params }: PageProps) {
  const id = params.id ?? '';
  const journey = useJourneyIndex();
  const [period, setPeriod] = usePeriod();
  const entry = journey?.touchpoints.get(id);
  const scores = useResource(
    (signal) => loadTouchpointScores(id, period, signal),
    [id, period.from, period.to],
  );
  const feedback = useResource(
    (signal) => touchpointFeedback(id, period, 0, signal),
    [id, period.from, period.to],
  );
  const pain = useResource((signal) => analytics.painPoints(period, signal), [period.from, period.to]);

  return (
    <section data-touchpoint={id}>
      <PageHeader
        title={entry?.touchpoint.name ?? id}
        intro={
          entry ? (
            <>
              {entry.stage.name} stage ({entry.stage.phase}), {entry.touchpoint.channel} channel
              {entry.touchpoint.owner ? `, owned by ${entry.touchpoint.owner}` : ''};{' '}
              {formatDate(period.from)} to {formatDate(period.to)}.{' '}
              <Link href="/">Back to the journey map</Link>
            </>
          ) : journey ? (
            'This touchpoint is not in the journey map.'
          ) : undefined
        }
      >
        <PeriodPicker period={period} onChange={setPeriod} />
      </PageHeader>

      <h2>Scores</h2>
      <ResourceView resource={scores} label="the scores">
        {(data) => <ScoreCards data={data} />}
      </ResourceView>

      <h2>Distribution</h2>
      <ResourceView resource={feedback} label="the responses">
        {(data) => <Distributions data={data} />}
      </ResourceView>

      <h2>Customers affected</h2>
      <ResourceView resource={feedback} label="the customers affected">
        {(data) => <AffectedCustomers data={data} period={period} />}
      </ResourceView>

      <h2>Pain point</h2>
      <ResourceView resource={pain} label="pain points">
        {(data) => {
          const mine = data.painPoints.find((p) => p.touchpoint === id);
          const unranked = data.unranked.find((u) => u.touchpoint === id);
          if (mine) return <PainPointCard point={mine} total={data.painPoints.length} period={period} />;
          return (
            <p data-testid="pain-unranked-reason">
              Not ranked for this period (pain score 0)
              {unranked ? `: ${unranked.reason}.` : ': nobody met this touchpoint.'}
            </p>
          );
        }}
      </ResourceView>

      <h2>Drivers</h2>
      <RelatedDrivers touchpoint={id} period={period} />

      <h2>Comments</h2>
      <ResourceView resource={feedback} label="the comments">
        {(data) => <Comments key={`${period.from}-${period.to}`} id={id} period={period} first={data} />}
      </ResourceView>
    </section>
  );
}
