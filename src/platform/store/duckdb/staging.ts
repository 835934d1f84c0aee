/**
 * Identify calls are staged in the temp schema of the writer connection, then merged into
 * customers and aliases with set-based statements. Times are DOUBLE epoch milliseconds here.
 */
export const STAGING = `
  CREATE TEMP TABLE IF NOT EXISTS stage_identifies (
    workspace_id VARCHAR, customer_id VARCHAR, anonymous_id VARCHAR, traits VARCHAR, ts DOUBLE, seq INTEGER
  );
`;
