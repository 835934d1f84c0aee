import assert from 'node:assert/strict';
import { test } from 'node:test';
import { correctedTimestamp, segmentMessage } from './segment.ts';

const message = (m: Record<string, unknown>) => segmentMessage.parse(m);
const receivedAt = Date.parse('2025-06-01T12:00:00.000Z');

test('clock skew: timestamp = receivedAt - (sentAt - originalTimestamp)', () => {
  // The client's clock is 1 hour fast: it says it sent at 13:00 an event from 12:58.
  const m = message({ timestamp: '2025-06-01T12:58:00.000Z', sentAt: '2025-06-01T13:00:00.000Z' });
  assert.equal(correctedTimestamp(m, undefined, receivedAt), Date.parse('2025-06-01T11:58:00.000Z'));
});

test('clock skew: the batch sentAt applies when the message has none; no sentAt keeps the timestamp', () => {
  const m = message({ timestamp: '2025-06-01T11:00:00.000Z' });
  assert.equal(
    correctedTimestamp(m, '2025-06-01T11:30:00.000Z', receivedAt),
    Date.parse('2025-06-01T11:30:00.000Z'),
  );
  assert.equal(correctedTimestamp(m, undefined, receivedAt), Date.parse('2025-06-01T11:00:00.000Z'));
  assert.equal(correctedTimestamp(message({}), undefined, receivedAt), receivedAt);
});

test('numeric user ids are accepted as strings, as Segment libraries sometimes send them', () => {
  assert.equal(message({ userId: 42 }).userId, '42');
});
