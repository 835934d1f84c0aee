import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAnswer } from './answers.ts';
import { nextQuestion } from './branching.ts';
import { matchesConditions } from './conditions.ts';
import { inSample } from './sampling.ts';
import { TriggerIndex } from './trigger-index.ts';
import { languageChain, localize, pickLanguage } from './text.ts';
import { readToken, signToken, verifySignature } from './token.ts';
import { parseSurvey } from './validate.ts';
import { retryDelay } from '../retry/backoff.ts';
import { surveyResults } from './results.ts';

const touchpoints = new Set(['delivery', 'checkout']);
const definition = {
  id: 'csat',
  name: 'Delivery CSAT',
  touchpoint: 'delivery',
  languages: ['en', 'fr'],
  questions: [
    { id: 'score', kind: 'csat', text: { en: 'How was it?', fr: 'Comment était-ce ?' }, required: true },
    { id: 'why', kind: 'text', text: { en: 'What went wrong?' }, showIf: { question: 'score', max: 3 } },
    {
      id: 'topics',
      kind: 'multiple',
      text: 'Which?',
      options: [
        { id: 'late', label: 'Late' },
        { id: 'damaged', label: 'Damaged' },
      ],
    },
  ],
  triggers: [{ id: 'delivered', event: 'Order Delivered', where: { late: true }, delay: '2d', sample: 1 }],
};

function parsed() {
  const result = parseSurvey(definition, touchpoints);
  assert.ok(result.ok);
  return result.survey;
}

describe('survey definitions', () => {
  it('parses a valid survey with durations in words', () => {
    const r = parseSurvey(definition, touchpoints);
    assert.ok(r.ok);
    assert.equal(r.survey.triggers[0]!.delay, 2 * 86_400_000);
    assert.equal(r.survey.triggers[0]!.channel, 'email');
  });

  it('names each problem by path', () => {
    const bad = structuredClone(definition) as Record<string, unknown> & typeof definition;
    bad.touchpoint = 'nowhere';
    const r1 = parseSurvey(bad, touchpoints);
    assert.ok(!r1.ok && r1.issues[0]!.path === 'touchpoint');
    const dup = {
      ...definition,
      questions: [definition.questions[0], { ...definition.questions[0], text: 'x' }],
    };
    const r2 = parseSurvey(dup, touchpoints);
    assert.ok(!r2.ok && r2.issues.some((i) => i.path === 'questions.1.id'));
    const fwd = { ...definition, questions: [{ ...definition.questions[1] }, definition.questions[0]] };
    const r3 = parseSurvey(fwd, touchpoints);
    assert.ok(!r3.ok && r3.issues.some((i) => i.path === 'questions.0.showIf.question'));
    const noDefault = { ...definition, languages: ['fr', 'en'] };
    const r4 = parseSurvey(noDefault, touchpoints);
    assert.ok(!r4.ok && r4.issues.some((i) => i.path === 'questions.1.text'));
    const badDelay = { ...definition, triggers: [{ id: 't', event: 'X', delay: '2 days' }] };
    assert.ok(!parseSurvey(badDelay, touchpoints).ok);
  });
});

describe('answers and branching', () => {
  const survey = parsed();
  it('checks scores against the scale and accepts form strings', () => {
    const q = survey.questions[0]!;
    assert.deepEqual(checkAnswer(q, 5), { ok: true, value: 5 });
    assert.deepEqual(checkAnswer(q, '4'), { ok: true, value: 4 });
    for (const bad of [0, 6, 3.5, '3.5', 'NaN', null, [3]])
      assert.equal(checkAnswer(q, bad).ok, false, String(bad));
  });
  it('keeps free text as text and bounds it', () => {
    const q = survey.questions[1]!;
    assert.deepEqual(checkAnswer(q, '  <b>late</b>  '), { ok: true, value: '<b>late</b>' });
    assert.equal(checkAnswer(q, 'x'.repeat(2001)).ok, false);
    assert.equal(checkAnswer(q, '   ').ok, false);
  });
  it('checks choices and orders multiple answers', () => {
    const q = survey.questions[2]!;
    assert.deepEqual(checkAnswer(q, ['damaged', 'late', 'late']), { ok: true, value: ['late', 'damaged'] });
    assert.equal(checkAnswer(q, ['lost']).ok, false);
  });
  it('asks "what went wrong" only after a low score', () => {
    assert.equal(nextQuestion(survey, new Map([['score', 2]]))!.id, 'why');
    assert.equal(nextQuestion(survey, new Map([['score', 5]]))!.id, 'topics');
    assert.equal(
      nextQuestion(
        survey,
        new Map<string, number | string | string[]>([
          ['score', 5],
          ['topics', ['late']],
        ]),
      ),
      null,
    );
  });
  it('computes drop-off at the next unanswered question', () => {
    const row = (answers: [string, number | string | string[] | null][], completed = false) => ({
      status: 'sent',
      opened: true,
      completed,
      answers: new Map(answers),
    });
    const r = surveyResults(survey, [
      row([]),
      row([['score', 2]]),
      row(
        [
          ['score', 5],
          ['topics', ['late']],
        ],
        true,
      ),
      { status: 'skipped', opened: false, completed: false, answers: new Map() },
    ]);
    assert.equal(r.invitations, 4);
    assert.equal(r.starts, 2);
    assert.equal(r.completions, 1);
    assert.equal(r.responseRate, 2 / 3);
    assert.equal(r.skippedShare, 1 / 4);
    assert.deepEqual(
      r.questions.map((q) => q.droppedHere),
      [1, 1, 0],
    );
    assert.equal(r.questions[0]!.mean, 3.5);
  });
});

