import assert from 'node:assert/strict';
// eslint-disable-next-line no-restricted-imports -- tests read the template fixture; core code itself does no I/O
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { eventInput, feedbackInput, identifyInput, type EventInput } from '../ingest/schemas.ts';
import { indexJourney } from '../journey/rules.ts';
import { parseJourneyMap } from '../journey/validate.ts';
import { generateDemo, generateDemoInSlices } from './generate.ts';
import { monthsBefore } from './time.ts';

const parsed = parseJourneyMap(
  parse(readFileSync(new URL('../../../templates/retail-ecommerce.yaml', import.meta.url), 'utf8')),
);
assert.ok(parsed.ok);
const map = parsed.map;
const now = Date.parse('2025-06-01T09:30:00Z');
const data = generateDemo(map, { seed: 7, customers: 5000, now });

const ms = (iso: string) => Date.parse(iso);
const prop = (e: EventInput, key: string) => e.properties?.[key];

describe('generateDemo', () => {
  test('is deterministic for a seed and differs with another seed', () => {
    assert.deepStrictEqual(generateDemo(map, { seed: 7, customers: 5000, now }), data);
    const other = generateDemo(map, { seed: 8, customers: 5000, now });
    assert.notDeepStrictEqual(other.events.slice(0, 100), data.events.slice(0, 100));
  });

  test('in slices: progress rises to every shopper, then the same data item for item', () => {
    const slices = generateDemoInSlices(map, { seed: 7, customers: 5000, now }, 1000);
    const seen: number[] = [];
    let next = slices.next();
    for (; !next.done; next = slices.next()) seen.push(next.value.done);
    assert.deepEqual(
      seen,
      seen.map((_, i) => seen[i]!).sort((a, b) => a - b),
    );
    assert.equal(seen[0], 1000);
    assert.ok(seen.length >= 5, `only ${seen.length} slices`);
    assert.deepStrictEqual(next.value, data);
  });

  test('every item passes the ingest schemas', () => {
    for (const item of data.identifies)
      assert.ok(identifyInput.safeParse(item).success, JSON.stringify(item));
    for (const item of data.events) assert.ok(eventInput.safeParse(item).success, JSON.stringify(item));
    for (const item of data.feedback) assert.ok(feedbackInput.safeParse(item).success, JSON.stringify(item));
  });

  test('ids are unique and every known customer is identified with the traits', () => {
    assert.equal(new Set(data.events.map((e) => e.id)).size, data.events.length);
    assert.equal(new Set(data.feedback.map((f) => f.id)).size, data.feedback.length);
    const identified = new Set(data.identifies.map((i) => i.customerId));
    assert.equal(identified.size, 5000);
    for (const e of data.events) if (e.customerId) assert.ok(identified.has(e.customerId), e.customerId);
    for (const f of data.feedback) assert.ok(identified.has(f.customerId), f.customerId);
    const traits = data.identifies[0]?.traits ?? {};
    for (const key of ['email', 'name', 'region', 'device', 'acquisition', 'segment', 'timezone']) {
      assert.ok(key in traits, key);
    }
    assert.match(String(traits.email), /@example\.com$/);
    const segments = new Set(data.identifies.map((i) => i.traits?.segment));
    assert.deepStrictEqual([...segments].sort(), ['new', 'regular', 'vip']);
    assert.ok(data.events.some((e) => e.customerId === undefined && e.anonymousId !== undefined));
  });

  test('every event and response belongs to a touchpoint of the map', () => {
    const index = indexJourney(map);
    for (const e of data.events) {
      const touchpoint = e.touchpoint ?? index.touchpointFor(e.name, e.properties);
      assert.ok(touchpoint !== null && index.touchpoints.has(touchpoint), `${e.name} has no touchpoint`);
    }
    for (const f of data.feedback) assert.ok(index.touchpoints.has(f.touchpoint), f.touchpoint);
    const tickets = data.events.filter((e) => e.name === 'Support Ticket Opened');
    const channels = new Set(tickets.map((e) => index.touchpointFor(e.name, e.properties)));
    assert.deepStrictEqual([...channels].sort(), ['support-chat', 'support-email', 'support-phone']);
  });

  test('timestamps lie in the window, in order, and feedback scores fit their scales', () => {
    const start = monthsBefore(now, 12);
    const all = [...data.events, ...data.feedback, ...data.identifies];
    for (const item of all) {
      const t = ms(item.timestamp ?? '');
      assert.ok(t >= start && t <= now, item.timestamp);
    }
    for (const list of [data.events, data.feedback, data.identifies]) {
      for (let i = 1; i < list.length; i++) {
        assert.ok(ms(list[i - 1]?.timestamp ?? '') <= ms(list[i]?.timestamp ?? ''));
      }
    }
    // Arrivals spread over the whole year rather than bunching at its start.
    const quarter = (now - start) / 4;
    const firstSeen = data.identifies
      .filter((i) => i.traits?.segment === 'new')
      .map((i) => ms(i.timestamp ?? ''));
    for (let q = 0; q < 4; q++) {
      const n = firstSeen.filter((t) => t >= start + q * quarter && t < start + (q + 1) * quarter).length;
      assert.ok(n > 900 && n < 1600, `quarter ${q}: ${n} arrivals`);
    }
    const range = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
    for (const f of data.feedback) {
      assert.ok(f.metric !== 'rating' && f.source === 'demo');
      const [min, max] = range[f.metric];
      assert.ok(Number.isInteger(f.score) && f.score >= min && f.score <= max);
    }
    assert.ok(data.feedback.filter((f) => f.comment).length > data.feedback.length / 10);
  });

  test('each journey happens in causal order', () => {
    const byOrder = new Map<string, Map<string, number>>();
    const byCheckout = new Map<string, Map<string, number>>();
    const byTicket = new Map<string, Map<string, number>>();
    const note = (index: Map<string, Map<string, number>>, key: unknown, name: string, t: number) => {
      if (typeof key !== 'string') return;
      const seen = index.get(key) ?? new Map<string, number>();
      if (!seen.has(name)) seen.set(name, t);
      index.set(key, seen);
    };
    const firstSeen = new Map<string, number>();
    const closedAt = new Map<string, number>();
    for (const e of data.events) {
      const t = ms(e.timestamp);
      note(byOrder, prop(e, 'orderId'), e.name, t);
      note(byCheckout, prop(e, 'checkoutId'), e.name, t);
      note(byTicket, prop(e, 'ticketId'), e.name, t);
      const who = e.customerId ?? '';
      if (!firstSeen.has(who)) firstSeen.set(who, t);
      assert.ok(!closedAt.has(who), `${who} is active after closing the account`);
      if (e.name === 'Account Closed') closedAt.set(who, t);
    }
    const chains = [
      [
        byOrder,
        [
          'Order Completed',
          'Order Confirmation Sent',
          'Order Shipped',
          'Delivery Delayed',
          'Order Delivered',
        ],
      ],
      [byOrder, ['Order Delivered', 'Product Unboxed']],
      [byOrder, ['Order Delivered', 'Support Ticket Opened', 'Follow-up Survey Sent']],
      [byOrder, ['Order Delivered', 'Return Requested']],
      [byCheckout, ['Checkout Started', 'Payment Info Entered', 'Order Completed']],
      [byCheckout, ['Payment Info Entered', 'Payment Failed']],
      [byTicket, ['Support Ticket Opened', 'Support Ticket Closed']],
    ] as const;
    let checked = 0;
    for (const [index, names] of chains) {
      for (const seen of index.values()) {
        const times = names.map((n) => seen.get(n)).filter((t) => t !== undefined);
        assert.ok(
          times.every((t, i) => t > (times[i - 1] ?? -Infinity)),
          names.join(' < '),
        );
        checked++;
      }
    }
    assert.ok(checked > 10_000);
    // A customer's first identify (later ones update the segment) comes before anything they do.
    const identified = new Set<string>();
    for (const identify of data.identifies) {
      const first = firstSeen.get(identify.customerId);
      if (first !== undefined && !identified.has(identify.customerId)) {
        assert.ok(ms(identify.timestamp ?? '') <= first, identify.customerId);
      }
      identified.add(identify.customerId);
    }
  });

  test('rejects a map that lacks the retail touchpoints, and bad options', () => {
    const bare = { ...map, stages: map.stages.slice(0, 2), rules: [], failures: [] };
    assert.throws(() => generateDemo(bare, { now, customers: 10 }), /touchpoint "checkout" is missing/);
    assert.throws(() => generateDemo(map, { now, customers: -1 }), RangeError);
    assert.throws(() => generateDemo(map, { now, months: 0 }), RangeError);
  });

  test('default size: counts in range, generated within a few seconds', () => {
    // CPU time rather than wall time: the suite shares its machine with other test processes.
    const cpu = process.cpuUsage();
    const full = generateDemo(map, { now });
    const used = process.cpuUsage(cpu);
    const seconds = (used.user + used.system) / 1e6;
    const customers = new Set(full.identifies.map((i) => i.customerId));
    assert.equal(customers.size, 20_000);
    assert.ok(full.events.length >= 300_000 && full.events.length <= 800_000, `${full.events.length} events`);
    assert.ok(
      full.feedback.length >= 20_000 && full.feedback.length <= 100_000,
      `${full.feedback.length} responses`,
    );
    assert.ok(seconds < 5, `took ${seconds.toFixed(1)} s of CPU`);
  });
});
