import { badAnswerSql, goodAnswerSql } from '../../core/experience/answers-sql.ts';
import { feedbackColumns } from '../../core/experience/sql.ts';
import type { TimeWindow } from '../../platform/time/window.ts';
import { SqlParams } from '../../platform/sql/params.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, nullable, num, row, text } from '../../platform/store/rows.ts';
import type { CustomerMatch } from './contract.ts';

/**
 * Customers with an answer in a period, optionally about one touchpoint and of one kind ("this
 * week's detractors at checkout"): one row per customer with how many of their answers match, most
 * recently seen first. Bad and good are the same definitions the scores count (answers-sql.ts).
 * Shared SQL: runs on DuckDB and PostgreSQL.
 */
export interface CustomerFilter {
  touchpoint: string | null;
  experience: 'bad' | 'good' | null;
  window: TimeWindow;
  /** narrows the list like the search: the start of the id, or part of the e-mail or name */
  q: string | null;
}

const decode = row({
  id: text,
  email: nullable(text),
  name: nullable(text),
  last_seen: nullable(epochMs),
  answers: num,
});

const literal = (value: string) => value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listCustomers(
  store: Store,
  workspaceId: string,
  filter: CustomerFilter,
  limit: number,
): Promise<CustomerMatch[]> {
  const params = new SqlParams();
  const ws = params.add(workspaceId);
  const where = [
    `f.workspace_id = ${ws}`,
    `f.ts >= ${params.add(filter.window.from)}`,
    `f.ts < ${params.add(filter.window.to)}`,
  ];
  if (filter.touchpoint !== null) where.push(`f.touchpoint = ${params.add(filter.touchpoint)}`);
  if (filter.experience === 'bad') where.push(badAnswerSql(feedbackColumns('f')));
  if (filter.experience === 'good') where.push(goodAnswerSql(feedbackColumns('f')));
  if (filter.q !== null) {
    const q = literal(filter.q);
    const prefix = params.add(`${q}%`);
    const part = params.add(`%${q}%`);
    where.push(`(lower(f.customer_id) LIKE ${prefix} ESCAPE '\\'
      OR lower(c.traits ->> CAST('email' AS VARCHAR)) LIKE ${part} ESCAPE '\\'
      OR lower(c.traits ->> CAST('name' AS VARCHAR)) LIKE ${part} ESCAPE '\\')`);
  }
  const sql = `
    SELECT f.customer_id AS id,
      max(c.traits ->> CAST('email' AS VARCHAR)) AS email,
      max(c.traits ->> CAST('name' AS VARCHAR)) AS name,
      max(CASE WHEN a.last_seen IS NULL OR c.last_seen > a.last_seen THEN c.last_seen ELSE a.last_seen END) AS last_seen,
      count(*) AS answers
    FROM feedback f
    LEFT JOIN customers c ON c.workspace_id = f.workspace_id AND c.id = f.customer_id
    LEFT JOIN customer_activity a ON a.workspace_id = f.workspace_id AND a.id = f.customer_id
    WHERE ${where.join(' AND ')}
    GROUP BY f.customer_id
    ORDER BY last_seen DESC NULLS LAST, id
    LIMIT ${params.add(limit)}`;
  const rows = await store.readRows(decode, sql, params.values);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    lastSeen: r.last_seen,
    answers: r.answers,
  }));
}
