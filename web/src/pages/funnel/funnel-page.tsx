import { useMemo } from 'preact/hooks';
import { analytics, type FunnelReport } from '../../api/analytics.ts';
import { Chart } from '../../charts/chart.tsx';
import { funnelBarsOption } from '../../charts/options/funnel-bars.ts';
import { BreakdownSelect } from '../../components/breakdown-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount, formatDuration, formatShare } from '../../lib/format.ts';
import { stageName, useJourneyIndex } from '../../lib/journey-index.ts';
import { usePeriod } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useQueryParam } from '../../lib/url-state.ts';
import { JourneyTime } from './journey-time.tsx';
import { Retention } from './retention.tsx';

/** Where people drop out of the journey, how long each step takes, and how long they buy and own. */
export function FunnelPage() {
  const [period, setPeriod] = usePeriod();
  const [by, setBy] = useQueryParam('by', '');
  const funnel = useResource(
    (signal) => analytics.funnel(period, by || null, signal),
    [period.from, period.to, by],
  );
  return (
    <section>
      <PageHeader
        title="Funnel"
        intro="People reaching each stage in order (someone counts for a stage only after reaching the one before), the drop-off between stages and the time it takes."
      >
        <PeriodPicker period={period} onChange={setPeriod} />
        <BreakdownSelect label="Break down by" value={by} onChange={setBy} dimensions={['channel']} />
      </PageHeader>
      <ResourceView
        resource={funnel}
        label="the funnel"
        isEmpty={(f) => f.stages.every((s) => s.customers === 0)}
        empty="Nobody entered the journey in this period."
      >
        {(data) => <FunnelView report={data} />}
      </ResourceView>
      <h2>Buying and owning time</h2>
      <JourneyTime period={period} />
      <h2>Repeat purchase, churn and retention</h2>
      <Retention period={period} />
    </section>
  );
}

function FunnelView({ report }: { report: FunnelReport }) {
  const journey = useJourneyIndex();
  const names = (id: string) => stageName(journey, id);
  const option = useMemo(() => funnelBarsOption(report.stages, names), [report, journey]);
  return (
    <>
      <Chart
        option={option}
        label="Stage funnel: people reaching each stage"
        height={60 + 44 * report.stages.length}
        testId="funnel-chart"
      />
      <div class="table-scroll">
        <table data-testid="funnel-table">
          <caption>Stages in order</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" class="num">
                People
              </th>
              <th scope="col" class="num">
                Conversion from previous
              </th>
              <th scope="col" class="num">
                Dropped off
              </th>
              <th scope="col" class="num">
                Of the first stage
              </th>
              <th scope="col" class="num">
                Time from previous (median)
              </th>
              <th scope="col" class="num">
                Middle half
              </th>
            </tr>
          </thead>
          <tbody>
            {report.stages.map((s) => (
              <tr key={s.stage} data-stage={s.stage}>
                <th scope="row">{names(s.stage)}</th>
                <td class="num" data-value={s.customers}>
                  {formatCount(s.customers)}
                </td>
                <td class="num">
                  {formatShare(s.conversionRate)}
                  {s.conversionCi95 && (
                    <span class="score-sample">
                      {' '}
                      ({formatShare(s.conversionCi95[0])} to {formatShare(s.conversionCi95[1])})
                    </span>
                  )}
                </td>
                <td class="num">
                  {formatCount(s.dropOff)}{' '}
                  {s.dropOffRate !== null && <span class="score-sample">({formatShare(s.dropOffRate)})</span>}
                </td>
                <td class="num">{formatShare(s.overallRate)}</td>
                <td class="num">{formatDuration(s.timeFromPrevious?.median)}</td>
                <td class="num">
                  {s.timeFromPrevious && s.timeFromPrevious.n > 0
                    ? `${formatDuration(s.timeFromPrevious.p25)} to ${formatDuration(s.timeFromPrevious.p75)}`
                    : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.breakdown && report.by && <Breakdown report={report} names={names} />}
    </>
  );
}

function Breakdown({ report, names }: { report: FunnelReport; names: (id: string) => string }) {
  const key = report.by!.startsWith('trait:') ? report.by!.slice(6) : report.by!;
  return (
    <div class="table-scroll">
      <table data-testid="funnel-breakdown">
        <caption>By {key}: people at each stage (share of the group's first stage)</caption>
        <thead>
          <tr>
            <th scope="col">{key}</th>
            {report.stages.map((s) => (
              <th key={s.stage} scope="col" class="num">
                {names(s.stage)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.breakdown!.map((group, i) => {
            const label = group[report.by!] ?? group[key];
            return (
              <tr key={i}>
                <th scope="row">{label === null || label === undefined ? '(none)' : String(label)}</th>
                {group.stages.map((s) => (
                  <td key={s.stage} class="num">
                    {formatCount(s.customers)}{' '}
                    <span class="score-sample">({formatShare(s.overallRate)})</span>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
