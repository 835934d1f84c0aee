import type { Context } from 'hono';
import { parseBody } from '../../core/ingest/request.ts';

/**
 * Parses a JSON body the way ingest does: an empty or malformed body is an InputError with code
 * `empty_body` or `malformed_json`, which the error mapper answers with a 400.
 */
export async function jsonBody(c: Context): Promise<unknown> {
  return parseBody(await c.req.text());
}
