/** A `postgres://` or `postgresql://` URL selects server mode; anything else is a DuckDB file. */
export function isServerUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The `--db` value fit to print or log: a server URL loses its password. */
export function redactDb(db: string): string {
  if (!isServerUrl(db)) return db;
  try {
    const url = new URL(db);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
