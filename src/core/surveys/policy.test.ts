import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactPolicySchema, decide, type Candidate } from './policy.ts';
import { quietUntil } from './quiet-hours.ts';

const H = 3_600_000;
const D = 24 * H;
const noon = Date.parse('2025-06-30T12:00:00Z');
const policy = contactPolicySchema.parse({
  maxInvitations: 2,
  period: '30d',
  minGap: '3d',
  resurveyAfter: '60d',
});
const candidate = (extra: Partial<Candidate> = {}): Candidate => ({
  channel: 'email',
  expiresAt: noon + 7 * D,
  unsubscribed: false,
  email: 'a@example.com',
  timezone: 'UTC',
  openForSurvey: false,
  lastForSurvey: null,
  contacts: [],
  ...extra,
});

describe('contact-pressure policy', () => {
  it('sends when nothing stands in the way', () => {
    assert.deepEqual(decide(policy, candidate(), noon), { decision: 'send' });
  });

  it('skips unsubscribed customers, customers without email, and expired invitations', () => {
    assert.equal(decide(policy, candidate({ unsubscribed: true }), noon).decision, 'skip');
    assert.deepEqual(decide(policy, candidate({ email: null }), noon), {
      decision: 'skip',
      reason: 'no_email',
    });
    assert.deepEqual(decide(policy, candidate({ email: null, channel: 'web' }), noon), { decision: 'send' });
    assert.deepEqual(decide(policy, candidate({ expiresAt: noon }), noon), {
      decision: 'skip',
      reason: 'expired',
    });
  });

  it('delays until the minimum gap has passed, or skips if that is after expiry', () => {
    const d = decide(policy, candidate({ contacts: [noon - D] }), noon);
    assert.deepEqual(d, { decision: 'delay', until: noon + 2 * D, reason: 'min_gap' });
    const late = decide(policy, candidate({ contacts: [noon - D], expiresAt: noon + D }), noon);
    assert.equal(late.decision, 'skip');
    assert.equal(late.decision === 'skip' && late.reason, 'min_gap');
  });

  it('caps invitations per period: waits until the oldest leaves the window', () => {
    const d = decide(
      policy,
      candidate({ contacts: [noon - 20 * D, noon - 10 * D], expiresAt: noon + 30 * D }),
      noon,
    );
    assert.deepEqual(d, { decision: 'delay', until: noon + 10 * D, reason: 'max_per_period' });
  });

  it('does not ask the same survey twice within resurveyAfter, nor while one is open', () => {
    assert.equal(decide(policy, candidate({ lastForSurvey: noon - 10 * D }), noon).decision, 'skip');
    assert.equal(decide(policy, candidate({ lastForSurvey: noon - 61 * D }), noon).decision, 'send');
    assert.deepEqual(decide(policy, candidate({ openForSurvey: true }), noon), {
      decision: 'skip',
      reason: 'already_invited',
    });
  });

  it("holds email during quiet hours in the customer's time zone, not in-page surveys", () => {
    // 12:00 UTC is 22:00 in Sydney (UTC+10 in June): quiet until 08:00 local = 22:00 UTC.
    const d = decide(policy, candidate({ timezone: 'Australia/Sydney' }), noon);
    assert.deepEqual(d, { decision: 'delay', until: noon + 10 * H, reason: 'quiet_hours' });
    assert.deepEqual(decide(policy, candidate({ timezone: 'Australia/Sydney', channel: 'web' }), noon), {
      decision: 'send',
    });
    // An unknown zone falls back to UTC rather than failing.
    assert.deepEqual(decide(policy, candidate({ timezone: 'Mars/Olympus' }), noon), { decision: 'send' });
  });

  it('combines rules: a gap that ends in quiet hours waits for the morning', () => {
    // The gap ends at 23:00 UTC; quiet hours in UTC run to 08:00.
    const d = decide(policy, candidate({ contacts: [noon - 3 * D + 11 * H], expiresAt: noon + 5 * D }), noon);
    assert.deepEqual(d, {
      decision: 'delay',
      until: Date.parse('2025-07-01T08:00:00Z'),
      reason: 'quiet_hours',
    });
  });

  it('quiet hours that do not wrap midnight work too', () => {
    const q = { start: '12:00', end: '14:00' };
    assert.equal(quietUntil(noon, q, 'UTC'), noon + 2 * H);
    assert.equal(quietUntil(noon - H, q, 'UTC'), null);
  });
});
