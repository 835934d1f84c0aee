import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { pino } from 'pino';
import { InputError } from '../../core/issues.ts';
import { DomainError, type ErrorKind } from '../errors.ts';
import { onError } from './errors.ts';

/** A real Hono app whose one route throws what it is given, through the app's error mapper. */
async function reply(error: Error) {
  const app = new Hono();
  app.onError(onError(pino({ level: 'silent' })));
  app.get('/', () => {
    throw error;
  });
  const res = await app.request('/');
  return { status: res.status, body: (await res.json()) as { error: Record<string, unknown> } };
}

test('each kind of DomainError has its status, and the reply carries code, message and field paths', async () => {
  const expected: Record<ErrorKind, number> = {
    invalid: 400,
    unauthorized: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    too_large: 413,
    unsupported_media: 415,
    rate_limited: 429,
    unavailable: 503,
    locked: 503,
  };
  for (const [kind, status] of Object.entries(expected) as [ErrorKind, number][]) {
    const got = await reply(new DomainError(kind, `refused: ${kind}`));
    const message = `refused: ${kind}`;
    assert.deepEqual(got, { status, body: { code: kind, message, error: { code: kind, message } } }, kind);
  }
  const issues = [{ path: 'touchpoints.delivery', code: 'would_orphan', message: 'in use' }];
  assert.deepEqual(await reply(new DomainError('conflict', 'in use', { code: 'would_orphan', issues })), {
    status: 409,
    body: {
      code: 'would_orphan',
      message: 'in use',
      error: { code: 'would_orphan', message: 'in use', issues },
    },
  });
});

test("core's InputError is the kind 'invalid'; anything else is our fault, a 500 that says nothing inside", async () => {
  const issues = [{ index: 2, path: 'timestamp', code: 'invalid_date', message: 'not a date' }];
  assert.deepEqual(await reply(new InputError(issues)), {
    status: 400,
    body: {
      code: 'invalid_request',
      message: 'the request is not valid',
      error: { code: 'invalid_request', message: 'the request is not valid', issues },
    },
  });
  const crash = await reply(new Error('connection string postgres://secret@db'));
  assert.equal(crash.status, 500);
  assert.equal(crash.body.error.code, 'internal');
  assert.doesNotMatch(JSON.stringify(crash.body), /secret/);
});
