/**
 * The outcomes of outcomes.ts in SQL: each renderer takes the column names (or expressions) a query
 * has gathered a customer's times into, and the experience's time `t`, and returns boolean
 * expressions that are never NULL (a missing time is "no such event"), as the TypeScript says.
 */
import { goodAnswerSql } from './answers-sql.ts';
import type { OutcomeSpec } from './outcomes.ts';
import { sqlNumber, type AnswerColumns } from './sql.ts';

export interface TimeColumns {
  firstPurchase: string;
  lastPurchase: string;
  lastChurn: string;
  lastActivity: string;
}

export interface VerdictSql {
  measured: string;
  hit: string;
}

const definite = (sql: string) => `coalesce(${sql}, FALSE)`;

export function purchaseAfterSql(c: Pick<TimeColumns, 'lastPurchase'>, t: string): VerdictSql {
  return { measured: 'TRUE', hit: definite(`${c.lastPurchase} > ${t}`) };
}

export function repeatPurchaseSql(
  c: Pick<TimeColumns, 'firstPurchase' | 'lastPurchase'>,
  t: string,
): VerdictSql {
  const measured = definite(`${c.firstPurchase} <= ${t}`);
  return { measured, hit: definite(`${c.firstPurchase} <= ${t} AND ${c.lastPurchase} > ${t}`) };
}

/**
 * `inactive`: no activity since `before` is churn too (the customer's latest activity in
 * `lastActivity`); null when only churn events count.
 */
export function churnAfterSql(
  c: Pick<TimeColumns, 'lastChurn'>,
  t: string,
  inactive: { lastActivity: string; before: string } | null,
): VerdictSql {
  const event = definite(`${c.lastChurn} > ${t}`);
  if (inactive === null) return { measured: 'TRUE', hit: event };
  return {
    measured: 'TRUE',
    hit: `(${event} OR ${definite(`${inactive.lastActivity} < ${inactive.before}`)})`,
  };
}

/** `contact` and `t` are timestamps: the contact is after t and at most `days` later. */
export function supportContactSql(contact: string, t: string, days: number): string {
  return definite(`${contact} > ${t} AND ${contact} <= ${t} + ${sqlNumber(days)} * INTERVAL '1 day'`);
}

export function droppedOffSql(laterStage: string, t: string): string {
  return `NOT ${definite(`${laterStage} > ${t}`)}`;
}

/** Whether the answer in `c` makes the feedback outcome positive. */
export function positiveAnswerSql(o: Extract<OutcomeSpec, { kind: 'feedback' }>, c: AnswerColumns): string {
  return definite(
    o.positiveAtLeast === null ? goodAnswerSql(c) : `${c.score} >= ${sqlNumber(o.positiveAtLeast)}`,
  );
}
