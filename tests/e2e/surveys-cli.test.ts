import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../helpers.ts';

const tmp = tempDir('cxloop-surveys-cli-');
after(tmp.cleanup);
const db = join(tmp.dir, 'cli.duckdb');
const cxloop = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/cxloop.js', ...args, '--db', db], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('surveys apply loads the YAML examples; list, results and policy work; bad files are refused by path', () => {
  const applied = cxloop(
    'surveys',
    'apply',
    'examples/surveys/post-delivery-csat.yaml',
    'examples/surveys/relationship-nps.yaml',
  );
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(
    applied.stdout,
    /survey post-delivery-csat saved: 3 questions, 1 triggers, touchpoint delivery/,
  );
  const list = JSON.parse(cxloop('surveys', 'list', '--format', 'json').stdout) as { id: string }[];
  assert.deepEqual(
    list.map((s) => s.id),
    ['post-delivery-csat', 'relationship-nps'],
  );
  const results = JSON.parse(cxloop('surveys', 'results', 'relationship-nps', '--format', 'json').stdout);
  assert.equal(results.invitations, 0);
  assert.deepEqual(
    results.questions.map((q: { id: string }) => q.id),
    ['recommend', 'improve', 'praise'],
  );

  const bad = join(tmp.dir, 'bad.yaml');
  writeFileSync(
    bad,
    'id: bad\nname: Bad\ntouchpoint: nowhere\nquestions:\n  - { id: q, kind: nps, text: Hi, showIf: { question: q, max: 3 } }\n',
  );
  const refused = cxloop('surveys', 'apply', bad);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /questions\.0\.showIf\.question/);

  const policy = join(tmp.dir, 'policy.yaml');
  writeFileSync(policy, 'maxInvitations: 1\nperiod: 14d\nquietHours: null\n');
  const set = cxloop('surveys', 'policy', 'set', policy);
  assert.equal(set.code, 0, set.stderr);
  assert.equal(JSON.parse(set.stdout).period, 14 * 86_400_000);
  assert.equal(JSON.parse(cxloop('surveys', 'policy', 'show').stdout).maxInvitations, 1);
});
