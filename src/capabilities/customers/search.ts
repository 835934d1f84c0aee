import type { Store } from '../../platform/store/port.ts';
import type { CustomerMatch } from './contract.ts';

/**
 * Finds customers by the start of their id, or by part of their e-mail address or name (the
 * traits people search by), most recently seen first. Customers known only from events or
 * feedback (never identified) are found by id too: they have a timeline like any other. Last seen
 * is the latest of their events, feedback and identify calls (customers.last_seen alone moves only
 * with identify, so it read as the first-seen date for most customers).
 * Shared SQL: runs on DuckDB and PostgreSQL.
 */

const SEARCH_SQL = `
  SELECT id, email, name, last_seen FROM (
    SELECT c.id, c.traits ->> CAST('email' AS VARCHAR) AS email, c.traits ->> CAST('name' AS VARCHAR) AS name,
      CASE WHEN a.last_seen IS NULL OR c.last_seen > a.last_seen THEN c.last_seen ELSE a.last_seen END AS last_seen
    FROM customers c
    LEFT JOIN customer_activity a ON a.workspace_id = c.workspace_id AND a.id = c.id
    WHERE c.workspace_id = $1
      AND (lower(c.id) LIKE $2 ESCAPE '\\'
        OR lower(c.traits ->> CAST('email' AS VARCHAR)) LIKE $3 ESCAPE '\\'
        OR lower(c.traits ->> CAST('name' AS VARCHAR)) LIKE $3 ESCAPE '\\')
    UNION ALL
    SELECT a.id, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), a.last_seen
    FROM customer_activity a
    WHERE a.workspace_id = $1 AND lower(a.id) LIKE $2 ESCAPE '\\'
      AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.workspace_id = $1 AND c.id = a.id)
  ) found
  ORDER BY last_seen DESC NULLS LAST, id
  LIMIT $4`;

/** The text as a LIKE pattern that matches it literally. */
const literal = (text: string) => text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchCustomers(
  store: Store,
  workspaceId: string,
  query: string,
  limit: number,
): Promise<CustomerMatch[]> {
  const text = literal(query.trim());
  const rows = await store.read(SEARCH_SQL, [workspaceId, `${text}%`, `%${text}%`, limit]);
  return rows.map((row) => ({
    id: String(row.id),
    email: row.email === null || row.email === undefined ? null : String(row.email),
    name: row.name === null || row.name === undefined ? null : String(row.name),
    lastSeen:
      row.last_seen instanceof Date
        ? row.last_seen.getTime()
        : row.last_seen === null
          ? null
          : Number(row.last_seen),
  }));
}
