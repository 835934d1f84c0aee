import { useMemo } from 'preact/hooks';
import {
  DRIVER_OUTCOMES,
  understand,
  type Driver,
  type DriverOutcome,
  type DriversFit,
} from '../../api/understand.ts';
import { Chart } from '../../charts/chart.tsx';
import { quadrantOption } from '../../charts/options/quadrant-map.ts';
import { Link, touchpointHref } from '../../components/link.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount, formatDecimal, formatFixed3, formatP, formatShare } from '../../lib/format.ts';
import { touchpointName, useJourneyIndex } from '../../lib/journey-index.ts';
import { usePeriod } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useQueryChoice } from '../../lib/url-state.ts';
import { QUADRANT_COLOR, QUADRANT_LABEL } from './quadrant-labels.ts';

const OUTCOME_LABEL: Record<DriverOutcome, string> = {
  nps: 'NPS (likelihood to recommend)',
  'repeat-purchase': 'Repeat purchase',
  churn: 'Churn',
};

/** What drives the outcome: importance from the driver model against each touchpoint's performance. */
export function DriversPage() {
  const [period, setPeriod] = usePeriod();
  const [outcome, setOutcome] = useQueryChoice<DriverOutcome>('outcome', DRIVER_OUTCOMES, 'nps');
  const answer = useResource(
    (signal) => understand.drivers(period, outcome, signal),
    [period.from, period.to, outcome],
  );
  return (
    <section>
      <PageHeader
        title="Drivers"
        intro="How much of the outcome each touchpoint's experience explains (its share of R², from the exact Shapley decomposition), against how well it performs. Improve what matters and performs poorly first."
      >
        <PeriodPicker period={period} onChange={setPeriod} />
        <label>
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as DriverOutcome)}>
            {DRIVER_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABEL[o]}
              </option>
            ))}
          </select>
        </label>
      </PageHeader>
      <ResourceView
        resource={answer}
        label="the key drivers"
        isEmpty={(a) => a.ok !== false && !a.drivers?.length}
        empty="No drivers could be estimated for this period."
      >
        {(data) =>
          data.ok === false ? (
            <p class="state state-empty" role="status">
              No driver model for this period: {data.error?.message}
            </p>
          ) : (
            <DriversView answer={data} drivers={data.drivers} />
          )
        }
      </ResourceView>
    </section>
  );
}

function DriversView({ answer, drivers }: { answer: DriversFit; drivers: Driver[] }) {
  const journey = useJourneyIndex();
  const name = (id: string) => touchpointName(journey, id);
  const option = useMemo(() => {
    const importanceCut = answer.quadrants?.thresholds.importance.value ?? 1 / Math.max(1, drivers.length);
    const performanceCut =
      answer.quadrants?.thresholds.performance.value ??
      drivers.reduce((sum, d) => sum + d.mean, 0) / Math.max(1, drivers.length);
    return quadrantOption({
      points: drivers.map((d) => ({
        name: name(d.name),
        x: d.mean,
        y: d.lmgShare,
        group: QUADRANT_LABEL[d.quadrant],
      })),
      xName: 'performance (mean score)',
      yName: 'importance (share of R²)',
      xCut: performanceCut,
      yCut: importanceCut,
      corners: ['concentrate here', 'keep up the good work', 'possible overkill', 'low priority'],
      groupColors: QUADRANT_COLOR,
      format: (v) => formatShare(v),
      formatX: formatDecimal,
    });
  }, [answer, journey]);
  return (
    <>
      <p class="help" data-testid="drivers-model">
        Outcome: {answer.outcomeDefinition ?? answer.outcome}. R² = {formatFixed3(answer.r2)}
        {answer.adjustedR2 !== undefined && ` (adjusted ${formatFixed3(answer.adjustedR2)})`} over{' '}
        {formatCount(answer.n)} customers{answer.fTest ? `, model ${formatP(answer.fTest.p)}` : ''}.
        {answer.rescaled && ' Performance is on 0-100: the touchpoints ask on different scales.'}
      </p>
      <Chart
        option={option}
        label="Importance against performance, with the four quadrants"
        height={440}
        testId="drivers-chart"
      />
      <div class="table-scroll">
        <table data-testid="drivers-table">
          <caption>Drivers, most important first</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Rank
              </th>
              <th scope="col">Driver</th>
              <th scope="col" class="num">
                Importance (LMG share)
              </th>
              <th scope="col" class="num">
                Relative weight share
              </th>
              <th scope="col" class="num">
                β
              </th>
              <th scope="col" class="num">
                r
              </th>
              <th scope="col" class="num">
                p (β)
              </th>
              <th scope="col" class="num">
                Performance
              </th>
              <th scope="col">Quadrant</th>
            </tr>
          </thead>
          <tbody>
            {drivers.map((d) => (
              <tr key={d.name} data-driver={d.name}>
                <td class="num">{d.rank}</td>
                <th scope="row">
                  {journey?.touchpoints.has(d.name) ? (
                    <Link href={touchpointHref(d.name)}>{name(d.name)}</Link>
                  ) : (
                    name(d.name)
                  )}
                </th>
                <td class="num" data-value={d.lmgShare}>
                  {formatShare(d.lmgShare)}
                </td>
                <td class="num">{formatShare(d.relativeWeightShare)}</td>
                <td class="num">{formatFixed3(d.beta)}</td>
                <td class="num">{formatFixed3(d.r)}</td>
                <td class="num">{formatP(d.p)}</td>
                <td class="num">{formatDecimal(d.mean)}</td>
                <td>{QUADRANT_LABEL[d.quadrant]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {answer.excluded && answer.excluded.length > 0 && (
        <ul class="notes">
          {answer.excluded.map((e) => (
            <li key={e.name}>
              {name(e.name)} left out: {e.message}
            </li>
          ))}
        </ul>
      )}
      {[...(answer.warnings ?? []), ...(answer.notes ?? [])].map((note) => (
        <p key={note} class="help">
          {note}
        </p>
      ))}
    </>
  );
}
