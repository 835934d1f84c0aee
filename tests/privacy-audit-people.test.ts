import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '../src/capabilities/people/totp.ts';
import { createApp } from '../src/app/http/app.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import type { Store } from '../src/platform/store/port.ts';
import { tempDir } from './helpers.ts';
import { startPgServer } from './pg-server.ts';

interface Entry {
  actor: { kind: string; id: string };
  operation: string;
  target: string | null;
  diff: { path: string; before?: unknown; after?: unknown }[] | null;
}

const PASSWORD = 'correct horse battery';
const ORIGIN = 'http://localhost';

/**
 * The audit log names the person: a user signed in with email and password is the actor of their
 * sign-in, of each change they make, and of a wrong password tried on their email; every
 * configuration and admin operation added with users, workflows, answers, text and workshops is
 * recorded once, configuration with its diff. A real DuckDB file and a private PostgreSQL cluster,
 * the real app in-process.
 */
/** Two workspaces with a secret key each, the app over `store` (DuckDB, then PostgreSQL). */
async function auditKit(store: Store, now: () => number) {
  const services = createServices(store, now);
  const keys: Record<string, { secret: string }> = {};
  for (const ws of ['acme', 'globex']) {
    await store.createWorkspace(ws, ws, now());
    keys[ws] = { secret: (await createKey(store, ws, 'secret', now())).key };
  }
  const app = createApp(services);
  const get = (path: string, key: string) =>
    app.request(path, { headers: { authorization: `Bearer ${key}` } });
  return { app, services, keys, get };
}

interface Engine {
  name: string;
  open(): Promise<{ store: Store; close(): Promise<void> }>;
}

