/**
 * Statements of the store itself written in the SQL both engines share (`$n` parameters, no
 * dialect DDL). The PostgreSQL adapter uses these; the contract suite runs each one on every
 * adapter, so an engine-specific construct here fails a test rather than a deployment.
 */
export const QUERIES = {
  listWorkspaces: 'SELECT * FROM workspaces ORDER BY created_at, id',
  getWorkspace: 'SELECT * FROM workspaces WHERE id = $1',
  findKeyByHash: 'SELECT * FROM api_keys WHERE hash = $1',
  listKeys: 'SELECT * FROM api_keys WHERE workspace_id = $1 ORDER BY created_at, id',
  getJourney: 'SELECT doc::VARCHAR AS doc FROM journeys WHERE workspace_id = $1',
  touchpointUsage: `
    SELECT touchpoint, sum(n) AS n FROM (
      SELECT touchpoint, count(*) AS n FROM events WHERE workspace_id = $1 AND touchpoint IS NOT NULL GROUP BY 1
      UNION ALL
      SELECT touchpoint, count(*) FROM feedback WHERE workspace_id = $1 GROUP BY 1
    ) AS used GROUP BY touchpoint`,
  counts: `
    SELECT (SELECT count(*) FROM customer_activity WHERE workspace_id = $1) AS customers,
           (SELECT count(*) FROM events WHERE workspace_id = $1) AS events,
           (SELECT count(*) FROM feedback WHERE workspace_id = $1) AS feedback`,
  /** The timeline's header: the customer's traits, first and last seen, and merged anonymous ids. */
  timelineCustomer: `
    SELECT act.id, c.traits::VARCHAR AS traits, act.first_seen, act.last_seen,
           (SELECT list(anonymous_id ORDER BY anonymous_id) FROM aliases a
            WHERE a.workspace_id = $1 AND a.customer_id = $2) AS anonymous_ids
    FROM customer_activity act LEFT JOIN customers c ON c.workspace_id = act.workspace_id AND c.id = act.id
    WHERE act.workspace_id = $1 AND act.id = $2`,
} as const;

/** Write statements that are the same on both engines. */
export const WRITES = {
  insertWorkspace: 'INSERT INTO workspaces VALUES ($1, $2, $3)',
  insertKey: 'INSERT INTO api_keys VALUES ($1, $2, $3, $4, $5, $6, NULL)',
  revokeKey: 'UPDATE api_keys SET revoked_at = $3 WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL',
  remapTouchpoint: (table: 'events' | 'feedback') =>
    `UPDATE ${table} SET touchpoint = $3 WHERE workspace_id = $1 AND touchpoint = $2`,
  /** Both engines accept a conflict target; PostgreSQL requires one for DO UPDATE. */
  upsertJourney: `
    INSERT INTO journeys VALUES ($1, $2, $3)
    ON CONFLICT (workspace_id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
} as const;
