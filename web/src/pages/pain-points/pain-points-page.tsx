import { useMemo } from 'preact/hooks';
import { analytics, type PainPointsReport } from '../../api/analytics.ts';
import { Chart } from '../../charts/chart.tsx';
import type { ChartOption } from '../../charts/echarts.ts';
import { COLORS } from '../../charts/palette.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount, formatDate, formatDecimal } from '../../lib/format.ts';
import { navigate } from '../../lib/url-state.ts';
import { Link, touchpointHref } from '../../components/link.tsx';
import { usePeriod, type Period } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';
import { PainPointCard } from './pain-point-card.tsx';

const CHARTED = 10;

function rankOption(report: PainPointsReport): ChartOption {
  const top = report.painPoints.slice(0, CHARTED);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', inverse: true, data: top.map((p) => p.name) },
    series: [
      {
        type: 'bar',
        name: 'pain score',
        data: top.map((p) => ({
          value: p.painScore,
          itemStyle: { color: p.significant ? COLORS.bad : '#e8a49c' },
        })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => formatDecimal(p.value) },
        cursor: 'pointer',
      },
    ],
  };
}

/** Where the journey hurts most, ranked, each with the evidence behind its rank. */
export function PainPointsPage() {
  const [period, setPeriod] = usePeriod();
  const report = useResource((signal) => analytics.painPoints(period, signal), [period.from, period.to]);
  return (
    <section>
      <PageHeader
        title="Pain points"
        intro="Touchpoints ranked by how many customers they hurt and how much: low scores, drop-off after them, support contacts that follow, and their effect on later purchases and churn."
      >
        <PeriodPicker period={period} onChange={setPeriod} />
      </PageHeader>
      <ResourceView
        resource={report}
        label="pain points"
        isEmpty={(r) => r.painPoints.length === 0 && r.unranked.length === 0 && r.notes.length === 0}
        empty="No pain points in this period."
      >
        {(data) => <PainPointsView report={data} period={period} />}
      </ResourceView>
    </section>
  );
}

function PainPointsView({ report, period }: { report: PainPointsReport; period: Period }) {
  const option = useMemo(() => rankOption(report), [report]);
  const open = (click: { dataIndex: number }) => {
    const point = report.painPoints[click.dataIndex];
    if (point) navigate(touchpointHref(point.touchpoint));
  };
  return (
    <>
      <p class="help" data-testid="pain-population">
        {formatCount(report.people)} customers active from {formatDate(period.from)} to{' '}
        {formatDate(period.to)} (an event or an answer).
      </p>
      <p class="help" data-testid="pain-formula">
        {report.formula}
      </p>
      {report.painPoints.length === 0 ? (
        // Nothing met at all is the empty state (the notes below say why); met without pain is a finding.
        <p
          data-testid="pain-none"
          class={report.unranked.length === 0 ? 'state state-empty' : undefined}
          role="status"
        >
          No touchpoint shows evidence of pain in this period.
        </p>
      ) : (
        <>
          <Chart
            option={option}
            label={`Pain scores of the top ${Math.min(CHARTED, report.painPoints.length)} touchpoints; the list below has each one's evidence`}
            height={40 + 30 * Math.min(CHARTED, report.painPoints.length)}
            onClick={open}
            testId="pain-chart"
          />
          <ol class="pain-list" data-testid="pain-list">
            {report.painPoints.map((p) => (
              <li key={p.touchpoint}>
                <PainPointCard point={p} total={report.painPoints.length} period={period} headingLevel={2} />
              </li>
            ))}
          </ol>
        </>
      )}
      {report.unranked.length > 0 && (
        <section class="card" data-testid="pain-unranked">
          <h2>No evidence of pain</h2>
          <p class="help">Met in this period, pain score 0: no rank. Each with the reason.</p>
          <ul>
            {report.unranked.map((u) => (
              <li key={u.touchpoint} data-touchpoint={u.touchpoint}>
                <Link href={touchpointHref(u.touchpoint)}>{u.name}</Link>: {formatCount(u.customers)}{' '}
                customers met it; {u.reason}.
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.notes.map((note) => (
        <p key={note} class="help">
          {note}
        </p>
      ))}
    </>
  );
}
