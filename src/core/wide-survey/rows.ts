/**
 * One row of a wide survey export as the canonical ingest items: a feedback response per rated
 * touchpoint (none for an empty or not-applicable cell), the outcome as one more response, the
 * operational columns as events, the profile columns as an identify. Ids are derived from the
 * source, the respondent and the touchpoint, so importing the same file twice stores nothing twice.
 * Items are validated afterwards by the ingest path itself; here only what the mapping decides.
 */
import type { FieldIssue } from '../issues.ts';
import type { SurveyMapping } from './mapping.ts';

export interface RowItems {
  customerId: string | null;
  feedback: Record<string, unknown>[];
  events: Record<string, unknown>[];
  identify: Record<string, unknown> | null;
  /** Problems with this row, each at the column it comes from. */
  issues: FieldIssue[];
  /** Ratings left out because the cell said "not applicable" (or was empty). */
  skipped: number;
}

/** Spellings of an empty answer that exports commonly use. */
const EMPTY = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '.']);

const isEmpty = (cell: string | undefined) => cell === undefined || EMPTY.has(cell.trim().toLowerCase());

function notApplicable(cell: string, codes: readonly (number | string)[]): boolean {
  const text = cell.trim();
  const x = Number(text);
  return codes.some((c) => (typeof c === 'number' ? text !== '' && x === c : c === text));
}

function numberIn(cell: string): number | null {
  const x = Number(cell.trim());
  return cell.trim() !== '' && Number.isFinite(x) ? x : null;
}

/** Spellings of a yes/no answer that exports use; read on a 0-1 scale when no `values` map is given. */
const BOOLEAN: Readonly<Record<string, number>> = { yes: 1, no: 0, true: 1, false: 0, y: 1, n: 0 };

type Column = SurveyMapping['ratings'][number];

/**
 * A cell's score: through the column's `values` map (exact, then ignoring case), else a number, else
 * a yes/no spelling on a 0-1 scale. Null with the reason when none applies.
 */
function scoreOf(text: string, r: Column): { score: number } | { message: string; code: string } {
  if (r.values) {
    const exact = r.values[text];
    if (exact !== undefined) return { score: exact };
    const lower = text.toLowerCase();
    const loose = Object.entries(r.values).find(([k]) => k.toLowerCase() === lower);
    if (loose) return { score: loose[1] };
    const known = Object.keys(r.values)
      .map((v) => `"${v}"`)
      .join(', ');
    return { code: 'unknown_value', message: `"${text}" is not one of the mapped values ${known}` };
  }
  const x = numberIn(text);
  if (x !== null) return { score: x };
  const flag = BOOLEAN[text.toLowerCase()];
  if (flag !== undefined && r.scale?.min === 0 && r.scale.max === 1) return { score: flag };
  return {
    code: 'not_a_number',
    message: `"${text}" is not a score; give the column a values map, e.g. values: {Yes: 1, No: 0}`,
  };
}

export function rowItems(
  record: Record<string, string>,
  m: SurveyMapping,
  defaultTimestamp: string,
): RowItems {
  const issues: FieldIssue[] = [];
  const out: RowItems = { customerId: null, feedback: [], events: [], identify: null, issues, skipped: 0 };
  const rawId = record[m.respondent.id]?.trim() ?? '';
  if (rawId === '') {
    issues.push({ path: m.respondent.id, code: 'missing_id', message: 'the respondent id is empty' });
    return out;
  }
  const customerId = `${m.respondent.idPrefix}${rawId}`;
  out.customerId = customerId;
  const ts = m.respondent.timestamp;
  const timestamp =
    ts === undefined ? defaultTimestamp : typeof ts === 'string' ? ts : (record[ts.column] ?? '').trim();

  const response = (r: Column, score: number) => {
    // Free text is kept as written: no trimming to a number, no case change.
    const comment = r.comment === undefined ? undefined : record[r.comment];
    return {
      id: `${m.source}:${rawId}:${r.touchpoint}`,
      customerId,
      touchpoint: r.touchpoint,
      metric: r.metric,
      score,
      ...(r.scale ? { scale: r.scale } : {}),
      ...(comment !== undefined && comment.trim() !== '' ? { comment } : {}),
      timestamp,
      source: m.source,
    };
  };

  for (const r of m.ratings) {
    const cell = record[r.column];
    if (isEmpty(cell) || notApplicable(cell!, r.notApplicable)) {
      out.skipped++;
      continue;
    }
    const read = scoreOf(cell!.trim(), r);
    if ('message' in read) {
      issues.push({ path: r.column, code: read.code, message: read.message });
      continue;
    }
    out.feedback.push(response(r, read.score));
  }

  if (m.outcome) {
    const o = m.outcome;
    const cell = record[o.column];
    if (!isEmpty(cell) && !notApplicable(cell!, o.notApplicable)) {
      const read = scoreOf(cell!.trim(), o);
      if ('message' in read) {
        issues.push({ path: o.column, code: 'unknown_value', message: read.message });
      } else out.feedback.push(response(o, read.score));
    }
  }

  for (const e of m.events) {
    const cell = record[e.column];
    if (isEmpty(cell)) continue;
    const x = numberIn(cell!);
    if (x === null) {
      issues.push({ path: e.column, code: 'not_a_number', message: `"${cell}" is not a number` });
      continue;
    }
    out.events.push({
      id: `${m.source}:${rawId}:${e.name}`,
      customerId,
      name: e.name,
      ...(e.touchpoint ? { touchpoint: e.touchpoint } : {}),
      timestamp,
      properties: { [e.property]: x, ...(e.flag ? { [e.flag.name]: x > e.flag.above } : {}) },
    });
  }

  const traits: Record<string, string | number> = {};
  for (const [name, trait] of Object.entries(m.traits)) {
    const col = typeof trait === 'string' ? trait : trait.column;
    const cell = record[col];
    if (isEmpty(cell)) continue;
    const asText = typeof trait !== 'string' && trait.type === 'text';
    traits[name] = asText ? cell!.trim() : (numberIn(cell!) ?? cell!.trim());
  }
  out.identify = { customerId, ...(Object.keys(traits).length ? { traits } : {}), timestamp };
  return out;
}