const ENGINES: Engine[] = [
  {
    name: 'DuckDB',
    async open() {
      const tmp = tempDir();
      const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
      return {
        store,
        async close() {
          await store.close();
          tmp.cleanup();
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const server = await startPgServer();
      const store = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
      return {
        store,
        async close() {
          await store.close();
          await server.stop();
        },
      };
    },
  },
];

for (const engine of ENGINES)
  describe(`the audit log names the signed-in user and records the new operations once each, on ${engine.name}`, () => {
    let clock = Date.parse('2025-06-30T12:00:00Z');
    let t: Awaited<ReturnType<typeof auditKit>>;
    let opened: Awaited<ReturnType<Engine['open']>>;
    let ada = '';
    let bob = '';
    let cookie = '';
    let invitationLink = '';

    const asAda = async (method: string, path: string, body?: unknown) =>
      t.app.request(path, {
        method,
        headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const signIn = (body: unknown, userAgent = 'TestBrowser/1.0') =>
      t.app.request('/v1/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'user-agent': userAgent },
        body: JSON.stringify(body),
      });
    const audit = async (workspace = 'acme', query = '') => {
      const res = await t.get(`/v1/audit${query}`, t.keys[workspace]!.secret);
      assert.equal(res.status, 200);
      return ((await res.json()) as { entries: Entry[] }).entries;
    };

    before(async () => {
      opened = await engine.open();
      t = await auditKit(opened.store, () => clock);
      ada = await t.services.people.addUser('acme', 'ada@example.com', 'admin', PASSWORD, 'Ada');
      await t.services.people.addUser('globex', 'ada@example.com', 'viewer', null);
      bob = await t.services.people.addUser('acme', 'bob@example.com', 'viewer', PASSWORD, 'Bob');
    });
    after(() => opened?.close());

    test('a password sign-in is recorded with the user as actor; a wrong password on a known email too', async () => {
      const wrong = await signIn({ email: 'ada@example.com', password: 'not the one at all' });
      assert.equal(wrong.status, 401);
      const unknown = await signIn({ email: 'nobody@example.com', password: 'not the one at all' });
      assert.equal(unknown.status, 401);
      const res = await signIn({ email: 'ada@example.com', password: PASSWORD, workspace: 'acme' });
      assert.equal(res.status, 200, await res.clone().text());
      cookie = res.headers.get('set-cookie')!.split(';')[0]!;

      const signIns = await audit('acme', '?operation=session.sign-in');
      assert.deepEqual(
        signIns.map((e) => [e.actor, e.target]),
        [[{ kind: 'user', id: ada }, 'password']],
      );
      // Ada is a member of both workspaces: the wrong password was tried on both, so both logs have it.
      for (const ws of ['acme', 'globex']) {
        const refused = await audit(ws, '?operation=session.sign-in-refused');
        assert.deepEqual(
          refused.map((e) => e.actor),
          [{ kind: 'user', id: ada }],
          ws,
        );
      }
      // The unknown email named no workspace and no user: nothing else was recorded.
      assert.equal((await audit('acme')).length, 2);
    });

    test('each new configuration and admin operation appears once, with Ada as actor', async () => {
      clock += 1000;
      const ok = async (method: string, path: string, body?: unknown) => {
        const res = await asAda(method, path, body);
        assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
        return res;
      };
      const workflow = {
        id: 'thanks',
        name: 'Thank-you',
        purpose: 'marketing',
        trigger: { event: 'Order Completed' },
        steps: [
          { id: 'wait', type: 'wait', duration: '3d' },
          { id: 'mail', type: 'email', template: 'thanks' },
          { id: 'done', type: 'exit' },
        ],
        templates: {
          thanks: {
            subject: 'Thank you',
            html: '<p>Thank you. <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
            text: 'Thank you. Unsubscribe: {{ unsubscribe_url }}',
          },
        },
      };
      await ok('PUT', '/v1/workflows/thanks', workflow);
      await ok('PUT', '/v1/workflows/thanks', { ...workflow, name: 'Thanks' });
      const article = (body: string) => ({
        articles: [{ id: 'returns', markdown: `---\ntitle: Returns\n---\n${body}` }],
      });
      await ok('PUT', '/v1/answers', article('Send it back within 30 days.'));
      await ok('PUT', '/v1/answers', article('Send it back within 60 days.'));
      await ok('PUT', '/v1/text/themes/address-change', { label: 'Address changes', keywords: ['address'] });
      await ok('DELETE', '/v1/text/themes/address-change');
      const invited = await ok('POST', '/v1/users/invitations', { email: 'cy@example.com', role: 'agent' });
      const link = ((await invited.json()) as { link: string }).link;
      invitationLink = link;
      await ok('PATCH', `/v1/users/${bob}`, { role: 'analyst' });
      await ok('DELETE', `/v1/users/${bob}`);
      await ok('PUT', '/v1/customers/c1/consent', { channel: 'email', purpose: 'marketing', granted: false });
      const workshop = await ok('POST', '/v1/workshops', { id: 'ws1', name: 'Delivery workshop' });
      const { joinToken } = (await workshop.json()) as { joinToken: string };
      const relinked = await ok('POST', '/v1/workshops/ws1/link');
      const { joinToken: newToken } = (await relinked.json()) as { joinToken: string };
      await ok('POST', '/v1/workshops/ws1/actions', { title: 'Call back within a day' });

      const entries = (await audit('acme', '?limit=100')).filter((e) => !e.operation.startsWith('session.'));
      const seen = entries.map((e) => `${e.operation} ${e.target}`).sort();
      const customer = await t.services.privacy.customerTarget('acme', 'c1');
      assert.deepEqual(
        seen,
        [
          `customer.consent ${customer}`,
          'knowledge-base.replace knowledge-base',
          'knowledge-base.replace knowledge-base',
          'text-theme.delete theme:address-change',
          'text-theme.save theme:address-change',
          `user.invite invitation:cy@example.com as agent`,
          `user.remove user:${bob}`,
          `user.role user:${bob}`,
          'workflow.save workflow:thanks',
          'workflow.save workflow:thanks',
          'workshop.action workshop:ws1',
          'workshop.create workshop:ws1',
          'workshop.new-link workshop:ws1',
        ].sort(),
      );
      for (const e of entries) assert.deepEqual(e.actor, { kind: 'user', id: ada }, e.operation);

      const diffOf = (operation: string, n = 0) => entries.filter((e) => e.operation === operation)[n]!.diff;
      // Newest first: the rename is the first workflow.save, the creation the second.
      assert.deepEqual(
        diffOf('workflow.save', 0)!.filter((d) => d.path === 'name'),
        [{ path: 'name', before: 'Thank-you', after: 'Thanks' }],
      );
      assert.ok(diffOf('workflow.save', 1)!.some((d) => d.path === '' && d.before === null));
      assert.deepEqual(diffOf('user.role'), [{ path: 'role', before: 'viewer', after: 'analyst' }]);
      assert.deepEqual(diffOf('user.remove'), [{ path: 'role', before: 'analyst', after: null }]);
      assert.deepEqual(diffOf('customer.consent'), [
        { path: 'email/marketing', after: { granted: false, source: 'api' } },
      ]);
      assert.deepEqual(
        diffOf('text-theme.delete')!.map((d) => [d.path, d.after]),
        [['', null]],
      );
      // Created: the article as a whole; then only its body changed, shown as digests, never the text.
      const created = diffOf('knowledge-base.replace', 1)!;
      assert.deepEqual(
        created.map((d) => [d.path, (d.after as { title?: string }).title]),
        [['articles.returns/en', 'Returns']],
      );
      const edited = diffOf('knowledge-base.replace', 0)!;
      assert.deepEqual(
        edited.map((d) => d.path),
        ['articles.returns/en.markdown'],
      );
      assert.match(String(edited[0]!.before), /^sha256:[0-9a-f]{16}$/);
      assert.notEqual(edited[0]!.before, edited[0]!.after);
      assert.ok(!JSON.stringify([created, edited]).includes('days'), 'bodies appear as digests');

      // No credential reaches the log: not the invitation link, not a workshop's join tokens.
      const everything = JSON.stringify(await audit('acme', '?limit=100'));
      for (const secret of [/#token=([^"&]+)/.exec(link)![1]!, joinToken, newToken])
        assert.ok(!everything.includes(secret));
      // A customer is named by hash only.
      assert.ok(!everything.includes('"c1"') && !everything.includes(':c1'));
    });

    test('a refused change leaves no entry; another workspace sees none of this', async () => {
      clock += 1000;
      const before = (await audit('acme', '?limit=100')).length;
      const bad = await asAda('PUT', '/v1/customers/c1/consent', {
        channel: 'pigeon',
        purpose: 'marketing',
        granted: true,
      });
      assert.equal(bad.status, 400);
      assert.equal((await audit('acme', '?limit=100')).length, before);
      assert.deepEqual(
        (await audit('globex', '?limit=100')).map((e) => e.operation),
        ['session.sign-in-refused'],
      );
    });

    test('sign-ins by a one-time link, password plus TOTP and an accepted invitation name the user and how', async () => {
      clock += 1000;
      const url = await t.services.people.signInLinkFor('acme', 'ada@example.com');
      const token = /#token=([A-Za-z0-9_-]+)/.exec(url)![1]!;
      const byLink = await t.app.request('/v1/sign-in/link', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ token }),
      });
      assert.equal(byLink.status, 200);
      cookie = byLink.headers.get('set-cookie')!.split(';')[0]!;
      const enrol = (await (await asAda('POST', '/v1/account/totp')).json()) as { secret: string };
      const confirmed = await asAda('POST', '/v1/account/totp/confirm', {
        code: totpCode(enrol.secret, clock),
      });
      assert.equal(confirmed.status, 204);
      clock += 60_000; // a fresh code: the one used to confirm is spent
      const first = (await (
        await signIn({ email: 'ada@example.com', password: PASSWORD, workspace: 'acme' })
      ).json()) as {
        challenge: string;
      };
      const second = await t.app.request('/v1/sign-in/totp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ challenge: first.challenge, code: totpCode(enrol.secret, clock) }),
      });
      assert.equal(second.status, 200, await second.clone().text());
      const accepted = await t.app.request('/v1/invitations/accept', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({
          token: /#token=([A-Za-z0-9_-]+)/.exec(invitationLink)![1]!,
          name: 'Cy',
          password: PASSWORD,
        }),
      });
      assert.equal(accepted.status, 200, await accepted.clone().text());
      const cy = ((await accepted.json()) as { principal: { id: string } }).principal.id;
      assert.notEqual(cy, ada);
      // Newest first; the password step that only asked for the code is not a sign-in of its own.
      assert.deepEqual(
        (await audit('acme', '?operation=session.sign-in')).map((e) => [e.actor.id, e.target]),
        [
          [cy, 'invitation'],
          [ada, 'password+totp'],
          [ada, 'link'],
          [ada, 'password'],
        ],
      );
    });
  });
