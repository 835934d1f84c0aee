import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../src/app/http/app.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { totpCode } from '../src/capabilities/people/totp.ts';
import { smtpSender } from '../src/platform/messaging/email.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { tempDir } from './helpers.ts';
import { startSmtp } from './smtp.ts';

const PASSWORD = 'correct horse battery';
const ORIGIN = 'http://localhost';

/**
 * People end to end in-process, on a real DuckDB file and a real SMTP server on loopback:
 * invitations and resets arrive by mail and work once; a wrong password answers exactly like an
 * unknown email and is rate-limited; TOTP asks for a code once turned on.
 */
describe('people: sign-in, invitations, resets and TOTP', () => {
  let clock = Date.parse('2025-06-30T12:00:00Z');
  const now = () => clock;
  const tmp = tempDir();
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let store: DuckDbStore;
  let services: ReturnType<typeof createServices>;
  let app: ReturnType<typeof createApp>;

  const call = (method: string, path: string, body?: unknown, cookie?: string) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...(cookie ? { cookie } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
  const tokenIn = (text: string) => /#token=([A-Za-z0-9_-]+)/.exec(text)![1]!;

  before(async () => {
    smtp = await startSmtp();
    store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    const sender = smtpSender({
      host: '127.0.0.1',
      port: smtp.port,
      tls: 'none',
      from: 'cxloop <cx@localhost>',
      allowSelfSigned: false,
      maxConnections: 1,
    });
    services = createServices(store, now, { people: { sender: () => sender, publicUrl: 'http://cx.test' } });
    await store.createWorkspace('acme', 'Acme', now());
    await store.createWorkspace('globex', 'Globex', now());
    await services.people.addUser('acme', 'ada@example.com', 'admin', PASSWORD, 'Ada');
    app = createApp(services);
  });
  after(async () => {
    await store.close();
    await smtp.close();
    tmp.cleanup();
  });

  test('passwords are stored as Argon2id hashes, never as given', async () => {
    const [row] = await store.read("SELECT password_hash FROM users WHERE email = 'ada@example.com'");
    assert.match(String(row!.password_hash), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!readFileSync(tmp.db).includes(Buffer.from(PASSWORD)));
  });

  test('a wrong password gets the same reply as an unknown email, then 429 with Retry-After', async () => {
    const wrong = await call('POST', '/v1/sign-in', {
      email: 'ada@example.com',
      password: 'not the one at all',
    });
    const unknown = await call('POST', '/v1/sign-in', {
      email: 'nobody@example.com',
      password: 'not the one at all',
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(await wrong.json(), await unknown.json());
    let last: Response = wrong;
    for (let i = 0; i < 5; i++)
      last = await call('POST', '/v1/sign-in', { email: 'ada@example.com', password: 'x' });
    assert.equal(last.status, 429);
    assert.ok(Number(last.headers.get('retry-after')) > 0);
    // Even the right password waits while the email is limited; a minute later it works.
    assert.equal(
      (await call('POST', '/v1/sign-in', { email: 'ada@example.com', password: PASSWORD })).status,
      429,
    );
    clock += 61_000;
    const ok = await call('POST', '/v1/sign-in', { email: 'ADA@example.com', password: PASSWORD });
    assert.equal(ok.status, 200);
    const session = (await ok.json()) as { principal: { role: string; email: string }; allowed: string[] };
    assert.equal(session.principal.role, 'admin');
    assert.ok(session.allowed.includes('POST /v1/users/invitations'));
  });

  test('an invitation is mailed, makes a user with its role, and works once', async () => {
    const admin = cookieOf(
      await call('POST', '/v1/sign-in', { email: 'ada@example.com', password: PASSWORD }),
    );
    const invited = await call(
      'POST',
      '/v1/users/invitations',
      { email: 'Vic@Example.com', role: 'viewer' },
      admin,
    );
    assert.equal(invited.status, 201);
    assert.equal((await services.people.mail.runDue()).done, 1);
    const [mail] = await smtp.waitFor(1);
    assert.equal(mail!.to && !Array.isArray(mail!.to) ? mail!.to.text : '', 'vic@example.com');
    const token = tokenIn(mail!.text!);
    assert.ok(mail!.text!.includes('http://cx.test/invite#token='));
    const accepted = await call('POST', '/v1/invitations/accept', { token, name: 'Vic', password: PASSWORD });
    assert.equal(accepted.status, 200);
    const vic = cookieOf(accepted);
    const again = await call('POST', '/v1/invitations/accept', { token, name: 'Eve', password: PASSWORD });
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'link_used');
    // The viewer reads aggregates, and is refused the members list with the operation named.
    const users = await call('GET', '/v1/users', undefined, vic);
    assert.equal(users.status, 403);
    assert.match(
      ((await users.json()) as { error: { message: string } }).error.message,
      /GET \/v1\/users needs the admin role/,
    );
    const list = (await (await call('GET', '/v1/users', undefined, admin)).json()) as {
      users: { email: string; role: string }[];
    };
    assert.deepEqual(
      list.users.map((u) => [u.email, u.role]),
      [
        ['ada@example.com', 'admin'],
        ['vic@example.com', 'viewer'],
      ],
    );
  });

  test('a reset link sets a new password once, ends old sessions, and is refused used or expired', async () => {
    const before = cookieOf(
      await call('POST', '/v1/sign-in', { email: 'vic@example.com', password: PASSWORD }),
    );
    assert.equal((await call('POST', '/v1/password-reset', { email: 'vic@example.com' })).status, 204);
    assert.equal((await call('POST', '/v1/password-reset', { email: 'ghost@example.com' })).status, 204);
    await services.people.mail.runDue();
    const mails = await smtp.waitFor(2);
    const token = tokenIn(mails[1]!.text!);
    const fresh = 'a new password for vic';
    assert.equal((await call('POST', '/v1/password-reset/confirm', { token, password: fresh })).status, 204);
    const twice = await call('POST', '/v1/password-reset/confirm', { token, password: 'yet another one' });
    assert.equal(((await twice.json()) as { error: { code: string } }).error.code, 'link_used');
    assert.equal((await call('GET', '/v1/session', undefined, before)).status, 401);
    assert.equal(
      (await call('POST', '/v1/sign-in', { email: 'vic@example.com', password: fresh })).status,
      200,
    );
    // An expired link: made now, used after its hour.
    await call('POST', '/v1/password-reset', { email: 'vic@example.com' });
    await services.people.mail.runDue();
    const late = tokenIn((await smtp.waitFor(3))[2]!.text!);
    clock += 61 * 60_000;
    const expired = await call('POST', '/v1/password-reset/confirm', {
      token: late,
      password: 'too late for this',
    });
    assert.equal(expired.status, 400);
    assert.equal(((await expired.json()) as { error: { code: string } }).error.code, 'link_expired');
    // Only one mail went to an unknown address: none.
    assert.equal(smtp.messages.filter((m) => m.text?.includes('ghost')).length, 0);
  });

  test('TOTP: enrolment with a code, then sign-in asks for one; a wrong code spends the challenge', async () => {
    const ada = cookieOf(await call('POST', '/v1/sign-in', { email: 'ada@example.com', password: PASSWORD }));
    const enrol = (await (await call('POST', '/v1/account/totp', undefined, ada)).json()) as {
      secret: string;
      uri: string;
    };
    assert.match(enrol.uri, /^otpauth:\/\/totp\/cxloop:ada%40example\.com\?/);
    const bad = await call('POST', '/v1/account/totp/confirm', { code: '000000' }, ada);
    assert.equal(bad.status, 400);
    assert.equal(
      (await call('POST', '/v1/account/totp/confirm', { code: totpCode(enrol.secret, clock) }, ada)).status,
      204,
    );
    const first = (await (
      await call('POST', '/v1/sign-in', { email: 'ada@example.com', password: PASSWORD })
    ).json()) as {
      totpRequired: boolean;
      challenge: string;
    };
    assert.equal(first.totpRequired, true);
    const wrong = await call('POST', '/v1/sign-in/totp', {
      challenge: first.challenge,
      code: '123456' === totpCode(enrol.secret, clock) ? '654321' : '123456',
    });
    assert.equal(wrong.status, 401);
    const reused = await call('POST', '/v1/sign-in/totp', {
      challenge: first.challenge,
      code: totpCode(enrol.secret, clock),
    });
    assert.equal(reused.status, 400);
    const second = (await (
      await call('POST', '/v1/sign-in', { email: 'ada@example.com', password: PASSWORD })
    ).json()) as {
      challenge: string;
    };
    const ok = await call('POST', '/v1/sign-in/totp', {
      challenge: second.challenge,
      code: totpCode(enrol.secret, clock),
    });
    assert.equal(ok.status, 200);
    // The secret is sealed at rest with the file's key.
    const [row] = await store.read("SELECT totp_secret FROM users WHERE email = 'ada@example.com'");
    assert.match(String(row!.totp_secret), /^sealed:v1:/);
  });

  test('the last admin cannot be demoted or removed; a removed member is signed out at once', async () => {
    const ada = cookieOf(await signInAda());
    const list = (await (await call('GET', '/v1/users', undefined, ada)).json()) as {
      users: { id: string; email: string }[];
    };
    const adaId = list.users.find((u) => u.email === 'ada@example.com')!.id;
    const vicId = list.users.find((u) => u.email === 'vic@example.com')!.id;
    assert.equal((await call('PATCH', `/v1/users/${adaId}`, { role: 'viewer' }, ada)).status, 409);
    const vic = cookieOf(
      await call('POST', '/v1/sign-in', { email: 'vic@example.com', password: 'a new password for vic' }),
    );
    assert.equal((await call('GET', '/v1/session', undefined, vic)).status, 200);
    assert.equal((await call('DELETE', `/v1/users/${vicId}`, undefined, ada)).status, 204);
    assert.equal((await call('GET', '/v1/session', undefined, vic)).status, 401);
  });

  test('workspaces never see each other: a member of acme is not signed in to globex', async () => {
    const res = await call('POST', '/v1/sign-in', {
      email: 'ada@example.com',
      password: PASSWORD,
      workspace: 'globex',
    });
    assert.equal(res.status, 401);
  });

  async function signInAda() {
    const first = (await (
      await call('POST', '/v1/sign-in', { email: 'ada@example.com', password: PASSWORD })
    ).json()) as {
      challenge: string;
    };
    const [row] = await store.read("SELECT totp_secret FROM users WHERE email = 'ada@example.com'");
    const secret = store.sealer!.open(String(row!.totp_secret));
    return call('POST', '/v1/sign-in/totp', { challenge: first.challenge, code: totpCode(secret, clock) });
  }
});
