import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importFile } from '../src/capabilities/ingest/file-import.ts';
import { tempDir } from './helpers.ts';
import { surveyKit, type SurveyKit } from './surveys-kit.ts';

/**
 * Issue 13, finding 5: ids `x\ud800`, `x\ud801`, `x\udfff` were all stored as `x\ufffd`, and a
 * retry of the same id stored it again. Lone surrogates are refused with the field's path.
 */
describe('ill-formed UTF-16 is refused, in HTTP and in file import alike', () => {
  let kit: SurveyKit;
  const tmp = tempDir('cxloop-surrogates-');
  before(async () => (kit = await surveyKit()));
  after(async () => {
    await kit.close();
    tmp.cleanup();
  });
  const at = () => new Date(kit.clock.now - 1000).toISOString();
  const count = async (table: string) =>
    Number((await kit.store.read(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = 'acme'`))[0]!.n);

  it('refuses lone surrogates in ids, names, properties, keys and traits, storing nothing', async () => {
    const ingest = kit.keys.acme!.ingest;
    const event = { customerId: 'c1', name: 'Viewed', timestamp: at() };
    const cases: [string, unknown, string][] = [
      ['/v1/events', { ...event, id: 'x\ud800' }, 'id'],
      ['/v1/events', { ...event, id: 'x\udfff' }, 'id'],
      ['/v1/events', { ...event, id: 'x\udc00\ud800' }, 'id'],
      ['/v1/events', { ...event, customerId: 'c\ud801' }, 'customerId'],
      ['/v1/events', { ...event, properties: { note: 'ok', sku: 'A\ud800' } }, 'properties.sku'],
      ['/v1/events', { ...event, properties: { ['k\ud800']: 1 } }, 'properties.k\ud800'],
      [
        '/v1/events',
        [
          { ...event, id: 'fine' },
          { ...event, id: 'y\ud800' },
        ],
        '1.id',
      ],
      ['/v1/identify', { customerId: 'c1', traits: { name: 'Ann\udbff' } }, 'traits.name'],
      ['/v1/batch', { batch: [{ type: 'track', event: 'E', userId: 'u\ud800' }] }, 'batch.0.userId'],
      [
        '/v1/feedback',
        {
          customerId: 'c1',
          touchpoint: 'checkout',
          metric: 'nps',
          score: 9,
          comment: '\ud83d',
          timestamp: at(),
        },
        'comment',
      ],
    ];
    for (const [path, body, field] of cases) {
      const res = await kit.call('POST', path, ingest, body);
      assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}: ${res.text}`);
      assert.equal(res.json.error.issues[0].code, 'ill_formed_unicode');
      assert.equal(res.json.error.issues[0].path, field);
    }
    assert.equal(await count('events'), 0);
    assert.equal(await count('feedback'), 0);
    assert.equal(await count('customers'), 0);
    // A well-formed pair (an emoji) is text like any other, and a retry stores it once.
    for (let i = 0; i < 2; i++) {
      const res = await kit.call('POST', '/v1/events', ingest, { ...event, id: 'x\ud83d\ude00' });
      assert.equal(res.status, 200, res.text);
    }
    assert.equal(await count('events'), 1);
    // Other JSON bodies too: a survey definition.
    const survey = await kit.call('PUT', '/v1/surveys/s1', kit.keys.acme!.secret, {
      name: 'Bad \ud800',
      touchpoint: 'checkout',
      questions: [{ id: 'q', kind: 'nps', text: 'x' }],
    });
    assert.equal(survey.status, 400, survey.text);
    assert.equal(survey.json.error.issues[0].path, 'name');
  });

  it('a JSON Lines import refuses the lines that hold one, by line and field', async () => {
    const file = join(tmp.dir, 'events.jsonl');
    const line = (id: string) => JSON.stringify({ id, customerId: 'c2', name: 'Imported', timestamp: at() });
    writeFileSync(file, [line('i-1'), line('i\ud800'), line('i\udfff')].join('\n') + '\n');
    const strict = await importFile(kit.services, 'acme', file, 'events', { skipInvalid: false });
    assert.deepEqual(
      strict.rejected.map((r) => `${r.line}:${r.issues[0]!.path}:${r.issues[0]!.code}`),
      ['2:id:ill_formed_unicode', '3:id:ill_formed_unicode'],
    );
    assert.equal(strict.stored, 0);
    const skipping = await importFile(kit.services, 'acme', file, 'events', { skipInvalid: true });
    assert.equal(skipping.stored, 1);
  });
});
