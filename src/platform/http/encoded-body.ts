import { promisify } from 'node:util';
import { gunzip, inflate, inflateRaw, type ZlibOptions } from 'node:zlib';
import type { Context } from 'hono';
import { DomainError } from '../errors.ts';

const inflaters = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
  raw: promisify(inflateRaw),
} as const;

const tooLarge = (maxBytes: number) => {
  const message = `the body is at most ${maxBytes} bytes once decompressed`;
  return new DomainError('too_large', message, {
    code: 'body_too_large',
    issues: [{ path: '', code: 'too_large', message }],
  });
};

/** Node's error when the output would pass `maxOutputLength`: a zip bomb, or just too much. */
const isTooLarge = (error: unknown) =>
  error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';

/**
 * A request body after its Content-Encoding: gzip (RudderStack's SDKs and rudder-sdk-python by
 * default, segment-analytics-python with gzip=True) and deflate (zlib-wrapped, or raw deflate as
 * some clients send it under that name). The limit applies to the decompressed bytes, and
 * decompression stops as soon as it passes it, so a small zip bomb costs no more than the limit.
 * Decompression runs on libuv's thread pool, not on the thread that serves every workspace.
 */
export async function decodedBody(c: Context, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') {
    if (raw.byteLength > maxBytes) throw tooLarge(maxBytes);
    return raw;
  }
  const options: ZlibOptions = { maxOutputLength: maxBytes };
  const kind =
    encoding === 'gzip' || encoding === 'x-gzip' ? 'gzip' : encoding === 'deflate' ? 'deflate' : null;
  if (!kind) {
    throw new DomainError(
      'unsupported_media',
      `Content-Encoding "${encoding}" is not supported; send gzip, deflate or none`,
      { code: 'unsupported_encoding' },
    );
  }
  try {
    return new Uint8Array(await inflaters[kind](raw, options));
  } catch (error) {
    if (isTooLarge(error)) throw tooLarge(maxBytes);
    if (kind === 'deflate') {
      try {
        return new Uint8Array(await inflaters.raw(raw, options));
      } catch (again) {
        if (isTooLarge(again)) throw tooLarge(maxBytes);
      }
    }
    throw new DomainError('invalid', `the body is not valid ${kind} data`, {
      code: 'malformed_body',
      issues: [{ path: '', code: 'malformed_body', message: `the body is not valid ${kind} data` }],
    });
  }
}
