import type { ReportFormat } from './report-formats.ts';
import type { CompareReport } from './compare.ts';
import type { FunnelReport } from './funnel.ts';
import type { JourneyTimeReport } from './journey-time.ts';
import type { PainPointsReport } from './pain-points.ts';
import type { RetentionReport } from './retention.ts';
import type { ScoresReport } from './scores.ts';
import { SCORE_METRICS } from '../../core/metrics/aggregate.ts';
import type { Comparison, Interval, Score } from '../../core/metrics/score-types.ts';
import prettyMs from 'pretty-ms';
import { printJson, printTable } from '../cli-kit.ts';

/**
 * How `cxloop report ...` prints: `json` is the report exactly as the HTTP API sends it (one
 * document); `table` and `csv` flatten it into rows. CSV keeps raw numbers in separate columns
 * (value, n, interval ends) for spreadsheets; the table rounds them for people.
 */

type Cell = string | number | boolean | null;
type Flat = Record<string, Cell>[];

const round = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? null : Number(x.toFixed(digits));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? null : round(100 * x));
/**
 * A duration for people: "3m 20s", "2d 4h" (two units at most). Days with two decimals printed a
 * few minutes as 0.01; CSV keeps the exact milliseconds instead.
 */
const human = (ms: number | null) => (ms === null ? null : prettyMs(Math.round(ms), { unitCount: 2 }));
const duration = (ms: number | null, readable: boolean) => (readable ? human(ms) : ms);
const ci = (interval: Interval | null, digits = 1) =>
  interval ? `[${interval[0].toFixed(digits)}, ${interval[1].toFixed(digits)}]` : '';

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function printCsv(rows: Flat): void {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [
    columns.map(csvCell).join(','),
    ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? null)).join(',')),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function keysOf(row: Record<string, unknown>, names: readonly string[]): Flat[number] {
  return Object.fromEntries(names.map((k) => [k, (row[k] ?? null) as Cell]));
}

/** A score as columns: raw for CSV, one readable cell for the table. */
function scoreCells(name: string, score: Score, readable: boolean): Flat[number] {
  if (readable) {
    const value =
      score.value === null ? '-' : score.value.toFixed(name === 'ces' || name === 'rating' ? 2 : 1);
    const flag = score.insufficient ? ' (few)' : '';
    return {
      [name]:
        `${value} ${ci(score.ci95, name === 'ces' || name === 'rating' ? 2 : 1)} n=${score.n}${flag}`.trim(),
    };
  }
  return {
    [name]: score.value,
    [`${name}_n`]: score.n,
    [`${name}_ci_low`]: score.ci95?.[0] ?? null,
    [`${name}_ci_high`]: score.ci95?.[1] ?? null,
    [`${name}_insufficient`]: score.insufficient,
  };
}

function scoresRows(report: ScoresReport, readable: boolean): Flat {
  return report.rows.map((row) => {
    const flat: Flat[number] = keysOf(row, report.by);
    if (row.period !== undefined) flat.period = row.period as string;
    for (const metric of SCORE_METRICS) {
      if (row[metric]) Object.assign(flat, scoreCells(metric, row[metric] as Score, readable));
    }
    return flat;
  });
}

function compareRows(report: CompareReport, readable: boolean): Flat {
  return report.rows.flatMap((row) =>
    SCORE_METRICS.filter((m) => row[m]).map((metric) => {
      const { a, b, change } = row[metric] as { a: Score; b: Score; change: Comparison };
      return {
        ...keysOf(row, report.by),
        metric,
        a: readable ? round(a.value, 2) : a.value,
        a_n: a.n,
        b: readable ? round(b.value, 2) : b.value,
        b_n: b.n,
        difference: readable ? round(change.difference, 2) : change.difference,
        ...(readable
          ? { ci95: ci(change.ci95) }
          : { ci_low: change.ci95?.[0] ?? null, ci_high: change.ci95?.[1] ?? null }),
        p: readable && change.p !== null ? Number(change.p.toPrecision(2)) : change.p,
        significant: change.significant,
        // fewer than minN answers on a side: the difference is no evidence either way
        insufficient: readable
          ? change.insufficient
            ? `yes (n < ${report.minN})`
            : ''
          : change.insufficient,
      };
    }),
  );
}

function funnelRows(report: FunnelReport, readable: boolean): Flat {
  const groups = [{ group: null as Cell, stages: report.stages }];
  for (const entry of report.breakdown ?? [])
    groups.push({
      group: entry[report.by as string] as Cell,
      stages: entry.stages as FunnelReport['stages'],
    });
  return groups.flatMap(({ group, stages }, i) =>
    stages.map((s) => ({
      ...(report.by ? { [report.by]: i === 0 ? '(all)' : group } : {}),
      stage: s.stage,
      people: s.customers,
      conversion_pct: pct(s.conversionRate),
      drop_off: s.dropOff,
      overall_pct: pct(s.overallRate),
      [readable ? 'median_time_from_previous' : 'median_ms_from_previous']: duration(
        s.timeFromPrevious?.median ?? null,
        readable,
      ),
    })),
  );
}

