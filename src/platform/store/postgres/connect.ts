import postgres from 'postgres';
import { RESULT_TYPES, SESSION } from './values.ts';

export type Client = ReturnType<typeof connect>;

/**
 * A connection pool. Query parameters of the URL pass through to the client and the server
 * (`?max=20`, `?sslmode=require`, ...), except the session settings the value parsers depend on,
 * which are always ours.
 */
export function connect(url: string, options: { max?: number } = {}) {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()]) {
    if (Object.keys(SESSION).some((s) => s.toLowerCase() === key.toLowerCase()))
      parsed.searchParams.delete(key);
  }
  return postgres(parsed.toString(), {
    ...(options.max ? { max: options.max } : {}),
    connect_timeout: 10,
    // CREATE ... IF NOT EXISTS and the like report notices nobody needs to read.
    onnotice: () => undefined,
    connection: { application_name: 'cxloop', ...SESSION },
    types: RESULT_TYPES,
  });
}

/** Deadlocks and serialization failures: the transaction did nothing and may simply run again. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
