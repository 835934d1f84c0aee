import assert from 'node:assert/strict';
// eslint-disable-next-line no-restricted-imports -- the test reads the shipped template; the code under test does no I/O
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { indexJourney } from './rules.ts';
import { parseJourneyMap } from './validate.ts';

const template = parse(
  readFileSync(new URL('../../../templates/retail-ecommerce.yaml', import.meta.url), 'utf8'),
);
const stage = (id: string, touchpoints: { id: string }[], phase = 'purchase') => ({
  id,
  name: id,
  phase,
  touchpoints: touchpoints.map((t) => ({ name: t.id, channel: 'web', ...t })),
});
const issuesOf = (input: unknown) => {
  const result = parseJourneyMap(input);
  assert.equal(result.ok, false);
  return (result as { issues: { path: string; code: string }[] }).issues.map((i) => `${i.path} ${i.code}`);
};

test('the retail template is valid and has the stages and touchpoints the product promises', () => {
  const result = parseJourneyMap(template);
  assert.ok(result.ok);
  const map = result.map;
  assert.deepEqual(
    map.stages.map((s) => [s.id, s.phase]),
    [
      ['awareness', 'pre-purchase'],
      ['consideration', 'pre-purchase'],
      ['purchase', 'purchase'],
      ['delivery', 'post-purchase'],
      ['ownership', 'post-purchase'],
      ['loyalty', 'post-purchase'],
    ],
  );
  const ids = map.stages.flatMap((s) => s.touchpoints.map((t) => t.id));
  for (const id of [
    'ads',
    'social',
    'search',
    'word-of-mouth',
    'product-pages',
    'faq',
    'presales-chat',
    'cart',
    'checkout',
    'payment',
    'promotions',
    'order-confirmation',
    'shipping-updates',
    'delivery',
    'unboxing',
    'setup-help',
    'support-chat',
    'support-email',
    'support-phone',
    'returns',
    'followup-survey',
    'repeat-purchase',
    'recommendations',
    'reviews',
    'referrals',
  ]) {
    assert.ok(ids.includes(id), id);
  }
});

test('an empty journey, a duplicate id, an unknown phase and a rule to nowhere are each named', () => {
  assert.deepEqual(issuesOf({ stages: [] }), ['stages empty_journey']);
  assert.deepEqual(issuesOf({ stages: [stage('a', [{ id: 'x' }]), stage('a', [{ id: 'x' }])] }), [
    'stages.1.id duplicate_id',
    'stages.1.touchpoints.0.id duplicate_id',
  ]);
  assert.deepEqual(issuesOf({ stages: [stage('a', [{ id: 'x' }], 'after-sale')] }), [
    'stages.0.phase invalid_value',
  ]);
  assert.deepEqual(
    issuesOf({ stages: [stage('a', [{ id: 'x' }])], rules: [{ event: 'E', touchpoint: 'y' }] }),
    ['rules.0.touchpoint unknown_touchpoint'],
  );
  assert.deepEqual(issuesOf({ stages: [stage('a', [])] }), ['stages.0.touchpoints empty_stage']);
  assert.deepEqual(
    issuesOf({
      stages: [
        stage('a', [
          { id: 'x', events: ['E'] } as { id: string },
          { id: 'y', events: ['E'] } as { id: string },
        ]),
      ],
    }),
    ['stages.0.touchpoints.1.events ambiguous_event'],
  );
});

test('events map to touchpoints: rules with conditions first, then touchpoint event lists', () => {
  const result = parseJourneyMap(template);
  assert.ok(result.ok);
  const journey = indexJourney(result.map);
  assert.equal(journey.touchpointFor('Order Completed', {}), 'checkout');
  assert.equal(journey.touchpointFor('Support Ticket Opened', { channel: 'email' }), 'support-email');
  assert.equal(journey.touchpointFor('Support Ticket Opened', { channel: 'pigeon' }), null);
  assert.equal(journey.touchpointFor('Unheard Of', undefined), null);
  assert.deepEqual(journey.failuresFor('Order Delivered', { late: true }), ['late-delivery']);
  assert.deepEqual(journey.failuresFor('Order Delivered', { late: false }), []);
});
