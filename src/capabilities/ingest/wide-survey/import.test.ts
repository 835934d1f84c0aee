import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { testApp, tempDir } from '../../../../tests/helpers.ts';
import { readJourneyFile } from '../../journeys/templates.ts';
import { rowItems } from '../../../core/wide-survey/rows.ts';
import { surveyMappingSchema } from '../../../core/wide-survey/mapping.ts';
import { importSurvey, readMapping } from './import.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const MAPPING = here('../../../../examples/airline/mapping.yaml');
const JOURNEY = here('../../../../examples/airline/journey.yaml');
const SAMPLE = here('fixtures/airline-sample.csv');
const BROKEN = here('fixtures/airline-sample-broken.csv');

describe('wide survey rows', () => {
  const mapping = readMapping(MAPPING);
  const base: Record<string, string> = {
    id: '7',
    Gender: 'Female',
    'Customer Type': 'Loyal Customer',
    Age: '41',
    'Type of Travel': 'Business travel',
    Class: 'Eco',
    'Flight Distance': '900',
    'Departure Delay in Minutes': '20',
    'Arrival Delay in Minutes': '',
    satisfaction: 'satisfied',
  };
  for (const r of mapping.ratings) base[r.column] = '4';

  it('turn a respondent into responses, an outcome, delay events and traits', () => {
    const items = rowItems({ ...base, 'Inflight wifi service': '0' }, mapping, '2020-01-01T00:00:00Z');
    assert.deepEqual(items.issues, []);
    assert.equal(items.customerId, 'passenger-7');
    assert.equal(items.skipped, 1, 'wifi 0 is not applicable: no response');
    assert.equal(items.feedback.length, 14, '13 ratings and the outcome');
    const outcome = items.feedback.find((f) => f.touchpoint === 'trip-survey')!;
    assert.deepEqual([outcome.metric, outcome.score, outcome.scale], ['rating', 1, { min: 0, max: 1 }]);
    assert.equal(items.feedback[0]!.id, 'airline-survey:7:online-booking');
    // an empty arrival delay is no event; 20 minutes late is late
    assert.deepEqual(items.events, [
      {
        id: 'airline-survey:7:Flight Departed',
        customerId: 'passenger-7',
        name: 'Flight Departed',
        timestamp: '2020-01-15T12:00:00Z',
        properties: { delayMinutes: 20, late: true },
      },
    ]);
    assert.deepEqual(items.identify!.traits, {
      gender: 'Female',
      customerType: 'Loyal Customer',
      age: 41,
      typeOfTravel: 'Business travel',
      class: 'Eco',
      flightDistance: 900,
    });
  });

  it('name the column of every problem', () => {
    const items = rowItems({ ...base, 'Seat comfort': 'great', satisfaction: 'meh' }, mapping, '');
    assert.deepEqual(
      items.issues.map((i) => [i.path, i.code]),
      [
        ['Seat comfort', 'not_a_number'],
        ['satisfaction', 'unknown_value'],
      ],
    );
    assert.equal(rowItems({ ...base, id: '' }, mapping, '').issues[0]!.code, 'missing_id');
  });

  it('need a scale for ratings and one column per touchpoint', () => {
    const parsed = surveyMappingSchema.safeParse({
      respondent: { id: 'id' },
      ratings: [
        { column: 'a', touchpoint: 'x', metric: 'rating' },
        { column: 'b', touchpoint: 'x' },
      ],
    });
    assert.equal(parsed.success, false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    assert.deepEqual(paths.sort(), ['ratings.0.scale', 'ratings.1.touchpoint']);
  });
});

describe('wide survey import', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    app = await testApp();
    await app.services.journeys.set('acme', readJourneyFile(JOURNEY), app.services.now());
  });
  afterEach(() => app.close());
  const mapping = () => readMapping(MAPPING);

  it('stores every respondent through the ingest path, once however often it is imported', async () => {
    const first = await importSurvey(app.services, 'acme', [SAMPLE], mapping(), { skipInvalid: false });
    assert.equal(first.rows, 40);
    assert.equal(first.imported, 40);
    assert.equal(first.events, 79, 'two delays per passenger, one arrival delay empty');
    assert.equal(first.stored, first.feedback + first.events + 40);
    const counts = await app.store.counts('acme');
    assert.equal(counts.feedback, first.feedback);
    assert.equal(counts.events, 79);
    const again = await importSurvey(app.services, 'acme', [SAMPLE], mapping(), { skipInvalid: false });
    assert.equal((await app.store.counts('acme')).feedback, first.feedback);
    assert.ok(again.duplicates >= first.feedback + first.events);
  });

  it('stores nothing when a row is invalid, and lists every bad row with its line', async () => {
    const result = await importSurvey(app.services, 'acme', [BROKEN], mapping(), { skipInvalid: false });
    assert.deepEqual(
      result.rejected.map((r) => [r.line, r.issues[0]!.path]),
      [
        [4, 'Seat comfort'],
        [9, 'satisfaction'],
      ],
    );
    assert.equal(result.stored, 0);
    assert.equal((await app.store.counts('acme')).feedback, 0);
  });

  it('with skipInvalid stores the other rows', async () => {
    const result = await importSurvey(app.services, 'acme', [BROKEN], mapping(), { skipInvalid: true });
    assert.equal(result.imported, 38);
    assert.equal(result.rejected.length, 2);
    assert.equal((await app.store.counts('acme')).feedback, result.feedback);
  });

  it('refuses a file without a mapped column, and a score outside its scale, at its line', async () => {
    const tmp = tempDir();
    try {
      const noColumn = join(tmp.dir, 'no-column.csv');
      writeFileSync(noColumn, 'id,satisfaction\n1,satisfied\n');
      await assert.rejects(
        importSurvey(app.services, 'acme', [noColumn], mapping(), { skipInvalid: false }),
        /has no column "Ease of Online booking"/,
      );
      const sample = readFileSync(SAMPLE, 'utf8').split('\n');
      sample[2] = sample[2]!.replace(/^(\d+,[^,]*,[^,]*,\d+,[^,]*,[^,]*,\d+),\d/, '$1,9');
      const outOfScale = join(tmp.dir, 'out-of-scale.csv');
      writeFileSync(outOfScale, sample.join('\n'));
      const result = await importSurvey(app.services, 'acme', [outOfScale], mapping(), {
        skipInvalid: false,
      });
      assert.equal(result.rejected[0]!.line, 3);
      assert.match(result.rejected[0]!.issues[0]!.path, /^Inflight wifi service: score/);
    } finally {
      tmp.cleanup();
    }
  });

  it('stores yes/no answers as 0/1, mapped words as their scores and comments as written', async () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'words.csv');
      writeFileSync(file, 'id,Checked in,Why,Would fly again\n1,Yes,"Quick, friendly",yes\n2,No,,No\n');
      const words = surveyMappingSchema.parse({
        respondent: { id: 'id', timestamp: '2024-01-01T00:00:00Z' },
        source: 'words',
        ratings: [
          {
            column: 'Checked in',
            touchpoint: 'checkin',
            metric: 'rating',
            scale: { min: 1, max: 5 },
            values: { Yes: 5, No: 1 },
            comment: 'Why',
          },
        ],
        outcome: {
          column: 'Would fly again',
          touchpoint: 'trip-survey',
          metric: 'rating',
          scale: { min: 0, max: 1 },
        },
      });
      const result = await importSurvey(app.services, 'acme', [file], words, { skipInvalid: false });
      assert.deepEqual(result.rejected, []);
      const rows = await app.services.store.read(
        `SELECT customer_id, touchpoint, score, comment FROM feedback WHERE workspace_id = $1 ORDER BY 1, 2`,
        ['acme'],
      );
      assert.deepEqual(
        rows.map((r) => [r.customer_id, r.touchpoint, Number(r.score), r.comment]),
        [
          ['1', 'checkin', 5, 'Quick, friendly'],
          ['1', 'trip-survey', 1, null],
          ['2', 'checkin', 1, null],
          ['2', 'trip-survey', 0, null],
        ],
      );
    } finally {
      tmp.cleanup();
    }
  });
});
