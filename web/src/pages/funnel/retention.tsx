import { useMemo, useState } from 'preact/hooks';
import { analytics, type Rate, type RetentionReport } from '../../api/analytics.ts';
import { Chart } from '../../charts/chart.tsx';
import { heatmapOption } from '../../charts/options/heatmap.ts';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount, formatShare } from '../../lib/format.ts';
import type { Period } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useQueryParam } from '../../lib/url-state.ts';

/** The server's default inactivity rule, shown until the user sets another. */
const DEFAULT_CHURN_DAYS = 90;

export function Retention({ period }: { period: Period }) {
  const [raw, setChurnDays] = useQueryParam('churnDays', String(DEFAULT_CHURN_DAYS));
  const parsed = Number(raw);
  const churnDays = Number.isInteger(parsed) && parsed >= 1 && parsed <= 3650 ? parsed : DEFAULT_CHURN_DAYS;
  const report = useResource(
    (signal) => analytics.retention(period, churnDays, signal),
    [period.from, period.to, churnDays],
  );
  return (
    <>
      <ChurnRule key={churnDays} days={churnDays} onChange={(days) => setChurnDays(String(days))} />
      <ResourceView resource={report} label="retention">
        {(data) => <RetentionView report={data} />}
      </ResourceView>
    </>
  );
}

/** The churn rule in words, with the number of days the user can change (kept in the address). */
function ChurnRule({ days, onChange }: { days: number; onChange: (days: number) => void }) {
  const [draft, setDraft] = useState(String(days));
  const value = Number(draft);
  const valid = Number.isInteger(value) && value >= 1 && value <= 3650;
  return (
    <form
      class="churn-rule"
      data-testid="churn-rule"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onChange(value);
      }}
    >
      <p>
        Churn rule: a customer has churned after a churn event, or after{' '}
        <label>
          <input
            type="number"
            name="churnDays"
            min={1}
            max={3650}
            step={1}
            value={draft}
            aria-invalid={!valid}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />{' '}
          days
        </label>{' '}
        without any activity. Only customers first active at least that long before the end of the period (or
        now) can be judged.{' '}
        <button type="submit" disabled={!valid}>
          Apply
        </button>
      </p>
      {!valid && (
        <p class="form-error" role="alert">
          Days must be a whole number from 1 to 3650.
        </p>
      )}
    </form>
  );
}

function RateFigure({ title, hint, rate }: { title: string; hint: string; rate: Rate }) {
  return (
    <div class="figure">
      <h3>{title}</h3>
      <p class="figure-value">{formatShare(rate.rate)}</p>
      <p class="help">
        {hint}
        {rate.ci95 && `; 95 % CI ${formatShare(rate.ci95[0])} to ${formatShare(rate.ci95[1])}`}
      </p>
    </div>
  );
}

function RetentionView({ report }: { report: RetentionReport }) {
  const option = useMemo(() => {
    const offsets = Math.max(0, ...report.cohorts.flatMap((c) => c.months.map((m) => m.offset))) + 1;
    return heatmapOption({
      rows: report.cohorts.map((c) => `${c.cohort} (${formatCount(c.customers)})`),
      columns: Array.from({ length: offsets }, (_, i) => `+${i}`),
      // months not observed yet stay blank (null), not 0 %
      values: report.cohorts.map((c) =>
        Array.from({ length: offsets }, (_, i) => c.months.find((m) => m.offset === i)?.rate ?? null),
      ),
      // the month observed only in part says so: its low share is not a collapse
      labels: report.cohorts.map((c) =>
        Array.from({ length: offsets }, (_, i) => {
          const m = c.months.find((x) => x.offset === i);
          return m ? `${formatShare(m.rate)}${m.partial ? ' (partial)' : ''}` : '';
        }),
      ),
      min: 0,
      max: 1,
      format: (v) => formatShare(v),
      columnTitle: 'months after the first',
    });
  }, [report]);
  return (
    <>
      <div class="figures" data-testid="retention">
        <RateFigure
          title="Repeat purchase"
          hint={`${formatCount(report.repeatPurchase.repeaters)} of ${formatCount(report.repeatPurchase.customers)} buyers bought again`}
          rate={report.repeatPurchase}
        />
        <RateFigure
          title="Churn"
          hint={`${formatCount(report.churn.churned)} of ${formatCount(report.churn.customers)} customers (no activity for ${report.churnDays} days, or a churn event)`}
          rate={report.churn}
        />
      </div>
      {report.cohorts.length > 0 && (
        <Chart
          option={option}
          label="Monthly retention cohorts: share of each month's new customers active in later months"
          height={Math.max(240, 28 * report.cohorts.length + 110)}
          testId="retention-cohorts"
        />
      )}
      {report.notes.map((note) => (
        <p key={note} class="help">
          {note}
        </p>
      ))}
    </>
  );
}
