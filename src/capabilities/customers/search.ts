import type { Store } from '../../platform/store/port.ts';
import type { CustomerMatch } from './contract.ts';

/**
 * Finds identified customers by the start of their id, or by part of their e-mail address or name
 * (the traits people search by), most recently seen first. Shared SQL: runs on DuckDB and PostgreSQL.
 */

const SEARCH_SQL = `
  SELECT id, traits ->> CAST('email' AS VARCHAR) AS email, traits ->> CAST('name' AS VARCHAR) AS name, last_seen
  FROM customers
  WHERE workspace_id = $1
    AND (lower(id) LIKE $2 ESCAPE '\\'
      OR lower(traits ->> CAST('email' AS VARCHAR)) LIKE $3 ESCAPE '\\'
      OR lower(traits ->> CAST('name' AS VARCHAR)) LIKE $3 ESCAPE '\\')
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
