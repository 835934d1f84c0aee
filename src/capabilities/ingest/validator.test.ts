import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { indexJourney } from '../../core/journey/rules.ts';
import { InputError } from '../../core/issues.ts';
import { defaultJourney } from '../journeys/templates.ts';
import { inlineValidator, WorkerValidator } from './validator.ts';

const journey = indexJourney(defaultJourney());
const now = Date.parse('2025-06-30T00:00:00Z');
const pool = new WorkerValidator(1);
after(() => pool.close());

const bytes = (text: string) => new TextEncoder().encode(text);
const big = (bad: boolean) =>
  JSON.stringify({
    batch: Array.from({ length: 300 }, (_, i) => ({
      id: `w${i}`,
      customerId: `c${i}`,
      name: i % 2 ? 'Order Completed' : 'Support Ticket Opened',
      timestamp: bad && i === 250 ? 'never' : '2025-06-01T10:00:00Z',
      properties: { channel: 'chat', n: i },
    })),
  });

test('a worker thread validates large bodies exactly as the inline path does', async () => {
  const text = big(false);
  assert.ok(text.length > 16 * 1024, 'large enough to go to the worker');
  assert.deepEqual(
    await pool.normalize('events', bytes(text), journey, now),
    await inlineValidator.normalize('events', bytes(text), journey, now),
  );
});

test('a worker thread reports the same issues, as an InputError', async () => {
  const text = big(true);
  const fromWorker = await pool.normalize('events', bytes(text), journey, now).catch((e: unknown) => e);
  const inline = await inlineValidator
    .normalize('events', bytes(text), journey, now)
    .catch((e: unknown) => e);
  assert.ok(fromWorker instanceof InputError);
  assert.deepEqual(fromWorker.issues, (inline as InputError).issues);
  assert.equal(fromWorker.issues[0]!.index, 250);
});

test('malformed JSON from a worker keeps its code', async () => {
  const error = await pool
    .normalize('events', bytes('{' + 'x'.repeat(20_000)), journey, now)
    .catch((e: unknown) => e);
  assert.ok(error instanceof InputError);
  assert.equal(error.code, 'malformed_json');
});
