import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServerProcess } from '../server-process.ts';
import { tempDir } from '../helpers.ts';

/**
 * Read-only commands while a real `cxloop serve` process holds the DuckDB file: they go through the
 * server's HTTP API and print exactly what the same command prints on the file once the server stops.
 */
const tmp = tempDir('cxloop-through-');
after(tmp.cleanup);
const db = join(tmp.dir, 'held.duckdb');

function cxloop(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/cxloop.js', ...args, '--db', db], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
// The demo's history ends now; a window that ends days ago gives the same answer later in the test.
const WINDOW = ['--from', day(110), '--to', day(5)];

const READS: string[][] = [
  ['report', 'scores', ...WINDOW, '--by', 'touchpoint'],
  ['report', 'scores', ...WINDOW, '--interval', 'month', '--format', 'json'],
  ['report', 'compare', ...WINDOW, '--format', 'csv'],
  ['report', 'funnel', ...WINDOW],
  ['report', 'journey-time', ...WINDOW],
  ['report', 'retention', ...WINDOW, '--format', 'json'],
  ['report', 'pain-points', ...WINDOW],
  ['analyze', 'drivers', ...WINDOW, '--outcome', 'repeat-purchase', '--min-n', '10'],
  ['analyze', 'cross-impact', ...WINDOW, '--min-group', '5', '--micmac'],
  [
    'analyze',
    'what-if',
    ...WINDOW,
    '--touchpoint',
    'delivery',
    '--outcome',
    'repeat-purchase',
    '--lift',
    '1',
  ],
  ['analyze', 'what-if', ...WINDOW, '--touchpoint', 'delivery', '--halve-bad', '--format', 'json'],
  ['journey', 'show'],
  ['journey', 'show', '--format', 'json'],
  ['surveys', 'list'],
  ['surveys', 'list', '--format', 'json'],
  ['surveys', 'results', 'post-delivery-csat', '--format', 'json'],
  ['surveys', 'policy', 'show'],
  // Refusals are the same too: a bad field (exit 2) and an unknown survey (exit 1).
  ['report', 'scores', '--from', 'yesterday', '--to', day(5)],
  ['surveys', 'results', 'no-such-survey'],
];

describe('read-only commands while a server holds the database', () => {
  const throughServer = new Map<string, ReturnType<typeof cxloop>>();

  before(async () => {
    const demo = cxloop('demo', '--customers', '400', '--months', '4');
    assert.equal(demo.code, 0, demo.stderr);
    const survey = cxloop('surveys', 'apply', 'examples/surveys/post-delivery-csat.yaml');
    assert.equal(survey.code, 0, survey.stderr);
    const server = await startServerProcess(db);
    try {
      const note = statSync(`${db}.server.json`);
      assert.equal(note.mode & 0o077, 0, 'the note with the local token is readable by its owner only');
      const refused = cxloop('keys', 'create', '--kind', 'secret');
      assert.equal(refused.code, 3, 'a writing command still refuses: the file is held');
      for (const args of READS) throughServer.set(args.join(' '), cxloop(...args));
      const unknown = cxloop('report', 'funnel', ...WINDOW, '--workspace', 'nope');
      throughServer.set('unknown workspace', unknown);
    } finally {
      await server.stop();
    }
  });

  for (const args of READS) {
    test(`cxloop ${args.filter((a) => !WINDOW.includes(a)).join(' ')} prints the same through the server`, () => {
      const served = throughServer.get(args.join(' '))!;
      const direct = cxloop(...args);
      assert.equal(served.stderr, direct.stderr);
      assert.equal(served.code, direct.code);
      assert.equal(served.stdout, direct.stdout);
      if (direct.code === 0) assert.ok(direct.stdout.length > 40, `${args.join(' ')} printed something`);
    });
  }

  test('a workspace the server does not have is an error, not created', () => {
    const served = throughServer.get('unknown workspace')!;
    assert.equal(served.code, 1);
    assert.match(served.stderr, /no workspace "nope"/);
  });

  test('a note left by a killed server is not trusted when another process holds the lock', async () => {
    const server = await startServerProcess(db);
    await server.stop('SIGKILL');
    // Another process takes the file; the dead server's note still names its pid and URL.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { DuckDBInstance } = await import('@duckdb/node-api');
         await DuckDBInstance.create(${JSON.stringify(db)});
         process.stdout.write('open\\n');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      for await (const chunk of holder.stdout) if (String(chunk).includes('open')) break;
      const result = cxloop('report', 'scores', ...WINDOW);
      assert.equal(result.code, 3);
      assert.match(result.stderr, /held by another process/);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });
});
