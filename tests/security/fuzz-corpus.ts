/**
 * Malformed ingest requests, each certainly invalid: every one must get a 4xx and store nothing.
 * Valid items ride along in mixed batches with ids of their own, so a partial write would show up
 * in the row counts.
 */

export interface FuzzCase {
  name: string;
  path: string;
  body: string;
}

const NOW = () => new Date(Date.now() - 3600_000).toISOString();
let unique = 0;
const validEvent = () => ({
  id: `fz-ok-${unique++}`,
  customerId: `fz-c-${unique}`,
  name: 'Viewed',
  timestamp: NOW(),
});
const validFeedback = () => ({
  id: `fz-okf-${unique++}`,
  customerId: `fz-c-${unique}`,
  touchpoint: 'product-pages',
  metric: 'csat',
  score: 4,
  timestamp: NOW(),
});

function nested(depth: number): Record<string, unknown> {
  return depth === 0 ? { leaf: 1 } : { n: nested(depth - 1) };
}

/** Changes that make one item invalid, whatever else it holds. */
const COMMON: [string, (item: Record<string, unknown>) => Record<string, unknown>][] = [
  ['id number', (i) => ({ ...i, id: 42 })],
  ['id null', (i) => ({ ...i, id: null })],
  ['id empty', (i) => ({ ...i, id: '' })],
  ['id 10k chars', (i) => ({ ...i, id: 'x'.repeat(10_000) })],
  ['id object', (i) => ({ ...i, id: { a: 1 } })],
  ['id array', (i) => ({ ...i, id: ['a'] })],
  ['no customer', ({ customerId: _, ...i }) => i],
  ['customer number', (i) => ({ ...i, customerId: 7 })],
  ['customer 1k chars', (i) => ({ ...i, customerId: 'c'.repeat(1000) })],
  ['timestamp words', (i) => ({ ...i, timestamp: 'yesterday' })],
  ['timestamp empty', (i) => ({ ...i, timestamp: '' })],
  ['timestamp month 13', (i) => ({ ...i, timestamp: '2025-13-45T00:00:00Z' })],
  ['timestamp far future', (i) => ({ ...i, timestamp: '2999-01-01T00:00:00Z' })],
  ['timestamp before 1970', (i) => ({ ...i, timestamp: '1969-12-31T00:00:00Z' })],
  ['timestamp number', (i) => ({ ...i, timestamp: 1e20 })],
  ['timestamp object', (i) => ({ ...i, timestamp: {} })],
  ['no timestamp', ({ timestamp: _, ...i }) => i],
  ['unknown touchpoint', (i) => ({ ...i, touchpoint: 'no-such-touchpoint' })],
  ['touchpoint number', (i) => ({ ...i, touchpoint: 3 })],
];
const EVENT_ONLY: typeof COMMON = [
  ['name empty', (i) => ({ ...i, name: '' })],
  ['name number', (i) => ({ ...i, name: 5 })],
  ['name 10k chars', (i) => ({ ...i, name: 'n'.repeat(10_000) })],
  ['no name', ({ name: _, ...i }) => i],
  ['properties 10 deep', (i) => ({ ...i, properties: nested(10) })],
  [
    'properties 300 keys',
    (i) => ({ ...i, properties: Object.fromEntries(Array.from({ length: 300 }, (_, k) => [`k${k}`, k])) }),
  ],
  [
    'properties 40 KB',
    (i) => ({
      ...i,
      properties: Object.fromEntries(Array.from({ length: 6 }, (_, k) => [`k${k}`, 'v'.repeat(8000)])),
    }),
  ],
  ['property string 9k', (i) => ({ ...i, properties: { s: 's'.repeat(9000) } })],
  ['property key constructor', (i) => ({ ...i, properties: { constructor: 'x' } })],
  ['property key prototype', (i) => ({ ...i, properties: { nested: { prototype: 1 } } })],
  ['properties a string', (i) => ({ ...i, properties: 'text' })],
  ['properties a number', (i) => ({ ...i, properties: 12 })],
];
const FEEDBACK_ONLY: typeof COMMON = [
  ['score 11 on nps', (i) => ({ ...i, metric: 'nps', score: 11 })],
  ['score -1 on nps', (i) => ({ ...i, metric: 'nps', score: -1 })],
  ['score 0 on csat', (i) => ({ ...i, score: 0 })],
  ['score 6 on csat', (i) => ({ ...i, score: 6 })],
  ['score words', (i) => ({ ...i, score: 'high' })],
  ['score null', (i) => ({ ...i, score: null })],
  ['score 2.5e308', (i) => ({ ...i, score: 1e308 * 10 })],
  ['metric unknown', (i) => ({ ...i, metric: 'happiness' })],
  ['metric number', (i) => ({ ...i, metric: 1 })],
  ['no metric', ({ metric: _, ...i }) => i],
  ['no score', ({ score: _, ...i }) => i],
  ['comment 20k chars', (i) => ({ ...i, comment: 'c'.repeat(20_000) })],
  ['comment object', (i) => ({ ...i, comment: { a: 1 } })],
  ['scale reversed', (i) => ({ ...i, metric: 'rating', score: 3, scale: { min: 5, max: 1 } })],
];

