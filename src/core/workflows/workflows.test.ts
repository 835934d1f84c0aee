import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workflowSchema, type WorkflowInput } from './definition.ts';
import { liftOf, wilson } from './lift.ts';
import { inHoldout, plan, type RunContext } from './machine.ts';
import { workflowIssues, type KnownNames } from './validate.ts';

const known: KnownNames = {
  events: new Set(['Order Completed', 'Order Shipped', 'Order Delivered']),
  stages: new Set(['delivery']),
  surveys: new Set(['csat']),
  workflows: new Set(),
  variables: { customer: ['name', 'traits'], event: ['*'] },
  // A stand-in for the template engine's analysis: {{ a.b }} -> [a, b].
  templateVariables: (source) => {
    if (source.includes('{{ broken')) throw new Error('output "{{ broken" not closed');
    return [...source.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!.split('.'));
  },
};

const base = (over: Partial<WorkflowInput> = {}) =>
  workflowSchema.parse({
    id: 'w',
    name: 'W',
    purpose: 'marketing',
    trigger: { event: 'Order Completed' },
    steps: [{ id: 'send', type: 'email', template: 't' }],
    templates: { t: { subject: 'Hi {{ customer.name }}', html: '<p>{{ event.orderId }}</p>', text: 'x' } },
    ...over,
  });

test('a sound definition has no faults', () => {
  assert.deepEqual(workflowIssues(base(), known), []);
});

test('each fault is reported at its path', () => {
  const w = base({
    trigger: { event: 'Order Placed' },
    steps: [
      { id: 'send', type: 'email', template: 'missing', next: 'nowhere' },
      { id: 'orphan', type: 'survey', survey: 'nps' },
    ],
    templates: { t: { subject: '{{ customer.shoeSize }}', html: '{{ basket.total }}', text: '{{ broken' } },
  });
  const issues = workflowIssues(w, known).map((i) => `${i.path} ${i.code}`);
  assert.deepEqual(issues.sort(), [
    'steps.0.next unknown_step',
    'steps.0.template unknown_template',
    'steps.1.survey unknown_survey',
    'templates.t.html unknown_variable',
    'templates.t.subject unknown_variable',
    'templates.t.text template_syntax',
    'trigger.event unknown_event',
  ]);
});

test('unreachable steps and loops without a wait are faults; a loop through a wait is not', () => {
  const loop = base({
    steps: [
      { id: 'a', type: 'branch', when: { 'traits.vip': true }, else: 'c' },
      { id: 'b', type: 'email', template: 't', next: 'a' },
      { id: 'c', type: 'exit' },
      { id: 'd', type: 'exit' },
    ],
  });
  const issues = workflowIssues(loop, known).map((i) => `${i.path} ${i.code}`);
  assert.deepEqual(issues.sort(), ['steps.1.next loop_without_wait', 'steps.3 unreachable_step']);
  const waited = base({
    steps: [
      { id: 'a', type: 'email', template: 't' },
      { id: 'pause', type: 'wait', duration: '7d', next: 'a' },
    ],
  });
  assert.deepEqual(workflowIssues(waited, known), []);
});

const context = (over: Partial<RunContext> = {}): RunContext => ({
  event: { orderId: 'o1', promisedDate: '2025-07-03T00:00:00Z' },
  traits: {},
  stage: 'delivery',
  recent: {},
  ...over,
});

test('plan passes branches at once and stops at the first effect, wait or end', () => {
  const w = base({
    steps: [
      { id: 'good', type: 'branch', when: { 'recent.experience': 'good' }, else: 'done' },
      { id: 'ask', type: 'email', template: 't' },
      { id: 'done', type: 'exit' },
    ],
  });
  const good = plan(w, 'good', context({ recent: { experience: 'good' } }), 0);
  assert.equal(good.kind, 'effect');
  assert.deepEqual(good.passed, [{ stepId: 'good', outcome: 'branch_then' }]);
  const bad = plan(w, 'good', context({ recent: { experience: 'bad' } }), 0);
  assert.equal(bad.kind, 'end');
  assert.deepEqual(
    bad.passed.map((p) => p.outcome),
    ['branch_else', 'exit'],
  );
});

test('a wait_until ends at the earlier of its timeout and its deadline property; a passed deadline times out now', () => {
  const w = base({
    steps: [
      {
        id: 'until',
        type: 'wait_until',
        event: 'Order Delivered',
        match: ['orderId'],
        deadline: 'promisedDate',
        timeout: '30d',
        onTimeout: 'late',
      },
      { id: 'late', type: 'email', template: 't' },
    ],
  });
  const now = Date.parse('2025-07-01T00:00:00Z');
  const waiting = plan(w, 'until', context(), now);
  assert.equal(waiting.kind, 'await');
  assert.equal(waiting.kind === 'await' && waiting.deadline, Date.parse('2025-07-03T00:00:00Z'));
  const late = plan(w, 'until', context(), Date.parse('2025-07-04T00:00:00Z'));
  assert.equal(late.kind, 'effect');
  assert.deepEqual(late.passed, [{ stepId: 'until', outcome: 'timed_out' }]);
});

test('the holdout draw is deterministic per customer and near its share', () => {
  let inside = 0;
  for (let i = 0; i < 10_000; i++) if (inHoldout(0.2, 'ws', 'w', `c${i}`)) inside++;
  assert.ok(inside > 1880 && inside < 2120, String(inside));
  assert.equal(inHoldout(0.2, 'ws', 'w', 'c1'), inHoldout(0.2, 'ws', 'w', 'c1'));
  assert.equal(inHoldout(0, 'ws', 'w', 'c1'), false);
});

test('Newcombe interval matches the worked example of Newcombe (1998), method 10', () => {
  // 56/70 against 48/80: difference 0.2, 95 % interval 0.0524 to 0.3339 (Newcombe, Stat Med 17:873, Table II, example a).
  const lift = liftOf({ entered: 70, converted: 56 }, { entered: 80, converted: 48 });
  assert.equal(lift.difference!.toFixed(4), '0.2000');
  assert.equal(lift.interval![0].toFixed(4), '0.0524');
  assert.equal(lift.interval![1].toFixed(4), '0.3339');
  assert.equal(lift.verdict, 'significant');
  const [l, u] = wilson(0, 10, 1.959964);
  assert.equal(l, 0);
  assert.equal(u.toFixed(4), '0.2775');
  assert.equal(liftOf({ entered: 10, converted: 5 }, { entered: 10, converted: 1 }).verdict, 'too_few');
  assert.equal(
    liftOf({ entered: 100, converted: 20 }, { entered: 100, converted: 18 }).verdict,
    'not_significant',
  );
});
