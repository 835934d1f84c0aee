/**
 * Issue #13, finding 13: the survey link-signing secrets (and the identity-verification secret
 * derived from them) were kept in plain text in the DuckDB file. They are now sealed with a key
 * kept beside the file (`<db>.key`, 0600), and a database from before is sealed at start without
 * changing any link already sent.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { signToken, type TokenClaims } from '../../src/core/surveys/token.ts';
import { LinkTokens } from '../../src/capabilities/surveys/link-tokens.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { atRestKeyPath } from '../../src/platform/store/duckdb/at-rest-key.ts';
import { row, text } from '../../src/platform/store/rows.ts';
import { tempDir } from '../helpers.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');
const claims = (workspace: string): TokenClaims => ({
  workspace,
  invitation: 'inv-1',
  customer: 'c1',
  survey: 's',
  trigger: 't',
  expires: NOW + 86_400_000,
});
const stored = (store: DuckDbStore, workspace: string) =>
  store
    .readRows(row({ secret: text }), 'SELECT secret FROM survey_secrets WHERE workspace_id = $1', [workspace])
    .then((rows) => rows[0]!.secret);
/** The database file and its write-ahead log as bytes, to look for a secret in them. */
const fileBytes = (db: string) =>
  Buffer.concat([
    readFileSync(db),
    ...(statSync(`${db}.wal`, { throwIfNoEntry: false }) ? [readFileSync(`${db}.wal`)] : []),
  ]);

test('a new secret is sealed in the file with a key beside it (0600); links and user hashes verify after a restart', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  let store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  await store.createWorkspace('acme', 'Acme', NOW);
  const token = await new LinkTokens(store).sign(claims('acme'), NOW);
  const identity = await new LinkTokens(store).identitySecret('acme', NOW);
  const sealed = await stored(store, 'acme');
  assert.ok(store.sealer.isSealed(sealed), 'stored sealed');
  const plain = store.sealer.open(sealed);
  await store.close();

  assert.equal(statSync(atRestKeyPath(tmp.db)).mode & 0o777, 0o600);
  assert.equal(fileBytes(tmp.db).includes(plain), false, 'the plain secret is not in the database file');

  store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  t.after(() => store.close());
  const tokens = new LinkTokens(store);
  assert.equal((await tokens.verify(token, NOW)).invitation, 'inv-1');
  assert.equal(await tokens.identitySecret('acme', NOW), identity);
});

test('a database from before keeps its links: the plain secret is sealed at start, the same secret', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  let store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  await store.createWorkspace('acme', 'Acme', NOW);
  // What an earlier version stored: the secret itself.
  const plain = 'b'.repeat(10) + 'plain-secret-of-an-earlier-version';
  await store.write([
    { sql: 'INSERT INTO survey_secrets VALUES ($1, $2, $3)', params: ['acme', plain, new Date(NOW)] },
  ]);
  const issued = signToken(claims('acme'), plain);
  await store.close();

  store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  const tokens = new LinkTokens(store);
  assert.equal(await tokens.sealStoredSecrets(), 1);
  assert.equal(await tokens.sealStoredSecrets(), 0, 'nothing left to seal');
  assert.ok(store.sealer.isSealed(await stored(store, 'acme')));
  assert.equal(store.sealer.open(await stored(store, 'acme')), plain);
  await store.close();
  // (The plain bytes stay in pages DuckDB freed until it reuses them: docs/surveys.md says so.)

  store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  t.after(() => store.close());
  assert.equal(
    (await new LinkTokens(store).verify(issued, NOW)).invitation,
    'inv-1',
    'a link sent before still works',
  );
});

test('without its key file the database cannot sign with the old secret: a new key fails loudly, not silently', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  let store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  await store.createWorkspace('acme', 'Acme', NOW);
  const token = await new LinkTokens(store).sign(claims('acme'), NOW);
  await store.close();
  const { rmSync } = await import('node:fs');
  rmSync(atRestKeyPath(tmp.db));
  store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  t.after(() => store.close());
  await assert.rejects(
    new LinkTokens(store).verify(token, NOW),
    /sealed with another key: restore the key file/,
  );
});
