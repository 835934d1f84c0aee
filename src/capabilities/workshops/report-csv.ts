/**
 * The report as CSV: one row per pair (judged beside measured, with the flag) and one per
 * touchpoint (judged effort and importance beside the measured effort signals), so it opens as one
 * sheet. Fields are quoted where needed (RFC 4180).
 */
import type { WorkshopReport } from './contract.ts';

const field = (v: string | number | boolean | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(Number(v.toFixed(6))) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const HEADER = [
  'row',
  'from',
  'to',
  'judged_median',
  'judged_iqr',
  'judged_n',
  'dont_know',
  'disagreement',
  'measured_status',
  'measured_n',
  'measured_risk_difference',
  'ci95_low',
  'ci95_high',
  'simultaneous_low',
  'simultaneous_high',
  'flag',
  'effort_median',
  'importance_median',
  'ces_high_effort_share',
  'ces_n',
  'repeat_contact_share',
  'repeat_contact_n',
  'resolution_hours_median',
  'tickets',
];

export function reportCsv(report: WorkshopReport): string {
  const lines = [HEADER.join(',')];
  for (const p of report.pairs) {
    lines.push(
      [
        'pair',
        p.from,
        p.to,
        p.judged.median,
        p.judged.iqr,
        p.judged.n,
        p.judged.unknown,
        p.judged.disagreement,
        p.measured.status,
        p.measured.n,
        p.measured.riskDifference,
        p.measured.ci95?.[0],
        p.measured.ci95?.[1],
        p.measured.simultaneous?.[0],
        p.measured.simultaneous?.[1],
        p.flag,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ]
        .map(field)
        .join(','),
    );
  }
  for (const t of report.touchpoints) {
    const m = t.measured;
    lines.push(
      [
        'touchpoint',
        t.id,
        null,
        null,
        t.effort.iqr,
        t.effort.n,
        t.effort.unknown,
        t.effort.disagreement || t.importance.disagreement,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        t.effort.median,
        t.importance.median,
        m.highEffort.share,
        m.highEffort.n,
        m.repeatContacts.share,
        m.repeatContacts.n,
        m.resolutionHours.median,
        m.resolutionHours.n,
      ]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