describe('triggers', () => {
  it('matches by event name and property conditions', () => {
    const survey = parsed();
    const index = new TriggerIndex([survey]);
    assert.equal(
      index.match({ name: 'Order Delivered', touchpoint: 'delivery', properties: { late: true } }).length,
      1,
    );
    assert.equal(
      index.match({ name: 'Order Delivered', touchpoint: 'delivery', properties: { late: false } }).length,
      0,
    );
    assert.equal(index.match({ name: 'Product Viewed', touchpoint: null, properties: {} }).length, 0);
    assert.ok(new TriggerIndex([{ ...survey, active: false }]).empty);
  });
  it('conditions: operators, lists, dotted paths, absent values', () => {
    const o = { order: { total: 120 }, country: 'FR', vip: true };
    assert.ok(matchesConditions({ 'order.total': { gte: 100 }, country: ['FR', 'BE'], vip: true }, o));
    assert.ok(!matchesConditions({ 'order.total': { lt: 100 } }, o));
    assert.ok(matchesConditions({ coupon: { exists: false } }, o));
    assert.ok(!matchesConditions({ country: 'FR' }, undefined));
    assert.ok(!matchesConditions({ 'constructor.name': 'Object' }, o));
  });
  it('samples deterministically and about at the rate', () => {
    const hits = Array.from({ length: 10_000 }, (_, i) => inSample(0.3, `k${i}`)).filter(Boolean).length;
    assert.ok(hits > 2800 && hits < 3200, String(hits));
    assert.equal(inSample(0.3, 'same'), inSample(0.3, 'same'));
  });
});

describe('languages, tokens, backoff', () => {
  it('falls back from region to language to the default', () => {
    assert.deepEqual(languageChain('fr-CA', 'en'), ['fr-CA', 'fr', 'en']);
    assert.equal(localize({ en: 'Hi', fr: 'Salut' }, languageChain('fr-CA', 'en')), 'Salut');
    assert.equal(localize({ en: 'Hi' }, languageChain('de', 'en')), 'Hi');
    assert.equal(pickLanguage('fr-BE', ['en', 'fr'], 'en'), 'fr');
    assert.equal(pickLanguage(undefined, ['en', 'fr'], 'en'), 'en');
  });
  it('signs tokens so that any change is detected', () => {
    const claims = {
      workspace: 'acme',
      invitation: 'inv_1',
      customer: 'c1',
      survey: 's',
      trigger: 't',
      expires: 5,
    };
    const token = signToken(claims, 'secret');
    assert.deepEqual(readToken(token), claims);
    assert.ok(verifySignature(token, 'secret'));
    assert.ok(!verifySignature(token, 'other-secret'));
    const forged =
      signToken({ ...claims, customer: 'c2' }, 'guess').split('.')[0] + '.' + token.split('.')[1];
    assert.ok(!verifySignature(forged, 'secret'));
    assert.equal(readToken('nonsense'), null);
    assert.equal(readToken('a.b.c'), null);
  });
  it('backs off exponentially with bounded jitter', () => {
    const o = { baseMs: 1000, maxMs: 60_000 };
    const d = [1, 2, 3, 10].map((a) => retryDelay(a, 'k', o));
    assert.ok(d[0]! >= 800 && d[0]! <= 1200);
    assert.ok(d[1]! >= 1600 && d[1]! <= 2400);
    assert.ok(d[3]! <= 72_000 && d[3]! >= 48_000);
  });
});
