import type { Context } from 'hono';
import { ApiError } from './errors.ts';

/** Parses a JSON body, answering 400 `malformed_json` (not 500) when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) throw new ApiError(400, 'empty_body', 'the request body is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, 'malformed_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
}