/** Texts that are not a JSON request at all. */
const NOT_JSON = [
  '',
  '{',
  '{"id": "x",',
  '[{"id": 1}',
  'null',
  'true',
  '42',
  '"a string"',
  '{"batch": "not a list"}',
  '{"batch": [1, 2, 3]}',
  '<xml/>',
  '\u0000\u0001\u0002',
  '{"id": "x"} trailing',
  '{"__proto__": {"polluted": true}, "id": "p"}',
  `[${'['.repeat(5000)}${']'.repeat(5000)}]`,
];

export function fuzzCorpus(): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const add = (name: string, path: string, body: unknown) =>
    cases.push({ name, path, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const shapes = [
    ['/v1/events', validEvent, [...COMMON, ...EVENT_ONLY]],
    ['/v1/feedback', validFeedback, [...COMMON, ...FEEDBACK_ONLY]],
  ] as const;
  for (const [path, valid, mutations] of shapes) {
    for (const [name, mutate] of mutations) {
      add(`${path} ${name}`, path, mutate(valid()));
      add(`${path} [valid, ${name}]`, path, [valid(), mutate(valid())]);
      add(`${path} [${name}, valid]`, path, [mutate(valid()), valid()]);
      add(`${path} batch of valid and ${name}`, path, { batch: [valid(), valid(), mutate(valid())] });
      add(`${path} ${name} twice`, path, [mutate(valid()), mutate(valid())]);
      add(`${path} batch of ${name} alone`, path, { batch: [mutate(valid())] });
    }
    add(
      `${path} 2001 items`,
      path,
      Array.from({ length: 2001 }, () => valid()),
    );
  }
  const identifies: [string, unknown][] = [
    ['no customer', { traits: { a: 1 } }],
    ['traits a string', { customerId: 'fz-i', traits: 'x' }],
    ['traits 10 deep', { customerId: 'fz-i', traits: nested(10) }],
    ['traits constructor', { customerId: 'fz-i', traits: { constructor: 1 } }],
    ['customer object', { customerId: { a: 1 }, traits: {} }],
  ];
  for (const [name, body] of identifies) add(`/v1/identify ${name}`, '/v1/identify', body);
  const tracks: [string, unknown][] = [
    ['no user', { event: 'Viewed', timestamp: NOW() }],
    ['no event', { userId: 'fz-t', timestamp: NOW() }],
    ['event number', { userId: 'fz-t', event: 3 }],
    ['timestamp words', { userId: 'fz-t', event: 'Viewed', timestamp: 'soon' }],
    ['properties constructor', { userId: 'fz-t', event: 'Viewed', properties: { constructor: 1 } }],
  ];
  for (const [name, body] of tracks) {
    add(`/v1/track ${name}`, '/v1/track', body);
    // A Segment batch stores its valid messages and logs the rest (partial acceptance): a batch of
    // only the bad one must store nothing.
    add(`/v1/batch [${name}]`, '/v1/batch', { batch: [{ type: 'track', ...(body as object) }] });
  }
  for (const path of [
    '/v1/events',
    '/v1/feedback',
    '/v1/identify',
    '/v1/track',
    '/v1/batch',
    '/v1/sdk/events',
    '/v1/sdk/identify',
  ]) {
    NOT_JSON.forEach((text, i) => add(`${path} not JSON #${i}`, path, text));
  }
  return cases;
}
