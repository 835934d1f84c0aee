import { useMemo } from 'preact/hooks';
import {
  DRIVER_OUTCOMES,
  understand,
  type Driver,
  type DriverOutcome,
  type DriversAnswer,
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
import { ADVICE, QUADRANT_COLOR, QUADRANT_LABEL } from './quadrant-labels.ts';

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
        intro="How much of what the model explains each touchpoint's experience accounts for (its share of R², from the exact Shapley decomposition), against how well it performs. A quadrant is given only where the model and the touchpoint are significant."
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
            <>
              <p class="state state-empty" role="status">
                No driver model for this period: {data.error?.message}
              </p>
              <Qualification answer={data} />
            </>
          ) : (
            <DriversView answer={data} drivers={data.drivers} />
          )
        }
      </ResourceView>
    </section>
  );
}

const outcomeNoun = (answer: DriversFit): string =>
  answer.outcomeKind === 'binary' ? `the 0/1 outcome (${answer.outcome})` : answer.outcome.toUpperCase();

/** The model in words: what R² is a share of, the test, and whether any advice can follow. */
function ModelSummary({ answer }: { answer: DriversFit }) {
  const significant = answer.evidence.modelSignificant;
  return (
    <>
      <p class="help" data-testid="drivers-model">
        Outcome: {answer.outcomeDefinition}. Over {formatCount(answer.n)} customers (those with a score at
        every driver touchpoint), the drivers together explain R² = {formatFixed3(answer.r2)}, that is{' '}
        {formatShare(answer.r2)} of the variance of {outcomeNoun(answer)} (adjusted{' '}
        {formatFixed3(answer.adjustedR2)}). The importance shares below divide that {formatShare(answer.r2)},
        not the whole outcome. Model F-test: F({answer.fTest.df1}, {answer.fTest.df2}),{' '}
        {formatP(answer.fTest.p)}.
        {answer.rescaled && ' Scores are on 0-100: the touchpoints ask on different scales.'}
      </p>
      {significant ? null : (
        <p class="state state-empty" role="status" data-testid="drivers-no-evidence">
          Not enough evidence: the model is not significant at {formatShare(answer.evidence.alpha)} (F-test{' '}
          {formatP(answer.fTest.p)}), so no touchpoint gets a quadrant or advice for this period.
        </p>
      )}
      <p class="help" data-testid="drivers-rule">
        {answer.evidence.rule}
      </p>
    </>
  );
}

/** Which touchpoints could be drivers, which were, and why the others were not. */
function Qualification({ answer }: { answer: DriversAnswer }) {
  const left = answer.selection.candidates.filter((c) => !c.chosen);
  return (
    <div data-testid="drivers-selection">
      <p class="help">
        Drivers: {answer.selection.rule}. {formatCount(answer.customersWithOutcome)} customers have the
        outcome.
      </p>
      {left.length > 0 && (
        <ul class="notes" data-testid="drivers-left-out">
          {left.map((c) => (
            <li key={c.touchpoint}>
              {c.name} is not a driver: {c.reason ?? 'not chosen'} ({formatCount(c.customers)} customers).
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DriversView({ answer, drivers }: { answer: DriversFit; drivers: Driver[] }) {
  const journey = useJourneyIndex();
  const name = (id: string) => touchpointName(journey, id);
  const numeric = drivers.filter((d) => d.kind === 'numeric');
  const anyAdvice = drivers.some((d) => ADVICE.has(d.quadrant));
  const option = useMemo(
    () =>
      quadrantOption({
        points: numeric.map((d) => ({
          name: name(d.name),
          x: d.performance ?? 0,
          y: d.lmgShare,
          group: QUADRANT_LABEL[d.quadrant],
        })),
        xName: 'performance (mean, share of its scale)',
        yName: 'importance (share of R²)',
        xCut: answer.quadrants.thresholds.performance.value,
        yCut: answer.quadrants.thresholds.importance.value,
        corners: ['concentrate here', 'keep up the good work', 'possible overkill', 'low priority'],
        groupColors: QUADRANT_COLOR,
        format: (v) => formatShare(v),
        xBounds: [0, 1],
        yBounds: [0, 1],
        // Corner names are advice: drawn only when some driver has the evidence to be read by them.
        showCorners: anyAdvice,
      }),
    [answer, journey],
  );
  return (
    <>
      <ModelSummary answer={answer} />
      <Qualification answer={answer} />
      {numeric.length > 1 ? (
        <Chart
          option={option}
          label="Importance against performance, with the four quadrants"
          height={440}
          testId="drivers-chart"
        />
      ) : (
        <p class="help" data-testid="drivers-one">
          One driver: its share of R² is 100 % by construction, and a quadrant needs other drivers to compare
          with, so there is no chart.
        </p>
      )}
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
                Importance (share of R²)
              </th>
              <th scope="col" class="num">
                Relative weight share
              </th>
              <th scope="col" class="num">
                β
              </th>
              <th scope="col" class="num">
                p (Holm)
              </th>
              <th scope="col" class="num">
                Mean (scale)
              </th>
              <th scope="col" class="num">
                Performance
              </th>
              <th scope="col">Quadrant</th>
            </tr>
          </thead>
          <tbody>
            {drivers.map((d) => (
              <tr key={d.name} data-driver={d.name} data-quadrant={d.quadrant}>
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
                <td class="num">{d.kind === 'numeric' ? formatFixed3(d.beta) : '–'}</td>
                <td class="num">{formatP(d.pAdjusted)}</td>
                <td class="num">
                  {d.kind === 'numeric' ? `${formatDecimal(d.mean)} (${d.scale.min}-${d.scale.max})` : '–'}
                </td>
                <td class="num">{d.performance === null ? '–' : formatShare(d.performance)}</td>
                <td>
                  {ADVICE.has(d.quadrant) ? (
                    <strong title={d.evidence}>{QUADRANT_LABEL[d.quadrant]}</strong>
                  ) : (
                    <span class="muted">
                      {QUADRANT_LABEL[d.quadrant]}: {d.evidence}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {answer.excluded.length > 0 && (
        <ul class="notes">
          {answer.excluded.map((e) => (
            <li key={e.name}>
              {name(e.name)} left out: {e.message}
            </li>
          ))}
        </ul>
      )}
      {[...answer.warnings, ...answer.notes].map((note) => (
        <p key={note} class="help">
          {note}
        </p>
      ))}
    </>
  );
}
