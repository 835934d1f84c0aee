import type { Context } from 'hono';
import { parseBody } from '../../core/ingest/request.ts';
import { LIMITS } from '../../core/ingest/limits.ts';
import { DomainError } from '../errors.ts';

/**
 * Parses a JSON body the way ingest does: an empty or malformed body is an InputError with code
 * `empty_body` or `malformed_json`, which the error mapper answers with a 400.
 */
export async function jsonBody(c: Context): Promise<unknown> {
  return parseBody(await c.req.text());
}

/**
 * The raw body, for work that parses it elsewhere (the worker pool); over `maxBytes` it is a 413
 * naming the body. It is read in full even when its Content-Length already says too much: a reply
 * before the upload ends makes common clients (fetch) report a failed request, not the 413, and
 * reading 4 MB costs this thread about 15 ms.
 */
export async function bytesBody(
  c: Context,
  maxBytes: number = LIMITS.bodyBytes,
  what = 'the body',
): Promise<Uint8Array<ArrayBuffer>> {
  const refuse = (size: number) => {
    const message = `${what} is at most ${maxBytes} bytes; this one is ${size}`;
    return new DomainError('too_large', message, {
      code: 'body_too_large',
      issues: [{ path: '', code: 'too_large', message }],
    });
  };
  const body = new Uint8Array(await c.req.arrayBuffer());
  if (body.byteLength > maxBytes) throw refuse(body.byteLength);
  return body;
}
