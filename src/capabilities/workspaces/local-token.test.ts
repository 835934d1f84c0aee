import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../app/http/app.ts';
import { createServices } from '../graph.ts';
import { DuckDbStore } from '../../platform/store/duckdb/store.ts';
import { tempDir } from '../../../tests/helpers.ts';
import { LOCAL_WORKSPACE_HEADER } from './local-header.ts';
import { MIGRATIONS } from '../migrations.ts';

/**
 * The server's local token (what `cxloop` reads through while the server holds the database): a
 * secret key of the workspace the request names, on a real DuckDB file.
 */
const TOKEN = 'local-token-for-this-test-only-0123456789';
const now = () => Date.parse('2025-06-30T12:00:00Z');
const tmp = tempDir();
let store: DuckDbStore;
let app: ReturnType<typeof createApp>;

before(async () => {
  store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  for (const id of ['acme', 'globex']) await store.createWorkspace(id, id, now());
  const services = createServices(store, now, { localToken: TOKEN });
  app = createApp(services);
  for (const [workspace, name] of [
    ['acme', 'Acme journey'],
    ['globex', 'Globex journey'],
  ] as const) {
    const { map } = await services.journeys.get(workspace);
    await services.journeys.set(workspace, { ...map, name }, now());
  }
});
after(async () => {
  await store.close();
  tmp.cleanup();
});

const journey = (token: string, workspace?: string) =>
  app.request('/v1/journey', {
    headers: {
      authorization: `Bearer ${token}`,
      ...(workspace === undefined ? {} : { [LOCAL_WORKSPACE_HEADER]: workspace }),
    },
  });

describe('the local token', () => {
  test('reads the workspace the header names, and says which in the reply', async () => {
    for (const [workspace, name] of [
      ['acme', 'Acme journey'],
      ['globex', 'Globex journey'],
    ]) {
      const reply = await journey(TOKEN, workspace);
      assert.equal(reply.status, 200);
      assert.equal(((await reply.json()) as { name: string }).name, name);
      assert.equal(reply.headers.get(LOCAL_WORKSPACE_HEADER), workspace);
    }
  });

  test('without the header it reads the first workspace, as the CLI does on the file', async () => {
    const reply = await journey(TOKEN);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get(LOCAL_WORKSPACE_HEADER), 'acme');
  });

  test('an unknown workspace is 404 and is not created', async () => {
    const reply = await journey(TOKEN, 'initech');
    assert.equal(reply.status, 404);
    assert.equal(await store.getWorkspace('initech'), null);
  });

  test('anything but the exact token is refused', async () => {
    for (const token of [TOKEN.slice(0, -1), `${TOKEN}x`, 'x']) {
      assert.equal((await journey(token, 'acme')).status, 401);
    }
  });

  test('a server without a token accepts none', async () => {
    const plain = createApp(createServices(store, now));
    const reply = await plain.request('/v1/journey', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(reply.status, 401);
  });
});