function journeyTimeRows(report: JourneyTimeReport, readable: boolean): Flat {
  const unit = readable ? '' : '_ms';
  return (['buying', 'owning'] as const).map((phase) => ({
    phase,
    n: report[phase].n,
    [`p25${unit}`]: duration(report[phase].p25, readable),
    [`median${unit}`]: duration(report[phase].median, readable),
    [`p75${unit}`]: duration(report[phase].p75, readable),
  }));
}

function retentionRows(report: RetentionReport): Flat {
  return report.cohorts.map((c) => ({
    cohort: c.cohort,
    customers: c.customers,
    ...Object.fromEntries(c.months.map((m) => [`m${m.offset}`, pct(m.rate)])),
  }));
}

function painRows(report: PainPointsReport, readable: boolean): Flat {
  return report.painPoints.map((p) => ({
    rank: p.rank,
    touchpoint: readable ? p.name : p.touchpoint,
    stage: p.stage,
    pain_score: readable ? round(p.painScore, 2) : p.painScore,
    significant: p.significant,
    // one count, one percentage: customers met, of them with a bad experience, and the answers apart
    customers_met: p.customers,
    bad_experience: p.affected,
    bad_experience_pct: pct(p.customers > 0 ? p.affected / p.customers : null),
    bad_answers_pct: pct(p.feedback.lowShare),
    ...(readable ? {} : { summary: p.summary.join(' | ') }),
  }));
}

function flatten(kind: string, report: unknown, readable: boolean): Flat {
  switch (kind) {
    case 'scores':
      return scoresRows(report as ScoresReport, readable);
    case 'compare':
      return compareRows(report as CompareReport, readable);
    case 'funnel':
      return funnelRows(report as FunnelReport, readable);
    case 'journey-time':
      return journeyTimeRows(report as JourneyTimeReport, readable);
    case 'retention':
      return retentionRows(report as RetentionReport);
    case 'pain-points':
      return painRows(report as PainPointsReport, readable);
    default:
      throw new Error(`no flat form for ${kind}`);
  }
}

/** The lines a table adds under the rows: summary figures and notes that have no column. */
function footer(kind: string, report: Record<string, unknown>): string[] {
  const lines: string[] = [];
  if (kind === 'retention') {
    const r = report as unknown as RetentionReport;
    lines.push(
      `repeat purchase: ${r.repeatPurchase.repeaters} of ${r.repeatPurchase.customers} buyers (${pct(r.repeatPurchase.rate) ?? '-'}% ${ci(r.repeatPurchase.ci95 && [100 * r.repeatPurchase.ci95[0], 100 * r.repeatPurchase.ci95[1]])})`,
      `churn (${r.churnDays} days inactive or a churn event): ${r.churn.churned} of ${r.churn.customers} (${pct(r.churn.rate) ?? '-'}%; ${r.churn.byEvent} by event, ${r.churn.byInactivity} by inactivity)`,
    );
  }
  if (kind === 'journey-time') {
    const r = report as unknown as JourneyTimeReport;
    lines.push(
      `${r.journeys} journeys started in the window; ${r.startedBefore} people were already active before it (left out)`,
    );
  }
  if (kind === 'pain-points') {
    const r = report as unknown as PainPointsReport;
    lines.push(`${r.people} ${r.populations.people}`);
    lines.push(`formula: ${r.formula}`);
    for (const p of r.painPoints) lines.push(`${p.rank}. ${p.name}: ${p.summary.join('; ')}`);
    // Touchpoints without evidence of pain are named once, not printed as rows of zeros.
    if (r.unranked.length)
      lines.push(`not ranked (pain score 0): ${r.unranked.map((u) => `${u.name} (${u.reason})`).join('; ')}`);
  }
  if (kind === 'compare') {
    const r = report as unknown as CompareReport;
    lines.push(
      `a = ${r.a.label} (${r.a.window.from} .. ${r.a.window.to}), b = ${r.b.label}; difference = b - a`,
    );
    const rows = compareRows(r, false);
    const thin = rows.filter((row) => row.insufficient === true).length;
    if (thin)
      lines.push(
        `${thin} of ${rows.length} comparisons have fewer than ${r.minN} answers on a side: insufficient, no conclusion either way`,
      );
  }
  for (const note of (report.notes as string[] | undefined) ?? []) lines.push(`note: ${note}`);
  return lines;
}

export function printReport(kind: string, report: object, format: ReportFormat): void {
  if (format === 'json') return printJson(report);
  const rows = flatten(kind, report, format === 'table');
  if (format === 'csv') return printCsv(rows);
  printTable(rows, [...new Set(rows.flatMap((r) => Object.keys(r)))]);
  const lines = footer(kind, report as Record<string, unknown>);
  if (lines.length) process.stdout.write('\n' + lines.join('\n') + '\n');
}
